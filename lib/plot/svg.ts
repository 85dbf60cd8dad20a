/**
 * Static SVG rendering of a resolved figure, drawn to look like its plotly counterpart (same ranges, margins,
 * colours, legend and colour bar placement): grid, boxed axes with outside ticks, log decades labelled 10^k with
 * minor ticks, markers, lines, bands, bars, heatmap cells, contour lines, title, legend and colour bar.
 * Output is deterministic (coordinates rounded to 0.01 px; ids derived from the content), so it snapshot-tests.
 * Marks carry classes for tests and styling: point, line, band, bar, cell, contour.
 */
import * as crypto from "node:crypto";
import { COLOR_SCALES, colorAt, type ColorScaleName } from "./colors";
import { contourPolylines } from "./contour";
import {
  FIGURE_DEFAULTS,
  cellEdges,
  contourLevels,
  finiteRuns,
  labelWidthPx,
  type FigureTrace,
  type LegendItem,
  type MarkerSymbol,
  type ResolvedFigure,
  type ResolvedSubplot,
} from "./figure";
import type { TickLabel } from "./ticks";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Rounds a coordinate to 0.01 px (stable snapshots, small files). */
function n(v: number): string {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? "0" : String(r);
}

const DASHARRAY = { solid: "", dash: "9,9", dot: "3,3" } as const;

/**
 * Above this many points a plain circle trace is one path of round dots (no white outline): a 10,000-point
 * bootstrap cloud is ~150 kB instead of ~1.2 MB of circle elements, and looks the same at that density.
 */
const DENSE_MARKERS = 300;

/** A polyline's path, without points less than a quarter pixel from the last one drawn (invisible, and a 20,000-point curve shrinks to its pixels). */
function linePath(pts: readonly (readonly [number, number])[]): string {
  let d = "";
  let last: readonly [number, number] | undefined;
  pts.forEach((p, j) => {
    const end = j === pts.length - 1;
    if (last && !end && Math.abs(p[0] - last[0]) < 0.25 && Math.abs(p[1] - last[1]) < 0.25) return;
    d += `${last ? "L" : "M"}${n(p[0])},${n(p[1])}`;
    last = p;
  });
  return d;
}

function labelSvg(l: TickLabel, x: number, y: number, anchor: "start" | "middle" | "end", extra = ""): string {
  const sup = l.sup ? `<tspan dy="-0.5em" font-size="${n(FIGURE_DEFAULTS.fontSize * 0.72)}">${esc(l.sup)}</tspan>` : "";
  return `<text x="${n(x)}" y="${n(y)}" text-anchor="${anchor}"${extra}>${esc(l.text)}${sup}</text>`;
}

function markerSvg(symbol: MarkerSymbol, x: number, y: number, size: number, fill: string, cls: string, opacity: number): string {
  const r = size / 2;
  const style = ` fill="${fill}"${opacity < 1 ? ` fill-opacity="${opacity}"` : ""} stroke="#ffffff" stroke-width="0.5"`;
  if (symbol === "diamond") {
    const d = r * 1.3;
    return `<path class="${cls}" d="M${n(x)},${n(y - d)}L${n(x + d)},${n(y)}L${n(x)},${n(y + d)}L${n(x - d)},${n(y)}Z"${style}/>`;
  }
  if (symbol === "circle-open") return `<circle class="${cls}" cx="${n(x)}" cy="${n(y)}" r="${n(r)}" fill="none" stroke="${fill}" stroke-width="2"/>`;
  if (symbol === "square") return `<rect class="${cls}" x="${n(x - r)}" y="${n(y - r)}" width="${n(2 * r)}" height="${n(2 * r)}"${style}/>`;
  return `<circle class="${cls}" cx="${n(x)}" cy="${n(y)}" r="${n(r)}"${style}/>`;
}

/** Colour position of value v on a [min, max] range (log10 first when `log`). */
function unit(v: number, min: number, max: number, log: boolean): number {
  const t = log ? Math.log10(v) : v;
  return max > min ? (t - min) / (max - min) : 0.5;
}

/** Text colour that reads on a cell of colour `hex` (WCAG relative luminance). */
function contrastText(hex: string): string {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2] > 0.35 ? "#222222" : "#ffffff";
}

