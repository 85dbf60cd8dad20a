/** Registry entry: RegMix proxy-model mixtures and their Pile validation losses (Liu et al. 2024). */
import { FILES } from "./files";
import type { ColumnSpec, DatasetSpec } from "../types";

/** The 17 Pile training domains whose weights define a RegMix mixture (column `train_the_pile_<domain>`). */
export const REGMIX_TRAIN_DOMAINS = [
  "arxiv", "freelaw", "nih_exporter", "pubmed_central", "wikipedia_en", "dm_mathematics", "github", "philpapers",
  "stackexchange", "enron_emails", "gutenberg_pg_19", "pile_cc", "ubuntu_irc", "europarl", "hackernews",
  "pubmed_abstracts", "uspto_backgrounds",
] as const;

/** The 13 Pile validation domains with a loss (column `metric/the_pile_<domain>_val_loss`). */
export const REGMIX_EVAL_DOMAINS = [
  "arxiv", "freelaw", "pubmed_central", "wikipedia_en", "dm_mathematics", "github", "stackexchange",
  "gutenberg_pg_19", "pile_cc", "ubuntu_irc", "hackernews", "pubmed_abstracts", "uspto_backgrounds",
] as const;

export type RegMixTrainDomain = (typeof REGMIX_TRAIN_DOMAINS)[number];
export type RegMixEvalDomain = (typeof REGMIX_EVAL_DOMAINS)[number];

/** Proxy scales: nominal parameters and training tokens where the paper states them. */
export const REGMIX_SCALES = {
  "1M": { N: 1e6, D: 1e9 },
  "60M": { N: 6e7, D: null },
  "1B": { N: 1e9, D: 25e9 },
} as const;

const weightColumns: ColumnSpec[] = REGMIX_TRAIN_DOMAINS.map((d) => ({
  name: `w_${d}`, type: "number", unit: "fraction", description: `training-mixture weight of Pile ${d} (\`train_the_pile_${d}\`)`,
}));
const lossColumns: ColumnSpec[] = REGMIX_EVAL_DOMAINS.map((d) => ({
  name: `loss_${d}`, type: "number", unit: "nats/token", description: `validation loss on Pile ${d} (\`metric/the_pile_${d}_val_loss\`)`,
}));

export const REGMIX_SPEC: DatasetSpec = {
  id: "regmix",
  title: "RegMix: proxy-model data mixtures and Pile validation losses",
  summary:
    "512 training mixtures (1M-parameter proxies, 1B tokens) and 256/256/64 test mixtures at 1M, 60M and 1B " +
    "parameters, each a vector of 17 Pile domain weights, with the 13 per-domain Pile validation losses of the " +
    "model trained on it. Mixture and loss files are joined on their `index` column.",
  citation: {
    key: "liu2024regmix",
    authors: "Liu et al.",
    year: 2024,
    title: "RegMix: Data Mixture as Regression for Language Model Pre-training",
    arxiv: "2407.01492",
    url: "https://github.com/sail-sg/regmix",
    where: "data/{train,test}_mixture_*.csv and data/{train,test}_pile_loss_*.csv",
  },
  source: { repo: "sail-sg/regmix", commit: "b004d3a3f39846dcec6b3740da22bcd1ba95a5d0" },
  licence: { spdx: "MIT", statement: "MIT", bundled: false },
  files: FILES,
  tables: [
    {
      name: "runs",
      description: "One row per trained proxy model: 512 train (1M) + 256 test (1M) + 256 test (60M) + 64 test (1B).",
      from: ["regmix/"],
      columns: [
        { name: "split", type: "string", unit: null, description: "\"train\" or \"test\" (file prefix)" },
        { name: "scale", type: "string", unit: null, description: "model scale: \"1M\", \"60M\" or \"1B\" (file suffix)" },
        { name: "index", type: "number", unit: null, description: "row id shared by the mixture and loss files (`index`)" },
        { name: "N", type: "number", unit: "params", description: "nominal model size of the scale (1e6, 6e7, 1e9)" },
        { name: "D", type: "number", unit: "tokens", description: "training tokens where the paper states them (1M: 1e9; 1B: 2.5e10); null for 60M", nullable: true },
        ...weightColumns,
        ...lossColumns,
      ],
    },
  ],
  lossRuns: true,
  notes: [
    "test_mixture_1m.csv and test_mixture_60m.csv are byte-identical: the same 256 mixtures trained at two scales.",
    "N is the nominal scale name, not an exact parameter count.",
  ],
};
