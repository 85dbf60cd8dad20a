/**
 * The Output widget (`@jupyter-widgets/output` 1.0.0 OutputModel): an output area whose content is its `outputs`
 * state, nbformat items the frontend renders like a cell's. `capture(fn)` sends what fn prints or displays there,
 * also from its timers and awaits, through the host's output capture (the kernel's).
 */
import * as util from "node:util";
import { isDisplayable, JUPYTER_DISPLAY, type MimeBundle } from "../core/display";
import { runtimeHooks, type OutputItem, type OutputSink } from "../core/runtime";
import { DOMWidget, type DOMOptions } from "./controls";
import { OUTPUT } from "./widget";

/** A value's mime bundle: its display protocol, else text (as the kernel renders a cell's value); sync when it can be. */
export function bundleOf(value: unknown): MimeBundle | Promise<MimeBundle> {
  const text = () => (typeof value === "string" ? value : util.inspect(value, { depth: 4 }));
  if (!isDisplayable(value)) return { "text/plain": text() };
  const withText = (b: MimeBundle): MimeBundle => ("text/plain" in b ? b : { ...b, "text/plain": text() });
  const b = value[JUPYTER_DISPLAY]();
  return b instanceof Promise ? b.then(withText) : withText(b);
}

/**
 * An area for output of callbacks (OutputModel).
 * @example widgets.Output().outputs.length // => 0
 */
export class OutputWidget extends DOMWidget<{ outputs: OutputItem[]; msg_id: string }> implements OutputSink {
  private clearOnNext = false;
  private flushQueued = false;

  constructor(o: DOMOptions = {}) {
    super({ model: "OutputModel", view: "OutputView", module: OUTPUT }, { outputs: [], msg_id: "" }, o, null);
    this.start();
  }

  get outputs(): readonly OutputItem[] {
    return this.props.outputs;
  }

  /** Adds one output item (stream text joins the previous item of the same stream). */
  add(item: OutputItem): void {
    let outputs = this.clearOnNext ? [] : [...this.props.outputs];
    this.clearOnNext = false;
    const last = outputs[outputs.length - 1];
    if (item.output_type === "stream" && last?.output_type === "stream" && last.name === item.name) {
      outputs[outputs.length - 1] = { ...last, text: last.text + item.text };
    } else {
      outputs = [...outputs, item];
    }
    // Many prints in one go become one update.
    (this.props as { outputs: OutputItem[] }).outputs = outputs;
    if (!this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(() => {
        this.flushQueued = false;
        const now = this.props.outputs;
        (this.props as { outputs: OutputItem[] }).outputs = [];
        this.set({ outputs: now });
      });
    }
  }

  /** Clears the area (with `wait`, when the next output arrives). */
  clear(wait = false): void {
    if (wait) {
      this.clearOnNext = true;
      return;
    }
    this.clearOnNext = false;
    this.set({ outputs: [] });
  }

  /** Appends a value the way display(value) shows it. */
  async appendDisplay(value: unknown): Promise<void> {
    this.add({ output_type: "display_data", data: await bundleOf(value), metadata: {} });
  }

  appendStdout(text: string): void {
    this.add({ output_type: "stream", name: "stdout", text });
  }

  appendStderr(text: string): void {
    this.add({ output_type: "stream", name: "stderr", text });
  }

  /**
   * Runs `fn` with its console output and display() calls going into this widget (without a kernel: just runs fn).
   * An error thrown by fn is shown here as an error output and thrown on.
   */
  capture<T>(fn: () => T): T {
    const hook = runtimeHooks().captureOutput;
    const showError = (e: unknown) => {
      const err = e instanceof Error ? e : new Error(String(e));
      this.add({ output_type: "error", ename: err.name, evalue: err.message, traceback: [`${err.name}: ${err.message}`] });
    };
    try {
      const out = hook ? hook(this, fn) : fn();
      if (out instanceof Promise) return out.catch((e) => { showError(e); throw e; }) as T;
      return out;
    } catch (e) {
      showError(e);
      throw e;
    }
  }

  override toText(): string {
    const texts = this.props.outputs.map((o) => (o.output_type === "stream" ? o.text.trimEnd() : o.output_type === "error" ? `${o.ename}: ${o.evalue}` : String(o.data["text/plain"] ?? "")));
    return `Output(${texts.length ? texts.join("\n") : ""})`;
  }
}
