/** data.read: a user's own runs from CSV/TSV/JSON/JSONL, field counts checked, scale letters, column mapping, verbs. */
import { afterAll, describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DataError, UnknownChoiceError } from "../../lib/core";
import * as data from "../../lib/data";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scalinglab-read-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};

describe("data.quantity", () => {
  it("reads scale letters and exponents", () => {
    expect([data.quantity("125M"), data.quantity("1.4T"), data.quantity("3e21"), data.quantity("7B"), data.quantity("32k"), data.quantity("-0.5")])
      .toEqual([125e6, 1.4e12, 3e21, 7e9, 32e3, -0.5]);
  });
  it("rejects what is not one number", () => {
    expect([data.quantity("1,234"), data.quantity("12 apples"), data.quantity(""), data.quantity("M")]).toEqual([null, null, null, null]);
  });
});

describe("quantityAt (the slice-free fast path of data.quantity)", () => {
  it("agrees bit for bit with Number() times the scale on random cells", () => {
    // Independent computation: Number() of the digits, times the scale letter's power of ten.
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    const scale: Record<string, number> = { "": 1, k: 1e3, M: 1e6, B: 1e9, T: 1e12 };
    for (let k = 0; k < 5000; k++) {
      const digits = String(rnd(10 ** (1 + rnd(9)))) + (rnd(2) ? `.${String(rnd(10 ** (1 + rnd(8))))}` : "");
      const exp = rnd(3) === 0 ? `e${rnd(2) ? "-" : ""}${rnd(40)}` : "";
      const suffix = Object.keys(scale)[rnd(5)];
      const sign = rnd(4) === 0 ? "-" : "";
      const text = `${sign}${digits}${exp}${suffix}`;
      expect(data.quantity(text), text).toBe(Number(`${sign}${digits}${exp}`) * scale[suffix]);
    }
  });
  it("rejects what Number() accepts but a sweep log does not mean", () => {
    expect(["0x10", "Infinity", "1e", "1_000", "--1", "1e5e3", "1MB", "NaN"].map(data.quantity)).toEqual([null, null, null, null, null, null, null, null]);
    expect([data.quantity(" 125M "), data.quantity("1.5 B"), data.quantity(".5"), data.quantity("1.")]).toEqual([125e6, 1.5e9, 0.5, 1]);
  });
});

