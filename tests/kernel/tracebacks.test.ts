/**
 * Issue 12 items 1, 2 and 8, through the runner's local client. A runtime error's traceback names the line
 * and column the user typed (not the converter's output), shows that line with a caret, and shows library
 * frames as `lib/….ts:line` (dist's source maps) without Node, tslab or kernel frames. A failed or interrupted
 * cell keeps the declarations that ran, with their types. Declaring a name that hides a library export warns
 * once. Positions are counted by hand in the cells below (1-based line:column, as editors show them).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalKernel } from "../../kernel/runner/localClient";
import type { Message } from "../../kernel/server/wire";
import { startTestKernel } from "./helpers";

let k: LocalKernel;
const content = (m: Message | undefined) => (m?.content ?? {}) as Record<string, any>;
const find = (outs: Message[], type: string) => outs.find((m) => m.header.msg_type === type);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs a cell expected to fail; returns its traceback after checking the reply and the error output agree. */
async function traceback(code: string): Promise<string[]> {
  const { reply, outputs } = await k.executeRequest(code, { stop_on_error: false });
  expect(content(reply).status).toBe("error");
  expect(content(find(outputs, "error")).traceback).toEqual(content(reply).traceback);
  return content(reply).traceback;
}

async function value(code: string): Promise<string> {
  const { reply, outputs } = await k.executeRequest(code, { stop_on_error: false });
  expect(content(reply)).toMatchObject({ status: "ok" });
  return content(find(outputs, "execute_result")).data["text/plain"];
}

const label = (tb: string[]) => /In\[(\d+)\]/.exec(tb.join("\n"))![0];

beforeAll(async () => {
  k = await startTestKernel();
});
afterAll(async () => {
  await k?.shutdown();
});

