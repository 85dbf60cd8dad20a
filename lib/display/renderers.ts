/**
 * Registers the rich renderers with the core registry when the library loads (lib/index.ts re-exports
 * lib/display, which imports this module), so laws, tables, catalogues and fit results from math modules render.
 */
import { registerRenderer } from "../core";
import { renderFitResult } from "./fit-result";
import { renderLaw, renderLawCatalogue } from "./law";
import { renderTable } from "./table";

registerRenderer("table", renderTable);
registerRenderer("law", renderLaw);
registerRenderer("law-catalogue", renderLawCatalogue);
registerRenderer("fit-result", renderFitResult);
