/**
 * Exported-HTML browser test: two figure bundles go into a notebook as display_data outputs, the venv's
 * `jupyter nbconvert --to html` exports it (as a user would share it), and headless Chromium opens the export from
 * file:// with every http(s) request blocked (offline) and an AMD `define` on the page (nbconvert loads require.js;
 * here a local stand-in that records calls). The plotly figures must draw from the inlined plotly.js, and the static
 * SVG must parse in Chromium's XML parser. Screenshots: tests/artifacts/export.png, tests/artifacts/static-svg.png.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { JUPYTER_DISPLAY } from "../../lib/core";
import { heatmap as plotHeatmap, logLogFit as plotLogLogFit, inlinePlotly as setPlotlyInlining, type PlotFigure } from "../../lib/plot";

const root = path.resolve(__dirname, "../..");
const artifacts = path.join(root, "tests/artifacts");
const dir = path.join(artifacts, "browser-export");
const nbconvert = path.join(root, ".venv/bin/jupyter-nbconvert");
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];

// Figure 1: 12 points of a power law with a fitted curve and band. Figure 2: a 4 × 5 LR × batch grid (one cell missing).
const N = Array.from({ length: 12 }, (_, i) => 10 ** (7.5 + (i * 3) / 11));
const law = (n: number) => 1.69 + 406.4 / n ** 0.34;
const fitFigure = plotLogLogFit(
  { x: N, y: N.map((n, i) => law(n) * (1 + 0.01 * Math.sin(i))), fit: law, band: { lower: (n) => 0.98 * law(n), upper: (n) => 1.02 * law(n) } },
  { title: "Loss vs parameters", xTitle: "parameters N", yTitle: "loss [nats/token]" },
);
const lrs = [2.5e-4, 5e-4, 1e-3, 2e-3, 4e-3];
const batches = [64, 128, 256, 512];
const heatFigure = plotHeatmap(
  { x: lrs, y: batches, z: batches.map((b, r) => lrs.map((lr, c) => (r === 0 && c === 4 ? NaN : 2.5 + 0.05 * Math.log2(lr / 1e-3) ** 2 + 0.03 * Math.log2(b / 256) ** 2))) },
  { title: "Loss over LR × batch", xTitle: "learning rate", yTitle: "batch size", zTitle: "loss" },
);

function output(fig: PlotFigure) {
  return { output_type: "display_data", data: fig[JUPYTER_DISPLAY](), metadata: {} };
}

/** Counts and text read from one drawn plotly figure in the page. */
async function drawn(page: Page, index: number) {
  return page.evaluate((i) => {
    const fig = document.querySelectorAll(".scalinglab-figure")[i];
    return {
      mainSvgs: fig.querySelectorAll(".main-svg").length,
      scatterTraces: fig.querySelectorAll(".scatterlayer .trace").length,
      points: fig.querySelectorAll(".scatterlayer .point").length,
      heatmaps: fig.querySelectorAll(".heatmaplayer .hm").length,
      title: fig.querySelector(".gtitle")?.textContent ?? "",
      xTicks: [...fig.querySelectorAll(".xtick text")].map((t) => t.textContent),
    };
  }, index);
}

