/**
 * The implementation shared by the power-law rules (Step Law, DeepSeek): y = coef · Π x_k^{exp_k}, with its analytic
 * gradient, for a `defineLaw` spec whose parameters are the prefactor first and then one exponent per input.
 */
import type { LawParams } from "../laws/law";

/**
 * `predict` and `gradient` of y = p[coef] · Π x[input]^p[exponent] (parameter order: coef, then the exponents in
 * `terms` order).
 * @example monomial<{ D: number }, "b" | "e">("b", [["D", "e"]]).predict({ D: 100 }, { b: 2, e: 0.5 }) // => 20
 */
export function monomial<X extends object, P extends string>(coef: P, terms: readonly (readonly [keyof X & string, P])[]) {
  const predict = (x: X, p: LawParams<P>): number => terms.reduce((f, [k, e]) => f * (x[k] as number) ** p[e], p[coef]);
  return {
    predict,
    gradient(x: X, p: LawParams<P>, g: Float64Array): number {
      const f = predict(x, p);
      g[0] = f / p[coef];
      terms.forEach(([k], j) => { g[j + 1] = f * Math.log(x[k] as number); });
      return f;
    },
  };
}
