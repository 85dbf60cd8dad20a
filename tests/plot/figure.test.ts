import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InvalidInputError, JUPYTER_DISPLAY } from "../../lib/core";
import { makeFigure } from "../../lib/plot/plot-figure";
import { setPlotlyInlining } from "../../lib/plot/plotly";
import type { FigureTrace } from "../../lib/plot/figure";
import { elements, labelText, parseXml, withClass } from "./xml";

const PLOTLY_MIME = "application/vnd.plotly.v1+json";
type Bundle = Record<string, unknown> & { [PLOTLY_MIME]: { data: Record<string, unknown>[]; layout: Record<string, Record<string, unknown>> } };

function bundle(fig: { [JUPYTER_DISPLAY](): unknown }): Bundle {
  return fig[JUPYTER_DISPLAY]() as Bundle;
}

const scatter: FigureTrace = { type: "scatter", x: [1e8, 1e9, 1e10, 1e11, NaN], y: [3.2, 2.6, 2.3, 2.1, 2.0], name: "runs" };
const line: FigureTrace = { type: "scatter", mode: "lines", x: [1e8, 1e9, NaN, 1e10, 1e11], y: [3.1, 2.7, 2.4, 2.2, 2.05], name: "fit" };
const band: FigureTrace = { type: "band", x: [1e8, 1e9, 1e10, 1e11], lower: [3, 2.6, 2.3, 2.0], upper: [3.2, 2.8, 2.5, 2.2], name: "95% CI" };

describe("figure bundles", () => {
  beforeEach(() => setPlotlyInlining("off"));
  afterEach(() => setPlotlyInlining("off"));

  it("by default a figure displays as the plotly JSON, the static SVG and text: no HTML, no plotly.js in the notebook", () => {
    const b = bundle(makeFigure([scatter]));
    expect(Object.keys(b).sort()).toEqual([PLOTLY_MIME, "image/svg+xml", "text/plain"].sort());
    expect(b[PLOTLY_MIME].data).toHaveLength(1);
    expect(typeof b["image/svg+xml"]).toBe("string");
    expect(JSON.stringify(b).length).toBeLessThan(20_000);
  });

  it('inlinePlotly("once"): the first figure\'s HTML carries plotly.js (no CDN) guarded against require.js; later ones wait for it', () => {
    setPlotlyInlining("once");
    const first = bundle(makeFigure([scatter]))["text/html"] as string;
    const second = bundle(makeFigure([scatter]))["text/html"] as string;
    expect(first).toContain("plotly.js v4.1.2");
    expect(first).toContain("}).call(window, undefined, undefined, undefined);");
    expect(first.length).toBeGreaterThan(4_000_000);
    expect(second).not.toContain("plotly.js v4.1.2");
    expect(second.length).toBeLessThan(20_000);
    expect(second).toContain("window.Plotly.newPlot(el, spec)");
    for (const html of [first, second]) expect(html).not.toMatch(/<script[^>]+src=/);
  });

  it('inlinePlotly("always") inlines plotly.js in every figure and "never" in none', () => {
    setPlotlyInlining("always");
    expect(bundle(makeFigure([scatter]))["text/html"]).toContain("plotly.js v4.1.2");
    expect(bundle(makeFigure([scatter]))["text/html"]).toContain("plotly.js v4.1.2");
    setPlotlyInlining("never");
    expect(bundle(makeFigure([scatter]))["text/html"]).not.toContain("plotly.js v4.1.2");
  });

  it("the embedded spec cannot close the script element early", () => {
    setPlotlyInlining("never");
    const html = bundle(makeFigure([{ ...scatter, name: "</script><b>x" }]))["text/html"] as string;
    expect(html.match(/<\/script>/g)).toHaveLength(1);
  });

  it("the plotly spec uses the same ranges as the SVG: log10 range on log axes, padded 4% of the data span", () => {
    const fig = makeFigure([scatter], { x: { scale: "log" } });
    const xa = bundle(fig)[PLOTLY_MIME].layout.xaxis;
    expect(xa.type).toBe("log");
    // Data 1e8..1e11 (3 decades), padded by 0.04·3 = 0.12 decades each side.
    expect(xa.range).toEqual([8 - 0.12, 11 + 0.12].map((v) => expect.closeTo(v, 12)));
    expect(fig.resolved.subplots[0].x.range[0]).toBeCloseTo(10 ** 7.88, -2);
  });

  it("a band becomes one closed plotly polygon filled toself", () => {
    const spec = bundle(makeFigure([band]))[PLOTLY_MIME];
    expect(spec.data[0].fill).toBe("toself");
    expect(spec.data[0].x).toEqual([1e8, 1e9, 1e10, 1e11, 1e11, 1e10, 1e9, 1e8]);
    expect(spec.data[0].y).toEqual([3.2, 2.8, 2.5, 2.2, 2.0, 2.3, 2.6, 3]);
  });

  it("the text summary names the title, axes and each trace with its point count", () => {
    const text = bundle(makeFigure([scatter, line], { title: "Loss", x: { title: "N", scale: "log" }, y: { title: "loss" } }))["text/plain"];
    expect(text).toBe("Figure: Loss (720×480 px)\n  x: N [log]; y: loss\n  - runs: markers, 5 points\n  - fit: lines, 5 points");
  });

  it("rendering is deterministic (same figure, same SVG and spec)", () => {
    const a = makeFigure([band, scatter, line], { title: "t", x: { scale: "log" } });
    const b = makeFigure([band, scatter, line], { title: "t", x: { scale: "log" } });
    expect(a.toSVG()).toBe(b.toSVG());
    expect(JSON.stringify(a.toPlotly())).toBe(JSON.stringify(b.toPlotly()));
  });
});

