/**
 * MoE sweeps and the Step Law (issue 11, part 6): the convention of N (active/total, embedding) carried by the data and
 * checked against the rule's, grouping by configuration id instead of by equality of N, and a warning when two
 * configurations with the same N fall into one group. The sweep is synthetic: a dense 1.6B model and an 8-expert MoE
 * with 1.6B total / 0.4B active parameters, each on the same 4×3 (lr, bs) grid at two token budgets, with a loss bowl
 * 2 + 0.02·ln²(lr/lr*) + 0.02·ln²(bs/128), lr* = 1e-3·(N_active/4e8)^-0.5 on the grid: only the best run of each
 * group is within 0.25% of it (neighbours are 0.02·ln²2 = 0.0096 above), so the refit sees lr* exactly.
 */
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../lib/core";
import * as data from "../../lib/data";
import { hparams } from "../../lib";
import type { StepLawRun } from "../../lib/hparams";
import { describeParamConvention } from "../../lib/hparams/param-convention";

const configs = [
  { config: "dense-1.6b", moe: false, total: 1.6e9, active: 1.6e9 },
  { config: "moe-8x-1.6b", moe: true, total: 1.6e9, active: 4e8 },
];
const sweep = (N: "total" | "active") => configs.flatMap((c) => [1e10, 4e10].flatMap((D) => [2.5e-4, 5e-4, 1e-3, 2e-3].flatMap((lr) => [64, 128, 256].map((bs) => {
  const lrStar = 1e-3 * (c.active / 4e8) ** -0.5;
  return { config: c.config, moe: c.moe, N: c[N], D, lr, bs, smoothLoss: 2 + 0.02 * Math.log(lr / lrStar) ** 2 + 0.02 * Math.log(bs / 128) ** 2 };
}))));
const withoutIds = (runs: StepLawRun[]) => runs.map(({ config: _c, ...r }) => r);

