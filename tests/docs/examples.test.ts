/**
 * Every `@example` in lib is executed (mathjs's doc.test.js idea): lines ending in `// => value` are checked,
 * other lines run as setup. An example sees what a notebook cell sees (the public scope of lib/index: namespaces
 * and top-level names) plus the exports of its own module, so internal helpers can be documented too.
 */
import { describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import * as lib from "../../lib";

const root = path.resolve(__dirname, "../../lib");

interface Example {
  file: string;
  line: number;
  code: string[];
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") && !e.name.endsWith(".d.ts") ? [p] : [];
  });
}

/** Pulls `@example` blocks out of /** *\/ comments: the lines after the tag until the next tag or the comment's end. */
function examplesIn(file: string): Example[] {
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const found: Example[] = [];
  let current: Example | null = null;
  lines.forEach((raw, i) => {
    const inComment = /^\s*\*(?!\/)/.test(raw) || /^\s*\/\*\*/.test(raw);
    const text = raw.replace(/^\s*\/?\*+\s?/, "").replace(/\*\/\s*$/, "");
    const ends = /\*\/\s*$/.test(raw);
    if (current && (!inComment || /^\s*@\w+/.test(text))) {
      found.push(current);
      current = null;
    }
    const tag = text.match(/^\s*@example\s*(.*)$/);
    if (tag && inComment) {
      current = { file, line: i + 1, code: tag[1].trim() ? [tag[1]] : [] };
    } else if (current && text.trim() && !text.trim().startsWith("```")) {
      current.code.push(text);
    }
    if (ends && current) {
      found.push(current);
      current = null;
    }
  });
  return found.filter((e) => e.code.some((l) => l.includes("// =>")));
}

function parseExpected(s: string): unknown {
  const t = s.trim();
  try {
    return JSON.parse(t);
  } catch {
    // Allow JS literals such as 1e-3, -Infinity, 'text' or [1, 2].
    return new Function(`return (${t});`)();
  }
}

function toJs(code: string): string {
  return ts.transpileModule(code, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None } }).outputText;
}

function close(actual: unknown, expected: unknown): boolean {
  if (typeof expected === "number" && typeof actual === "number") {
    if (Number.isNaN(expected)) return Number.isNaN(actual);
    if (!Number.isFinite(expected)) return actual === expected;
    const scale = Math.max(Math.abs(expected), 1e-300);
    // Examples print rounded values; compare at the precision written.
    const digits = String(expected).replace(/^-/, "").replace(/e.*$/, "").replace(".", "").replace(/^0+/, "").length;
    const rtol = Math.max(1e-9, 0.5 * 10 ** (1 - Math.max(digits, 1)));
    return Math.abs(actual - expected) <= rtol * scale;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return expected.length === actual.length && expected.every((e, i) => close(actual[i], e));
  }
  if (expected && typeof expected === "object" && actual && typeof actual === "object") {
    return Object.entries(expected).every(([k, v]) => close((actual as Record<string, unknown>)[k], v));
  }
  return Object.is(actual, expected);
}

/** Public names, overridden by the example's own module exports. */
async function scopeOf(file: string): Promise<[string[], unknown[]]> {
  const own = (await import(file)) as Record<string, unknown>;
  const scope: Record<string, unknown> = { ...(lib as Record<string, unknown>), ...own };
  delete scope.default;
  const names = Object.keys(scope).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
  return [names, names.map((n) => scope[n])];
}

const examples = sourceFiles(root).flatMap(examplesIn);

describe("documented examples run and give the documented values", () => {
  it("the library documents at least one executable example", () => {
    expect(examples.length).toBeGreaterThan(0);
  });
  for (const ex of examples) {
    const where = `${path.relative(root, ex.file)}:${ex.line}`;
    it(`${where}: ${ex.code.find((l) => l.includes("// =>"))!.trim()}`, async () => {
      const checks: string[] = [];
      const body = ex.code.map((l, i) => {
        const m = l.match(/^(.*?);?\s*\/\/\s*=>\s*(.+)$/);
        if (!m) return l;
        checks.push(m[2]);
        return `__check(${i}, (${m[1]}));`;
      }).join("\n");
      const results: unknown[] = [];
      const [names, values] = await scopeOf(ex.file);
      const run = new Function("__check", ...names, toJs(body));
      run((_i: number, v: unknown) => results.push(v), ...values);
      expect(results.length).toBe(checks.length);
      checks.forEach((c, i) => {
        const expected = parseExpected(c);
        expect(close(results[i], expected), `${where}: got ${JSON.stringify(results[i])}, documented ${c}`).toBe(true);
      });
    });
  }
});
