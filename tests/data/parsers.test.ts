/**
 * Parsed tables against counts and values read independently from the mirror files: the expected numbers below were
 * obtained with Python's csv/json modules on ../shared/datasets (not with this library), e.g.
 * `len(list(csv.DictReader(open("steplaw/dense_lr_bs_loss.csv"))))` → 1911.
 */
import { describe, expect, it } from "vitest";
import { DATASET_IDS, type ColumnSpec } from "../../datasets";
import { datasetSpec, loadDataset } from "../../lib/data/load";

/** Lists every cell that breaks the schema: missing/extra keys, wrong type, non-finite number, undeclared null. */
function schemaViolations(rows: readonly object[], schema: readonly ColumnSpec[], where: string): string[] {
  const names = schema.map((c) => c.name).sort().join(",");
  const bad: string[] = [];
  rows.forEach((r, k) => {
    if (Object.keys(r).sort().join(",") !== names) bad.push(`${where} row ${k}: keys ${Object.keys(r).join(",")}`);
    for (const c of schema) {
      const v = (r as Record<string, unknown>)[c.name];
      if (v === null ? !c.nullable : typeof v !== c.type || (c.type === "number" && !Number.isFinite(v))) {
        bad.push(`${where} row ${k} column ${c.name} = ${String(v)} (schema: ${c.type}${c.nullable ? " | null" : ""})`);
      }
    }
  });
  return bad;
}

