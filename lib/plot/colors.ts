/**
 * Colours shared by the plotly spec and the SVG renderer, so both draw the same figure:
 * the D3/plotly category palette for series and continuous scales as plotly-style stop lists.
 */

/** Series colours in order (the D3 category10 palette, plotly's default colorway). */
export const SERIES_COLORS = [
  "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
] as const;

/** Names of the continuous colour scales. */
export type ColorScaleName = "viridis" | "blue-red";

/** Stops [position in 0..1, hex colour] of each continuous scale. */
export const COLOR_SCALES: Readonly<Record<ColorScaleName, readonly (readonly [number, string])[]>> = {
  // matplotlib's viridis sampled at 17 stops (perceptually uniform, colour-blind safe).
  viridis: [
    [0, "#440154"], [0.0625, "#48186a"], [0.125, "#472d7b"], [0.1875, "#424086"], [0.25, "#3b528b"],
    [0.3125, "#33638d"], [0.375, "#2c728e"], [0.4375, "#26828e"], [0.5, "#21918c"], [0.5625, "#1fa088"],
    [0.625, "#28ae80"], [0.6875, "#3fbc73"], [0.75, "#5ec962"], [0.8125, "#84d44b"], [0.875, "#addc30"],
    [0.9375, "#d8e219"], [1, "#fde725"],
  ],
  // ColorBrewer RdBu reversed (blue = low, red = high): for signed quantities such as residuals.
  "blue-red": [
    [0, "#2166ac"], [0.125, "#4393c3"], [0.25, "#92c5de"], [0.375, "#d1e5f0"], [0.5, "#f7f7f7"],
    [0.625, "#fddbc7"], [0.75, "#f4a582"], [0.875, "#d6604d"], [1, "#b2182b"],
  ],
};

function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function rgbToHex([r, g, b]: [number, number, number]): string {
  return "#" + [r, g, b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");
}

/** The colour at position t ∈ [0, 1] of a scale (linear interpolation in RGB, as plotly does). */
export function colorAt(scale: ColorScaleName, t: number): string {
  const stops = COLOR_SCALES[scale];
  const u = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  for (let i = 1; i < stops.length; i++) {
    const [p1, c1] = stops[i];
    if (u <= p1) {
      const [p0, c0] = stops[i - 1];
      const w = p1 > p0 ? (u - p0) / (p1 - p0) : 0;
      const a = hexToRgb(c0);
      const b = hexToRgb(c1);
      return rgbToHex([a[0] + w * (b[0] - a[0]), a[1] + w * (b[1] - a[1]), a[2] + w * (b[2] - a[2])]);
    }
  }
  return stops[stops.length - 1][1];
}

/** `#rrggbb` with an opacity as `rgba(r,g,b,a)`. */
export function withOpacity(hex: string, opacity: number): string {
  if (!/^#[0-9a-fA-F]{6}$/.test(hex)) return hex;
  const [r, g, b] = hexToRgb(hex);
  return `rgba(${r},${g},${b},${opacity})`;
}

/** The series colour for index i (cycles through {@link SERIES_COLORS}). */
export function seriesColor(i: number): string {
  return SERIES_COLORS[((i % SERIES_COLORS.length) + SERIES_COLORS.length) % SERIES_COLORS.length];
}
