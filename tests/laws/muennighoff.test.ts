import { describe, expect, it } from "vitest";
import {
  MUENNIGHOFF_C4,
  muennighoffBaseParams,
  muennighoffEffectiveData,
  muennighoffEffectiveParams,
  muennighoff,
  muennighoffRepetitionModel,
  type MuennighoffParams,
} from "../../lib/laws/muennighoff";
import { InvalidInputError, listLaws } from "../../lib/core";
import { checkModelGradient } from "../../lib/fit/fit";

const p = MUENNIGHOFF_C4.params;
// The law through its public calling convention (inputs first, params second).
const muennighoffLoss = (N: number, D: number, U: number, q?: MuennighoffParams) => muennighoff.predict({ N, D, U }, q);
const muennighoffOptimalAllocation = (C: number, U: number, q?: MuennighoffParams) => muennighoff.optimal({ C, U }, q);

describe("Muennighoff data-constrained law: reference checks (loss-and-mixing.md (a))", () => {
  it("check 9: README Fig. 1 (right) model N=6.34e9, D=242e9, U=25e9 has loss 2.2256440889984477", () => {
    expect(muennighoffLoss(6.34e9, 242e9, 25e9)).toBeCloseTo(2.2256440889984477, 13);
  });
  it("check 10: README Fig. 1 (right) model N=8.67e9, D=178e9, U=25e9 has loss 2.2269634075087867", () => {
    expect(muennighoffLoss(8.67e9, 178e9, 25e9)).toBeCloseTo(2.2269634075087867, 13);
  });
  it("check 11: without repetition the optimum at C=5.76e23 is N=6.996e10, D=1.372e12, D/N=19.61", () => {
    const a = muennighoffOptimalAllocation(5.76e23, 1e15);
    expect(a.unconstrained).toBe(true);
    expect(a.N / 6.996e10).toBeCloseTo(1, 3);
    expect(a.D / 1.372e12).toBeCloseTo(1, 3);
    expect(a.tokensPerParam).toBeCloseTo(19.61, 2);
  });
  it("check 11: the unconstrained tokens/param ratio 19.61 is the same at every budget (alpha = beta)", () => {
    for (const C of [1e19, 1e21, 1e23, 1e25]) expect(muennighoffOptimalAllocation(C, 1e16).tokensPerParam).toBeCloseTo(19.61, 2);
  });
  it("check 12: U=1e10, R_D=4 gives D'=4.5224e10; the R_D→∞ limit is U(1+R_D*)=1.63878e11", () => {
    expect(muennighoffEffectiveData(1e10, 5e10) / 4.5224e10).toBeCloseTo(1, 4);
    expect(muennighoffEffectiveData(1e10, 1e10 * 1e6) / 1.63878e11).toBeCloseTo(1, 5);
  });
});

