/**
 * `interact(fn, controls)`: controls (widgets, or a shorthand per parameter) above one output that shows fn's
 * result and is replaced in place (one display id, update_display_data) each time a control changes.
 * Changes are debounced; a newer change cancels the running call (its signal aborts, and library loops that call
 * throwIfInterrupted stop); an error shows in the output and the controls keep working. What fn prints goes to an
 * Output widget under the controls.
 */
import { JUPYTER_DISPLAY, type MimeBundle } from "../core/display";
import { InterruptedError, InvalidInputError } from "../core/errors";
import { runtimeHooks, withTaskSignal } from "../core/runtime";
import {
  CheckboxWidget, DropdownWidget, FloatLogSliderWidget, FloatSliderWidget, IntSliderWidget, TextWidget, VBoxWidget, type ValueWidget,
} from "./controls";
import { bundleOf, OutputWidget } from "./output";
import { DisplaySlot } from "./slot";
import { Widget } from "./widget";

/** A control of one parameter: a widget with a value, or a shorthand. */
export type Control =
  | ValueWidget<any, any>
  /** [min, max, "log"]: a log slider; [min, max] or [min, max, step]: an int or float slider */
  | readonly [number, number, "log"]
  | readonly [number, number]
  | readonly [number, number, number]
  /** choices: a drop-down */
  | readonly string[]
  | boolean
  | string
  | number;

/** The value type a control gives fn. */
export type ControlValue<C> =
  C extends ValueWidget<infer V, any> ? V
  : C extends readonly [number, number, "log"] ? number
  : C extends readonly [number, number] | readonly [number, number, number] ? number
  : C extends readonly (infer S)[] ? S
  : C extends boolean ? boolean
  : C extends string ? string
  : C extends number ? number
  : never;

export type ControlValues<C extends Record<string, Control>> = { [K in keyof C]: ControlValue<C[K]> };

export interface InteractOptions {
  /** Wait this long after the last change before calling fn (default 20 ms). */
  debounceMs?: number;
}

const isInt = (x: number) => Number.isInteger(x);

/** The widget for one shorthand (or the widget itself). */
export function controlWidget(name: string, c: Control): ValueWidget<any, any> {
  const fn = "widgets.interact";
  if (c instanceof Widget) return c;
  const description = name;
  if (Array.isArray(c) && c.length >= 2 && c.length <= 3 && typeof c[0] === "number" && typeof c[1] === "number") {
    const [min, max, third] = c as [number, number, number | "log" | undefined];
    if (third === "log") {
      if (!(min > 0 && max > min)) throw new InvalidInputError(fn, `${name}: [${min}, ${max}, "log"]`, "give 0 < min < max for a log slider");
      const lo = Math.log10(min);
      const hi = Math.log10(max);
      return new FloatLogSliderWidget({ description, min: lo, max: hi, step: (hi - lo) / 100, value: 10 ** ((lo + hi) / 2) });
    }
    if (!(max > min)) throw new InvalidInputError(fn, `${name}: [${min}, ${max}]`, "give min < max");
    if (isInt(min) && isInt(max) && (third === undefined || isInt(third))) {
      return new IntSliderWidget({ description, min, max, step: third ?? 1, value: Math.round((min + max) / 2) });
    }
    return new FloatSliderWidget({ description, min, max, step: third ?? (max - min) / 100, value: (min + max) / 2, readout_format: ".3g" });
  }
  if (Array.isArray(c)) return new DropdownWidget({ description, options: c as readonly string[] });
  if (typeof c === "boolean") return new CheckboxWidget({ description, value: c });
  if (typeof c === "string") return new TextWidget({ description, value: c });
  if (typeof c === "number" && Number.isFinite(c)) {
    const span = c === 0 ? 1 : Math.abs(c);
    return isInt(c)
      ? new IntSliderWidget({ description, min: -span, max: 3 * span, value: c })
      : new FloatSliderWidget({ description, min: -span, max: 3 * span, step: span / 50, value: c, readout_format: ".3g" });
  }
  throw new InvalidInputError(fn, `control ${name} = ${JSON.stringify(c)}`,
    'give a widget, [min, max], [min, max, step], [min, max, "log"], a list of choices, a boolean, a string or a number');
}

