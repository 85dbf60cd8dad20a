/**
 * Closed forms, invariants and bad input of lib/mixing: mixing law, aggregation, simplex projection and mixture
 * optimisation, BiMix, QQT data filtering, DoReMi, nested pipeline (synthetic recovery). Expected values are exact
 * arithmetic stated next to each check, or the project reference's check #26 (loss-and-mixing.md (a)).
 */
import { describe, expect, it } from "vitest";
import * as mixing from "../../lib/mixing";
import { yeModel } from "../../lib/mixing/mixing-law";
import { checkModelGradient } from "../../lib/fit/fit";
import { listLaws, InsufficientDataError, InvalidInputError } from "../../lib/core";

const { ye, bimix, qqt, doremi, nested } = mixing;
const optimizeMixture = mixing.optimize;
const projectOntoSimplex = mixing.project;
const mixingLawLoss = (p: { c: number; k: number; t: number[] }, r: number[]) => ye.predict(r, p);
const bimixLoss = (s: number, r: number, p: Record<"A" | "alpha" | "B" | "beta" | "C", number>) => bimix.predict({ s, r }, p);

describe("Ye et al. mixing law", () => {
  it("with t = 0 is c + k for any mixture (reference check #26)", () => {
    expect(mixingLawLoss({ c: 1.7, k: 0.4, t: [0, 0, 0] }, [0.2, 0.3, 0.5])).toBeCloseTo(2.1, 14);
    expect(mixingLawLoss({ c: 1.7, k: 0.4, t: [0, 0, 0] }, [1, 0, 0])).toBeCloseTo(2.1, 14);
  });
  it("is c + k·exp(Σ t_j r_j)", () => {
    expect(mixingLawLoss({ c: 1, k: 2, t: [-1, 1] }, [0.25, 0.75])).toBeCloseTo(1 + 2 * Math.exp(0.5), 14);
  });
  it("the paper's { c, k, t } form equals the k = 1 gauge with t_j + ln k", () => {
    expect(ye.predict([0.25, 0.75], { c: 1, k: 2, t: [-1, 1] })).toBeCloseTo(ye.predict([0.25, 0.75], { c: 1, t1: -1 + Math.log(2), t2: 1 + Math.log(2) }), 14);
  });
  it("model's analytic gradient agrees with central differences", () => {
    const m = yeModel(3);
    expect(checkModelGradient(m, [{ r1: 0.2, r2: 0.3, r3: 0.5 }, { r1: 0.6, r2: 0.1, r3: 0.3 }], [1.2, -0.5, 0.3, -1.1]).maxRelError).toBeLessThan(1e-7);
  });
  it("the 2- and 3-domain Laws agree with the array form and carry refitted constants", () => {
    expect(ye.lawFor3.predict({ r1: 0.2, r2: 0.3, r3: 0.5 })).toBeCloseTo(ye.predict([0.2, 0.3, 0.5], ye.lawFor3.defaults), 14);
    expect(ye.lawFor2.predict({ r1: 0.4, r2: 0.6 })).toBeCloseTo(ye.predict([0.4, 0.6], ye.lawFor2.defaults), 14);
    expect(ye.lawFor3.api).toBe("mixing.ye.lawFor3");
  });
  it("fit recovers c and t from exact synthetic data (k = 1 gauge)", () => {
    const truth = { c: 2, k: 1, t: [-1.5, 0.5, -0.2] };
    const R = [[0.2, 0.3, 0.5], [0.6, 0.2, 0.2], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4], [0.5, 0.1, 0.4], [0.25, 0.5, 0.25], [0.7, 0.1, 0.2]];
    const f = ye.fitSync(R, R.map((r) => mixingLawLoss(truth, r)));
    expect(f.params.c).toBeCloseTo(2, 5);
    truth.t.forEach((t, j) => expect(f.params[`t${j + 1}`]).toBeCloseTo(t, 4));
  });
  it("rejects a mixture that does not sum to 1", () => {
    expect(() => mixingLawLoss({ c: 1, k: 1, t: [0, 0] }, [0.5, 0.6])).toThrow(InvalidInputError);
  });
  it("rejects a mixture of the wrong length", () => {
    expect(() => mixingLawLoss({ c: 1, k: 1, t: [0, 0] }, [0.2, 0.3, 0.5])).toThrow(/expected 2/);
  });
  it("rejects k ≤ 0 in the paper's form", () => {
    expect(() => mixingLawLoss({ c: 1, k: 0, t: [0, 0] }, [0.5, 0.5])).toThrow(InvalidInputError);
  });
  it("fit rejects too few mixtures with InsufficientDataError", () => {
    expect(() => ye.fitSync([[0.5, 0.5], [0.2, 0.8]], [1, 2])).toThrow(InsufficientDataError);
  });
  it("fit rejects a non-positive loss", () => {
    expect(() => ye.fitSync([[0.5, 0.5], [0.2, 0.8], [0.1, 0.9]], [1, 0, 2])).toThrow(/L\[1\]/);
  });
  it("fit rejects single-domain mixtures", () => {
    expect(() => ye.fitSync([[1], [1], [1]], [1, 2, 3])).toThrow(InvalidInputError);
  });
});

