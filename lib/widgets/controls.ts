/**
 * The models of `@jupyter-widgets/controls` 2.0.0 and `@jupyter-widgets/base` 2.0.0 (layout, styles) that the
 * notebook uses, with the state fields and defaults ipywidgets 8.1 sends (read from its models'
 * `get_state()`): sliders, choices, text, buttons, boxes, tabs, `Play` and `jslink`.
 */
import { InvalidInputError } from "../core/errors";
import { BASE, CONTROLS, ref, Widget, type ModelSpec, type ModuleRef } from "./widget";

const spec = (model: string, view: string | null, module: ModuleRef = CONTROLS, viewModule: ModuleRef = module): ModelSpec => ({ model, view, module, viewModule });

/** CSS of a widget's box (`@jupyter-widgets/base` LayoutModel); every field is a CSS value or null. */
export interface LayoutProps {
  align_content: string | null; align_items: string | null; align_self: string | null; border_bottom: string | null;
  border_left: string | null; border_right: string | null; border_top: string | null; bottom: string | null;
  display: string | null; flex: string | null; flex_flow: string | null; grid_area: string | null;
  grid_auto_columns: string | null; grid_auto_flow: string | null; grid_auto_rows: string | null; grid_column: string | null;
  grid_gap: string | null; grid_row: string | null; grid_template_areas: string | null; grid_template_columns: string | null;
  grid_template_rows: string | null; height: string | null; justify_content: string | null; justify_items: string | null;
  left: string | null; margin: string | null; max_height: string | null; max_width: string | null; min_height: string | null;
  min_width: string | null; object_fit: string | null; object_position: string | null; order: string | null;
  overflow: string | null; padding: string | null; right: string | null; top: string | null; visibility: string | null;
  width: string | null;
}

const LAYOUT_KEYS: (keyof LayoutProps)[] = [
  "align_content", "align_items", "align_self", "border_bottom", "border_left", "border_right", "border_top", "bottom",
  "display", "flex", "flex_flow", "grid_area", "grid_auto_columns", "grid_auto_flow", "grid_auto_rows", "grid_column",
  "grid_gap", "grid_row", "grid_template_areas", "grid_template_columns", "grid_template_rows", "height",
  "justify_content", "justify_items", "left", "margin", "max_height", "max_width", "min_height", "min_width",
  "object_fit", "object_position", "order", "overflow", "padding", "right", "top", "visibility", "width",
];

export class Layout extends Widget<LayoutProps> {
  constructor(options: Partial<LayoutProps> = {}) {
    super(spec("LayoutModel", "LayoutView", BASE), { ...Object.fromEntries(LAYOUT_KEYS.map((k) => [k, null])), ...options } as LayoutProps);
    this.start();
  }
}

/** Style fields of the style models (only those the models below use). */
export type StyleProps = Record<string, string | null>;

const STYLE_DEFAULTS: Record<string, StyleProps> = {
  SliderStyleModel: { description_width: "", handle_color: null },
  DescriptionStyleModel: { description_width: "" },
  ToggleButtonsStyleModel: { button_width: "", description_width: "", font_weight: "" },
  CheckboxStyleModel: { background: null, description_width: "" },
  TextStyleModel: { background: null, description_width: "", font_size: null, text_color: null },
  LabelStyleModel: {
    background: null, description_width: "", font_family: null, font_size: null, font_style: null, font_variant: null,
    font_weight: null, text_color: null, text_decoration: null,
  },
  HTMLStyleModel: { background: null, description_width: "", font_size: null, text_color: null },
  ButtonStyleModel: {
    button_color: null, font_family: null, font_size: null, font_style: null, font_variant: null, font_weight: null,
    text_color: null, text_decoration: null,
  },
};

export class Style extends Widget<StyleProps> {
  constructor(model: keyof typeof STYLE_DEFAULTS & string, options: StyleProps = {}) {
    super(spec(model, "StyleView", CONTROLS, BASE), { ...STYLE_DEFAULTS[model], ...options });
    this.start();
  }
}

