/** DataFrames, the normalised loss schema, display and the transcribed published tables. */
import { describe, expect, it } from "vitest";
import { JUPYTER_DISPLAY, UnknownChoiceError, type MimeBundle } from "../../lib/core";
import "../../lib/display";
import { ZHANG_2024_BATCHES } from "../../lib/hparams/critical-batch-zhang";
import { CHINCHILLA_TABLE3_PROJECTIONS, GADRE_EXTRAPOLATION_TARGETS, ZHANG_STEPS_TO_TARGET } from "../../datasets/published";
import { LOSS_DATASET_IDS, LOSS_RUN_COLUMNS, loadLossRuns } from "../../lib/data/loss-runs";
import { loadDataset } from "../../lib/data/load";
import { listDatasets } from "../../lib/data/registry";

async function bundleOf(x: unknown): Promise<MimeBundle> {
  return (x as { [JUPYTER_DISPLAY](): MimeBundle | Promise<MimeBundle> })[JUPYTER_DISPLAY]();
}

describe("toDataFrame", () => {
  it("keeps token counts above 2^31 intact: number columns are float, never int32", async () => {
    const ds = await loadDataset("gadre-overtraining");
    const df = ds.toDataFrame();
    expect(df.shape).toEqual([104, ds.columns.length]);
    expect(df.dtypes[df.columns.indexOf("D")]).toBe("float32");
    const exact = ds.column("D");
    expect(Math.max(...exact)).toBe(921468928000); // rpj-open_lm_1b-32.0 tokens
    expect(df.column("D").values).toEqual(exact); // the frame's values stay float64
    const tensor = Array.from(df.column("D").tensor.dataSync() as Float32Array);
    tensor.forEach((v, k) => expect(Math.abs(v - exact[k]) / exact[k]).toBeLessThan(1e-7)); // float32 rounding only, no wrap-around
  });

  it("guards against a real trap: danfojs infers int32 for integer columns and wraps values above 2^31", () => {
    const dfd = require("danfojs");
    const df = new dfd.DataFrame({ D: [921468928000, 2] });
    expect(df.dtypes).toEqual(["int32"]);
    expect(Array.from(df.column("D").tensor.dataSync())[0]).not.toBe(921468928000);
  });

  it("turns nulls into NaN in number columns", async () => {
    const ds = await loadDataset("obsscaling");
    const df = ds.toDataFrame();
    const k = ds.rows.findIndex((r) => r.C === null);
    expect(Number.isNaN(df.column("C").values[k])).toBe(true);
  });
});

describe("loadLossRuns", () => {
  it.each([
    ["chinchilla-epoch", 245],
    ["gadre-overtraining", 832],
    ["steplaw", 1911],
    ["regmix", (512 + 256 + 256 + 64) * 13],
    ["mixinglaws", 110 + 110 + 1001 + 2155 + 104],
    ["isoflops", 947],
  ] as const)("maps %s to %i normalised rows with every column present and a finite loss", async (id, n) => {
    const t = await loadLossRuns(id);
    expect(t.rows.length).toBe(n);
    const names = LOSS_RUN_COLUMNS.map((c) => c.name).sort();
    const bad = t.rows.filter((r) => Object.keys(r).sort().join() !== names.join() || !Number.isFinite(r.loss) || r.source !== id);
    expect(bad.slice(0, 3)).toEqual([]);
  });

  it("carries N, non-embedding N, C = 6ND and the eval set for Gadre's models", async () => {
    const t = await loadLossRuns("gadre-overtraining");
    const r = t.rows.find((x) => x.run === "rpj-open_lm_7b-1.0" && x.eval_set === "c4_val")!;
    expect(r).toMatchObject({ N: 6889410560, D: 137788211200, dataset: "rpj", loss: 2.424993099368689, step: null, batch: null });
    expect(r.C).toBe(6 * 6889410560 * 137788211200);
    expect(r.N_nonembedding).toBeLessThan(r.N!);
  });

  it("gives Step Law runs non-embedding N only, batch in tokens and the smoothed loss", async () => {
    const r = (await loadLossRuns("steplaw")).rows[0];
    expect(r).toMatchObject({ N: null, N_nonembedding: 214663680, D: 1e11, batch: 736 * 2048, lr: 0.0003453, step: 66342, loss: 2.3976109618296744 });
  });

  it("rejects obsscaling, which holds accuracies, naming the loss datasets", async () => {
    expect(LOSS_DATASET_IDS).not.toContain("obsscaling");
    await expect(loadLossRuns("obsscaling")).rejects.toThrow(UnknownChoiceError);
  });
});

describe("display", () => {
  it("a loaded dataset displays as an HTML table with its shape, caption and units", async () => {
    const b = await bundleOf(await loadDataset("chinchilla-epoch"));
    expect(b["text/html"]).toContain("245 rows × 7 columns");
    expect(b["text/html"]).toContain("arXiv:2404.10102");
    expect(b["text/html"]).toContain("D [tokens]");
    expect(b["text/plain"]).toContain("chinchilla-epoch / points");
    expect(b["application/vnd.dataresource+json"]).toBeDefined();
  });

  it("listDatasets displays as a table of the 7 datasets", async () => {
    const b = await bundleOf(listDatasets());
    expect(b["text/html"]).toContain("7 rows × 7 columns");
  });
});

describe("published tables", () => {
  it("Chinchilla Table 3 is labelled unverified and says so when displayed", async () => {
    expect(CHINCHILLA_TABLE3_PROJECTIONS.status).toBe("unverified");
    expect(CHINCHILLA_TABLE3_PROJECTIONS.citation.where).toMatch(/Table 3/);
    expect(String((await bundleOf(CHINCHILLA_TABLE3_PROJECTIONS))["text/html"])).toContain("UNVERIFIED");
  });

  it("Zhang et al.'s steps-to-target table has one step count per batch size and displays with its citation", async () => {
    expect(ZHANG_STEPS_TO_TARGET.rows.length).toBe(5); // 85M, 151M, 302M, 604M, 1.2B (hparams.md §5)
    for (const r of ZHANG_STEPS_TO_TARGET.rows) expect(r.steps.length).toBe(ZHANG_2024_BATCHES.length);
    expect(String((await bundleOf(ZHANG_STEPS_TO_TARGET))["text/html"])).toContain("Minimum goal step");
  });

  it("Gadre's extrapolation targets agree with the model JSONs (N, M, observed C4 loss to 4 decimals)", async () => {
    const ds = await loadDataset("gadre-overtraining");
    for (const t of GADRE_EXTRAPOLATION_TARGETS.rows) {
      const m = ds.rows.find((r) => r.name === t.model)!;
      expect(m.N).toBe(t.N);
      expect(m.M).toBe(t.M);
      expect(m.loss_c4_val).toBeCloseTo(t.observedLoss, 4);
      expect(Math.abs(t.predictedLoss - m.loss_c4_val) / m.loss_c4_val).toBeCloseTo(t.relativeError, 4);
    }
  });
});
