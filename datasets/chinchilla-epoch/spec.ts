/** Registry entry: Chinchilla's Fig. 4 points as re-extracted by Epoch AI (Besiroglu et al. 2024). */
import { FILES } from "./files";

import { type DatasetSpec, noLicenceFile } from "../types";
import { chinchillaCitation, besiroglu2024Citation } from "../../lib/core/bibliography";


export const CHINCHILLA_EPOCH_SPEC: DatasetSpec = {
  id: "chinchilla-epoch",
  title: "Chinchilla approach-3 runs, re-extracted from Fig. 4 (Epoch AI)",
  summary:
    "245 (N, C, loss) points of Hoffmann et al. (2022) Fig. 4, digitised from the figure's SVG by Besiroglu et al. (2024); " +
    "the loss is decoded from each marker's colour. D is derived as C/(6N), as in Epoch's data_analysis notebook.",
  citation: {
    ...besiroglu2024Citation,
    where: `data/svg_extracted_data.csv (data of Hoffmann et al. ${chinchillaCitation.year}, arXiv ${chinchillaCitation.arxiv}, Fig. 4)`,
  },
  source: { repo: "epoch-research/analyzing-chinchilla", commit: "92258837425e1b5f2851d624287f0120583a3d0e" },
  licence: noLicenceFile("no LICENSE file in the repository: load by URL with citation, do not bundle"),
  files: FILES,
  tables: [
    {
      name: "points",
      description: "One row per training run plotted in Chinchilla Fig. 4 (245 rows, file order).",
      from: ["chinchilla-epoch/svg_extracted_data.csv"],
      columns: [
        { name: "N", type: "number", unit: "params", description: "model size as plotted by Hoffmann et al. (`Model Size`)" },
        { name: "C", type: "number", unit: "FLOP", description: "training compute as plotted by Hoffmann et al. (`Training FLOP`; their FLOP accounting, read off the figure)" },
        { name: "D", type: "number", unit: "tokens", description: "training tokens, derived D = C / (6N) as in Epoch's notebook" },
        { name: "loss", type: "number", unit: "nats/token", description: "final loss (MassiveText) decoded from the marker colour (`loss`)" },
        { name: "svgX", type: "number", unit: null, description: "marker x coordinate in the source SVG (`x`)" },
        { name: "svgY", type: "number", unit: null, description: "marker y coordinate in the source SVG (`y`)" },
        { name: "color", type: "string", unit: null, description: "marker colour, hex (`hex_color`)" },
      ],
    },
  ],
  lossRuns: true,
  notes: [
    "Epoch's refit excludes the 5 highest-loss points (240 remain); the table keeps all 245.",
    "D is not in the file: it is C/(6N), which matches Hoffmann's accounting only approximately.",
  ],
};