function rangeOf(values: number[]): [number, number] {
  const f = values.filter(Number.isFinite);
  return f.length ? [Math.min(...f), Math.max(...f)] : [0, 1];
}

function drawTrace(tr: FigureTrace, i: number, sp: ResolvedSubplot, fig: ResolvedFigure): string[] {
  const { x: xa, y: ya } = sp;
  const ok = (x: number, y: number) => Number.isFinite(xa.map(x)) && Number.isFinite(ya.map(y));
  const out: string[] = [];
  switch (tr.type) {
    case "scatter": {
      const mode = tr.mode ?? "markers";
      const color = tr.color ?? "#444444";
      if (mode !== "markers") {
        const d = finiteRuns(tr.x, tr.y, ok).map((run) => linePath(run.map((k) => [xa.map(tr.x[k]), ya.map(tr.y[k])]))).join("");
        const dash = DASHARRAY[tr.dash ?? "solid"];
        if (d) out.push(`<path class="line" d="${d}" fill="none" stroke="${color}" stroke-width="${tr.width ?? FIGURE_DEFAULTS.lineWidth}" stroke-linejoin="round"${dash ? ` stroke-dasharray="${dash}"` : ""}/>`);
      }
      if (mode !== "lines") {
        const cb = tr.colorBy;
        const [lo, hi] = fig.colorBar?.traceIndex === i
          ? [fig.colorBar.min, fig.colorBar.max]
          : cb ? rangeOf(cb.values.map((v) => (cb.log ? Math.log10(v) : v))) : [0, 1];
        const dense = !cb && (tr.symbol ?? "circle") === "circle" && tr.x.length > DENSE_MARKERS;
        if (dense) {
          const pts = tr.x.map((x, k) => (ok(x, tr.y[k]) ? `M${n(xa.map(x))},${n(ya.map(tr.y[k]))}h0` : "")).join("");
          const size = tr.size ?? FIGURE_DEFAULTS.markerSize;
          out.push(`<path class="points" d="${pts}" fill="none" stroke="${color}" stroke-width="${n(size)}" stroke-linecap="round"${(tr.opacity ?? 1) < 1 ? ` stroke-opacity="${tr.opacity}"` : ""}/>`);
        }
        if (!dense) tr.x.forEach((x, k) => {
          if (!ok(x, tr.y[k])) return;
          if (cb && !(Number.isFinite(cb.values[k]) && (!cb.log || cb.values[k] > 0))) return;
          const fill = cb ? colorAt(cb.scale ?? "viridis", unit(cb.values[k], lo, hi, !!cb.log)) : color;
          out.push(markerSvg(tr.symbol ?? "circle", xa.map(x), ya.map(tr.y[k]), tr.size ?? FIGURE_DEFAULTS.markerSize, fill, "point", tr.opacity ?? 1));
        });
      }
      break;
    }
    case "band": {
      const okBand = (k: number) => ok(tr.x[k], tr.lower[k]) && ok(tr.x[k], tr.upper[k]);
      const runs = finiteRuns(tr.x, tr.x.map((_, k) => k), (_, k) => okBand(k));
      for (const run of runs) {
        const upper = run.map((k, j) => `${j ? "L" : "M"}${n(xa.map(tr.x[k]))},${n(ya.map(tr.upper[k]))}`).join("");
        const lower = [...run].reverse().map((k) => `L${n(xa.map(tr.x[k]))},${n(ya.map(tr.lower[k]))}`).join("");
        out.push(`<path class="band" d="${upper}${lower}Z" fill="${tr.color ?? "#444444"}" fill-opacity="${tr.opacity ?? FIGURE_DEFAULTS.bandOpacity}" stroke="none"/>`);
      }
      break;
    }
    case "bar": {
      tr.x.forEach((x, k) => {
        const w = typeof tr.width === "number" ? tr.width : tr.width[k];
        const y = tr.y[k];
        if (!(Number.isFinite(x) && Number.isFinite(y) && Number.isFinite(w))) return;
        const x0 = xa.map(x - w / 2), x1 = xa.map(x + w / 2);
        const base = ya.scale === "log" ? ya.range[0] : 0;
        const y0 = ya.map(base), y1 = ya.map(y);
        if (![x0, x1, y0, y1].every(Number.isFinite)) return;
        out.push(`<rect class="bar" x="${n(Math.min(x0, x1))}" y="${n(Math.min(y0, y1))}" width="${n(Math.abs(x1 - x0))}" height="${n(Math.abs(y1 - y0))}" fill="${tr.color ?? "#444444"}" fill-opacity="${tr.opacity ?? 0.8}"/>`);
      });
      break;
    }
    case "heatmap": {
      const log = !!tr.logZ;
      const own = tr.zRange ? [...tr.zRange].map((v) => (log ? Math.log10(v) : v)) : tr.z.flat().filter((v) => !log || v > 0).map((v) => (log ? Math.log10(v) : v));
      const [lo, hi] = fig.colorBar?.traceIndex === i ? [fig.colorBar.min, fig.colorBar.max] : rangeOf(own);
      const xe = cellEdges(tr.x, xa.scale).map((v) => xa.map(v));
      const ye = cellEdges(tr.y, ya.scale).map((v) => ya.map(v));
      const scale = tr.colorScale ?? "viridis";
      tr.z.forEach((row, r) => row.forEach((v, c) => {
        if (!Number.isFinite(v) || (log && v <= 0)) return;
        const [x0, x1, y0, y1] = [xe[c], xe[c + 1], ye[r], ye[r + 1]];
        if (![x0, x1, y0, y1].every(Number.isFinite)) return;
        const fill = colorAt(scale, unit(v, lo, hi, log));
        // Cells overlap by a hair so anti-aliasing leaves no seams.
        out.push(`<rect class="cell" x="${n(Math.min(x0, x1))}" y="${n(Math.min(y0, y1))}" width="${n(Math.abs(x1 - x0) + 0.3)}" height="${n(Math.abs(y1 - y0) + 0.3)}" fill="${fill}"/>`);
        if (tr.showValues) {
          const label = String(parseFloat(v.toPrecision(tr.valueDigits ?? 4)));
          out.push(`<text class="cell-value" x="${n((x0 + x1) / 2)}" y="${n((y0 + y1) / 2 + 4)}" text-anchor="middle" font-size="11" fill="${contrastText(fill)}">${esc(label)}</text>`);
        }
      }));
      break;
    }
    case "contour": {
      const levels = contourLevels(tr);
      const [lo, hi] = fig.colorBar?.traceIndex === i ? [fig.colorBar.min, fig.colorBar.max] : rangeOf(levels);
      const px = tr.x.map((v) => xa.map(v));
      const py = tr.y.map((v) => ya.map(v));
      const at = (coords: number[], f: number) => {
        const k = Math.min(Math.floor(f), coords.length - 2);
        return coords[k] + (f - k) * (coords[k + 1] - coords[k]);
      };
      for (const level of levels) {
        const lines = contourPolylines(tr.z, level).map((pl) => pl.map(([c, r]) => [at(px, c), at(py, r)] as [number, number]));
        if (!lines.length) continue;
        const color = colorAt(tr.colorScale ?? "viridis", unit(level, lo, hi, false));
        const d = lines.map((pl) => pl.map(([x, y], j) => `${j ? "L" : "M"}${n(x)},${n(y)}`).join("")).join("");
        out.push(`<path class="contour" data-level="${level}" d="${d}" fill="none" stroke="${color}" stroke-width="${tr.width ?? 1.5}"/>`);
        if (tr.showLabels ?? true) {
          // Label the longest piece at its middle point, on a white halo.
          const longest = lines.reduce((a, b) => (b.length > a.length ? b : a));
          const [x, y] = longest[Math.floor(longest.length / 2)];
          out.push(`<text class="contour-label" x="${n(x)}" y="${n(y + 4)}" text-anchor="middle" font-size="10" fill="${color}" stroke="#ffffff" stroke-width="3" paint-order="stroke">${esc(String(level))}</text>`);
        }
      }
      break;
    }
  }
  return out;
}

