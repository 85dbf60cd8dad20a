/**
 * The layer rule (issue 10), read from the import graph of lib/**, datasets/** and kernel/** (every import, export-from,
 * require and dynamic import, type-only ones included, as TypeScript's own pre-processor finds them):
 * - math (lib/numeric, lib/fit, lib/laws, lib/hparams, lib/mixing) imports nothing from lib/data, datasets, lib/plot,
 *   lib/display, kernel, danfojs or plotly*;
 * - lib/core imports nothing of the project outside itself;
 * - lib/** never imports kernel;
 * - no cycles between folders (each lib/<folder>, datasets and kernel is one node; lib/index.ts is the "lib" node).
 */
import { describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const root = path.resolve(__dirname, "..");

interface Edge {
  /** File that imports, relative to the repository root. */
  readonly file: string;
  readonly line: number;
  /** The specifier as written. */
  readonly spec: string;
  /** Folder node of the importer and of the target (project file) or the package name. */
  readonly from: string;
  readonly to: string;
  readonly isPackage: boolean;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : sourceFiles(p);
    return e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") && !e.name.endsWith(".test.ts") ? [p] : [];
  });
}

/** The folder node of a repository path: lib/<folder>, "lib" for lib/index.ts, datasets, kernel. */
function nodeOf(rel: string): string {
  const parts = rel.split(path.sep);
  if (parts[0] === "lib") return parts.length > 2 ? `lib/${parts[1]}` : "lib";
  return parts[0];
}

/** "danfojs", "plotly.js-dist-min", "@scope/name", "node:fs" → the package name. */
function packageOf(spec: string): string {
  const parts = spec.split("/");
  return spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** The folder node of a relative import: the file `<spec>.ts`, or the folder's index.ts. */
function targetNode(file: string, spec: string): string {
  const abs = path.resolve(path.dirname(file), spec);
  const hit = [`${abs}.ts`, path.join(abs, "index.ts")].find((p) => fs.existsSync(p)) ?? abs;
  return nodeOf(path.relative(root, hit));
}

function edgesOf(file: string): Edge[] {
  const text = fs.readFileSync(file, "utf8");
  const rel = path.relative(root, file);
  return ts.preProcessFile(text, true, true).importedFiles.map((imp) => {
    const isPackage = !imp.fileName.startsWith(".");
    return {
      file: rel, line: text.slice(0, imp.pos).split("\n").length, spec: imp.fileName, from: nodeOf(rel),
      to: isPackage ? packageOf(imp.fileName) : targetNode(file, imp.fileName), isPackage,
    };
  });
}

const files = ["lib", "datasets", "kernel"].flatMap((d) => sourceFiles(path.join(root, d)));
const edges = files.flatMap(edgesOf);
const show = (e: Edge) => `${e.file}:${e.line} imports "${e.spec}" (${e.to})`;

const MATH = ["lib/numeric", "lib/fit", "lib/laws", "lib/hparams", "lib/mixing"];
const FORBIDDEN_FOR_MATH = ["lib/data", "datasets", "lib/plot", "lib/display", "kernel"];
const FORBIDDEN_PACKAGES = /^(danfojs|plotly)/;

/** Strongly connected components of the folder graph with more than one node (Tarjan). */
function tangles(graph: Map<string, Set<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], on = new Set<string>();
  const out: string[][] = [];
  const visit = (n: string) => {
    index.set(n, next); low.set(n, next++); stack.push(n); on.add(n);
    for (const m of graph.get(n) ?? []) {
      if (!index.has(m)) { visit(m); low.set(n, Math.min(low.get(n)!, low.get(m)!)); } else if (on.has(m)) low.set(n, Math.min(low.get(n)!, index.get(m)!));
    }
    if (low.get(n) === index.get(n)) {
      const scc: string[] = [];
      for (let m = stack.pop()!; ; m = stack.pop()!) { on.delete(m); scc.push(m); if (m === n) break; }
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const n of [...graph.keys()].sort()) if (!index.has(n)) visit(n);
  return out;
}

/** One cycle through `start` inside its component, as a path start → … → start (breadth-first: shortest). */
function cycleThrough(graph: Map<string, Set<string>>, start: string, scc: readonly string[]): string[] {
  const prev = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const n = queue.shift()!;
    for (const m of [...(graph.get(n) ?? [])].sort()) {
      if (!scc.includes(m)) continue;
      if (m === start) {
        const pathBack = [n];
        while (pathBack[0] !== start) pathBack.unshift(prev.get(pathBack[0])!);
        return [...pathBack, start];
      }
      if (!prev.has(m)) { prev.set(m, n); queue.push(m); }
    }
  }
  return [start];
}

describe("layer rule", () => {
  it("reads the import graph (sanity: lib/laws imports lib/core, lib/data imports danfojs)", () => {
    expect(edges.some((e) => e.from === "lib/laws" && e.to === "lib/core")).toBe(true);
    expect(edges.some((e) => e.from === "lib/data" && e.to === "danfojs")).toBe(true);
  });

  it("math folders import nothing from data, datasets, plot, display, kernel, danfojs or plotly", () => {
    const bad = edges.filter((e) => MATH.includes(e.from) && (e.isPackage ? FORBIDDEN_PACKAGES.test(e.to) : FORBIDDEN_FOR_MATH.includes(e.to)));
    expect(bad.map(show)).toEqual([]);
  });

  it("lib/core imports nothing of the project outside itself", () => {
    expect(edges.filter((e) => e.from === "lib/core" && !e.isPackage && e.to !== "lib/core").map(show)).toEqual([]);
  });

  it("lib never imports kernel", () => {
    expect(edges.filter((e) => e.from.startsWith("lib") && !e.isPackage && e.to === "kernel").map(show)).toEqual([]);
  });

  it("the folder graph has no cycle", () => {
    const graph = new Map<string, Set<string>>();
    for (const e of edges) {
      if (e.isPackage || e.from === e.to) continue;
      if (!graph.has(e.from)) graph.set(e.from, new Set());
      graph.get(e.from)!.add(e.to);
    }
    // Each tangle of folders is reported as one cycle with the imports that make each step, so the message says what to move.
    const reports = tangles(graph).map((scc) => {
      const cycle = cycleThrough(graph, scc[0], scc);
      const why = cycle.slice(0, -1).map((n, i) => show(edges.find((e) => e.from === n && e.to === cycle[i + 1])!));
      return `${cycle.join(" → ")} (folders tangled: ${scc.join(", ")})\n  ${why.join("\n  ")}`;
    });
    expect(reports).toEqual([]);
  });
});
