/**
 * Finding a dataset's files: the cache, then a mirror folder, then a download from the pinned public commit.
 * Every file's sha256 is checked before anything reads it; a mismatch or a miss is a DataError that names the file,
 * the expected hash and where to put a good copy.
 */
import { createHash } from "node:crypto";
import { promises as fsp } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DataError, reportProgress, runtimeHooks, throwIfInterrupted } from "../core";
import type { DatasetSpec, SourceFile } from "../../datasets";

/** Where `loadDataset` looks for files; every field overrides its environment variable. */
export interface DataLocationOptions {
  /**
   * Cache folder (default: $SCALINGLAB_CACHE_DIR, else $XDG_CACHE_HOME/scalinglab, else ~/.cache/scalinglab).
   * Files live under `<cacheDir>/datasets/<local path>`.
   */
  readonly cacheDir?: string;
  /** Folder laid out like the public mirror (`<mirror>/<local path>`); default $SCALINGLAB_DATA_MIRROR; null disables it. */
  readonly mirror?: string | null;
  /** Download base (default $SCALINGLAB_DATA_BASE_URL, else https://raw.githubusercontent.com); files at `<base>/<repo>/<commit>/<path>`. */
  readonly baseUrl?: string;
  /** Never download (default: true when $SCALINGLAB_OFFLINE is "1"). */
  readonly offline?: boolean;
  /** Per-file download timeout in milliseconds (default 60,000). */
  readonly timeoutMs?: number;
  /** Aborts downloads (the kernel's interrupt signal is honoured too). */
  readonly signal?: AbortSignal;
}

/** Where one file was found. */
export type FileOrigin = "cache" | "mirror" | "download";

/** A verified file: its registry entry, where it came from and its bytes. */
export interface VerifiedFile {
  readonly file: SourceFile;
  readonly origin: FileOrigin;
  /** Absolute path that was read (for downloads: the cache path written). */
  readonly path: string;
  readonly content: Buffer;
}

const DEFAULT_BASE_URL = "https://raw.githubusercontent.com";

/**
 * The cache folder `loadDataset` uses with these options.
 * @param opts - `cacheDir` overrides $SCALINGLAB_CACHE_DIR, which overrides $XDG_CACHE_HOME/scalinglab and ~/.cache/scalinglab
 * @returns an absolute path (not created)
 * @example
 * dataCacheDir({ cacheDir: "/tmp/sl" }) // => "/tmp/sl"
 */
export function dataCacheDir(opts: Pick<DataLocationOptions, "cacheDir"> = {}): string {
  const env = process.env;
  const dir = opts.cacheDir ?? env.SCALINGLAB_CACHE_DIR ??
    path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "scalinglab");
  return path.resolve(dir);
}

/**
 * Path of a registry file inside the cache: `<cacheDir>/datasets/<local path>` (where to place a file by hand).
 * @param file - a registry file
 * @param opts - `cacheDir` (else the default of {@link dataCacheDir})
 * @returns an absolute path
 * @example
 * cachedFilePath(data.spec("steplaw").files[1], { cacheDir: "/tmp/sl" }) // => "/tmp/sl/datasets/steplaw/dense_lr_bs_loss.csv"
 */
export function cachedFilePath(file: SourceFile, opts: Pick<DataLocationOptions, "cacheDir"> = {}): string {
  return path.join(dataCacheDir(opts), "datasets", file.local);
}

/**
 * Raw-file URL of a registry file at its pinned commit: `<base>/<repo>/<commit>/<path>`.
 * @param spec - the dataset's registry entry
 * @param file - one of its files
 * @param baseUrl - default $SCALINGLAB_DATA_BASE_URL, else https://raw.githubusercontent.com
 * @returns the URL
 * @example
 * sourceFileUrl(data.spec("steplaw"), data.spec("steplaw").files[1], "https://example.org") // => "https://example.org/step-law/steplaw/32a8f4cc50247695fb56cc6c9117abdf67c97763/data/dense_lr_bs_loss.csv"
 */