function drawAxes(sp: ResolvedSubplot): { grid: string[]; frame: string[] } {
  const { x: xa, y: ya } = sp;
  const [l, r] = xa.pixels;
  const [b, t] = ya.pixels;
  const grid: string[] = [];
  const frame: string[] = [];
  const fs = FIGURE_DEFAULTS.fontSize;
  for (const tk of xa.ticks.major) {
    const x = xa.map(tk.value);
    grid.push(`<line class="grid" x1="${n(x)}" y1="${n(t)}" x2="${n(x)}" y2="${n(b)}"/>`);
    frame.push(`<line class="tick" x1="${n(x)}" y1="${n(b)}" x2="${n(x)}" y2="${n(b + 5)}"/>`);
    if (xa.showTickLabels) frame.push(labelSvg(tk.label, x, b + 7 + fs, "middle", ' class="tick-label"'));
  }
  for (const v of xa.ticks.minor) {
    const x = xa.map(v);
    frame.push(`<line class="minor-tick" x1="${n(x)}" y1="${n(b)}" x2="${n(x)}" y2="${n(b + 3)}"/>`);
  }
  let yLabelW = 0;
  for (const tk of ya.ticks.major) {
    const y = ya.map(tk.value);
    grid.push(`<line class="grid" x1="${n(l)}" y1="${n(y)}" x2="${n(r)}" y2="${n(y)}"/>`);
    frame.push(`<line class="tick" x1="${n(l - 5)}" y1="${n(y)}" x2="${n(l)}" y2="${n(y)}"/>`);
    if (ya.showTickLabels) {
      frame.push(labelSvg(tk.label, l - 7, y + fs * 0.35, "end", ' class="tick-label"'));
      yLabelW = Math.max(yLabelW, labelWidthPx(tk.label));
    }
  }
  for (const v of ya.ticks.minor) {
    const y = ya.map(v);
    frame.push(`<line class="minor-tick" x1="${n(l - 3)}" y1="${n(y)}" x2="${n(l)}" y2="${n(y)}"/>`);
  }
  frame.push(`<rect class="frame" x="${n(l)}" y="${n(t)}" width="${n(r - l)}" height="${n(b - t)}" fill="none" stroke="${FIGURE_DEFAULTS.lineColor}" stroke-width="1"/>`);
  if (xa.title) frame.push(`<text class="axis-title" x="${n((l + r) / 2)}" y="${n(b + 7 + fs + 22)}" text-anchor="middle" font-size="${fs + 1}">${esc(xa.title)}</text>`);
  if (ya.title) {
    const x = l - 12 - yLabelW - 10;
    frame.push(`<text class="axis-title" x="${n(x)}" y="${n((t + b) / 2)}" text-anchor="middle" font-size="${fs + 1}" transform="rotate(-90 ${n(x)} ${n((t + b) / 2)})">${esc(ya.title)}</text>`);
  }
  return { grid, frame };
}