describe("static SVG", () => {
  it("parses as XML and draws one circle per finite point, one line path, one band path", () => {
    const els = parseXml(makeFigure([band, scatter, line], { x: { scale: "log" } }).toSVG());
    expect(els[0].name).toBe("svg");
    expect(elements(els, "circle", "point")).toHaveLength(4); // the NaN point is skipped
    expect(elements(els, "path", "line")).toHaveLength(1);
    expect(elements(els, "path", "band")).toHaveLength(1);
  });

  it("a NaN breaks a line into two subpaths", () => {
    const els = parseXml(makeFigure([line], { x: { scale: "log" } }).toSVG());
    expect(elements(els, "path", "line")[0].attrs.d.match(/M/g)).toHaveLength(2);
  });

  it("log tick labels read 10^k for a known range, with 8 minor ticks per decade", () => {
    const els = parseXml(makeFigure([scatter], { x: { scale: "log", range: [1e8, 1e11] } }).toSVG());
    const ticks = elements(els, "text", "tick-label").map((e) => labelText(els, e));
    expect(ticks.slice(0, 4)).toEqual(["10^8", "10^9", "10^10", "10^11"]);
    // x has 24 minor ticks (3 decades × 2..9); the linear y axis has none.
    expect(elements(els, "line", "minor-tick")).toHaveLength(24);
  });

  it("points outside a log axis's domain (≤ 0) are not drawn", () => {
    const els = parseXml(makeFigure([{ type: "scatter", x: [-1, 0, 1, 10], y: [1, 2, 3, 4] }], { x: { scale: "log" } }).toSVG());
    expect(elements(els, "circle", "point")).toHaveLength(2);
  });

  it("the legend has one entry per named trace, the title and axis titles are drawn", () => {
    const els = parseXml(makeFigure([band, scatter, line, { type: "scatter", x: [1e9], y: [2.5] }], { title: "Loss vs N", x: { title: "N", scale: "log" }, y: { title: "loss" } }).toSVG());
    const legend = els.find((e) => e.attrs.class === "legend")!;
    expect(els.filter((e) => e.parent === legend && e.name === "text").map((e) => e.text)).toEqual(["95% CI", "runs", "fit"]);
    expect(elements(els, "text", "title")[0].text).toBe("Loss vs N");
    expect(elements(els, "text", "axis-title").map((e) => e.text)).toEqual(["N", "loss"]);
  });

  it("a heatmap draws one cell per finite value and its values, with a colour bar", () => {
    const z = [[1, 2, 3, 4, 5], [2, 3, NaN, 5, 6], [3, 4, 5, 6, 7], [4, 5, 6, 7, 8]];
    const els = parseXml(makeFigure([{ type: "heatmap", x: [1, 2, 4, 8, 16], y: [64, 128, 256, 512], z, showValues: true, zTitle: "loss" }], { x: { scale: "log" }, y: { scale: "log" } }).toSVG());
    expect(elements(els, "rect", "cell")).toHaveLength(19);
    expect(elements(els, "text", "cell-value").map((e) => e.text)).toContain("8");
    expect(withClass(els, "colorbar")).toHaveLength(1);
    expect(elements(els, "text", "colorbar-title")[0].text).toBe("loss");
  });

  it("a heatmap's cells span the same edges in plotly (explicit n + 1 edges) and in the SVG", () => {
    const fig = makeFigure([{ type: "heatmap", x: [1, 10, 100], y: [1, 2], z: [[1, 2, 3], [4, 5, 6]] }], { x: { scale: "log" } });
    const x = (fig.toPlotly().data[0].x as number[]).map((v) => Math.log10(v));
    // Geometric midpoints on the log axis: 10^-0.5, 10^0.5, 10^1.5, 10^2.5.
    // The spec carries 6 significant digits (10^0.5 → 3.16228, 3e-7 off in log10).
    expect(x.map((v) => +v.toFixed(5))).toEqual([-0.5, 0.5, 1.5, 2.5]);
    expect((fig.toPlotly().data[0].y as number[])).toEqual([0.5, 1.5, 2.5]);
  });

  it("contours draw one path per level that crosses the grid, coloured along the colour bar", () => {
    const xs = [0, 1, 2, 3, 4];
    const z = xs.map((r) => xs.map((c) => c + r)); // 0..8
    const fig = makeFigure([{ type: "contour", x: xs, y: xs, z, levels: { start: 1, end: 9, step: 2 } }]);
    const els = parseXml(fig.toSVG());
    // Levels 1, 3, 5, 7 cross the 0..8 grid; 9 does not.
    expect(elements(els, "path", "contour").map((e) => e.attrs["data-level"])).toEqual(["1", "3", "5", "7"]);
    expect(elements(els, "text", "contour-label")).toHaveLength(4);
    const spec = fig.toPlotly().data[0];
    expect(spec.contours).toMatchObject({ start: 1, end: 9, size: 2, coloring: "lines" });
  });

  it("markers coloured by a log value get a colour bar labelled in decades", () => {
    const fig = makeFigure([{ type: "scatter", x: [1, 2, 3], y: [1, 2, 3], colorBy: { values: [1e18, 1e20, 1e22], log: true, title: "C" } }]);
    const els = parseXml(fig.toSVG());
    const cb = els.find((e) => e.attrs.class === "colorbar")!;
    const labels = els.filter((e) => e.parent === cb && e.attrs.class === "tick-label").map((e) => labelText(els, e));
    expect(labels).toEqual(["10^18", "10^19", "10^20", "10^21", "10^22"]);
    const fills = elements(els, "circle", "point").map((e) => e.attrs.fill);
    expect(fills).toEqual(["#440154", "#21918c", "#fde725"]); // viridis at 0, 0.5, 1
    const marker = fig.toPlotly().data[0].marker as Record<string, unknown>;
    expect(marker.color).toEqual([18, 20, 22]);
  });

  it("text is escaped in the SVG", () => {
    const svg = makeFigure([{ ...scatter, name: "a<b & c" }], { title: "x < y" }).toSVG();
    expect(() => parseXml(svg)).not.toThrow();
    expect(svg).toContain("a&lt;b &amp; c");
  });
});

describe("makeFigure input checks", () => {
  it("rejects x and y of different lengths, naming the trace", () => {
    expect(() => makeFigure([{ type: "scatter", x: [1, 2, 3], y: [1, 2], name: "a" }])).toThrow(InvalidInputError);
    expect(() => makeFigure([{ type: "scatter", x: [1, 2, 3], y: [1, 2], name: "a" }])).toThrow('makeFigure: trace 0 ("a"): x has 3 values but y has 2');
  });

  it("rejects a log axis without positive values", () => {
    expect(() => makeFigure([{ type: "scatter", x: [-1, 0], y: [1, 2] }], { x: { scale: "log" } })).toThrow(/the x \(subplot 0\) axis is log but has no positive values/);
  });

  it("rejects a heatmap whose z rows do not match x", () => {
    expect(() => makeFigure([{ type: "heatmap", x: [1, 2], y: [1], z: [[1, 2, 3]] }])).toThrow(/z row 0 has 3 values but x has 2/);
  });

  it("rejects a trace on a subplot that does not exist", () => {
    expect(() => makeFigure([{ ...scatter, subplot: 2 }])).toThrow(/subplot 2 does not exist/);
  });
});
