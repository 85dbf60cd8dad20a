/**
 * Mixture-of-experts scaling laws: Clark et al. 2022 (routed LMs, loss vs dense size and expert count),
 * Krajewski et al. 2024 (granularity), Ludziejewski et al. 2025 (joint MoE law in active params, data, experts).
 * All forms and constants here are recalled, not checked against the papers: they carry status "unverified".
 */
import { assertFinite, InvalidInputError, type PublishedConstants } from "../core";
import { defineLaw } from "./law";
import { illustrativeConstants } from "./laws-internal";
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
 * @example laws.moe.clarkEffectiveExperts(1e9, { a: 0, b: 0, c: 0, d: 0, Estart: 2, Emax: 100 }) // => 99.99999
 * @see clarkMoeCitation
 */
export function clarkEffectiveExperts(E: number, p: Pick<ClarkMoeParams, "Estart" | "Emax">): number {
  const fn = "laws.moe.clarkEffectiveExperts";
  assertFinite(fn, "E", E);
  if (E < 1) throw new InvalidInputError(fn, `E (number of experts) must be ≥ 1, got ${E}`);
  if (!(p.Estart > 1 && p.Emax > p.Estart)) {
    throw new InvalidInputError(fn, `need 1 < Estart < Emax, got Estart = ${p.Estart}, Emax = ${p.Emax}`);
  }
  return 1 / (1 / (E - 1 + 1 / (1 / (p.Estart - 1) - 1 / p.Emax)) + 1 / p.Emax);
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
 * They are not a usable parameter set: pick the signs from the paper before calling `laws.moe.joint.predict`.
 */
export const JOINT_MOE_MAGNITUDES: PublishedConstants<JointMoeParams> = {
  name: "Ludziejewski et al. 2025, joint MoE (magnitudes only)",
  params: { a: 35.91, delta: 0.2285, alpha: 0.1889, gamma: 0.0098, b: 35.98, omega: 0.5529, beta: 0.1775, zeta: 0.0259, c: 1.3637 },
  status: "unverified",
  citation: jointMoeCitation,
  note: "third-party notes page; |alpha|, |gamma|, |beta|, |zeta|, |omega| only: signs garbled there, verify against the paper before use",
};

function checkExperts(fn: string, E: number): void {
  if (E < 1) throw new InvalidInputError(fn, `E (number of experts) must be ≥ 1, got ${E}`);
}

/**
 * `laws.moe.clark`: Clark et al.'s routed-LM loss log L = a·log N + b·log Ê + c·log N·log Ê + d (natural logs
 * here; base unverified) with the saturating expert count Ê.
 * @example laws.moe.clark.predict({ N: 1e9, E: 1 }, { a: -0.05, b: 0, c: 0, d: 1.8, Estart: 2, Emax: 100 }) // => 2.1464959205166636
 * @see clarkMoeCitation
 */
export const clarkMoe = defineLaw({
  id: "clark-moe",
  api: "laws.moe.clark",
  name: "Routed LM scaling law (Clark 2022)",
  topic: "loss",
  latex: "\\log L = a \\log N + b \\log \\hat E + c \\log N \\log \\hat E + d,\\; \\frac{1}{\\hat E} = \\frac{1}{E - 1 + (\\frac{1}{E_{\\mathrm{start}} - 1} - \\frac{1}{E_{\\mathrm{max}}})^{-1}} + \\frac{1}{E_{\\mathrm{max}}}",
  formula: "Ehat = 1 / (1 / (E - 1 + 1 / (1 / (Estart - 1) - 1 / Emax)) + 1 / Emax); exp(a * log(N) + b * log(Ehat) + c * log(N) * log(Ehat) + d)",
  inputs: { N: "dense-equivalent parameters", E: "number of experts (≥ 1)" },
  output: "loss, nats/token",
  params: [
    { name: "a" }, { name: "b" }, { name: "c" }, { name: "d" },
    { name: "Estart", lower: 1, description: "expert count where the benefit starts to saturate (> 1)" },
    { name: "Emax", transform: "log", description: "saturation expert count (> Estart)" },
  ],
  published: { example: illustrativeConstants(clarkMoeCitation, { a: -0.05, b: -0.03, c: 0.001, d: 1.8, Estart: 2, Emax: 100 }, "Per-routing-method values are in Clark et al.'s table (not transcribed).") },
  ranges: { N: [1.5e7, 1.3e9], E: [1, 512] },
  citation: clarkMoeCitation,
  status: "unverified",
  predict: (x: { N: number; E: number }, p) => {
    checkExperts("laws.moe.clark.predict", x.E);
    const lE = Math.log(clarkEffectiveExperts(x.E, p)), lN = Math.log(x.N);
    return Math.exp(p.a * lN + p.b * lE + p.c * lN * lE + p.d);
  },
});

/**
 * `laws.moe.krajewski`: fine-grained MoE loss L(N, D, G) = c + (g/G^gamma + a)/N^alpha + b/D^beta.
 * @example laws.moe.krajewski.predict({ N: 1e9, D: 1e10, G: 1 }) // => 3.3772
 * @see krajewskiMoeCitation
 */
export const krajewskiMoe = defineLaw({
  id: "krajewski-moe",
  api: "laws.moe.krajewski",
  name: "Fine-grained MoE scaling law (Krajewski 2024)",
  topic: "loss",
  latex: "L(N,D,G) = c + \\left(\\frac{g}{G^{\\gamma}} + a\\right)\\frac{1}{N^{\\alpha}} + \\frac{b}{D^{\\beta}}",
  formula: "c + (g / G^gamma + a) / N^alpha + b / D^beta",
  inputs: { N: "parameters", D: "training tokens", G: "granularity d_ff / d_expert (1 = standard experts)" },
  output: "loss, nats/token",
  params: [
    { name: "a", transform: "log" }, { name: "alpha", transform: "log" }, { name: "b", transform: "log" },
    { name: "beta", transform: "log" }, { name: "g", transform: "log" }, { name: "gamma" },
    { name: "c", description: "irreducible loss, nats/token" },
  ],
  published: { krajewski: KRAJEWSKI_MOE },
  ranges: { N: [1.3e8, 3.7e9], D: [1.6e10, 1.3e11], G: [1, 16] },
  citation: krajewskiMoeCitation,
  predict: (x: { N: number; D: number; G: number }, p) => p.c + (p.g / x.G ** p.gamma + p.a) / x.N ** p.alpha + p.b / x.D ** p.beta,
});

/**
 * `laws.moe.joint`: L(N_act, D, Ê) = a·Ê^delta·N_act^(alpha + gamma·ln Ê) + b·Ê^omega·D^(beta + zeta·ln Ê) + c
 * (Ê = E here). The default set is illustrative; `published.magnitudes` has the paper's magnitudes with unknown signs.
 * @example laws.moe.joint.predict({ Nact: 1e9, D: 1e10, E: 1 }, { a: 30, delta: 0, alpha: -0.2, gamma: 0, b: 30, omega: 0, beta: -0.2, zeta: 0, c: 1.5 }) // => 2.275467957738334
 * @see jointMoeCitation
 */
export const jointMoe = defineLaw({
  id: "joint-moe",
  api: "laws.moe.joint",
  name: "Joint MoE scaling law (Ludziejewski 2025)",
  topic: "loss",
  latex: "L = a\\hat E^{\\delta} N_{\\mathrm{act}}^{\\alpha + \\gamma \\ln \\hat E} + b \\hat E^{\\omega} D^{\\beta + \\zeta \\ln \\hat E} + c",
  formula: "a * E^delta * Nact^(alpha + gamma * log(E)) + b * E^omega * D^(beta + zeta * log(E)) + c",
  inputs: { Nact: "active parameters", D: "training tokens", E: "number of experts (≥ 1)" },
  output: "loss, nats/token",
  params: [
    { name: "a", transform: "log" }, { name: "delta" }, { name: "alpha" }, { name: "gamma" },
    { name: "b", transform: "log" }, { name: "omega" }, { name: "beta" }, { name: "zeta" }, { name: "c" },
  ],
  published: {
    example: illustrativeConstants(jointMoeCitation, { a: 30, delta: 0.01, alpha: -0.2, gamma: -0.005, b: 30, omega: 0.01, beta: -0.2, zeta: -0.005, c: 1.5 }),
    magnitudes: JOINT_MOE_MAGNITUDES,
  },
  ranges: { Nact: [5e7, 5e9], D: [1e9, 1e12], E: [1, 64] },
  citation: jointMoeCitation,
  status: "unverified",
  predict: (x: { Nact: number; D: number; E: number }, p) => {
    checkExperts("laws.moe.joint.predict", x.E);
    const lE = Math.log(x.E);
    return p.a * x.E ** p.delta * x.Nact ** (p.alpha + p.gamma * lE) + p.b * x.E ** p.omega * x.D ** (p.beta + p.zeta * lE) + p.c;
  },
});
