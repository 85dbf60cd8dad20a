import { describe, expect, it } from "vitest";
import * as hparams from "../../lib/hparams";
import type { MupForm, MupTableColumn, WidthMonomial } from "../../lib/hparams";
import { listLaws } from "../../lib/core";
import { JUPYTER_DISPLAY, UnknownChoiceError } from "../../lib/core";
import { expectRel } from "./helpers";

const { mup, umup, munit } = hparams;
const MUP_TABLES = mup.tables;
const MUP_ABC_THETA_FROM_TABLE3 = mup.thetaFromTable3;
const MUP_LAYER_KINDS = mup.layerKinds;

const COLUMNS: MupTableColumn[] = ["input", "hidden", "output"];

describe("μP Table 8 (the mup package), hparams.md reference checks 12–13 (C)", () => {
  it("Adam: base LR 1e-2 on a hidden layer at width_mult 4 → 2.5e-3 (check 12)", () => {
    expectRel(mup.transferLR({ baseLR: 1e-2, kind: "hidden", optim: "adam", widthMult: 4 }), 2.5e-3, 1e-12);
  });
  it("Adam: output and input layers keep the base LR 1e-2 (check 12)", () => {
    expect(mup.transferLR({ baseLR: 1e-2, kind: "output", optim: "adam", widthMult: 4 })).toBe(1e-2);
    expect(mup.transferLR({ baseLR: 1e-2, kind: "input", optim: "adam", widthMult: 4 })).toBe(1e-2);
  });
  it("output forward multiplier at width_mult 4 is base_mult/4 (check 12)", () => {
    expect(mup.scaling({ kind: "output", optim: "adam", fanInMult: 4, fanOutMult: 1 }).multiplier).toBe(0.25);
  });
  it("SGD: base LR 0.1 at width_mult 4 → input 0.4, output 0.4, square hidden 0.1 (check 13)", () => {
    expectRel(mup.transferLR({ baseLR: 0.1, kind: "input", optim: "sgd", widthMult: 4 }), 0.4, 1e-12);
    expectRel(mup.transferLR({ baseLR: 0.1, kind: "output", optim: "sgd", widthMult: 4 }), 0.4, 1e-12);
    expectRel(mup.transferLR({ baseLR: 0.1, kind: "hidden", optim: "sgd", widthMult: 4 }), 0.1, 1e-12);
  });
  it("biases and norm gains follow the input column (vector-like: Adam unchanged, SGD × width_mult)", () => {
    for (const kind of ["bias", "norm"] as const) {
      expect(mup.transferLR({ baseLR: 1e-2, kind, optim: "adam", widthMult: 8 })).toBe(1e-2);
      expectRel(mup.transferLR({ baseLR: 0.1, kind, optim: "sgd", widthMult: 8 }), 0.8, 1e-12);
    }
  });
});

describe("attention scale, check 14 (C)", () => {
  it("d_head = 64: μP-compatible 8/64 = 0.125 equals SP 1/√64", () => {
    expect(mup.attentionScale(64)).toBe(0.125);
    expect(mup.attentionScale(64, { mup: false })).toBe(0.125);
  });
  it("d_head = 128: μP 8/128 = 0.0625 vs SP 0.08839", () => {
    expect(mup.attentionScale(128)).toBe(0.0625);
    expectRel(mup.attentionScale(128, { mup: false }), 0.0883883, 1e-6);
  });
  it("without the factor 8 μP uses 1/d_head", () => {
    expect(mup.attentionScale(128, { compat8: false })).toBe(1 / 128);
  });
});

