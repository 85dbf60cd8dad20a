/**
 * The file resolution order (cache → mirror → download), checksum verification before parsing, and the errors of
 * a mismatch or a miss. Downloads go to a local http server started here on 127.0.0.1; nothing leaves the machine.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { DataError, InterruptedError, runtimeHooks, type ProgressEvent } from "../../lib/core";
import { cachedFilePath, dataCacheDir, sourceFileUrl } from "../../lib/data/fetch";
import { datasetSpec, loadDataset } from "../../lib/data/load";

const MIRROR = process.env.SCALINGLAB_DATA_MIRROR!;
const CSV = "chinchilla-epoch/svg_extracted_data.csv";
const SHA = "193478df4e90f040016431996c45682659306840ecdadf83cfb9cd5ca0aa1b30";

const temps: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "scalinglab-data-"));
  temps.push(d);
  return d;
}
afterAll(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A temp mirror holding a copy of the chinchilla-epoch CSV, optionally with one byte changed. */
function tempMirror(corrupt: boolean): string {
  const m = tempDir();
  fs.mkdirSync(path.join(m, "chinchilla-epoch"));
  const bytes = fs.readFileSync(path.join(MIRROR, CSV));
  if (corrupt) bytes[100] = bytes[100] === 0x31 ? 0x32 : 0x31;
  fs.writeFileSync(path.join(m, CSV), bytes);
  return m;
}

describe("file resolution", () => {
  it("reads from the mirror when the cache is empty, and reports the origin of every file", async () => {
    const ds = await loadDataset("steplaw", { cacheDir: tempDir(), mirror: MIRROR });
    expect(ds.files.map((f) => f.origin)).toEqual(["mirror", "mirror"]);
    expect(ds.files[1].path).toBe(path.join(MIRROR, "steplaw/dense_lr_bs_loss.csv"));
  });

  it("prefers a verified cached copy over the mirror", async () => {
    const cacheDir = tempDir();
    const target = cachedFilePath(datasetSpec("chinchilla-epoch").files[0], { cacheDir });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(MIRROR, CSV), target);
    const ds = await loadDataset("chinchilla-epoch", { cacheDir, mirror: MIRROR });
    expect(ds.files[0]).toMatchObject({ origin: "cache", path: target, sha256: SHA });
  });

  it("places the cache under SCALINGLAB_CACHE_DIR, else XDG_CACHE_HOME/scalinglab", () => {
    const saved = { ...process.env };
    try {
      process.env.SCALINGLAB_CACHE_DIR = "/tmp/a";
      expect(dataCacheDir()).toBe("/tmp/a");
      delete process.env.SCALINGLAB_CACHE_DIR;
      process.env.XDG_CACHE_HOME = "/tmp/xdg";
      expect(dataCacheDir()).toBe("/tmp/xdg/scalinglab");
      expect(dataCacheDir({ cacheDir: "/tmp/b" })).toBe("/tmp/b");
    } finally {
      for (const k of ["SCALINGLAB_CACHE_DIR", "XDG_CACHE_HOME"]) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
  });

  it("stops with InterruptedError when the kernel's interrupt signal is aborted", async () => {
    runtimeHooks().signal = AbortSignal.abort();
    try {
      await expect(loadDataset("chinchilla-epoch", { cacheDir: tempDir(), mirror: MIRROR })).rejects.toThrow(InterruptedError);
    } finally {
      runtimeHooks().signal = undefined;
    }
  });

  it("builds the raw GitHub URL at the pinned commit", () => {
    const spec = datasetSpec("chinchilla-epoch");
    expect(sourceFileUrl(spec, spec.files[0], "https://raw.githubusercontent.com")).toBe(
      "https://raw.githubusercontent.com/epoch-research/analyzing-chinchilla/92258837425e1b5f2851d624287f0120583a3d0e/data/svg_extracted_data.csv",
    );
  });
});

describe("checksum errors", () => {
  it("rejects a corrupted mirror copy before parsing, naming the file, both hashes and the fix", async () => {
    const err = await loadDataset("chinchilla-epoch", { cacheDir: tempDir(), mirror: tempMirror(true), offline: true }).catch((e) => e);
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toMatch(/^loadDataset: chinchilla-epoch\/svg_extracted_data\.csv: the mirror copy .* has sha256 [0-9a-f]{64}, expected 193478df/);
    expect(err.message).toMatch(/nothing was parsed/);
    expect(err.message).toMatch(/SCALINGLAB_DATA_MIRROR/);
  });

  it("rejects a corrupted cached copy and says to delete it", async () => {
    const cacheDir = tempDir();
    const target = cachedFilePath(datasetSpec("chinchilla-epoch").files[0], { cacheDir });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(tempMirror(true), CSV), target);
    const err = await loadDataset("chinchilla-epoch", { cacheDir, mirror: MIRROR }).catch((e) => e);
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toContain(`the cached copy ${target}`);
    expect(err.message).toContain(`expected ${SHA}`);
    expect(err.message).toMatch(/delete it/);
  });

  it("accepts an intact copy in a temp mirror", async () => {
    const ds = await loadDataset("chinchilla-epoch", { cacheDir: tempDir(), mirror: tempMirror(false), offline: true });
    expect(ds.rows.length).toBe(245);
  });
});

