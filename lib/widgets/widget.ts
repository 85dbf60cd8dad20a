/**
 * The Jupyter widget message protocol 2.1 from the kernel side: one comm (target `jupyter.widget`) per model,
 * opened with the model's whole state; `update` both ways (the frontend's echoed back as `echo_update`, as
 * ipywidgets 8 does), `request_state`, `custom` (button clicks), and the `jupyter.widget.control` target that
 * answers `request_states` after a page reload with the state of every live widget.
 *
 * The comms come from the host (runtimeHooks().comms, which the kernel installs). Without a host (a script, a
 * test) a widget keeps its state locally: setting a value still fires its observers, nothing is sent.
 */
import * as crypto from "node:crypto";
import * as util from "node:util";
import { JUPYTER_DISPLAY, type MimeBundle } from "../core/display";
import { runtimeHooks, type Comm, type CommHost, type CommMessage } from "../core/runtime";

export const WIDGET_PROTOCOL_VERSION = "2.1.0";
export const WIDGET_TARGET = "jupyter.widget";
export const CONTROL_TARGET = "jupyter.widget.control";
export const WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json";
export const CONTROLS = { module: "@jupyter-widgets/controls", version: "2.0.0" } as const;
export const BASE = { module: "@jupyter-widgets/base", version: "2.0.0" } as const;
export const OUTPUT = { module: "@jupyter-widgets/output", version: "1.0.0" } as const;

/** Which frontend class renders a model: `_model_*` and `_view_*` of its state. */
export interface ModuleRef {
  readonly module: string;
  readonly version: string;
}

export interface ModelSpec {
  model: string;
  view: string | null;
  module: ModuleRef;
  viewModule?: ModuleRef;
}

/** A state change, as observers get it. */
export interface Change<V = unknown> {
  name: string;
  old: V;
  new: V;
  owner: Widget<any>;
  /** "frontend" when the user moved the control, "kernel" when code set it. */
  source: "frontend" | "kernel";
}

type Observer = { fn: (c: Change<any>) => unknown; names: ReadonlySet<string> | null };

/** Every widget not yet closed, by model id (answers request_states). */
const live = new Map<string, Widget<any>>();

/** `IPY_MODEL_<id>`: how one model's state refers to another. */
export const ref = (w: Widget<any>) => `IPY_MODEL_${w.modelId}`;

export function liveWidgets(): ReadonlyMap<string, Widget<any>> {
  return live;
}

/** The full state of every live widget in the shape of the control channel's `update_states`. */
export function allStates(): Record<string, { model_name: string; model_module: string; model_module_version: string; state: Record<string, unknown> }> {
  const out: ReturnType<typeof allStates> = {};
  for (const [id, w] of live) {
    const state = w.wireState();
    out[id] = {
      model_name: state._model_name as string, model_module: state._model_module as string,
      model_module_version: state._model_module_version as string, state,
    };
  }
  return out;
}

const controlRegistered = new WeakSet<CommHost>();

/** Registers the widget manager's control target with the host once (called at load and per widget). */
export function registerControlTarget(): void {
  const host = runtimeHooks().comms;
  if (!host || controlRegistered.has(host)) return;
  controlRegistered.add(host);
  host.registerTarget(CONTROL_TARGET, (comm) => {
    comm.onMsg = (msg) => {
      if (msg.data.method !== "request_states") throw new Error(`jupyter.widget.control: unknown method ${String(msg.data.method)}`);
      comm.send({ method: "update_states", states: allStates(), buffer_paths: [] });
    };
  });
}

/**
 * A widget model mirrored in the frontend. `P` is its typed properties; `toWire`/`fromWire` translate them to and
 * from the model's JSON state when the two differ (Dropdown's value is the frontend's `index`).
 */
export abstract class Widget<P extends object = Record<string, unknown>> {
  readonly modelId: string = crypto.randomUUID().replace(/-/g, "");
  protected props: P;
  private comm: Comm | null = null;
  private observers: Observer[] = [];
  private closedFlag = false;

  protected constructor(private readonly spec: ModelSpec, props: P) {
    this.props = props;
  }

  /** Registers the widget and opens its comm (subclasses call this at the end of their constructor). */
  protected start(): void {
    live.set(this.modelId, this);
    registerControlTarget();
    this.ensureComm();
  }

  /** False once `close()` ran or the frontend closed the comm. */
  get closed(): boolean {
    return this.closedFlag;
  }

  /** The JSON state of the typed properties (override when the frontend's fields differ). */
  protected toWire(patch: Partial<P>): Record<string, unknown> {
    return { ...patch } as Record<string, unknown>;
  }

