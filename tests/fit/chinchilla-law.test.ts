/**
 * The Chinchilla law module: reference checks (a) 1–8 of ../shared/reference/loss-and-mixing.md (computed there
 * from the published formulas and constants), invariants of the closed-form optimum, and input validation.
 */
import { describe, expect, it } from "vitest";
import { chinchillaModel } from "../../lib/laws/chinchilla";
import { chinchilla } from "../../lib/laws/chinchilla-law";
import { listLaws, InvalidInputError } from "../../lib/core";

const chinchillaLoss = (p: typeof rounded, N: number, D: number) => chinchilla.predict({ N, D }, p);
const chinchillaOptimal = (p: typeof rounded, C: number, k?: number) => chinchilla.optimal(C, p, { flopsPerParamToken: k });

const rel = (a: number, b: number) => Math.abs(a / b - 1);
const rounded = chinchilla.published.hoffmann.params;
const refit = { E: 1.81686, A: 482.0057, B: 2085.4342, alpha: 0.34781303, beta: 0.36585412 }; // check 6–8 inputs

describe("reference checks (a) 1–8", () => {
  it("1: rounded constants at C = 5.76e23 give N = 3.219e10, D = 2.982e12, D/N = 92.65, L = 1.9307, a = 0.4516", () => {
    const o = chinchillaOptimal(rounded, 5.76e23);
    expect(rel(o.N, 3.219e10)).toBeLessThan(5e-4);
    expect(rel(o.D, 2.982e12)).toBeLessThan(5e-4);
    expect(rel(o.tokensPerParam, 92.65)).toBeLessThan(5e-4);
    expect(rel(o.loss, 1.9307)).toBeLessThan(5e-5);
    expect(rel(o.a, 0.4516)).toBeLessThan(5e-4);
  });
  it("2: rounded constants at C = 1e21 give N = 1.824e9, D = 9.136e10, D/N = 50.08, L = 2.3289", () => {
    const o = chinchillaOptimal(rounded, 1e21);
    expect(rel(o.N, 1.824e9)).toBeLessThan(5e-4);
    expect(rel(o.D, 9.136e10)).toBeLessThan(5e-4);
    expect(rel(o.tokensPerParam, 50.08)).toBeLessThan(5e-4);
    expect(rel(o.loss, 2.3289)).toBeLessThan(5e-5);
  });
  it("3: L(70e9, 1.4e12) = 1.93665 with the rounded constants", () => {
    expect(rel(chinchillaLoss(rounded, 70e9, 1.4e12), 1.93665)).toBeLessThan(5e-6);
  });
  it("4: L(280e9, 300e9) = 1.99326 (Gopher) with the rounded constants", () => {
    expect(rel(chinchillaLoss(rounded, 280e9, 300e9), 1.99326)).toBeLessThan(5e-6);
  });
  it("5: unrounded constants at C = 5.76e23 give N = 4.036e10, D = 2.379e12, D/N = 58.93, L = 1.9184, a = 0.4565", () => {
    const o = chinchillaOptimal(chinchilla.published.hoffmannUnrounded.params, 5.76e23);
    expect(rel(o.N, 4.036e10)).toBeLessThan(5e-4);
    expect(rel(o.D, 2.379e12)).toBeLessThan(5e-4);
    expect(rel(o.tokensPerParam, 58.93)).toBeLessThan(5e-4);
    expect(rel(o.loss, 1.9184)).toBeLessThan(5e-5);
    expect(rel(o.a, 0.4565)).toBeLessThan(5e-4);
  });
  it("6: Epoch refit at C = 5.76e23 gives N = 7.236e10, D = 1.327e12, D/N = 18.34, L = 1.9740, a = 0.5126", () => {
    const o = chinchillaOptimal(refit, 5.76e23);
    expect(rel(o.N, 7.236e10)).toBeLessThan(5e-4);
    expect(rel(o.D, 1.327e12)).toBeLessThan(5e-4);
    expect(rel(o.tokensPerParam, 18.34)).toBeLessThan(5e-4);
    expect(rel(o.loss, 1.974)).toBeLessThan(5e-5);
    expect(rel(o.a, 0.5126)).toBeLessThan(5e-4);
  });
  it("7: Epoch refit at C = 1e21 gives N = 2.782e9, D = 5.991e10, D/N = 21.53", () => {
    const o = chinchillaOptimal(refit, 1e21);
    expect(rel(o.N, 2.782e9)).toBeLessThan(5e-4);
    expect(rel(o.D, 5.991e10)).toBeLessThan(5e-4);
    expect(rel(o.tokensPerParam, 21.53)).toBeLessThan(5e-4);
  });
  it("8: Epoch refit L(70e9, 1.4e12) = 1.97341", () => {
    expect(rel(chinchillaLoss(refit, 70e9, 1.4e12), 1.97341)).toBeLessThan(5e-6);
  });
});

describe("chinchillaOptimal invariants", () => {
  it("spends the budget exactly: 6·N·D = C", () => {
    for (const C of [1e18, 5.76e23, 1e27]) {
      const o = chinchillaOptimal(chinchilla.published.besiroglu.params, C);
      expect(rel(6 * o.N * o.D, C)).toBeLessThan(1e-12);
    }
  });
  it("honours a different FLOPs-per-parameter-token factor", () => {
    const o = chinchillaOptimal(rounded, 1e22, 8);
    expect(rel(8 * o.N * o.D, 1e22)).toBeLessThan(1e-12);
  });
  it("is the minimum of the loss along the iso-FLOP curve", () => {
    const C = 1e22;
    const o = chinchillaOptimal(rounded, C);
    for (const f of [0.9, 1.1]) expect(chinchillaLoss(rounded, o.N * f, C / (6 * o.N * f))).toBeGreaterThan(o.loss);
  });
  it("exponents a and b sum to 1", () => {
    const o = chinchillaOptimal(rounded, 1e20);
    expect(o.a + o.b).toBeCloseTo(1, 14);
  });
});

