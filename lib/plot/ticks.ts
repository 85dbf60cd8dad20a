/**
 * Tick placement for the static SVG renderer: 1-2-5 steps on linear axes, decades (10^k, with 2..9 minor ticks)
 * on log axes, falling back to 1..9 × 10^k and then to linear steps when an axis spans less than a decade.
 */

/** A tick label: `text`, optionally followed by a superscript exponent (`10` + `9` reads 10⁹). */
export interface TickLabel {
  readonly text: string;
  readonly sup?: string;
}

export interface Tick {
  readonly value: number;
  readonly label: TickLabel;
}

export interface AxisTicks {
  readonly major: Tick[];
  /** Unlabelled minor ticks (log axes). */
  readonly minor: number[];
}

/** Rounds away binary noise (0.30000000000000004 → 0.3) so labels and snapshots are stable. */
function clean(v: number): number {
  return v === 0 ? 0 : parseFloat(v.toPrecision(12));
}

/** The 1-2-5 step closest to span / target (the d3-array `tickIncrement` rule). */
export function niceStep(span: number, target: number): number {
  const raw = span / Math.max(target, 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const err = raw / power;
  const m = err >= Math.sqrt(50) ? 10 : err >= Math.sqrt(10) ? 5 : err >= Math.sqrt(2) ? 2 : 1;
  return clean(m * power);
}

const SUPERSCRIPT_LIMIT = 1e5;

/** Formats a number as plain decimals, or as m×10^k when it is large or tiny (or `exponent` is set). */
export function numberLabel(v: number, decimals: number, exponent = false): TickLabel {
  if (v === 0) return { text: "0" };
  const a = Math.abs(v);
  if (exponent || a >= SUPERSCRIPT_LIMIT || a < 1e-3) {
    const k = Math.floor(Math.log10(a) + 1e-12);
    const m = clean(v / 10 ** k);
    const mt = String(parseFloat(m.toPrecision(6)));
    const sup = String(k).replace("-", "−");
    return m === 1 ? { text: "10", sup } : m === -1 ? { text: "−10", sup } : { text: `${mt.replace("-", "−")}×10`, sup };
  }
  // Trailing zeros dropped, as plotly labels (1, 1.5, 2 rather than 1.0, 1.5, 2.0).
  const t = v.toFixed(Math.max(0, Math.min(decimals, 12)));
  return { text: (t.includes(".") ? t.replace(/0+$/, "").replace(/\.$/, "") : t).replace("-", "−") };
}

/**
 * Linear ticks at a 1-2-5 step inside [min, max], about `target` of them.
 * E.g. linearTicks(0, 1, 5) labels 0, 0.2, 0.4, 0.6, 0.8, 1.
 */
export function linearTicks(min: number, max: number, target = 6): AxisTicks {
  if (!(max > min)) return { major: [{ value: min, label: numberLabel(min, 3) }], minor: [] };
  const step = niceStep(max - min, target);
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const i0 = Math.ceil(min / step - 1e-9);
  const i1 = Math.floor(max / step + 1e-9);
  const major: Tick[] = [];
  for (let i = i0; i <= i1; i++) {
    const v = clean(i * step);
    major.push({ value: v, label: numberLabel(v, decimals) });
  }
  return { major, minor: [] };
}

/**
 * Log-axis ticks inside [min, max] (both > 0): labelled decades 10^k when at least three fit, thinned to about
 * `target` labels, with unlabelled minor ticks at 2..9 × 10^k; 1-2-5 × 10^k over one to three decades; linear
 * steps under a decade.
 * E.g. logTicks(1e8, 1e11) labels 10^8, 10^9, 10^10, 10^11 with minor ticks at 2..9 × 10^k.
 */
export function logTicks(min: number, max: number, target = 6): AxisTicks {
  const lo = Math.log10(min);
  const hi = Math.log10(max);
  const k0 = Math.ceil(lo - 1e-9);
  const k1 = Math.floor(hi + 1e-9);
  const inRange = (v: number) => v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9);
  if (k1 - k0 + 1 >= 3) {
    const step = Math.max(1, Math.ceil((k1 - k0 + 1) / Math.max(target, 2)));
    const major: Tick[] = [];
    const minor: number[] = [];
    for (let k = Math.floor(lo) ; k <= Math.ceil(hi); k++) {
      const v = clean(10 ** k);
      if (k % step === 0) {
        if (inRange(v)) major.push({ value: v, label: { text: "10", sup: String(k).replace("-", "−") } });
      } else if (inRange(v)) minor.push(v);
      if (step === 1) for (let m = 2; m <= 9; m++) if (inRange(clean(m * 10 ** k))) minor.push(clean(m * 10 ** k));
    }
    return { major, minor };
  }
  // Under a decade (e.g. a loss axis from 1.7 to 3.4): plain linear steps, as plotly labels it.
  const linear = (): AxisTicks => ({ major: linearTicks(min, max, target).major.filter((t) => t.value > 0), minor: [] });
  if (hi - lo < 1) return linear();
  // One to three decades: label 1, 2, 5 × 10^k (or every mantissa when that gives too few).
  const candidates = (ms: number[]) => {
    const out: number[] = [];
    for (let k = Math.floor(lo); k <= Math.ceil(hi); k++) for (const m of ms) if (inRange(clean(m * 10 ** k))) out.push(clean(m * 10 ** k));
    return out;
  };
  let values = candidates([1, 2, 5]);
  if (values.length < 3) values = candidates([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  if (values.length < 2) return linear();
  if (values.length > target + 2) values = values.filter((_, i) => i % Math.ceil(values.length / target) === 0);
  const all = candidates([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const plain = values.every((v) => v >= 1e-3 && v < SUPERSCRIPT_LIMIT);
  const major = values.map((v) => ({ value: v, label: plain ? { text: String(v) } : numberLabel(v, 0, true) }));
  return { major, minor: all.filter((v) => !values.includes(v)) };
}
