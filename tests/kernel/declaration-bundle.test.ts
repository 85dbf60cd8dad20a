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

  it("names a folder's index module where tsc names the folder (import(\"lib/core\") for lib/core/index)", () => {
    expect(prefixModuleNames('declare module "lib/core/index" {\n}\ndeclare module "lib/a" {\n    export const c: import("lib/core").Card;\n}\n'))
      .toBe('declare module "scalinglab/lib/core/index" {\n}\ndeclare module "scalinglab/lib/a" {\n    export const c: import("scalinglab/lib/core/index").Card;\n}\n');
  });

  it("refuses text without module blocks, and a specifier that looks like one of the bundle's modules but is none", () => {
    expect(() => prefixModuleNames("export declare const x: number;\n")).toThrow(/no `declare module` blocks/);
    expect(() => prefixModuleNames('declare module "lib/a" {\n    export const c: import("lib/gone").Card;\n}\n'))
      .toThrow('declaration bundle: "lib/gone" names none of the bundle\'s modules');
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
      // Types through a namespace of namespaces (tsc names folder modules by the folder there).
      const nested = conv.convert(r.declOutput!, "const vit = laws.papers.vision.zhaiVit;").declOutput ?? "";
      expect(nested).toMatch(/declare const vit: Law<\{\n\s+C: number;/);
      // A type through the bundle, by its prefixed module name.
      expect(conv.convert(r.declOutput!, "const wrong: string = laws").diagnostics[0]?.messageText)
        .toBe(`Type 'typeof import("scalinglab/lib/laws/index")' is not assignable to type 'string'.`);
    } finally {
      conv.close();
    }
  });
});
