/**
 * Numbers as people write them in sweep logs: plain and scientific notation ("3e21", "1.5E-3") and a trailing SI-style
 * scale letter ("125M" parameters, "1.4T" tokens, "7B", "32k"). B and G both mean 1e9 (model-size usage).
 */

const SCALE: Readonly<Record<string, number>> = { k: 1e3, K: 1e3, M: 1e6, B: 1e9, G: 1e9, T: 1e12, P: 1e15 };
const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*([kKMBGTP])?$/;

/**
 * Parses a number with an optional scale suffix; null when the text is not one.
 * @param text - e.g. "125M", "1.4T", "3e21", "0.5"
 * @returns the value, or null
 * @example parseQuantity("1.4T") // => 1400000000000
 * @example parseQuantity("125M") // => 125000000
 * @example parseQuantity("3e21") // => 3e21
 * @example parseQuantity("1,234") // => null
 */
export function parseQuantity(text: string): number | null {
  const m = QUANTITY.exec(text.trim());
  if (!m) return null;
  const v = Number(m[1]) * (m[2] ? SCALE[m[2]] : 1);
  return Number.isFinite(v) ? v : null;
}
