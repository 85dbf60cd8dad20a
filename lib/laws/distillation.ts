/**
 * Busbridge et al. 2025, distillation scaling law: the student's loss as a function of its size, its distillation
 * tokens and the teacher's loss, with a "capacity gap" (a too-strong teacher stops helping). Form recalled from
 * the paper, constants not recalled: status "unverified".
 */
import { assertFinite, assertPositive, defineCard, type Citation } from "../core";
import { distillationCitation } from "../core/bibliography";


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


/**
 * Student cross-entropy after distillation:
 * L_S = L_T + L_T^(−c0)·(1 + (L_T/(L̃_S·d1))^(1/f1))^(−c1·f1)·(A/N_S^alpha + B/D_S^beta)^gamma.
 * @param NS student parameters (> 0)
 * @param DS distillation tokens (> 0)
 * @param LT teacher cross-entropy, nats/token (> 0)
 * @param LStilde the student's supervised loss at the same (N_S, D_S), e.g. from a Chinchilla law (> 0)
 * @param p law constants (not published here; fit your own)
 * @returns student loss, nats/token
 * @throws InvalidInputError for non-positive inputs
 * @example distillationStudentLoss(1e9, 1e10, 2, 2.5, { c0: 0, c1: 0, d1: 1, f1: 1, A: 100, B: 100, alpha: 0.5, beta: 0.5, gamma: 1 }) // => 2.004162277660168
 * @see distillationCitation
 */
export function distillationStudentLoss(NS: number, DS: number, LT: number, LStilde: number, p: DistillationParams): number {
  const fn = "distillationStudentLoss";
  assertPositive(fn, "NS", NS);
  assertPositive(fn, "DS", DS);
  assertPositive(fn, "LT", LT);
  assertPositive(fn, "LStilde", LStilde);
  for (const k of ["c0", "c1", "gamma"] as const) assertFinite(fn, `params.${k}`, p[k]);
  for (const k of ["d1", "f1", "A", "B", "alpha", "beta"] as const) assertPositive(fn, `params.${k}`, p[k]);
  const gap = (1 + (LT / (LStilde * p.d1)) ** (1 / p.f1)) ** (-p.c1 * p.f1);
  return LT + LT ** -p.c0 * gap * (p.A / NS ** p.alpha + p.B / DS ** p.beta) ** p.gamma;
}

export const distillationLaw = defineCard({
  id: "busbridge-distillation",
  name: "Distillation scaling law (Busbridge 2025)",
  topic: "loss",
  latex: "L_S = L_T + \\frac{1}{L_T^{c_0}}\\left(1 + \\left(\\frac{L_T}{\\tilde L_S d_1}\\right)^{1/f_1}\\right)^{-c_1 f_1}\\left(\\frac{A}{N_S^{\\alpha'}} + \\frac{B}{D_S^{\\beta'}}\\right)^{\\gamma'}",
  formula: "LT + LT^(-c0) * (1 + (LT/(LStilde*d1))^(1/f1))^(-c1*f1) * (A/NS^alpha + B/DS^beta)^gamma",
  variables: { "N_S": "student parameters", "D_S": "distillation tokens", "L_T": "teacher loss, nats/token", "L̃_S": "supervised student loss, nats/token", "L_S": "student loss, nats/token" },
  citation: distillationCitation,
  status: "unverified",
  api: "distillationStudentLoss",
});
