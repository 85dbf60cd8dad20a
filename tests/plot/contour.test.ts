import { describe, expect, it } from "vitest";
import { contourPolylines } from "../../lib/plot/contour";

describe("contourPolylines (marching squares)", () => {
  it("one cell crossed once gives one segment at the linearly interpolated edge points", () => {
    // Corners 0, 1 (top row) and 1, 2 (bottom row): level 0.5 crosses the left and top edges at their midpoints.
    const lines = contourPolylines([[0, 1], [1, 2]], 0.5);
    expect(lines).toHaveLength(1);
    expect([...lines[0]].sort()).toEqual([[0, 0.5], [0.5, 0]].sort());
  });

  it("a cone gives one closed loop at the level's radius", () => {
    const z = Array.from({ length: 9 }, (_, r) => Array.from({ length: 9 }, (_, c) => Math.hypot(c - 4, r - 4)));
    const lines = contourPolylines(z, 2.5);
    expect(lines).toHaveLength(1);
    const loop = lines[0];
    expect(loop[0]).toEqual(loop[loop.length - 1]);
    // Linear interpolation of a cone is exact along grid lines and within 0.1 of the circle elsewhere here.
    for (const [c, r] of loop) expect(Math.abs(Math.hypot(c - 4, r - 4) - 2.5)).toBeLessThan(0.1);
  });

  it("a monotone ramp gives one open line across the grid", () => {
    const z = Array.from({ length: 4 }, (_, r) => Array.from({ length: 6 }, (_, c) => c + 0.1 * r));
    const lines = contourPolylines(z, 2.5);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toHaveLength(4);
    for (const [c, r] of lines[0]) expect(c + 0.1 * r).toBeCloseTo(2.5, 12);
  });

  it("a saddle is split by the cell mean into two segments", () => {
    expect(contourPolylines([[1, 0], [0, 1]], 0.5)).toHaveLength(2);
  });

  it("levels outside the data and cells with a NaN corner give nothing", () => {
    expect(contourPolylines([[0, 1], [1, 2]], 5)).toEqual([]);
    expect(contourPolylines([[0, NaN], [1, 2]], 0.5)).toEqual([]);
  });
});
