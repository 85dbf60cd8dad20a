/**
 * Turns a cell's IOPub messages into nbformat outputs the way nbclient does: streams of the same name are
 * coalesced, `clear_output(wait)` is deferred to the next output, and `update_display_data` rewrites every
 * earlier output (in any cell) that carries the same display_id.
 */
import type { IOPubMessage } from "./session";
import type { Output } from "./nbformat";
import { joinSource } from "./nbformat";

type RichOutput = Extract<Output, { data: Record<string, unknown> }>;

/** Collects the outputs of one notebook run; `displays` spans cells, like nbclient's display-id map. */
export class NotebookOutputCollector {
  private readonly displays = new Map<string, RichOutput[]>();

  /** A collector for one cell's outputs, filling `outs` in place. */
  forCell(outs: Output[]): (msg: IOPubMessage) => { executionCount?: number } {
    let clearPending = false;
    const push = (out: Output) => {
      if (clearPending) { outs.length = 0; clearPending = false; }
      const last = outs[outs.length - 1];
      if (out.output_type === "stream" && last?.output_type === "stream" && last.name === out.name) {
        last.text = joinSource(last.text) + joinSource(out.text);
      } else {
        outs.push(out);
      }
    };
    return (msg) => {
      const c = msg.content;
      switch (msg.msg_type) {
        case "execute_input":
          return { executionCount: c.execution_count };
        case "stream":
          push({ output_type: "stream", name: c.name, text: c.text });
          break;
        case "display_data":
        case "execute_result": {
          const out: RichOutput = msg.msg_type === "display_data"
            ? { output_type: "display_data", data: c.data ?? {}, metadata: c.metadata ?? {} }
            : { output_type: "execute_result", execution_count: c.execution_count ?? null, data: c.data ?? {}, metadata: c.metadata ?? {} };
          push(out);
          const id = c.transient?.display_id;
          if (typeof id === "string") this.displays.set(id, [...(this.displays.get(id) ?? []), out]);
          break;
        }
        case "update_display_data": {
          const id = c.transient?.display_id;
          for (const out of (typeof id === "string" ? this.displays.get(id) : undefined) ?? []) {
            out.data = c.data ?? {};
            out.metadata = c.metadata ?? {};
          }
          break;
        }
        case "error":
          push({ output_type: "error", ename: c.ename, evalue: c.evalue, traceback: c.traceback ?? [] });
          break;
        case "clear_output":
          if (c.wait) clearPending = true; else outs.length = 0;
          break;
      }
      return {};
    };
  }
}
