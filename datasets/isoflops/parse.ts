/** Parser of Open-Athena/scaling-law-analysis data/isoflops/transform/isoflops.csv. */
import { range, type SourceReader } from "../source";

/** One IsoFLOP point with its quality-control flag. */
export interface IsoFlopRow {
  /** Origin: epochai_chinchilla, ml_scalefit, llama_3, marin_202603, misfitting. */
  readonly source: string;
  readonly dataset: string;
  readonly model: string;
  /** Variant within a source (llama_3: raw_loss / exp_loss); null when none. */
  readonly condition: string | null;
  /** source × dataset × model (× condition). */
  readonly experiment: string;
  /** Parameters. */
  readonly N: number;
  /** Training tokens. */
  readonly D: number;
  /** IsoFLOP budget, FLOP. */
  readonly C: number;
  readonly loss: number;
  readonly outlier: boolean;
  /** Why it was flagged; "none" otherwise. */
  readonly reason: string;
}

export function parseIsoFlops(src: SourceReader): { points: IsoFlopRow[] } {
  const t = src.csv("isoflops/isoflops.csv");
  return {
    points: range(t.table.records.length).map((k) => ({
      source: t.str(k, "source"), dataset: t.str(k, "dataset"), model: t.str(k, "model"), condition: t.str(k, "condition") || null,
      experiment: t.str(k, "experiment"), N: t.num(k, "params"), D: t.num(k, "tokens"), C: t.num(k, "budget"), loss: t.num(k, "loss"),
      outlier: t.bool(k, "outlier"), reason: t.str(k, "reason"),
    })),
  };
}