/** Options every displayed widget takes. */
export interface DOMOptions {
  /** CSS of the widget's box: `{ width: "400px" }`. */
  layout?: Partial<LayoutProps>;
  tooltip?: string | null;
}

/** Options of labelled controls. */
export interface DescribedOptions extends DOMOptions {
  /** The label left of the control. */
  description?: string;
  /** Style fields: `{ description_width: "initial" }`, `{ handle_color: "red" }`. */
  style?: StyleProps;
  disabled?: boolean;
}

/** A widget with a view: its own Layout (and Style) model, opened before it, as ipywidgets does. */
export abstract class DOMWidget<P extends object> extends Widget<P> {
  readonly layout: Layout;
  readonly style: Style | null;
  private readonly tooltip: string | null;

  protected constructor(s: ModelSpec, props: P, options: DOMOptions & { style?: StyleProps }, styleModel: string | null) {
    super(s, props);
    this.layout = new Layout(options.layout);
    this.style = styleModel ? new Style(styleModel, options.style) : null;
    this.tooltip = options.tooltip ?? null;
  }

  protected override extraState(): Record<string, unknown> {
    return { _dom_classes: [], tabbable: null, tooltip: this.tooltip, layout: ref(this.layout), ...(this.style ? { style: ref(this.style) } : {}) };
  }

  override close(): void {
    super.close();
    this.layout.close();
    this.style?.close();
  }
}

/** A control with a typed `value`. */
export abstract class ValueWidget<V, P extends { value: V }> extends DOMWidget<P> {
  get value(): V {
    return this.props.value;
  }

  set value(v: V) {
    this.set({ value: v } as Partial<P>);
  }
}

interface DescribedProps {
  description: string;
  description_allow_html: boolean;
  disabled: boolean;
}

const described = (o: DescribedOptions): DescribedProps => ({ description: o.description ?? "", description_allow_html: false, disabled: o.disabled ?? false });

function checkRange(fn: string, min: number, max: number): void {
  if (!(Number.isFinite(min) && Number.isFinite(max) && min <= max)) {
    throw new InvalidInputError(fn, `min = ${min}, max = ${max}`, "give finite numbers with min ≤ max");
  }
}

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));

// ---------------------------------------------------------------------------------------------------- sliders

export interface SliderOptions<V> extends DescribedOptions {
  value?: V;
  min?: number;
  max?: number;
  step?: number;
  /** Send values while dragging (default true); false: only on release. */
  continuous_update?: boolean;
  orientation?: "horizontal" | "vertical";
  readout?: boolean;
  /** d3-format of the number shown next to the slider. */
  readout_format?: string;
}

export interface SliderProps<V> extends DescribedProps {
  value: V;
  min: number;
  max: number;
  step: number;
  continuous_update: boolean;
  orientation: "horizontal" | "vertical";
  readout: boolean;
  readout_format: string;
  behavior: string;
}

function sliderProps<V>(fn: string, o: SliderOptions<V>, d: { value: V; min: number; max: number; step: number; format: string }): SliderProps<V> {
  const min = o.min ?? d.min;
  const max = o.max ?? d.max;
  checkRange(fn, min, max);
  return {
    ...described(o), value: o.value ?? d.value, min, max, step: o.step ?? d.step, continuous_update: o.continuous_update ?? true,
    orientation: o.orientation ?? "horizontal", readout: o.readout ?? true, readout_format: o.readout_format ?? d.format, behavior: "drag-tap",
  };
}

/**
 * A slider of integers (IntSliderModel).
 * @example widgets.IntSlider({ value: 3, min: 0, max: 10, description: "layers" }).value // => 3
 */
export class IntSliderWidget extends ValueWidget<number, SliderProps<number>> {
  constructor(o: SliderOptions<number> = {}) {
    const p = sliderProps("widgets.IntSlider", o, { value: 0, min: 0, max: 100, step: 1, format: "d" });
    p.value = clamp(Math.round(p.value), p.min, p.max);
    super(spec("IntSliderModel", "IntSliderView"), p, o, "SliderStyleModel");
    this.start();
  }
}

