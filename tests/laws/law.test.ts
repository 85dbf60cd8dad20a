/**
 * defineLaw's fitting options: named start grids, the default grid as a fallback start, and a FitResult accepted
 * wherever constants are (the calling convention every Law shares).
 */
import { describe, expect, it } from "vitest";
import { resolveLawFitOptions } from "../../lib/laws/law";
import { chinchilla } from "../../lib/laws/chinchilla-law";
import { hestness } from "../../lib/laws/hestness";
import { HOFFMANN_GRID, CHINCHILLA_DEFAULT_GRID } from "../../lib/laws/chinchilla";

const law = { grids: { coarse: { k: [0, 1] }, fine: { k: [0, 0.5, 1] } }, fitDefaults: { grid: "coarse" as const, delta: 1e-2 } };

describe("resolveLawFitOptions", () => {
  it("uses the default grid when the caller gives no start", () => {
    expect(resolveLawFitOptions("f", law, {})).toEqual({ delta: 1e-2, grid: { k: [0, 1] } });
  });
  it("resolves a grid name and keeps the other defaults under the caller's options", () => {
    expect(resolveLawFitOptions("f", law, { grid: "fine", delta: 1e-3 })).toEqual({ delta: 1e-3, grid: { k: [0, 0.5, 1] } });
  });
  it("drops the default grid when the caller gives init or starts (it is a fallback start, not extra starts)", () => {
    expect(resolveLawFitOptions("f", law, { init: { k: 2 } })).toEqual({ delta: 1e-2, init: { k: 2 } });
    expect(resolveLawFitOptions("f", law, { starts: [[2]] })).toEqual({ delta: 1e-2, starts: [[2]] });
  });
  it("rejects an unknown grid name, listing the valid ones", () => {
    expect(() => resolveLawFitOptions("laws.x.fit", law, { grid: "medium" as "fine" })).toThrow(/^laws\.x\.fit: unknown grid "medium"; valid: coarse, fine, or an object of start values/);
  });
});

describe("laws.chinchilla's grids and defaults", () => {
  it("names Hoffmann's 4,500-start grid and the 243-start default, which fit uses unless told otherwise", () => {
    expect(chinchilla.grids.hoffmann).toBe(HOFFMANN_GRID);
    expect(chinchilla.grids.default).toBe(CHINCHILLA_DEFAULT_GRID);
    expect(chinchilla.fitDefaults.grid).toBe("default");
  });
  it("a fit's result is accepted as constants by predict and optimal", () => {
    const truth = { E: 1.8, A: 480, B: 2100, alpha: 0.35, beta: 0.37 };
    const rows = [1e8, 4e8, 1.6e9, 6.4e9].flatMap((N) => [2e9, 8e9, 3.2e10, 1.28e11].map((D) => ({ N, D })));
    const r = chinchilla.fitSync(rows, chinchilla.predict(rows, truth), { objective: "mse", workers: 0 });
    expect(chinchilla.predict({ N: 1e9, D: 2e10 }, r)).toBeCloseTo(chinchilla.predict({ N: 1e9, D: 2e10 }, truth), 6);
    expect(chinchilla.optimal(1e22, r).N / chinchilla.optimal(1e22, truth).N).toBeCloseTo(1, 3);
  });
});

describe("a law without a start grid", () => {
  it("fits from its default constants when no init, grid or starts are given", () => {
    // Data from the law's own predict at known constants (0.5% multiplicative wiggle); the fit must recover them.
    const truth = { ...hestness.defaults.params };
    const [lo, hi] = Object.values(hestness.ranges)[0] as readonly [number, number];
    const key = Object.keys(hestness.inputs)[0];
    const rows = Array.from({ length: 40 }, (_, i) => ({ [key]: lo * (hi / lo) ** (i / 39) }) as Parameters<typeof hestness.predict>[0]);
    const y = hestness.predict(rows, truth).map((v, i) => v * (1 + 0.005 * Math.sin(3 * i)));
    const r = hestness.fitSync(rows, y, { objective: "mse", workers: 0 });
    expect(r.converged).toBe(true);
    for (const k of hestness.paramNames) expect(r.params[k] / truth[k]).toBeCloseTo(1, 1);
  });
});