describe("aggregation", () => {
  it("explicit aggregation is Σ s_i L_i", () => {
    expect(ye.aggregate([{ c: 1, k: 1, t: [0, 0] }, { c: 2, k: 1, t: [0, 0] }], [0.5, 0.5], [0.25, 0.75])).toBeCloseTo(0.25 * 2 + 0.75 * 3, 14);
  });
  it("learned weights recover the weights that generated the overall loss", () => {
    const rows = [[1, 3, 2], [2, 2, 2.5], [3, 1, 1], [2.5, 1.5, 3]];
    const s = [0.2, 0.5, 0.3];
    const w = ye.learnWeights(rows, rows.map((r) => r.reduce((a, v, j) => a + v * s[j], 0)));
    w.forEach((v, j) => expect(v).toBeCloseTo(s[j], 6));
  });
  it("rejects weights of the wrong length", () => {
    expect(() => ye.aggregate([{ c: 1, k: 1, t: [0, 0] }], [0.5, 0.5], [0.5, 0.5])).toThrow(InvalidInputError);
  });
  it("rejects ragged domain-loss rows", () => {
    expect(() => ye.learnWeights([[1, 2], [1]], [1, 2])).toThrow(InvalidInputError);
  });
});

describe("simplex projection and mixture optimisation", () => {
  it("projection of a feasible point is the point itself", () => {
    projectOntoSimplex([0.2, 0.3, 0.5]).forEach((v, j) => expect(v).toBeCloseTo([0.2, 0.3, 0.5][j], 14));
  });
  it("projection respects per-domain bounds and sums to 1", () => {
    const p = projectOntoSimplex([2, 0, 0], { lower: 0.1, upper: 0.6 });
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p[0]).toBeCloseTo(0.6, 12);
    expect(p[1]).toBeCloseTo(0.2, 12);
  });
  it("rejects infeasible bounds (Σ lower > 1)", () => {
    expect(() => projectOntoSimplex([0.5, 0.5], { lower: 0.6 })).toThrow(/Σ lower/);
  });
  it("rejects bounds outside [0, 1]", () => {
    expect(() => projectOntoSimplex([0.5, 0.5], { upper: [1.5, 1] })).toThrow(InvalidInputError);
  });
  it("optimum of two competing domains matches the closed form", () => {
    // L = e^{-2 r1} + e^{-2 r2} (equal weights) is minimised at r = (1/2, 1/2) by symmetry.
    const o = optimizeMixture([{ c: 0, k: 1, t: [-2, 0] }, { c: 0, k: 1, t: [0, -2] }], [0.5, 0.5]);
    expect(o.r[0]).toBeCloseTo(0.5, 8);
    // Unequal weights 0.8/0.2: stationarity 0.8·2e^{-2r} = 0.2·2e^{-2(1-r)} gives r1 = (1 + ln 4 / 2) / 2.
    const u = optimizeMixture([{ c: 0, k: 1, t: [-2, 0] }, { c: 0, k: 1, t: [0, -2] }], [0.8, 0.2]);
    expect(u.r[0]).toBeCloseTo((1 + Math.log(4) / 2) / 2, 8);
  });
  it("optimum sits on an active upper bound when the bound binds", () => {
    const o = optimizeMixture([{ c: 0, k: 1, t: [-2, 0] }, { c: 0, k: 1, t: [0, -2] }], [0.8, 0.2], { upper: [0.6, 1] });
    expect(o.r[0]).toBeCloseTo(0.6, 10);
  });
  it("optimum is no worse than any of 200 random feasible mixtures (convexity ⇒ global)", () => {
    const laws = [{ c: 1, k: 0.5, t: [-1, 0.3, 0.2] }, { c: 2, k: 0.7, t: [0.4, -1.2, 0.1] }, { c: 1.5, k: 0.4, t: [0.2, 0.1, -0.9] }];
    const s = [0.3, 0.3, 0.4];
    const o = optimizeMixture(laws, s);
    let seed = 1;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 200; i++) {
      const g = [rnd(), rnd(), rnd()];
      const sum = g[0] + g[1] + g[2];
      expect(o.loss).toBeLessThanOrEqual(ye.aggregate(laws, g.map((v) => v / sum), s) + 1e-12);
    }
  });
  it("rejects laws with different domain counts", () => {
    expect(() => optimizeMixture([{ c: 0, k: 1, t: [0, 0] }, { c: 0, k: 1, t: [0, 0, 0] }], [0.5, 0.5])).toThrow(InvalidInputError);
  });
});