describe("data.read", () => {
  it("reads a CSV file with scale letters, exponents and empty cells", () => {
    const t = data.read(file("runs.csv", "run,params,tokens,flops,val_loss\na,125M,2.5B,1.9e18,3.1\nb,350M,7B,,2.9\n"));
    expect(t.columns).toEqual(["run", "params", "tokens", "flops", "val_loss"]);
    expect(t.rows[0]).toEqual({ run: "a", params: 125e6, tokens: 2.5e9, flops: 1.9e18, val_loss: 3.1 });
    expect(t.rows[1].flops).toBeNull();
    expect(t.schema.find((c) => c.name === "flops")).toMatchObject({ type: "number", nullable: true });
  });

  it("maps and renames columns and records their units", () => {
    const t = data.read(file("runs2.csv", "params,tokens,val_loss,notes\n1e8,2e9,3.2,x\n"), {
      columns: { N: "params", D: "tokens", loss: "val_loss" }, units: { N: "params", D: "tokens", loss: "nats/token" },
    });
    expect(t.columns).toEqual(["N", "D", "loss"]);
    expect(t.rows[0]).toEqual({ N: 1e8, D: 2e9, loss: 3.2 });
    expect(t.tableOptions.units).toEqual({ N: "params", D: "tokens", loss: "nats/token" });
  });

  it("rejects an unquoted thousands separator, naming the file, row and column (never shifts columns)", () => {
    const p = file("bad.csv", "N,D,loss\n1e8,2e9,3.2\n1,234,2e9,3.1\n");
    expect(() => data.read(p)).toThrow(DataError);
    expect(() => data.read(p)).toThrow(`${p} row 2, column 1: 4 fields, the header has 3`);
    expect(() => data.read(p)).toThrow(/column "N" holds "1,234"/);
  });

  it("suggests the whole number when it has several thousands groups", () => {
    const p = file("big.csv", "N,D,loss\n1e8,2e9,3.2\n1e8,2,866,123,456,3.1\n");
    expect(() => data.read(p)).toThrow(`${p} row 2, column 2: 6 fields, the header has 3 ` +
      `(column "D" holds "2,866,123,456": a number with unquoted thousands separators; write 2866123456 or quote it)`);
  });

  it("blames a thousands separator only where merging explains the row's shape", () => {
    // The extra field comes from an unquoted comma in the notes; layers 5 next to width 640 must not read as "5,640".
    const shifted = "run,notes,layers,width,loss\na,ok,4,512,3.2\nb,warm,restart,5,640,3.1\n";
    expect(() => data.read(shifted)).toThrow("data.read: text row 2: 6 fields, the header has 5 (every row needs one field per header column (quote fields that contain the delimiter))");
    // Here the merge at the width explains the row: it has the first row's shape once 1,024 is one number.
    expect(() => data.read("run,layers,width,loss\na,4,512,3.2\nb,5,1,024,3.1\n")).toThrow('text row 2, column 3: 5 fields, the header has 4 (column "width" holds "1,024"');
  });

  it("a numeric column with a text cell is an error naming that cell, unless declared text", () => {
    const csv = "run,N,loss\na,125M,3.1\nb,350M,oops\nc,1B,2.9\n";
    expect(() => data.read(csv)).toThrow('data.read: text row 2, column "loss": "oops" is not a number, unlike 2 of the column\'s 3 cells ' +
      '(fix or drop that row (numbers may carry a scale letter or an exponent: 125M, 1.4T, 3e21), or read the column as text: { text: ["loss"] })');
    expect(() => data.read(csv, { columns: { L: "loss" } })).toThrow('text row 2, column "L" ("loss" in the source): "oops" is not a number');
    const t = data.read(csv, { text: ["loss"] });
    expect(t.rows.map((r) => r.loss)).toEqual(["3.1", "oops", "2.9"]);
    expect(t.schema[2].type).toBe("string");
    // A column of ids that are mostly not numbers stays text.
    expect(data.read("run,loss\nr1,3\nr2,2\n17,1\n").rows[2].run).toBe("17");
    expect(() => data.read(csv, { text: ["nope"] })).toThrow('data.read: unknown column in text "nope"; valid choices: run, N, loss');
  });

  it("rejects a short row, naming it", () => {
    expect(() => data.read("N,D,loss\n1e8,2e9\n")).toThrow("text row 1: 2 fields, the header has 3");
  });

  it("accepts a quoted thousands separator as text", () => {
    const t = data.read('N,loss\n"1,234",3.1\n');
    expect(t.rows[0].N).toBe("1,234");
    expect(t.schema[0].type).toBe("string");
  });

  it("keeps a large file columnar: numbers in a Float64Array, rows built on first use, same values", () => {
    const lines = ["run,N,loss"];
    for (let i = 0; i < 2000; i++) lines.push(`r${i % 7},${(i % 5) + 1}25M,${(3 + i / 1e4).toFixed(4)}`);
    const t = data.read(lines.join("\n"));
    expect(t.shape).toEqual([2000, 3]);
    expect(t.column("N").slice(0, 3)).toEqual([125e6, 225e6, 325e6]);
    expect(t.rows[1999]).toEqual({ run: "r4", N: 525e6, loss: 3.1999 });
  });

  it("reads quoted fields with delimiters, quotes and line breaks, and CRLF", () => {
    const t = data.read('run,notes,loss\r\n"a,1","say ""hi""\nthen",3.1\r\nb,,"2.9"\r\n');
    expect(t.rows).toEqual([{ run: "a,1", notes: 'say "hi"\nthen', loss: 3.1 }, { run: "b", notes: null, loss: 2.9 }]);
  });

  it("require: names the first empty, non-number or non-positive cell with its row and column", () => {
    const csv = (rows: string) => `run,params,loss\n${rows}`;
    const opts = { columns: { run: "run", N: "params", loss: "loss" }, require: { N: "positive", loss: "number" } } as const;
    expect(() => data.read(csv("a,125M,3.1\nb,350M,NaN\n"), { ...opts, text: ["loss"] })).toThrow('data.read: text row 2, column "loss": "NaN" is not a number (fix or drop that row; numbers may carry a scale letter or an exponent: 125M, 1.4T, 3e21)');
    expect(() => data.read(csv("a,125M,3.1\nb,-350M,3\n"), opts)).toThrow('data.read: text row 2, column "N" ("params" in the source): -350000000 must be > 0 (fix or drop that row)');
    expect(() => data.read(csv("a,,3.1\nb,350M,3\n"), opts)).toThrow('data.read: text row 1, column "N" ("params" in the source) is empty (fix or drop that row)');
    expect(() => data.read(csv('a,"1,234",3.1\n'), opts)).toThrow('data.read: text row 1, column "N" ("params" in the source): "1,234" is not a number');
    expect(() => data.read(csv("a,125M,abc\n"), opts)).toThrow('"abc" is not a number');
    expect(() => data.read(csv("a,1,2\n"), { require: { N: "number" } })).toThrow(`data.read: unknown column in require "N"; valid choices: run, params, loss`);
    expect(data.read(csv("a,125M,-0.5\n"), opts).rows[0].loss).toBe(-0.5);
  });

  it("names an unterminated quoted field and text after a closing quote", () => {
    expect(() => data.read('N,notes\n1,"open\n2,x\n')).toThrow("data.read: unterminated quoted field starting on line 2 in text (check the file is complete and every opening quote is closed)");
    expect(() => data.read('N,notes\n1,"a"b\n')).toThrow('data.read: unexpected "b" after a closing quote on line 2 in text');
  });

  it("names a missing column and lists the ones there", () => {
    expect(() => data.read("N,loss\n1,2\n", { columns: { D: "tokens" } })).toThrow(/no column "tokens" \(for D\); columns: N, loss/);
  });

  it("reads TSV, JSON and JSONL (by extension or sniffed)", () => {
    expect(data.read(file("r.tsv", "N\tloss\n1e8\t3.1\n")).rows).toEqual([{ N: 1e8, loss: 3.1 }]);
    expect(data.read(file("r.json", '[{"N": "125M", "loss": 3.1}, {"N": 3.5e8, "loss": 2.9}]')).rows).toEqual([{ N: 125e6, loss: 3.1 }, { N: 3.5e8, loss: 2.9 }]);
    expect(data.read('{"N": 1e8, "loss": 3.1}\n\n{"N": 2e8, "loss": 3.0, "lr": 1e-3}\n').rows).toEqual([{ N: 1e8, loss: 3.1, lr: null }, { N: 2e8, loss: 3.0, lr: 1e-3 }]);
  });

  it("names the line of invalid JSONL", () => {
    expect(() => data.read('{"N": 1}\n{"N": \n')).toThrow(/text line 2 is not valid JSON/);
  });

  it("names a file that cannot be read", () => {
    expect(() => data.read(path.join(dir, "missing.csv"))).toThrow(/cannot read .*missing\.csv: ENOENT/);
  });
});

