import { describe, expect, it } from "vitest";
import { renderAs } from "../../lib/core";
import { fitModelSync } from "../../lib/fit/fit";
import "../../lib";

// The kernel's prelude loads lib/index; that alone must register the rich renderers of lib/display.
// renderAs falls back to {"text/plain": fallback} only when no renderer is registered for the kind.
const citation = { key: "k", authors: "A", year: 2026, title: "T" };
const fit = fitModelSync({ id: "registration-test-const", params: [{ name: "c" }], value: (t) => t[0] }, [1, 2, 3], [2, 2.1, 1.9], { init: [1], objective: "mse", space: "linear" });
const values: Record<string, unknown> = {
  table: { a: [1, 2] },
  law: { id: "x", name: "X", topic: "other", latex: "x", formula: "x", variables: {}, citation, status: "confirmed", api: "x" },
  "law-catalogue": { topic: "all", laws: [] },
  "fit-result": fit,
};

describe("renderer registration", () => {
  it.each(Object.keys(values))('loading the library registers a rich renderer for kind "%s" (it renders HTML)', (kind) => {
    const bundle = renderAs(kind, values[kind], () => "fallback") as Record<string, unknown>;
    expect(bundle["text/plain"]).not.toBe("fallback");
    expect(typeof bundle["text/html"]).toBe("string");
  });
});
