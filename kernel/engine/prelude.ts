/**
 * The hidden first cell: imports every export of the compiled library (dist/lib/index) by absolute path,
 * so all of them are in scope in cell 1 with their types and TSDoc (tslab carries earlier cells'
 * declarations into later ones), plus the cell API (display, clearOutput, input, time, timeit, sleep, math).
 * A bare namespace import would not put the names in scope, so the names are listed: values from the
 * module's runtime keys, types from its .d.ts export tree.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type * as TS from "@tslab/typescript-for-tslab";
import { PRELUDE_DECLARATIONS } from "./declaration-bundle";

/** Names the kernel itself puts in scope; a library export with the same name would be ambiguous. */
export const CELL_API_NAMES = ["display", "clearOutput", "input", "prompt", "time", "timeit", "sleep", "math"] as const;

export interface Prelude {
  /** The prelude as a cell: the import statements it stands for. */
  code: string;
  /**
   * What tslab's converter would produce for `code`, built directly (see Engine.preload), with the types taken
   * from the library's declaration bundle (declaration-bundle.ts) instead of its per-module files.
   */
  declOutput: string;
  output: string;
  /** Library exports left out because they clash with a global or the cell API. */
  excluded: string[];
  /** The names the prelude puts in scope (a cell that redeclares one hides it). */
  scope: string[];
}

export class PreludeError extends Error {
  override name = "PreludeError";
}

/** Exported names of a .d.ts module, following `export * from` re-exports (parse only, no type check). */
export function declaredExports(ts: typeof TS, dtsFile: string, seen = new Set<string>()): Set<string> {
  const names = new Set<string>();
  if (seen.has(dtsFile)) return names;
  seen.add(dtsFile);
  const sf = ts.createSourceFile(dtsFile, fs.readFileSync(dtsFile, "utf8"), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const isExported = (n: TS.Node) =>
    (ts.canHaveModifiers(n) ? ts.getModifiers(n) : undefined)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
  for (const st of sf.statements) {
    if (ts.isExportDeclaration(st)) {
      if (!st.exportClause && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
        const base = path.resolve(path.dirname(dtsFile), st.moduleSpecifier.text);
        const target = [base + ".d.ts", path.join(base, "index.d.ts")].find((f) => fs.existsSync(f));
        if (target) for (const n of declaredExports(ts, target, seen)) names.add(n);
      } else if (st.exportClause && ts.isNamedExports(st.exportClause)) {
        for (const el of st.exportClause.elements) names.add(el.name.text);
      } else if (st.exportClause && ts.isNamespaceExport(st.exportClause)) {
        names.add(st.exportClause.name.text);
      }
    } else if (isExported(st)) {
      if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
      } else if (
        (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isInterfaceDeclaration(st) ||
          ts.isTypeAliasDeclaration(st) || ts.isEnumDeclaration(st) || ts.isModuleDeclaration(st)) && st.name && ts.isIdentifier(st.name)
      ) {
        names.add(st.name.text);
      }
    }
  }
  names.delete("default");
  return names;
}

/**
 * Builds the prelude for the project at `root` (`exportsOf` is `declaredExports` of a .d.ts file); throws
 * PreludeError saying what to fix.
 */
export function buildPrelude(exportsOf: (dtsFile: string) => Iterable<string>, root: string): Prelude {
  const libIndex = path.join(root, "dist", "lib", "index");
  const cellApi = path.join(root, "dist", "kernel", "engine", "cell-api");
  const declarations = path.join(root, PRELUDE_DECLARATIONS);
  if (!fs.existsSync(libIndex + ".js") || !fs.existsSync(libIndex + ".d.ts") || !fs.existsSync(declarations + ".d.ts")) {
    throw new PreludeError(`dist/lib or its declaration bundle is missing in ${root} — run \`npm run build\` there`);
  }
  let runtimeNames: string[];
  try {
    runtimeNames = Object.keys(require(libIndex) as object);
  } catch (e) {
    throw new PreludeError(`loading ${libIndex}.js failed: ${(e as Error).message}`);
  }
  const names = new Set([...runtimeNames, ...exportsOf(libIndex + ".d.ts")]);
  const excluded = [...names].filter((n) => (CELL_API_NAMES as readonly string[]).includes(n) || n in globalThis || n === "__esModule");
  const imported = [...names].filter((n) => !excluded.includes(n)).sort();
  const modules: [string, readonly string[]][] = [[cellApi, CELL_API_NAMES], [libIndex, imported]];
  const imports = modules.filter(([, names]) => names.length > 0)
    .map(([mod, names]) => `import { ${names.join(", ")} } from ${JSON.stringify(mod)};`);
  // Runtime: copy the exports into tslab's cell scope (`exports`); types exist only in declOutput.
  const output = modules.map(([mod, names], i) =>
    `const m${i} = require(${JSON.stringify(mod)});\n` +
    `for (const k of ${JSON.stringify(names)}) if (k in m${i}) exports[k] = m${i}[k];`).join("\n");
  const scope = [...CELL_API_NAMES, ...imported];
  const declOutput = `import { ${scope.join(", ")} } from ${JSON.stringify(declarations)};\n`;
  return { code: imports.join("\n"), declOutput, output, excluded, scope };
}