describe("offline miss", () => {
  it("names the file, the expected hash, the cache path and SCALINGLAB_DATA_MIRROR when downloads are off", async () => {
    const cacheDir = tempDir();
    const err = await loadDataset("chinchilla-epoch", { cacheDir, mirror: null, offline: true }).catch((e) => e);
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toContain(`${CSV} (sha256 ${SHA})`);
    expect(err.message).toContain(path.join(cacheDir, "datasets", CSV));
    expect(err.message).toMatch(/set SCALINGLAB_DATA_MIRROR to a folder holding chinchilla-epoch\/svg_extracted_data\.csv, or place the file from .* at /);
  });

  it("reports a failed download from an unreachable source with the same guidance", async () => {
    const server = http.createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r())); // the port is now closed: connections are refused
    const err = await loadDataset("chinchilla-epoch", { cacheDir: tempDir(), mirror: null, baseUrl: `http://127.0.0.1:${port}` }).catch((e) => e);
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toMatch(/the download from http:\/\/127\.0\.0\.1:\d+\/epoch-research\/analyzing-chinchilla\/92258837.*\/data\/svg_extracted_data\.csv failed/);
    expect(err.message).toContain(`sha256 ${SHA}`);
    expect(err.message).toMatch(/SCALINGLAB_DATA_MIRROR/);
  });
});

describe("download from a local http server", () => {
  let server: http.Server;
  let base = "";
  let corrupt = false;
  const requests: string[] = [];
  beforeAll(async () => {
    const spec = datasetSpec("steplaw");
    const byUrl = new Map(spec.files.map((f) => [`/${spec.source.repo}/${spec.source.commit}/${f.path}`, f.local]));
    server = http.createServer((req, res) => {
      requests.push(req.url!);
      const local = byUrl.get(req.url!);
      if (!local) return void res.writeHead(404).end();
      const bytes = fs.readFileSync(path.join(MIRROR, local));
      if (corrupt) bytes[0] ^= 1;
      res.writeHead(200, { "content-length": bytes.length }).end(bytes);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  afterEach(() => {
    corrupt = false;
    requests.length = 0;
    runtimeHooks().progress = undefined;
  });

  it("downloads missing files into the cache with progress, then serves them from the cache", async () => {
    const cacheDir = tempDir();
    const events: ProgressEvent[] = [];
    runtimeHooks().progress = (e) => events.push(e);
    const first = await loadDataset("steplaw", { cacheDir, mirror: null, baseUrl: base });
    expect(first.files.map((f) => f.origin)).toEqual(["download", "download"]);
    expect(first.rows.length).toBe(1911);
    expect(requests.length).toBe(2);
    const total = 97581 + 344476; // bytes of the two steplaw files (SOURCES.json)
    expect(events[events.length - 1]).toMatchObject({ done: total, total });
    expect(events[0].task).toMatch(/loadDataset\("steplaw"\): downloading 2 files/);
    expect(fs.existsSync(path.join(cacheDir, "datasets/steplaw/dense_lr_bs_loss.csv"))).toBe(true);
    const second = await loadDataset("steplaw", { cacheDir, mirror: null, baseUrl: base });
    expect(second.files.map((f) => f.origin)).toEqual(["cache", "cache"]);
    expect(requests.length).toBe(2);
  });

  it("rejects downloaded bytes that fail the checksum and caches nothing", async () => {
    corrupt = true;
    const cacheDir = tempDir();
    const err = await loadDataset("steplaw", { cacheDir, mirror: null, baseUrl: base }).catch((e) => e);
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toMatch(/the download from http:\/\/127\.0\.0\.1:\d+\/step-law\/steplaw\/.* has sha256 [0-9a-f]{64}, expected/);
    expect(err.message).toMatch(/nothing was cached/);
    expect(fs.existsSync(path.join(cacheDir, "datasets"))).toBe(false);
  });

  it("loads every one of gadre's 209 files (104 model JSONs, 104 eval JSONs, metadata)", async () => {
    const ds = await loadDataset("gadre-overtraining", { cacheDir: tempDir(), mirror: MIRROR });
    expect(ds.files.length).toBe(209);
    expect(ds.files.filter((f) => f.local.startsWith("gadre-overtraining/evals/")).length).toBe(104);
    expect(ds.files.filter((f) => f.local.startsWith("gadre-overtraining/models/")).length).toBe(104);
  });
});
