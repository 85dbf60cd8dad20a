/**
 * The library's declaration bundle (kernel/engine/declaration-bundle.ts): its module names are prefixed where
 * declared and where used, and every name the prelude puts in scope gets its type through it (an import that did
 * not resolve would give `any`, silently: tslab reports no diagnostics of the declarations file).
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type * as TS from "@tslab/typescript-for-tslab";
import { prefixModuleNames } from "../../kernel/engine/declaration-bundle";
import { buildPrelude, CELL_API_NAMES, declaredExports } from "../../kernel/engine/prelude";

const ROOT = path.resolve(__dirname, "..", "..");

describe("prefixModuleNames", () => {
  it("prefixes the bundle's own modules where declared and used, and nothing else", () => {
    const text = [
      'declare module "lib/a" {', '    export * from "lib/b";', '    export const x: typeof import("lib/b").y;', '    /** see "lib/c" */',
      '    import { Frame } from "danfojs-node";', "}", 'declare module "lib/b" {', '    export const y: "lib/b" | 1;', "}", "",
    ].join("\n");
    expect(prefixModuleNames(text)).toBe([
      'declare module "scalinglab/lib/a" {', '    export * from "scalinglab/lib/b";', '    export const x: typeof import("scalinglab/lib/b").y;',
      '    /** see "lib/c" */', '    import { Frame } from "danfojs-node";', "}", 'declare module "scalinglab/lib/b" {',
      // A string literal type equal to one of the bundle's module names is renamed as well.
      '    export const y: "scalinglab/lib/b" | 1;', "}", "",
    ].join("\n"));
  });

  it("refuses text without module blocks (tsc did not write an AMD bundle)", () => {
    expect(() => prefixModuleNames("export declare const x: number;\n")).toThrow(/no `declare module` blocks/);
  });
});

describe("the prelude's declarations", () => {
  it("give every value in scope its type, none of them `any`", () => {
    const ts = require("@tslab/typescript-for-tslab") as typeof TS;
    const prelude = buildPrelude((dts) => declaredExports(ts, dts), ROOT);
    const lib = require(path.join(ROOT, "dist", "lib", "index")) as Record<string, unknown>;
    const values = prelude.scope.filter((n) => n in lib || (CELL_API_NAMES as readonly string[]).includes(n));
    expect(values.length).toBeGreaterThan(20);
    const { createConverter } = require("tslab/dist/converter") as typeof import("tslab/dist/converter");
    const conv = createConverter({ isJS: false, isBrowser: false });
    try {
      const r = conv.convert(prelude.declOutput, `const probe = { ${values.map((n) => `${n}: ${n}`).join(", ")} };`);
      expect(r.diagnostics).toEqual([]);
      const probe = /declare const probe: \{([\s\S]*?)\n\};/.exec(r.declOutput ?? "")?.[1] ?? "";
      for (const n of values) expect(probe, n).toMatch(new RegExp(`\\n    ${n}: (?!any;)`));
      // A type through the bundle, by its prefixed module name.
      expect(conv.convert(r.declOutput!, "const wrong: string = laws").diagnostics[0]?.messageText)
        .toBe(`Type 'typeof import("scalinglab/lib/laws/index")' is not assignable to type 'string'.`);
    } finally {
      conv.close();
    }
  });
});
