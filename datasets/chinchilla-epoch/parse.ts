/** Parser of epoch-research/analyzing-chinchilla data/svg_extracted_data.csv. */
import { range, type SourceReader } from "../source";

/** One Chinchilla Fig. 4 point as extracted by Epoch AI. */
export interface ChinchillaEpochRow {
  /** Model size, params (`Model Size`). */
  readonly N: number;
  /** Training compute, FLOP (`Training FLOP`). */
  readonly C: number;
  /** Training tokens, derived C / (6N). */
  readonly D: number;
  /** Final loss decoded from the marker colour, nats/token. */
  readonly loss: number;
  /** Marker position in the source SVG. */
  readonly svgX: number;
  readonly svgY: number;
  /** Marker colour, hex. */
  readonly color: string;
}

export function parseChinchillaEpoch(src: SourceReader): { points: ChinchillaEpochRow[] } {
  const t = src.csv("chinchilla-epoch/svg_extracted_data.csv");
  return {
    points: range(t.table.records.length).map((k) => {
      const N = t.num(k, "Model Size");
      const C = t.num(k, "Training FLOP");
      return { N, C, D: C / (6 * N), loss: t.num(k, "loss"), svgX: t.num(k, "x"), svgY: t.num(k, "y"), color: t.str(k, "hex_color") };
    }),
  };
}
