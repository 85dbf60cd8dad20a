/**
 * A figure that updates in place: `plot.live(figure)` shows it once under a display id; `.update(...)` replaces
 * that output (update_display_data, and the Output widget that JupyterLab redraws; see widgets/slot.ts), from a
 * loop, a widget callback or `interact`. It goes through the host's display hook (lib/core/runtime.ts), so the
 * plot folder stays free of kernel code.
 */
import { JUPYTER_DISPLAY, type MimeBundle } from "../core/display";
import { DisplaySlot } from "../widgets/slot";
import type { FigureLayout, FigureTrace } from "./figure";
import { PlotFigure } from "./plot-figure";

export class LiveFigure {
  private readonly slot = new DisplaySlot("live-figure");
  /** The display id of the output this handle replaces. */
  readonly displayId = this.slot.displayId;
  private current: PlotFigure;
  /** How many times the output was replaced. */
  updates = 0;

  constructor(figure: PlotFigure) {
    this.current = figure;
    this.slot.show(figure[JUPYTER_DISPLAY]());
  }

  /** The figure shown now. */
  get figure(): PlotFigure {
    return this.current;
  }

  /**
   * Replaces the shown figure: with new traces (an array), layout fields (an object), or a whole figure.
   * @returns this handle, so updates chain
   */
  update(next: readonly FigureTrace[] | Partial<FigureLayout> | PlotFigure): this {
    this.current = next instanceof PlotFigure ? next
      : Array.isArray(next) ? new PlotFigure(next as readonly FigureTrace[], this.current.layout)
      : this.current.withLayout(next as Partial<FigureLayout>);
    this.updates++;
    this.slot.show(this.current[JUPYTER_DISPLAY]());
    return this;
  }

  [JUPYTER_DISPLAY](): MimeBundle {
    return { "text/plain": `live figure (${this.updates} updates): ${this.current.toText().split("\n")[0]}` };
  }
}

/**
 * Shows `figure` now and returns a handle whose `.update(traces | layout | figure)` redraws it in place.
 * @example plot.live(plot.figure([{ type: "scatter", x: [1, 2], y: [3, 4] }])).update({ title: "step 2" }).figure.layout.title // => "step 2"
 */
export function live(figure: PlotFigure): LiveFigure {
  return new LiveFigure(figure);
}
