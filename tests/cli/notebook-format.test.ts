import { describe, expect, it } from "vitest";
import { NotebookOutputCollector } from "../../kernel/runner/outputs";
import { injectParameters, parseParam, tsLiteral } from "../../kernel/runner/parameters";
import { joinSource, Notebook, Output, parseNotebook, serializeNotebook, splitLines } from "../../kernel/runner/nbformat";
import { formatFailure, stripAnsi } from "../../kernel/runner/runner";
import { outputPath } from "../../kernel/cli/run";
import { collectChecks, LABEL_WIDTH, summaryTable } from "../../kernel/cli/reproduce";
import { CHECK_MIME } from "../../lib/core/check";

function nb(cells: Array<{ source: string; tags?: string[]; type?: "code" | "markdown" }>): Notebook {
  return {
    nbformat: 4, nbformat_minor: 5, metadata: {},
    cells: cells.map((c, i) => c.type === "markdown"
      ? { cell_type: "markdown", id: `m${i}`, metadata: {}, source: c.source }
      : { cell_type: "code", id: `c${i}`, metadata: c.tags ? { tags: c.tags } : {}, source: c.source, outputs: [], execution_count: null }),
  };
}

describe("output collection (nbclient semantics)", () => {
  it("coalesces consecutive stream messages of the same name and keeps stdout/stderr apart", () => {
    const outs: Output[] = [];
    const on = new NotebookOutputCollector().forCell(outs);
    on({ msg_type: "stream", content: { name: "stdout", text: "a\n" } });
    on({ msg_type: "stream", content: { name: "stdout", text: "b\n" } });
    on({ msg_type: "stream", content: { name: "stderr", text: "e\n" } });
    on({ msg_type: "stream", content: { name: "stdout", text: "c\n" } });
    expect(outs.map((o) => o.output_type === "stream" && [o.name, joinSource(o.text)])).toEqual([
      ["stdout", "a\nb\n"], ["stderr", "e\n"], ["stdout", "c\n"]]);
  });

  it("update_display_data rewrites the earlier output with that display_id, also in another cell", () => {
    const collector = new NotebookOutputCollector();
    const first: Output[] = [];
    const second: Output[] = [];
    collector.forCell(first)({ msg_type: "display_data", content: { data: { "text/plain": "0%" }, metadata: {}, transient: { display_id: "p" } } });
    collector.forCell(second)({ msg_type: "update_display_data", content: { data: { "text/plain": "100%" }, metadata: {}, transient: { display_id: "p" } } });
    expect(second).toEqual([]);
    expect(first).toEqual([{ output_type: "display_data", data: { "text/plain": "100%" }, metadata: {} }]);
  });

  it("clear_output empties the cell at once, or at the next output when wait is true", () => {
    const outs: Output[] = [];
    const on = new NotebookOutputCollector().forCell(outs);
    on({ msg_type: "stream", content: { name: "stdout", text: "old" } });
    on({ msg_type: "clear_output", content: { wait: true } });
    expect(outs).toHaveLength(1);
    on({ msg_type: "stream", content: { name: "stdout", text: "new" } });
    expect(outs).toEqual([{ output_type: "stream", name: "stdout", text: "new" }]);
    on({ msg_type: "clear_output", content: { wait: false } });
    expect(outs).toEqual([]);
  });

  it("records execute_result with its execution count and error outputs with ename/evalue/traceback", () => {
    const outs: Output[] = [];
    const on = new NotebookOutputCollector().forCell(outs);
    expect(on({ msg_type: "execute_input", content: { code: "1", execution_count: 4 } })).toEqual({ executionCount: 4 });
    on({ msg_type: "execute_result", content: { execution_count: 4, data: { "text/plain": "1" }, metadata: {} } });
    on({ msg_type: "error", content: { ename: "RangeError", evalue: "bad", traceback: ["RangeError: bad"] } });
    expect(outs).toEqual([
      { output_type: "execute_result", execution_count: 4, data: { "text/plain": "1" }, metadata: {} },
      { output_type: "error", ename: "RangeError", evalue: "bad", traceback: ["RangeError: bad"] },
    ]);
  });
});

describe("parameters (papermill-style injection)", () => {
  it("tsLiteral keeps numbers, booleans, null and JSON as written and quotes other text", () => {
    expect(["3", "-2.5e3", "true", "null", "[1,2]", '{"a":1}', '"q"', "hello", "1e", ""].map(tsLiteral))
      .toEqual(["3", "-2.5e3", "true", "null", "[1,2]", '{"a":1}', '"q"', '"hello"', '"1e"', '""']);
  });

  it("parseParam splits at the first = and rejects names that are not identifiers", () => {
    expect(parseParam("url=a=b")).toEqual(["url", "a=b"]);
    expect(() => parseParam("2x=1")).toThrow(/TypeScript identifier/);
    expect(() => parseParam("noequals")).toThrow(/name=value/);
  });

  it("injects an injected-parameters cell right after the parameters cell, replacing an earlier one", () => {
    const src = nb([{ source: "md", type: "markdown" }, { source: "let steps = 3, seed = 1;\nlet name = \"x\";", tags: ["parameters"] },
      { source: "old", tags: ["injected-parameters"] }, { source: "use(steps)" }]);
    const out = injectParameters(src, [["steps", "10"], ["name", "abc"]], "t.ipynb");
    expect(out.cells.map((c) => joinSource(c.source))).toEqual([
      "md", "let steps = 3, seed = 1;\nlet name = \"x\";", "// Parameters injected by `scalinglab run`\nsteps = 10;\nname = \"abc\";\nundefined; // no cell result", "use(steps)"]);
    expect(out.cells[2].metadata.tags).toEqual(["injected-parameters"]);
    expect(typeof out.cells[2].id).toBe("string");
    expect(src.cells).toHaveLength(4); // the input notebook object is untouched
  });

  it("refuses a notebook without a parameters cell", () => {
    expect(() => injectParameters(nb([{ source: "let a = 1;" }]), [["a", "2"]], "t.ipynb")).toThrow(/no cell tagged "parameters"/);
  });

  it("refuses a parameter the parameters cell does not declare, or declares with const", () => {
    const src = nb([{ source: "let a = 1;\nconst b = 2;", tags: ["parameters"] }]);
    expect(() => injectParameters(src, [["c", "1"]], "t.ipynb")).toThrow(/does not declare c \(it declares a, b\)/);
    expect(() => injectParameters(src, [["b", "1"]], "t.ipynb")).toThrow(/declares b with const/);
  });
});