describe("parsed datasets", () => {
  it.each(DATASET_IDS)("every table of %s matches its registered schema (types, units, nulls only where declared)", async (id) => {
    const ds = await loadDataset(id);
    for (const t of datasetSpec(id).tables) {
      const table = (ds.tables as Record<string, { rows: object[] }>)[t.name];
      expect(table.rows.length, `${id}/${t.name}`).toBeGreaterThan(0);
      expect(schemaViolations(table.rows, t.columns, `${id}/${t.name}`).slice(0, 5)).toEqual([]);
    }
  });

  it("chinchilla-epoch has 245 points with N, C from the CSV and D = C/(6N)", async () => {
    const ds = await loadDataset("chinchilla-epoch");
    expect(ds.rows.length).toBe(245);
    const r = ds.rows[0]; // first data line of svg_extracted_data.csv
    expect(r.N).toBe(6795600349.289497);
    expect(r.C).toBe(9.993852799709755e18);
    expect(r.loss).toBe(5.005581996196243);
    expect(r.D).toBe(r.C / (6 * r.N));
    expect(r.color).toBe("#faebdd");
    // ranges from loss-and-mixing.md §3: N 5.73e7–1.62e10, C 1.40e18–1.30e22, loss 2.077–5.006
    expect(Math.min(...ds.column("N"))).toBeCloseTo(5.73e7, -6);
    expect(Math.max(...ds.column("C"))).toBeCloseTo(1.30e22, -20);
    expect(Math.min(...ds.column("loss"))).toBeCloseTo(2.077, 3);
  });

  it("steplaw has 1,911 dense runs and 1,000 bootstrap fits; batch converts to tokens with 2048-token sequences", async () => {
    const ds = await loadDataset("steplaw");
    expect(ds.rows.length).toBe(1911);
    expect(ds.tables.bootstrap.rows.length).toBe(1000);
    const r = ds.rows[0]; // h 960, ffnh 9368, numl 7, bs 736, ti 66342, D 1e11 (first data line)
    expect(r.N).toBe(214663680);
    expect(r.N).toBe(r.numl * r.h * (4 * r.h + 3 * r.ffnh));
    expect(r.D).toBe(100000000000);
    expect(r.batchTokens).toBe(736 * 2048);
    expect(r.smoothLoss).toBe(2.3976109618296744);
    // the bootstrap means recomputed in hparams.md §9: lr_coefN −0.71292, bs_coefD 0.57094
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(ds.tables.bootstrap.column("lr_coefN"))).toBeCloseTo(-0.71292, 4);
    expect(mean(ds.tables.bootstrap.column("bs_coefD"))).toBeCloseTo(0.57094, 4);
  });

  it("regmix has 512 train (1M) and 256/256/64 test runs (1M/60M/1B), mixtures joined to losses by index", async () => {
    const ds = await loadDataset("regmix");
    const count = (split: string, scale: string) => ds.rows.filter((r) => r.split === split && r.scale === scale).length;
    expect([count("train", "1M"), count("test", "1M"), count("test", "60M"), count("test", "1B")]).toEqual([512, 256, 256, 64]);
    const r = ds.rows.find((x) => x.split === "test" && x.scale === "1B" && x.index === 0)!; // first lines of test_*_1B.csv
    expect(r.w_arxiv).toBe(0.123);
    expect(r.w_uspto_backgrounds).toBe(0.307);
    expect(r.loss_arxiv).toBe(1.772475243);
    expect(r.loss_pile_cc).toBe(2.932116032);
    for (const x of ds.rows) {
      const sum = Object.entries(x).filter(([k]) => k.startsWith("w_")).reduce((s, [, v]) => s + (v as number), 0);
      expect(Math.abs(sum - 1), `${x.split}-${x.scale}-${x.index}`).toBeLessThan(0.01); // weights are rounded to 3 decimals
    }
  });

  it("mixinglaws parses 110 + 110 (2Mix) and 1,001 + 2,155 + 104 (3Mix) lines with mixture and step from the path", async () => {
    const ds = await loadDataset("mixinglaws");
    const n = (e: string, s: string) => ds.rows.filter((r) => r.experiment === e && r.modelSize === s).length;
    expect([n("2Mix", "70M"), n("2Mix", "160M"), n("3Mix", "70M"), n("3Mix", "160M"), n("3Mix", "410M")]).toEqual([110, 110, 1001, 2155, 104]);
    const first = ds.rows[0]; // 2Mix/70M.txt line 1: .../70M_base2_1-0.25-0.75/27000 ... Github.bin 1.4475028466599191
    expect(first).toMatchObject({ mixtureId: 1, r_Github: 0.25, r_PileCC: 0.75, r_Books3: null, step: 27000, evalDomain: "Github", loss: 1.4475028466599191, N: 7e7 });
    expect(ds.rows.filter((r) => r.step === null).length).toBe(27); // 18 + 9 checkpoints named "last" (3Mix/160M, 3Mix/70M)
    for (const r of ds.rows) expect(Math.abs(r.r_Github + (r.r_Books3 ?? 0) + r.r_PileCC - 1)).toBeLessThan(1e-9);
  });

  it("obsscaling has 148 models with sizes in params, tokens and FLOP, and null where the CSV is blank", async () => {
    const ds = await loadDataset("obsscaling");
    expect(ds.rows.length).toBe(148);
    const llama = ds.rows[0]; // meta-llama/Llama-2-7b-hf: 7.0 B, 2.0 T, 84.0 × 1e21
    expect(llama.model).toBe("meta-llama/Llama-2-7b-hf");
    expect(llama.N).toBe(7e9);
    expect(llama.D).toBe(2e12);
    expect(llama.C).toBeCloseTo(8.4e22, -8);
    expect(ds.rows.filter((r) => r.D === null).length).toBe(25);
    expect(ds.rows.filter((r) => r.HumanEval === null).length).toBe(21);
    expect(ds.rows.find((r) => r.model === "Qwen/Qwen1.5-110B")!.C).toBeNull();
  });

  it("obsscaling's compute is C = 6·N·D for every model where both are known (as the schema says)", async () => {
    const known = (await loadDataset("obsscaling")).rows.filter((r) => r.C !== null && r.D !== null);
    expect(known.length).toBe(123);
    for (const r of known) expect(Math.abs(r.C! - 6 * r.N * r.D!) / r.C!, r.model).toBeLessThan(1e-12);
  });

  it("isoflops has 947 points, 197 flagged as outliers with a reason", async () => {
    const ds = await loadDataset("isoflops");
    expect(ds.rows.length).toBe(947);
    expect(ds.rows.filter((r) => r.outlier).length).toBe(197);
    expect(ds.rows.filter((r) => !r.outlier).every((r) => r.reason === "none")).toBe(true);
    expect(ds.rows[0]).toMatchObject({ source: "epochai_chinchilla", condition: null, N: 1017959646, C: 1e20, outlier: true, reason: "near_duplicate_params" });
    const llama = ds.rows.filter((r) => r.source === "llama_3");
    expect(llama.filter((r) => r.condition === "exp_loss").length).toBe(133);
  });

  it("isoflops' llama_3 exp_loss rows are exp(raw_loss) of the same (N, D, C), as the schema says", async () => {
    const rows = (await loadDataset("isoflops")).rows.filter((r) => r.source === "llama_3");
    const key = (r: { N: number; D: number; C: number }) => `${r.N}|${r.D}|${r.C}`;
    const raw = new Map(rows.filter((r) => r.condition === "raw_loss").map((r) => [key(r), r.loss]));
    const exp = rows.filter((r) => r.condition === "exp_loss");
    expect(raw.size).toBe(133);
    for (const r of exp) expect(Math.abs(Math.exp(raw.get(key(r))!) - r.loss) / r.loss).toBeLessThan(1e-12);
  });

  it("gadre-overtraining has 104 models × 8 eval losses, 104 × 46 task accuracies and 51 task descriptions", async () => {
    const ds = await loadDataset("gadre-overtraining");
    expect(ds.rows.length).toBe(104);
    expect(ds.tables.losses.rows.length).toBe(832);
    expect(ds.tables.downstream.rows.length).toBe(4784);
    expect(ds.tables.tasks.rows.length).toBe(51);
    const m = ds.rows.find((r) => r.name === "rpj-open_lm_7b-1.0")!; // exp_data/models/rpj-open_lm_7b-1.0.json
    expect(m).toMatchObject({ trainSet: "rpj", config: "open_lm_7b", N: 6889410560, D: 137788211200, M: 20, loss_c4_val: 2.424993099368689 });
    expect(m.C).toBe(6 * m.N * m.D);
    const counts = (k: string) => ds.rows.filter((r) => r.trainSet === k).length;
    expect([counts("rpj"), counts("c4_original"), counts("rw_original")]).toEqual([35, 34, 35]);
    // token counts above 2^31 stay exact float64
    expect(Math.max(...ds.column("D"))).toBe(921468928000);
  });
});
