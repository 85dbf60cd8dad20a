/**
 * Kaplan et al. 2020 laws. Reference checks 13–20 of loss-and-mixing.md (a) test the formulas with the constants
 * passed explicitly: the constants themselves are "from memory, unverified" and are never asserted as the paper's.
 */
import { describe, expect, it } from "vitest";
import {
  KAPLAN_2020, KAPLAN_2020_ALLOCATION, KAPLAN_2020_LND, KAPLAN_2020_LNS, kaplanLossCmin as lossCmin, kaplanLossD as lossD, kaplanLossN as lossN,
  kaplanLossND as lossND, kaplanLossNS as lossNS, kaplanOptimalAllocation, kaplanOverfittingTokens, PFDAY_FLOP, type KaplanConstants,
} from "../../lib/laws/kaplan";
import { kaplanCmin, kaplanCriticalBatch, kaplanEmin, kaplanSmin } from "../../lib/laws/kaplan-batch";
import { InvalidInputError, listLaws } from "../../lib/core";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
type K = Partial<KaplanConstants>;
// The laws through their public calling convention (inputs first, params second).
const kaplanLossN = (N: number, k?: K) => lossN.predict({ N }, k as Required<K>);
const kaplanLossD = (D: number, k?: K) => lossD.predict({ D }, k as Required<K>);
const kaplanLossCmin = (Cmin: number, k?: K) => lossCmin.predict({ Cmin }, k as Required<K>);
const kaplanLossND = (N: number, D: number, k?: K) => lossND.predict({ N, D }, k as Required<K>);
const kaplanLossNSmin = (N: number, Smin: number, k?: K) => lossNS.predict({ N, Smin }, k as Required<K>);

describe("Kaplan 2020 reference checks (loss-and-mixing.md (a), formulas with explicit constants)", () => {
  it("check 13: L(N) with alpha_N 0.076, N_c 8.8e13 at N = 1e9 is 2.37564", () => {
    expect(rel(kaplanLossN(1e9, { alphaN: 0.076, Nc: 8.8e13 }), 2.37564)).toBeLessThan(5e-6);
  });
  it("check 14: L(D) with alpha_D 0.095, D_c 5.4e13 at D = 1e10 is 2.26244", () => {
    expect(rel(kaplanLossD(1e10, { alphaD: 0.095, Dc: 5.4e13 }), 2.26244)).toBeLessThan(5e-6);
  });
  it("check 15: L(N, D) with Table-2 constants at N = 1e9, D = 1e10 is 2.41965", () => {
    expect(rel(kaplanLossND(1e9, 1e10, { alphaN: 0.076, alphaD: 0.103, Nc: 6.4e13, Dc: 1.8e13 }), 2.41965)).toBeLessThan(5e-6);
  });
  it("check 16: L(C_min) with alpha 0.050, C_c 3.1e8 PF-days is 2.65808 at 1 PF-day and 1.88178 at 1e3", () => {
    const k = { alphaCmin: 0.05, CcMinPFDays: 3.1e8 };
    expect(rel(kaplanLossCmin(1, k), 2.65808)).toBeLessThan(5e-6);
    expect(rel(kaplanLossCmin(1e3, k), 1.88178)).toBeLessThan(5e-6);
  });
  it("check 17: B_crit with B* 2e8, alpha_B 0.21 is 7.371e6 tokens at L = 2 and 1.069e6 at L = 3", () => {
    const k = { alphaB: 0.21, BstarTokens: 2e8 };
    expect(rel(kaplanCriticalBatch(2.0, k), 7.371e6)).toBeLessThan(5e-4);
    expect(rel(kaplanCriticalBatch(3.0, k), 1.069e6)).toBeLessThan(5e-4);
  });
  it("check 18: L(N, S_min) with Table-3 constants at N = 1e9, S_min = 1e5 is 2.40051", () => {
    expect(rel(kaplanLossNSmin(1e9, 1e5, { alphaN: 0.077, Nc: 6.5e13, alphaS: 0.76, Sc: 2.1e3 }), 2.40051)).toBeLessThan(5e-6);
  });
  it("check 19: N_opt = 1.3e9·C^0.73 at C_min = 1e3 PF-days is 2.013e11 params", () => {
    expect(rel(kaplanOptimalAllocation({ Cmin: 1e3 }, { coefficient: 1.3e9, exponent: 0.73 }).N, 2.013e11)).toBeLessThan(5e-4);
  });
  it("check 20: overfitting threshold 5e3·N^0.74 at N = 1e9 is 2.285e10 tokens", () => {
    expect(rel(kaplanOverfittingTokens({ N: 1e9 }), 2.285e10)).toBeLessThan(5e-4);
  });
});