function errorBundle(e: unknown): MimeBundle {
  const err = e instanceof Error ? e : new Error(String(e));
  const esc = (s: string) => s.replace(/[&<>]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return {
    "text/plain": `${err.name}: ${err.message}`,
    "text/html": `<pre style="color:#b00020;white-space:pre-wrap">${esc(`${err.name}: ${err.message}`)}</pre>`,
  };
}

/** The live result of `interact`: its controls, its output, and a way to re-run or stop it. */
export class Interaction<C extends Record<string, Control>> {
  /** The widget of each parameter. */
  readonly controls: { [K in keyof C]: ValueWidget<ControlValue<C[K]>, any> };
  /** What fn prints (under the controls). */
  readonly output: OutputWidget;
  /** Controls and the Output widget. */
  readonly box: VBoxWidget;
  /** Where fn's result is shown (one display id, replaced in place). */
  private readonly slot = new DisplaySlot("interact");
  /** The display id of fn's result. */
  readonly displayId = this.slot.displayId;
  /** Resolves once the first result is shown. */
  readonly ready: Promise<void>;
  /** Calls of fn so far (superseded ones included). */
  runs = 0;
  private generation = 0;
  private running: AbortController | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly unobserve: (() => void)[] = [];
  private readonly debounceMs: number;
  private lastBundle: MimeBundle = { "text/plain": "" };

  constructor(private readonly fn: (values: ControlValues<C>, signal: AbortSignal) => unknown, controls: C, options: InteractOptions = {}) {
    this.debounceMs = options.debounceMs ?? 20;
    const made: Record<string, ValueWidget<any, any>> = {};
    for (const [name, c] of Object.entries(controls)) made[name] = controlWidget(name, c);
    this.controls = made as Interaction<C>["controls"];
    this.output = new OutputWidget();
    this.box = new VBoxWidget([...Object.values(made), this.output]);
    for (const w of Object.values(made)) this.unobserve.push(w.observe(() => this.schedule(), "value"));
    const display = runtimeHooks().display;
    display?.(this.box[JUPYTER_DISPLAY]());
    this.ready = this.run(true);
  }

  /** The current value of every control. */
  values(): ControlValues<C> {
    return Object.fromEntries(Object.entries(this.controls).map(([k, w]) => [k, (w as ValueWidget<unknown, any>).value])) as ControlValues<C>;
  }

  /** The bundle last shown as the result. */
  get result(): MimeBundle {
    return this.lastBundle;
  }

  /** Calls fn after the debounce delay, cancelling a call still running. */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.running?.abort();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run(false);
    }, this.debounceMs);
  }

  /** Calls fn now and shows its result (the first call adds the output, later ones replace it). */
  async run(first = false): Promise<void> {
    const generation = ++this.generation;
    this.running?.abort();
    const ac = new AbortController();
    this.running = ac;
    this.runs++;
    this.output.clear(true);
    const show = (bundle: MimeBundle) => {
      if (generation !== this.generation) return;
      this.lastBundle = bundle;
      this.slot.show(bundle);
    };
    let out: unknown;
    try {
      const capture = runtimeHooks().captureOutput;
      out = withTaskSignal(ac.signal, () => (capture ? capture(this.output, () => this.fn(this.values(), ac.signal)) : this.fn(this.values(), ac.signal)));
      // A first result computed at once keeps its place right under the controls.
      if (!(out instanceof Promise)) {
        const b = out === undefined ? { "text/plain": "" } : bundleOf(out);
        if (!(b instanceof Promise)) return show(b);
      } else if (first) {
        show({ "text/plain": "…" });
      }
      const value = await out;
      if (generation !== this.generation) return;
      show(value === undefined ? { "text/plain": "" } : await bundleOf(value));
    } catch (e) {
      if (generation !== this.generation || (ac.signal.aborted && e instanceof InterruptedError)) return;
      show(errorBundle(e));
    } finally {
      if (this.running === ac) this.running = null;
    }
  }

  /** Stops reacting to the controls and closes them. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.running?.abort();
    for (const u of this.unobserve) u();
    this.box.close();
    for (const w of Object.values(this.controls)) (w as Widget<any>).close();
    this.output.close();
    this.slot.close();
  }

  [JUPYTER_DISPLAY](): MimeBundle {
    return { "text/plain": `interact(${this.fn.name || "fn"}): ${Object.keys(this.controls).join(", ")}` };
  }
}

/**
 * Shows controls and the result of `fn(values)` under them, re-run when a control changes (debounced), the result
 * replaced in place. Each control is a widget or a shorthand: `[1e8, 1e12, "log"]` (log slider), `[0.1, 0.6]`
 * (slider), `["hoffmann", "besiroglu"]` (drop-down), `true` (check box), `"text"`, `3` (slider around 3).
 * fn gets the values (typed from the controls) and an AbortSignal that aborts when a newer change arrives.
 * @example widgets.interact(({ alpha }) => alpha * 2, { alpha: [0.1, 0.6] }).result["text/plain"] // => "0.7"
 */
export function interact<const C extends Record<string, Control>>(
  fn: (values: ControlValues<C>, signal: AbortSignal) => unknown, controls: C, options: InteractOptions = {},
): Interaction<C> {
  return new Interaction(fn, controls, options);
}
