/**
 * `plan(spec)` against published decisions and the laws it composes. Sources of the expected numbers:
 * - Hoffmann et al. 2022 Approach-3 constants (E 1.69, A 406.4, B 410.7, α 0.34, β 0.28; confirmed in lib/laws) and
 *   their closed-form optimum N = G·(C/6)^(β/(α+β)), G = (αA/(βB))^(1/(α+β)) (Eq. 4), recomputed here by hand;
 *   Chinchilla itself: 70B parameters, 1.4T tokens, C ≈ 5.76e23 (Hoffmann et al.).
 * - Besiroglu et al. 2024 refit (Table 1): D/N = 18.34 at 5.76e23 (the library's @example of chinchillaOptimal).
 * - DeepSeek LLM 7B: 2T tokens, seq 4096, batch 2304 sequences, LR 4.2e-4 (deepseek-ai/DeepSeek-LLM README §4,
 *   confirmed). Its architecture (30 × 4096, 32 heads, FFN 11008, vocab 102400) is from planning.md (unverified); the
 *   DeepSeek rule's constants are confirmed-secondary (tests/hparams/deepseek-and-transfer.test.ts check 4).
 * - Muennighoff et al. 2023 (R_D*, R_N* of the C4 fit) via lib/laws/muennighoff; Sardana et al. 2023's objective.
 */
import { describe, expect, it } from "vitest";
import { InvalidInputError, JUPYTER_DISPLAY, type MimeBundle } from "../../lib/core";
import { plan } from "../../lib/plan";
import { planFrontierFigure, planHparamFigure, planScheduleFigure } from "../../lib/plan/display";
import { BESIROGLU_REFIT, CHINCHILLA_APPROACH3 } from "../../lib/laws/chinchilla";
import { MUENNIGHOFF_C4, muennighoff, muennighoffOptimalAllocation } from "../../lib/laws/muennighoff";
import type { FitResult } from "../../lib/fit/result";

const rel = (a: number, b: number) => Math.abs(a / b - 1);
const closedForm = (p: { E: number; A: number; B: number; alpha: number; beta: number }, C: number) => {
  const G = ((p.alpha * p.A) / (p.beta * p.B)) ** (1 / (p.alpha + p.beta));
  const N = G * (C / 6) ** (p.beta / (p.alpha + p.beta));
  return { N, D: C / (6 * N) };
};

describe("Chinchilla's budget, 5.76e23 FLOPs", () => {
  it("with Hoffmann's Approach-3 constants gives the published-constant closed-form optimum (N = 3.219e10)", () => {
    const p = plan({ compute: 5.76e23, law: "hoffmann" });
    const want = closedForm(CHINCHILLA_APPROACH3.params, 5.76e23);
    expect(rel(p.N, want.N)).toBeLessThan(1e-12);
    expect(rel(p.D, want.D)).toBeLessThan(1e-12);
    expect(p.N / 1e10).toBeCloseTo(3.219, 3);
    expect(p.choice.kind).toBe("compute-optimal");
    // Hoffmann et al. publish no SEs for Approach 3: no interval, and the plan says so.
    expect(p.lossCI).toBeNull();
    expect(p.warnings.some((w) => w.startsWith("no loss interval"))).toBe(true);
  });

  it("with the Besiroglu et al. refit gives D/N = 18.34, close to Chinchilla's 70B on 1.4T", () => {
    const p = plan({ compute: 5.76e23, law: "besiroglu" });
    expect(p.tokensPerParam).toBeCloseTo(18.34, 2);
    const want = closedForm(BESIROGLU_REFIT.params, 5.76e23);
    expect(rel(p.N, want.N)).toBeLessThan(1e-12);
    expect(rel(p.N, 70e9)).toBeLessThan(0.05);
    expect(rel(p.D, 1.4e12)).toBeLessThan(0.06);
    expect(rel(6 * p.N * p.D, 5.76e23)).toBeLessThan(1e-12);
  });

  it("states the interval's method (published SEs, delta method) and brackets the loss", () => {
    const p = plan({ compute: 5.76e23 });
    expect(p.lossMethod).toMatch(/delta-method interval from the published standard errors/);
    expect(p.lossCI![0]).toBeLessThan(p.loss);
    expect(p.lossCI![1]).toBeGreaterThan(p.loss);
    // N = 7.2e10 is 4.5× beyond the 1.6e10 largest model Chinchilla was fitted on.
    expect(p.extrapolation.factor).toBeCloseTo(7.2356e10 / 1.6e10, 3);
    expect(p.defaults.map((d) => d.input)).toContain("law");
  });
});

