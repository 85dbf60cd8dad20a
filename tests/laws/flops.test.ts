/** FLOP and parameter counting conventions, Porian variants and conversions between conventions. */
import { describe, expect, it } from "vitest";
import {
  flopsPerToken6N, flopsPerTokenChinchilla, flopsPerTokenDeepSeekM, flopsPerTokenKaplan, FLOP_COUNTINGS, openLmFeedForwardWidth,
  transformerFlopsPerToken, transformerParamCount, transformerTrainingFlops,
} from "../../lib/laws/flops";
import { porianFlopsPerToken, porianIsoflopArgmin, porianParamCount, PORIAN_2024_EXPONENTS } from "../../lib/laws/porian";
import { convertAllocationCounting, convertLossLawCounting, convertParamCount, convertPowerLawCounting, shapeForParamCount } from "../../lib/laws/counting-conversion";
import { computeOptimalFrontier } from "../../lib/laws/allocation";
import { InvalidInputError, UnknownChoiceError } from "../../lib/core";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const gpt2 = { nLayers: 12, dModel: 768, nHeads: 12, vocab: 50257, seqLen: 1024 };

describe("parameter and FLOP counting", () => {
  it("non-embedding params of the default shape are 12·n_layer·d_model² (Kaplan §2.1)", () => {
    expect(transformerParamCount(gpt2)).toBe(12 * 12 * 768 ** 2);
  });
  it("with-head adds V·d; total adds it again only for untied embeddings", () => {
    const ne = transformerParamCount(gpt2);
    expect(transformerParamCount(gpt2, "with-head")).toBe(ne + 50257 * 768);
    expect(transformerParamCount(gpt2, "total")).toBe(ne + 50257 * 768);
    expect(transformerParamCount({ ...gpt2, tiedEmbeddings: false }, "total")).toBe(ne + 2 * 50257 * 768);
  });
  it("DeepSeek-7B back-check (hparams.md §8): M = 72·30·4096² + 12·30·4096·4096 = 4.228e10", () => {
    const M = flopsPerTokenDeepSeekM({ nLayers: 30, dModel: 4096, nHeads: 32, vocab: 102400, seqLen: 4096 });
    expect(M).toBe(72 * 30 * 4096 ** 2 + 12 * 30 * 4096 * 4096);
    expect(rel(M, 4.228e10)).toBeLessThan(5e-4);
  });
  it("Kaplan's count is 3 × (2N + 2·n_layer·n_ctx·d_attn) (Kaplan Table 1)", () => {
    expect(flopsPerTokenKaplan(gpt2)).toBe(3 * (2 * 12 * 12 * 768 ** 2 + 2 * 12 * 1024 * 768));
  });
  it("transformerTrainingFlops = FLOP/token × D and 6N rule is 6N", () => {
    expect(transformerTrainingFlops(gpt2, 1e9, "kaplan")).toBe(flopsPerTokenKaplan(gpt2) * 1e9);
    expect(flopsPerToken6N(1e9)).toBe(6e9);
  });
  it("for a large model the Chinchilla exact count is within 5% of 6·N_total (Hoffmann App. F: 'within a few percent')", () => {
    const big = { nLayers: 80, dModel: 8192, nHeads: 64, vocab: 32000, seqLen: 2048 };
    expect(rel(flopsPerTokenChinchilla(big), 6 * transformerParamCount(big, "total"))).toBeLessThan(0.05);
  });
  it("every counting is ≥ 6·N_non-embedding for the default shape (they only add terms)", () => {
    for (const c of FLOP_COUNTINGS) expect(transformerFlopsPerToken(gpt2, c)).toBeGreaterThanOrEqual(6 * transformerParamCount(gpt2));
  });
  it("rejects an unknown counting with UnknownChoiceError listing the choices", () => {
    expect(() => transformerFlopsPerToken(gpt2, "8N" as never)).toThrow(UnknownChoiceError);
    expect(() => transformerFlopsPerToken(gpt2, "8N" as never)).toThrow(/chinchilla/);
  });
  it("rejects a shape with a non-positive dimension", () => {
    expect(() => transformerParamCount({ ...gpt2, dModel: 0 })).toThrow(/shape.dModel/);
  });
  it("rejects ffnMatrices other than 2 or 3", () => {
    expect(() => transformerParamCount({ ...gpt2, ffnMatrices: 4 as 2 })).toThrow(InvalidInputError);
  });
});