describe("BiMix (form unverified)", () => {
  it("is A/r^α·(B/s^β + C)", () => {
    expect(bimixLoss(100, 0.5, { A: 1, alpha: 1, B: 100, beta: 1, C: 1 })).toBeCloseTo(4, 14);
  });
  it("fit recovers the coefficients of exact synthetic data", () => {
    const p = { A: 1.2, alpha: 0.08, B: 40, beta: 0.45, C: 2 };
    const rows = [1, 2, 4, 8, 16].flatMap((s) => [0.1, 0.3, 0.6, 0.9].map((r) => ({ s: s * 1000, r })));
    const f = bimix.fitSync(rows, rows.map((x) => bimixLoss(x.s, x.r, p)), { workers: 0 });
    expect(f.params.alpha).toBeCloseTo(0.08, 4);
    expect(f.params.beta).toBeCloseTo(0.45, 3);
    expect(bimix.predict({ s: 30000, r: 0.5 }, f)).toBeCloseTo(bimixLoss(30000, 0.5, p), 6);
  });
  it("rejects r = 0 and r > 1 (the law diverges at 0; a proportion is at most 1)", () => {
    expect(() => bimixLoss(100, 0, { A: 1, alpha: 1, B: 1, beta: 1, C: 1 })).toThrow(/r must be a finite number > 0/);
    expect(() => bimixLoss(100, 1.5, { A: 1, alpha: 1, B: 1, beta: 1, C: 1 })).toThrow(/\(0, 1\]/);
  });
  it("fit rejects fewer runs than free coefficients (4: A is held at 1) with InsufficientDataError", () => {
    const rows = [1, 2, 3].map((s) => ({ s, r: 0.5 }));
    expect(() => bimix.fitSync(rows, [5, 4, 3], { workers: 0 })).toThrow(InsufficientDataError);
  });
  it("holds A = 1 by default (A·k, B/k, C/k give the same loss), so the fit has no flat direction", () => {
    const p = { A: 1.2, alpha: 0.08, B: 40, beta: 0.45, C: 2 };
    const rows = [1, 2, 4, 8, 16].flatMap((s) => [0.1, 0.3, 0.6, 0.9].map((r) => ({ s: s * 1000, r })));
    const x = { s: 3000, r: 0.4 };
    expect(bimixLoss(x.s, x.r, { ...p, A: 3 * p.A, B: p.B / 3, C: p.C / 3 })).toBeCloseTo(bimixLoss(x.s, x.r, p), 12);
    const f = bimix.fitSync(rows, rows.map((q) => bimixLoss(q.s, q.r, p)), { workers: 0 });
    expect(f.params.A).toBe(1);
    // The A = 1 gauge of the truth: B and C times A.
    expect(f.params.B).toBeCloseTo(p.A * p.B, 2);
    expect(f.params.C).toBeCloseTo(p.A * p.C, 4);
    expect(f.warnings.filter((w) => /flat|not identif|condition/i.test(w))).toEqual([]);
  });
  it("the published refit is in the A = 1 gauge and predicts as the refit's own constants did", () => {
    const set = bimix.published.pileCC160M;
    // The refit's constants before rescaling (this project's fit on Ye et al.'s 160M runs, see the set's note).
    const refit = { A: 2.588130, alpha: 0.05026564, B: 44.15963, beta: 0.5337075, C: 1.108096 };
    expect(set.params.A).toBe(1);
    for (const x of [{ s: 500, r: 0.25 }, { s: 30000, r: 0.5 }, { s: 60000, r: 0.625 }]) {
      expect(bimix.predict(x, set) / bimixLoss(x.s, x.r, refit) - 1).toBeLessThan(1e-8);
    }
  });
});

