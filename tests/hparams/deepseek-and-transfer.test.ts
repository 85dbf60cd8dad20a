import { describe, expect, it } from "vitest";
import * as hparams from "../../lib/hparams";
import { transformerFlopsPerToken } from "../../lib/laws/flops";
import { InsufficientDataError, JUPYTER_DISPLAY, listLaws } from "../../lib/core";
import { expectRel } from "./helpers";

const { deepseek, bjorck, muScaling } = hparams;
const deepseekOptimalLearningRate = (x: { C: number }) => deepseek.lr.predict(x);
const deepseekOptimalBatch = (x: { C: number }) => deepseek.batch.predict(x);
const recommendHyperparameters = hparams.recommend;
const MU_SCALING_GPT2_SWEEP = muScaling.sweep;

describe("DeepSeek η_opt(C) and B_opt(C), hparams.md checks 1–3 (C)", () => {
  it("C = 1e20 → η_opt = 9.85998e-4 (check 1)", () => expectRel(deepseekOptimalLearningRate({ C: 1e20 }), 9.85998e-4, 5e-6));
  it("C = 1e20 → B_opt = 1.01714e6 tokens (check 2)", () => expectRel(deepseekOptimalBatch({ C: 1e20 }), 1.01714e6, 5e-6));
  it("C = 1e17 → η = 2.33817e-3, B = 1.06190e5 (check 3)", () => {
    expectRel(deepseekOptimalLearningRate({ C: 1e17 }), 2.33817e-3, 5e-6);
    expectRel(deepseekOptimalBatch({ C: 1e17 }), 1.0619e5, 5e-6);
  });
  it("C = 1e21 → η = 7.39394e-4, B = 2.16014e6 (check 3)", () => {
    expectRel(deepseekOptimalLearningRate({ C: 1e21 }), 7.39394e-4, 5e-6);
    expectRel(deepseekOptimalBatch({ C: 1e21 }), 2.16014e6, 5e-6);
  });
  it("C = 1e24 → η = 0.3118·1e-3 exactly and B = 2.06911e7 (check 3)", () => {
    expectRel(deepseekOptimalLearningRate({ C: 1e24 }), 3.118e-4, 1e-12);
    expectRel(deepseekOptimalBatch({ C: 1e24 }), 2.06911e7, 5e-6);
  });
  it("DeepSeek-7B consistency: M(30, 4096, 4096) = 4.22786e10, C = M·2e12, η ≈ 4.246e-4, B ≈ 9.223e6 within 1e-3 (check 4)", () => {
    const M = transformerFlopsPerToken({ nLayers: 30, dModel: 4096, nHeads: 32, vocab: 102400, seqLen: 4096 }, "deepseek-M");
    expectRel(M, 4.22786e10, 1e-5);
    const C = M * 2e12;
    expectRel(C, 8.4557e22, 1e-4);
    expectRel(deepseekOptimalLearningRate({ C }), 4.246e-4, 1e-3);
    expectRel(deepseekOptimalBatch({ C }), 9.223e6, 1e-3);
  });
  it("the allocation constants are labelled unverified", () => {
    expect(deepseek.published.allocation.status).toBe("unverified");
    expect(listLaws("hparams").find((l) => l.id === "deepseek-allocation")?.status).toBe("unverified");
  });
  it.todo("DeepSeek allocation at C = 1e20: M_opt = 5.2513e9, D_opt = 1.9045e10 (check 5, unverified constants)");
  it("allocation spends C: M·D = C when the exponents sum to 1 and the prefactors multiply to 1", () => {
    const a = deepseek.allocation({ C: 1e21 }, { mBase: 0.5, mExp: 0.6, dBase: 2, dExp: 0.4 });
    expectRel(a.M * a.D, 1e21, 1e-12);
  });
  it("rejects C ≤ 0", () => {
    expect(() => deepseekOptimalBatch({ C: 0 })).toThrow(/hparams\.deepseek\.batch\.predict: C must be a finite number > 0/);
  });
  it("lr and batch are Laws registered under topic hparams", () => {
    const ids = listLaws("hparams").map((l) => l.id);
    expect(ids).toContain("deepseek-lr");
    expect(ids).toContain("deepseek-batch");
    expect(deepseek.lr.kind).toBe("law");
  });
});