describe("DeepSeek LLM 7B (2T tokens, its architecture)", () => {
  const p = plan({ shape: { nLayers: 30, dModel: 4096, nHeads: 32, dFF: 11008 }, vocab: 102400, seqLen: 4096, D: 2e12 });
  const ds = p.hyperparameters.rows.find((r) => r.rule === "DeepSeek LLM")!;

  it("gets η ≈ 4.2e-4 from the DeepSeek rule (README: 4.2e-4; ours 4.244e-4, within 2%)", () => {
    expect(rel(ds.lr!, 4.2e-4)).toBeLessThan(0.02);
  });

  it("gets a batch ≈ 9.4M tokens (README: 2304 × 4096 = 9,437,184; ours 9.236e6, within 3%)", () => {
    expect(rel(ds.batchTokens!, 2304 * 4096)).toBeLessThan(0.03);
  });

  it("keeps the given shape and counts N from it (budget = 6ND)", () => {
    expect(p.shape).toMatchObject({ nLayers: 30, dModel: 4096, nHeads: 32, dFF: 11008 });
    expect(p.N).toBe(30 * (4 * 4096 ** 2 + 3 * 4096 * 11008) + 2 * 102400 * 4096);
    expect(p.choice.kind).toBe("fixed");
    expect(rel(p.flops, 6 * p.N * 2e12)).toBeLessThan(1e-12);
  });
});

describe("data-constrained: 100B unique tokens at 1e23 FLOPs", () => {
  const constrained = plan({ compute: 1e23, uniqueTokens: 1e11 });
  const free = plan({ compute: 1e23 });
  const p = { ...BESIROGLU_REFIT.params, RDstar: MUENNIGHOFF_C4.params.RDstar, RNstar: MUENNIGHOFF_C4.params.RNstar };

  it("takes Muennighoff et al.'s optimum on the plan's base law", () => {
    const want = muennighoffOptimalAllocation(1e23, 1e11, p);
    expect(constrained.choice.kind).toBe("data-constrained");
    expect(rel(constrained.N, want.N)).toBeLessThan(1e-12);
    expect(rel(constrained.loss, want.loss)).toBeLessThan(1e-12);
  });

  it("differs from the unconstrained plan: repeated data is discounted less than excess parameters (R_D* > R_N*), so fewer params, more epochs", () => {
    expect(constrained.N).toBeLessThan(0.8 * free.N);
    expect(constrained.D).toBeGreaterThan(1.25 * free.D);
    expect(constrained.epochs).toBeCloseTo(constrained.D / 1e11, 12);
    expect(constrained.epochs!).toBeGreaterThan(free.D / 1e11);
    expect(free.epochs).toBeNull();
  });

  it("is a minimum of the law along the budget line, and its loss includes the repetition penalty", () => {
    const along = (f: number) => muennighoff.predict({ N: constrained.N * f, D: 1e23 / (6 * constrained.N * f), U: 1e11 }, p);
    expect(along(0.98)).toBeGreaterThan(constrained.loss);
    expect(along(1.02)).toBeGreaterThan(constrained.loss);
    const compute = constrained.alternatives.find((a) => a.kind === "compute-optimal")!;
    expect(compute.loss).toBeGreaterThan(constrained.loss);
    expect(compute.epochs).toBeCloseTo(free.D / 1e11, 9);
    expect(constrained.warnings.some((w) => /epochs over the unique data/.test(w))).toBe(true);
  });
});

