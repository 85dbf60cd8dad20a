/**
 * Mixture-of-experts scaling laws: Clark et al. 2022 (routed LMs, loss vs dense size and expert count),
 * Krajewski et al. 2024 (granularity), Ludziejewski et al. 2025 (joint MoE law in active params, data, experts).
 * All forms and constants here are recalled, not checked against the papers: they carry status "unverified".
 */
import { assertFinite, assertPositive, defineCard, InvalidInputError, type Citation, type PublishedConstants } from "../core";
import { clarkMoeCitation, krajewskiMoeCitation, jointMoeCitation } from "../core/bibliography";



export interface ClarkMoeParams {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  /** Expert count where the benefit starts to saturate (> 1). */
  readonly Estart: number;
  /** Saturation expert count (> Estart). */
  readonly Emax: number;
}

/**
 * Clark's saturating expert count Ê: 1/Ê = 1/(E − 1 + (1/(E_start − 1) − 1/E_max)^−1) + 1/E_max.
 * @param E number of experts (≥ 1)
 * @param p E_start > 1, E_max > E_start
 * @returns Ê
 * @throws InvalidInputError for E < 1 or E_start/E_max out of order
 * @example clarkEffectiveExperts(1e9, { a: 0, b: 0, c: 0, d: 0, Estart: 2, Emax: 100 }) // => 99.99999
 * @see clarkMoeCitation
 */
export function clarkEffectiveExperts(E: number, p: ClarkMoeParams): number {
  const fn = "clarkEffectiveExperts";
  assertFinite(fn, "E", E);
  if (E < 1) throw new InvalidInputError(fn, `E (number of experts) must be ≥ 1, got ${E}`);
  if (!(p.Estart > 1 && p.Emax > p.Estart)) {
    throw new InvalidInputError(fn, `need 1 < Estart < Emax, got Estart = ${p.Estart}, Emax = ${p.Emax}`);
  }
  return 1 / (1 / (E - 1 + 1 / (1 / (p.Estart - 1) - 1 / p.Emax)) + 1 / p.Emax);
}

/**
 * Clark et al. routed-LM loss: log L = a·log N + b·log Ê + c·log N·log Ê + d (natural logs here; base unverified).
 * @param N dense-equivalent parameters (> 0)
 * @param E number of experts (≥ 1)
 * @param p fitted a, b, c, d and the saturation E_start, E_max (per routing method in their table; not transcribed)
 * @returns loss
 * @throws InvalidInputError for invalid inputs
 * @example clarkMoeLoss(1e9, 1, { a: -0.05, b: 0, c: 0, d: 1.8, Estart: 2, Emax: 100 }) // => 2.1464959205166636
 * @see clarkMoeCitation
 */
export function clarkMoeLoss(N: number, E: number, p: ClarkMoeParams): number {
  const fn = "clarkMoeLoss";
  assertPositive(fn, "N", N);
  for (const k of ["a", "b", "c", "d"] as const) assertFinite(fn, `params.${k}`, p[k]);
  const lE = Math.log(clarkEffectiveExperts(E, p)), lN = Math.log(N);
  return Math.exp(p.a * lN + p.b * lE + p.c * lN * lE + p.d);
}

export interface KrajewskiMoeParams {
  readonly a: number;
  readonly alpha: number;
  readonly b: number;
  readonly beta: number;
  readonly g: number;
  readonly gamma: number;
  /** Irreducible loss, nats/token. */
  readonly c: number;
}

export const KRAJEWSKI_MOE: PublishedConstants<KrajewskiMoeParams> = {
  name: "Krajewski et al. 2024, fine-grained MoE",
  params: { a: 18.1, alpha: 0.115, b: 30.8, beta: 0.147, g: 2.1, gamma: 0.58, c: 0.47 },
  status: "unverified",
  citation: krajewskiMoeCitation,
  note: "from memory, values to be checked against the PDF; N = parameters, D = tokens, G = granularity d_ff/d_expert, loss in nats",
};

/**
 * Fine-grained MoE loss L(N, D, G) = c + (g/G^gamma + a)/N^alpha + b/D^beta.
 * @param N parameters (> 0)
 * @param D training tokens (> 0)
 * @param G granularity d_ff / d_expert (> 0; 1 = standard experts)
 * @param p constants, default KRAJEWSKI_MOE (unverified)
 * @returns loss, nats/token
 * @throws InvalidInputError for non-positive inputs
 * @example krajewskiMoeLoss(1, 1, 1) // => 51.47
 * @see krajewskiMoeCitation
 */
export function krajewskiMoeLoss(N: number, D: number, G: number, p: KrajewskiMoeParams = KRAJEWSKI_MOE.params): number {
  const fn = "krajewskiMoeLoss";
  assertPositive(fn, "N", N);
  assertPositive(fn, "D", D);
  assertPositive(fn, "G", G);
  return p.c + (p.g / G ** p.gamma + p.a) / N ** p.alpha + p.b / D ** p.beta;
}

