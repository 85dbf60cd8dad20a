import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { DATASETS, DATASET_IDS, DATASET_SPECS } from "../../datasets";
import * as data from "../../lib/data";
import { UnknownChoiceError } from "../../lib/core";
import { describeDataset, listDatasets } from "../../lib/data/registry";

const MIRROR = process.env.SCALINGLAB_DATA_MIRROR!;
interface SourceEntry { local: string; repo: string; commit: string; path: string; sha256: string; bytes: number; license: string }
const SOURCES: SourceEntry[] = JSON.parse(fs.readFileSync(path.join(MIRROR, "SOURCES.json"), "utf8"));
const registered = DATASET_SPECS.flatMap((s) => s.files.map((f) => ({ spec: s, file: f })));

describe("dataset registry", () => {
  it("has one entry per folder of the mirror, in DATASET_IDS order", () => {
    const folders = fs.readdirSync(MIRROR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(DATASET_SPECS.map((s) => s.id)).toEqual([...DATASET_IDS]);
    expect([...DATASET_IDS].sort()).toEqual(folders);
  });

  it("covers every file of SOURCES.json with the same repository, commit, path, sha256, size and licence", () => {
    expect(registered.length).toBe(SOURCES.length);
    for (const s of SOURCES) {
      const hit = registered.find((r) => r.file.local === s.local);
      expect(hit, s.local).toBeDefined();
      expect(hit!.file).toEqual({ local: s.local, path: s.path, sha256: s.sha256, bytes: s.bytes });
      expect(hit!.spec.source).toEqual({ repo: s.repo, commit: s.commit });
      expect(hit!.spec.licence.statement).toBe(s.license);
    }
  });

  it("registers files whose sha256 and size match the byte-exact mirror copy", () => {
    for (const { file } of registered) {
      const bytes = fs.readFileSync(path.join(MIRROR, file.local));
      expect(bytes.length, file.local).toBe(file.bytes);
      expect(createHash("sha256").update(bytes).digest("hex"), file.local).toBe(file.sha256);
    }
  });

  it("marks repositories without a licence file as load-by-reference, and never bundles any file", () => {
    for (const s of DATASET_SPECS) {
      expect(s.licence.bundled).toBe(false);
      expect(s.licence.spdx === null, s.id).toBe(/no LICENSE file/.test(s.licence.statement));
    }
  });

  it("gives every column a definition, and a unit for N, D, C and loss columns", () => {
    for (const s of DATASET_SPECS) {
      expect(s.citation.year, s.id).toBeGreaterThan(2000);
      for (const t of s.tables) {
        expect(new Set(t.columns.map((c) => c.name)).size, `${s.id}/${t.name}`).toBe(t.columns.length);
        for (const c of t.columns) {
          expect(c.description.length, `${s.id}/${t.name}/${c.name}`).toBeGreaterThan(3);
          if (["N", "D", "C", "loss"].includes(c.name)) expect(c.unit, `${s.id}/${t.name}/${c.name}`).not.toBeNull();
        }
        for (const prefix of t.from) expect(s.files.some((f) => f.local.startsWith(prefix)), `${s.id}/${t.name} from ${prefix}`).toBe(true);
      }
    }
  });

  it("listDatasets shows one row per dataset with its paper and licence", () => {
    const t = listDatasets();
    expect(t.values.map((r) => r[0])).toEqual([...DATASET_IDS]);
    expect(t.columns).toEqual(["id", "title", "paper", "tables", "files", "bytes", "licence"]);
    expect(t.values.find((r) => r[0] === "gadre-overtraining")![4]).toBe(209);
  });

  it("describeDataset shows units, citation and licence for the id", () => {
    const d = describeDataset("steplaw");
    const row = (name: string) => d.values.find((r) => r[0] === "dense" && r[1] === name)!;
    expect(row("bs")[3]).toBe("sequences");
    expect(row("batchTokens")[3]).toBe("tokens");
    expect(row("N")[4]).toMatch(/non-embedding/);
    expect(d.tableOptions.caption).toMatch(/arXiv:2503\.04715/);
    expect(d.tableOptions.caption).toMatch(/no LICENSE file/);
    expect(d.spec.id).toBe("steplaw");
  });

  it("describeDataset rejects an unknown id and lists the valid ones", () => {
    expect(() => describeDataset("chinchila")).toThrow(UnknownChoiceError);
    expect(() => describeDataset("chinchila")).toThrow(/chinchilla-epoch, gadre-overtraining/);
  });
});

describe("one module per dataset", () => {
  const root = path.resolve(__dirname, "../../datasets");
  it("each id is a folder datasets/<id>/ with spec, files, parser and index", () => {
    for (const id of DATASET_IDS) {
      for (const f of ["index.ts", "spec.ts", "files.ts", "parse.ts"]) expect(fs.existsSync(path.join(root, id, f)), `${id}/${f}`).toBe(true);
      expect(DATASETS[id].spec.id).toBe(id);
    }
  });
  it("each module's main table is the first table of its spec", () => {
    for (const id of DATASET_IDS) expect(DATASETS[id].main).toBe(DATASETS[id].spec.tables[0].name);
  });
  it("the project commits no data file: the datasets folder holds TypeScript and the README only", () => {
    const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [e.name]));
    expect(walk(root).filter((f) => !f.endsWith(".ts") && f !== "README.md")).toEqual([]);
  });
});

describe("the data namespace", () => {
  it("lists short public names and no plumbing", () => {
    const names = Object.keys(data).sort();
    expect(names).toEqual(expect.arrayContaining(["load", "list", "describe", "spec", "lossRuns", "frame", "readCsv", "published", "ids", "cacheDir"]));
    for (const internal of ["sha256Hex", "cachedFilePath", "fetchDatasetFiles", "sourceFileUrl", "sourceReader", "rowsToDataFrame"]) expect(names).not.toContain(internal);
    expect(names.length).toBeLessThanOrEqual(25);
  });
  it("data.ids are the registry's ids and data.published holds the transcribed tables", () => {
    expect(data.ids).toEqual(DATASET_IDS);
    expect(data.published.gadreTargets.rows.length).toBe(2);
    expect(data.regmix.trainDomains.length).toBe(17);
  });
  it("data.frame builds a float frame from plain records", () => {
    const df = data.frame([{ N: 3e9, loss: 2.5, name: "a" }, { N: 7e9, loss: 2.3, name: "b" }]);
    expect(df.dtypes).toEqual(["float32", "float32", "string"]);
    expect(df.values[1]).toEqual([7e9, 2.3, "b"]);
  });
});

describe("loading by id", () => {
  it("rejects an unknown id with the list of valid ids", async () => {
    const { loadDataset } = await import("../../lib/data/load");
    await expect(loadDataset("steplow" as never)).rejects.toThrow(UnknownChoiceError);
    await expect(loadDataset("steplow" as never)).rejects.toThrow(/valid choices: chinchilla-epoch/);
  });

  it("a table's column() rejects an unknown column, listing the columns", async () => {
    const { loadDataset } = await import("../../lib/data/load");
    const ds = await loadDataset("chinchilla-epoch");
    expect(() => ds.column("tokens" as never)).toThrow(/valid choices: N, C, D, loss/);
  });
});
