/** The kernel's pure parts: wire signing/decoding, message contents, history queries, is_complete, cursor units, prelude names. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type * as TS from "@tslab/typescript-for-tslab";
import { decode, encode, makeHeader, SeenSignatures, Signer, WireError } from "../../kernel/server/wire";
import { compileGlob, History, SESSION } from "../../kernel/server/history";
import { parseContent } from "../../kernel/server/contents";
import { codePointsToUtf16, isComplete, utf16ToCodePoints } from "../../kernel/engine/introspect";
import { declaredExports } from "../../kernel/engine/prelude";

const ts = require("@tslab/typescript-for-tslab") as typeof TS;
const signer = new Signer("secret", "hmac-sha256");
const frames = (s: Signer = signer) =>
  encode({ header: makeHeader("execute_request", "s"), parent_header: {}, metadata: {}, content: { code: "1" } }, s, [Buffer.from("id1"), Buffer.from("id2")]);

describe("wire", () => {
  it("round-trips a signed message and keeps every routing identity", () => {
    const m = decode(frames(), signer);
    expect(m.identities.map(String)).toEqual(["id1", "id2"]);
    expect(m.content).toEqual({ code: "1" });
    expect(m.header.version).toBe("5.3");
  });

  it("rejects a signature made with another key, a missing one, and one of the wrong length", () => {
    expect(() => decode(frames(new Signer("other", "hmac-sha256")), signer)).toThrow(/invalid signature/);
    const missing = frames();
    missing[3] = Buffer.alloc(0);
    expect(() => decode(missing, signer)).toThrow(/missing signature/);
    const short = frames();
    short[3] = short[3]!.subarray(0, 10);
    expect(() => decode(short, signer)).toThrow(WireError);
  });

  it("rejects frames without delimiter, too few frames or non-object JSON", () => {
    expect(() => decode([Buffer.from("x")], signer)).toThrow(/delimiter/);
    expect(() => decode(frames().slice(0, 5), signer)).toThrow(/frames/);
    const nosign = new Signer("", "hmac-sha256");
    const bad = encode({ header: makeHeader("x", "s"), parent_header: {}, metadata: {}, content: {} }, nosign, []);
    bad[3] = Buffer.from("[1]"); // delimiter, signature, header, parent_header, ...
    expect(() => decode(bad, nosign)).toThrow(/parent_header is not a JSON object/);
  });

  it("an empty key disables signing, as the spec says", () => {
    const open = new Signer("", "hmac-sha256");
    expect(open.sign([Buffer.from("x")])).toBe("");
    expect(decode(frames(open), open).content).toEqual({ code: "1" });
  });
});

describe("replay guard", () => {
  it("refuses a signature seen before and forgets the oldest past its bound", () => {
    const seen = new SeenSignatures(2);
    expect(["a", "b", "a"].map((x) => seen.add(x))).toEqual([true, true, false]);
    seen.add("c"); // "a" is now the oldest of three: forgotten
    expect([seen.add("a"), seen.add("c")]).toEqual([true, false]);
  });
});

describe("message contents", () => {
  it("fills the spec's defaults, keeps extra fields, and names a bad or missing field", () => {
    expect(parseContent("execute_request", { code: "1", extra: 2 })).toEqual({
      code: "1", silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true, extra: 2,
    });
    expect(() => parseContent("complete_request", { code: "x" })).toThrow("complete_request: field `cursor_pos` must be a non-negative integer, got nothing");
    expect(() => parseContent("execute_reply", { status: "abort" })).toThrow('execute_reply: field `status` must be one of "ok", "error", "aborted", got "abort"');
    expect(() => parseContent("stream", null)).toThrow("stream: field `content` must be an object, got null");
  });
});

describe("history", () => {
  const h = new History();
  h.add(1, "const a = 1", null);
  h.add(2, "a + 1", "2");
  h.add(3, "a + 1", "2");
  h.add(4, "print(a)", null);
  // Queries arrive checked and with the spec's defaults filled in, as the kernel hands them over.
  const q = (content: object) => h.query(parseContent("history_request", content));

  it("tail returns the last n cells, with outputs when asked", () => {
    expect(q({ hist_access_type: "tail", n: 2, output: true })).toEqual([[SESSION, 3, ["a + 1", "2"]], [SESSION, 4, ["print(a)", null]]]);
  });

  it("range is [start, stop) of the current session (0 or its number), nothing for others", () => {
    expect(q({ hist_access_type: "range", session: 0, start: 2, stop: 4 }).map((e) => e[1])).toEqual([2, 3]);
    expect(q({ hist_access_type: "range", session: SESSION, start: 4 }).map((e) => e[1])).toEqual([4]);
    expect(q({ hist_access_type: "range", session: -1, start: 1, stop: 5 })).toEqual([]);
  });

  it("search matches a whole-string glob; unique keeps the last of duplicates; n keeps the last n", () => {
    expect(q({ hist_access_type: "search", pattern: "a ?*" }).map((e) => e[1])).toEqual([2, 3]);
    expect(q({ hist_access_type: "search", pattern: "a ?*", unique: true }).map((e) => e[1])).toEqual([3]);
    expect(q({ hist_access_type: "search", pattern: "*a*", n: 1 }).map((e) => e[1])).toEqual([4]);
  });

  it("glob supports * ? and character classes (ranges, negation), and regex characters are literal", () => {
    const m = (glob: string, text: string) => compileGlob(glob)(text);
    expect(m("f(x)*", "f(x) + 1")).toBe(true);
    expect(m("[ab]?", "bz")).toBe(true);
    expect(m("[^ab]?", "bz")).toBe(false);
    expect(m("a.b", "axb")).toBe(false);
    expect(m("[a-c]x", "bx")).toBe(true);
    expect(m("[a-c]x", "dx")).toBe(false);
    expect(m("*", "")).toBe(true);
    expect(m("a*b*c", "abc")).toBe(true);
    expect(m("a*b*c", "aXbYbZc")).toBe(true);
    expect(m("a*b*c", "acb")).toBe(false);
    expect(m("*ab*ab", "abab")).toBe(true);
    expect(m("*aa", "a")).toBe(false); // start and end pieces must not overlap
    expect(m("?", "")).toBe(false);
    expect(m("**x**", "yxy")).toBe(true);
  });

  it("a pathological search ('*a'*25 + '*b') over a long history completes with the right cells (no backtracking)", () => {
    // With the former regex glob this pattern backtracks exponentially: one 2,000-character cell would never finish.
    const long = new History();
    for (let i = 0; i < 500; i++) long.add(i + 1, "a".repeat(2000) + (i % 2 ? "b" : ""), null);
    const found = long.query(parseContent("history_request", { hist_access_type: "search", pattern: "*a".repeat(25) + "*b" }));
    expect(found.map((e) => e[1])).toEqual(Array.from({ length: 250 }, (_, i) => 2 * i + 2));
  });
});

describe("is_complete", () => {
  it.each(["1 + 1", "const a = 1;", "if (a) {\n  a;\n}", "const s = `x ${1} y`", ""])("%j is complete", (code) => {
    expect(isComplete(ts, code).status).toBe("complete");
  });
  it.each(["function f() {", "[1, 2,", "const s = `abc ${x", "const t = `abc", "const u = 'abc", "foo(1,", "/* c", "const a ="])(
    "%j is incomplete", (code) => {
      expect(isComplete(ts, code).status).toBe("incomplete");
    });
  it.each(["x = [1, 2)", "let 5x = 3", "}", "1 +* 2", "a b c"])("%j is invalid", (code) => {
    expect(isComplete(ts, code).status).toBe("invalid");
  });
  it("indents the next line after an opening bracket", () => {
    expect(isComplete(ts, "function f() {")).toEqual({ status: "incomplete", indent: "  " });
    expect(isComplete(ts, "if (x) {\n  g([")).toEqual({ status: "incomplete", indent: "    " });
  });
});

describe("cursor positions", () => {
  it("converts Jupyter's code points to UTF-16 offsets and back (astral characters count once)", () => {
    const s = "a😀b";
    expect(codePointsToUtf16(s, 2)).toBe(3);
    expect(utf16ToCodePoints(s, 3)).toBe(2);
  });
});

describe("prelude names", () => {
  it("declaredExports follows `export *`, and `export * as ns` and `export { a as b }` name what they export", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scalinglab-dts-"));
    try {
      fs.mkdirSync(path.join(dir, "laws"));
      fs.writeFileSync(path.join(dir, "laws", "index.d.ts"), "export declare const chinchilla: number;\n");
      fs.writeFileSync(path.join(dir, "flat.d.ts"), "export declare function help(): void;\nexport interface Row { n: number }\n");
      fs.writeFileSync(path.join(dir, "index.d.ts"),
        'export * as laws from "./laws";\nexport * from "./flat";\nimport { chinchilla } from "./laws";\nexport { chinchilla as c };\n');
      expect([...declaredExports(ts, path.join(dir, "index.d.ts"))].sort()).toEqual(["Row", "c", "help", "laws"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
