/**
 * The `widgets` namespace: Jupyter widgets (ipywidgets' protocol 2.1, rendered by JupyterLab's and Notebook 7's
 * widget manager) made from TypeScript, `interact` for a function of controls, and `jslink`.
 * Each factory returns a typed widget: `.value` get/set syncs with the frontend, `.observe(fn)` runs on changes,
 * `.close()`; it shows as a cell's value or through `display(w)`, and as one line of text where widgets cannot render.
 */
import {
  ButtonWidget, CheckboxWidget, DropdownWidget, FloatLogSliderWidget, FloatSliderWidget, HBoxWidget, HTMLWidget,
  IntRangeSliderWidget, IntSliderWidget, LabelWidget, LinkWidget, PlayWidget, TabWidget, TextWidget, ToggleButtonsWidget,
  VBoxWidget, type BoxOptions, type ButtonOptions, type ChoiceOptions, type DescribedOptions, type DOMOptions,
  type LogSliderOptions, type PlayOptions, type SliderOptions, type StyleProps, type TextOptions, type ToggleButtonsOptions,
} from "./controls";
import { OutputWidget } from "./output";
import type { Widget } from "./widget";

/**
 * An integer slider.
 * @example widgets.IntSlider({ value: 3, min: 0, max: 10, description: "layers" }).value // => 3
 */
export const IntSlider = (options?: SliderOptions<number>) => new IntSliderWidget(options);
/**
 * A slider of real numbers.
 * @example widgets.FloatSlider({ value: 0.34, min: 0.1, max: 0.6, step: 0.01 }).value // => 0.34
 */
export const FloatSlider = (options?: SliderOptions<number>) => new FloatSliderWidget(options);
/**
 * A log-scale slider: `min`, `max`, `step` are exponents of `base` (10), `value` the number itself.
 * @example widgets.FloatLogSlider({ value: 1e10, min: 8, max: 12, description: "N" }).value // => 1e10
 */
export const FloatLogSlider = (options?: LogSliderOptions) => new FloatLogSliderWidget(options);
/**
 * A slider of an integer interval.
 * @example widgets.IntRangeSlider({ value: [2, 5], min: 0, max: 10 }).value // => [2, 5]
 */
export const IntRangeSlider = (options?: SliderOptions<[number, number]>) => new IntRangeSliderWidget(options);
/**
 * A drop-down list; options are values or [label, value] pairs.
 * @example widgets.Dropdown({ options: ["hoffmann", "besiroglu"], value: "besiroglu" }).value // => "besiroglu"
 */
export const Dropdown = <const V>(options: ChoiceOptions<V>) => new DropdownWidget<V>(options);
/**
 * One toggle button per option.
 * @example widgets.ToggleButtons({ options: ["SP", "muP"] }).value // => "SP"
 */
export const ToggleButtons = <const V>(options: ToggleButtonsOptions<V>) => new ToggleButtonsWidget<V>(options);
/**
 * A check box.
 * @example widgets.Checkbox({ value: true, description: "log axes" }).value // => true
 */
export const Checkbox = (options?: DescribedOptions & { value?: boolean; indent?: boolean }) => new CheckboxWidget(options);
/**
 * Play/pause stepping a value in the browser; `jslink` it to a slider.
 * @example widgets.Play({ max: 20, interval: 200 }).value // => 0
 */
export const Play = (options?: PlayOptions) => new PlayWidget(options);
/**
 * A text field.
 * @example widgets.Text({ value: "run-7" }).value // => "run-7"
 */
export const Text = (options?: TextOptions) => new TextWidget(options);
/**
 * A line of text.
 * @example widgets.Label({ value: "N = 70B" }).value // => "N = 70B"
 */
export const Label = (options?: DOMOptions & { value?: string; description?: string; style?: StyleProps }) => new LabelWidget(options);
/**
 * HTML shown as is.
 * @example widgets.HTML({ value: "<b>L = 1.94</b>" }).value // => "<b>L = 1.94</b>"
 */
export const HTML = (options?: DOMOptions & { value?: string; description?: string; style?: StyleProps }) => new HTMLWidget(options);
/**
 * A button; `.onClick(fn)` runs fn on each click.
 * @example widgets.Button({ description: "refit" }).get("description") // => "refit"
 */
export const Button = (options?: ButtonOptions) => new ButtonWidget(options);
/**
 * Widgets side by side.
 * @example widgets.HBox([widgets.Label({ value: "a" }), widgets.Label({ value: "b" })]).children.length // => 2
 */
export const HBox = (children?: readonly Widget<any>[], options?: BoxOptions) => new HBoxWidget(children, options);
/**
 * Widgets stacked.
 * @example widgets.VBox([widgets.Label({ value: "a" })]).children.length // => 1
 */
export const VBox = (children?: readonly Widget<any>[], options?: BoxOptions) => new VBoxWidget(children, options);
/**
 * Tabs, one child each.
 * @example widgets.Tab([widgets.Label({ value: "a" })], { titles: ["first"] }).get("titles") // => ["first"]
 */
export const Tab = (children?: readonly Widget<any>[], options?: BoxOptions & { titles?: string[]; selected_index?: number }) => new TabWidget(children, options);
/**
 * An area collecting output: `out.capture(fn)` sends what fn prints or displays there.
 * @example widgets.Output().outputs.length // => 0
 */
export const Output = (options?: DOMOptions) => new OutputWidget(options);
/**
 * Links two widgets' properties in the browser (works without the kernel): `jslink([play, "value"], [slider, "value"])`.
 * @example widgets.jslink([widgets.Play(), "value"], [widgets.IntSlider(), "value"]).toText() // => "Link(Play.value → IntSlider.value)"
 */
export const jslink = (source: [Widget<any>, string], target: [Widget<any>, string]) => new LinkWidget(source, target);

export { interact, Interaction, type Control, type ControlValue, type ControlValues, type InteractOptions } from "./interact";
export {
  IntSliderWidget, FloatSliderWidget, FloatLogSliderWidget, IntRangeSliderWidget, DropdownWidget, ToggleButtonsWidget,
  CheckboxWidget, PlayWidget, TextWidget, LabelWidget, HTMLWidget, ButtonWidget, HBoxWidget, VBoxWidget, TabWidget,
  OutputWidget, LinkWidget,
};
export { Layout, Style, DOMWidget, ValueWidget, type LayoutProps, type SliderOptions, type LogSliderOptions, type ChoiceOptions, type Choice } from "./controls";
export { Widget, type Change, WIDGET_VIEW_MIME } from "./widget";
export { comms, type Comm, type CommMessage } from "./comms";
