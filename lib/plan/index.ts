/**
 * The planner (issue 14): `plan(spec)` turns a budget into a cited training recipe with uncertainty, and its figures
 * hang off the same name. Importing this module registers the plan card renderer.
 */
import "./display";
import { plan as makePlan, type Plan } from "./plan";
import type { PlanSpec } from "./inputs";
import { ACCELERATORS } from "./hardware";
import { planFrontierFigure, planHparamFigure, planScheduleFigure } from "./display";

/**
 * `plan(spec)` → a Plan (displays as a plan card); `plan.frontierFigure(p)`, `plan.hparamFigure(p)`,
 * `plan.scheduleFigure(p)` draw it; `plan.accelerators` is the hardware table.
 * @example plan({ compute: 1e23, inferenceTokens: 1e13 }).choice.kind // => "inference-optimal"
 * @example plan.accelerators.h100.peakFlops // => 989.4e12
 */
export const plan = Object.assign((spec?: PlanSpec): Plan => makePlan(spec), {
  frontierFigure: planFrontierFigure,
  hparamFigure: planHparamFigure,
  scheduleFigure: planScheduleFigure,
  accelerators: ACCELERATORS,
});

export type { Plan, PlanRule, PlanAlternative } from "./plan";
export type { PlanSpec, PlanLaw, StatedDefault } from "./inputs";
export type { Accelerator } from "./hardware";
