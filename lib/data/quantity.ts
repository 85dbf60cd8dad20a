/**
 * Numbers as people write them in sweep logs: plain and scientific notation ("3e21", "1.5E-3") and a trailing SI-style
 * scale letter ("125M" parameters, "1.4T" tokens, "7B", "32k"). B and G both mean 1e9 (model-size usage).
 */

const SCALE: Readonly<Record<string, number>> = { k: 1e3, K: 1e3, M: 1e6, B: 1e9, G: 1e9, T: 1e12, P: 1e15 };
const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*([kKMBGTP])?$/;
/** Powers of ten that are exact doubles: m·10^e and m/10^e with m < 2^53 then round once, exactly as Number() does. */
const POW10 = Array.from({ length: 23 }, (_, e) => Number(`1e${e}`));

function slowQuantity(text: string): number | null {
  const m = QUANTITY.exec(text.trim());
  if (!m) return null;
  const v = Number(m[1]) * (m[2] ? SCALE[m[2]] : 1);
  return Number.isFinite(v) ? v : null;
}

/**
 * {@link parseQuantity} of `text.slice(a, b)` without making the slice for the common case (at most 15 digits, an
 * exponent within ±22 after the point shift, no spaces): a million-row file has millions of such cells.
 */
export function quantityAt(text: string, a: number, b: number): number | null {
  let i = a;
  let c = text.charCodeAt(i);
  const neg = c === 45;
  if (neg || c === 43) i++;
  let m = 0, digits = 0, frac = 0;
  while (i < b && (c = text.charCodeAt(i)) >= 48 && c <= 57) { m = m * 10 + (c - 48); digits++; i++; }
  if (i < b && c === 46) {
    i++;
    while (i < b && (c = text.charCodeAt(i)) >= 48 && c <= 57) { m = m * 10 + (c - 48); digits++; frac++; i++; }
  }
  if (digits === 0 || digits > 15) return slowQuantity(text.slice(a, b));
  let exp = 0;
  if (i < b && (c === 101 || c === 69)) {
    i++;
    c = text.charCodeAt(i);
    const eneg = c === 45;
    if (eneg || c === 43) i++;
    const e0 = i;
    while (i < b && (c = text.charCodeAt(i)) >= 48 && c <= 57 && i - e0 < 4) { exp = exp * 10 + (c - 48); i++; }
    if (i === e0) return null;
    if (eneg) exp = -exp;
  }
  let scale = 1;
  if (i < b) {
    const s = i + 1 === b ? SCALE[text[i]] : undefined;
    if (s === undefined) return slowQuantity(text.slice(a, b));
    scale = s;
  }
  const shift = exp - frac;
  if (shift > 22 || shift < -22) return slowQuantity(text.slice(a, b));
  let v = shift >= 0 ? m * POW10[shift] : m / POW10[-shift];
  if (scale !== 1) v *= scale;
  return neg ? -v : v;
}

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
  return quantityAt(text, 0, text.length);
}
