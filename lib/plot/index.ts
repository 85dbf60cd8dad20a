// figure model: traces, axes, layout (types) and the displayable figure
export type {
  AxisScale, AxisOptions, Subplot, MarkerSymbol, LineDash, ColorBy, ScatterTrace, BandTrace, BarTrace, HeatmapTrace,
  ContourTrace, FigureTrace, FigureLayout,
} from "./figure";
export { FIGURE_DEFAULTS } from "./figure";
export { SERIES_COLORS, COLOR_SCALES, type ColorScaleName } from "./colors";
export { PlotFigure, makeFigure } from "./plot-figure";
// how figure HTML carries plotly.js (offline)
export { setPlotlyInlining, type PlotlyInlineMode, type PlotlySpec } from "./plotly";
// builders
export { plotLines, plotScatter, type PlotSeries } from "./basic-plots";
export { plotLogLogFit, plotResiduals, type LogLogFitInput, type LogLogFitOptions, type ResidualPlotOptions, type CurveInput, type BandInput } from "./fit-plots";
export { plotIsoFlop, type IsoFlopPlotOptions } from "./isoflop-plot";
export { plotIsoLoss, type IsoLossPlotOptions } from "./isoloss-plot";
export { plotHeatmap, type HeatmapGrid, type HeatmapRows, type HeatmapOptions } from "./heatmap-plot";
export { plotBootstrapPairs, type BootstrapPairsInput, type BootstrapPairsOptions } from "./pairs-plot";
export { plotSchedule, type SchedulePlotOptions } from "./schedule-plot";
export type { PlotOptions } from "./options";