describe("abc-symmetry between the μP forms", () => {
  const same = (a: WidthMonomial, b: WidthMonomial) => expect([a.fanIn, a.fanOut]).toEqual([b.fanIn, b.fanOut]);
  for (const form of ["table8", "unit"] as const) {
    it(`Table 3 transformed by its θ gives the hard-coded ${form} table (hparams.md §1)`, () => {
      for (const col of COLUMNS) {
        const t = mup.abcTransformEntry(MUP_TABLES.table3[col], MUP_ABC_THETA_FROM_TABLE3[form][col]);
        const want = MUP_TABLES[form][col];
        same(t.initVar, want.initVar);
        same(t.multiplier, want.multiplier);
        same(t.adamLR, want.adamLR);
        same(t.sgdLR, want.sgdLR);
      }
    });
  }
  it("transforming by θ and then by 1/θ round-trips every entry of every form", () => {
    const thetas: WidthMonomial[] = [{ fanIn: -1, fanOut: 0 }, { fanIn: 0.5, fanOut: -2 }, { fanIn: 3, fanOut: 1 }];
    for (const form of ["table3", "table8", "unit", "sp"] as MupForm[]) {
      for (const col of COLUMNS) {
        for (const th of thetas) {
          const back = mup.abcTransformEntry(mup.abcTransformEntry(MUP_TABLES[form][col], th), { fanIn: -th.fanIn, fanOut: -th.fanOut });
          expect(back).toEqual(MUP_TABLES[form][col]);
        }
      }
    }
  });
  it("numeric abc-symmetry round-trips (θ then 1/θ) for Adam and SGD", () => {
    for (const optimizer of ["adam", "sgd"] as const) {
      const p = { multiplier: 0.7, initStd: 0.02, lr: 3e-3 };
      const q = mup.abcSymmetry({ ...mup.abcSymmetry({ ...p, optimizer, theta: 5 }), optimizer, theta: 1 / 5 });
      expectRel(q.multiplier, p.multiplier, 1e-14);
      expectRel(q.initStd, p.initStd, 1e-14);
      expectRel(q.lr, p.lr, 1e-14);
    }
  });
  it("numeric abc-symmetry keeps the effective init A·σ, the Adam step A·lr and the SGD step A²·lr", () => {
    const p = { multiplier: 2, initStd: 0.01, lr: 1e-3 };
    const a = mup.abcSymmetry({ ...p, optimizer: "adam", theta: 3 });
    const s = mup.abcSymmetry({ ...p, optimizer: "sgd", theta: 3 });
    expectRel(a.multiplier * a.initStd, p.multiplier * p.initStd, 1e-14);
    expectRel(a.multiplier * a.lr, p.multiplier * p.lr, 1e-14);
    expectRel(s.multiplier ** 2 * s.lr, p.multiplier ** 2 * p.lr, 1e-14);
  });
  it("rejects θ ≤ 0 and unknown optimizers", () => {
    expect(() => mup.abcSymmetry({ multiplier: 1, initStd: 1, lr: 1, optimizer: "adam", theta: 0 })).toThrow(/hparams\.mup\.abcSymmetry: theta/);
    expect(() => mup.abcSymmetry({ multiplier: 1, initStd: 1, lr: 1, optimizer: "lion" as "adam", theta: 1 })).toThrow(UnknownChoiceError);
  });
});

describe("mupScaling invariants", () => {
  it("μP at the base width equals SP in every form, kind and optimizer (all multipliers 1)", () => {
    for (const form of ["table3", "table8", "unit", "sp"] as MupForm[]) {
      for (const kind of MUP_LAYER_KINDS) {
        for (const optim of ["adam", "sgd"] as const) {
          expect(mup.scaling({ kind, optim, form, fanInMult: 1, fanOutMult: 1 })).toEqual({ initVarMult: 1, initStdMult: 1, multiplier: 1, lrMult: 1 });
        }
      }
    }
  });
  it("SP keeps one global LR and 1/fan_in init at any width", () => {
    const r = mup.scaling({ kind: "output", optim: "adam", form: "sp", fanInMult: 16, fanOutMult: 1 });
    expect(r.lrMult).toBe(1);
    expect(r.initVarMult).toBe(1 / 16);
  });
  it("rejects unknown kinds, forms and non-positive width multipliers", () => {
    expect(() => mup.scaling({ kind: "conv" as "input", optim: "adam", fanInMult: 1, fanOutMult: 1 })).toThrow(/valid choices: input, hidden, output, bias, norm/);
    expect(() => mup.scaling({ kind: "input", optim: "adam", form: "table9" as "table8", fanInMult: 1, fanOutMult: 1 })).toThrow(UnknownChoiceError);
    expect(() => mup.transferLR({ baseLR: 1e-3, kind: "hidden", optim: "adam", widthMult: 0 })).toThrow(/hparams\.mup\.transferLR: widthMult/);
  });
});