describe("Muennighoff optimal allocation", () => {
  // Independent check: scipy.optimize.minimize_scalar (bounded, xatol 1e-12) on the README's Python scaling_law
  // after a 4000-point grid in ln N (script /tmp/h5/muen.py, run for this test):
  // C = 6·8.67e9·178e9, U = 25e9 → N = 6802692914.29, D = 226860159563.85, L = 2.225268849660272
  // C = 1e25, U = 1e10 → N = 89130330579.09, L = 2.265288290138671 (excess-parameter regime)
  // C = 1e26, U = 5e9 → N = 46514970318.97, L = 2.374985661010565
  const scipy = [
    { C: 6 * 8.67e9 * 178e9, U: 25e9, N: 6802692914.291416, L: 2.225268849660272 },
    { C: 1e22, U: 1e10, N: 6125502657.2865505, L: 2.2858611895281182 },
    // Deep saturation (~1000 epochs): the loss is flat to double precision over a decade of N, so a minimiser of the
    // rounded loss (scipy) cannot locate N; our bisection follows the analytic slope's sign, so only L is compared.
    { C: 1e25, U: 1e10, N: NaN, L: 2.265288290138671 },
    { C: 1e26, U: 5e9, N: NaN, L: 2.374985661010565 },
  ];
  for (const s of scipy) {
    it(`matches an independent scipy solve at C=${s.C.toExponential(3)}, U=${s.U.toExponential(1)}`, () => {
      const a = muennighoffOptimalAllocation(s.C, s.U);
      if (!Number.isNaN(s.N)) expect(a.N / s.N).toBeCloseTo(1, 5);
      expect(a.loss).toBeCloseTo(s.L, 11);
    });
  }
  it("reproduces the README's grid-search answer for the 8.67B/178B/25B budget: 227B tokens, 9.1 epochs, 6.8B params", () => {
    // README: "-> 227B tokens, 9.1 epochs, 6.8B parameters" (500-point grid search).
    const a = muennighoffOptimalAllocation(6 * 8.67e9 * 178e9, 25e9);
    expect(Math.round(a.D / 1e9)).toBe(227);
    expect(Math.round(a.epochs * 10) / 10).toBe(9.1);
    expect(Math.round(a.N / 1e8) / 10).toBe(6.8);
  });
  it("is never worse than the README's 500-point grid search", () => {
    const C = 6 * 8.67e9 * 178e9, U = 25e9;
    let grid = Infinity;
    for (let k = 0; k < 500; k++) {
      const i = 1.0001 + (k * (3 - 1.0001)) / 499;
      for (const [N, D] of [[8.67e9 / i, 178e9 * i], [8.67e9 * i, 178e9 / i]]) grid = Math.min(grid, muennighoffLoss(N, D, Math.min(U, D)));
    }
    expect(muennighoffOptimalAllocation(C, U).loss).toBeLessThanOrEqual(grid);
  });
  it("spends exactly the budget C = 6ND", () => {
    for (const [C, U] of [[1e20, 1e9], [1e23, 3e10], [1e21, 1e13], [3e26, 1e10]]) {
      const a = muennighoffOptimalAllocation(C, U);
      expect((6 * a.N * a.D) / C).toBeCloseTo(1, 12);
    }
  });
  it("beats its neighbours along the budget line (±0.1% and ±1% in N)", () => {
    for (const [C, U] of [[1e20, 1e9], [1e23, 3e10], [1e21, 1e13], [3e26, 1e10], [1e24, 1e8]]) {
      const a = muennighoffOptimalAllocation(C, U);
      for (const f of [0.99, 0.999, 1.001, 1.01]) {
        const N = a.N * f;
        expect(muennighoffLoss(N, C / (6 * N), U)).toBeGreaterThanOrEqual(a.loss);
      }
    }
  });
  it("satisfies the first-order condition dL/dlnN = 0 at an interior optimum", () => {
    const a = muennighoffOptimalAllocation(1e23, 3e10);
    const h = 1e-5, C = 1e23, U = 3e10;
    const f = (t: number) => muennighoffLoss(Math.exp(t), C / (6 * Math.exp(t)), U);
    const fd = (f(Math.log(a.N) + h) - f(Math.log(a.N) - h)) / (2 * h);
    expect(Math.abs(a.gradient)).toBeLessThan(1e-9);
    expect(Math.abs(fd)).toBeLessThan(1e-6);
  });
  it("equals the Chinchilla closed form N = G·(C/6)^(beta/(alpha+beta)) when data is plentiful", () => {
    const G = ((p.alpha * p.A) / (p.beta * p.B)) ** (1 / (p.alpha + p.beta));
    const a = muennighoffOptimalAllocation(1e22, 1e14);
    expect(a.N / (G * (1e22 / 6) ** 0.5)).toBeCloseTo(1, 12);
    expect(a.epochs).toBeLessThan(1);
  });
  it("with scarce unique data trains for more than one epoch on fewer parameters than Chinchilla", () => {
    const C = 1e23;
    const free = muennighoffOptimalAllocation(C, 1e15);
    const scarce = muennighoffOptimalAllocation(C, free.D / 10);
    expect(scarce.epochs).toBeGreaterThan(1);
    expect(scarce.loss).toBeGreaterThan(free.loss);
  });
  it("with alpha ≠ beta and other R*, is never beaten by a 20001-point grid over ln N and lands within one grid step", () => {
    const q = { E: 1.8, A: 400, B: 1500, alpha: 0.3, beta: 0.38, RDstar: 5, RNstar: 3 };
    for (const [C, U] of [[1e20, 1e9], [1e22, 5e9], [1e24, 2e10], [1e21, 1e12]]) {
      const a = muennighoffOptimalAllocation(C, U, q);
      let best = { L: Infinity, t: 0 };
      const lo = Math.log(1e5), hi = Math.log(1e14), n = 20001, h = (hi - lo) / (n - 1);
      for (let k = 0; k < n; k++) {
        const t = lo + k * h, N = Math.exp(t), L = muennighoffLoss(N, C / (6 * N), U, q);
        if (L < best.L) best = { L, t };
      }
      expect(a.loss).toBeLessThanOrEqual(best.L);
      expect(Math.abs(Math.log(a.N) - best.t)).toBeLessThanOrEqual(h);
    }
  });
  it("rejects a non-positive budget with InvalidInputError naming the function", () => {
    expect(() => muennighoffOptimalAllocation(0, 1e9)).toThrow(InvalidInputError);
    expect(() => muennighoffOptimalAllocation(0, 1e9)).toThrow(/^laws\.muennighoff\.optimal: C must be/);
  });
  it("rejects a NaN unique-token budget", () => {
    expect(() => muennighoffOptimalAllocation(1e21, NaN)).toThrow(/U must be a finite number > 0/);
  });
});

