/**
 * V8 code cache for the CommonJS modules a kernel start loads (tslab's 10 MB TypeScript compiler, the
 * library, mathjs, ...). Node 20 has no built-in module compile cache, so modules are compiled through
 * vm.Script with cached data kept in one file under node_modules/.cache/scalinglab, keyed by path, size
 * and mtime, one file per thread kind (main, converter). Written once the first cells ran, so lazily
 * compiled functions are in it too.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as vm from "node:vm";
import Module from "node:module";
import { log } from "../log";

interface ModuleInternals {
  _compile(content: string, filename: string, format?: string | null): unknown;
}
interface ModuleStatics {
  wrap(source: string): string;
  _resolveFilename(request: string, parent: NodeModule, isMain: boolean, options?: unknown): string;
  _resolveLookupPaths(request: string, parent: NodeModule): string[] | null;
  _cache: Record<string, NodeModule>;
  _extensions: Record<string, unknown>;
}

const statics = Module as unknown as ModuleStatics;
const proto = Module.prototype as unknown as ModuleInternals;
const FORMAT = 1;

let cacheFile = "";
let cached = new Map<string, Buffer>();
const compiled = new Map<string, vm.Script>();
let dirty = false;

function keyOf(filename: string, content: string): string {
  return `${filename}\0${content.length}\0${fs.statSync(filename).mtimeMs}`;
}

function load(file: string): Map<string, Buffer> {
  const map = new Map<string, Buffer>();
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch {
    return map;
  }
  // layout: u32 index length, JSON index [[key, length], ...], concatenated cache blobs
  const n = buf.readUInt32LE(0);
  const index = JSON.parse(buf.subarray(4, 4 + n).toString("utf8")) as { format: number; node: string; entries: [string, number][] };
  if (index.format !== FORMAT || index.node !== process.version) return map;
  let at = 4 + n;
  for (const [key, len] of index.entries) {
    map.set(key, buf.subarray(at, at + len));
    at += len;
  }
  return map;
}

/** Routes CommonJS compilation through the cache (modules loaded from now on). */
export function installCodeCache(projectRoot: string, name = "main"): void {
  cacheFile = path.join(projectRoot, "node_modules", ".cache", "scalinglab", `${name}-${process.version}-${process.arch}.v8cache`);
  try {
    cached = load(cacheFile);
  } catch (e) {
    log(`code cache unreadable, rebuilding: ${(e as Error).message}`);
  }
  const original = proto._compile;
  proto._compile = function (this: NodeModule, content: string, filename: string, format?: string | null) {
    // require() of an ES module (Node ≥ 20.19 passes format "module") is Node's own path: a vm.Script would parse it
    // as CommonJS and fail on its first `import` (hyparquet, behind data.readParquet, is such a package).
    if (typeof format === "string" && format !== "commonjs") return original.call(this, content, filename, format);
    let key: string;
    try {
      key = keyOf(filename, content);
    } catch {
      return original.call(this, content, filename);
    }
    const cachedData = cached.get(key);
    const script = new vm.Script(statics.wrap(content.replace(/^#!.*/, "")), {
      filename,
      cachedData,
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    } as vm.ScriptOptions);
    if (!cachedData || script.cachedDataRejected) dirty = true;
    compiled.set(key, script);
    const mod = this;
    const require = ((id: string) => mod.require(id)) as NodeJS.Require;
    require.resolve = Object.assign((request: string, options?: unknown) => statics._resolveFilename(request, mod, false, options),
      { paths: (request: string) => statics._resolveLookupPaths(request, mod) }) as NodeJS.RequireResolve;
    require.main = process.mainModule;
    require.cache = statics._cache;
    (require as unknown as { extensions: unknown }).extensions = statics._extensions;
    const fn = script.runInThisContext({ displayErrors: true }) as (...a: unknown[]) => unknown;
    return fn.call(mod.exports, mod.exports, require, mod, filename, path.dirname(filename));
  };
}

/** Writes the cache if any module was compiled without usable cached data. */
export function saveCodeCache(): void {
  if (!dirty || !cacheFile) return;
  dirty = false;
  try {
    const entries: [string, number][] = [];
    const blobs: Buffer[] = [];
    for (const [key, script] of compiled) {
      const data = script.createCachedData();
      entries.push([key, data.length]);
      blobs.push(data);
    }
    const index = Buffer.from(JSON.stringify({ format: FORMAT, node: process.version, entries }), "utf8");
    const head = Buffer.alloc(4);
    head.writeUInt32LE(index.length, 0);
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
    const tmp = `${cacheFile}.${process.pid}`;
    fs.writeFileSync(tmp, Buffer.concat([head, index, ...blobs]));
    fs.renameSync(tmp, cacheFile);
  } catch (e) {
    log(`code cache not saved: ${(e as Error).message}`);
  }
}
