import { expect } from "vitest";
import * as fs from "node:fs";
import * as path from "node:path";

/** |actual − expected| ≤ rtol·|expected|, with both numbers in the failure message. */
export function expectRel(actual: number, expected: number, rtol = 1e-6): void {
  const rel = Math.abs(actual - expected) / Math.abs(expected);
  expect(rel, `got ${actual}, expected ${expected} (rtol ${rtol})`).toBeLessThanOrEqual(rtol);
}

/** The data mirror (tests/vitest.config.ts sets SCALINGLAB_DATA_MIRROR to ../shared/datasets). */
export function mirrorFile(...parts: string[]): string {
  const root = process.env.SCALINGLAB_DATA_MIRROR ?? path.resolve(__dirname, "../../../shared/datasets");
  return path.join(root, ...parts);
}

/** Reads a simple CSV (no quoted commas) into records keyed by the header. */
export function readCsv(file: string): Record<string, string>[] {
  const [head, ...lines] = fs.readFileSync(file, "utf8").trim().split(/\r?\n/);
  const cols = head.split(",");
  return lines.map((l) => {
    const cells = l.split(",");
    return Object.fromEntries(cols.map((c, i) => [c, cells[i]]));
  });
}
