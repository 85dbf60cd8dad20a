/**
 * Broken Neural Scaling Laws (Caballero et al. 2022): a smoothly broken power law with any number of breaks,
 * which covers plain power laws (no break), double descent, inflections and inverse/U-shaped scaling.
 */
import { assertFinite, assertPositive, InvalidInputError } from "../core";
import { defineLaw, type Law } from "./law";
import { illustrativeConstants } from "./laws-internal";

import type { Model } from "../fit/model";
import { bnslCitation } from "../core/bibliography";

/** One break of a BNSL: where it happens, how the slope changes and how sharp the change is. */
export interface BnslBreak {
  /** c_i: change of the power-law slope at the break (the exponent goes from c0 + … to c0 + … + c_i). */
  readonly c: number;
  /** d_i: location of the break on the x-axis (> 0), in x's units. */
  readonly d: number;
  /** f_i: sharpness of the break (> 0; smaller is sharper). */
  readonly f: number;
}

export interface BnslParams {
  /** a: limit value of y as x → ∞ (when the final slope is positive). */
  readonly a: number;
  /** b: scale of the initial power law (> 0). */
  readonly b: number;
  /** c0: initial power-law exponent (y − a ∝ x^(−c0) before the first break). */
  readonly c0: number;
  readonly breaks: readonly BnslBreak[];
}


/** log(1 + e^u) without overflow. */
function softplus(u: number): number {
  return u > 30 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
}

function checkBnsl(fn: string, p: BnslParams): void {
  assertFinite(fn, "params.a", p.a);
  assertPositive(fn, "params.b", p.b);
  assertFinite(fn, "params.c0", p.c0);
  if (!Array.isArray(p.breaks)) throw new InvalidInputError(fn, "params.breaks must be an array (use [] for a plain power law)");
  p.breaks.forEach((br, i) => {
    assertFinite(fn, `params.breaks[${i}].c`, br.c);
    assertPositive(fn, `params.breaks[${i}].d`, br.d);
    assertPositive(fn, `params.breaks[${i}].f`, br.f);
  });
}

/**
 * Broken neural scaling law y(x) = a + b·x^(−c0)·Π_i (1 + (x/d_i)^(1/f_i))^(−c_i·f_i).
 *
 * Evaluated in log space so very sharp breaks (small f) do not overflow. The implementation of `laws.bnsl` and
 * `laws.bnsl.withBreaks(n)` (which take flat parameters a, b, c0, c1, d1, f1, …).
 * @param x the scaled quantity (> 0): data, parameters, compute, steps
 * @param p the law's parameters; `breaks: []` gives a + b·x^(−c0)
 * @returns y in the units of the fitted metric
 * @throws InvalidInputError for x ≤ 0 or invalid parameters
 * @example bnslLoss(100, { a: 1, b: 2, c0: 0.5, breaks: [] }) // => 1.2
 * @see bnslCitation
 */
export function bnslLoss(x: number, p: BnslParams, fn = "bnslLoss"): number {
  assertPositive(fn, "x", x);
  checkBnsl(fn, p);
  let logT = Math.log(p.b) - p.c0 * Math.log(x);
  for (const br of p.breaks) logT -= br.c * br.f * softplus(Math.log(x / br.d) / br.f);
  return p.a + Math.exp(logT);
}

/**
 * BNSL with `nBreaks` breaks as a Model over x > 0 for the fitting engine. Parameter order:
 * a, b, c0, then c_i, d_i, f_i per break (b, d_i, f_i optimised in log space). Analytic gradient.
 * @param nBreaks number of breaks (integer ≥ 0)
 * @returns a Model<number>
 * @throws InvalidInputError for a negative or fractional break count
 * @example bnslModel(1).value([1, 2, 0.5, 0.3, 100, 1], { x: 50 }) // => 1.2504480276118166
 * @see bnslCitation
 */