function legendSvg(items: LegendItem[], left: number, top: number): string[] {
  const out: string[] = ['<g class="legend">'];
  items.forEach((it, k) => {
    const y = top + 10 + k * 20;
    const mid = left + 15;
    if (it.kind === "band" || it.kind === "bar") {
      out.push(`<rect class="legend-mark" x="${n(left + 3)}" y="${n(y - 6)}" width="24" height="12" fill="${it.color}" fill-opacity="${it.kind === "band" ? 0.35 : 0.8}"/>`);
    }
    if (it.kind === "line" || it.kind === "line+marker") {
      const dash = DASHARRAY[it.dash];
      out.push(`<line class="legend-mark" x1="${n(left)}" y1="${n(y)}" x2="${n(left + 30)}" y2="${n(y)}" stroke="${it.color}" stroke-width="2"${dash ? ` stroke-dasharray="${dash === "9,9" ? "6,4" : dash}"` : ""}/>`);
    }
    if (it.kind === "marker" || it.kind === "line+marker") out.push(markerSvg(it.symbol, mid, y, FIGURE_DEFAULTS.markerSize, it.color, "legend-mark", 1));
    out.push(`<text x="${n(left + 36)}" y="${n(y + 4)}">${esc(it.name)}</text>`);
  });
  out.push("</g>");
  return out;
}