describe("exported HTML (nbconvert) in headless Chromium", () => {
  let ctx: BrowserContext;
  let userDir: string;
  let exportHtml: string;
  const external: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    setPlotlyInlining("once");
    const nb = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: "scalinglab", display_name: "TypeScript (scalinglab)", language: "typescript" }, language_info: { name: "typescript" } },
      cells: [
        { cell_type: "markdown", id: "intro", metadata: {}, source: "# Exported figures" },
        { cell_type: "code", id: "fig1", metadata: {}, execution_count: 1, source: "plotLogLogFit(...)", outputs: [output(fitFigure)] },
        { cell_type: "code", id: "fig2", metadata: {}, execution_count: 2, source: "plotHeatmap(...)", outputs: [output(heatFigure)] },
      ],
    };
    fs.writeFileSync(path.join(dir, "export.ipynb"), JSON.stringify(nb));
    // A stand-in for require.js: an AMD define/require that records every call (plotly must not register with it).
    fs.writeFileSync(path.join(dir, "amd-stub.js"),
      "window.__amdCalls = 0; window.define = function () { window.__amdCalls++; }; window.define.amd = {}; window.require = function () { window.__amdCalls++; };\n");
    execFileSync(nbconvert, ["--to", "html", "--HTMLExporter.require_js_url=amd-stub.js", "--output", "export", path.join(dir, "export.ipynb")], { stdio: "pipe", timeout: 200_000 });
    exportHtml = path.join(dir, "export.html");
  }, 240_000);

  afterAll(async () => {
    await ctx?.close();
    if (userDir) fs.rmSync(userDir, { recursive: true, force: true });
  });

  it("nbconvert keeps the text/html output of both figures, with plotly.js inlined once", () => {
    const html = fs.readFileSync(exportHtml, "utf8");
    expect(html.match(/class="scalinglab-figure plotly-graph-div"/g)).toHaveLength(2);
    expect(html.match(/plotly\.js v4\.1\.2/g)).toHaveLength(1);
    expect(html).toContain('src="amd-stub.js"');
  });

  it("both figures are drawn offline by plotly.js, past an AMD define on the page", async () => {
    userDir = fs.mkdtempSync(path.join(os.tmpdir(), "scalinglab-chromium-"));
    ctx = await chromium.launchPersistentContext(userDir, {
      executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS, viewport: { width: 1000, height: 1150 },
    });
    const page = await ctx.newPage();
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    await page.route(/^https?:/, (route) => {
      external.push(route.request().url());
      return route.abort();
    });
    // Parsing ~5 MB of inlined plotly.js takes a few seconds (far more on a loaded machine): wait for the drawing,
    // not for the load event.
    await page.goto("file://" + exportHtml, { waitUntil: "commit", timeout: 120_000 });
    await page.waitForFunction(() => {
      const figs = [...document.querySelectorAll(".scalinglab-figure")];
      return figs.length === 2 && figs.every((f) => f.querySelector(".main-svg"));
    }, null, { timeout: 120_000 });

    const fit = await drawn(page, 0);
    expect(fit.mainSvgs).toBeGreaterThan(0);
    expect(fit.scatterTraces).toBe(3); // band, data, fitted curve
    expect(fit.points).toBe(12);
    expect(fit.title).toBe("Loss vs parameters");
    const heat = await drawn(page, 1);
    expect(heat.heatmaps).toBe(1);
    expect(heat.title).toBe("Loss over LR × batch");

    expect(await page.evaluate(() => (window as unknown as { __amdCalls: number }).__amdCalls)).toBe(0);
    expect(pageErrors.filter((e) => /plotly|Plotly/.test(e))).toEqual([]);
    // Offline: the only attempted network requests are nbconvert's own CDN assets (MathJax), none of ours.
    expect(external.filter((u) => /plotly/i.test(u))).toEqual([]);

    await page.locator(".jp-Cell").nth(1).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, "export.png") });
  }, 300_000);

  it("a static SVG parses in Chromium's XML parser and renders to PNG", async () => {
    const svg = fitFigure.toSVG();
    const page = await ctx.newPage();
    await page.setContent(`<!doctype html><html><body style="margin:0;background:#fff"></body></html>`);
    const parsed = await page.evaluate((s) => {
      const doc = new DOMParser().parseFromString(s, "image/svg+xml");
      const err = doc.getElementsByTagName("parsererror")[0];
      if (!err) document.body.appendChild(document.importNode(doc.documentElement, true));
      return { error: err?.textContent ?? null, circles: doc.querySelectorAll("circle.point").length };
    }, svg);
    expect(parsed.error).toBeNull();
    expect(parsed.circles).toBe(12);
    await page.setViewportSize({ width: 720, height: 480 });
    await page.screenshot({ path: path.join(artifacts, "static-svg.png") });
  }, 120_000);
});
