/** Chinchilla's projected compute-optimal model sizes (Hoffmann et al. 2022, Table 3) — from memory, unverified. */
import { definePublishedTable } from "./table";
import { chinchillaCitation } from "../../lib/core/bibliography";


/** One row of Chinchilla Table 3: a model size and the compute and tokens approach 1 projects for it. */
export interface ChinchillaTable3Row {
  /** Parameters. */
  readonly N: number;
  /** Compute-optimal training FLOPs for N. */
  readonly C: number;
  /** C in units of Gopher's training compute. */
  readonly CGopherUnits: number;
  /** Compute-optimal training tokens for N. */
  readonly D: number;
}

/**
 * Chinchilla Table 3 (approach-1 projections of compute-optimal FLOPs and tokens per model size).
 * Status "unverified": the values were recalled, not read from the paper; do not assert them.
 * @example CHINCHILLA_TABLE3_PROJECTIONS.rows.length // => 9
 * @see https://arxiv.org/abs/2203.15556
 */
export const CHINCHILLA_TABLE3_PROJECTIONS = definePublishedTable<ChinchillaTable3Row>({
  name: "Chinchilla projected compute-optimal sizes",
  status: "unverified",
  citation: { ...chinchillaCitation, where: "Table 3 (approach 1)" },
  units: { N: "params", C: "FLOP", CGopherUnits: "Gopher budgets", D: "tokens" },
  note: "From memory, unverified (reference loss-and-mixing.md §2): check against the PDF before relying on it.",
  rows: [
    { N: 400e6, C: 1.92e19, CGopherUnits: 1 / 29_968, D: 8.0e9 },
    { N: 1e9, C: 1.21e20, CGopherUnits: 1 / 4_761, D: 20.2e9 },
    { N: 10e9, C: 1.23e22, CGopherUnits: 1 / 46, D: 205.1e9 },
    { N: 67e9, C: 5.76e23, CGopherUnits: 1, D: 1.5e12 },
    { N: 175e9, C: 3.85e24, CGopherUnits: 6.7, D: 3.7e12 },
    { N: 280e9, C: 9.9e24, CGopherUnits: 17.2, D: 5.9e12 },
    { N: 520e9, C: 3.43e25, CGopherUnits: 59.5, D: 11.0e12 },
    { N: 1e12, C: 1.27e26, CGopherUnits: 221.3, D: 21.2e12 },
    { N: 10e12, C: 1.3e28, CGopherUnits: 22_515, D: 216.2e12 },
  ],
});
