/**
 * Shared text helpers for the renderers: number formatting that reads well for scaling quantities
 * (2.5e+10 tokens next to 0.34 exponents) and HTML escaping. Internal to lib/display and lib/plot.
 */

/**
 * Formats a number with `digits` significant digits, trailing zeros trimmed; exponential notation outside
 * [1e-4, 1e6) so token counts and FLOPs stay short. Integers below 1e6 print exactly.
 */
export function formatValue(x: number, digits = 6): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "-∞";
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e6 || a < 1e-4) {
    const [m, e] = x.toExponential(Math.max(digits - 1, 0)).split("e");
    return `${trimZeros(m)}e${e}`;
  }
  if (Number.isInteger(x)) return String(x);
  return trimZeros(x.toPrecision(digits));
}

function trimZeros(s: string): string {
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

/** Formats any cell value: numbers via {@link formatValue}, null/undefined as empty, others as strings. */
export function formatCell(v: unknown, digits = 6): string {
  if (typeof v === "number") return formatValue(v, digits);
  if (typeof v === "bigint") return v.toString();
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** A result's warning line in HTML (tables and result displays). */
export function warningHtml(w: string): string {
  return `<div class="scalinglab-warning" style="color:#8a4b00">⚠ ${escapeHtml(w)}</div>`;
}

/** Display width of a string in a monospace terminal (counts code points, not UTF-16 units). */
export function textWidth(s: string): number {
  return [...s].length;
}

/** Pads `s` to `width` on the left (numbers) or right (text). */
export function pad(s: string, width: number, alignRight: boolean): string {
  const fill = " ".repeat(Math.max(0, width - textWidth(s)));
  return alignRight ? fill + s : s + fill;
}
