/**
 * Every Law in the catalogue says the same thing in each of its statements: the mathjs `formula` (what the card
 * shows) equals `predict` (the implementation) at random log-uniform points inside `ranges` for every published
 * constant set, and the fitting model's analytic gradient (valueAndGradient and, where present, the log-space
 * bindLog path) equals central differences. Also: every input has a range, every law a citation, and predict
 * rejects NaN and negative inputs naming the input.
 */
import { describe, expect, it } from "vitest";
import * as math from "mathjs";
import "../../lib";
import { listLaws, InvalidInputError } from "../../lib/core";
import type { Law } from "../../lib/laws/law";
import { checkModelGradient } from "../../lib/fit/fit";
import { Xoshiro128 } from "../../lib/numeric/random";

type AnyLaw = Law<Record<string, number>, string>;
const laws = listLaws().filter((l): l is AnyLaw => (l as { kind?: string }).kind === "law");

/** Inputs drawn log-uniformly inside the ranges (uniformly for ranges that include zero or negatives). */
function samplePoints(law: AnyLaw, n: number, seed: number): Record<string, number>[] {
  const rng = new Xoshiro128(seed);
  const u = () => rng.nextUint32() / 2 ** 32;
  return Array.from({ length: n }, () => Object.fromEntries(Object.entries(law.ranges).map(([k, [lo, hi]]) => {
    const t = u();
    return [k, lo > 0 ? Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo))) : lo + t * (hi - lo)];
  })));
}

const REL_TOL = 1e-9;

/** The value of a formula; a multi-statement formula ("u = …; E + A / u^alpha") gives its last expression. */
function evaluateFormula(compiled: math.EvalFunction, scope: Record<string, number>): number {
  const r = compiled.evaluate({ ...scope }) as unknown;
  const entries = (r as { entries?: unknown[] })?.entries;
  return Number(Array.isArray(entries) ? entries[entries.length - 1] : r);
}
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);

describe("the law catalogue", () => {
  it("has Laws (kind === \"law\") to check", () => {
    expect(laws.length).toBeGreaterThan(10);
  });
  it("ids are unique", () => {
    const ids = laws.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

for (const law of laws) {
  describe(`${law.api} (${law.id})`, () => {
    it("has a range for every input, a citation and an api path", () => {
      for (const k of Object.keys(law.inputs)) {
        const r = law.ranges[k];
        expect(r, `range of ${k}`).toBeDefined();
        expect(r[0], `range of ${k}`).toBeLessThan(r[1]);
      }
      expect(Object.keys(law.ranges).sort()).toEqual(Object.keys(law.inputs).sort());
      expect(law.citation.authors.length).toBeGreaterThan(0);
      expect(law.citation.title.length).toBeGreaterThan(0);
      expect(law.api).toMatch(/^[a-z]+\.[A-Za-z0-9.()]+$/);
      expect(law.formula.trim().length).toBeGreaterThan(0);
      expect(law.latex.trim().length).toBeGreaterThan(0);
    });

    const compiled = math.compile(law.formula);
    for (const [setName, set] of Object.entries(law.published)) {
      it(`formula = predict at 20 random points inside the ranges (${setName})`, () => {
        for (const x of samplePoints(law, 20, 7)) {
          const viaFormula = evaluateFormula(compiled, { ...x, ...set.params });
          const viaPredict = law.predict(x, set);
          expect(Number.isFinite(viaPredict), `${JSON.stringify(x)}`).toBe(true);
          expect(rel(viaFormula, viaPredict), `${law.formula} at ${JSON.stringify(x)}: ${viaFormula} vs ${viaPredict}`).toBeLessThan(REL_TOL);
        }
      });
    }

    it("the model's value equals predict and its analytic gradient equals central differences", () => {
      const model = law.model;
      const rows = samplePoints(law, 5, 11);
      const theta = law.paramNames.map((n) => law.defaults.params[n]);
      for (const x of rows) expect(rel(model.value(theta, x), law.predict(x))).toBeLessThan(REL_TOL);
      if (model.valueAndGradient) {
        const check = checkModelGradient(model, rows, theta);
        expect(check.maxRelError, `∂/∂${check.param} at row ${check.row}`).toBeLessThan(1e-5);
      }
      if (model.bindLog) {
        // d log f / ds in scale coordinates (s = log θ for log-transformed parameters) against differences of log predict.
        const batch = model.bindLog(rows);
        const lf = new Float64Array(1);
        const ev = (at: Float64Array, i: number, g: Float64Array) => { batch(at, Int32Array.of(i), 1, lf, g); return lf[0]; };
        const s = Float64Array.from(model.params.map((q, j) => (q.transform === "log" ? Math.log(theta[j]) : theta[j])));
        const toTheta = (v: Float64Array) => Object.fromEntries(model.params.map((q, j) => [q.name, q.transform === "log" ? Math.exp(v[j]) : v[j]]));
        const g = new Float64Array(s.length);
        rows.forEach((x, i) => {
          expect(rel(ev(s, i, g), Math.log(law.predict(x, toTheta(s))))).toBeLessThan(REL_TOL);
          for (let j = 0; j < s.length; j++) {
            const h = 1e-6 * Math.max(1, Math.abs(s[j]));
            const up = Float64Array.from(s), dn = Float64Array.from(s);
            up[j] += h; dn[j] -= h;
            const fd = (Math.log(law.predict(x, toTheta(up))) - Math.log(law.predict(x, toTheta(dn)))) / (2 * h);
            expect(Math.abs(g[j] - fd) / Math.max(Math.abs(g[j]), Math.abs(fd), 1e-6), `bindLog ∂/∂${model.params[j].name}`).toBeLessThan(1e-5);
          }
        });
      }
    });

    it("predict rejects NaN and negative inputs, naming the input", () => {
      const x = samplePoints(law, 1, 3)[0];
      for (const k of Object.keys(law.inputs)) {
        expect(() => law.predict({ ...x, [k]: NaN }), k).toThrow(InvalidInputError);
        expect(() => law.predict({ ...x, [k]: NaN }), k).toThrow(new RegExp(`^${law.api.replace(/[.()]/g, "\\$&")}\\.predict: ${k} must be`));
        if (law.ranges[k][0] > 0) {
          expect(() => law.predict({ ...x, [k]: -1 }), k).toThrow(InvalidInputError);
          expect(() => law.predict({ ...x, [k]: -1 }), k).toThrow(new RegExp(`^${law.api.replace(/[.()]/g, "\\$&")}\\.predict: .*\\b${k}\\b`));
        }
      }
    });
  });
}
