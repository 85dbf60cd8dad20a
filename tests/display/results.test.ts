/**
 * Public values that used to print as raw JS objects now display through the renderer registry: every law's
 * published constant sets and citations, and the optimum/frontier/allocation results (text/plain + text/html).
 * Their data is unchanged: same enumerable fields, same JSON.
 */
import { describe, expect, it } from "vitest";
import { hparams, laws } from "../../lib";
import { JUPYTER_DISPLAY, listLaws } from "../../lib/core";

type Bundle = Record<string, string>;
const bundle = (v: unknown): Bundle => {
  const show = (v as { [JUPYTER_DISPLAY]?: () => Bundle })[JUPYTER_DISPLAY];
  if (typeof show !== "function") throw new Error(`not displayable: ${JSON.stringify(v).slice(0, 80)}`);
  return show.call(v);
};
const loss = (N: number, D: number) => 1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28;

describe("displays of public result values", () => {
  it("every card's published constant sets and citations display as cards, not raw objects", () => {
    for (const card of listLaws()) {
      expect(Object.keys(bundle(card.citation))).toEqual(["text/plain", "text/html"]);
      for (const c of card.constants ?? []) expect(Object.keys(bundle(c)).sort()).toEqual(["text/html", "text/plain"]);
    }
  });

  it("a published constant set shows its name, status badge, every constant and its source", () => {
    const b = bundle(laws.chinchilla.published.besiroglu);
    expect(b["text/html"]).toContain("scalinglab-badge");
    for (const name of ["E", "A", "B", "alpha", "beta"]) expect(b["text/html"]).toContain(`<th>${name}</th>`);
    expect(b["text/plain"]).toContain(laws.chinchilla.published.besiroglu.name);
    expect(b["text/plain"]).toContain("Source: Besiroglu");
  });

  it("a citation shows the formatted reference with an arXiv link", () => {
    const b = bundle(laws.chinchilla.citation);
    expect(b["text/plain"]).toMatch(/^Hoffmann/);
    expect(b["text/html"]).toContain(`href="https://arxiv.org/abs/${laws.chinchilla.citation.arxiv}"`);
  });

  it("optimum results are titled field tables; their fields and JSON stay plain data", () => {
    const opt = laws.chinchilla.optimal(5.76e23);
    const b = bundle(opt);
    expect(b["text/plain"].split("\n")[0]).toBe("laws.chinchilla.optimal: compute-optimal N, D at C = 5.760e+23 FLOPs");
    expect(b["text/html"]).toContain("<th style=\"text-align:left\">tokensPerParam</th>");
    expect(Object.keys(opt)).toEqual(["N", "D", "tokensPerParam", "loss", "a", "b"]);
    expect(Object.keys(JSON.parse(JSON.stringify(opt)))).toEqual(Object.keys(opt));
    for (const v of [laws.kaplan.optimal({ Cmin: 1 }), laws.muennighoff.optimal({ C: 1e21, U: 1e10 }), hparams.deepseek.allocation({ C: 1e20 }),
      laws.allocation.computeOptimal(loss, 1e21), laws.allocation.inferenceAware(loss, 2.0, 1e12)]) {
      const shown = bundle(v);
      expect(shown["text/plain"]).toMatch(/^(laws|hparams)\.[A-Za-z.]+: /);
      expect(shown["text/html"]).toContain("scalinglab-result");
    }
  });

  it("a frontier shows its exponents and its points as a nested table", () => {
    const b = bundle(laws.allocation.frontier(loss, [1e20, 1e22, 1e24]));
    expect(b["text/plain"]).toContain("nExponent: ");
    expect(b["text/plain"]).toMatch(/points:\n\s+C\s+N\s+D/);
    expect(b["text/html"].match(/<table/g)).toHaveLength(2);
  });
});