describe("QQT data-filtering law (Goyal et al. 2024)", () => {
  const p = { a: 1, b: -0.5, tau: 2, d: 0.1 };
  it("within the first epoch is d + (a n / Z)^b", () => {
    expect(qqt.loss(4e5, 1e6, p)).toBeCloseTo(0.1 + 4 ** -0.5, 14);
  });
  it("second epoch multiplies by (n_1/n_0)^(b·2^(−1/τ))", () => {
    const y0 = 0.1 + 10 ** -0.5;
    expect(qqt.loss(2e6, 1e6, p)).toBeCloseTo(y0 * 2 ** (-0.5 * 0.5 ** 0.5), 14);
  });
  it("repetition helps less than fresh data (b < 0)", () => {
    const fresh = qqt.loss(3e6, 1e7, p);
    const repeated = qqt.loss(3e6, 1e6, p);
    expect(repeated).toBeGreaterThan(fresh);
  });
  it("utility exponent halves after τ repetitions", () => {
    expect(qqt.exponent(-0.3, 3, 3)).toBeCloseTo(-0.15, 15);
  });
  it("combined exponent of pools at the same repetition is the mean of b", () => {
    expect(qqt.combinedExponent([{ b: -0.2, tau: 1, k: 0 }, { b: -0.4, tau: 1, k: 0 }])).toBeCloseTo(-0.3, 15);
  });
  it("rejects tau ≤ 0", () => {
    expect(() => qqt.loss(1, 1, { ...p, tau: 0 })).toThrow(InvalidInputError);
  });
  it("rejects an empty pool list", () => {
    expect(() => qqt.combinedExponent([])).toThrow(InvalidInputError);
  });
});

describe("DoReMi update (rule unverified)", () => {
  it("up-weights the domain with excess loss: 0.5/0.5, excess ln 3 vs 0 → 0.75/0.25", () => {
    const a = doremi.update([0.5, 0.5], [3, 2], [2, 2], { eta: Math.log(3), smoothing: 0 });
    expect(a[0]).toBeCloseTo(0.75, 14);
  });
  it("negative excess is clipped to 0 and smoothing mixes in uniform", () => {
    const a = doremi.update([0.9, 0.1], [1, 1], [2, 2], { smoothing: 0.5 });
    expect(a[0]).toBeCloseTo(0.5 * 0.9 + 0.25, 14);
  });
  it("rejects mismatched lengths", () => {
    expect(() => doremi.update([0.5, 0.5], [1], [1, 1])).toThrow(InvalidInputError);
  });
  it("rejects weights that do not sum to 1", () => {
    expect(() => doremi.update([0.5, 0.6], [1, 1], [1, 1])).toThrow(InvalidInputError);
  });
});

