import { describe, expect, it } from "vitest";
import { InvalidInputError, JUPYTER_DISPLAY } from "../../lib/core";
import { figure as makeFigure, lines, sweep } from "../../lib/plot";

const PLOTLY_MIME = "application/vnd.plotly.v1+json";
const xs = [1, 10, 100, 1000];
// y = a·x^-0.5: the frames differ only in their scale a.
const powerLaw = (a: number) => lines({ x: xs, y: xs.map((x) => a * x ** -0.5), name: "y" }, { title: `a = ${a}`, logX: true, logY: true });

interface Spec {
  data: { y: number[] }[];
  layout: { height: number; margin: { b: number }; yaxis: { range: number[] }; sliders: { active: number; steps: { label: string; args: unknown[] }[] }[] };
  frames: { name: string; data: { y: number[] }[]; layout: { title: { text: string }; yaxis: { range: number[] } } }[];
}

describe("plot.sweep", () => {
  it("one animation frame and one slider step per value, starting at `initial`; the SVG and text show that frame", () => {
    const s = sweep({ param: "a", values: [1, 2, 4], figure: powerLaw, initial: 1 });
    const b = s[JUPYTER_DISPLAY]() as Record<string, unknown>;
    expect(Object.keys(b).sort()).toEqual([PLOTLY_MIME, "image/svg+xml", "text/plain"].sort());
    const spec = b[PLOTLY_MIME] as Spec;
    expect(spec.frames.map((f) => f.name)).toEqual(["0", "1", "2"]);
    // Plotly data carries 6 significant digits.
    expect(spec.frames[2].data[0].y).toEqual(xs.map((x) => expect.closeTo(4 * x ** -0.5, 5)));
    expect(spec.frames[2].layout.title.text).toBe("a = 4");
    expect(spec.data[0].y).toEqual(spec.frames[1].data[0].y);
    const slider = spec.layout.sliders[0];
    expect(slider.active).toBe(1);
    expect(slider.steps.map((st) => st.label)).toEqual(["1", "2", "4"]);
    expect(slider.steps[2].args[0]).toEqual(["2"]);
    expect(b["image/svg+xml"]).toBe(powerLaw(2).withLayout({ y: { ...powerLaw(2).layout.y, range: s.frames[1].layout.y!.range } }).toSVG());
    expect(b["text/plain"]).toMatch(/^Sweep over a: 3 values \(1 … 4\), showing a = 2\nFigure: a = 2/);
  });

  it("the axes are fixed to the union of the frames' ranges (unless fixedAxes: false), and the slider gets room below the plot", () => {
    const fixed = sweep({ param: "a", values: [1, 4], figure: powerLaw }).toPlotly() as unknown as Spec;
    const plain = powerLaw(1).toPlotly() as unknown as Spec;
    // Union of y over both frames: 1·1000^-0.5 … 4·1, padded 4% of the span in log10 by the first frame's resolution.
    const lo = Math.log10(1000 ** -0.5);
    const hi = Math.log10(4);
    expect(fixed.frames[0].layout.yaxis.range).toEqual(fixed.frames[1].layout.yaxis.range);
    expect(fixed.frames[0].layout.yaxis.range[0]).toBeLessThan(lo);
    expect(fixed.frames[0].layout.yaxis.range[1]).toBeGreaterThan(hi);
    const free = sweep({ param: "a", values: [1, 4], figure: powerLaw, fixedAxes: false }).toPlotly() as unknown as Spec;
    expect(free.frames[0].layout.yaxis.range).toEqual(plain.layout.yaxis.range);
    expect(free.frames[1].layout.yaxis.range).not.toEqual(plain.layout.yaxis.range);
    expect(fixed.layout.height - plain.layout.height).toBe(fixed.layout.margin.b - plain.layout.margin.b);
    expect(fixed.layout.height).toBeGreaterThan(plain.layout.height);
  });

  it("string values and custom labels", () => {
    const s = sweep({ param: "law", values: ["x", "y"], figure: (v) => makeFigure([{ type: "scatter", x: [1, 2], y: v === "x" ? [1, 2] : [2, 1] }]), label: (v) => `law ${v}` });
    expect(s.labels).toEqual(["law x", "law y"]);
  });

  it("bad input is a typed one-line error naming the option", () => {
    expect(() => sweep({ param: "a", values: [], figure: powerLaw })).toThrow(InvalidInputError);
    expect(() => sweep({ param: "a", values: [], figure: powerLaw })).toThrow(/plot\.sweep: values must be a non-empty array/);
    expect(() => sweep({ param: "a", values: [1, 2], figure: powerLaw, initial: 2 })).toThrow(/initial = 2 is not an index/);
    expect(() => sweep({ param: "a", values: [1, 2], figure: (a) => (a === 1 ? powerLaw(a) : powerLaw(a).addTraces({ type: "scatter", x: [1], y: [1] })) }))
      .toThrow(/at a = 2 the figure has traces \[scatter, scatter\] but at a = 1 \[scatter\]/);
    expect(() => sweep({ param: "a", values: [1], figure: () => "no" as never })).toThrow(/figure\(1\) returned string, not a figure/);
  });
});