describe("Step Law on an MoE sweep", () => {
  it("declares the N it expects", () => {
    expect(hparams.stepLaw.parameters).toEqual({ count: "active", embedding: "excluded" });
    expect(describeParamConvention(hparams.stepLaw.parameters)).toBe("active non-embedding parameters");
    expect(hparams.deepseek.parameters).toEqual({ count: "active", embedding: "excluded" });
  });

  it("grouped by N, two configurations with the same total N merge into one group, with a warning", () => {
    const sel = hparams.stepLaw.selectOptima(withoutIds(sweep("total")));
    // 2 configurations × 12 (lr, bs) cells at each D share N = 1.6e9: one group of 24 runs per D, 12 repeated cells.
    expect(sel.groups.map((g) => g.runs)).toEqual([24, 24]);
    expect(sel.warnings).toEqual([
      "hparams.stepLaw.selectOptima: the group N = 1600000000, D = 10000000000 repeats 12 (lr, bs) pair(s): configurations with the same N were merged into one group (give each run its configuration id: config)",
      "hparams.stepLaw.selectOptima: the group N = 1600000000, D = 40000000000 repeats 12 (lr, bs) pair(s): configurations with the same N were merged into one group (give each run its configuration id: config)",
    ]);
  });

  it("with configuration ids, runs group by configuration, never by N", () => {
    const sel = hparams.stepLaw.selectOptima(sweep("total"));
    expect(sel.groups.map((g) => [g.config, g.D, g.runs])).toEqual([
      ["dense-1.6b", 1e10, 12], ["moe-8x-1.6b", 1e10, 12], ["dense-1.6b", 4e10, 12], ["moe-8x-1.6b", 4e10, 12],
    ]);
    expect(sel.warnings).toEqual([]);
    const land = hparams.stepLaw.landscape(sweep("total"), { config: "moe-8x-1.6b", N: 1.6e9, D: 1e10 });
    // The MoE bowl is centred on lr* = 1e-3 (active N = 4e8): its best run is at lr 1e-3, bs 128 (tokens 128·2048).
    expect(land.best).toEqual({ lr: 1e-3, batch: 128 * 2048, loss: 2 });
  });

  it("predictionGaps checks each configuration's group on its own runs", () => {
    // Step Law constants set to the synthetic optimum: lr* = 1e-3·(N/4e8)^-0.5 (lrCoef = 1e-3·4e8^0.5 = 20), B* = 128·2048.
    const gaps = hparams.stepLaw.predictionGaps(sweep("active"), { lrCoef: 20, lrExpN: -0.5, lrExpD: 0, bsCoef: 128 * 2048, bsExpD: 0 });
    expect(gaps.map((g) => [g.N, g.nearestLR, g.gap])).toEqual([[4e8, 1e-3, 0], [4e8, 1e-3, 0], [1.6e9, 5e-4, 0], [1.6e9, 5e-4, 0]]);
  });

  it("rejects configuration ids on only some runs", () => {
    const runs = sweep("active");
    expect(() => hparams.stepLaw.selectOptima([...runs, { N: 1e9, D: 1e10, lr: 1e-3, bs: 64, smoothLoss: 2 }]))
      .toThrow("hparams.stepLaw.selectOptima: run 48 has no config while 48 of 49 runs do (give every run its configuration id, or none)");
  });

  it("MoE runs counted by total parameters are an error when the data say so", () => {
    expect(() => hparams.stepLaw.refit(sweep("total"), { bootstrap: 0, parameters: { count: "total", embedding: "excluded" } }))
      .toThrow(InvalidInputError);
    expect(() => hparams.stepLaw.refit(sweep("total"), { bootstrap: 0, parameters: { count: "total", embedding: "excluded" } }))
      .toThrow("hparams.stepLaw.refit: N counts total parameters and 24 run(s) are MoE, but the Step Law expects active non-embedding parameters (give N as the active parameter count of each run)");
  });

  it("an unstated convention on MoE runs and an embedding mismatch are warnings in the FitResult", () => {
    const unstated = hparams.stepLaw.refit(sweep("active"), { bootstrap: 0 });
    expect(unstated.warnings).toContain("hparams.stepLaw.refit: 24 run(s) are MoE and the parameter convention of N is not stated; the Step Law expects active non-embedding parameters (pass parameters: { count: \"active\", embedding: \"excluded\" } once N is that count)");
    const emb = hparams.stepLaw.refit(sweep("active"), { bootstrap: 0, parameters: { count: "active", embedding: "included" } });
    expect(emb.warnings).toContain("hparams.stepLaw.refit: N counts active embedding-included parameters but the Step Law was fitted on active non-embedding parameters; small models' N differs most");
    const ok = hparams.stepLaw.refit(sweep("active"), { bootstrap: 0, parameters: hparams.stepLaw.parameters });
    expect(ok.warnings.filter((w) => w.includes("parameter"))).toEqual([]);
    expect(ok.parameters).toEqual({ count: "active", embedding: "excluded" });
    // One kept run per group, at lr* = 1e-3·(N/4e8)^-0.5 for every D: the refit's exponents are exactly −0.5 and 0.
    expect(ok.keptRuns).toBe(4);
    expect(ok.params.lrExpN).toBeCloseTo(-0.5, 10);
    expect(ok.params.lrExpD).toBeCloseTo(0, 10);
  });

  it("a dense sweep stated as total parameters is fine (active = total there)", () => {
    const dense = sweep("total").filter((r) => !r.moe).map((r, i) => ({ ...r, config: `${r.config}-${i % 2}`, N: r.N * (i % 2 ? 2 : 1) }));
    expect(() => hparams.stepLaw.refit(dense, { bootstrap: 0, parameters: { count: "total", embedding: "excluded" } })).not.toThrow();
  });
});

describe("data.read carries the parameter convention", () => {
  const csv = "name,experts,params_total,params_active,tokens,lr,bs,loss\n" +
    sweep("active").map((r) => [r.config, r.moe ? 8 : 1, r.moe ? 1.6e9 : r.N, r.N, r.D, r.lr, r.bs, r.smoothLoss].join(",")).join("\n") + "\n";
  const columns = { config: "name", N: "params_active", D: "tokens", lr: "lr", bs: "bs", smoothLoss: "loss", experts: "experts" };

  it("keeps it on the table, in its caption and through filter/sortBy, and feeds it to the rule", () => {
    const t = data.read(csv, { columns, parameters: { column: "N", count: "active", embedding: "excluded" } });
    expect(t.parameters).toEqual({ column: "N", count: "active", embedding: "excluded" });
    expect(t.tableOptions.caption).toBe("text: 48 rows (csv); N = active non-embedding parameters");
    expect(t.filter((r) => r.experts === 8).parameters).toEqual(t.parameters);
    const runs = t.rows.map((r) => ({ ...(r as unknown as StepLawRun), moe: r.experts !== 1 }));
    expect(hparams.stepLaw.refit(runs, { bootstrap: 0, parameters: t.parameters! }).groups.length).toBe(4);
  });

  it("names an unknown column or convention", () => {
    expect(() => data.read(csv, { columns, parameters: { column: "params", count: "active", embedding: "excluded" } }))
      .toThrow("data.read: unknown column in parameters \"params\"; valid choices: config, N, D, lr, bs, smoothLoss, experts");
    expect(() => data.read(csv, { columns, parameters: { column: "N", count: "activated" as "active", embedding: "excluded" } }))
      .toThrow(/data\.read: unknown parameters\.count "activated"/);
  });
});
