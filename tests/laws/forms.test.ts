/**
 * The recalled ("unverified") forms: Hestness, Henighan, MoE (Clark, Krajewski, joint), distillation, DiLoCo,
 * loss-to-loss, Bhagia. Their constants are never asserted; these tests check the forms' mathematics,
 * gradients, recovery through the fitting engine, labels and bad input.
 */
import { describe, expect, it } from "vitest";
import { HESTNESS_EXPONENTS, hestness, hestnessIrreducibleOnset, hestnessModel } from "../../lib/laws/hestness";
import { HENIGHAN_LANGUAGE_COMPUTE_EXPONENT, henighan, henighanModel } from "../../lib/laws/henighan";
import { JOINT_MOE_MAGNITUDES, KRAJEWSKI_MOE, clarkEffectiveExperts, clarkMoe, jointMoe, krajewskiMoe } from "../../lib/laws/moe";
import { distillation, type DistillationParams } from "../../lib/laws/distillation";
import { diloco, dilocoModel, type DilocoParams } from "../../lib/laws/diloco";
import { lossToLoss as lossToLossLaw, lossToLossModel, type LossToLossParams } from "../../lib/laws/loss-to-loss";
import {
  bhagiaAccuracy, bhagiaAccuracyModel, bhagiaPredictAccuracy, bhagiaTaskLoss as bhagiaTaskLossLaw, type BhagiaAccuracyParams, type BhagiaTaskLossParams,
} from "../../lib/laws/bhagia";
import type { HestnessParams } from "../../lib/laws/hestness";
import type { HenighanParams } from "../../lib/laws/henighan";
import type { ClarkMoeParams, JointMoeParams, KrajewskiMoeParams } from "../../lib/laws/moe";
import { checkModelGradient, fitModelSync } from "../../lib/fit/fit";
import { InvalidInputError } from "../../lib/core";

// The laws through their public calling convention (inputs first, params second).
const hestnessError = (m: number, p: HestnessParams) => hestness.predict({ m }, p);
const henighanLoss = (x: number, p: HenighanParams) => henighan.predict({ x }, p);
const henighanReducibleLoss = (x: number, p: HenighanParams) => henighan.reducible({ x }, p);
const clarkMoeLoss = (N: number, E: number, p: ClarkMoeParams) => clarkMoe.predict({ N, E }, p);
const krajewskiMoeLoss = (N: number, D: number, G: number, p?: KrajewskiMoeParams) => krajewskiMoe.predict({ N, D, G }, p);
const jointMoeLoss = (Nact: number, D: number, E: number, p: JointMoeParams) => jointMoe.predict({ Nact, D, E }, p);
const distillationStudentLoss = (NS: number, DS: number, LT: number, LStilde: number, p: DistillationParams) => distillation.predict({ NS, DS, LT, LStilde }, p);
const dilocoLoss = (N: number, M: number, p: DilocoParams) => diloco.predict({ N, M }, p);
const lossToLoss = (Lx: number, p: LossToLossParams) => lossToLossLaw.predict({ Lx }, p);
const bhagiaTaskLoss = (N: number, D: number, p: BhagiaTaskLossParams) => bhagiaTaskLossLaw.predict({ N, D }, p);
const bhagiaAccuracyFromTaskLoss = (L: number, p: BhagiaAccuracyParams) => bhagiaAccuracy.predict({ L }, p);

describe("status labels of recalled forms", () => {
  it("every recalled constant set is labelled unverified", () => {
    for (const c of [...HESTNESS_EXPONENTS, HENIGHAN_LANGUAGE_COMPUTE_EXPONENT, KRAJEWSKI_MOE, JOINT_MOE_MAGNITUDES]) expect(c.status).toBe("unverified");
  });
  it("the law cards of recalled forms are unverified", () => {
    for (const l of [hestness, henighan, clarkMoe, krajewskiMoe, jointMoe, distillation, diloco, lossToLossLaw, bhagiaTaskLossLaw, bhagiaAccuracy]) expect(l.status).toBe("unverified");
  });
  it("laws without transcribed constants predict by default with an illustrative set labelled as such", () => {
    for (const l of [hestness, henighan, clarkMoe, distillation, diloco, lossToLossLaw, bhagiaTaskLossLaw, bhagiaAccuracy]) {
      expect(l.defaults.name).toBe("illustrative values (not from the paper)");
      expect(l.defaults.status).toBe("unverified");
    }
  });
});

