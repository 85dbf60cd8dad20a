/** Parsers of step-law/steplaw data/dense_lr_bs_loss.csv and the bootstrap-fit CSV. */
import { STEP_LAW_SEQ_LEN } from "./spec";
import { range, type SourceReader } from "../source";

/** One dense run of the Step Law sweep. */
export interface StepLawDenseRow {
  /** Non-embedding parameters numl·h·(4h + 3·ffnh). */
  readonly N: number;
  /** Training tokens. */
  readonly D: number;
  /** Peak learning rate. */
  readonly lr: number;
  /** Batch size in sequences of 2048 tokens. */
  readonly bs: number;
  /** Batch size in tokens, bs × 2048. */
  readonly batchTokens: number;
  /** Training iterations (`ti`). */
  readonly steps: number;
  /** Final loss as released, nats/token. */
  readonly loss: number;
  /** Smoothed final loss (`smooth loss`), nats/token. */
  readonly smoothLoss: number;
  /** D / N. */
  readonly tokensPerParam: number;
  readonly h: number;
  readonly ffnh: number;
  readonly numh: number;
  readonly numl: number;
  readonly expName: string;
}

/** One bootstrap refit: η* = exp(lr_intercept)·N^lr_coefN·D^lr_coefD, B* = exp(bs_intercept)·D^bs_coefD (tokens). */
export interface StepLawBootstrapRow {
  readonly lr_intercept: number;
  readonly lr_coefN: number;
  readonly lr_coefD: number;
  readonly bs_intercept: number;
  readonly bs_coefD: number;
}

export function parseStepLaw(src: SourceReader): { dense: StepLawDenseRow[]; bootstrap: StepLawBootstrapRow[] } {
  const d = src.csv("steplaw/dense_lr_bs_loss.csv");
  const dense = range(d.table.records.length).map((k): StepLawDenseRow => {
    const bs = d.num(k, "bs");
    return {
      N: d.num(k, "N"), D: d.num(k, "D"), lr: d.num(k, "lr"), bs, batchTokens: bs * STEP_LAW_SEQ_LEN, steps: d.num(k, "ti"),
      loss: d.num(k, "loss"), smoothLoss: d.num(k, "smooth loss"), tokensPerParam: d.num(k, "D/N"),
      h: d.num(k, "h"), ffnh: d.num(k, "ffnh"), numh: d.num(k, "numh"), numl: d.num(k, "numl"), expName: d.str(k, "exp_name"),
    };
  });
  const b = src.csv("steplaw/1004_fitted_lr_bs_scaling_model_parameters.csv");
  const bootstrap = range(b.table.records.length).map((k): StepLawBootstrapRow => ({
    lr_intercept: b.num(k, "lr_intercept"), lr_coefN: b.num(k, "lr_coefN"), lr_coefD: b.num(k, "lr_coefD"),
    bs_intercept: b.num(k, "bs_intercept"), bs_coefD: b.num(k, "bs_coefD"),
  }));
  return { dense, bootstrap };
}
