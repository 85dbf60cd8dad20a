/**
 * Registers the rich renderers with the core registry when the library loads (lib/index.ts re-exports
 * lib/display, which imports this module), so laws, tables, catalogues and fit results from math modules render.
 */
import { registerRenderer } from "../core";
import { renderFitResult } from "./fit-result";
import { renderLaw, renderLawCatalogue } from "./law";
import { renderCitation, renderPublishedConstants, renderResult } from "./result";
import { renderTable } from "./table";

registerRenderer("table", renderTable);
registerRenderer("law", renderLaw);
registerRenderer("law-catalogue", renderLawCatalogue);
registerRenderer("fit-result", renderFitResult);
registerRenderer("citation", renderCitation);
registerRenderer("published-constants", renderPublishedConstants);
registerRenderer("result", renderResult);
