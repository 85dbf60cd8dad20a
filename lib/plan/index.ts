/**
 * The planner: `plan(spec)` turns a budget into a cited training recipe with uncertainty (issue 14). Importing this
 * module registers the plan card renderer.
 */
import "./display";

export { plan, type Plan, type PlanRule, type PlanAlternative } from "./plan";
export type { PlanSpec, PlanLaw, StatedDefault } from "./inputs";
export { ACCELERATORS, type Accelerator } from "./hardware";
export { planFrontierFigure as frontierFigure, planHparamFigure as hparamFigure, planScheduleFigure as scheduleFigure } from "./display";