  /** Typed properties from a frontend state patch (override with toWire). */
  protected fromWire(state: Record<string, unknown>): Partial<P> {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(state)) if (k in this.props) out[k] = state[k];
    return out as Partial<P>;
  }

  /** The state fields that never change: which frontend classes render the model. */
  private modelFields(): Record<string, unknown> {
    const s = this.spec;
    const view = s.viewModule ?? s.module;
    return {
      _model_name: s.model, _model_module: s.module.module, _model_module_version: s.module.version,
      _view_name: s.view, _view_module: view.module, _view_module_version: view.version, _view_count: null,
    };
  }

  /** The whole JSON state, as sent in comm_open and request_states. */
  wireState(): Record<string, unknown> {
    return { ...this.modelFields(), ...this.extraState(), ...this.toWire(this.props) };
  }

  /** Fixed state fields beyond the typed properties (defaults the frontend expects). */
  protected extraState(): Record<string, unknown> {
    return {};
  }

  private ensureComm(): Comm | null {
    if (this.comm || this.closedFlag) return this.comm;
    const host = runtimeHooks().comms;
    if (!host) return null;
    registerControlTarget();
    const comm = host.open(WIDGET_TARGET, { state: this.wireState(), buffer_paths: [] }, { version: WIDGET_PROTOCOL_VERSION }, this.modelId);
    comm.onMsg = (msg) => this.handle(msg) as void | Promise<void>;
    comm.onClose = () => this.markClosed();
    this.comm = comm;
    return comm;
  }

  /** A message from the frontend model. */
  private handle(msg: CommMessage): unknown {
    const data = msg.data;
    switch (data.method) {
      case "update": {
        const state = (data.state ?? {}) as Record<string, unknown>;
        // Other frontends showing the same model learn the new state (ipywidgets 8's echo).
        if (Object.keys(state).length) this.comm?.send({ method: "echo_update", state, buffer_paths: [] });
        return this.apply(this.fromWire(state), "frontend");
      }
      case "request_state":
        return this.comm?.send({ method: "update", state: this.wireState(), buffer_paths: [] });
      case "custom":
        return this.onCustom((data.content ?? {}) as Record<string, unknown>);
      default:
        throw new Error(`${this.constructor.name}: unknown widget message method ${String(data.method)}`);
    }
  }

  /** A custom message from the frontend (a button's click). */
  protected onCustom(_content: Record<string, unknown>): unknown {
    return undefined;
  }

  /** Reads one typed property. */
  get<K extends keyof P>(key: K): P[K] {
    return this.props[key];
  }

  /** Sets typed properties: the frontend gets one `update`, observers of changed ones run. */
  set(patch: Partial<P>): this {
    this.apply(patch, "kernel");
    return this;
  }

  private apply(patch: Partial<P>, source: Change["source"]): unknown {
    const changed: (keyof P)[] = [];
    const old: Partial<P> = {};
    for (const k of Object.keys(patch) as (keyof P)[]) {
      const v = patch[k] as P[keyof P];
      if (sameValue(this.props[k], v)) continue;
      old[k] = this.props[k];
      this.props[k] = v;
      changed.push(k);
    }
    if (changed.length === 0) return undefined;
    if (source === "kernel" && !this.closedFlag) {
      const sub: Partial<P> = {};
      for (const k of changed) sub[k] = this.props[k];
      this.ensureComm()?.send({ method: "update", state: this.toWire(sub), buffer_paths: [] });
    }
    const pending: Promise<unknown>[] = [];
    for (const k of changed) {
      const change: Change = { name: String(k), old: old[k], new: this.props[k], owner: this, source };
      for (const o of [...this.observers]) {
        if (o.names && !o.names.has(String(k))) continue;
        const r = o.fn(change);
        if (r instanceof Promise) pending.push(r);
      }
    }
    // A frontend update's handler fails (in the log and as stderr) when an async observer rejects.
    return pending.length ? Promise.all(pending) : undefined;
  }

  /**
   * Calls `fn` on each change of the named properties (default: `value` when the widget has one, else all).
   * Returns a function that removes the observer.
   */
  observe<K extends keyof P & string = "value" extends keyof P ? "value" & keyof P : keyof P & string>(
    fn: (change: Change<P[K]>) => unknown, names?: K | readonly K[],
  ): () => void {
    const list = names === undefined ? ("value" in this.props ? ["value"] : null) : typeof names === "string" ? [names] : [...names];
    const o: Observer = { fn, names: list ? new Set(list) : null };
    this.observers.push(o);
    return () => {
      this.observers = this.observers.filter((x) => x !== o);
    };
  }

  /** Closes the comm: the frontend removes its views; the widget stops syncing. */
  close(): void {
    if (this.closedFlag) return;
    this.comm?.close();
    this.markClosed();
  }

  protected markClosed(): void {
    this.closedFlag = true;
    this.comm = null;
    live.delete(this.modelId);
  }

  /** One line for frontends without widgets (and headless runs). */
  toText(): string {
    const name = this.spec.model.replace(/Model$/, "");
    const shown = Object.entries(this.props as Record<string, unknown>)
      .filter(([k, v]) => v !== undefined && v !== "" && v !== null && !(Array.isArray(v) && v.length === 0) && this.shownInText(k))
      .map(([k, v]) => `${k}=${textOf(v)}`);
    return `${name}(${shown.join(", ")})`;
  }

  /** Which properties the text fallback lists. */
  protected shownInText(key: string): boolean {
    return ["description", "value", "min", "max", "options", "children", "titles"].includes(key);
  }

  [JUPYTER_DISPLAY](): MimeBundle {
    this.ensureComm();
    return {
      [WIDGET_VIEW_MIME]: { version_major: 2, version_minor: 0, model_id: this.modelId },
      "text/plain": this.toText(),
    };
  }

  [util.inspect.custom](): string {
    return this.toText();
  }
}

function textOf(v: unknown): string {
  if (v instanceof Widget) return v.toText();
  if (Array.isArray(v)) return `[${v.map(textOf).join(", ")}]`;
  if (typeof v === "number") return Number.isInteger(v) || Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3 ? String(v) : String(+v.toPrecision(6));
  return JSON.stringify(v) ?? String(v);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  return typeof a === "object" && a !== null && typeof b === "object" && b !== null && JSON.stringify(a) === JSON.stringify(b);
}
