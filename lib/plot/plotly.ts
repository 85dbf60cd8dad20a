/**
 * The plotly side of a figure: the `application/vnd.plotly.v1+json` spec ({data, layout, config, frames}) built
 * from the resolved figure (same ranges, margins, colours as the SVG), and the HTML that draws it offline with
 * plotly.js from our own dependency (node_modules/plotly.js-dist-min, no CDN).
 *
 * Notebooks carry no plotly.js: a figure's output is the plotly JSON, the static SVG and text. The HTML export
 * (kernel/runner/html.ts) inlines plotly.js once per file and draws every figure from its JSON.
 */
import * as fs from "node:fs";
import * as crypto from "node:crypto";
import { COLOR_SCALES, withOpacity } from "./colors";
import { FIGURE_DEFAULTS, contourLevels, cellEdges, type ResolvedAxis, type ResolvedFigure, type FigureTrace, type ColorBar } from "./figure";
import type { TickLabel } from "./ticks";

export interface PlotlySpec {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
  config?: Record<string, unknown>;
  /** Animation frames (plot.sweep): each replaces the traces' data when its slider step is chosen. */
  frames?: Record<string, unknown>[];
}

const DASH = { solid: "solid", dash: "dash", dot: "dot" } as const;

function plotlyLabel(l: TickLabel): string {
  return l.sup ? `${l.text}<sup>${l.sup}</sup>` : l.text;
}

function colorscale(name: keyof typeof COLOR_SCALES): [number, string][] {
  return COLOR_SCALES[name].map(([p, c]) => [p, c]);
}

function colorbarSpec(cb: ColorBar, fig: ResolvedFigure): Record<string, unknown> {
  const plotW = fig.width - fig.margin.l - fig.margin.r;
  const spec: Record<string, unknown> = {
    x: (fig.colorBarLeft - fig.margin.l) / plotW,
    xanchor: "left",
    xref: "paper",
    y: 0.5,
    len: 1,
    thickness: FIGURE_DEFAULTS.colorBarWidth,
    outlinewidth: 0,
    ticks: "outside",
  };
  if (cb.title) spec.title = { text: cb.title, side: "right" };
  if (cb.log) {
    // The colour is log10(value); label the bar with the values themselves.
    spec.tickvals = cb.ticks.major.map((t) => Math.log10(t.value));
    spec.ticktext = cb.ticks.major.map((t) => plotlyLabel(t.label));
  }
  return spec;
}

function axisRef(k: number, axis: "x" | "y"): string {
  return k === 0 ? axis : `${axis}${k + 1}`;
}