export function bnslModel(nBreaks: number): Model<{ x: number }> {
  if (!(Number.isInteger(nBreaks) && nBreaks >= 0)) {
    throw new InvalidInputError("laws.bnsl.withBreaks", `nBreaks must be an integer ≥ 0, got ${nBreaks}`);
  }
  const params: { name: string; transform?: "log"; description: string }[] = [
    { name: "a", description: "limit value" },
    { name: "b", transform: "log" as const, description: "initial scale" },
    { name: "c0", description: "initial exponent" },
  ];
  for (let i = 1; i <= nBreaks; i++) {
    params.push(
      { name: `c${i}`, description: `slope change at break ${i}` },
      { name: `d${i}`, transform: "log" as const, description: `location of break ${i}` },
      { name: `f${i}`, transform: "log" as const, description: `sharpness of break ${i}` },
    );
  }
  const evaluate = (th: ArrayLike<number>, { x }: { x: number }, grad?: Float64Array): number => {
    const lx = Math.log(x);
    let logT = Math.log(th[1]) - th[2] * lx;
    for (let i = 0; i < nBreaks; i++) {
      const [c, d, f] = [th[3 + 3 * i], th[4 + 3 * i], th[5 + 3 * i]];
      logT -= c * f * softplus((lx - Math.log(d)) / f);
    }
    const T = Math.exp(logT);
    if (grad) {
      grad[0] = 1;
      grad[1] = T / th[1];
      grad[2] = -T * lx;
      for (let i = 0; i < nBreaks; i++) {
        const [c, d, f] = [th[3 + 3 * i], th[4 + 3 * i], th[5 + 3 * i]];
        const u = (lx - Math.log(d)) / f;
        const sp = softplus(u);
        const s = 1 / (1 + Math.exp(-u)); // z / (1 + z)
        grad[3 + 3 * i] = -f * sp * T;
        grad[4 + 3 * i] = ((c * s) / d) * T;
        grad[5 + 3 * i] = (-c * sp + c * s * u) * T;
      }
    }
    return th[0] + T;
  };
  return {
    id: `bnsl-${nBreaks}`,
    params,
    value: (th, x) => evaluate(th, x),
    valueAndGradient: (th, x, g) => evaluate(th, x, g),
  };
}

/** Flat parameters { a, b, c0, c1, d1, f1, … } → BnslParams. */
function structured(p: Readonly<Record<string, number>>, nBreaks: number): BnslParams {
  return { a: p.a, b: p.b, c0: p.c0, breaks: Array.from({ length: nBreaks }, (_, i) => ({ c: p[`c${i + 1}`], d: p[`d${i + 1}`], f: p[`f${i + 1}`] })) };
}

const LATEX = "y = a + b\\,x^{-c_0} \\prod_{i=1}^{n} \\left(1 + (x/d_i)^{1/f_i}\\right)^{-c_i f_i}";

function bnslLaw<E extends object>(nBreaks: number, extras?: E): Law<{ x: number }, string> & E {
  const model = bnslModel(nBreaks);
  const factors = Array.from({ length: nBreaks }, (_, i) => ` * (1 + (x / d${i + 1})^(1 / f${i + 1}))^(-c${i + 1} * f${i + 1})`).join("");
  const example: Record<string, number> = { a: 0.5, b: 3, c0: 0.25 };
  for (let i = 1; i <= nBreaks; i++) Object.assign(example, { [`c${i}`]: 0.35 / i, [`d${i}`]: 300 * 10 ** (i - 1), [`f${i}`]: 0.4 });
  const api = nBreaks === 1 ? "laws.bnsl" : `laws.bnsl.withBreaks(${nBreaks})`;
  return defineLaw({
    id: nBreaks === 1 ? "bnsl" : `bnsl-${nBreaks}`,
    api,
    name: `Broken neural scaling law, ${nBreaks} break${nBreaks === 1 ? "" : "s"} (Caballero 2022)`,
    topic: "loss",
    latex: LATEX,
    formula: `a + b * x^(-c0)${factors}`,
    inputs: { x: "scaled quantity (training data, parameters, compute or steps)" },
    output: "evaluation metric (loss, error, …) in its own units",
    params: model.params,
    published: { example: illustrativeConstants(bnslCitation, example) },
    // Around the breaks of the illustrative constants (far before a break its terms vanish and carry no information).
    ranges: { x: [30, 1e5] },
    citation: bnslCitation,
    status: "unverified",
    predict: (x: { x: number }, p) => bnslLoss(x.x, structured(p, nBreaks), `${api}.predict`),
    model,
  }, extras);
}

const withBreaks = new Map<number, Law<{ x: number }, string>>();

/**
 * `laws.bnsl`: the broken neural scaling law with one break over { x }, y = a + b·x^(−c0)·(1 + (x/d1)^(1/f1))^(−c1·f1);
 * `laws.bnsl.withBreaks(n)` is the same law with n breaks (parameters c_i, d_i, f_i per break).
 * @example laws.bnsl.predict({ x: 50 }, { a: 1, b: 2, c0: 0.5, c1: 0.3, d1: 100, f1: 1 }) // => 1.2504480276118166
 * @example laws.bnsl.withBreaks(0).predict({ x: 100 }, { a: 1, b: 2, c0: 0.5 }) // => 1.2
 * @see bnslCitation
 */
export const bnsl = bnslLaw(1, {
  /** The BNSL with `nBreaks` breaks (integer ≥ 0) as a Law; built once per count. */
  withBreaks(nBreaks: number): Law<{ x: number }, string> {
    if (nBreaks === 1) return bnsl;
    if (!withBreaks.has(nBreaks)) withBreaks.set(nBreaks, bnslLaw(nBreaks, {}));
    return withBreaks.get(nBreaks)!;
  },
});