describe("RunTable verbs", () => {
  const t = data.read("config,N,lr,loss\ns,1e8,1e-3,3.3\ns,1e8,3e-3,3.2\nm,3e8,1e-3,3.0\nm,3e8,3e-3,3.05\nw,3e8,1e-3,\n");
  it("groupBy groups by exact key values, in order of appearance", () => {
    const g = t.groupBy(["config"]);
    expect(g.map((x) => x.key)).toEqual([{ config: "s" }, { config: "m" }, { config: "w" }]);
    expect(g[1].table.rows.length).toBe(2);
  });
  it("bestPer keeps the lowest loss per group and skips groups without one", () => {
    expect(t.bestPer(["config"], "loss").rows.map((r) => [r.config, r.lr])).toEqual([["s", 3e-3], ["m", 1e-3]]);
    expect(t.bestPer(["config"], "loss", "max").rows.map((r) => r.lr)).toEqual([1e-3, 3e-3]);
  });
  it("two configurations with the same N stay apart when grouped by configuration", () => {
    expect(t.groupBy(["N"]).length).toBe(2);
    expect(t.groupBy(["config", "N"]).length).toBe(3);
  });
  it("filter and sortBy (nulls last)", () => {
    expect(t.filter((r) => r.N === 3e8).rows.length).toBe(3);
    expect(t.sortBy("loss").rows.map((r) => r.loss)).toEqual([3.0, 3.05, 3.2, 3.3, null]);
    expect(t.sortBy("loss", true).rows[0].loss).toBe(3.3);
  });
  it("rejects an unknown column, listing the columns", () => {
    expect(() => t.sortBy("los")).toThrow(UnknownChoiceError);
    expect(() => t.bestPer(["config"], "config")).toThrow(/not numeric/);
  });
});