describe("input validation", () => {
  it("predict rejects N ≤ 0 naming the function and the argument", () => {
    expect(() => chinchillaLoss(rounded, 0, 1e9)).toThrow(/^laws\.chinchilla\.predict: N must be a finite number > 0/);
  });
  it("chinchillaOptimal rejects a non-finite budget", () => {
    expect(() => chinchillaOptimal(rounded, NaN)).toThrow(InvalidInputError);
  });
  it("chinchillaOptimal rejects a negative exponent", () => {
    expect(() => chinchillaOptimal({ ...rounded, alpha: -0.3 }, 1e21)).toThrow(/params\.alpha/);
  });
});

describe("the fittable model and the law card", () => {
  it("the model's value equals chinchillaLoss", () => {
    const t = [rounded.E, rounded.A, rounded.B, rounded.alpha, rounded.beta];
    expect(chinchillaModel.value(t, { N: 1e9, D: 2e10 })).toBeCloseTo(chinchillaLoss(rounded, 1e9, 2e10), 12);
  });
  it("the log-sum-exp evaluator gives log L and stays finite where A = e^a overflows", () => {
    const batch = chinchillaModel.bindLog!([{ N: 1e9, D: 2e10 }]);
    const out = new Float64Array(1);
    const ev = (s: Float64Array, g: Float64Array) => { batch(s, Int32Array.of(0), 1, out, g); return out[0]; };
    const g = new Float64Array(5);
    const s = new Float64Array([Math.log(rounded.E), Math.log(rounded.A), Math.log(rounded.B), rounded.alpha, rounded.beta]);
    expect(ev(s, g)).toBeCloseTo(Math.log(chinchillaLoss(rounded, 1e9, 2e10)), 12);
    s[1] = 1000; // A = e^1000 = Infinity in double precision
    const lf = ev(s, g);
    expect(lf).toBeCloseTo(1000 - rounded.alpha * Math.log(1e9), 9);
    expect(g.every(Number.isFinite)).toBe(true);
  });
  it("the batch evaluator takes any subset of rows in any order (bootstrap resamples skip rows of weight 0)", () => {
    const rows = [{ N: 1e8, D: 2e9 }, { N: 1e9, D: 2e10 }, { N: 7e10, D: 1.4e12 }];
    const batch = chinchillaModel.bindLog!(rows);
    const s = new Float64Array([Math.log(rounded.E), Math.log(rounded.A), Math.log(rounded.B), rounded.alpha, rounded.beta]);
    const lf = new Float64Array(2);
    const g = new Float64Array(10);
    batch(s, Int32Array.of(2, 0), 2, lf, g);
    const one = new Float64Array(1);
    const g1 = new Float64Array(5);
    [2, 0].forEach((i, k) => {
      // Independent check: log of the closed-form loss, and the same row evaluated alone.
      expect(lf[k]).toBeCloseTo(Math.log(chinchillaLoss(rounded, rows[i].N, rows[i].D)), 12);
      batch(s, Int32Array.of(i), 1, one, g1);
      expect(Array.from(g.subarray(k * 5, k * 5 + 5))).toEqual(Array.from(g1));
    });
  });
  it("Hoffmann's grid has 4,500 starts", () => {
    expect(Object.values(chinchilla.grids.hoffmann).reduce((n, v) => n * v.length, 1)).toBe(4500);
  });
  it("is in the law catalogue with its published constant sets", () => {
    expect(listLaws("loss").map((l) => l.id)).toContain("chinchilla");
    expect(chinchilla.constants!.map((c) => c.status)).toEqual(["confirmed", "confirmed", "confirmed", "confirmed"]);
    expect(Object.keys(chinchilla.published)).toEqual(["hoffmann", "hoffmannUnrounded", "besiroglu", "besirogluGrid"]);
    expect(chinchilla.api).toBe("laws.chinchilla");
  });
  it("predict takes inputs first and params second (default: Hoffmann's rounded set), also a FitResult-like object", () => {
    expect(chinchilla.predict({ N: 70e9, D: 1.4e12 })).toBe(chinchilla.predict({ N: 70e9, D: 1.4e12 }, chinchilla.published.hoffmann));
    expect(chinchilla.predict([{ N: 70e9, D: 1.4e12 }, { N: 280e9, D: 300e9 }], rounded)).toHaveLength(2);
    expect(chinchilla.optimal(5.76e23).N).toBe(chinchilla.optimal(5.76e23, chinchilla.published.hoffmann).N);
  });
  it("fit rejects an unknown grid name and bad rows, naming the row", async () => {
    await expect(chinchilla.fit([{ N: 1e9, D: 2e10 }], [2.5], { grid: "nope" as "default" })).rejects.toThrow(/laws\.chinchilla\.fit: unknown grid "nope"/);
    await expect(chinchilla.fit([{ N: 1e9, D: -1 }], [2.5])).rejects.toThrow(/laws\.chinchilla\.fit: row 0: D must be/);
  });
});