function traceSpec(tr: FigureTrace, i: number, fig: ResolvedFigure): Record<string, unknown> {
  const k = tr.subplot ?? 0;
  const base: Record<string, unknown> = {
    name: tr.name ?? "",
    showlegend: !!tr.name && tr.showLegend !== false && fig.legend.some((l) => l.name === tr.name),
    xaxis: axisRef(k, "x"),
    yaxis: axisRef(k, "y"),
  };
  const isBar = fig.colorBar?.traceIndex === i;
  switch (tr.type) {
    case "scatter": {
      const mode = tr.mode ?? "markers";
      const out: Record<string, unknown> = { ...base, type: "scatter", mode, x: tr.x, y: tr.y };
      if (mode !== "lines") {
        const marker: Record<string, unknown> = {
          size: tr.size ?? FIGURE_DEFAULTS.markerSize,
          symbol: tr.symbol ?? "circle",
          opacity: tr.opacity ?? 1,
          line: tr.symbol === "circle-open" ? { width: 2, color: tr.color } : { width: 0.5, color: "#ffffff" },
        };
        if (tr.colorBy) {
          const log = !!tr.colorBy.log;
          marker.color = tr.colorBy.values.map((v) => (log ? (v > 0 ? Math.log10(v) : null) : v));
          marker.colorscale = colorscale(tr.colorBy.scale ?? "viridis");
          if (isBar && fig.colorBar) {
            marker.cmin = fig.colorBar.min;
            marker.cmax = fig.colorBar.max;
            marker.showscale = true;
            marker.colorbar = colorbarSpec(fig.colorBar, fig);
          } else marker.showscale = false;
        } else marker.color = tr.color;
        out.marker = marker;
      }
      if (mode !== "markers") out.line = { color: tr.color ?? "#444", width: tr.width ?? FIGURE_DEFAULTS.lineWidth, dash: DASH[tr.dash ?? "solid"] };
      if (tr.text) out.text = tr.text;
      return out;
    }
    case "band":
      // One closed polygon (upper left→right, lower right→left) filled "toself".
      return {
        ...base,
        type: "scatter",
        mode: "lines",
        x: [...tr.x, ...[...tr.x].reverse()],
        y: [...tr.upper, ...[...tr.lower].reverse()],
        fill: "toself",
        fillcolor: withOpacity(tr.color ?? "#444444", tr.opacity ?? FIGURE_DEFAULTS.bandOpacity),
        line: { width: 0, color: withOpacity(tr.color ?? "#444444", 0) },
        hoverinfo: "skip",
      };
    case "bar":
      return {
        ...base,
        type: "bar",
        x: tr.x,
        y: tr.y,
        width: tr.width,
        marker: { color: tr.color, opacity: tr.opacity ?? 0.8, line: { width: 0 } },
      };
    case "heatmap": {
      const { x: xa, y: ya } = fig.subplots[k];
      const log = !!tr.logZ;
      const out: Record<string, unknown> = {
        ...base,
        type: "heatmap",
        // Explicit cell edges (n + 1 values): plotly and the SVG then draw identical cells on log axes too.
        x: cellEdges(tr.x, xa.scale),
        y: cellEdges(tr.y, ya.scale),
        z: tr.z.map((row) => row.map((v) => (Number.isFinite(v) && (!log || v > 0) ? (log ? Math.log10(v) : v) : null))),
        colorscale: colorscale(tr.colorScale ?? "viridis"),
        showscale: isBar,
        hoverongaps: false,
        customdata: tr.z,
        hovertemplate: "x=%{x}<br>y=%{y}<br>z=%{customdata}<extra></extra>",
      };
      if (isBar && fig.colorBar) {
        out.zmin = fig.colorBar.min;
        out.zmax = fig.colorBar.max;
        out.colorbar = colorbarSpec(fig.colorBar, fig);
      }
      if (tr.showValues) {
        out.text = tr.z.map((row) => row.map((v) => (Number.isFinite(v) ? String(parseFloat(v.toPrecision(tr.valueDigits ?? 4))) : "")));
        out.texttemplate = "%{text}";
      }
      return out;
    }
    case "contour": {
      const levels = contourLevels(tr);
      const step = levels.length > 1 ? levels[1] - levels[0] : 1;
      const out: Record<string, unknown> = {
        ...base,
        type: "contour",
        x: tr.x,
        y: tr.y,
        z: tr.z,
        autocontour: false,
        contours: { start: levels[0], end: levels[levels.length - 1], size: step, coloring: "lines", showlabels: tr.showLabels ?? true },
        line: { width: tr.width ?? 1.5 },
        colorscale: colorscale(tr.colorScale ?? "viridis"),
        showscale: isBar,
      };
      if (isBar && fig.colorBar) {
        out.zmin = fig.colorBar.min;
        out.zmax = fig.colorBar.max;
        out.colorbar = colorbarSpec(fig.colorBar, fig);
      }
      return out;
    }
  }
}

function axisSpec(ax: ResolvedAxis, domain: [number, number], anchor: string): Record<string, unknown> {
  const log = ax.scale === "log";
  return {
    type: ax.scale,
    range: log ? ax.range.map(Math.log10) : ax.range,
    domain,
    anchor,
    title: ax.title ? { text: ax.title } : undefined,
    showticklabels: ax.showTickLabels,
    showgrid: true,
    gridcolor: FIGURE_DEFAULTS.gridColor,
    zeroline: false,
    showline: true,
    mirror: true,
    linecolor: FIGURE_DEFAULTS.lineColor,
    ticks: "outside",
    exponentformat: "power",
    ...(log ? { dtick: ax.range[1] / ax.range[0] >= 100 ? 1 : undefined, minor: { ticks: "outside", ticklen: 3, showgrid: false } } : {}),
  };
}

/**
 * Trace data to 6 significant digits: more than a plot or its hover label shows, and less than half the JSON of
 * full doubles in the notebook (a 20,000-point curve). The figure object keeps its exact data.
 */
function compactNumbers(v: unknown): unknown {
  if (typeof v === "number") return Number.isFinite(v) && v !== 0 ? Number(v.toPrecision(6)) : v;
  if (Array.isArray(v)) return v.map(compactNumbers);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, compactNumbers(x)]));
  return v;
}

/** The plotly figure spec of a resolved figure. */
export function plotlySpec(fig: ResolvedFigure): PlotlySpec {
  const layout: Record<string, unknown> = {
    width: fig.width,
    height: fig.height,
    margin: { ...fig.margin, pad: 0 },
    font: { family: FIGURE_DEFAULTS.font, size: FIGURE_DEFAULTS.fontSize, color: FIGURE_DEFAULTS.textColor },
    paper_bgcolor: "#ffffff",
    plot_bgcolor: "#ffffff",
    showlegend: fig.legend.length > 0,
    hovermode: "closest",
  };
  if (fig.title) layout.title = { text: fig.title, x: 0.5, xanchor: "center", xref: "paper", font: { size: FIGURE_DEFAULTS.titleSize } };
  if (fig.legend.length) {
    const plotW = fig.width - fig.margin.l - fig.margin.r;
    layout.legend = { x: (fig.legendLeft - fig.margin.l) / plotW, xanchor: "left", y: 1, yanchor: "top", bgcolor: "rgba(255,255,255,0)" };
  }
  fig.subplots.forEach((sp, k) => {
    layout[k === 0 ? "xaxis" : `xaxis${k + 1}`] = axisSpec(sp.x, sp.domain.x, axisRef(k, "y"));
    layout[k === 0 ? "yaxis" : `yaxis${k + 1}`] = axisSpec(sp.y, sp.domain.y, axisRef(k, "x"));
  });
  return {
    data: fig.traces.map((tr, i) => compactNumbers(traceSpec(tr, i, fig)) as Record<string, unknown>),
    layout: JSON.parse(JSON.stringify(layout)) as Record<string, unknown>, // drops undefined fields
    config: { displaylogo: false, responsive: false },
  };
}