/**
 * A slider of real numbers (FloatSliderModel).
 * @example widgets.FloatSlider({ value: 0.34, min: 0.1, max: 0.6, step: 0.01 }).value // => 0.34
 */
export class FloatSliderWidget extends ValueWidget<number, SliderProps<number>> {
  constructor(o: SliderOptions<number> = {}) {
    const p = sliderProps("widgets.FloatSlider", o, { value: 0, min: 0, max: 100, step: 0.1, format: ".2f" });
    p.value = clamp(p.value, p.min, p.max);
    super(spec("FloatSliderModel", "FloatSliderView"), p, o, "SliderStyleModel");
    this.start();
  }
}

export interface LogSliderOptions extends SliderOptions<number> {
  /** The logarithm's base (default 10); `min`, `max` and `step` are exponents, as in ipywidgets. */
  base?: number;
}

/**
 * A slider on a log scale (FloatLogSliderModel): `min`, `max`, `step` are exponents of `base`, `value` is the number.
 * @example widgets.FloatLogSlider({ value: 1e10, min: 8, max: 12 }).value // => 1e10
 */
export class FloatLogSliderWidget extends ValueWidget<number, SliderProps<number> & { base: number }> {
  constructor(o: LogSliderOptions = {}) {
    const p = sliderProps("widgets.FloatLogSlider", o, { value: 1, min: 0, max: 4, step: 0.1, format: ".3g" });
    const base = o.base ?? 10;
    p.value = clamp(p.value, base ** p.min, base ** p.max);
    super(spec("FloatLogSliderModel", "FloatLogSliderView"), { ...p, base }, o, "SliderStyleModel");
    this.start();
  }
}

/**
 * A slider of an integer interval [low, high] (IntRangeSliderModel).
 * @example widgets.IntRangeSlider({ value: [2, 5], min: 0, max: 10 }).value // => [2, 5]
 */
export class IntRangeSliderWidget extends ValueWidget<[number, number], SliderProps<[number, number]>> {
  constructor(o: SliderOptions<[number, number]> = {}) {
    const min = o.min ?? 0;
    const max = o.max ?? 100;
    const p = sliderProps<[number, number]>("widgets.IntRangeSlider", o, {
      value: [Math.round(min + (max - min) / 4), Math.round(min + (3 * (max - min)) / 4)], min, max, step: 1, format: "d",
    });
    super(spec("IntRangeSliderModel", "IntRangeSliderView"), p, o, "SliderStyleModel");
    this.start();
  }
}

// ---------------------------------------------------------------------------------------------------- choices

/** An option: the value itself (labelled String(value)) or a [label, value] pair. */
export type Choice<V> = V | readonly [string, V];

export interface ChoiceOptions<V> extends DescribedOptions {
  options: readonly Choice<V>[];
  /** The selected value (default: the first option). */
  value?: V;
}

export interface ChoiceProps<V> extends DescribedProps {
  value: V;
  options: readonly Choice<V>[];
}

const isPair = <V>(c: Choice<V>): c is readonly [string, V] => Array.isArray(c) && c.length === 2 && typeof c[0] === "string";

/** Selection widgets: the frontend's state is the selected `index` and the option labels. */
abstract class ChoiceWidget<V, P extends ChoiceProps<V> = ChoiceProps<V>> extends ValueWidget<V, P> {
  protected labels(): string[] {
    return this.props.options.map((c) => (isPair(c) ? c[0] : String(c)));
  }

  protected values(options = this.props.options): V[] {
    return options.map((c) => (isPair(c) ? c[1] : (c as V)));
  }

