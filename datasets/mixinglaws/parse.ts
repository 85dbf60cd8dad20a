/**
 * Parser of yegcjs/mixinglaws data/{2Mix,3Mix}/<size>.txt: tab-separated `<checkpoint path>\t<validation file>\t<loss>`
 * lines, with size, mixture and step encoded in the checkpoint path.
 */
import { DataError } from "../../lib/core";
import { MIXING_LAWS_TRAIN_DOMAINS } from "./spec";
import type { MixingRunRow } from "../../lib/mixing/mixing-data";
import type { SourceReader } from "../source";

/** What a mixing-law checkpoint path encodes. */
export interface MixingLawCheckpoint {
  /** Size label when the path has one (e.g. "70M"); the 3Mix 410M paths have none. */
  readonly modelSize: string | null;
  /** Mixture number (e.g. 1 in `70M_base2_1-0.25-0.75`). */
  readonly mixtureId: number;
  /** Training proportions in the experiment's domain order. */
  readonly proportions: number[];
  /** Checkpoint step, or null for the final checkpoint named `last`. */
  readonly step: number | null;
}

/**
 * Parses a mixing-law checkpoint path: the last two path segments are `[<size>_][<tag>_]<id>-<p1>-<p2>[-…]` and
 * `<step>` (or `last`); a trailing slash is ignored.
 * @param path - checkpoint path as written in the data files
 * @returns size label, mixture id, proportions and step
 * @throws DataError when the path does not have that shape
 * @example
 * parseMixingLawCheckpoint("/ckpts/base2//70M_base2_1-0.25-0.75/27000") // => { modelSize: "70M", mixtureId: 1, proportions: [0.25, 0.75], step: 27000 }
 */
export function parseMixingLawCheckpoint(path: string): MixingLawCheckpoint {
  const fn = "parseMixingLawCheckpoint";
  const parts = path.split("/").filter((s) => s !== "");
  if (parts.length < 2) throw new DataError(fn, `"${path}" has no <mixture>/<step> segments`);
  const stepText = parts[parts.length - 1];
  const name = parts[parts.length - 2];
  let step: number | null = null;
  if (stepText !== "last") {
    if (!/^\d+$/.test(stepText)) throw new DataError(fn, `"${path}": step "${stepText}" is neither an integer nor "last"`);
    step = Number(stepText);
  }
  const fields = name.split("-");
  const prefix = fields[0].split("_");
  const idText = prefix[prefix.length - 1];
  const sizeText = prefix.length > 1 && /^\d+(\.\d+)?[MB]$/.test(prefix[0]) ? prefix[0] : null;
  const proportions = fields.slice(1).map(Number);
  if (!/^\d+$/.test(idText) || proportions.length < 2 || proportions.some((p) => !(Number.isFinite(p) && p >= 0 && p <= 1))) {
    throw new DataError(fn, `"${path}": expected "<size>_<id>-<p1>-<p2>…/<step>" with proportions in [0, 1], got "${name}"`);
  }
  return { modelSize: sizeText, mixtureId: Number(idText), proportions, step };
}

/**
 * One (checkpoint, validation domain) measurement of the 2- and 3-domain mixing experiments: the fields
 * `mixing.select` reads (experiment, size label, mixture id and proportions, step, validation domain, loss; declared
 * once, on the mixing side, so the math layer needs nothing from here) plus the nominal size and the checkpoint path.
 */
export interface MixingLawRunRow extends MixingRunRow {
  /** Nominal parameters of the size label. */
  readonly N: number;
  /** Checkpoint path as written in the source. */
  readonly checkpoint: string;
}

const FILES = [
  ["2Mix", "70M"], ["2Mix", "160M"], ["3Mix", "70M"], ["3Mix", "160M"], ["3Mix", "410M"],
] as const;

function nominalParams(label: string): number {
  const v = Number(label.slice(0, -1));
  return label.endsWith("B") ? v * 1e9 : v * 1e6;
}

export function parseMixingLaws(src: SourceReader): { runs: MixingLawRunRow[] } {
  const fn = "loadDataset";
  const runs: MixingLawRunRow[] = [];
  for (const [experiment, size] of FILES) {
    const local = `mixinglaws/${experiment}/${size}.txt`;
    const domains: readonly string[] = MIXING_LAWS_TRAIN_DOMAINS[experiment];
    src.records(local, "\t").forEach((rec, k) => {
      const where = `${local} line ${k + 1}`;
      if (rec.length !== 3) throw new DataError(fn, `${where} has ${rec.length} tab-separated fields, expected 3`);
      const [checkpoint, validFile, lossText] = rec;
      const ck = parseMixingLawCheckpoint(checkpoint);
      if (ck.modelSize !== null && ck.modelSize !== size) throw new DataError(fn, `${where}: checkpoint size ${ck.modelSize} differs from the file's ${size}`);
      if (ck.proportions.length !== domains.length) {
        throw new DataError(fn, `${where}: ${ck.proportions.length} proportions for the ${domains.length} domains ${domains.join(", ")}`);
      }
      const m = /pythia-pile\.valid\.([^/]+)\.bin$/.exec(validFile);
      if (!m) throw new DataError(fn, `${where}: validation file "${validFile}" is not pythia-pile.valid.<domain>.bin`);
      const loss = src.number(lossText, `${where}, loss`);
      if (loss === null) throw new DataError(fn, `${where}: empty loss`);
      const r = (d: string) => (domains.includes(d) ? ck.proportions[domains.indexOf(d)] : null);
      runs.push({
        experiment, modelSize: size, N: nominalParams(size), mixtureId: ck.mixtureId,
        r_Github: r("Github")!, r_Books3: r("Books3"), r_PileCC: r("Pile-CC")!, step: ck.step, evalDomain: m[1],
        loss, checkpoint,
      });
    });
  }
  return { runs };
}