describe("Hestness and Henighan power laws", () => {
  const h = { alpha: 10, betaG: -0.5, gamma: 0.1 };
  it("Hestness error falls with data toward gamma", () => {
    expect(hestnessError(1e4, h)).toBeGreaterThan(hestnessError(1e6, h));
    expect(hestnessError(1e30, h)).toBeCloseTo(0.1, 12);
  });
  it("at the irreducible onset the reducible error is ratio × gamma", () => {
    const m = hestnessIrreducibleOnset(h, 0.05);
    expect(hestnessError(m, h) - h.gamma).toBeCloseTo(0.05 * h.gamma, 12);
  });
  it("the irreducible onset needs a falling curve", () => {
    expect(() => hestnessIrreducibleOnset({ ...h, betaG: 0.1 })).toThrow(/betaG must be < 0/);
  });
  it("Henighan reducible loss halves when x grows by 2^(1/alpha)", () => {
    const p = { Linf: 1.7, x0: 1e7, alphaX: 0.3 };
    expect(henighanReducibleLoss(1e9 * 2 ** (1 / 0.3), p) / henighanReducibleLoss(1e9, p)).toBeCloseTo(0.5, 12);
  });
  it("Henighan rejects x = 0", () => {
    expect(() => henighanLoss(0, { Linf: 1, x0: 1, alphaX: 1 })).toThrow(InvalidInputError);
  });
  it("Hestness and Henighan models have correct analytic gradients", () => {
    expect(checkModelGradient(hestnessModel, [1e3, 1e5, 1e7], [10, -0.5, 0.1]).maxRelError).toBeLessThan(1e-6);
    expect(checkModelGradient(henighanModel, [1e6, 1e8, 1e10].map((x) => ({ x })), [1.7, 1e7, 0.3]).maxRelError).toBeLessThan(1e-6);
  });
  it("a Henighan law is recovered from noiseless synthetic data", () => {
    const xs = [1e6, 3e6, 1e7, 3e7, 1e8, 3e8, 1e9, 3e9, 1e10];
    const ys = xs.map((x) => henighanLoss(x, { Linf: 1.7, x0: 3e6, alphaX: 0.3 }));
    const f = henighan.fitSync(xs.map((x) => ({ x })), ys, { objective: "mse", init: { Linf: 1.5, x0: 1e6, alphaX: 0.2 }, ftol: 1e-15, gtol: 1e-12, maxIterations: 5000, workers: 0 });
    expect(f.params.Linf).toBeCloseTo(1.7, 4);
    expect(f.params.alphaX).toBeCloseTo(0.3, 4);
  });
});

describe("MoE laws", () => {
  const clark = { a: -0.05, b: -0.02, c: 0.001, d: 1.8, Estart: 2, Emax: 200 };
  it("Clark's effective expert count grows with E and saturates below E_max", () => {
    expect(clarkEffectiveExperts(64, clark)).toBeGreaterThan(clarkEffectiveExperts(8, clark));
    expect(clarkEffectiveExperts(1e12, clark)).toBeLessThan(200);
    expect(clarkEffectiveExperts(1e12, clark)).toBeCloseTo(200, 6);
  });
  it("Clark's loss with b = c = 0 reduces to the dense power law exp(d)·N^a", () => {
    expect(clarkMoeLoss(1e9, 32, { ...clark, b: 0, c: 0 })).toBeCloseTo(Math.exp(1.8) * 1e9 ** -0.05, 12);
  });
  it("Clark rejects E < 1 and misordered saturation constants", () => {
    expect(() => clarkEffectiveExperts(0.5, clark)).toThrow(/E \(number of experts\) must be ≥ 1/);
    expect(() => clarkEffectiveExperts(4, { ...clark, Emax: 1.5 })).toThrow(/1 < Estart < Emax/);
  });
  it("Krajewski: finer granularity lowers the loss, and G → ∞ leaves c + a/N^alpha + b/D^beta", () => {
    expect(krajewskiMoeLoss(1e9, 1e11, 8)).toBeLessThan(krajewskiMoeLoss(1e9, 1e11, 1));
    const p = KRAJEWSKI_MOE.params;
    expect(krajewskiMoeLoss(1e9, 1e11, 1e300)).toBeCloseTo(p.c + p.a / 1e9 ** p.alpha + p.b / 1e11 ** p.beta, 12);
  });
  it("joint MoE with one expert is a Chinchilla-form law a·N^alpha + b·D^beta + c", () => {
    const p = { a: 30, delta: 0.2, alpha: -0.19, gamma: 0.01, b: 30, omega: -0.5, beta: -0.18, zeta: 0.02, c: 1.36 };
    expect(jointMoeLoss(1e9, 1e11, 1, p)).toBeCloseTo(30 * 1e9 ** -0.19 + 30 * 1e11 ** -0.18 + 1.36, 12);
  });
  it("joint MoE rejects a NaN exponent", () => {
    expect(() => jointMoeLoss(1e9, 1e11, 8, { ...JOINT_MOE_MAGNITUDES.params, zeta: NaN })).toThrow(/params.zeta/);
  });
});

