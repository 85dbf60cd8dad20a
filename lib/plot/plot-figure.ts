/**
 * PlotFigure: a figure that displays itself as one bundle —
 * application/vnd.plotly.v1+json (drawn by the plotly renderer of JupyterLab and Notebook 7, and by
 * `scalinglab run --html` exports), image/svg+xml (static, for GitHub, nbviewer and plain nbconvert) and
 * text/plain (a short summary). No plotly.js goes into the notebook unless `plot.inlinePlotly` asks for text/html.
 */
import { JUPYTER_DISPLAY, type MimeBundle } from "../core";
import { type FigureLayout, type FigureTrace, type ResolvedFigure, resolveFigure, tracePoints } from "./figure";
import { type PlotlySpec, plotlyDrawHtml, plotlyHtml, plotlySpec } from "./plotly";
import { renderFigureSvg } from "./svg";

export class PlotFigure {
  readonly traces: readonly FigureTrace[];
  readonly layout: FigureLayout;
  /** Pixel layout shared by the plotly spec and the SVG (validated when the figure is made). */
  readonly resolved: ResolvedFigure;

  constructor(traces: readonly FigureTrace[], layout: FigureLayout = {}) {
    this.traces = traces;
    this.layout = layout;
    this.resolved = resolveFigure(traces, layout);
  }

  /** A new figure with more traces drawn on top. */
  addTraces(...traces: FigureTrace[]): PlotFigure {
    return new PlotFigure([...this.traces, ...traces], this.layout);
  }

  /** A new figure with layout fields replaced (title, size, axes, legend). */
  withLayout(layout: Partial<FigureLayout>): PlotFigure {
    return new PlotFigure(this.traces, { ...this.layout, ...layout });
  }

  /** The plotly spec `{data, layout, config}` (application/vnd.plotly.v1+json). */
  toPlotly(): PlotlySpec {
    return plotlySpec(this.resolved);
  }

  /** The static SVG document. */
  toSVG(): string {
    return renderFigureSvg(this.resolved);
  }

  /** HTML: a div and a script drawing the figure with the page's plotly.js (see `plot.inlinePlotly`). */
  toHTML(): string {
    return plotlyDrawHtml(this.toPlotly());
  }

  /** A short text description: title, axes, traces and their point counts. */
  toText(): string {
    const f = this.resolved;
    const lines = [`Figure${f.title ? `: ${f.title}` : ""} (${f.width}×${f.height} px${f.subplots.length > 1 ? `, ${f.subplots.length} panels` : ""})`];
    const sp = f.subplots[0];
    const axis = (name: string, a: typeof sp.x) => `${name}: ${a.title ?? "(untitled)"}${a.scale === "log" ? " [log]" : ""}`;
    lines.push(`  ${axis("x", sp.x)}; ${axis("y", sp.y)}`);
    for (const tr of f.traces) {
      const what = tr.type === "scatter" ? tr.mode ?? "markers" : tr.type;
      const count = tr.type === "heatmap" || tr.type === "contour" ? `${tr.y.length}×${tr.x.length} grid` : `${tracePoints(tr)} points`;
      lines.push(`  - ${tr.name ?? "(unnamed)"}: ${what}, ${count}`);
    }
    return lines.join("\n");
  }

  [JUPYTER_DISPLAY](): MimeBundle {
    return figureBundle(this.toPlotly(), this.toSVG(), this.toText());
  }
}

/** The mime bundle of a figure (also of a sweep): plotly JSON, static SVG, text, and text/html only when asked for. */
export function figureBundle(spec: PlotlySpec, svg: string, text: string): MimeBundle {
  const html = plotlyHtml(spec);
  return {
    "application/vnd.plotly.v1+json": spec,
    ...(html === undefined ? {} : { "text/html": html }),
    "image/svg+xml": svg,
    "text/plain": text,
  };
}

/**
 * Makes a figure from traces and a layout (the building block of every plot builder).
 * @param traces - scatter, band, bar, heatmap and contour traces
 * @param layout - title, size, axes (x, y or subplots), legend
 * @returns a displayable {@link PlotFigure}
 * @throws InvalidInputError for mismatched lengths, unknown subplots, or log axes without positive values
 * @example
 * makeFigure([{ type: "scatter", x: [1, 2], y: [3, 4] }]).toText().split("\n").length // => 3
 */
export function makeFigure(traces: readonly FigureTrace[], layout: FigureLayout = {}): PlotFigure {
  return new PlotFigure(traces, layout);
}
