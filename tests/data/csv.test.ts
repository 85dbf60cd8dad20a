import { describe, expect, it } from "vitest";
import { DataError } from "../../lib/core";
import { parseCsv, parseCsvTable } from "../../lib/data/csv";
import { parseMixingLawCheckpoint } from "../../datasets/mixinglaws";

describe("parseCsv (RFC 4180)", () => {
  it("splits plain fields and records", () => {
    expect(parseCsv("a,b\n1,2\n")).toEqual([["a", "b"], ["1", "2"]]);
  });
  it("keeps delimiters, doubled quotes and line breaks inside quoted fields", () => {
    expect(parseCsv('x,"a, ""b""\nc"\n')).toEqual([["x", 'a, "b"\nc']]);
  });
  it("ends records at CRLF as well as LF", () => {
    expect(parseCsv("a,b\r\n1,2\r\n")).toEqual([["a", "b"], ["1", "2"]]);
  });
  it("reads a last record without a final line break", () => {
    expect(parseCsv("a\n1")).toEqual([["a"], ["1"]]);
  });
  it("keeps empty fields, including a trailing one", () => {
    expect(parseCsv("a,,\n")).toEqual([["a", "", ""]]);
  });
  it("skips blank lines", () => {
    expect(parseCsv("a\n\n1\n\n")).toEqual([["a"], ["1"]]);
  });
  it("drops a UTF-8 byte-order mark", () => {
    expect(parseCsv("\uFEFFN\n1\n")[0]).toEqual(["N"]);
  });
  it("splits on tabs when asked", () => {
    expect(parseCsv("p\tq\t1.5\n", { delimiter: "\t" })).toEqual([["p", "q", "1.5"]]);
  });
  it("rejects an unterminated quoted field, naming its line and file", () => {
    expect(() => parseCsv('a\n"open', { source: "f.csv" })).toThrow(/unterminated quoted field starting on line 2 in f\.csv/);
  });
  it("rejects text after a closing quote", () => {
    expect(() => parseCsv('"a"b,c')).toThrow(DataError);
  });
  it("parseCsvTable rejects a record narrower than the header", () => {
    expect(() => parseCsvTable("a,b\n1\n", { source: "f.csv" })).toThrow(/record 1 in f\.csv has 1 fields, the header has 2/);
  });
});

describe("parseMixingLawCheckpoint", () => {
  it("reads size, mixture id, proportions and step of a 2-domain path", () => {
    expect(parseMixingLawCheckpoint("/x/ckpts/base2//70M_base2_1-0.25-0.75/27000")).toEqual({ modelSize: "70M", mixtureId: 1, proportions: [0.25, 0.75], step: 27000 });
  });
  it("reads a 3-domain path without a size label and with a trailing slash", () => {
    expect(parseMixingLawCheckpoint("/x/Github-Books3-PileCC/8-0.125-0.25-0.625/60000/")).toEqual({ modelSize: null, mixtureId: 8, proportions: [0.125, 0.25, 0.625], step: 60000 });
  });
  it("gives step null for the final checkpoint named last", () => {
    expect(parseMixingLawCheckpoint("/x/160M_16-0.25-0.5-0.25/last").step).toBeNull();
  });
  it("rejects a path without proportions", () => {
    expect(() => parseMixingLawCheckpoint("/x/70M_base2/1000")).toThrow(DataError);
  });
});
