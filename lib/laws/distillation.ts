/**
 * Busbridge et al. 2025, distillation scaling law: the student's loss as a function of its size, its distillation
 * tokens and the teacher's loss, with a "capacity gap" (a too-strong teacher stops helping). Form recalled from
 * the paper, constants not recalled: status "unverified".
 */
import { defineLaw } from "./law";
import { illustrativeConstants } from "./laws-internal";
import { distillationCitation } from "../core/bibliography";


/** Constants of the distillation law (not transcribed from the paper; fit your own). */
export interface DistillationParams {
  readonly c0: number;
  readonly c1: number;
  /** d1: location of the teacher/student break, relative to the supervised student loss (> 0). */
  readonly d1: number;
  /** f1: sharpness of the break (> 0). */
  readonly f1: number;
  readonly A: number;
  readonly B: number;
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
}


/** Inputs of the distillation law. */
export interface DistillationInputs {
  /** Student parameters. */
  readonly NS: number;
  /** Distillation tokens. */
  readonly DS: number;
  /** Teacher cross-entropy, nats/token. */
  readonly LT: number;
  /** The student's supervised loss at the same (N_S, D_S), e.g. from a Chinchilla law, nats/token. */
  readonly LStilde: number;
}

/**
 * `laws.distillation`: student cross-entropy after distillation,
 * L_S = L_T + L_T^(−c0)·(1 + (L_T/(L̃_S·d1))^(1/f1))^(−c1·f1)·(A/N_S^alpha + B/D_S^beta)^gamma.
 * @example laws.distillation.predict({ NS: 1e9, DS: 1e10, LT: 2, LStilde: 2.5 }, { c0: 0, c1: 0, d1: 1, f1: 1, A: 100, B: 100, alpha: 0.5, beta: 0.5, gamma: 1 }) // => 2.004162277660168
 * @see distillationCitation
 */
export const distillation = defineLaw({
  id: "busbridge-distillation",
  api: "laws.distillation",
  name: "Distillation scaling law (Busbridge 2025)",
  topic: "loss",
  latex: "L_S = L_T + \\frac{1}{L_T^{c_0}}\\left(1 + \\left(\\frac{L_T}{\\tilde L_S d_1}\\right)^{1/f_1}\\right)^{-c_1 f_1}\\left(\\frac{A}{N_S^{\\alpha'}} + \\frac{B}{D_S^{\\beta'}}\\right)^{\\gamma'}",
  formula: "LT + LT^(-c0) * (1 + (LT / (LStilde * d1))^(1 / f1))^(-c1 * f1) * (A / NS^alpha + B / DS^beta)^gamma",
  inputs: { NS: "student parameters", DS: "distillation tokens", LT: "teacher loss, nats/token", LStilde: "supervised student loss at (N_S, D_S), nats/token" },
  output: "student loss, nats/token",
  params: [
    { name: "c0" }, { name: "c1" },
    { name: "d1", transform: "log", description: "break location relative to the supervised student loss" },
    { name: "f1", transform: "log", description: "break sharpness" },
    { name: "A", transform: "log" }, { name: "B", transform: "log" },
    { name: "alpha", transform: "log" }, { name: "beta", transform: "log" }, { name: "gamma" },
  ],
  published: { example: illustrativeConstants(distillationCitation, { c0: 0.1, c1: 0.5, d1: 1, f1: 1, A: 100, B: 100, alpha: 0.3, beta: 0.3, gamma: 1 }) },
  ranges: { NS: [1.4e8, 1.2e10], DS: [1e9, 5e11], LT: [1.8, 3.5], LStilde: [1.8, 4] },
  citation: distillationCitation,
  status: "unverified",
  predict: (x: DistillationInputs, p) => {
    const gap = (1 + (x.LT / (x.LStilde * p.d1)) ** (1 / p.f1)) ** (-p.c1 * p.f1);
    return x.LT + x.LT ** -p.c0 * gap * (p.A / x.NS ** p.alpha + p.B / x.DS ** p.beta) ** p.gamma;
  },
});
