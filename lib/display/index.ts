// tables (HTML, text, dataresource JSON)
export * from "./table";
// law cards and the law catalogue
export * from "./law";
// registers the renderers above with lib/core's registry at load time
import "./renderers";
