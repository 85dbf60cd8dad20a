/**
 * scalinglab's public API: exactly what a notebook cell sees (the kernel adds `display`, `clearOutput` and `math`).
 *
 * Seven namespaces a user learns once — `laws`, `fit`, `hparams`, `mixing`, `data`, `plot`, `widgets` — the planner
 * `plan`, and a few names typed all the time. `help()` browses everything; `help(x)` shows one entry. Plumbing is in `lib/internal.ts`.
 */
import * as laws from "./laws";
import * as fit from "./fit";
import * as hparams from "./hparams";
import * as mixing from "./mixing";
import * as data from "./data";
import * as plot from "./plot";
import { plan } from "./plan";
import * as widgets from "./widgets";
import { makeHelp, type HelpPage } from "./display/help";
import { table } from "./display/table";
import { checkReproduces } from "./core/check";
import { defineLaw } from "./laws/law";
import { loadDataset } from "./data/load";
import { formatCitation } from "./core/citation";
import { ScalingLabError } from "./core/errors";
// Registers the rich renderers (tables, law cards, fit results) with the core registry when the library loads.
import "./display/renderers";

export { laws, fit, hparams, mixing, data, plot, widgets, plan, table, checkReproduces, defineLaw, loadDataset, formatCitation, ScalingLabError };

/**
 * The catalogue of everything in scope, or the card of one thing.
 * @example help().text.startsWith("scalinglab") // => true
 */
export const help: (x?: unknown) => HelpPage = makeHelp(() => ({
  laws, fit, hparams, mixing, data, plot, widgets, plan, help, table, checkReproduces, defineLaw, loadDataset, formatCitation, ScalingLabError,
}));

export type { HelpPage };
export type { Law, LawSpec, LawParams, ParamsLike } from "./laws/law";
export type { FitResult } from "./fit/result";
export type { FitOptions } from "./fit/options";
export type { Model, ParamSpec } from "./fit/model";
export type { Citation, PublishedConstants, SourceStatus } from "./core/citation";
export type { CheckSpec, CheckRecord } from "./core/check";
export type { MimeBundle } from "./core/display";
export type { DataTable, TableInput, TableOptions } from "./display/table";
export type { PlotFigure } from "./plot/plot-figure";
