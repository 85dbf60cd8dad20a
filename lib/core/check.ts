/**
 * Asserted reproductions: a notebook cell states a published number and ours, and throws when they differ.
 * Each check is also shown as a display output with its own mime type, which `scalinglab reproduce` collects
 * into the summary table (notebook, figure/table, quantity, published, ours, relative difference, ok).
 */
import { ScalingLabError } from "./errors";
import type { MimeBundle } from "./display";
import { runtimeHooks } from "./runtime";

/** The mime type of one check record in a notebook's outputs. */
export const CHECK_MIME = "application/vnd.scalinglab.check+json";

export interface CheckSpec {
  /** The figure, table or equation reproduced, e.g. "Besiroglu et al. 2024, Table 1". */
  readonly figure: string;
  /** The quantity, e.g. "A" or "N_opt exponent". */
  readonly quantity: string;
  readonly published: number;
  readonly ours: number;
  /** Relative tolerance |ours − published| / |published| (default 1e-3). */
  readonly rtol?: number;
  /** Absolute tolerance, used instead of rtol when given (for values near 0). */
  readonly atol?: number;
}

export interface CheckRecord extends Required<Omit<CheckSpec, "atol">> {
  readonly atol: number | null;
  readonly relDiff: number;
  readonly ok: boolean;
}

export class ReproductionError extends ScalingLabError {
  override name = "ReproductionError";
  constructor(readonly record: CheckRecord) {
    super("checkReproduces",
      `${record.figure}, ${record.quantity}: ours ${record.ours} vs published ${record.published} ` +
      `(relative difference ${record.relDiff.toExponential(2)} exceeds ${record.atol ?? record.rtol})`);
  }
}

function recordBundle(r: CheckRecord): MimeBundle {
  const text = `${r.ok ? "✓" : "✗"} ${r.figure} · ${r.quantity}: ours ${fmt(r.ours)} vs published ${fmt(r.published)} ` +
    `(rel. diff ${r.relDiff.toExponential(2)}, tol ${r.atol !== null ? `abs ${r.atol}` : r.rtol})`;
  return { [CHECK_MIME]: r, "text/plain": text };
}

function fmt(x: number): string {
  return Math.abs(x) >= 1e5 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(4) : String(+x.toPrecision(6));
}

/**
 * Compares our number with a published one; shows the comparison and throws ReproductionError if it is off.
 * @example checkReproduces({ figure: "Hoffmann 2022, Eq. 10", quantity: "E", published: 1.69, ours: 1.6902 }).ok // => true
 */
export function checkReproduces(spec: CheckSpec): CheckRecord {
  const rtol = spec.rtol ?? 1e-3;
  const diff = Math.abs(spec.ours - spec.published);
  const relDiff = spec.published === 0 ? diff : diff / Math.abs(spec.published);
  const ok = Number.isFinite(spec.ours) && (spec.atol !== undefined ? diff <= spec.atol : relDiff <= rtol);
  const record: CheckRecord = {
    figure: spec.figure, quantity: spec.quantity, published: spec.published, ours: spec.ours,
    rtol, atol: spec.atol ?? null, relDiff, ok,
  };
  runtimeHooks().display?.(recordBundle(record));
  if (!ok) throw new ReproductionError(record);
  return record;
}
