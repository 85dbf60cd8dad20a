import { describe, expect, it } from "vitest";
import { JUPYTER_DISPLAY } from "../../lib/core";
import { fitModelSync } from "../../lib/fit/fit";
import type { Model } from "../../lib/fit/model";
import "../../lib/display";

// y = a·x^b, fitted to exact data generated with a = 2, b = 0.5 (a recovery fit; the display is what is tested).
const power: Model<number> = {
  id: "display-test-power",
  params: [{ name: "a", transform: "log" }, { name: "b" }],
  value: (t, x) => t[0] * x ** t[1],
  valueAndGradient: (t, x, g) => {
    const f = t[0] * x ** t[1];
    g[0] = x ** t[1];
    g[1] = f * Math.log(x);
    return f;
  },
};
const xs = [1, 2, 4, 8, 16, 32];
const ys = xs.map((x) => 2 * Math.sqrt(x) * (1 + 0.01 * Math.sin(x)));

describe("FitResult display", () => {
  const r = fitModelSync(power, xs, ys, { init: [1, 1], objective: "mse" });

  it("renders as text/html and text/plain", () => {
    const b = (r as unknown as { [JUPYTER_DISPLAY](): Record<string, string> })[JUPYTER_DISPLAY]();
    expect(Object.keys(b).sort()).toEqual(["text/html", "text/plain"]);
  });

  it("the HTML table has one row per parameter with estimate, SE and the interval", () => {
    const html = ((r as unknown as { [JUPYTER_DISPLAY](): Record<string, string> })[JUPYTER_DISPLAY]())["text/html"];
    expect(html).toContain(`<th>${Math.round(r.ciLevel * 100)}% CI</th>`);
    const body = html.split("<tbody>")[1].split("</tbody>")[0];
    expect(body.match(/<tr>/g)).toHaveLength(2);
    expect(body).toContain('<th style="text-align:left">a</th>');
    expect(body).toContain(`<td>${+r.params.b.toPrecision(4)}</td>`);
    expect(html).toContain("✓ converged");
    expect(html).toContain(`after ${r.iterations} iterations`);
    expect(html).toContain(`grid: ${r.grid.starts} starts`);
  });

  it("the text form is the fit module's own table", () => {
    const text = ((r as unknown as { [JUPYTER_DISPLAY](): Record<string, string> })[JUPYTER_DISPLAY]())["text/plain"];
    expect(text).toMatch(/^Fit of display-test-power/);
    expect(text).toContain("param");
  });
});
