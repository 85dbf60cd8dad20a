/**
 * The type checker reads @types/node without its documentation comments (kernel/engine/node-docs.ts). What is
 * removed must be comments only: checked against TypeScript's own parse of every @types/node file the kernel
 * can load (the project's and tslab's), node kind by node kind.
 */
import { describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "@tslab/typescript-for-tslab";
import { withoutDocComments } from "../../kernel/engine/node-docs";

const root = path.resolve(__dirname, "../..");

function declarationFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".d.ts")).map((f) => path.join(dir, f));
}

/** How many nodes of each kind a file parses into, JSDoc excluded (forEachChild does not visit it). */
function nodeKinds(file: string, text: string): Map<ts.SyntaxKind, number> {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const kinds = new Map<ts.SyntaxKind, number>();
  const visit = (n: ts.Node) => {
    kinds.set(n.kind, (kinds.get(n.kind) ?? 0) + 1);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return kinds;
}

describe("withoutDocComments", () => {
  it("removes documentation comments that start a line, keeping their line breaks and the code after them", () => {
    const text = "/**\n * Reads a file.\n * @param p its path\n */\nexport function read(p: string): string;\n" +
      "  /** @deprecated */ old(): void;\n/* a plain comment */\nconst glob = \"/**\"; // ends */\n/**/\n";
    expect(withoutDocComments(text)).toBe("\n\n\n\nexport function read(p: string): string;\n" +
      " old(): void;\n/* a plain comment */\nconst glob = \"/**\"; // ends */\n/**/\n");
  });

  for (const dir of [path.join(root, "node_modules/@types/node"), path.join(root, "node_modules/tslab/node_modules/@types/node")]) {
    it(`leaves every declaration of ${path.relative(root, dir)} as it was`, () => {
      const files = declarationFiles(dir);
      expect(files.length).toBeGreaterThan(40);
      let removed = 0;
      for (const file of files) {
        const text = fs.readFileSync(file, "utf8");
        const stripped = withoutDocComments(text);
        removed += text.length - stripped.length;
        expect(stripped.split("\n").length, file).toBe(text.split("\n").length);
        expect(stripped, file).not.toMatch(/^[ \t]*\/\*\*(?!\/)/m);
        expect(nodeKinds(file, stripped), file).toEqual(nodeKinds(file, text));
      }
      // Most of @types/node is documentation: the point of reading it without.
      expect(removed).toBeGreaterThan(500_000);
    });
  }
});