let plotlySource: string | undefined;
let inlinedThisSession = false;

/** plotly.js (minified) from our own dependency, safe to put inside an HTML script element. */
export function plotlyJs(): string {
  if (plotlySource === undefined) {
    const file = require.resolve("plotly.js-dist-min/plotly.min.js");
    // A literal "</script" inside the inlined source would end the HTML script element early.
    plotlySource = fs.readFileSync(file, "utf8").replace(/<\/script/gi, "<\\/script");
  }
  return plotlySource;
}

/**
 * plotly.js as one script element, wrapped so that require.js (classic Notebook) never sees an AMD `define`
 * call: plotly then sets window.Plotly.
 */
export function plotlyScript(): string {
  return `<script type="text/javascript">if (!window.Plotly) { (function (define, module, exports) {\n${plotlyJs()}\n}).call(window, undefined, undefined, undefined); }</script>`;
}

/**
 * Whether figures carry a text/html output, and how it gets plotly.js: "off" (default: no text/html; JupyterLab
 * and Notebook 7 draw the plotly JSON, `scalinglab run --html` draws it with one inlined plotly.js, and GitHub,
 * nbviewer and plain nbconvert show the static SVG), "once" (for frontends without a plotly renderer, e.g. the
 * classic Notebook: inline plotly.js in the first figure of the process, later figures wait for window.Plotly),
 * "always" (inline it in every figure, ~4.8 MB each) or "never" (text/html that assumes window.Plotly).
 */
export type PlotlyInlineMode = "off" | "once" | "always" | "never";
let inlineMode: PlotlyInlineMode = "off";

/**
 * Sets whether and how figure output includes HTML with plotly.js (see {@link PlotlyInlineMode}) and restarts the
 * "once" bookkeeping, so the next figure inlines it again (e.g. after clearing all outputs).
 * @param mode - "off" (default), "once", "always" or "never"
 * @example
 * setPlotlyInlining("off") // => undefined
 */
export function setPlotlyInlining(mode: PlotlyInlineMode = "off"): void {
  inlineMode = mode;
  inlinedThisSession = false;
}

/** JSON that is safe inside an HTML script element. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

let figureCounter = 0;

/**
 * A sized div and a script drawing `spec` (with its animation frames, if any) with the page's window.Plotly.
 * @param spec - the plotly spec
 */
export function plotlyDrawHtml(spec: PlotlySpec): string {
  const json = scriptJson(spec);
  const hash = crypto.createHash("sha256").update(json).digest("hex").slice(0, 10);
  const id = `scalinglab-fig-${hash}-${++figureCounter}`;
  const w = (spec.layout.width as number) ?? FIGURE_DEFAULTS.width;
  const h = (spec.layout.height as number) ?? FIGURE_DEFAULTS.height;
  return `<div id="${id}" class="scalinglab-figure plotly-graph-div" style="width:${w}px;height:${h}px;"></div>
<script type="text/javascript">
(function () {
  var el = document.getElementById(${JSON.stringify(id)});
  if (!el) return;
  var spec = ${json};
  var t0 = Date.now();
  (function draw() {
    if (window.Plotly && window.Plotly.newPlot) { window.Plotly.newPlot(el, spec); return; }
    if (Date.now() - t0 < 60000) { setTimeout(draw, 50); return; }
    el.textContent = "plotly.js is not loaded on this page: re-run the notebook's first figure cell (it carries plotly.js) or call plot.inlinePlotly(\\"always\\").";
  })();
})();
</script>`;
}

/**
 * The text/html output of a figure under the current {@link PlotlyInlineMode}, or undefined in mode "off".
 * @param spec - the plotly spec
 */
export function plotlyHtml(spec: PlotlySpec): string | undefined {
  if (inlineMode === "off") return undefined;
  const inline = inlineMode === "always" || (inlineMode === "once" && !inlinedThisSession);
  if (inline) inlinedThisSession = true;
  return (inline ? plotlyScript() + "\n" : "") + plotlyDrawHtml(spec);
}