describe("μScaling loss prediction, check 22 ((C) data)", () => {
  // scipy curve_fit (p0 [1, −1, 3]) on the first 7 widths: a ≈ 2.4694, b ≈ −0.42311, c ≈ 2.92330;
  // held-out errors +0.29%, −0.17%, −0.18%.
  const fit = muScaling.fitHeldOut(MU_SCALING_GPT2_SWEEP, { holdout: 3 });
  it("fits on 7 widths and predicts the 3 held-out losses (3.1797, 3.0854, 3.0425) within 1%", () => {
    expect(fit.fittedPoints).toBe(7);
    expect(fit.kind).toBe("fit-result");
    expect(fit.heldOut.map((h) => h.loss)).toEqual([3.1797, 3.0854, 3.0425]);
    for (const h of fit.heldOut) expect(Math.abs(h.relError)).toBeLessThan(0.01);
  });
  it("a, b, c agree with scipy's to 1e-2", () => {
    expect(Math.abs(fit.params.a - 2.4694)).toBeLessThan(1e-2);
    expect(Math.abs(fit.params.b + 0.42311)).toBeLessThan(1e-2);
    expect(Math.abs(fit.params.c - 2.9233)).toBeLessThan(1e-2);
  });
  it("the stored GPT-2 constants are this fit", () => {
    for (const k of fit.paramNames) expectRel(muScaling.published.gpt2.params[k], fit.params[k], 1e-5);
  });
  it("held-out errors agree with scipy's +0.29%, −0.17%, −0.18% to 0.02 points", () => {
    const want = [0.0029, -0.0017, -0.0018];
    fit.heldOut.forEach((h, i) => expect(Math.abs(h.relError - want[i])).toBeLessThan(2e-4));
  });
  it("muScaling.predict evaluates a·N^b + c", () => {
    expectRel(muScaling.predict({ nMillions: 64 }, { a: 2, b: -0.5, c: 3 }), 3.25, 1e-12);
  });
  it("needs 4 points besides the held-out ones", () => {
    expect(() => muScaling.fitHeldOut(MU_SCALING_GPT2_SWEEP.slice(0, 6), { holdout: 3 })).toThrow(InsufficientDataError);
  });
  it("names a row with a non-positive size", () => {
    expect(() => muScaling.fitHeldOut([{ nMillions: 0, loss: 3 }], { holdout: 0 })).toThrow(/hparams\.muScaling\.fitHeldOut: row 0 has nMillions = 0/);
  });
});

describe("Bjorck LR vs token horizon (forms; constants are user-supplied)", () => {
  it("transfer is lr·(D1/D0)^−β and agrees with the fitted law", () => {
    const law = { Bh: 0.5, beta: 0.3 };
    const lr0 = bjorck.lr({ D: 1e9 }, law);
    expectRel(bjorck.transfer({ lr0, D0: 1e9, D1: 1e11 }, { beta: 0.3 }), bjorck.lr({ D: 1e11 }, law), 1e-12);
  });
  it("recovers B_h and β from LR* at several horizons", () => {
    const pts = [1e9, 4e9, 1.6e10, 6.4e10].map((D) => ({ D, lr: 0.5 * D ** -0.3 }));
    const f = bjorck.fitHorizon(pts);
    expectRel(f.params.beta, 0.3, 1e-10);
    expectRel(f.params.Bh, 0.5, 1e-8);
    expectRel(bjorck.lr({ D: 1e12 }, f), 0.5 * 1e12 ** -0.3, 1e-8);
  });
  it("the parabola in log LR recovers the optimum of a quadratic loss landscape", () => {
    const lrs = [1e-4, 2e-4, 4e-4, 8e-4, 1.6e-3, 3.2e-3];
    const losses = lrs.map((lr) => 3 + 0.05 * (Math.log(lr) - Math.log(6e-4)) ** 2);
    expectRel(bjorck.sweepOptimum({ lrs, losses }), 6e-4, 1e-9);
  });
  it("a sweep without an interior minimum asks for LRs on both sides", () => {
    expect(() => bjorck.sweepOptimum({ lrs: [1e-4, 1e-3, 1e-2], losses: [3, 3.5, 3.6] })).toThrow(/sweep LRs on both sides/);
  });
});