describe("mupTable for a GPT-style transformer", () => {
  const arch = { dModel: 2048, nLayers: 4, vocab: 50304 };
  const base = { dModel: 256, lr: 6e-3, initStd: 0.02, outputMultiplier: 2 };
  const byGroup = (rows: ReturnType<typeof mup.table>) => Object.fromEntries(rows.map((r) => [r.group, r]));

  it("at the base width every group equals SP (same init std, LR and multiplier)", () => {
    for (const form of ["table3", "table8", "unit"] as MupForm[]) {
      for (const r of mup.table({ ...arch, dModel: 256 }, { ...base, form })) {
        expect(r.initStd).toBeCloseTo(r.spInitStd, 15);
        expect(r.lr).toBeCloseTo(r.spLR, 15);
      }
    }
  });
  it("Table 8 with Adam at 8× width: hidden LR 6e-3/8, embedding and readout keep 6e-3, readout multiplier 2/8", () => {
    const g = byGroup(mup.table(arch, base));
    expectRel(g["attention QKV"].lr, 6e-3 / 8, 1e-12);
    expectRel(g["MLP down"].lr, 6e-3 / 8, 1e-12);
    expect(g["token embedding"].lr).toBe(6e-3);
    expect(g.readout.lr).toBe(6e-3);
    expectRel(g.readout.multiplier, 0.25, 1e-12);
    expectRel(g["MLP up"].initStd, 0.02 / Math.sqrt(8), 1e-12);
    expect(g.readout.initStd).toBe(0.02);
  });
  it("the effective init and effective LR of every group are the same in Table 3, Table 8 and unit form", () => {
    for (const optimizer of ["adam", "sgd"] as const) {
      const forms = (["table3", "table8", "unit"] as MupForm[]).map((form) => mup.table(arch, { ...base, optimizer, form }));
      for (let i = 0; i < forms[0].length; i++) {
        for (const f of forms.slice(1)) {
          expectRel(f[i].effectiveLR, forms[0][i].effectiveLR, 1e-12);
          if (forms[0][i].effectiveInitStd > 0) expectRel(f[i].effectiveInitStd, forms[0][i].effectiveInitStd, 1e-12);
        }
      }
    }
  });
  it("biases start at 0, and a zero-init readout has init std 0", () => {
    const g = byGroup(mup.table(arch, { ...base, readoutZeroInit: true }));
    expect(g["biases (d_model wide)"].initStd).toBe(0);
    expect(g.readout.initStd).toBe(0);
  });
  it("counts parameters: the four hidden groups hold 12·n_layer·d² at d_ff = 4d", () => {
    const rows = mup.table(arch, base);
    const hidden = rows.filter((r) => r.kind === "hidden").reduce((s, r) => s + r.params, 0);
    expect(hidden).toBe(12 * 4 * 2048 ** 2);
  });
  it("is displayable as a table", () => {
    const rows = mup.table(arch, base) as unknown as Record<symbol, () => unknown>;
    expect(typeof rows[JUPYTER_DISPLAY]).toBe("function");
  });
  it("rejects a width that is not a whole number of heads, naming the fix", () => {
    expect(() => mup.table({ ...arch, dModel: 1000 }, base)).toThrow(/hparams\.mup\.table: arch.dModel = 1000 is not a multiple of dHead = 64/);
  });
  it("rejects a non-integer dimension and a non-positive base LR", () => {
    expect(() => mup.table({ ...arch, nLayers: 2.5 }, base)).toThrow(/arch.nLayers must be a positive integer/);
    expect(() => mup.table(arch, { ...base, lr: 0 })).toThrow(/hparams\.mup\.table: base.lr/);
  });
});

describe("u-μP (graphcore unit_scaling/optim.py), check 15 (C)", () => {
  it("Adam weight with fan_in 1024 and no depth → 1/32", () => {
    expect(umup.adamLRScale({ kind: "weight", fanIn: 1024 })).toBe(0.03125);
  });
  it("the same weight at depth 16 → 0.0078125", () => {
    expect(umup.adamLRScale({ kind: "weight", fanIn: 1024, depth: 16 })).toBe(0.0078125);
  });
  it("embedding with d_model 4096 → 1/64", () => {
    expect(umup.adamLRScale({ kind: "embedding", fanIn: 4096 })).toBe(1 / 64);
  });
  it("output → 1, bias/norm → depth^-1/2", () => {
    expect(umup.adamLRScale({ kind: "output", fanIn: 4096 })).toBe(1);
    expect(umup.adamLRScale({ kind: "norm", fanIn: 1, depth: 4 })).toBe(0.5);
  });
  it("independent weight decay: wd 0.1 with param LR 0.01 → 10", () => {
    expectRel(umup.independentWeightDecay({ wd: 0.1, paramLR: 0.01 }), 10, 1e-12);
  });
  it("SGD multipliers: bias depth^-1/2·shape[0], weight fan_in^∓1/2, output depth^-1/2", () => {
    expect(umup.sgdLRScale({ kind: "bias", fanIn: 1, shape0: 512, depth: 4 })).toBe(256);
    expect(umup.sgdLRScale({ kind: "weight", fanIn: 256 })).toBe(1 / 16);
    expect(umup.sgdLRScale({ kind: "weight", fanIn: 256, readoutConstraint: "to_output_scale" })).toBe(16);
    expect(umup.sgdLRScale({ kind: "output", fanIn: 256, depth: 4 })).toBe(0.5);
  });
  it("SGD bias without shape0 asks for it", () => {
    expect(() => umup.sgdLRScale({ kind: "bias", fanIn: 1 })).toThrow(/hparams\.umup\.sgdLRScale: shape0 is required/);
  });
  it("rejects a negative weight decay and a zero param LR", () => {
    expect(() => umup.independentWeightDecay({ wd: -1, paramLR: 0.1 })).toThrow(/wd must be/);
    expect(() => umup.independentWeightDecay({ wd: 0.1, paramLR: 0 })).toThrow(/paramLR/);
  });
});

describe("μnit Scaling", () => {
  it("is labelled unverified in the result and the law card", () => {
    expect(munit.scaling({ kind: "output", fanIn: 512 }).status).toBe("unverified");
    expect(listLaws().find((l) => l.id === "munit-scaling")?.status).toBe("unverified");
  });
});