  protected override toWire(patch: Partial<P>): Record<string, unknown> {
    const { value, options, ...rest } = patch;
    const out: Record<string, unknown> = { ...rest };
    if (options !== undefined) out._options_labels = this.labels();
    if (value !== undefined || options !== undefined) {
      const i = this.values().findIndex((v) => Object.is(v, this.props.value));
      out.index = i < 0 ? null : i;
    }
    return out;
  }

  protected override fromWire(state: Record<string, unknown>): Partial<P> {
    const { index, _options_labels: _labels, ...rest } = state;
    const out = super.fromWire(rest) as Record<string, unknown>;
    if (typeof index === "number") out.value = this.values()[index];
    return out as Partial<P>;
  }

  override set value(v: V) {
    if (!this.values().some((x) => Object.is(x, v))) {
      throw new InvalidInputError(`widgets.${this.constructor.name.replace(/Widget$/, "")}`, `value ${String(v)} is not an option`, `use one of ${this.labels().join(", ")}`);
    }
    super.value = v;
  }

  override get value(): V {
    return super.value;
  }
}

function choiceProps<V>(fn: string, o: ChoiceOptions<V>): ChoiceProps<V> {
  if (!Array.isArray(o.options) || o.options.length === 0) throw new InvalidInputError(fn, "options is empty", "give at least one option");
  const values = o.options.map((c) => (isPair(c) ? c[1] : (c as V)));
  const value = o.value === undefined ? values[0]! : o.value;
  if (!values.some((v) => Object.is(v, value))) throw new InvalidInputError(fn, `value ${String(value)} is not an option`, "pick one of options");
  return { ...described(o), value, options: o.options };
}

/**
 * A drop-down list (DropdownModel); `value` is the selected option's value.
 * @example widgets.Dropdown({ options: ["hoffmann", "besiroglu"], value: "besiroglu" }).value // => "besiroglu"
 */
export class DropdownWidget<V> extends ChoiceWidget<V> {
  constructor(o: ChoiceOptions<V>) {
    super(spec("DropdownModel", "DropdownView"), choiceProps("widgets.Dropdown", o), o, "DescriptionStyleModel");
    this.start();
  }
}

export interface ToggleButtonsOptions<V> extends ChoiceOptions<V> {
  tooltips?: string[];
  button_style?: "" | "primary" | "success" | "info" | "warning" | "danger";
}

/**
 * One button per option, one pressed (ToggleButtonsModel).
 * @example widgets.ToggleButtons({ options: ["SP", "μP"] }).value // => "SP"
 */
export class ToggleButtonsWidget<V> extends ChoiceWidget<V, ChoiceProps<V> & { tooltips: string[]; button_style: string; icons: string[] }> {
  constructor(o: ToggleButtonsOptions<V>) {
    super(spec("ToggleButtonsModel", "ToggleButtonsView"),
      { ...choiceProps("widgets.ToggleButtons", o), tooltips: o.tooltips ?? [], button_style: o.button_style ?? "", icons: [] }, o, "ToggleButtonsStyleModel");
    this.start();
  }
}

// ---------------------------------------------------------------------------------------------------- others

/**
 * A check box (CheckboxModel).
 * @example widgets.Checkbox({ value: true, description: "log axes" }).value // => true
 */
export class CheckboxWidget extends ValueWidget<boolean, DescribedProps & { value: boolean; indent: boolean }> {
  constructor(o: DescribedOptions & { value?: boolean; indent?: boolean } = {}) {
    super(spec("CheckboxModel", "CheckboxView"), { ...described(o), value: o.value ?? false, indent: o.indent ?? true }, o, "CheckboxStyleModel");
    this.start();
  }
}

export interface PlayOptions extends DescribedOptions {
  value?: number;
  min?: number;
  max?: number;
  step?: number;
  /** Milliseconds between steps (default 100). */
  interval?: number;
  repeat?: boolean;
  show_repeat?: boolean;
}

/**
 * Play/pause buttons stepping a value in the frontend (PlayModel); link it to a slider with `jslink`.
 * @example widgets.Play({ max: 20, interval: 200 }).value // => 0
 */
