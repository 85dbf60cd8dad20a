/**
 * data.readParquet and data.read of a danfojs DataFrame. The Parquet files are written here, in the test, with
 * hyparquet-writer (a devDependency): snappy (hyparquet's own codec), gzip (through hyparquet-compressors, the bytes
 * made by node's zlib) and uncompressed.
 */
import { describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { parquetWriteBuffer } from "hyparquet-writer";
import { DataError } from "../../lib/core";
import * as data from "../../lib/data";

const columnData = [
  { name: "run", data: ["s-a", "s-b", null], type: "STRING" },
  { name: "params", data: [125000000n, 350000000n, 760000000n], type: "INT64" },
  { name: "tokens", data: ["2.5B", "7B", "15.2B"], type: "STRING" },
  { name: "val_loss", data: [3.1, 2.9, 2.7], type: "DOUBLE" },
  { name: "moe", data: [false, true, false], type: "BOOLEAN" },
] as const;
const rows = [
  { run: "s-a", N: 125e6, D: 2.5e9, loss: 3.1, moe: false },
  { run: "s-b", N: 350e6, D: 7e9, loss: 2.9, moe: true },
  { run: null, N: 760e6, D: 15.2e9, loss: 2.7, moe: false },
];
const columns = { run: "run", N: "params", D: "tokens", loss: "val_loss", moe: "moe" };

describe("data.readParquet", () => {
  for (const codec of ["SNAPPY", "GZIP", "UNCOMPRESSED"] as const) {
    it(`reads a ${codec} file: int64 as numbers, scale letters in text columns, nulls, booleans, column mapping`, async () => {
      const buf = parquetWriteBuffer({
        columnData: columnData.map((c) => ({ ...c, data: [...c.data] })), codec,
        compressors: { GZIP: (b: Uint8Array) => new Uint8Array(zlib.gzipSync(b)) },
      });
      const t = await data.readParquet(new Uint8Array(buf), { columns, units: { N: "params" } });
      expect(t.rows).toEqual(rows);
      expect(t.schema.map((c) => c.type)).toEqual(["string", "number", "number", "number", "boolean"]);
      expect(t.tableOptions.units).toEqual({ N: "params" });
    });
  }

  it("reads from a path; data.read points a .parquet path to readParquet", async () => {
    const p = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "scalinglab-pq-")), "runs.parquet");
    fs.writeFileSync(p, new Uint8Array(parquetWriteBuffer({ columnData: [{ name: "N", data: [1e8, 2e8], type: "DOUBLE" }] })));
    expect((await data.readParquet(p)).column("N")).toEqual([1e8, 2e8]);
    expect(() => data.read(p)).toThrow(`data.read: ${p} is a Parquet file, which reads asynchronously (use await data.readParquet(${JSON.stringify(p)}))`);
    fs.rmSync(path.dirname(p), { recursive: true, force: true });
  });

  it("applies require with the row and column, and rejects bytes that are not Parquet", async () => {
    const buf = parquetWriteBuffer({ columnData: [{ name: "loss", data: [3.1, -1], type: "DOUBLE" }] });
    await expect(data.readParquet(buf, { require: { loss: "positive" } })).rejects.toThrow("data.readParquet: Parquet bytes row 2, column \"loss\": -1 must be > 0 (fix or drop that row)");
    await expect(data.readParquet(new TextEncoder().encode("N,loss\n1,2\n"))).rejects.toThrow(DataError);
    await expect(data.readParquet("/nonexistent/runs.parquet")).rejects.toThrow(/data\.readParquet: cannot read \/nonexistent\/runs\.parquet: ENOENT/);
  });
});

describe("data.read of a danfojs DataFrame", () => {
  it("reads a frame's columns, NaN as an empty cell, with mapping and require", () => {
    const df = data.frame([{ params: 1.25e8, tokens: 2.5e9, loss: 3.1 }, { params: 3.5e8, tokens: Number.NaN, loss: 2.9 }]);
    const t = data.read(df, { columns: { N: "params", D: "tokens", loss: "loss" } });
    expect(t.rows).toEqual([{ N: 1.25e8, D: 2.5e9, loss: 3.1 }, { N: 3.5e8, D: null, loss: 2.9 }]);
    expect(() => data.read(df, { columns: { D: "tokens" }, require: { D: "positive" } })).toThrow('data.read: DataFrame row 2, column "D" ("tokens" in the source) is empty (fix or drop that row)');
  });
});