describe("Kaplan laws: properties", () => {
  const Ns = [1e6, 1e7, 1e8, 1e9, 1e10];
  it("L(N), L(N, D) and L(N, S_min) fall as N grows", () => {
    for (let i = 1; i < Ns.length; i++) {
      expect(kaplanLossN(Ns[i])).toBeLessThan(kaplanLossN(Ns[i - 1]));
      expect(kaplanLossND(Ns[i], 1e10)).toBeLessThan(kaplanLossND(Ns[i - 1], 1e10));
      expect(kaplanLossNSmin(Ns[i], 1e4)).toBeLessThan(kaplanLossNSmin(Ns[i - 1], 1e4));
    }
  });
  it("L(D) and L(N, D) fall as D grows", () => {
    for (const D of [1e8, 1e9, 1e10, 1e11]) {
      expect(kaplanLossD(10 * D)).toBeLessThan(kaplanLossD(D));
      expect(kaplanLossND(1e9, 10 * D)).toBeLessThan(kaplanLossND(1e9, D));
    }
  });
  it("L(N, D) tends to L(N) with the same constants as D → ∞", () => {
    const k = KAPLAN_2020_LND.params;
    expect(rel(kaplanLossND(1e8, 1e30, k), kaplanLossN(1e8, k))).toBeLessThan(1e-9);
  });
  it("S_min·(1 + B_crit/B) = S and E_min·(1 + B/B_crit) = E: the adjustments invert Kaplan's Eq. 5.4", () => {
    const B = 3e6, L = 2.5, Bc = kaplanCriticalBatch(L);
    expect(rel(kaplanSmin(1e5, B, L) * (1 + Bc / B), 1e5)).toBeLessThan(1e-12);
    expect(rel(kaplanEmin(1e10, B, L) * (1 + B / Bc), 1e10)).toBeLessThan(1e-12);
    expect(rel(kaplanCmin(7, B, L), kaplanEmin(7, B, L))).toBeLessThan(1e-12);
  });
  it("the critical batch grows as the loss falls", () => {
    expect(kaplanCriticalBatch(2)).toBeGreaterThan(kaplanCriticalBatch(3));
  });
  it("Kaplan's allocation spends C_min: 6·N·D = C_min·PFDAY_FLOP", () => {
    const a = kaplanOptimalAllocation({ Cmin: 10 });
    expect(rel(6 * a.N * a.D, 10 * PFDAY_FLOP)).toBeLessThan(1e-12);
  });
});

describe("Kaplan models: analytic gradients match central differences", () => {
  function checkGradient<X>(model: { params: readonly unknown[]; valueAndGradient?: (t: ArrayLike<number>, x: X, g: Float64Array) => number; value: (t: ArrayLike<number>, x: X) => number }, theta: number[], x: X) {
    const g = new Float64Array(theta.length);
    model.valueAndGradient!(theta, x, g);
    theta.forEach((v, j) => {
      const h = 1e-6 * Math.abs(v);
      const up = [...theta], dn = [...theta];
      up[j] += h;
      dn[j] -= h;
      const fd = (model.value(up, x) - model.value(dn, x)) / (2 * h);
      expect(Math.abs(g[j] - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
    });
  }
  it("L(N)", () => checkGradient(lossN.model, [8.8e13, 0.076], { N: 1e9 }));
  it("L(D) and L(C_min)", () => {
    checkGradient(lossD.model, [5.4e13, 0.095], { D: 1e10 });
    checkGradient(lossCmin.model, [3.1e8, 0.05], { Cmin: 3 });
  });
  it("L(N, D)", () => checkGradient(lossND.model, [6.4e13, 1.8e13, 0.076, 0.103], { N: 3e8, D: 5e9 }));
  it("L(N, S_min)", () => checkGradient(lossNS.model, [6.5e13, 0.077, 2.1e3, 0.76], { N: 3e8, Smin: 2e4 }));
  it("models evaluate to the same loss as the functions", () => {
    const k = KAPLAN_2020_LNS.params;
    expect(lossNS.model.value([k.Nc, k.alphaN, k.Sc, k.alphaS], { N: 1e9, Smin: 1e5 })).toBe(kaplanLossNSmin(1e9, 1e5));
  });
});

describe("Kaplan laws: status and bad input", () => {
  it("every from-memory constant set is labelled unverified", () => {
    for (const c of [KAPLAN_2020, KAPLAN_2020_LND, KAPLAN_2020_LNS, KAPLAN_2020_ALLOCATION]) expect(c.status).toBe("unverified");
  });
  it("every Kaplan law card is in the catalogue", () => {
    const ids = listLaws().map((l) => l.id);
    for (const id of ["kaplan-loss-N", "kaplan-loss-D", "kaplan-loss-Cmin", "kaplan-loss-ND", "kaplan-loss-NSmin", "kaplan-loss-C-fixed-batch", "kaplan-allocation", "kaplan-critical-batch"]) expect(ids).toContain(id);
  });
  it("kaplanLossN rejects N ≤ 0 with an InvalidInputError naming the function", () => {
    expect(() => kaplanLossN(0)).toThrow(InvalidInputError);
    expect(() => kaplanLossN(-1)).toThrow(/^laws\.kaplan\.lossN\.predict: N must be/);
  });
  it("kaplanLossND rejects a NaN D", () => {
    expect(() => kaplanLossND(1e9, NaN)).toThrow(/laws\.kaplan\.lossND\.predict: D must be a finite number > 0/);
  });
  it("kaplanLossN rejects an incomplete or non-finite constant set, naming the constant", () => {
    expect(() => kaplanLossN(1e9, { alphaN: 0.076 })).toThrow(/params\.Nc must be a finite number/);
    expect(() => kaplanLossN(1e9, { alphaN: NaN, Nc: 8.8e13 })).toThrow(/params\.alphaN/);
  });
  it("kaplanCriticalBatch rejects L = 0", () => {
    expect(() => kaplanCriticalBatch(0)).toThrow(InvalidInputError);
  });
  it("kaplanSmin rejects B ≤ 0", () => {
    expect(() => kaplanSmin(1e5, 0, 2)).toThrow(/laws\.kaplan\.Smin: B must be/);
  });
  it("the allocation rejects a non-positive C_min", () => {
    expect(() => kaplanOptimalAllocation({ Cmin: 0 })).toThrow(/laws\.kaplan\.optimal: Cmin must be/);
  });
});
