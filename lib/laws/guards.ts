/**
 * Extrapolation and unit guards shared by every law and rule (issue 11): one implementation driven by what each law
 * declares — its input units (`inputs`) and the ranges its constants were fitted on (`ranges`, or a fit's
 * `dataRanges`). An input far outside those ranges makes the value an extrapolation (a warning with the factor);
 * an input implausible for its unit (N = 7 "parameters", meant 7e9) is an error.
 */
import { InvalidInputError, shortNumber } from "../core";

let searching = 0;

/**
 * Runs `f` with the unit and extrapolation guards off: for library code that probes a loss function over a wide
 * domain (bisection, optimisation, contours), where a user's `(N, D) => law.predict({ N, D }, fit)` is called at
 * D = 1 or N = 1e15 by the search, not by the user.
 */
export function unguarded<T>(f: () => T): T {
  searching++;
  try {
    return f();
  } finally {
    searching--;
  }
}

/** False inside `unguarded`. */
export function guardsOn(): boolean {
  return searching === 0;
}

/** Inputs more than this factor outside the fitted range (above its max or below its min) are reported. */
export const EXTRAPOLATION_FACTOR = 3;

/** A factor with two significant digits and thousands separators: 7×, 4.4×, 6,700×. */
export function formatFactor(f: number): string {
  return `${Number(f.toPrecision(2)).toLocaleString("en-US")}×`;
}

/** An input outside the fitted range: which input and the warning. */
export interface Extrapolation {
  readonly input: string;
  /** Factor beyond the range (> EXTRAPOLATION_FACTOR). */
  readonly factor: number;
  readonly message: string;
}

/**
 * One warning per input that lies more than EXTRAPOLATION_FACTOR outside `ranges` in any of `xs` (the worst row),
 * for inputs whose range is positive (ratios of sizes, budgets, counts). `what` names whose ranges they are.
 * @example extrapolations([{ N: 7e9 }], { N: [2e8, 1e9] }, "its constants were fitted on")[0].message // => "N = 7e9 is 7× above the range its constants were fitted on (N 2e8 … 1e9): the value is an extrapolation"
 */
export function extrapolations(xs: readonly object[], ranges: Readonly<Record<string, readonly [number, number]>>, what: string): Extrapolation[] {
  const out: Extrapolation[] = [];
  for (const [k, [lo, hi]] of Object.entries(ranges)) {
    if (!(lo > 0 && hi >= lo)) continue;
    let worst = 1, at = NaN;
    for (const x of xs) {
      const v = (x as Record<string, unknown>)[k];
      if (typeof v !== "number" || !(v > 0)) continue;
      const f = v > hi ? v / hi : v < lo ? lo / v : 1;
      if (f > worst) { worst = f; at = v; }
    }
    if (worst > EXTRAPOLATION_FACTOR) {
      out.push({ input: k, factor: worst, message: `${k} = ${shortNumber(at)} is ${formatFactor(worst)} ${at > hi ? "above" : "below"} ` +
        `the range ${what} (${k} ${shortNumber(lo)} … ${shortNumber(hi)}): the value is an extrapolation` });
    }
  }
  return out;
}

/** Smallest plausible value of a quantity by the unit text a law declares for it, with the unit's name. */
function plausibleMinimum(unit: string): { min: number; name: string } | null {
  const u = unit.toLowerCase();
  // A unit given in millions or billions, or a choice of units ("N or C"), says nothing about the raw scale.
  if (/\b(thousands?|millions?|billions?|or)\b/.test(u)) return null;
  if (/^([\w-]+ )*parameters\b/.test(u)) return { min: 1e5, name: "parameters" };
  if (/^([\w-]+ )*tokens\b/.test(u)) return { min: 1e5, name: "tokens" };
  if (/\bflops?\b/.test(u)) return { min: 1e12, name: "FLOP" };
  return null;
}

/**
 * Throws when `value` is implausibly small for its declared unit: N = 7 "parameters" (meant 7e9), D = 300 "tokens".
 * Thresholds: 1e5 parameters, 1e5 tokens, 1e12 FLOP — or 1/100 of the smallest value the law's constants were
 * fitted on, when that is smaller (Kaplan's L(N) starts at 768 parameters).
 * @param rangeMin the smallest value of the input in the law's declared ranges, if any
 * @param where a prefix of the message locating the value, e.g. "row 3: "
 * @throws InvalidInputError naming the input, the likely intended value and the unit
 * @example (() => { try { assertPlausible("demo", "N", 7, "parameters"); } catch (e) { return (e as Error).message; } })() // => "demo: N = 7 parameters is implausible (below 1e5); did you mean 7e9? (N is in parameters, not billions)"
 */
export function assertPlausible(fn: string, name: string, value: number, unit: string, rangeMin?: number, where = ""): void {
  const p = plausibleMinimum(unit);
  if (!p || !(value > 0)) return;
  const min = rangeMin !== undefined && rangeMin > 0 ? Math.min(p.min, rangeMin / 100) : p.min;
  if (value >= min) return;
  const guess = value < 1e3 ? `; did you mean ${shortNumber(value * 1e9)}?` : "";
  throw new InvalidInputError(fn, `${where}${name} = ${shortNumber(value)} ${p.name} is implausible (below ${shortNumber(min)})${guess}`,
    `${name} is in ${p.name}, not billions`);
}
