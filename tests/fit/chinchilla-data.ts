/** Reads Besiroglu et al.'s extraction of Chinchilla Fig. 4 from the data mirror (245 rows; D = C/(6N)). */
import * as fs from "node:fs";
import * as path from "node:path";

export interface ChinchillaPoint {
  readonly N: number;
  readonly D: number;
  readonly C: number;
  readonly loss: number;
}

export function readChinchillaEpoch(): ChinchillaPoint[] {
  const file = path.join(process.env.SCALINGLAB_DATA_MIRROR!, "chinchilla-epoch", "svg_extracted_data.csv");
  const [header, ...lines] = fs.readFileSync(file, "utf8").trim().split("\n");
  const cols = header.split(",");
  const at = (name: string) => cols.indexOf(name);
  return lines.map((line) => {
    const c = line.split(",");
    const N = Number(c[at("Model Size")]);
    const C = Number(c[at("Training FLOP")]);
    return { N, C, D: C / (6 * N), loss: Number(c[at("loss")]) };
  });
}

/** The 240 points Besiroglu et al. fit: drop the 5 highest losses (`nr_of_models_excluded = 5`). */
export function besiroglu240(): ChinchillaPoint[] {
  return [...readChinchillaEpoch()].sort((a, b) => a.loss - b.loss).slice(0, -5);
}
