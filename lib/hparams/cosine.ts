/**
 * Cosine learning-rate decay with linear warmup (Loshchilov & Hutter 2017, without restarts): the baseline WSD is
 * compared against.
 */
import { assertPositive, defineCard, InvalidInputError } from "../core";

import { warmupFactor } from "./wsd";
import { cosineCitation } from "../core/bibliography";



/** Options of {@link cosineFactor} and {@link cosineSchedule}. */
export interface CosineOptions {
  /** Total iterations (> 0). */
  readonly total: number;
  /** Warmup iterations (default 0), the same warmup as WSD. */
  readonly warmup?: number;
  /** Warmup starts at 1/initDiv of the peak (default 100). */
  readonly initDiv?: number;
  /** Final factor the cosine decays to (default 0.1, i.e. 10% of the peak). */
  readonly finalFactor?: number;
}

/**
 * Cosine factor: warmup, then f + (1 − f)(1 + cos(π·(s − n_w)/(n − n_w)))/2, and f after n.
 * @param step iteration (≥ 0); o total, warmup, initDiv, finalFactor
 * @returns the multiplier of the peak LR
 * @throws InvalidInputError for bad options
 * @example hparams.schedules.cosine.factor(500, { total: 1000, finalFactor: 0 }) // => 0.5
 * @see cosineCitation
 */
export function cosineFactor(step: number, o: CosineOptions): number {
  const fn = "hparams.schedules.cosine.factor";
  assertPositive(fn, "total", o.total);
  const w = o.warmup ?? 0;
  const f = o.finalFactor ?? 0.1;
  if (!(f >= 0 && f <= 1)) throw new InvalidInputError(fn, `finalFactor must be in [0, 1], got ${f}`);
  if (!(w >= 0 && w < o.total)) throw new InvalidInputError(fn, `warmup must be in [0, total), got ${w}`);
  if (!(step >= 0 && Number.isFinite(step))) throw new InvalidInputError(fn, `step must be a finite number ≥ 0, got ${step}`);
  if (step < w) return warmupFactor(step, { warmup: w, initDiv: o.initDiv });
  if (step >= o.total) return f;
  return f + (1 - f) * (1 + Math.cos(Math.PI * (step - w) / (o.total - w))) / 2;
}

/**
 * The whole cosine schedule: peakLR × {@link cosineFactor} for steps 0..total−1.
 * @param o cosine options and peakLR (default 1)
 * @returns an array of `total` learning rates
 * @throws as {@link cosineFactor}
 * @example hparams.schedules.cosine.schedule({ total: 2, finalFactor: 0 }) // => [1, 0.5]
 * @see cosineCitation
 */
export function cosineSchedule(o: CosineOptions & { peakLR?: number }): number[] {
  const peak = o.peakLR ?? 1;
  assertPositive("hparams.schedules.cosine.schedule", "peakLR", peak);
  assertPositive("hparams.schedules.cosine.schedule", "total", o.total);
  return Array.from({ length: Math.floor(o.total) }, (_, s) => peak * cosineFactor(s, o));
}

/** Card of the cosine schedule (a recipe, no fitted constants): registers it in the catalogue (`help()`). */
export const cosineCard = defineCard({
  id: "cosine-schedule",
  name: "Cosine learning-rate decay with linear warmup",
  topic: "schedule",
  latex: "f(s) = f_\\infty + (1 - f_\\infty)\\,\\frac{1 + \\cos(\\pi (s - n_w)/(n - n_w))}{2}",
  formula: "f + (1 - f) * (1 + cos(pi * (s - nw) / (n - nw))) / 2 after warmup",
  variables: { s: "iteration", n: "total iterations", n_w: "warmup iterations", "f_∞": "final factor" },
  citation: cosineCitation,
  status: "confirmed",
  api: "hparams.schedules.cosine",
});