/** Joint MoE law parameters; exponents are signed (alpha, beta < 0 make the loss fall with N_act and D). */
export interface JointMoeParams {
  readonly a: number;
  readonly delta: number;
  readonly alpha: number;
  readonly gamma: number;
  readonly b: number;
  readonly omega: number;
  readonly beta: number;
  readonly zeta: number;
  readonly c: number;
}

/**
 * Magnitudes of the joint MoE constants as read on a third-party notes page whose exponent signs are garbled.
 * They are not a usable parameter set: pick the signs from the paper before calling `jointMoeLoss`.
 */
export const JOINT_MOE_MAGNITUDES: PublishedConstants<JointMoeParams> = {
  name: "Ludziejewski et al. 2025, joint MoE (magnitudes only)",
  params: { a: 35.91, delta: 0.2285, alpha: 0.1889, gamma: 0.0098, b: 35.98, omega: 0.5529, beta: 0.1775, zeta: 0.0259, c: 1.3637 },
  status: "unverified",
  citation: jointMoeCitation,
  note: "third-party notes page; |alpha|, |gamma|, |beta|, |zeta|, |omega| only: signs garbled there, verify against the paper before use",
};

/**
 * Joint MoE loss L(N_act, D, Ê) = a·Ê^delta·N_act^(alpha + gamma·ln Ê) + b·Ê^omega·D^(beta + zeta·ln Ê) + c.
 * @param Nact active parameters (> 0)
 * @param D training tokens (> 0)
 * @param E number of experts (≥ 1; Ê = E here)
 * @param p signed constants (see JOINT_MOE_MAGNITUDES: signs must come from the paper)
 * @returns loss, nats/token
 * @throws InvalidInputError for invalid inputs
 * @example jointMoeLoss(1e9, 1e10, 1, { a: 30, delta: 0, alpha: -0.2, gamma: 0, b: 30, omega: 0, beta: -0.2, zeta: 0, c: 1.5 }) // => 2.275467957738334
 * @see jointMoeCitation
 */
export function jointMoeLoss(Nact: number, D: number, E: number, p: JointMoeParams): number {
  const fn = "jointMoeLoss";
  assertPositive(fn, "Nact", Nact);
  assertPositive(fn, "D", D);
  assertFinite(fn, "E", E);
  if (E < 1) throw new InvalidInputError(fn, `E (number of experts) must be ≥ 1, got ${E}`);
  for (const k of ["a", "delta", "alpha", "gamma", "b", "omega", "beta", "zeta", "c"] as const) assertFinite(fn, `params.${k}`, p[k]);
  const lE = Math.log(E);
  return p.a * E ** p.delta * Nact ** (p.alpha + p.gamma * lE) + p.b * E ** p.omega * D ** (p.beta + p.zeta * lE) + p.c;
}

export const clarkMoeLaw = defineCard({
  id: "clark-moe",
  name: "Routed LM scaling law (Clark 2022)",
  topic: "loss",
  latex: "\\log L = a \\log N + b \\log \\hat E + c \\log N \\log \\hat E + d",
  formula: "exp(a*log N + b*log Ê + c*log N*log Ê + d); 1/Ê = 1/(E - 1 + (1/(Estart-1) - 1/Emax)^-1) + 1/Emax",
  variables: { N: "dense-equivalent parameters", E: "number of experts", "Ê": "saturating expert count", L: "loss, nats/token" },
  citation: clarkMoeCitation,
  status: "unverified",
  api: "clarkMoeLoss",
});

export const krajewskiMoeLaw = defineCard({
  id: "krajewski-moe",
  name: "Fine-grained MoE scaling law (Krajewski 2024)",
  topic: "loss",
  latex: "L(N,D,G) = c + \\left(\\frac{g}{G^{\\gamma}} + a\\right)\\frac{1}{N^{\\alpha}} + \\frac{b}{D^{\\beta}}",
  formula: "c + (g/G^gamma + a)/N^alpha + b/D^beta",
  variables: { N: "parameters", D: "training tokens", G: "granularity d_ff/d_expert", L: "loss, nats/token" },
  citation: krajewskiMoeCitation,
  status: "unverified",
  constants: [KRAJEWSKI_MOE],
  api: "krajewskiMoeLoss",
});

export const jointMoeLaw = defineCard({
  id: "joint-moe",
  name: "Joint MoE scaling law (Ludziejewski 2025)",
  topic: "loss",
  latex: "L = a\\hat E^{\\delta} N_{act}^{\\alpha + \\gamma \\ln \\hat E} + b \\hat E^{\\omega} D^{\\beta + \\zeta \\ln \\hat E} + c",
  formula: "a*Ê^delta*Nact^(alpha + gamma*ln Ê) + b*Ê^omega*D^(beta + zeta*ln Ê) + c",
  variables: { "N_act": "active parameters", D: "training tokens", "Ê": "number of experts", L: "loss, nats/token" },
  citation: jointMoeCitation,
  status: "unverified",
  constants: [JOINT_MOE_MAGNITUDES],
  api: "jointMoeLoss",
});
