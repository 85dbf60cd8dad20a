/**
 * Completion right after a kernel start (issue 12 item 3, issue 15): the type checker still loads the library's
 * declarations then, so the kernel answers from the values in scope; later requests go through the checker.
 * Either way each item carries its Jupyter type in `_jupyter_types_experimental` (function, class, namespace,
 * constant, …), not TypeScript's "alias" for every library name. How fast the first answer comes is measured in
 * bench/kernel-startup.ts, never here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scopeComplete } from "../../kernel/engine/introspect";
import type { LocalKernel } from "../../kernel/runner/localClient";
import { startTestKernel } from "./helpers";

let k: LocalKernel;
type Item = { text: string; type: string; start: number; end: number };
const complete = async (code: string, cursor_pos = code.length) => {
  const c = (await k.request("complete_request", { code, cursor_pos })).reply.content as {
    status: string; matches: string[]; cursor_start: number; cursor_end: number; metadata: { _jupyter_types_experimental: Item[] };
  };
  const types = Object.fromEntries(c.metadata._jupyter_types_experimental.map((i) => [i.text, i.type]));
  return { ...c, types };
};

beforeAll(async () => {
  k = await startTestKernel();
});
afterAll(async () => {
  await k?.shutdown();
});

describe("the first complete_request after start", () => {
  it("offers the library's members at once: laws.chin → laws.chinchilla, typed", async () => {
    const c = await complete("laws.chin");
    expect(c.status).toBe("ok");
    expect(c.matches[0]).toBe("chinchilla");
    expect([c.cursor_start, c.cursor_end]).toEqual([5, 9]);
    expect(c.types["chinchilla"]).toBe("constant");
    const top = await complete("x = checkRep");
    expect(top.matches[0]).toBe("checkReproduces");
    expect([top.cursor_start, top.cursor_end, top.types["checkReproduces"]]).toEqual([4, 12, "function"]);
  });
});

describe("completion item types through the type checker", () => {
  it("names functions, classes, namespaces, constants, variables, properties, types and keywords", async () => {
    // A cell waits for the checker, so the requests below are answered by it.
    await k.executeRequest("const myConst = 3; let myVar = 4; class MyClass {}");
    expect((await complete("laws.chin")).types["chinchilla"]).toBe("constant");
    expect((await complete("checkRep")).types["checkReproduces"]).toBe("function");
    expect((await complete("ScalingLabErr")).types["ScalingLabError"]).toBe("class");
    expect((await complete("hparam")).types["hparams"]).toBe("namespace");
    expect((await complete("myCon")).types["myConst"]).toBe("constant");
    expect((await complete("myVa")).types["myVar"]).toBe("variable");
    expect((await complete("MyCla")).types["MyClass"]).toBe("class");
    expect((await complete("Math.ma")).types["max"]).toBe("function");
    expect((await complete("laws.chinchilla.citat")).types["citation"]).toBe("property");
    expect((await complete("const l: FitResu")).types["FitResult"]).toBe("type");
    expect((await complete("whil")).types["while"]).toBe("keyword");
    const all = await complete("laws.");
    expect(Object.values(all.types)).not.toContain("alias");
  });
});

describe("scopeComplete (the answer while the checker loads)", () => {
  const ns = Object.defineProperty({ chinchilla: { predict: () => 1 }, kaplan: {}, Kaplan2: {}, fitKa: () => 0 }, "__esModule", { value: true });
  const locals: Record<string, unknown> = { laws: ns, Chin: class Chin {}, count: 3 };

  it("completes a dotted chain from the values: prefix matches first, then case-insensitive, then substring", () => {
    const c = scopeComplete(locals, "x = laws.chin", 13);
    expect(c).toMatchObject({ matches: ["chinchilla"], cursor_start: 9, cursor_end: 13 });
    expect(c.metadata._jupyter_types_experimental).toEqual([{ start: 9, end: 13, text: "chinchilla", type: "constant" }]);
    expect(scopeComplete(locals, "laws.ka", 7).matches).toEqual(["kaplan", "Kaplan2", "fitKa"]);
    expect(scopeComplete(locals, "laws.chinchilla.pr", 18).metadata._jupyter_types_experimental).toEqual([{ start: 16, end: 18, text: "predict", type: "function" }]);
  });

  it("completes top-level names from the cells' scope and the globals, and replaces the whole identifier", () => {
    // The cursor after "cou" of "coun": the reply replaces all of "coun".
    const c = scopeComplete(locals, "Chin(coun)", 8);
    expect(c.matches[0]).toBe("count");
    expect([c.cursor_start, c.cursor_end]).toEqual([5, 9]);
    // "Chin" matches "chi" ignoring case only.
    const g = scopeComplete(locals, "chi", 3);
    expect(g.metadata._jupyter_types_experimental[0]).toMatchObject({ text: "Chin", type: "class" });
    expect(scopeComplete(locals, "JSO", 3).matches).toContain("JSON");
  });

  it("offers nothing after a receiver it cannot evaluate without running code (a call)", () => {
    expect(scopeComplete(locals, "f().x", 5).matches).toEqual([]);
  });
});
