/**
 * Selects fitting data for the mixing laws from rows in the layout of the "mixinglaws" dataset (Ye et al. 2024):
 * one (mixture, loss) pair per training mixture at a chosen model size, step and validation domain.
 * The row type is declared here, on the math side (math does not import the data layer); the "mixinglaws" dataset's
 * row type extends it.
 */
import { displayResult, InvalidInputError } from "../core";

/** One measured loss of a mixing-law run: what `mixing.select` reads (`loadDataset("mixinglaws")` rows extend it). */
export interface MixingRunRow {
  readonly experiment: "2Mix" | "3Mix";
  /** Size label, e.g. "70M". */
  readonly modelSize: string;
  readonly mixtureId: number;
  /** Training proportions of Github, Books3 (null in 2Mix) and Pile-CC. */
  readonly r_Github: number;
  readonly r_Books3: number | null;
  readonly r_PileCC: number;
  /** Checkpoint step (null for the final checkpoint). */
  readonly step: number | null;
  /** Validation domain, e.g. "Pile-CC". */
  readonly evalDomain: string;
  /** Validation loss, nats/token. */
  readonly loss: number;
}

/** Which runs to take. */
export interface MixingRunSelection {
  readonly experiment: "2Mix" | "3Mix";
  readonly modelSize: string;
  /** Checkpoint step. */
  readonly step: number;
  /** Validation domain, e.g. "Pile-CC". */
  readonly evalDomain: string;
  /** Keep only mixtures in which every training domain has a proportion > 0 (default false). */
  readonly positiveOnly?: boolean;
}

/** Mixtures and losses at one (experiment, size, step, validation domain), sorted by mixture id. */
export interface MixingRunData {
  readonly mixtureIds: number[];
  /** Proportions in the experiment's domain order (2Mix: Github, Pile-CC; 3Mix: Github, Books3, Pile-CC). */
  readonly R: number[][];
  readonly L: number[];
}

/**
 * Mixture → loss table for one validation domain. Lines that repeat the same (mixture, step, domain) — the source
 * files have a few — are averaged, as the authors' notebooks de-duplicate them.
 * @param runs rows of `(await loadDataset("mixinglaws")).rows` (or any MixingRunRow[])
 * @param sel experiment, size, step, validation domain
 * @returns ids, mixtures and losses
 * @throws InvalidInputError when nothing matches (the message lists what exists)
 * @example selectRuns([{ experiment: "2Mix", modelSize: "70M", N: 7e7, mixtureId: 1, r_Github: 0.25, r_Books3: null, r_PileCC: 0.75, step: 100, evalDomain: "Github", loss: 1.5, checkpoint: "x" }], { experiment: "2Mix", modelSize: "70M", step: 100, evalDomain: "Github" }).R // => [[0.25, 0.75]]
 * @see yeMixingCitation
 */
export function selectRuns(runs: readonly MixingRunRow[], sel: MixingRunSelection): MixingRunData {
  const fn = "mixing.select";
  const groups = new Map<number, { r: number[]; sum: number; n: number }>();
  for (const row of runs) {
    if (row.experiment !== sel.experiment || row.modelSize !== sel.modelSize || row.step !== sel.step || row.evalDomain !== sel.evalDomain) continue;
    const r = sel.experiment === "2Mix" ? [row.r_Github, row.r_PileCC] : [row.r_Github, row.r_Books3 ?? 0, row.r_PileCC];
    if (sel.positiveOnly && r.some((x) => !(x > 0))) continue;
    const g = groups.get(row.mixtureId) ?? { r, sum: 0, n: 0 };
    g.sum += row.loss;
    g.n += 1;
    groups.set(row.mixtureId, g);
  }
  if (groups.size === 0) {
    const have = [...new Set(runs.filter((r) => r.experiment === sel.experiment && r.modelSize === sel.modelSize).map((r) => `${r.step}/${r.evalDomain}`))];
    throw new InvalidInputError(fn, `no runs for ${sel.experiment} ${sel.modelSize} step ${sel.step} domain ${sel.evalDomain}`,
      have.length ? `available step/domain pairs include ${have.slice(0, 8).join(", ")}` : "check experiment and modelSize");
  }
  const ids = [...groups.keys()].sort((a, b) => a - b);
  return displayResult(`${fn}: ${ids.length} mixtures of ${sel.experiment} ${sel.modelSize} at step ${sel.step}, ${sel.evalDomain} loss`,
    { mixtureIds: ids, R: ids.map((i) => groups.get(i)!.r), L: ids.map((i) => groups.get(i)!.sum / groups.get(i)!.n) });
}

/**
 * Splits row positions into fit / held-out sets: every `every`-th position starting at `offset` is held out.
 * @example everyKthSplit(6, 3) // => { fit: [1, 2, 4, 5], heldOut: [0, 3] }
 */
export function everyKthSplit(n: number, every: number, offset = 0): { fit: number[]; heldOut: number[] } {
  const fn = "mixing.split";
  if (!(Number.isInteger(n) && n >= 2)) throw new InvalidInputError(fn, `n = ${n}; need an integer ≥ 2`);
  if (!(Number.isInteger(every) && every >= 2)) throw new InvalidInputError(fn, `every = ${every}; need an integer ≥ 2`);
  if (!(Number.isInteger(offset) && offset >= 0 && offset < every)) throw new InvalidInputError(fn, `offset = ${offset}; need 0 ≤ offset < every`);
  const fit: number[] = [], heldOut: number[] = [];
  for (let i = 0; i < n; i++) (i % every === offset ? heldOut : fit).push(i);
  return displayResult(`${fn}: ${fit.length} positions to fit, ${heldOut.length} held out (i mod ${every} = ${offset})`, { fit, heldOut });
}