describe("recommendHyperparameters", () => {
  const rec = recommendHyperparameters({
    N: 1e9, D: 1e11, seqLen: 2048, arch: { nLayers: 24, dModel: 2048, nHeads: 16, vocab: 50304 },
    batch: 2 ** 21, tuned: { lr: 3e-3, D: 1e10, beta: 0.3 }, ema: { rho: 0.999, batch: 2 ** 20 }, loss: 2.5,
  });
  const byRule = Object.fromEntries(rec.rows.map((r) => [r.rule, r]));
  it("gives one row per applicable rule, each with a source and a status", () => {
    expect(rec.rows.map((r) => r.rule)).toEqual([
      "Step Law (published)", "Step Law (refit of released runs)", "DeepSeek LLM", "Step Law LR at your batch (Adam √ rule)",
      "Bjorck horizon transfer of your tuned LR", "Kaplan critical batch B_crit(L)", "WSD schedule (Hägele et al.)",
    ]);
    for (const r of rec.rows) {
      expect(r.source.length).toBeGreaterThan(10);
      expect(["confirmed", "unverified"]).toContain(r.status);
    }
  });
  it("its Step Law and DeepSeek rows equal the laws' own functions (check 6 numbers)", () => {
    expectRel(byRule["Step Law (published)"].lr!, 1.6325e-3, 5e-6);
    expectRel(byRule["Step Law (published)"].batchTokens!, 1.10771e6, 5e-6);
    const M = transformerFlopsPerToken({ nLayers: 24, dModel: 2048, nHeads: 16, vocab: 50304, seqLen: 2048 }, "deepseek-M");
    expectRel(byRule["DeepSeek LLM"].lr!, deepseekOptimalLearningRate({ C: M * 1e11 }), 1e-12);
    expect(byRule["DeepSeek LLM"].beta2).toBe(0.95);
  });
  it("batches in sequences are tokens / seqLen, and EMA momentum is ρ^(B/B_ema)", () => {
    const r = byRule["Step Law (published)"];
    expectRel(r.batchSequences!, r.batchTokens! / 2048, 1e-12);
    expectRel(r.emaMomentum!, 0.999 ** (r.batchTokens! / 2 ** 20), 1e-12);
  });
  it("spread is max/min over rows that give a value", () => {
    const lrs = rec.rows.map((r) => r.lr).filter((x): x is number => x !== null);
    expectRel(rec.spread.lr!, Math.max(...lrs) / Math.min(...lrs), 1e-12);
    expect(rec.tableOptions.caption).toMatch(/spread \(max\/min\): lr ×/);
  });
  it("without arch it falls back to M ≈ 6N and says so", () => {
    const r = recommendHyperparameters({ N: 1e9, D: 1e11, seqLen: 2048 }).rows.find((x) => x.rule === "DeepSeek LLM")!;
    expectRel(r.lr!, deepseekOptimalLearningRate({ C: 6e9 * 1e11 }), 1e-12);
    expect(r.note).toMatch(/M ≈ 6N/);
  });
  it("is displayable", () => {
    expect(typeof (rec as unknown as Record<symbol, unknown>)[JUPYTER_DISPLAY]).toBe("function");
  });
  it("rejects a non-positive N", () => {
    expect(() => recommendHyperparameters({ N: -1, D: 1, seqLen: 1 })).toThrow(/hparams\.recommend: N must be/);
  });
  it("checks the parameter convention of N as the Step Law does: MoE total is an error, MoE unstated a warning", () => {
    const x = { N: 1e9, D: 1e11, seqLen: 2048 };
    expect(() => recommendHyperparameters({ ...x, moe: true, parameters: { count: "total", embedding: "excluded" } }))
      .toThrow("hparams.recommend: N counts total parameters and 1 run(s) are MoE, but each rule here expects active non-embedding parameters (give N as the active parameter count of each run)");
    expect(recommendHyperparameters({ ...x, moe: true }).warnings).toEqual([
      "hparams.recommend: 1 run(s) are MoE and the parameter convention of N is not stated; each rule here expects active non-embedding parameters (pass parameters: { count: \"active\", embedding: \"excluded\" } once N is that count)"]);
    expect(recommendHyperparameters({ ...x, moe: true, parameters: { count: "active", embedding: "excluded" } }).warnings).toEqual([]);
    expect(recommendHyperparameters(x).warnings).toEqual([]);
    // A dense model's total count equals its active count: no error.
    expect(recommendHyperparameters({ ...x, parameters: { count: "total", embedding: "excluded" } }).warnings).toEqual([]);
    expect(recommendHyperparameters({ ...x, parameters: { count: "active", embedding: "included" } }).warnings[0]).toMatch(/^hparams\.recommend: N counts active embedding-included parameters but each rule here was fitted on active non-embedding/);
  });
});