describe("runtime tracebacks at the user's line", () => {
  it("a synchronous throw: line 3, column 7 (`new Error`), the line and a caret under it, nothing else", async () => {
    const tb = await traceback("const a = 1;\nconst b = a + 1;\nthrow new Error('x')");
    const cell = label(tb);
    expect(tb).toEqual([
      "Error: x",
      `    at ${cell}:3:7`,
      "        throw new Error('x')",
      "              ^",
    ]);
  });

  it("a throw after `await`, inside a function defined in an earlier cell: both cells' frames, each at its line", async () => {
    const def = await k.executeRequest("function check(n: number) {\n  if (n > 2) throw new RangeError(`n = ${n} is too big`);\n  return n;\n}");
    expect(content(def.reply).status).toBe("ok");
    const tb = await traceback("const q = 5;\nawait new Promise((r) => setTimeout(r, 10));\nconst { x } = { x: 3 };\n  check(x) + q;");
    expect(tb[0]).toBe("RangeError: n = 3 is too big");
    const [defCell, useCell] = [...tb.join("\n").matchAll(/In\[\d+\]/g)].map((m) => m[0]);
    expect(tb.slice(1)).toEqual([
      `    at check (${defCell}:2:20)`,
      "          if (n > 2) throw new RangeError(`n = ${n} is too big`);",
      "                           ^",
      `    at ${useCell}:4:3`,
      "          check(x) + q;",
      "          ^",
    ]);
  });

  it("a throw inside a library function shows the library's TypeScript file and line, then the cell's call", async () => {
    const tb = await traceback("const m = { id: 'm', params: [{ name: 'k' }], value: (t: ArrayLike<number>, x: number) => t[0]! * x };\n" +
      "fit.modelSync(m, [1, 2, 3], [2, 4])");
    expect(tb[0]).toBe("InvalidInputError: fit.modelSync: need one observed y per row; got 3 rows and 2 y values");
    const lib = tb.filter((l) => /^ {4}at .*\(lib\//.test(l));
    expect(lib.length).toBeGreaterThan(0);
    // lib/fit/fit.ts: planFit's row-count check is the line of that message.
    const fs = await import("node:fs");
    const source = fs.readFileSync(`${__dirname}/../../lib/fit/fit.ts`, "utf8").split("\n");
    const line = source.findIndex((l) => l.includes("need one observed y per row")) + 1;
    expect(lib[0]).toBe(`    at planFit (lib/fit/fit.ts:${line})`);
    const cell = label(tb);
    expect(tb.slice(-3)).toEqual([`    at ${cell}:2:5`, "        fit.modelSync(m, [1, 2, 3], [2, 4])", "            ^"]);
    expect(tb.join("\n")).not.toMatch(/dist\/|node:|tslab|node_modules|\.js:/);
  });

  it("shorthand properties the kernel spells out do not shift the column", async () => {
    const tb = await traceback("const w = 2;\nconst o = { w, v: null as any };  o.v.boom()");
    expect(tb.slice(1)).toEqual([`    at ${label(tb)}:2:39`, "        const o = { w, v: null as any };  o.v.boom()", "                                              ^"]);
  });

  it("a cell of 1,500 typed declarations still maps (export copies and type annotations are not counted as edits)", async () => {
    const decls = Array.from({ length: 1500 }, (_, i) => `const big${i}: number = ${i};`).join("\n");
    const tb = await traceback(`${decls}\nthrow new Error('late')`);
    expect(tb.slice(1)).toEqual([`    at ${label(tb)}:1501:7`, "        throw new Error('late')", "              ^"]);
  });
});

describe("a failed or interrupted cell keeps what ran", () => {
  it("a cell that throws midway keeps the declarations before the throw, with their types; later ones do not exist", async () => {
    await traceback("let count = 0;\nconst name = 'run';\nwhile (count < 100) { count++; if (count === 7) throw new Error('stop') }\nconst after = 1;");
    expect(await value("count + name.length")).toBe("10");
    // The type survived: a string method on the number is a type error naming `number`.
    const wrong = await k.executeRequest("count.toUpperCase()", { stop_on_error: false });
    expect(content(wrong.reply).evalue).toBe("Property 'toUpperCase' does not exist on type 'number'.");
    const gone = await k.executeRequest("after", { stop_on_error: false });
    expect(content(gone.reply).evalue).toBe("Cannot find name 'after'.");
  });

  it("a name redeclared after the failure keeps its earlier value and type", async () => {
    expect(await value("let unit = 'steps'; unit")).toBe("'steps'");
    await traceback("throw new Error('early');\nconst unit = 42;");
    expect(await value("unit.toUpperCase()")).toBe("'STEPS'");
  });

  it("an interrupted `while` loop keeps its counter and the dataset-like value declared before it", async () => {
    const loop = k.executeRequest("const rows = [{ N: 1e9, loss: 2.5 }];\nlet i = 0;\nwhile (true) { i++ }", { stop_on_error: false }, 60_000);
    await sleep(1500);
    await k.request("interrupt_request", {}, { channel: "control", timeoutMs: 10_000 });
    expect(content((await loop).reply)).toMatchObject({ status: "error", ename: "InterruptedError" });
    expect(await value("i > 0 && rows[0]!.loss === 2.5")).toBe("true");
    const wrong = await k.executeRequest("rows[0]!.lossy", { stop_on_error: false });
    expect(content(wrong.reply).evalue).toMatch(/^Property 'lossy' does not exist on type '\{ N: number; loss: number; \}'/);
  });
});

describe("hiding a library export", () => {
  it("warns once per name, on stderr, saying which export is hidden and how to get it back", async () => {
    const first = await k.executeRequest("const table = [1, 2, 3];");
    const warnings = first.outputs.filter((m) => m.header.msg_type === "stream" && content(m).name === "stderr").map((m) => content(m).text);
    expect(warnings.join("")).toMatch(/^Warning: In\[\d+\] declares `table`, which hides the library's `table` for the rest of this session\. To use the library's again, restart the kernel; to keep both, give yours another name\.\n$/);
    const again = await k.executeRequest("const table = [4];\nconst myTable = 1;");
    expect(again.outputs.filter((m) => m.header.msg_type === "stream")).toEqual([]);
    expect(await value("table.length")).toBe("1");
  });
});
