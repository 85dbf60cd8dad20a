/** Registry entry: Data Mixing Laws 2- and 3-domain runs (Ye et al. 2024). */
import { FILES } from "./files";
import { type DatasetSpec, noLicenceFile } from "../types";

/** Training domains in proportion order per experiment (2Mix: mix_2_domains.ipynb; 3Mix: checkpoint folder name). */
export const MIXING_LAWS_TRAIN_DOMAINS = {
  "2Mix": ["Github", "Pile-CC"],
  "3Mix": ["Github", "Books3", "Pile-CC"],
} as const;

export const MIXINGLAWS_SPEC: DatasetSpec = {
  id: "mixinglaws",
  title: "Data Mixing Laws: 2- and 3-domain mixture runs (Pythia-style models on Pile domains)",
  summary:
    "Validation losses of models trained on mixtures of 2 (Github, Pile-CC) or 3 (Github, Books3, Pile-CC) Pile " +
    "domains, at several checkpoints. Each line is `<checkpoint path>\\t<validation file>\\t<loss>`; the model size, " +
    "mixture id, proportions and step are parsed from the checkpoint path (e.g. `70M_base2_1-0.25-0.75/27000`).",
  citation: {
    key: "ye2024mixinglaws",
    authors: "Ye et al.",
    year: 2024,
    title: "Data Mixing Laws: Optimizing Data Mixtures by Predicting Language Modeling Performance",
    arxiv: "2403.16952",
    url: "https://github.com/yegcjs/mixinglaws",
    where: "data/2Mix/*.txt, data/3Mix/*.txt",
  },
  source: { repo: "yegcjs/mixinglaws", commit: "8ad3e1244b53294ded55a96ae325f4112ce3bc63" },
  licence: noLicenceFile("no LICENSE file in the repository: load by URL with citation, do not bundle"),
  files: FILES,
  tables: [
    {
      name: "runs",
      description: "One row per (checkpoint, validation domain) line of the source files, in file order.",
      from: ["mixinglaws/"],
      columns: [
        { name: "experiment", type: "string", unit: null, description: "\"2Mix\" or \"3Mix\" (source folder)" },
        { name: "modelSize", type: "string", unit: null, description: "model size label from the file name, e.g. \"70M\"" },
        { name: "N", type: "number", unit: "params", description: "nominal model size of the label (7e7, 1.6e8, 4.1e8)" },
        { name: "mixtureId", type: "number", unit: null, description: "mixture number in the checkpoint name (e.g. 1 in `70M_base2_1-0.25-0.75`)" },
        { name: "r_Github", type: "number", unit: "fraction", description: "training proportion of Github" },
        { name: "r_Books3", type: "number", unit: "fraction", description: "training proportion of Books3 (null in 2Mix)", nullable: true },
        { name: "r_PileCC", type: "number", unit: "fraction", description: "training proportion of Pile-CC" },
        { name: "step", type: "number", unit: "steps", description: "checkpoint step; null for the final checkpoint named `last`", nullable: true },
        { name: "evalDomain", type: "string", unit: null, description: "validation domain (`pythia-pile.valid.<domain>.bin`)" },
        { name: "loss", type: "number", unit: "nats/token", description: "validation loss on that domain" },
        { name: "checkpoint", type: "string", unit: null, description: "checkpoint path as written in the source line" },
      ],
    },
  ],
  lossRuns: true,
  notes: [
    "Only the 2Mix and 3Mix files are registered; 5Mix, RedPajama and ct files of the repository are not.",
    "The authors' notebooks de-duplicate identical lines (set(lines)); this table keeps every line.",
    "Training tokens are not recorded (step only); N is the nominal size label.",
  ],
};