describe("distillation, DiLoCo, loss-to-loss, Bhagia", () => {
  const dp = { c0: 0.5, c1: 1, d1: 1, f1: 1, A: 400, B: 400, alpha: 0.3, beta: 0.3, gamma: 1 };
  it("the student never beats its teacher (L_S ≥ L_T) and improves with data", () => {
    const a = distillationStudentLoss(1e9, 1e10, 2.2, 2.5, dp), b = distillationStudentLoss(1e9, 1e12, 2.2, 2.5, dp);
    expect(a).toBeGreaterThan(2.2);
    expect(b).toBeLessThan(a);
  });
  it("distillation rejects a zero teacher loss", () => {
    expect(() => distillationStudentLoss(1e9, 1e10, 0, 2.5, dp)).toThrow(/LT must be/);
  });
  it("DiLoCo with beta = 0 is the per-replica power law A·N^alpha", () => {
    expect(dilocoLoss(1e9, 8, { A: 20, alpha: -0.1, beta: 0 })).toBeCloseTo(20 * 1e9 ** -0.1, 12);
    expect(checkModelGradient(dilocoModel, [{ N: 1e8, M: 1 }, { N: 1e9, M: 4 }], [20, -0.1, 0.02]).maxRelError).toBeLessThan(1e-6);
  });
  it("loss-to-loss maps E_x to E_y and is increasing", () => {
    const p = { K: 1.1, kappa: 0.8, Ex: 1.6, Ey: 1.9 };
    expect(lossToLoss(1.6 + 1e-12, p)).toBeCloseTo(1.9, 8);
    expect(lossToLoss(3, p)).toBeGreaterThan(lossToLoss(2.5, p));
  });
  it("loss-to-loss rejects a source loss at or below E_x", () => {
    expect(() => lossToLoss(1.5, { K: 1, kappa: 1, Ex: 1.6, Ey: 1.9 })).toThrow(/must exceed the irreducible loss/);
  });
  it("loss-to-loss is recovered from noiseless synthetic pairs", () => {
    const xs = [2.2, 2.4, 2.6, 2.9, 3.2, 3.6, 4.1, 4.7];
    const ys = xs.map((x) => lossToLoss(x, { K: 1.1, kappa: 0.8, Ex: 1.6, Ey: 1.9 }));
    expect(checkModelGradient(lossToLossModel, xs.map((Lx) => ({ Lx })), [1.1, 0.8, 1.6, 1.9]).maxRelError).toBeLessThan(1e-6);
    const f = lossToLossLaw.fitSync(xs.map((Lx) => ({ Lx })), ys, { objective: "mse", init: { K: 1, kappa: 1, Ex: 1.5, Ey: 2 }, ftol: 1e-15, gtol: 1e-12, maxIterations: 5000, workers: 0 });
    expect(f.params.kappa).toBeCloseTo(0.8, 3);
    expect(f.params.Ex).toBeCloseTo(1.6, 3);
  });
  it("Bhagia's two steps chain: accuracy rises as N grows", () => {
    const s1 = { A: 100, alpha: 0.3, B: 300, beta: 0.3, E: 0.5 }, s2 = { a: 0.75, b: 0.25, k: -5, L0: 1 };
    expect(bhagiaPredictAccuracy({ N: 7e9, D: 1e11 }, s1, s2)).toBeGreaterThan(bhagiaPredictAccuracy({ N: 1e9, D: 1e11 }, s1, s2));
    expect(bhagiaPredictAccuracy({ N: 1e9, D: 1e11 }, s1, s2)).toBe(bhagiaAccuracyFromTaskLoss(bhagiaTaskLoss(1e9, 1e11, s1), s2));
  });
  it("Bhagia's accuracy sigmoid is recovered from noiseless synthetic points", () => {
    const Ls = [0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.4, 1.6];
    const acc = Ls.map((L) => bhagiaAccuracyFromTaskLoss(L, { a: 0.7, b: 0.25, k: -6, L0: 1.05 }));
    expect(checkModelGradient(bhagiaAccuracyModel, Ls.map((L) => ({ L })), [0.7, 0.25, -6, 1.05]).maxRelError).toBeLessThan(1e-6);
    const f = fitModelSync(bhagiaAccuracyModel, Ls.map((L) => ({ L })), acc, { objective: "mse", space: "linear", init: { a: 0.5, b: 0.3, k: -3, L0: 1 }, ftol: 1e-15, gtol: 1e-12, maxIterations: 5000, workers: 0 });
    expect(f.params.k).toBeCloseTo(-6, 3);
    expect(f.params.L0).toBeCloseTo(1.05, 4);
  });
  it("Bhagia's task loss rejects D = 0", () => {
    expect(() => bhagiaTaskLoss(1e9, 0, { A: 1, alpha: 0.3, B: 1, beta: 0.3, E: 0.5 })).toThrow(InvalidInputError);
  });
});
