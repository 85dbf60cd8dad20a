/**
 * Widget state serialisation and the protocol from the kernel side, against a fake comm host installed in the
 * runtime hooks (the kernel's place). Expected states are ipywidgets 8.1.9's own: `IntSlider().get_state()` etc.,
 * run in the project venv (Python, no kernel), minus the layout/style references.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runtimeHooks, type Comm, type CommHost, type CommMessage, type DisplayTarget, type MimeBundle, type RuntimeHooks } from "../../lib/internal";
import { plot, widgets } from "../../lib";

interface Sent { commId: string; kind: "open" | "msg" | "close"; target?: string; data: Record<string, unknown>; metadata?: Record<string, unknown> }

class FakeHost implements CommHost {
  readonly sent: Sent[] = [];
  readonly comms = new Map<string, Comm>();
  readonly targets = new Map<string, (comm: Comm, msg: CommMessage) => void>();

  open(targetName: string, data: Record<string, unknown>, metadata: Record<string, unknown> = {}, commId = `c${this.comms.size}`): Comm {
    this.sent.push({ commId, kind: "open", target: targetName, data, metadata });
    const comm = this.makeComm(commId, targetName);
    this.comms.set(commId, comm);
    return comm;
  }

  private makeComm(commId: string, targetName: string): Comm {
    const sent = this.sent;
    return {
      commId, targetName, closed: false,
      send(data) { sent.push({ commId, kind: "msg", data }); },
      close(data = {}) { sent.push({ commId, kind: "close", data }); },
    };
  }

  registerTarget(name: string, handler: (comm: Comm, msg: CommMessage) => void): void {
    this.targets.set(name, handler);
  }

  unregisterTarget(name: string): void {
    this.targets.delete(name);
  }

  /** The frontend sends a comm_msg. */
  fromFrontend(commId: string, data: Record<string, unknown>): unknown {
    return this.comms.get(commId)!.onMsg?.({ data, metadata: {}, buffers: [] });
  }

  /** The frontend opens a comm to a kernel target. */
  frontendOpens(target: string, commId: string): Comm {
    const comm = this.makeComm(commId, target);
    this.comms.set(commId, comm);
    this.targets.get(target)!(comm, { data: {}, metadata: { version: "1.0.0" }, buffers: [] });
    return comm;
  }

  opened(commId: string): Record<string, unknown> {
    return (this.sent.find((s) => s.kind === "open" && s.commId === commId)!.data.state) as Record<string, unknown>;
  }
}

let host: FakeHost;
let saved: RuntimeHooks;
let displays: { bundle: MimeBundle; target?: DisplayTarget }[];

beforeEach(() => {
  const hooks = runtimeHooks();
  saved = { ...hooks };
  host = new FakeHost();
  displays = [];
  hooks.comms = host;
  hooks.display = (bundle, target) => displays.push({ bundle, target });
});

