/** Citations of the data-mixing papers, shared by the law cards of lib/mixing. */
import type { Citation } from "../core";

export const yeMixingCitation: Citation = {
  key: "ye2024mixinglaws",
  authors: "Ye, Liu, Sun, Zhou, Zhan, Qiu",
  year: 2024,
  title: "Data Mixing Laws: Optimizing Data Mixtures by Predicting Language Modeling Performance",
  arxiv: "2403.16952",
  url: "https://github.com/yegcjs/mixinglaws",
  where: "mixing-law form L_i(r) = c_i + k_i exp(Σ_j t_ij r_j); pipeline/run.sh for the nested pipeline",
};

export const bimixCitation: Citation = {
  key: "ge2024bimix",
  authors: "Ge, Ma, Chen, Li, Ding",
  year: 2024,
  title: "BiMix: Bivariate Data Mixing Law for Language Model Pretraining",
  arxiv: "2405.14908",
  where: "abstract (mean relative error < 0.2%, R² > 0.97); five coefficients per domain",
};

export const regmixCitation: Citation = {
  key: "liu2024regmix",
  authors: "Liu, Zeng, Dou, Chen, Pang, Du, Lin",
  year: 2024,
  title: "RegMix: Data Mixture as Regression for Language Model Pre-training",
  arxiv: "2407.01492",
  url: "https://github.com/sail-sg/regmix",
  where: "data/ (512 1M proxies, 256/256/64 test mixtures at 1M/60M/1B); README method",
};

export const qqtCitation: Citation = {
  key: "goyal2024qqt",
  authors: "Goyal, Maini, Lipton, Raghunathan, Kolter",
  year: 2024,
  title: "Scaling Laws for Data Filtering — Data Curation cannot be Compute Agnostic",
  arxiv: "2404.07177",
  url: "https://github.com/locuslab/scaling_laws_data_filtering",
  where: "objective.py (utility decay with repetitions, pool mixtures)",
};

export const doremiCitation: Citation = {
  key: "xie2023doremi",
  authors: "Xie, Pham, Dong, Du, Liu, Lu, Liang, Le, Ma, Yu",
  year: 2023,
  title: "DoReMi: Optimizing Data Mixtures Speeds Up Language Model Pretraining",
  arxiv: "2305.10429",
  where: "update rule as summarised in the project reference §11.5 (from memory, unverified)",
};