describe("Muennighoff effective data and parameters", () => {
  it("effective data never exceeds U·(1 + R_D*) and never exceeds D", () => {
    for (const U of [1e8, 1e10]) for (const ep of [0.5, 1, 1.5, 4, 40, 400, 1e5]) {
      const D = U * ep;
      const Dp = muennighoffEffectiveData(U, D);
      expect(Dp).toBeLessThanOrEqual(U * (1 + p.RDstar) * (1 + 1e-15));
      expect(Dp).toBeLessThanOrEqual(D * (1 + 1e-15));
    }
  });
  it("effective data equals D for a single epoch or less", () => {
    expect(muennighoffEffectiveData(1e10, 1e10)).toBe(1e10);
    expect(muennighoffEffectiveData(1e10, 3e9)).toBe(3e9);
  });
  it("effective data grows with more epochs", () => {
    let prev = 0;
    for (const ep of [1, 2, 4, 8, 16, 64]) {
      const Dp = muennighoffEffectiveData(1e9, 1e9 * ep);
      expect(Dp).toBeGreaterThan(prev);
      prev = Dp;
    }
  });
  it("N_base(25e9) is the README's D_to_N(25e9) = 1274662941.34 (numpy on the README code)", () => {
    expect(muennighoffBaseParams(25e9)).toBeCloseTo(1274662941.3414571, 2);
  });
  it("effective params equal N up to the compute-optimal size for the unique data, and saturate beyond", () => {
    const cap = muennighoffBaseParams(25e9);
    expect(muennighoffEffectiveParams(cap * 0.9, 1e12, 25e9)).toBe(cap * 0.9);
    expect(muennighoffEffectiveParams(cap * 100, 1e12, 25e9)).toBeLessThan(cap * (1 + p.RNstar));
  });
  it("loss falls with more parameters at fixed data", () => {
    let prev = Infinity;
    for (const N of [1e7, 1e8, 1e9, 1e10, 1e11]) {
      const L = muennighoffLoss(N, 1e11, 1e10);
      expect(L).toBeLessThan(prev);
      prev = L;
    }
  });
  it("loss falls with more tokens at fixed unique data and parameters", () => {
    let prev = Infinity;
    for (const D of [1e9, 1e10, 1e11, 1e12]) {
      const L = muennighoffLoss(1e9, D, 1e10);
      expect(L).toBeLessThan(prev);
      prev = L;
    }
  });
  it("repeating data is worse than the same number of fresh tokens", () => {
    expect(muennighoffLoss(1e9, 1e11, 1e10)).toBeGreaterThan(muennighoffLoss(1e9, 1e11, 1e11));
  });
  it("rejects negative tokens with InvalidInputError", () => {
    expect(() => muennighoffLoss(1e9, -1, 1e9)).toThrow(InvalidInputError);
  });
  it("rejects a zero R_D* in effective data", () => {
    expect(() => muennighoffEffectiveData(1e9, 2e9, 0)).toThrow(/laws\.muennighoff\.effectiveData: RDstar must be/);
  });
  it("rejects a non-positive exponent in custom parameters", () => {
    expect(() => muennighoffLoss(1e9, 1e10, 1e10, { ...p, alpha: -0.3 })).toThrow(/params.alpha must be/);
  });
});

describe("Muennighoff repetition model (fit step 2)", () => {
  it("its analytic gradient matches central differences", () => {
    const rows = [{ N: 8e9, D: 3e11, U: 1e10 }, { N: 2e8, D: 1e12, U: 1e9 }, { N: 1e9, D: 2e10, U: 1e10 }];
    expect(checkModelGradient(muennighoffRepetitionModel(), rows, [12, 4]).maxRelError).toBeLessThan(1e-6);
  });
  it("its value equals muennighoffLoss at the published constants", () => {
    const m = muennighoffRepetitionModel();
    expect(m.value([p.RDstar, p.RNstar], { N: 8.67e9, D: 178e9, U: 25e9 })).toBeCloseTo(2.2269634075087867, 13);
  });
  it("the law card is in the catalogue, confirmed", () => {
    expect(listLaws("loss").some((l) => l.id === muennighoff.id && l.status === "confirmed")).toBe(true);
  });
});
