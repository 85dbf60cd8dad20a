/**
 * The `plot` namespace: figures that render as interactive plotly in JupyterLab/Notebook 7, offline HTML in
 * exports, a static SVG and text. Every builder returns a displayable `PlotFigure`.
 */
// builders
export { plotLines as lines, plotScatter as scatter, type PlotSeries } from "./basic-plots";
export {
  plotLogLogFit as logLogFit, plotResiduals as residuals,
  type LogLogFitInput, type LogLogFitOptions, type ResidualPlotOptions, type CurveInput, type BandInput,
} from "./fit-plots";
export { plotIsoFlop as isoflop, type IsoFlopPlotOptions } from "./isoflop-plot";
export { plotIsoLoss as isoloss, type IsoLossPlotOptions } from "./isoloss-plot";
export { plotHeatmap as heatmap, type HeatmapGrid, type HeatmapRows, type HeatmapOptions } from "./heatmap-plot";
export { plotBootstrapPairs as bootstrapPairs, type BootstrapPairsInput, type BootstrapPairsOptions } from "./pairs-plot";
export { plotSchedule as schedule, type SchedulePlotOptions } from "./schedule-plot";
export type { PlotOptions } from "./options";
// a figure from traces, for anything the builders do not cover
export { makeFigure as figure, PlotFigure } from "./plot-figure";
// a figure that redraws in place (loops, widget callbacks, interact)
export { live, LiveFigure } from "./live";
// a figure with plotly's own slider over a parameter grid (works without a kernel: exports, GitHub shows frame 1)
export { sweep, SweepFigure, type SweepOptions } from "./sweep";
export type {
  AxisScale, AxisOptions, Subplot, MarkerSymbol, LineDash, ColorBy, ScatterTrace, BandTrace, BarTrace, HeatmapTrace,
  ContourTrace, FigureTrace, FigureLayout,
} from "./figure";
export { FIGURE_DEFAULTS as defaults } from "./figure";
export { SERIES_COLORS as colors, COLOR_SCALES as colorScales, type ColorScaleName } from "./colors";
// how figure HTML carries plotly.js (offline)
export { setPlotlyInlining as inlinePlotly, type PlotlyInlineMode, type PlotlySpec } from "./plotly";