export class PlayWidget extends ValueWidget<number, DescribedProps & {
  value: number; min: number; max: number; step: number; interval: number; playing: boolean; repeat: boolean; show_repeat: boolean;
}> {
  constructor(o: PlayOptions = {}) {
    const min = o.min ?? 0;
    const max = o.max ?? 100;
    checkRange("widgets.Play", min, max);
    super(spec("PlayModel", "PlayView"), {
      ...described(o), value: o.value ?? min, min, max, step: o.step ?? 1, interval: o.interval ?? 100, playing: false,
      repeat: o.repeat ?? false, show_repeat: o.show_repeat ?? true,
    }, o, "DescriptionStyleModel");
    this.start();
  }
}

export interface TextOptions extends DescribedOptions {
  value?: string;
  placeholder?: string;
  continuous_update?: boolean;
}

/**
 * A one-line text field (TextModel).
 * @example widgets.Text({ value: "run-7" }).value // => "run-7"
 */
export class TextWidget extends ValueWidget<string, DescribedProps & { value: string; placeholder: string; continuous_update: boolean }> {
  constructor(o: TextOptions = {}) {
    super(spec("TextModel", "TextView"), {
      ...described(o), value: o.value ?? "", placeholder: o.placeholder ?? "\u200b", continuous_update: o.continuous_update ?? true,
    }, o, "TextStyleModel");
    this.start();
  }
}

type StaticProps = { value: string; description: string; description_allow_html: boolean; placeholder: string };

/**
 * A line of text (LabelModel).
 * @example widgets.Label({ value: "N = 70B" }).value // => "N = 70B"
 */
export class LabelWidget extends ValueWidget<string, StaticProps> {
  constructor(o: DOMOptions & { value?: string; description?: string; style?: StyleProps } = {}) {
    super(spec("LabelModel", "LabelView"), { value: o.value ?? "", description: o.description ?? "", description_allow_html: false, placeholder: "\u200b" }, o, "LabelStyleModel");
    this.start();
  }
}

/**
 * HTML shown as is (HTMLModel).
 * @example widgets.HTML({ value: "<b>L = 1.94</b>" }).value // => "<b>L = 1.94</b>"
 */
export class HTMLWidget extends ValueWidget<string, StaticProps> {
  constructor(o: DOMOptions & { value?: string; description?: string; style?: StyleProps } = {}) {
    super(spec("HTMLModel", "HTMLView"), { value: o.value ?? "", description: o.description ?? "", description_allow_html: false, placeholder: "\u200b" }, o, "HTMLStyleModel");
    this.start();
  }
}

export interface ButtonOptions extends DOMOptions {
  description?: string;
  button_style?: "" | "primary" | "success" | "info" | "warning" | "danger";
  icon?: string;
  disabled?: boolean;
  style?: StyleProps;
}

/**
 * A button (ButtonModel); `onClick(fn)` runs fn on each click in the frontend.
 * @example widgets.Button({ description: "refit" }).get("description") // => "refit"
 */
export class ButtonWidget extends DOMWidget<{ description: string; button_style: string; icon: string; disabled: boolean }> {
  private handlers: ((b: ButtonWidget) => unknown)[] = [];

  constructor(o: ButtonOptions = {}) {
    super(spec("ButtonModel", "ButtonView"), {
      description: o.description ?? "", button_style: o.button_style ?? "", icon: o.icon ?? "", disabled: o.disabled ?? false,
    }, o, "ButtonStyleModel");
    this.start();
  }

  /** Runs `fn` on each click; returns a function that removes it. */
  onClick(fn: (b: ButtonWidget) => unknown): () => void {
    this.handlers.push(fn);
    return () => {
      this.handlers = this.handlers.filter((h) => h !== fn);
    };
  }

  /** What a click in the frontend does (also callable from code). */
  click(): Promise<unknown[]> | undefined {
    const results = this.handlers.map((h) => h(this));
    const pending = results.filter((r): r is Promise<unknown> => r instanceof Promise);
    return pending.length ? Promise.all(pending) : undefined;
  }