afterEach(() => {
  const hooks = runtimeHooks();
  for (const k of Object.keys(hooks) as (keyof RuntimeHooks)[]) delete hooks[k];
  Object.assign(hooks, saved);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const withoutRefs = (s: Record<string, unknown>) => {
  const { layout: _l, style: _s, ...rest } = s;
  return rest;
};

// ipywidgets 8.1.9, IntSlider().get_state() without layout and style.
const IPYWIDGETS_INT_SLIDER = {
  _dom_classes: [], _model_module: "@jupyter-widgets/controls", _model_module_version: "2.0.0", _model_name: "IntSliderModel",
  _view_count: null, _view_module: "@jupyter-widgets/controls", _view_module_version: "2.0.0", _view_name: "IntSliderView",
  behavior: "drag-tap", continuous_update: true, description: "", description_allow_html: false, disabled: false, max: 100, min: 0,
  orientation: "horizontal", readout: true, readout_format: "d", step: 1, tabbable: null, tooltip: null, value: 0,
};

describe("widget state (as ipywidgets 8.1.9 sends it)", () => {
  it("IntSlider: Layout and SliderStyle opened first, then the slider with the same state as ipywidgets", () => {
    const s = widgets.IntSlider();
    const opens = host.sent.filter((m) => m.kind === "open");
    expect(opens.map((o) => (o.data.state as Record<string, unknown>)._model_name)).toEqual(["LayoutModel", "SliderStyleModel", "IntSliderModel"]);
    expect(opens.every((o) => o.target === "jupyter.widget" && o.metadata?.version === "2.1.0" && Array.isArray(o.data.buffer_paths))).toBe(true);
    const state = host.opened(s.modelId);
    expect(withoutRefs(state)).toEqual(IPYWIDGETS_INT_SLIDER);
    expect(state.layout).toBe(`IPY_MODEL_${s.layout.modelId}`);
    expect(state.style).toBe(`IPY_MODEL_${s.style!.modelId}`);
    expect(host.opened(s.style!.modelId)).toMatchObject({ _model_name: "SliderStyleModel", _view_name: "StyleView", _view_module: "@jupyter-widgets/base", description_width: "", handle_color: null });
  });

  it("model names and module versions of every widget", () => {
    const label = widgets.Label({ value: "x" });
    const made = [
      widgets.FloatSlider(), widgets.FloatLogSlider(), widgets.IntRangeSlider(), widgets.Dropdown({ options: ["a"] }),
      widgets.ToggleButtons({ options: ["a"] }), widgets.Checkbox(), widgets.Play(), widgets.Text(), label, widgets.HTML(),
      widgets.Button(), widgets.HBox([label]), widgets.VBox([label]), widgets.Tab([label]), widgets.Output(),
    ];
    const names = made.map((w) => {
      const st = host.opened(w.modelId);
      return `${st._model_name} ${st._model_module}@${st._model_module_version}`;
    });
    expect(names).toEqual([
      "FloatSliderModel", "FloatLogSliderModel", "IntRangeSliderModel", "DropdownModel", "ToggleButtonsModel", "CheckboxModel",
      "PlayModel", "TextModel", "LabelModel", "HTMLModel", "ButtonModel", "HBoxModel", "VBoxModel", "TabModel",
    ].map((n) => `${n} @jupyter-widgets/controls@2.0.0`).concat(["OutputModel @jupyter-widgets/output@1.0.0"]));
    // ipywidgets' defaults for these (FloatLogSlider(), Tab(), Output(), Play().get_state()).
    expect(host.opened(made[1]!.modelId)).toMatchObject({ base: 10, min: 0, max: 4, step: 0.1, value: 1, readout_format: ".3g" });
    expect(host.opened(made[13]!.modelId)).toMatchObject({ children: [`IPY_MODEL_${label.modelId}`], titles: [""], selected_index: 0 });
    expect(host.opened(made[14]!.modelId)).toMatchObject({ msg_id: "", outputs: [], _view_name: "OutputView" });
    expect(host.opened(made[6]!.modelId)).toMatchObject({ interval: 100, playing: false, repeat: false, show_repeat: true });
  });

  it("Dropdown: the frontend's state is index and _options_labels; [label, value] pairs", () => {
    const d = widgets.Dropdown({ options: [["Hoffmann 2022", "hoffmann"], ["Besiroglu 2024", "besiroglu"]], value: "besiroglu", description: "fit" });
    expect(host.opened(d.modelId)).toMatchObject({ _options_labels: ["Hoffmann 2022", "Besiroglu 2024"], index: 1, description: "fit" });
    expect(host.opened(d.modelId)).not.toHaveProperty("value");
    host.fromFrontend(d.modelId, { method: "update", state: { index: 0 }, buffer_paths: [] });
    expect(d.value).toBe("hoffmann");
    d.value = "besiroglu";
    expect(host.sent.at(-1)).toMatchObject({ commId: d.modelId, kind: "msg", data: { method: "update", state: { index: 1 } } });
    expect(() => { d.value = "kaplan" as never; }).toThrow(/not an option/);
  });

  it("jslink is a LinkModel with model references; boxes refer to children", () => {
    const p = widgets.Play();
    const s = widgets.IntSlider();
    const l = widgets.jslink([p, "value"], [s, "value"]);
    expect(host.opened(l.modelId)).toMatchObject({
      _model_name: "LinkModel", _view_name: null, source: [`IPY_MODEL_${p.modelId}`, "value"], target: [`IPY_MODEL_${s.modelId}`, "value"],
    });
  });
});

describe("syncing", () => {
  it("a frontend update is echoed, sets the value and fires observers; a kernel set sends one update", () => {
    const s = widgets.FloatSlider({ min: 0, max: 1, value: 0.5 });
    const seen: [number, number, string][] = [];
    s.observe((c) => { seen.push([c.old, c.new, c.source]); });
    host.fromFrontend(s.modelId, { method: "update", state: { value: 0.25 }, buffer_paths: [] });
    expect(host.sent.at(-1)).toMatchObject({ kind: "msg", data: { method: "echo_update", state: { value: 0.25 } } });
    expect(s.value).toBe(0.25);
    s.value = 0.75;
    expect(host.sent.at(-1)).toEqual({ commId: s.modelId, kind: "msg", data: { method: "update", state: { value: 0.75 }, buffer_paths: [] } });
    s.value = 0.75; // no change, no message, no observer
    expect(seen).toEqual([[0.5, 0.25, "frontend"], [0.25, 0.75, "kernel"]]);
  });

  it("request_state gets the whole state; a button click runs onClick; close sends comm_close", () => {
    const b = widgets.Button({ description: "go" });
    let clicks = 0;
    b.onClick(() => { clicks++; });
    host.fromFrontend(b.modelId, { method: "custom", content: { event: "click" } });
    expect(clicks).toBe(1);
    host.fromFrontend(b.modelId, { method: "request_state" });
    expect(host.sent.at(-1)!.data).toMatchObject({ method: "update", state: { _model_name: "ButtonModel", description: "go" } });
    b.close();
    expect(host.sent.filter((m) => m.kind === "close").map((m) => m.commId)).toContain(b.modelId);
    expect(b.closed).toBe(true);
  });

  it("jupyter.widget.control answers request_states with every live widget's state", () => {
    const s = widgets.IntSlider({ value: 7 });
    const ctl = host.frontendOpens("jupyter.widget.control", "ctl");
    ctl.onMsg!({ data: { method: "request_states" }, metadata: {}, buffers: [] });
    const reply = host.sent.at(-1)!;
    expect(reply).toMatchObject({ commId: "ctl", kind: "msg", data: { method: "update_states", buffer_paths: [] } });
    const states = reply.data.states as Record<string, { model_name: string; model_module_version: string; state: Record<string, unknown> }>;
    expect(states[s.modelId]).toMatchObject({ model_name: "IntSliderModel", model_module: "@jupyter-widgets/controls", model_module_version: "2.0.0", state: { value: 7 } });
    expect(states[s.layout.modelId]!.model_name).toBe("LayoutModel");
  });

  it("displays as the widget-view mime type with a text fallback", () => {
    const s = widgets.IntSlider({ value: 3, description: "layers" });
    const bundle = (s as unknown as { [k: symbol]: () => MimeBundle })[Symbol.for("Jupyter.display")]!();
    expect(bundle).toEqual({
      "application/vnd.jupyter.widget-view+json": { version_major: 2, version_minor: 0, model_id: s.modelId },
      "text/plain": 'IntSlider(description="layers", value=3, min=0, max=100)',
    });
  });

  it("Output collects stream text and displays as nbformat items in one update", async () => {
    const out = widgets.Output();
    out.appendStdout("a");
    out.appendStdout("b\n");
    await out.appendDisplay(plot.figure([{ type: "scatter", x: [1, 2], y: [3, 4] }]));
    await sleep(0);
    const updates = host.sent.filter((m) => m.commId === out.modelId && m.kind === "msg");
    const last = updates.at(-1)!.data.state as { outputs: Record<string, unknown>[] };
    expect(last.outputs[0]).toEqual({ output_type: "stream", name: "stdout", text: "ab\n" });
    expect(last.outputs[1]).toMatchObject({ output_type: "display_data", metadata: {} });
    expect(Object.keys((last.outputs[1] as { data: object }).data)).toContain("application/vnd.plotly.v1+json");
  });
});

describe("widgets.comms", () => {
  it("registers kernel-side targets and opens comms through the host", () => {
    const got: string[] = [];
    widgets.comms.registerTarget("my.target", (comm) => { comm.onMsg = (m) => { got.push(String(m.data.x)); }; });
    host.frontendOpens("my.target", "f1");
    host.fromFrontend("f1", { x: 1 });
    expect(got).toEqual(["1"]);
    const c = widgets.comms.open("frontend.target", { hello: true });
    expect(host.sent.at(-1)).toMatchObject({ commId: c.commId, kind: "open", target: "frontend.target", data: { hello: true } });
    delete runtimeHooks().comms;
    expect(() => widgets.comms.open("x")).toThrow("widgets.comms.open: there is no kernel");
  });
});

describe("interact and plot.live", () => {
  it("shorthands become typed controls; a change re-runs fn (debounced) and replaces the output by display id", async () => {
    const h = widgets.interact(({ N, law, big }) => `${law} ${N.toExponential(1)} ${big}`, { N: [1e8, 1e12, "log"], law: ["a", "b"], big: true }, { debounceMs: 5 });
    expect(displays[0]!.bundle).toHaveProperty(["application/vnd.jupyter.widget-view+json"]);
    // The result: an Output widget's view (for widget frontends) plus the result's own mime types, under one display id.
    expect(displays[1]!.target).toEqual({ displayId: h.displayId, update: false });
    expect(displays[1]!.bundle["text/plain"]).toBe("a 1.0e+10 true");
    const slotId = (displays[1]!.bundle["application/vnd.jupyter.widget-view+json"] as { model_id: string }).model_id;
    expect(host.opened(slotId)._model_name).toBe("OutputModel");
    expect(host.sent.find((m) => m.commId === slotId && m.kind === "msg")!.data).toMatchObject({
      method: "update", state: { outputs: [{ output_type: "display_data", data: { "text/plain": "a 1.0e+10 true" } }] },
    });
    expect(host.opened(h.controls.N.modelId)).toMatchObject({ _model_name: "FloatLogSliderModel", min: 8, max: 12, description: "N" });
    host.fromFrontend(h.controls.N.modelId, { method: "update", state: { value: 1e9 } });
    host.fromFrontend(h.controls.law.modelId, { method: "update", state: { index: 1 } });
    await sleep(40);
    expect(h.runs).toBe(2); // the two changes were one call
    expect(displays.at(-1)!.target).toEqual({ displayId: h.displayId, update: true });
    expect(displays.at(-1)!.bundle["text/plain"]).toBe("b 1.0e+9 true");
    expect(host.sent.filter((m) => m.commId === slotId && m.kind === "msg").at(-1)!.data).toMatchObject({
      method: "update", state: { outputs: [{ output_type: "display_data", data: { "text/plain": "b 1.0e+9 true" } }] },
    });
  });

  it("an error shows in the output and the controls keep working; a newer change cancels a running call", async () => {
    const aborted: number[] = [];
    const h = widgets.interact(async ({ x }, signal) => {
      if (x === 1) throw new RangeError("x must not be 1");
      signal.addEventListener("abort", () => aborted.push(x));
      await sleep(x === 2 ? 100 : 1);
      return x * 10;
    }, { x: [0, 5] }, { debounceMs: 1 });
    await h.ready;
    expect(h.result["text/plain"]).toBe("30"); // the int slider starts at round((0 + 5) / 2) = 3
    const x = h.controls.x;
    host.fromFrontend(x.modelId, { method: "update", state: { value: 1 } });
    await sleep(30);
    expect(h.result).toMatchObject({ "text/plain": "RangeError: x must not be 1" });
    expect(h.result["text/html"]).toContain("x must not be 1");
    host.fromFrontend(x.modelId, { method: "update", state: { value: 2 } }); // slow call...
    await sleep(20);
    host.fromFrontend(x.modelId, { method: "update", state: { value: 4 } }); // ...cancelled by this one
    await sleep(150);
    expect(aborted).toContain(2);
    expect(h.result["text/plain"]).toBe("40");
    expect(displays.filter((d) => d.target?.displayId === h.displayId).map((d) => d.bundle["text/plain"])).not.toContain("20");
  });

  it("plot.live shows a figure once under a display id and updates it in place", () => {
    const fig = plot.figure([{ type: "scatter", x: [1, 2], y: [3, 4] }], { title: "step 0" });
    const live = plot.live(fig);
    live.update({ title: "step 1" }).update([{ type: "scatter", x: [1, 2, 3], y: [1, 2, 3] }]);
    expect(displays.map((d) => d.target)).toEqual([{ displayId: live.displayId, update: false }, { displayId: live.displayId, update: true }, { displayId: live.displayId, update: true }]);
    const spec = displays[2]!.bundle["application/vnd.plotly.v1+json"] as { data: { x: number[] }[]; layout: { title: { text: string } } };
    expect(spec.data[0]!.x).toEqual([1, 2, 3]);
    expect(JSON.stringify(spec.layout.title)).toContain("step 1");
  });
});
