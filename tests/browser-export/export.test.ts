/**
 * Exported-HTML browser test: `scalinglab run X.ipynb --html` on a shipped notebook (data-constrained, with law
 * cards and figures) and on teaching notebook 1 (with a `plot.sweep`), then headless Chromium opens each export
 * from file:// with every other request aborted (offline). Formulas must already be typeset (no `$$` left in the
 * rendered text), every plotly figure must draw from the one inlined plotly.js, and the sweep's plotly slider must
 * change the drawn data when moved in the page. Screenshots: tests/artifacts/export.png, export-sweep.png and
 * static-svg.png.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { logLogFit as plotLogLogFit } from "../../lib/plot";
import { ROOT, runCli } from "../cli/helpers";

const artifacts = path.join(ROOT, "tests/artifacts");
const dir = path.join(artifacts, "browser-export");
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];
// The banner at the top of plotly.min.js (node_modules/plotly.js-dist-min, pinned in package.json).
const PLOTLY_BANNER = /plotly\.js v4\.1\.2/g;

const exports = {
  dataConstrained: { notebook: "notebooks/data-constrained.ipynb", out: path.join(dir, "data-constrained.ipynb") },
  powerLaws: { notebook: "notebooks/teaching/power-laws.ipynb", out: path.join(dir, "power-laws.ipynb") },
};
const htmlOf = (ipynb: string) => ipynb.replace(/\.ipynb$/, ".html");

/** Opens an export offline: file:// only, every other request aborted and recorded. */
async function openOffline(ctx: BrowserContext, file: string, external: string[], pageErrors: string[]): Promise<Page> {
  const page = await ctx.newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:")) return route.continue();
    external.push(url);
    return route.abort();
  });
  // Parsing ~5 MB of inlined plotly.js takes seconds on a loaded machine: wait for the drawing, not the load event.
  await page.goto("file://" + file, { waitUntil: "commit", timeout: 120_000 });
  await page.waitForFunction(() => {
    const figs = [...document.querySelectorAll(".scalinglab-figure")];
    return figs.length > 0 && figs.every((f) => f.querySelector(".main-svg"));
  }, null, { timeout: 120_000 });
  return page;
}

describe("scalinglab run --html exports, opened offline in headless Chromium", () => {
  let ctx: BrowserContext;
  let userDir: string;

  beforeAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    for (const { notebook, out } of Object.values(exports)) {
      const r = await runCli(["run", notebook, "-o", out, "--html"]);
      if (r.code !== 0) throw new Error(`scalinglab run ${notebook} --html exited ${r.code}:\n${r.stderr}`);
    }
    userDir = fs.mkdtempSync(path.join(os.tmpdir(), "scalinglab-chromium-"));
    ctx = await chromium.launchPersistentContext(userDir, {
      executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS, viewport: { width: 1100, height: 1150 },
    });
  }, 400_000);

  afterAll(async () => {
    await ctx?.close();
    if (userDir) fs.rmSync(userDir, { recursive: true, force: true });
  });

  it("the executed notebooks carry no plotly.js; each export inlines it once and loads no script from elsewhere", () => {
    for (const { out } of Object.values(exports)) {
      expect(fs.readFileSync(out, "utf8")).not.toMatch(PLOTLY_BANNER);
      const html = fs.readFileSync(htmlOf(out), "utf8");
      expect(html.match(PLOTLY_BANNER)).toHaveLength(1);
      expect(html).not.toMatch(/<script[^>]*\bsrc=/);
      expect(html).not.toMatch(/require\.js|mathjax@|cdnjs/i);
    }
  });

  it("data-constrained: formulas typeset and figures drawn with the network blocked", async () => {
    const external: string[] = [];
    const pageErrors: string[] = [];
    const page = await openOffline(ctx, htmlOf(exports.dataConstrained.out), external, pageErrors);
    const seen = await page.evaluate(() => ({
      text: document.body.innerText,
      math: document.querySelectorAll("mjx-container svg").length,
      lawCardMath: document.querySelectorAll(".scalinglab-formula mjx-container svg").length,
      figures: document.querySelectorAll(".scalinglab-figure .main-svg").length,
      traces: document.querySelectorAll(".scalinglab-figure .scatterlayer .trace").length,
    }));
    expect(seen.text).not.toContain("$$");
    expect(seen.text).not.toMatch(/\\frac|\\alpha/);
    expect(seen.math).toBeGreaterThan(5);
    expect(seen.lawCardMath).toBeGreaterThan(0);
    expect(seen.figures).toBeGreaterThan(0);
    expect(seen.traces).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
    expect(external).toEqual([]);
    await page.locator(".scalinglab-formula").first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, "export.png") });
  }, 300_000);

  it("teaching notebook 1: the sweep's plotly slider, moved in the page, redraws the figure offline", async () => {
    const external: string[] = [];
    const pageErrors: string[] = [];
    const page = await openOffline(ctx, htmlOf(exports.powerLaws.out), external, pageErrors);
    const sweep = page.locator(".scalinglab-figure", { has: page.locator(".slider-container") });
    await expect(sweep.count()).resolves.toBe(1);
    await sweep.scrollIntoViewIfNeeded();
    const state = () => sweep.evaluate((gd: any) => ({
      y: JSON.stringify(gd.data[0].y.slice(0, 5)),
      title: gd.layout.title.text as string,
      active: gd.layout.sliders[0].active as number,
    }));
    const before = await state();
    expect(before.active).toBe(0);
    // Click the slider's rail near its right end: plotly moves to the nearest step and animates to its frame.
    const rail = await sweep.locator(".slider-rail-touch-rect").boundingBox();
    if (!rail) throw new Error("the sweep has no slider rail in the page");
    await page.mouse.click(rail.x + rail.width - 3, rail.y + rail.height / 2);
    await sweep.evaluate((gd: any, y0: string) => new Promise<void>((resolve, reject) => {
      const t0 = Date.now();
      const poll = () => (JSON.stringify(gd.data[0].y.slice(0, 5)) !== y0 ? resolve()
        : Date.now() - t0 > 30_000 ? reject(new Error("the trace data did not change")) : setTimeout(poll, 50));
      poll();
    }), before.y);
    const after = await state();
    expect(after.active).toBeGreaterThan(before.active);
    expect(after.y).not.toBe(before.y);
    expect(after.title).not.toBe(before.title);
    expect(await sweep.locator(".gtitle").textContent()).toBe(after.title);
    expect(pageErrors).toEqual([]);
    expect(external).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, "export-sweep.png") });
  }, 300_000);

  it("a static SVG parses in Chromium's XML parser and renders to PNG", async () => {
    const N = Array.from({ length: 12 }, (_, i) => 10 ** (7.5 + (i * 3) / 11));
    const law = (n: number) => 1.69 + 406.4 / n ** 0.34;
    const svg = plotLogLogFit({ x: N, y: N.map((n, i) => law(n) * (1 + 0.01 * Math.sin(i))), fit: law }, { title: "Loss vs parameters" }).toSVG();
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
