/**
 * laws.chinchilla.sensitivity: the refits the (Mis)Fitting survey (Li et al. 2025) asks to report, in one call.
 * Data: seeded synthetic Chinchilla points (known truth) with an embedding-free N and a FLOP count 5% above 6ND.
 */
import { describe, expect, it } from "vitest";
import { formatSensitivityText } from "../../lib/fit/sensitivity";
import { Xoshiro128 } from "../../lib/numeric/random";
import { chinchilla } from "../../lib/laws/chinchilla-law";
import { JUPYTER_DISPLAY } from "../../lib/core";

const truth = { E: 1.8, A: 480, B: 2100, alpha: 0.35, beta: 0.37 };
const rng = new Xoshiro128(17);
const data = [1e8, 3e8, 1e9, 3e9, 1e10].flatMap((N) => [3e9, 1e10, 3e10, 1e11, 3e11].map((D) => ({
  N, D, C: 6.3 * N * D, NNonEmbedding: N - 2e7, loss: chinchilla.predict({ N, D }, truth) * (1 + 0.01 * (rng.nextUint32() / 2 ** 32 - 0.5)),
})));

describe("laws.chinchilla.sensitivity", () => {
  it("refits baseline, δ = 1e-4 and 1e-2, MSE, mean, drop-k, N without embeddings and D = C/(6N), and tabulates them", async () => {
    // A 16-start grid around the truth keeps the 8 refits quick.
    const grid = { E: [0.5], A: [5, 7], B: [6, 8], alpha: [0.3, 0.5], beta: [0.3, 0.5] };
    const r = await chinchilla.sensitivity(data, { dropWorst: 3, grid });
    expect(r.rows.map((x) => x.label)).toEqual([
      "baseline: huber δ=0.001, sum", "huber δ=1e-4", "huber δ=1e-2", "mse (log loss)", "mean reduction",
      "drop 3 worst points", "N without embeddings", "D = C/(6N) from given FLOP",
    ]);
    expect(r.rows[5].n).toBe(22);
    // The baseline recovers the truth to within the 1% noise.
    expect(Math.abs(r.rows[0].params.alpha / truth.alpha - 1)).toBeLessThan(0.05);
    // A 5% larger C shifts D and therefore B, by construction.
    expect(r.rows[7].params.B).not.toBeCloseTo(r.rows[0].params.B, 0);
    for (const p of r.paramNames) {
      expect(r.spread[p].max).toBeGreaterThanOrEqual(r.spread[p].min);
      expect(r.spread[p].relativeRange).toBeGreaterThan(0);
    }
    for (const row of r.rows) expect(row.conditionNumber).toBeGreaterThan(1);
    const text = formatSensitivityText(r);
    expect(text).toMatch(/^Sensitivity of the chinchilla fit\nvariant\s+E\s+A\s+B\s+alpha\s+beta\s+objective\s+converged\s+cond\(H\)\s+n/);
    expect(text).toMatch(/relative range/);
    expect((r as unknown as Record<symbol, () => { "text/plain": string }>)[JUPYTER_DISPLAY]()["text/plain"]).toBe(text);
  });

  it("rejects rows without D or C, naming the row", async () => {
    await expect(chinchilla.sensitivity([{ N: 1e9, loss: 2.5 }])).rejects.toThrow(/laws\.chinchilla\.sensitivity: row 0 has neither D nor C/);
  });
});