  protected override onCustom(content: Record<string, unknown>): unknown {
    return content.event === "click" ? this.click() : undefined;
  }
}

// ---------------------------------------------------------------------------------------------------- containers

type BoxProps = { children: readonly Widget<any>[]; box_style: string };

abstract class BoxBase<P extends BoxProps> extends DOMWidget<P> {
  protected override toWire(patch: Partial<P>): Record<string, unknown> {
    const { children, ...rest } = patch;
    return children === undefined ? rest : { ...rest, children: children.map(ref) };
  }

  protected override fromWire(state: Record<string, unknown>): Partial<P> {
    const { children: _ignored, ...rest } = state;
    return super.fromWire(rest);
  }

  get children(): readonly Widget<any>[] {
    return this.props.children;
  }

  set children(c: readonly Widget<any>[]) {
    this.set({ children: c } as Partial<P>);
  }
}

export interface BoxOptions extends DOMOptions {
  box_style?: "" | "success" | "info" | "warning" | "danger";
}

/**
 * Widgets side by side (HBoxModel).
 * @example widgets.HBox([widgets.Label({ value: "a" }), widgets.Label({ value: "b" })]).children.length // => 2
 */
export class HBoxWidget extends BoxBase<BoxProps> {
  constructor(children: readonly Widget<any>[] = [], o: BoxOptions = {}) {
    super(spec("HBoxModel", "HBoxView"), { children, box_style: o.box_style ?? "" }, o, null);
    this.start();
  }
}

/**
 * Widgets stacked (VBoxModel).
 * @example widgets.VBox([widgets.Label({ value: "a" })]).children.length // => 1
 */
export class VBoxWidget extends BoxBase<BoxProps> {
  constructor(children: readonly Widget<any>[] = [], o: BoxOptions = {}) {
    super(spec("VBoxModel", "VBoxView"), { children, box_style: o.box_style ?? "" }, o, null);
    this.start();
  }
}

/**
 * Tabs, one child per tab (TabModel); `selected_index` is the open tab.
 * @example widgets.Tab([widgets.Label({ value: "a" })], { titles: ["first"] }).get("titles") // => ["first"]
 */
export class TabWidget extends BoxBase<BoxProps & { titles: string[]; selected_index: number | null }> {
  constructor(children: readonly Widget<any>[] = [], o: BoxOptions & { titles?: string[]; selected_index?: number } = {}) {
    super(spec("TabModel", "TabView"), {
      children, box_style: o.box_style ?? "", titles: o.titles ?? children.map(() => ""), selected_index: o.selected_index ?? (children.length ? 0 : null),
    }, o, null);
    this.start();
  }

  protected override shownInText(key: string): boolean {
    return key === "children" || key === "titles";
  }
}

// ---------------------------------------------------------------------------------------------------- links

/**
 * A link between two widgets' properties kept in the frontend (LinkModel): it works without the kernel, e.g.
 * `Play` driving a slider in the browser.
 */
export class LinkWidget extends Widget<{ source: [Widget<any>, string]; target: [Widget<any>, string] }> {
  constructor(source: [Widget<any>, string], target: [Widget<any>, string]) {
    super(spec("LinkModel", null), { source, target });
    this.start();
  }

  protected override toWire(patch: Partial<{ source: [Widget<any>, string]; target: [Widget<any>, string] }>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (patch.source) out.source = [ref(patch.source[0]), patch.source[1]];
    if (patch.target) out.target = [ref(patch.target[0]), patch.target[1]];
    return out;
  }

  protected override fromWire(): Record<string, never> {
    return {};
  }

  override toText(): string {
    const [s, sk] = this.props.source;
    const [t, tk] = this.props.target;
    return `Link(${s.constructor.name.replace(/Widget$/, "")}.${sk} → ${t.constructor.name.replace(/Widget$/, "")}.${tk})`;
  }
}
