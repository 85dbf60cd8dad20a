/**
 * lib/plan reaches the rest of the library through one adapter (rules.ts), so an API rename elsewhere touches one
 * file; its math files never import display code (display.ts does, and only index.ts imports display.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const dir = path.resolve(__dirname, "../../lib/plan");
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".ts"));
/** Value (non-type) imports of a file: the module specifiers. */
const valueImports = (f: string) =>
  [...fs.readFileSync(path.join(dir, f), "utf8").matchAll(/^import\s+(?!type\b)[^;]*?from\s+"([^"]+)"|^import\s+"([^"]+)"/gm)].map((m) => m[1] ?? m[2]);

describe("lib/plan's imports", () => {
  it("are parsed (multi-line import lists included)", () => {
    expect(valueImports("plan.ts")).toEqual(expect.arrayContaining(["../core", "./alternatives", "./rules", "./shape"]));
    expect(valueImports("rules.ts")).toEqual(expect.arrayContaining(["../laws/chinchilla-law", "../hparams/step-law"]));
  });

  it("outside rules.ts and display.ts, only lib/core and lib/plan itself are imported for values", () => {
    for (const f of files.filter((f) => f !== "rules.ts" && f !== "display.ts")) {
      for (const spec of valueImports(f)) expect(spec, `${f} imports ${spec}`).toMatch(/^(\.\/|\.\.\/core(\/|$))/);
    }
  });

  it("display.ts adds only lib/display and lib/plot; math files never import display.ts", () => {
    for (const spec of valueImports("display.ts")) expect(spec).toMatch(/^(\.\/|\.\.\/(core|display|plot)(\/|$))/);
    for (const f of files.filter((f) => f !== "index.ts")) expect(valueImports(f), f).not.toContain("./display");
  });
});