describe("inference-heavy: 1e13 inference tokens at 1e23 FLOPs", () => {
  const p = plan({ compute: 1e23, inferenceTokens: 1e13 });
  const opt = p.alternatives.find((a) => a.kind === "compute-optimal")!;

  it("picks a smaller model trained longer, at the compute-optimal loss, with fewer lifetime FLOPs", () => {
    expect(p.choice.kind).toBe("inference-optimal");
    expect(p.N).toBeLessThan(opt.N / 2);
    expect(p.D).toBeGreaterThan(opt.D * 2);
    expect(rel(p.loss, opt.loss)).toBeLessThan(1e-6);
    const chosen = p.alternatives.find((a) => a.kind === "inference-optimal")!;
    expect(chosen.lifetimeFlops).toBeLessThan(opt.lifetimeFlops);
    expect(rel(opt.inferenceFlops, 2 * opt.N * 1e13)).toBeLessThan(1e-12);
  });
});

describe("bad input: one-line InvalidInputError naming plan, the input and the fix", () => {
  const cases: [string, Parameters<typeof plan>[0], string][] = [
    ["negative budget", { compute: -1 }, "plan: compute must be a finite number > 0, got -1 (give the training budget in FLOPs, e.g. compute: 1e24)"],
    ["zero GPUs", { gpus: 0, days: 14 }, "plan: gpus must be a whole number ≥ 1, got 0 (give the number of accelerators, e.g. gpus: 256)"],
    ["MFU > 1", { compute: 1e22, mfu: 1.5 }, "plan: mfu must be in (0, 1], got 1.5 (MFU is a fraction of peak: 0.4 means 40%)"],
    ["unknown accelerator", { gpus: 8, gpu: "h900", days: 1 }, "plan: unknown accelerator \"h900\" (use one of v100, a100, h100, h200, b200, mi300x, tpu-v4, tpu-v5e, tpu-v5p)"],
    ["N and budget inconsistent", { compute: 1e23, N: 1e10, D: 1e11 },
      "plan: N = 1.000e+10 and D = 1.000e+11 need 6ND = 6.000e+21 FLOPs, but the budget is 1.000e+23 (fix at most one of N and D when a budget is given)"],
    ["no budget", {}, "plan: no budget given (give compute (FLOPs), or gpus + gpu + days, or both N (or shape) and D)"],
    ["a base run under SP", { compute: 1e21, parametrization: "sp", base: { width: 256, lr: 1e-2 } },
      "plan: a base run was given with parametrization \"sp\" (μP transfer needs μP: set parametrization: \"mup\" or drop base)"],
    ["unknown law", { compute: 1e21, law: "kaplan" },
      "plan: unknown law \"kaplan\" (use one of hoffmann, hoffmannUnrounded, besiroglu, besirogluGrid, a FitResult of laws.chinchilla, or { E, A, B, alpha, beta })"],
    ["unknown option", { budget: 1e23 } as never, "plan: unknown option \"budget\" (valid options: compute, gpus, gpu, days, mfu, N, D, shape, uniqueTokens, inferenceTokens, moe, seqLen, vocab, law, parametrization, base, schedule, aspectRatio, level)"],
    ["compute and hardware disagree", { compute: 1e23, gpus: 8, days: 1 },
      "plan: compute 1.000e+23 FLOPs disagrees with 8 × h100 × 1 days at MFU 0.4 = 2.735e+20 FLOPs (give either compute or days, not both)"],
  ];
  for (const [what, spec, message] of cases) {
    it(what, () => {
      let err: unknown;
      try { plan(spec); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(InvalidInputError);
      expect((err as Error).message).toBe(message);
      expect((err as Error).message).not.toContain("\n");
    });
  }
});

describe("the plan's other outputs", () => {
  it("finds shapes within 2% of N from 1e19 to 1e25 FLOPs, counted independently here", () => {
    for (const C of [1e19, 1e21, 1e23, 1e25]) {
      const p = plan({ compute: C });
      const s = p.shape;
      const count = s.nLayers * (4 * s.dModel ** 2 + 3 * s.dModel * s.dFF) + 2 * s.vocab * s.dModel;
      expect(count).toBe(p.params.total);
      expect(Math.abs(count / p.N - 1)).toBeLessThanOrEqual(0.02);
      expect(s.nHeads * s.dHead).toBe(s.dModel);
      expect(s.dModel % 128).toBe(0);
    }
  });

  it("costs hardware budgets: 256 H100 × 14 days at 40% MFU, wall-clock back to 14 days", () => {
    const p = plan({ gpus: 256, gpu: "h100", days: 14, mfu: 0.4 });
    expect(rel(p.budget, 256 * 989.4e12 * 14 * 86400 * 0.4)).toBeLessThan(1e-12);
    expect(p.hardware.wallClockDays).toBeCloseTo(14, 9);
    expect(p.hardware.gpuHours).toBeCloseTo(256 * 14 * 24, 6);
  });

  it("MoE: the shape's active parameters hit the law's N; the total counts every expert", () => {
    const p = plan({ compute: 1e23, moe: { experts: 64, active: 8 } });
    expect(Math.abs(p.params.active / p.N - 1)).toBeLessThanOrEqual(0.02);
    expect(p.params.total).toBeGreaterThan(5 * p.params.active);
    expect(p.warnings.some((w) => w.startsWith("MoE:"))).toBe(true);
  });

  it("takes the law as plain constants (then without an interval, and says so)", () => {
    const p = plan({ compute: 1e21, law: { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 } });
    expect(rel(p.N, plan({ compute: 1e21, law: "hoffmann" }).N)).toBeLessThan(1e-12);
    expect(p.lossCI).toBeNull();
    expect(p.lossMethod).toMatch(/^none: constants carry no uncertainty/);
  });

  it("μP: transfers the base LR by width (Adam hidden weights, η ∝ 1/width) and recommends it", () => {
    const p = plan({ compute: 1e21, base: { width: 256, lr: 1e-2 } });
    expect(p.hyperparameters.recommended.rule).toBe("μP transfer from your base run");
    expect(p.lr).toBeCloseTo((1e-2 * 256) / p.shape.dModel, 15);
  });

  it("says when a rule is used outside the range its constants were fitted on", () => {
    const big = plan({ compute: 1e24 });
    const step = big.hyperparameters.rows[0];
    expect(step.outside).toMatch(/^N = 9\.5\de\+10 is outside the fitted \[2\.0e\+8, 1\.1e\+9\]; D = 1\.7\de\+12 is outside the fitted \[4\.0e\+9, 1\.0e\+11\]$/);
    expect(big.warnings).toContain(`Step Law (published) is extrapolated: ${step.outside}`);
    expect(big.hyperparameters.rows.find((r) => r.rule === "DeepSeek LLM")!.outside).toMatch(/^C = .* is outside the fitted \[1\.0e\+17, 2\.0e\+19\]$/);
    const small = plan({ compute: 3e19 });
    expect(small.hyperparameters.rows[0].outside).toBeNull();
  });

  it("puts every rule side by side with the spread, and schedules warmup and decay", () => {
    const p = plan({ compute: 1e22 });
    const rules = p.hyperparameters.rows.map((r) => r.rule);
    expect(rules).toEqual(["Step Law (published)", "Step Law (refit of released runs)", "DeepSeek LLM", "critical batch B_crit(L) (Kaplan et al.)"]);
    const lrs = p.hyperparameters.rows.map((r) => r.lr).filter((x): x is number => x !== null);
    expect(p.hyperparameters.spread.lr).toBeCloseTo(Math.max(...lrs) / Math.min(...lrs), 12);
    const s = p.hyperparameters.schedule;
    expect(s.steps).toBe(Math.ceil(p.D / p.batchTokens));
    expect(s.decaySteps).toBe(Math.floor(0.2 * s.steps));
    expect(s.warmupSteps).toBe(Math.min(2000, Math.round(0.05 * s.steps)));
    expect(p.batchTokens % 2048).toBe(0);
    const cos = plan({ compute: 1e22, schedule: "cosine" }).hyperparameters.schedule;
    expect(cos.decaySteps).toBe(cos.steps - cos.warmupSteps);
  });

  it("propagates a FitResult's bootstrap resamples into a percentile interval", () => {
    const base = BESIROGLU_REFIT.params;
    const samples = Array.from({ length: 101 }, (_, i) => [base.E + (i - 50) * 1e-3, base.A, base.B, base.alpha, base.beta]);
    const fit = {
      kind: "fit-result", model: "chinchilla", paramNames: ["E", "A", "B", "alpha", "beta"], params: { ...base }, covariance: null,
      bootstrap: { samples }, diagnostics: { n: 240 }, dataRanges: { N: [1e8, 1e10], D: [1e9, 1e11] }, uncertainty: "bootstrap",
    } as unknown as FitResult;
    const p = plan({ compute: 1e21, law: fit });
    // Only E varies, so the loss moves 1:1 with it: the 2.5%/97.5% quantiles are E's, ±0.0475.
    expect(p.lossCI![0]).toBeCloseTo(p.loss - 0.0475, 9);
    expect(p.lossCI![1]).toBeCloseTo(p.loss + 0.0475, 9);
    expect(p.lossMethod).toMatch(/percentile interval over the fit's 101 bootstrap resamples/);
    expect(p.extrapolation.rangeSource).toBe("the fit's data ranges");
  });

  it("toJSON has the top-level numeric fields, the rules with citations and the warnings", () => {
    const j = JSON.parse(JSON.stringify(plan({ compute: 1e24 })));
    for (const k of ["N", "D", "tokensPerParam", "loss", "lr", "batchTokens", "flops"]) expect(typeof j[k], k).toBe("number");
    expect(j.lossCI).toHaveLength(2);
    expect(Array.isArray(j.warnings)).toBe(true);
    expect(j.rules.length).toBeGreaterThan(10);
    for (const r of j.rules) {
      expect(typeof r.name).toBe("string");
      expect(typeof r.value).toBe("number");
      expect(r.citation).toMatch(/\(\d{4}\)/);
    }
    expect(j.rules.map((r: { quantity: string }) => r.quantity)).toEqual(expect.arrayContaining(["N", "D", "loss", "lr (recommended)", "GPU-hours", "training FLOPs (exact)"]));
  });

  it("renders as a plan card (HTML + text + JSON) and draws the frontier with its band", async () => {
    const p = plan({ compute: 1e23 });
    const bundle = (await (p as unknown as Record<symbol, () => MimeBundle>)[JUPYTER_DISPLAY]()) as MimeBundle;
    expect(bundle["text/html"]).toMatch(/Training plan/);
    expect(bundle["text/plain"]).toMatch(/^Training plan — compute-optimal/);
    expect((bundle["application/json"] as { N: number }).N).toBe(p.N);
    const fig = planFrontierFigure(p);
    expect(fig.traces.map((t) => t.type)).toEqual(["band", "scatter", "scatter"]);
    // LR × batch: three rules with both values, the critical batch as a line, the recommendation ringed.
    expect(planHparamFigure(p).traces.map((t) => t.name)).toEqual([
      "Step Law (published)", "Step Law (refit of released runs)", "DeepSeek LLM", "critical batch B_crit(L) (Kaplan et al.)", "recommended (Step Law (published))",
    ]);
    const sched = planScheduleFigure(p).traces[0] as { y: number[] };
    expect(Math.max(...sched.y)).toBeCloseTo(p.lr, 15);
    expect(sched.y[sched.y.length - 1]).toBeLessThan(p.lr / 10);
  });
});
