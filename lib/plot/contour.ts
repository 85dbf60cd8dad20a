/**
 * Marching squares: the polylines where a grid z[row][col] crosses a level, with linear interpolation along cell
 * edges and the saddle cases split by the cell's mean (the usual convention, also plotly's).
 * Points come back in grid coordinates (fractional column, fractional row).
 */

/** A polyline in grid coordinates: [col, row] pairs. */
export type GridPolyline = [number, number][];

/** Edge ids: horizontal edge (r, c)-(r, c+1) and vertical edge (r, c)-(r+1, c) of a grid with `nc` columns. */
function hEdge(r: number, c: number, nc: number): number {
  return 2 * (r * nc + c);
}
function vEdge(r: number, c: number, nc: number): number {
  return 2 * (r * nc + c) + 1;
}

/**
 * The contour polylines of `z` at `level`.
 * @param z - grid values, z[row][col]; non-finite corners leave their cells out
 * @param level - the contour value
 * @returns polylines in [col, row] coordinates; closed loops repeat their first point at the end
 */
export function contourPolylines(z: readonly (readonly number[])[], level: number): GridPolyline[] {
  const nr = z.length;
  const nc = nr ? z[0].length : 0;
  const point = new Map<number, [number, number]>();
  const crossing = (id: number, r0: number, c0: number, r1: number, c1: number): number => {
    if (!point.has(id)) {
      const a = z[r0][c0];
      const b = z[r1][c1];
      const t = a === b ? 0.5 : (level - a) / (b - a);
      point.set(id, [c0 + t * (c1 - c0), r0 + t * (r1 - r0)]);
    }
    return id;
  };
  const segments: [number, number][] = [];
  for (let r = 0; r + 1 < nr; r++) {
    for (let c = 0; c + 1 < nc; c++) {
      const v00 = z[r][c], v01 = z[r][c + 1], v11 = z[r + 1][c + 1], v10 = z[r + 1][c];
      if (![v00, v01, v11, v10].every(Number.isFinite)) continue;
      const above = [v00 >= level, v01 >= level, v11 >= level, v10 >= level];
      const code = (above[0] ? 8 : 0) | (above[1] ? 4 : 0) | (above[2] ? 2 : 0) | (above[3] ? 1 : 0);
      if (code === 0 || code === 15) continue;
      const top = () => crossing(hEdge(r, c, nc), r, c, r, c + 1);
      const right = () => crossing(vEdge(r, c + 1, nc), r, c + 1, r + 1, c + 1);
      const bottom = () => crossing(hEdge(r + 1, c, nc), r + 1, c, r + 1, c + 1);
      const left = () => crossing(vEdge(r, c, nc), r, c, r + 1, c);
      const centreAbove = (v00 + v01 + v11 + v10) / 4 >= level;
      switch (code) {
        case 1: case 14: segments.push([left(), bottom()]); break;
        case 2: case 13: segments.push([bottom(), right()]); break;
        case 3: case 12: segments.push([left(), right()]); break;
        case 4: case 11: segments.push([top(), right()]); break;
        case 6: case 9: segments.push([top(), bottom()]); break;
        case 7: case 8: segments.push([left(), top()]); break;
        case 5: // v01 and v10 above
          if (centreAbove) segments.push([left(), top()], [bottom(), right()]);
          else segments.push([top(), right()], [left(), bottom()]);
          break;
        case 10: // v00 and v11 above
          if (centreAbove) segments.push([top(), right()], [left(), bottom()]);
          else segments.push([left(), top()], [bottom(), right()]);
          break;
      }
    }
  }
  // Chain segments sharing edge crossings into polylines.
  const byEnd = new Map<number, number[]>();
  segments.forEach(([a, b], i) => {
    for (const e of [a, b]) byEnd.set(e, [...(byEnd.get(e) ?? []), i]);
  });
  const used = new Array<boolean>(segments.length).fill(false);
  const lines: GridPolyline[] = [];
  const extend = (ids: number[]) => {
    for (;;) {
      const end = ids[ids.length - 1];
      const next = (byEnd.get(end) ?? []).find((s) => !used[s]);
      if (next === undefined) return;
      used[next] = true;
      const [a, b] = segments[next];
      ids.push(a === end ? b : a);
    }
  };
  // Start open lines at their ends (edges with one segment), then the closed loops.
  const order = [...segments.keys()].sort((i, j) => {
    const ends = (k: number) => Math.min(byEnd.get(segments[k][0])!.length, byEnd.get(segments[k][1])!.length);
    return ends(i) - ends(j) || i - j;
  });
  for (const s of order) {
    if (used[s]) continue;
    used[s] = true;
    const [a, b] = segments[s];
    const ids = byEnd.get(b)!.length === 1 ? [b, a] : [a, b];
    extend(ids);
    ids.reverse();
    extend(ids);
    lines.push(ids.map((id) => point.get(id)!));
  }
  return lines;
}
