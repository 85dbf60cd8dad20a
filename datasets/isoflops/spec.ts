/** Registry entry: the consolidated IsoFLOP table of Open-Athena's scaling-law-analysis (947 points, 5 sources). */
import { FILES } from "./files";
import { type DatasetSpec, noLicenceFile } from "../types";

export const ISOFLOPS_SPEC: DatasetSpec = {
  id: "isoflops",
  title: "IsoFLOP points from Chinchilla (Epoch extraction), Llama 3, Marin, misfitting and ml-scalefit, with outlier flags",
  summary:
    "947 (N, D, C, loss) points of published IsoFLOP sweeps, consolidated into one table with a quality-control flag " +
    "(`outlier`) and its reason (off_center, too_few_points, weak_curvature, spline_outlier, near_duplicate_params, " +
    "too_few_post_qc, exact_duplicate).",
  citation: {
    key: "openathena2026isoflops",
    authors: "Open-Athena",
    year: 2026,
    title: "scaling-law-analysis: consolidated IsoFLOP data",
    url: "https://github.com/Open-Athena/scaling-law-analysis",
    where: "data/isoflops/transform/isoflops.csv",
  },
  source: { repo: "Open-Athena/scaling-law-analysis", commit: "3e0656ee3dce1a2c89aa67691920f5eb9d30f0fc" },
  licence: noLicenceFile("no LICENSE file seen: load by URL with citation, do not bundle"),
  files: FILES,
  tables: [
    {
      name: "points",
      description: "One row per IsoFLOP point (947 rows, file order).",
      from: ["isoflops/isoflops.csv"],
      columns: [
        { name: "source", type: "string", unit: null, description: "origin: epochai_chinchilla, ml_scalefit, llama_3, marin_202603, misfitting (`source`)" },
        { name: "dataset", type: "string", unit: null, description: "training data set (`dataset`)" },
        { name: "model", type: "string", unit: null, description: "model family (`model`)" },
        { name: "condition", type: "string", unit: null, description: "variant within a source (llama_3: raw_loss or exp_loss = exp(raw_loss)); null when none", nullable: true },
        { name: "experiment", type: "string", unit: null, description: "one IsoFLOP experiment = source × dataset × model (× condition) (`experiment`)" },
        { name: "N", type: "number", unit: "params", description: "parameters as reported by the source (`params`)" },
        { name: "D", type: "number", unit: "tokens", description: "training tokens (`tokens`)" },
        { name: "C", type: "number", unit: "FLOP", description: "IsoFLOP budget (`budget`); = 6ND exactly for epochai_chinchilla, llama_3, misfitting, within 0.74–1.11 × 6ND for marin and ml_scalefit" },
        { name: "loss", type: "number", unit: "nats/token", description: "loss as reported by the source (`loss`; eval set differs by source)" },
        { name: "outlier", type: "boolean", unit: null, description: "flagged by the source's quality control (`outlier`)" },
        { name: "reason", type: "string", unit: null, description: "why it was flagged, \"none\" otherwise (`reason`)" },
      ],
    },
  ],
  lossRuns: true,
  notes: [
    "750 points are unflagged, 197 flagged as outliers.",
    "llama_3 appears twice: raw_loss (0.69–0.93) and exp_loss = exp(raw_loss); what raw_loss measures is not documented in the file.",
    "Which parameter count (total or non-embedding) each source reports is not documented in the file.",
  ],
};
