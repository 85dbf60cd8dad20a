/**
 * Warmup–stable–decay (WSD) schedule with every cooldown shape of Hägele et al. 2024 (epfml/schedules-and-scaling
 * `src/optim/utils.py::wsd_schedule`): the factor that multiplies the peak learning rate at each step.
 */
import { assertChoice, assertPositive, defineCard, InvalidInputError } from "../core";
import { wsdCitation } from "../core/bibliography";



/** Cooldown shapes of `wsd_schedule` ("mirror_cosine" is spelled "miror_cosine" in the code). */
export type CooldownShape = "linear" | "sqrt" | "cosine" | "square" | "exp" | "mirror_cosine";
/** Every {@link CooldownShape}. */
export const COOLDOWN_SHAPES: readonly CooldownShape[] = ["linear", "sqrt", "cosine", "square", "exp", "mirror_cosine"];

/** Options of {@link wsdFactor} and {@link wsdSchedule}. */
export interface WsdOptions {
  /** Total iterations n (> 0). */
  readonly total: number;
  /** Warmup iterations (default 0; the code's default is 1000). */
  readonly warmup?: number;
  /** Warmup starts at 1/initDiv of the peak (default 100). */
  readonly initDiv?: number;
  /** Fraction of the run spent in the cooldown (default 0.1; the README example uses 0.2). */
  readonly fractDecay?: number;
  /** Cooldown shape (default "linear"). */
  readonly shape?: CooldownShape;
  /** Final factor f (default 0). */
  readonly finalFactor?: number;
}

/**
 * The factor of the linear warmup used by WSD: step/warmup + (1 − step/warmup)/initDiv for step < warmup, else 1.
 * @param step iteration (≥ 0)
 * @param o.warmup warmup length (≥ 0); o.initDiv start divisor (default 100)
 * @returns the warmup factor in (0, 1]
 * @throws InvalidInputError for negative step or warmup, or initDiv < 1
 * @example hparams.schedules.warmup(500, { warmup: 1000 }) // => 0.505
 * @see wsdCitation
 */
export function warmupFactor(step: number, o: { warmup: number; initDiv?: number }): number {
  const fn = "hparams.schedules.warmup";
  const { warmup, initDiv = 100 } = o;
  if (!(step >= 0 && Number.isFinite(step))) throw new InvalidInputError(fn, `step must be a finite number ≥ 0, got ${step}`);
  if (!(warmup >= 0 && Number.isFinite(warmup))) throw new InvalidInputError(fn, `warmup must be a finite number ≥ 0, got ${warmup}`);
  if (!(initDiv >= 1)) throw new InvalidInputError(fn, `initDiv must be ≥ 1, got ${initDiv}`);
  if (step >= warmup) return 1;
  const r = step / warmup;
  return r + (1 - r) / initDiv;
}

function cooldown(shape: CooldownShape, t: number, f: number): number {
  switch (shape) {
    case "linear": return f + (1 - f) * (1 - t);
    case "sqrt": return f + (1 - f) * (1 - Math.sqrt(t));
    case "cosine": return f + (1 - f) * (1 + Math.cos(Math.PI * t)) / 2;
    case "square": return f + (1 - f) * (1 - t * t);
    case "exp": return f ** t;
    case "mirror_cosine": return 2 * cooldown("linear", t, f) - cooldown("cosine", t, f);
  }
}

function checkOptions(fn: string, o: WsdOptions) {
  assertPositive(fn, "total", o.total);
  const fractDecay = o.fractDecay ?? 0.1;
  if (!(fractDecay >= 0 && fractDecay <= 1)) throw new InvalidInputError(fn, `fractDecay must be in [0, 1], got ${fractDecay}`);
  const shape = o.shape ?? "linear";
  assertChoice(fn, "cooldown shape", shape, COOLDOWN_SHAPES);
  const f = o.finalFactor ?? 0;
  if (!(f >= 0 && f <= 1)) throw new InvalidInputError(fn, `finalFactor must be in [0, 1], got ${f}`);
  const nAnneal = Math.floor(fractDecay * o.total);
  return { warmup: o.warmup ?? 0, initDiv: o.initDiv ?? 100, shape, f, nAnneal, nHold: o.total - nAnneal };
}

/**
 * WSD factor at one step: warmup, then 1 until n_hold = n − ⌊fractDecay·n⌋, then the cooldown shape with
 * t = (step − n_hold)/n_anneal, and f after n.
 * @param step iteration (≥ 0)
 * @param o total, warmup, initDiv, fractDecay, shape, finalFactor
 * @returns the multiplier of the peak LR
 * @throws InvalidInputError for bad options; UnknownChoiceError for an unknown shape
 * @example hparams.schedules.wsd.factor(900, { total: 1000, fractDecay: 0.2, shape: "sqrt" }) // => 0.292893
 * @see wsdCitation
 */
export function wsdFactor(step: number, o: WsdOptions): number {
  const fn = "hparams.schedules.wsd.factor";
  const c = checkOptions(fn, o);
  if (!(step >= 0 && Number.isFinite(step))) throw new InvalidInputError(fn, `step must be a finite number ≥ 0, got ${step}`);
  if (step < c.warmup) return warmupFactor(step, { warmup: c.warmup, initDiv: c.initDiv });
  if (step < c.nHold) return 1;
  if (step < o.total) return cooldown(c.shape, (step - c.nHold) / c.nAnneal, c.f);
  return c.f;
}

/**
 * The whole WSD learning-rate schedule: peakLR × {@link wsdFactor} for steps 0..total−1.
 * @param o WSD options and peakLR (default 1, i.e. the factors)
 * @returns an array of `total` learning rates
 * @throws as {@link wsdFactor}
 * @example hparams.schedules.wsd.schedule({ total: 4, fractDecay: 0.5, peakLR: 2 }) // => [2, 2, 2, 1]
 * @see wsdCitation
 */
export function wsdSchedule(o: WsdOptions & { peakLR?: number }): number[] {
  const peak = o.peakLR ?? 1;
  assertPositive("hparams.schedules.wsd.schedule", "peakLR", peak);
  checkOptions("hparams.schedules.wsd.schedule", o);
  return Array.from({ length: Math.floor(o.total) }, (_, s) => peak * wsdFactor(s, o));
}

/** Card of the WSD schedule (a recipe, no fitted constants): registers it in the catalogue (`help()`). */
export const wsdCard = defineCard({
  id: "wsd-schedule",
  name: "Warmup–stable–decay (WSD) learning-rate schedule with cooldown shapes",
  topic: "schedule",
  latex: "f(s) = \\begin{cases} s/n_w + (1 - s/n_w)/d & s < n_w \\\\ 1 & s < n_{\\mathrm{hold}} \\\\ g(t),\\ t = \\frac{s - n_{\\mathrm{hold}}}{n_{\\mathrm{anneal}}} & s < n \\\\ f & s \\ge n \\end{cases}",
  formula: "linear f+(1-f)(1-t); sqrt f+(1-f)(1-sqrt t); cosine f+(1-f)(1+cos(pi t))/2; square f+(1-f)(1-t^2); exp f^t; mirror_cosine 2 linear - cosine",
  variables: { s: "iteration", n: "total iterations", n_anneal: "⌊fractDecay·n⌋ cooldown iterations", f: "final factor", t: "cooldown progress in [0, 1)" },
  citation: wsdCitation,
  status: "confirmed",
  api: "hparams.schedules.wsd",
});