describe("nbformat files", () => {
  it("round-trips a notebook, writing multiline strings as lists of lines with sorted keys", () => {
    const src = nb([{ source: "a\nb" }]);
    const text = serializeNotebook(src);
    expect(text.indexOf('"cells"')).toBeLessThan(text.indexOf('"metadata"'));
    const back = parseNotebook(text, "t.ipynb");
    expect(back.cells[0].source).toEqual(["a\n", "b"]);
    expect(splitLines("x\n\ny")).toEqual(["x\n", "\n", "y"]);
  });

  it("names the file when it is not an nbformat 4 notebook", () => {
    expect(() => parseNotebook("{", "bad.ipynb")).toThrow(/bad.ipynb is not valid notebook JSON/);
    expect(() => parseNotebook('{"nbformat": 3, "worksheets": []}', "old.ipynb")).toThrow(/old.ipynb is not an nbformat 4 notebook/);
  });
});

describe("run output paths", () => {
  it("defaults to NAME.out.ipynb and never resolves to the input unless --inplace", () => {
    expect(outputPath("/n/a.ipynb", undefined, false, false)).toBe("/n/a.out.ipynb");
    expect(outputPath("/n/a.ipynb", "/o", false, true)).toBe("/o/a.ipynb");
    expect(outputPath("/n/a.ipynb", undefined, true, false)).toBe("/n/a.ipynb");
    expect(() => outputPath("/n/a.ipynb", "/o/x.ipynb", false, true)).toThrow(/must be a directory/);
  });
});

describe("failure text", () => {
  it("strips ANSI colours and leads with ename: evalue when the traceback lacks it", () => {
    expect(stripAnsi("\u001b[31mKeyboardInterrupt\u001b[39m")).toBe("KeyboardInterrupt");
    expect(formatFailure({ cell: 2, ename: "TSError", evalue: "bad", traceback: ["In[2]:1:7 - bad"] })).toBe("TSError: bad\nIn[2]:1:7 - bad");
    expect(formatFailure({ cell: 2, ename: "RangeError", evalue: "x", traceback: ["RangeError: x", "    at <cell 2>:1:7"] }))
      .toBe("RangeError: x\n    at <cell 2>:1:7");
  });

  it("cuts lines longer than 400 characters and says how much was left out", () => {
    const text = formatFailure({ cell: 1, ename: "PreludeError", evalue: "import failed", traceback: [`PreludeError: import failed\nimport { ${"a, ".repeat(300)}}`] });
    const lines = text.split("\n");
    expect(lines[1]).toHaveLength(400 + "… (510 more characters)".length);
    expect(lines[1].endsWith("… (510 more characters)")).toBe(true);
  });
});

describe("reproduce summary", () => {
  const record = { figure: "Hoffmann 2022, Table A3", quantity: "alpha", published: 0.34, ours: 0.3392, rtol: 0.01, atol: null, relDiff: 0.0008 / 0.34, ok: true };
  it("collects every check record from display_data and execute_result outputs", () => {
    const src = nb([{ source: "x" }, { source: "y" }]);
    (src.cells[0] as { outputs: Output[] }).outputs = [{ output_type: "display_data", data: { [CHECK_MIME]: record, "text/plain": "✓" }, metadata: {} }];
    (src.cells[1] as { outputs: Output[] }).outputs = [{ output_type: "execute_result", execution_count: 2, data: { [CHECK_MIME]: { ...record, quantity: "beta" } }, metadata: {} },
      { output_type: "stream", name: "stdout", text: "noise" }];
    expect(collectChecks(src, "a.ipynb").map((c) => [c.notebook, c.quantity])).toEqual([["a.ipynb", "alpha"], ["a.ipynb", "beta"]]);
  });

  it("prints one aligned row per check with published, ours, relative difference and ok", () => {
    const table = summaryTable([{ notebook: "a.ipynb", ...record }, { notebook: "b.ipynb", ...record, ours: 0.5, relDiff: 0.47, ok: false }]);
    const lines = table.split("\n");
    expect(lines[0]).toMatch(/^notebook\s+figure\/table\s+quantity\s+published\s+ours\s+rel\. diff\s+ok$/);
    expect(lines[2]).toMatch(/^a\s+Hoffmann 2022, Table A3\s+alpha\s+0\.34\s+0\.3392\s+2\.4e-3\s+ok$/);
    expect(lines[3]).toMatch(/FAIL$/);
    expect(new Set(lines.slice(2).map((l) => l.indexOf("0.34")))).toHaveProperty("size", 1);
  });

  it("cuts figure and quantity labels longer than LABEL_WIDTH with an ellipsis", () => {
    const long = "x".repeat(LABEL_WIDTH + 10);
    const row = summaryTable([{ notebook: "a.ipynb", ...record, figure: long }]).split("\n")[2];
    expect(row).toContain(`${"x".repeat(LABEL_WIDTH - 1)}…`);
    expect(row).not.toContain("x".repeat(LABEL_WIDTH));
  });
});
