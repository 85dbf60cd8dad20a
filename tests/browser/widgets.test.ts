/**
 * Widgets in a real browser: headless Chromium opens the course's notebook 1 in JupyterLab (with the
 * @jupyter-widgets/jupyterlab-manager extension from ipywidgets 8), runs it, moves the E slider of the
 * L(N, D) cell with the keyboard and finds the plotly figure under it redrawn with other data (the trace's y
 * before and after differ). The screenshot goes to tests/artifacts/jupyterlab-widgets.png (CI artifact).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { ROOT, type JupyterServer, tempDir } from "../cli/helpers";
import { openLab, unexpectedStderr, type Lab } from "./lab";

const ARTIFACTS = path.join(ROOT, "tests", "artifacts");

describe("widgets in JupyterLab (headless Chromium)", () => {
  let lab: Lab | undefined;
  let server: JupyterServer | undefined;
  let page: Page;
  const tmp = tempDir("browser-widgets");

  beforeAll(async () => {
    const root = path.join(tmp, "root");
    fs.mkdirSync(root);
    fs.copyFileSync(path.join(ROOT, "notebooks", "teaching", "power-laws.ipynb"), path.join(root, "power-laws.ipynb"));
    lab = await openLab(tmp, root, [], 1000);
    ({ server, page } = lab);
  }, 120_000);

  afterAll(async () => {
    await lab?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }, 30_000);

  it("moving a slider of teaching notebook 1 redraws its plotly figure", async () => {
    await page.goto(`${server!.url}lab/tree/power-laws.ipynb?token=${server!.token}`);
    await page.waitForSelector(".jp-Notebook .jp-Cell", { timeout: 60_000 });
    await page.waitForFunction(() => (window as any).jupyterapp?.shell?.currentWidget?.sessionContext?.session?.kernel?.status === "idle", undefined, { timeout: 60_000 });
    await page.evaluate(() => (window as any).jupyterapp.commands.execute("notebook:run-all-cells"));
    const cell = page.locator(".jp-CodeCell", { hasText: "const Ds = [1e10" });
    const handle = cell.locator(".widget-slider .noUi-handle").first();
    await handle.waitFor({ timeout: 90_000 });
    await cell.locator(".js-plotly-plot").first().waitFor({ timeout: 60_000 });
    const traceY = () => cell.locator(".js-plotly-plot").first().evaluate((gd: any) => JSON.stringify(gd.data[0].y.slice(0, 5)));
    const before = await traceY();
    // The keyboard drives the slider (noUiSlider's handles take arrow keys) as a user tabbing to it would.
    await handle.scrollIntoViewIfNeeded();
    await handle.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
    const readout = await cell.locator(".widget-readout").first().textContent();
    expect(Number(readout)).toBeGreaterThan(1.69);
    await expect.poll(traceY, { timeout: 30_000, interval: 200 }).not.toBe(before);
    expect(await unexpectedStderr(page)).toEqual([]);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, "jupyterlab-widgets.png") });
  }, 240_000);
});
