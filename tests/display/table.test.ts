import { describe, expect, it } from "vitest";
import { JUPYTER_DISPLAY, InvalidInputError, isDisplayable } from "../../lib/core";
import { dataResource, htmlTable, table, textTable } from "../../lib/display";

// 30 synthetic runs: N = 1e8·(i+1), D = 20·N tokens, a decreasing loss, a string run id.
const runs = Array.from({ length: 30 }, (_, i) => ({ N: 1e8 * (i + 1), D: 2e9 * (i + 1), loss: 3 - i / 64, run: `r${i}` }));

function bundleOf(v: unknown): Record<string, unknown> {
  expect(isDisplayable(v)).toBe(true);
  return (v as { [JUPYTER_DISPLAY](): Record<string, unknown> })[JUPYTER_DISPLAY]();
}

describe("table display", () => {
  it("table(rows) renders as text/html, text/plain and application/vnd.dataresource+json", () => {
    const b = bundleOf(table(runs));
    expect(Object.keys(b).sort()).toEqual(["application/vnd.dataresource+json", "text/html", "text/plain"]);
  });

  it("a long table shows its first 10 and last 10 rows, an ellipsis row and its shape", () => {
    const html = htmlTable(runs);
    const bodyRows = html.split("<tbody>")[1].split("</tbody>")[0].match(/<tr>/g)!;
    expect(bodyRows).toHaveLength(21);
    expect(html).toContain("<th>9</th>");
    expect(html).not.toContain("<th>10</th>");
    expect(html).not.toContain("<th>19</th>");
    expect(html).toContain("<th>20</th>");
    expect(html).toContain("<th>29</th>");
    expect(html).toContain("<th>…</th>");
    expect(html).toContain("30 rows × 4 columns");
    const text = textTable(runs).split("\n");
    expect(text[0].trim().split(/\s+/)).toEqual(["N", "D", "loss", "run"]);
    expect(text[11].trim().split(/\s+/)).toEqual(["...", "...", "...", "...", "..."]);
    expect(text[text.length - 1]).toBe("[30 rows × 4 columns]");
    expect(text).toHaveLength(1 + 21 + 2);
  });

  it("a short table shows every row and no shape line in text", () => {
    const text = textTable(runs.slice(0, 3));
    expect(text.split("\n")).toHaveLength(4);
    expect(text).not.toContain("rows ×");
  });

  it("maxRows changes where long tables are cut", () => {
    const html = htmlTable(runs, { maxRows: 4 });
    expect(html.split("<tbody>")[1].match(/<tr>/g)).toHaveLength(5);
    expect(html).toContain("<th>1</th>");
    expect(html).toContain("<th>28</th>");
    expect(html).not.toContain("<th>2</th>");
  });

  it("numbers keep 6 significant digits and switch to exponent form from 1e6", () => {
    const text = textTable([{ a: 2.5e10, b: 0.123456789, c: 12345, d: 3e-5 }], { index: false });
    expect(text.split("\n")[1].trim().split(/\s+/)).toEqual(["2.5e+10", "0.123457", "12345", "3e-5"]);
  });

  it("columns given as arrays (including Float64Array) and DataFrame-like objects give the same table", () => {
    const cols = { N: new Float64Array([1e8, 2e8]), loss: [3.1, 2.9] };
    const frame = { columns: ["N", "loss"], values: [[1e8, 3.1], [2e8, 2.9]] };
    expect(textTable(cols)).toBe(textTable(frame));
    expect(table(cols).shape).toEqual([2, 2]);
  });

  it("a DataFrame's index labels become the row labels", () => {
    const html = htmlTable({ columns: ["x"], values: [[1], [2]], index: ["a", "b"] });
    expect(html).toContain("<th>a</th>");
    expect(html).toContain("<th>b</th>");
  });

  it("units appear in the header", () => {
    expect(htmlTable(runs.slice(0, 1), { units: { N: "params" } })).toContain("<th>N [params]</th>");
  });

  it("cells are HTML-escaped", () => {
    expect(htmlTable([{ name: "<b>&" }])).toContain("&lt;b&gt;&amp;");
  });

  it("the dataresource has a Table Schema with typed fields, the index as primary key and every row", () => {
    const res = dataResource(runs);
    expect(res.schema.fields).toEqual([
      { name: "index", type: "integer" },
      { name: "N", type: "integer" },
      { name: "D", type: "integer" },
      { name: "loss", type: "number" },
      { name: "run", type: "string" },
    ]);
    expect(res.schema.primaryKey).toEqual(["index"]);
    expect(res.data).toHaveLength(30);
    expect(res.data[29]).toEqual({ index: 29, N: 3e9, D: 6e10, loss: 3 - 29 / 64, run: "r29" });
  });

  it("non-finite numbers become null in the dataresource (JSON has no NaN)", () => {
    const res = dataResource([{ x: NaN }, { x: Infinity }, { x: 1.5 }]);
    expect(res.data.map((r) => r.x)).toEqual([null, null, 1.5]);
    expect(res.schema.fields[1].type).toBe("number");
    expect(JSON.parse(JSON.stringify(res))).toEqual(res);
  });

  it("rows with different keys give the union of columns, missing cells empty", () => {
    const t = table([{ a: 1 }, { b: 2 }]);
    expect(t.columns).toEqual(["a", "b"]);
    expect(t.values).toEqual([[1, undefined], [undefined, 2]]);
  });

  it("an empty table renders its shape", () => {
    expect(textTable([])).toContain("[0 rows × 0 columns]");
    expect(htmlTable({ a: [] })).toContain("0 rows × 1 column");
  });

  it("ragged columns are rejected with the column names", () => {
    expect(() => table({ N: [1, 2, 3], loss: [1, 2] })).toThrow(InvalidInputError);
    expect(() => table({ N: [1, 2, 3], loss: [1, 2] })).toThrow(/table: column "loss" has 2 values but "N" has 3/);
  });

  it("an unknown column in opts.columns is rejected with the available ones", () => {
    expect(() => htmlTable(runs, { columns: ["N", "lr"] })).toThrow(/htmlTable: unknown column\(s\) "lr"; available: N, D, loss, run/);
  });

  it("bad options are rejected", () => {
    expect(() => table(runs, { maxRows: 1 })).toThrow(/maxRows must be an integer ≥ 2/);
    expect(() => textTable(runs, { digits: 0 })).toThrow(/digits must be an integer in 1..17/);
    expect(() => table(null as never)).toThrow(/table: expected rows/);
  });

  it("opts.columns selects and orders columns in every mime type", () => {
    const b = bundleOf(table(runs, { columns: ["loss", "N"] }));
    expect((b["text/plain"] as string).split("\n")[0].trim().split(/\s+/)).toEqual(["loss", "N"]);
    const res = b["application/vnd.dataresource+json"] as { schema: { fields: { name: string }[] } };
    expect(res.schema.fields.map((f) => f.name)).toEqual(["index", "loss", "N"]);
  });
});
