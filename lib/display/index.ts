// tables (HTML, text, dataresource JSON)
export {
  table, htmlTable, textTable, dataResource, TABLE_DEFAULTS,
  type TableRows, type TableColumns, type TableFrame, type TableInput, type TableOptions, type DataTable,
} from "./table";
// law cards and the law catalogue
export { lawLatex, lawCatalogue, type LawCatalogue } from "./law";
// registers the renderers above with lib/core's registry at load time
import "./renderers";
