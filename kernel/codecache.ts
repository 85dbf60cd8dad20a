/**
 * V8 code cache for the TypeScript compiler that tslab ships (a 10 MB script compiled on every kernel
 * start). Node 20 has no built-in module compile cache, so the one big file is compiled through vm.Script
 * with cached data kept under node_modules/.cache/scalinglab. Saves ~150 ms of every kernel start.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as vm from "node:vm";
import Module from "node:module";
import { log } from "./log";

interface Hooked {
  script: vm.Script;
  cacheFile: string;
  fresh: boolean;
}

let hooked: Hooked | null = null;

export function installCodeCache(projectRoot: string): void {
  let target: string;
  try {
    target = require.resolve("@tslab/typescript-for-tslab");
  } catch {
    return;
  }
  const version = (require("@tslab/typescript-for-tslab/package.json") as { version: string }).version;
  const cacheFile = path.join(projectRoot, "node_modules", ".cache", "scalinglab",
    `typescript-for-tslab-${version}-${process.version}-${process.arch}.v8cache`);
  const extensions = (Module as unknown as { _extensions: Record<string, (m: NodeModule, f: string) => void> })._extensions;
  const original = extensions[".js"]!;
  extensions[".js"] = (mod, filename) => {
    if (filename !== target) return original(mod, filename);
    extensions[".js"] = original;
    let cachedData: Buffer | undefined;
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
    const source = fs.readFileSync(filename, "utf8");
    const script = new vm.Script((Module as unknown as { wrap(s: string): string }).wrap(source), { filename, cachedData });
    hooked = { script, cacheFile, fresh: cachedData === undefined || script.cachedDataRejected === true };
    const fn = script.runInThisContext() as (...a: unknown[]) => void;
    fn.call(mod.exports, mod.exports, (id: string) => mod.require(id), mod, filename, path.dirname(filename));
  };
}

/** Writes the cache once the compiler has run (so it holds the lazily compiled functions too). */
export function saveCodeCache(): void {
  if (!hooked?.fresh) return;
  const { script, cacheFile } = hooked;
  hooked.fresh = false;
  try {
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
    const tmp = `${cacheFile}.${process.pid}`;
    fs.writeFileSync(tmp, script.createCachedData());
    fs.renameSync(tmp, cacheFile);
  } catch (e) {
    log(`code cache not saved: ${(e as Error).message}`);
  }
}
