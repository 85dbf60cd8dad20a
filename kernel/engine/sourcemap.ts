/**
 * Positions in the compiled library (dist/lib/**.js) back in its TypeScript sources, from the `.js.map` files
 * tsc writes next to them (`sourceMap` in tsconfig.json). Only what a traceback needs: decode the base64 VLQ
 * `mappings` of a file once, then look up a line.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Map([...B64].map((c, i) => [c, i]));

/** One mapping: generated column → source index, source line, source column (all zero-based). */
type Segment = [genCol: number, source: number, line: number, col: number];

/** The segments of each generated line (source map v3: fields relative to the previous segment, columns per line). */
function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let source = 0, line = 0, col = 0;
  for (const text of mappings.split(";")) {
    const segs: Segment[] = [];
    let genCol = 0;
    for (const seg of text.split(",")) {
      if (!seg) continue;
      const f: number[] = [];
      let value = 0, shift = 0;
      for (const c of seg) {
        const d = DIGIT.get(c);
        if (d === undefined) throw new Error(`invalid source map character ${JSON.stringify(c)}`);
        value += (d & 31) << shift;
        if (d & 32) {
          shift += 5;
          continue;
        }
        f.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = shift = 0;
      }
      genCol += f[0]!;
      if (f.length < 4) continue; // a generated position with no source
      source += f[1]!;
      line += f[2]!;
      col += f[3]!;
      segs.push([genCol, source, line, col]);
    }
    lines.push(segs);
  }
  return lines;
}

interface FileMap {
  lines: Segment[][];
  sources: string[];
}

const maps = new Map<string, FileMap | null>();

function fileMap(jsFile: string): FileMap | null {
  if (maps.has(jsFile)) return maps.get(jsFile)!;
  let m: FileMap | null = null;
  try {
    const raw = JSON.parse(fs.readFileSync(`${jsFile}.map`, "utf8")) as { sources: string[]; sourceRoot?: string; mappings: string };
    const dir = path.resolve(path.dirname(jsFile), raw.sourceRoot ?? "");
    m = { lines: decodeMappings(raw.mappings), sources: raw.sources.map((s) => path.resolve(dir, s)) };
  } catch {
    // no map (or an unreadable one): the frame keeps its .js position
  }
  maps.set(jsFile, m);
  return m;
}

/** The TypeScript source position of 1-based `line`:`col` in `jsFile`, or undefined without a map. */
export function originalPosition(jsFile: string, line: number, col: number): { file: string; line: number; col: number } | undefined {
  const m = fileMap(jsFile);
  const segs = m?.lines[line - 1];
  if (!m || !segs?.length) return undefined;
  let best = segs[0]!;
  for (const s of segs) if (s[0] <= col - 1) best = s;
  return { file: m.sources[best[1]]!, line: best[2] + 1, col: best[3] + 1 };
}