describe("Porian et al. counting (formll/resolving-scaling-law-discrepancies data.py @0dc60d91)", () => {
  // Expected values: numpy evaluation of data.py's formulas at width 512, depth 8, seq 2048, vocab 50432 (run for this test).
  it("params_no_embed and params_active_precise", () => {
    expect(openLmFeedForwardWidth(512)).toBe(1536);
    expect(porianParamCount(512, 8, 50432, "no_embed")).toBe(27262976);
    expect(porianParamCount(512, 8, 50432, "active")).toBe(53084160);
  });
  it("the five FLOP-per-token columns", () => {
    const f = (m: Parameters<typeof porianFlopsPerToken>[4]) => porianFlopsPerToken(512, 8, 2048, 50432, m);
    expect(f("kaplan_no_embed")).toBe(163577856);
    expect(f("with_last_layer")).toBe(318504960);
    expect(f("with_attention")).toBe(368836608);
    expect(f("attention_no_embed")).toBe(213909504);
    expect(rel(f("chinchilla_precise"), 407178240)).toBeLessThan(1e-12);
  });
  it("the exponent sequence is labelled unverified", () => {
    expect(PORIAN_2024_EXPONENTS.status).toBe("unverified");
  });
  it("porianIsoflopArgmin finds the minimum of a symmetric profile between knots", () => {
    const x = [0, 1, 2, 3, 4, 5];
    const y = x.map((v) => Math.log(2 + (v - 2.5) ** 2));
    expect(Math.abs(porianIsoflopArgmin(x, y)! - 2.5)).toBeLessThan(1e-9);
  });
  it("porianIsoflopArgmin returns null when the minimum is at the grid edge", () => {
    expect(porianIsoflopArgmin([0, 1, 2, 3], [4, 3, 2, 1])).toBeNull();
  });
  it("porianIsoflopArgmin rejects fewer than 4 points", () => {
    expect(() => porianIsoflopArgmin([0, 1, 2], [1, 0, 1])).toThrow(InvalidInputError);
  });
});

describe("converting between counting conventions", () => {
  const fam = { aspectRatio: 64, vocab: 50257, seqLen: 1024 };
  const kaplan = { params: "non-embedding", flops: "6N-nonembedding" } as const;
  const chin = { params: "total", flops: "chinchilla" } as const;
  it("shapeForParamCount inverts transformerParamCount", () => {
    for (const N of [1e6, 1e8, 1e10]) expect(rel(transformerParamCount(shapeForParamCount(N, "total", fam), "total"), N)).toBeLessThan(1e-12);
  });
  it("parameter conversions round-trip", () => {
    for (const N of [3e7, 1e9, 7e10]) expect(rel(convertParamCount(convertParamCount(N, "total", "non-embedding", fam), "non-embedding", "total", fam), N)).toBeLessThan(1e-10);
  });
  it("allocation conversions round-trip and keep the tokens", () => {
    const there = convertAllocationCounting({ N: 2e8, D: 4e9 }, kaplan, chin, fam);
    expect(there.D).toBe(4e9);
    expect(there.N).toBeGreaterThan(2e8);
    const back = convertAllocationCounting(there, chin, kaplan, fam);
    expect(rel(back.N, 2e8)).toBeLessThan(1e-10);
    expect(rel(back.C, 6 * 2e8 * 4e9)).toBeLessThan(1e-10);
  });
  it("a power law converted there and back keeps its exponent", () => {
    const budgets = [1e18, 1e19, 1e20, 1e21];
    const there = convertPowerLawCounting({ coefficient: 0.05, exponent: 0.55 }, budgets, chin, kaplan, fam);
    const back = convertPowerLawCounting(there, there.points.map((p) => p.C), kaplan, chin, fam);
    expect(Math.abs(back.exponent - 0.55)).toBeLessThan(2e-3);
  });
  it("counting non-embedding params makes a Chinchilla-law world look Kaplan-like (independent scipy check)", () => {
    // Pearce & Song / Porian mechanism: the Epoch-refit law (total params, C = 6·N_total·D) optimised under Kaplan's
    // convention (N = non-embedding, C = 6·N_ne·D), family d_model/n_layer = 64, V = 50257, tied embeddings.
    // scipy minimize_scalar (bounded, xatol 1e-12) over ln N_ne gives local exponents between budgets:
    // 1e17→1e19: 0.8088976508316434, 1e19→1e21: 0.5696824352610432, 1e21→1e23: 0.5236998978483307 (native: 0.51264).
    const law = (N: number, D: number) => 1.816864 + 482.00572 / N ** 0.34781303 + 2085.4342 / D ** 0.36585412;
    const inKaplan = convertLossLawCounting(law, "total", "non-embedding", fam);
    const expected: [number, number, number][] = [[1e17, 1e19, 0.8088976508316434], [1e19, 1e21, 0.5696824352610432], [1e21, 1e23, 0.5236998978483307]];
    for (const [lo, hi, a] of expected) expect(Math.abs(computeOptimalFrontier(inKaplan, [lo, hi], { Nmin: 1e2 }).nExponent - a)).toBeLessThan(1e-6);
    expect(computeOptimalFrontier(law, [1e17, 1e19]).nExponent).toBeCloseTo(0.36585412 / (0.34781303 + 0.36585412), 9);
  });
  it("convertParamCount rejects a NaN parameter count", () => {
    expect(() => convertParamCount(NaN, "total", "non-embedding", fam)).toThrow(/laws\.counting\.params: N must be/);
  });
  it("convertAllocationCounting rejects an unknown FLOP counting", () => {
    expect(() => convertAllocationCounting({ N: 1e8, D: 1e9 }, kaplan, { params: "total", flops: "7N" as never }, fam)).toThrow(UnknownChoiceError);
  });
  it("shapeForParamCount rejects a non-positive aspect ratio", () => {
    expect(() => shapeForParamCount(1e8, "total", { ...fam, aspectRatio: 0 })).toThrow(/family.aspectRatio/);
  });
});