export function sourceFileUrl(spec: Pick<DatasetSpec, "source">, file: SourceFile, baseUrl?: string): string {
  const base = (baseUrl ?? process.env.SCALINGLAB_DATA_BASE_URL ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
  return `${base}/${spec.source.repo}/${spec.source.commit}/${file.path}`;
}

/**
 * Lower-case hex sha256 of bytes (what the registry records per file).
 * @param content - the bytes
 * @returns 64 hex digits
 * @example
 * sha256Hex(new TextEncoder().encode("abc")) // => "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 */
export function sha256Hex(content: Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

async function readIfExists(p: string): Promise<Buffer | null> {
  try {
    return await fsp.readFile(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

function mirrorDir(opts: DataLocationOptions): string | null {
  if (opts.mirror === null) return null;
  const m = opts.mirror ?? process.env.SCALINGLAB_DATA_MIRROR;
  return m ? path.resolve(m) : null;
}

function checksumError(fn: string, file: SourceFile, where: string, actual: string, hint: string): DataError {
  return new DataError(fn, `${file.local}: ${where} has sha256 ${actual}, expected ${file.sha256} (${file.bytes} bytes); nothing was parsed`, hint);
}

/** Downloads one file with progress; returns its bytes or throws a message for the miss error. */
async function download(url: string, opts: DataLocationOptions, onBytes: (n: number) => void): Promise<Buffer> {
  const signals = [AbortSignal.timeout(opts.timeoutMs ?? 60_000)];
  for (const s of [opts.signal, runtimeHooks().signal]) if (s) signals.push(s);
  const res = await fetch(url, { signal: AbortSignal.any(signals) });
  if (!res.ok || !res.body) throw new Error(`HTTP ${res.status} ${res.statusText}`);
  const chunks: Buffer[] = [];
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(Buffer.from(value));
    onBytes(value.byteLength);
  }
  return Buffer.concat(chunks);
}

/**
 * Finds, verifies and (if needed) downloads every file of a dataset. Order: cache, mirror, download into the cache.
 * The sha256 is checked for every file before it is returned; downloaded bytes are written to the cache only
 * after they verify.
 * @param fn - public function name for errors
 * @param spec - the registry entry
 * @param opts - cache, mirror, base URL, offline, timeout, signal
 * @returns the verified files in registry order
 * @throws DataError on a checksum mismatch (cache, mirror or download) or when a file is found nowhere
 */
export async function fetchDatasetFiles(fn: string, spec: DatasetSpec, opts: DataLocationOptions = {}): Promise<VerifiedFile[]> {
  const mirror = mirrorDir(opts);
  const offline = opts.offline ?? process.env.SCALINGLAB_OFFLINE === "1";
  const found: (VerifiedFile | null)[] = [];
  const missing: SourceFile[] = [];
  for (const file of spec.files) {
    throwIfInterrupted(fn, opts.signal);
    const cachePath = cachedFilePath(file, opts);
    const cached = await readIfExists(cachePath);
    if (cached) {
      const h = sha256Hex(cached);
      if (h !== file.sha256) throw checksumError(fn, file, `the cached copy ${cachePath}`, h, `delete it so it downloads again, or replace it with the file from ${sourceFileUrl(spec, file, opts.baseUrl)}`);
      found.push({ file, origin: "cache", path: cachePath, content: cached });
      continue;
    }
    if (mirror) {
      const mirrorPath = path.join(mirror, file.local);
      const m = await readIfExists(mirrorPath);
      if (m) {
        const h = sha256Hex(m);
        if (h !== file.sha256) throw checksumError(fn, file, `the mirror copy ${mirrorPath}`, h, `the mirror (SCALINGLAB_DATA_MIRROR) must hold byte-exact copies: replace it with the file from ${sourceFileUrl(spec, file, opts.baseUrl)}`);
        found.push({ file, origin: "mirror", path: mirrorPath, content: m });
        continue;
      }
    }
    found.push(null);
    missing.push(file);
  }
  if (missing.length > 0) {
    const total = missing.reduce((s, f) => s + f.bytes, 0);
    const task = `${fn}("${spec.id}"): downloading ${missing.length} file${missing.length === 1 ? "" : "s"}`;
    let done = 0;
    reportProgress(task, 0, total);
    const downloaded = new Map<string, VerifiedFile>();
    const queue = [...missing];
    const worker = async () => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        throwIfInterrupted(fn, opts.signal);
        downloaded.set(file.local, await fetchOne(fn, spec, file, mirror, offline, opts, (n) => reportProgress(task, (done += n), total)));
      }
    };
    await Promise.all(Array.from({ length: Math.min(6, missing.length) }, worker));
    reportProgress(task, total, total);
    return found.map((f, k) => f ?? downloaded.get(spec.files[k].local)!);
  }
  return found as VerifiedFile[];
}

async function fetchOne(
  fn: string, spec: DatasetSpec, file: SourceFile, mirror: string | null, offline: boolean, opts: DataLocationOptions, onBytes: (n: number) => void,
): Promise<VerifiedFile> {
  const cachePath = cachedFilePath(file, opts);
  const url = sourceFileUrl(spec, file, opts.baseUrl);
  const looked = `not in the cache (${cachePath}), ${mirror ? `not in the mirror (${path.join(mirror, file.local)})` : "no mirror set (SCALINGLAB_DATA_MIRROR)"}`;
  const hint = `set SCALINGLAB_DATA_MIRROR to a folder holding ${file.local}, or place the file from ${url} at ${cachePath}`;
  if (offline) throw new DataError(fn, `${file.local} (sha256 ${file.sha256}) is ${looked}, and downloads are off (offline)`, hint);
  let content: Buffer;
  try {
    content = await download(url, opts, onBytes);
  } catch (e) {
    throwIfInterrupted(fn, opts.signal);
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const why = (e as Error).message + (cause ? ` (${cause.code ?? cause.message})` : "");
    throw new DataError(fn, `${file.local} (sha256 ${file.sha256}) is ${looked}, and the download from ${url} failed: ${why}`, hint);
  }
  const h = sha256Hex(content);
  if (h !== file.sha256) throw checksumError(fn, file, `the download from ${url}`, h, `nothing was cached; ${hint}`);
  await fsp.mkdir(path.dirname(cachePath), { recursive: true });
  const tmp = `${cachePath}.${process.pid}.${Date.now()}.part`;
  await fsp.writeFile(tmp, content);
  await fsp.rename(tmp, cachePath);
  return { file, origin: "download", path: cachePath, content };
}
