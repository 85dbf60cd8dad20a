/**
 * Build step: the library's declarations as one file of ambient modules (dist/lib/scalinglab.d.ts), which the
 * prelude gives the type checker instead of the ~180 per-module .d.ts files. tslab's converter rebuilds its
 * program for every cell, and TypeScript's builder then resolves every import of every file again: with the
 * per-module files that was half of a trivial cell's type check; one file of ambient modules costs about what no
 * library does (bench/kernel-startup). tsc writes the file (kernel/engine/tsconfig.declarations.json, module
 * AMD); this step prefixes its module names with `scalinglab/`, so they cannot meet a notebook's own imports, and
 * writes the module the prelude imports from (dist/lib/prelude.d.ts): it re-exports the cell API and the library
 * from the bundle, which its `/// <reference>` brings into every cell's program.
 * Run by `npm run build` after tsc.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** Where the bundle is, under the project root. */
export const DECLARATION_BUNDLE = path.join("dist", "lib", "scalinglab.d.ts");
/** The module the prelude's declarations import from (without `.d.ts`), under the project root. */
export const PRELUDE_DECLARATIONS = path.join("dist", "lib", "prelude");
/** The bundle's name for the module at `file` (a path under the project root, without extension). */
export const bundledModule = (file: string) => `scalinglab/${file}`;

/**
 * `text` (tsc's AMD declaration bundle) with each of its own module names prefixed, where declared and where used.
 * tsc names a folder's index module by the folder where a type refers to it (`import("lib/core")` for lib/core/index):
 * those become the index module's name. Throws when a module specifier is left that names none of the bundle's
 * modules but looks like one (a type through it would silently be `any`).
 */
export function prefixModuleNames(text: string): string {
  const declared = new Set([...text.matchAll(/^declare module "([^"]+)" \{$/gm)].map((m) => m[1]!));
  if (declared.size === 0) throw new Error("declaration bundle: no `declare module` blocks in tsc's output");
  const out = text.replace(/"([^"\n]+)"/g, (quoted, name: string) =>
    declared.has(name) ? `"${bundledModule(name)}"` : declared.has(`${name}/index`) ? `"${bundledModule(`${name}/index`)}"` : quoted);
  const roots = new Set([...declared].map((m) => m.split("/")[0]!));
  const specifiers = [...out.matchAll(/(?:from |import\()"([^"]+)"/g)].map((m) => m[1]!);
  const unresolved = specifiers.find((s) => roots.has(s.split("/")[0]!));
  if (unresolved) throw new Error(`declaration bundle: "${unresolved}" names none of the bundle's modules`);
  return out;
}

if (require.main === module) {
  const root = path.resolve(__dirname, "..", "..", "..");
  const file = path.join(root, DECLARATION_BUNDLE);
  const text = prefixModuleNames(fs.readFileSync(file, "utf8"));
  fs.writeFileSync(file, text);
  fs.writeFileSync(path.join(root, PRELUDE_DECLARATIONS + ".d.ts"), `/// <reference path="./${path.basename(DECLARATION_BUNDLE)}" />\n` +
    `export * from "${bundledModule("kernel/engine/cell-api")}";\nexport * from "${bundledModule("lib/index")}";\n`);
  const modules = text.match(/^declare module "/gm)!.length;
  console.log(`declaration bundle: ${modules} modules in ${DECLARATION_BUNDLE} (${(text.length / 1024).toFixed(0)} KB)`);
}
