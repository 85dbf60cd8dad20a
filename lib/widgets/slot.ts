/**
 * One output that is replaced in place, working in every frontend: it is shown under a display id as a bundle
 * holding both an Output widget's view (`application/vnd.jupyter.widget-view+json`) and the content's own mime
 * types. A frontend with the widget manager renders the Output widget, whose `outputs` state each replacement
 * sets (JupyterLab's plotly renderer ignores a re-render of a drawn figure, so update_display_data alone would
 * leave it stale); any other frontend, a headless run or an HTML export uses the content's mime types, and
 * update_display_data (same display id) replaces them.
 */
import * as crypto from "node:crypto";
import type { MimeBundle } from "../core/display";
import { runtimeHooks } from "../core/runtime";
import { OutputWidget } from "./output";
import { WIDGET_VIEW_MIME } from "./widget";

export class DisplaySlot {
  /** The display id of the output. */
  readonly displayId: string;
  /** The widget that shows the content in widget-capable frontends. */
  readonly widget = new OutputWidget();
  private shown = false;

  constructor(prefix: string) {
    this.displayId = `${prefix}-${crypto.randomUUID()}`;
  }

  /** Shows `bundle` (the first time adds the output; later times replace it). */
  show(bundle: MimeBundle): void {
    this.widget.set({ outputs: [{ output_type: "display_data", data: bundle, metadata: {} }] });
    const view = { [WIDGET_VIEW_MIME]: { version_major: 2, version_minor: 0, model_id: this.widget.modelId } };
    runtimeHooks().display?.({ ...view, ...bundle }, { displayId: this.displayId, update: this.shown });
    this.shown = true;
  }

  close(): void {
    this.widget.close();
  }
}