describe("nested pipeline (step law → size law → mixing law)", () => {
  it("saturating power law recovers its parameters from exact data", () => {
    const xs = [1e4, 1.5e4, 2e4, 2.5e4, 3e4];
    const f = nested.fitPowerLaw(xs, xs.map((s) => 2.5 + 40 * s ** -0.4));
    expect(f.exponent).toBeCloseTo(0.4, 4);
    expect(f.predict(1e5)).toBeCloseTo(2.5 + 40 * 1e5 ** -0.4, 5);
  });
  it("predicts a large model's mixing law from synthetic small runs generated by the composed laws", () => {
    // Ground truth: L(r, N, S) = E(r) + A·N^-0.3 + B·S^-0.5 with E(r) = 1.5 + exp(-1.2 r1 + 0.4 r2).
    const E = (r: number[]) => 1.5 + Math.exp(-1.2 * r[0] + 0.4 * r[1]);
    const mixes = [[0.2, 0.8], [0.35, 0.65], [0.5, 0.5], [0.65, 0.35], [0.8, 0.2]];
    const runs = mixes.flatMap((r, m) => [7e7, 1.6e8, 4.1e8].flatMap((N) => [1e4, 1.5e4, 2e4, 2.5e4, 3e4].map((S) => ({
      mixture: m, r, N, step: S, loss: E(r) + 20 * N ** -0.3 + 10 * S ** -0.5,
    }))));
    // Per size the step law's E absorbs the size term, and vice versa, so the composition is exact.
    const res = nested.run(runs, { targetStep: 1e5, targetN: 1e9 });
    const truthAt = (r: number[]) => E(r) + 20 * 1e9 ** -0.3 + 10 * 1e5 ** -0.5;
    res.mixtures.forEach((m) => expect(m.predicted).toBeCloseTo(truthAt(m.r), 3));
    expect(ye.predict([0.42, 0.58], res.law)).toBeCloseTo(truthAt([0.42, 0.58]), 3);
  });
  it("rejects mixtures measured at fewer than 3 sizes", () => {
    const runs = [7e7, 1.6e8].flatMap((N) => [1e4, 2e4, 3e4].map((S) => ({ mixture: "a", r: [0.5, 0.5], N, step: S, loss: 3 + S ** -0.5 })));
    expect(() => nested.run(runs, { targetStep: 1e5, targetN: 1e9 })).toThrow(InsufficientDataError);
  });
  it("rejects a non-positive target", () => {
    expect(() => nested.run([], { targetStep: 0, targetN: 1e9 })).toThrow(InvalidInputError);
  });
});

describe("mixing data selection", () => {
  it("rejects a selection with no runs and lists what exists", () => {
    expect(() => mixing.select([], { experiment: "3Mix", modelSize: "410M", step: 1, evalDomain: "Github" })).toThrow(InvalidInputError);
  });
  it("every-k-th split holds out positions offset, offset + k, …", () => {
    expect(mixing.split(7, 3, 1)).toEqual({ fit: [0, 2, 3, 5, 6], heldOut: [1, 4] });
  });
  it("split rejects offset ≥ every", () => {
    expect(() => mixing.split(7, 3, 3)).toThrow(InvalidInputError);
  });
});

describe("law catalogue", () => {
  it("lists the mixing laws with their status (BiMix and DoReMi unverified)", () => {
    const laws = Object.fromEntries(listLaws("mixing").map((l) => [l.id, l.status]));
    expect(laws).toMatchObject({
      "ye-mixing-2": "confirmed", "ye-mixing-3": "confirmed", regmix: "confirmed", bimix: "unverified", "qqt-data-filtering": "confirmed",
      doremi: "unverified", "ye-nested-pipeline": "unverified",
    });
    expect(listLaws("mixing").every((l) => l.api.startsWith("mixing."))).toBe(true);
  });
});

describe("the mixing Laws' formula text agrees with predict (as the catalogue-wide test checks)", () => {
  it("mathjs(formula) = predict at 50 log-uniform points inside ranges, and the model gradient matches differences", async () => {
    const { evaluate } = await import("mathjs");
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const laws = listLaws("mixing").filter((l): l is typeof bimix => (l as { kind?: string }).kind === "law");
    expect(laws.map((l) => l.id).sort()).toEqual(["bimix", "ye-mixing-2", "ye-mixing-3"]);
    for (const law of laws) {
      const p = law.defaults.params;
      const points = Array.from({ length: 50 }, () => Object.fromEntries(Object.entries(law.ranges).map(([k, [lo, hi]]) => [k, Math.exp(Math.log(lo) + rnd() * Math.log(hi / lo))])));
      for (const x of points) {
        const f = evaluate(law.formula, { ...x, ...p }) as number;
        expect(Math.abs(f - law.predict(x as never)) / Math.abs(f), law.id).toBeLessThan(1e-9);
      }
      expect(checkModelGradient(law.model as never, points.slice(0, 5), law.paramNames.map((n) => p[n])).maxRelError, law.id).toBeLessThan(1e-6);
    }
  });
});