function colorBarSvg(fig: ResolvedFigure, id: string): string[] {
  const cb = fig.colorBar!;
  const top = fig.margin.t;
  const bottom = fig.height - fig.margin.b;
  const left = fig.colorBarLeft;
  const w = FIGURE_DEFAULTS.colorBarWidth;
  const stops = COLOR_SCALES[cb.scale as ColorScaleName].map(([p, c]) => `<stop offset="${p}" stop-color="${c}"/>`).join("");
  const out = [
    '<g class="colorbar">',
    `<defs><linearGradient id="${id}-cb" x1="0" y1="1" x2="0" y2="0">${stops}</linearGradient></defs>`,
    `<rect x="${n(left)}" y="${n(top)}" width="${w}" height="${n(bottom - top)}" fill="url(#${id}-cb)"/>`,
  ];
  let labelW = 0;
  for (const tk of cb.ticks.major) {
    const tv = cb.log ? Math.log10(tk.value) : tk.value;
    const y = bottom - ((tv - cb.min) / (cb.max - cb.min)) * (bottom - top);
    out.push(`<line class="tick" x1="${n(left + w)}" y1="${n(y)}" x2="${n(left + w + 4)}" y2="${n(y)}"/>`);
    out.push(labelSvg(tk.label, left + w + 6, y + 4, "start", ' class="tick-label"'));
    labelW = Math.max(labelW, labelWidthPx(tk.label));
  }
  if (cb.title) {
    const x = left + w + 12 + labelW + 4;
    const y = (top + bottom) / 2;
    out.push(`<text class="colorbar-title" x="${n(x)}" y="${n(y)}" text-anchor="middle" transform="rotate(90 ${n(x)} ${n(y)})">${esc(cb.title)}</text>`);
  }
  out.push("</g>");
  return out;
}

/** Renders a resolved figure as a standalone SVG document (UTF-8 text, no XML declaration). */
export function renderFigureSvg(fig: ResolvedFigure): string {
  const id = "sl" + crypto.createHash("sha256").update(JSON.stringify({ t: fig.traces, s: fig.subplots.map((s) => [s.x.range, s.y.range, s.x.pixels, s.y.pixels]), title: fig.title })).digest("hex").slice(0, 10);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="scalinglab-figure" width="${fig.width}" height="${fig.height}" viewBox="0 0 ${fig.width} ${fig.height}" font-family="${esc(FIGURE_DEFAULTS.font)}" font-size="${FIGURE_DEFAULTS.fontSize}" fill="${FIGURE_DEFAULTS.textColor}">`,
    `<rect width="${fig.width}" height="${fig.height}" fill="#ffffff"/>`,
    "<defs>" + fig.subplots.map((sp, k) =>
      `<clipPath id="${id}-clip${k}"><rect x="${n(sp.x.pixels[0])}" y="${n(sp.y.pixels[1])}" width="${n(sp.x.pixels[1] - sp.x.pixels[0])}" height="${n(sp.y.pixels[0] - sp.y.pixels[1])}"/></clipPath>`).join("") + "</defs>",
  ];
  const axes = fig.subplots.map(drawAxes);
  out.push(`<g class="grid" stroke="${FIGURE_DEFAULTS.gridColor}" stroke-width="1">`, ...axes.flatMap((a) => a.grid), "</g>");
  // Heatmaps and contours lie below the other traces, as in plotly.
  const layers = [
    fig.traces.map((tr, i) => [tr, i] as const).filter(([tr]) => tr.type === "heatmap" || tr.type === "contour"),
    fig.traces.map((tr, i) => [tr, i] as const).filter(([tr]) => tr.type !== "heatmap" && tr.type !== "contour"),
  ];
  for (const layer of layers) {
    for (const [tr, i] of layer) {
      const k = tr.subplot ?? 0;
      out.push(`<g class="trace trace-${tr.type}" clip-path="url(#${id}-clip${k})">`, ...drawTrace(tr, i, fig.subplots[k], fig), "</g>");
    }
  }
  out.push(`<g class="axes" stroke-width="1">`, ...axes.flatMap((a) => a.frame).map((s) => (s.startsWith("<line") ? s.replace("/>", ` stroke="${FIGURE_DEFAULTS.lineColor}"/>`) : s)), "</g>");
  if (fig.title) {
    const cx = (fig.margin.l + fig.width - fig.margin.r) / 2;
    out.push(`<text class="title" x="${n(cx)}" y="${n(fig.margin.t / 2 + 6)}" text-anchor="middle" font-size="${FIGURE_DEFAULTS.titleSize}">${esc(fig.title)}</text>`);
  }
  if (fig.colorBar) out.push(...colorBarSvg(fig, id));
  if (fig.legend.length) out.push(...legendSvg(fig.legend, fig.legendLeft, fig.margin.t));
  out.push("</svg>");
  return out.join("\n");
}

