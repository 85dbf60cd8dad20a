/**
 * Every card in the catalogue (laws and rules) typesets cleanly: its formula and each of its variable symbols, as the
 * card shows them, go through MathJax 3 (the TeX input JupyterLab uses, without `noundefined`), and the test fails on
 * MathJax errors (unknown macros, bad braces) and on names MathJax reads as products of italic letters: `alpha`
 * typeset as a·l·p·h·a, `fan_in` as f·a·n_i·n. Such a name is a run of single-letter italic identifiers: three or
 * more in a row, a Greek letter's name, or two or more inside a sub/superscript (a label such as "min" or "opt",
 * which should be upright; index letters such as t_{ij} are allowed). Products of one-letter variables (`6ND`,
 * `a N^{\eta}`) are two letters and allowed.
 * The math of every shipped notebook's markdown cells ($…$ and $$…$$ outside code) goes through the same check.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { MmlNode } from "mathjax-full/js/core/MmlTree/MmlNode.js";
import "../../lib";
import { listLaws } from "../../lib/core";
import { lawLatex, symbolLatex } from "../../lib/display/law";
import { mmlText, texToMml } from "../../kernel/runner/mathjax";

const GREEK_NAMES = /^(alpha|beta|gamma|delta|epsilon|zeta|eta|theta|iota|kappa|lambda|mu|nu|xi|pi|rho|sigma|tau|phi|chi|psi|omega)$/i;
const SCRIPTS = new Set(["msub", "msup", "msubsup", "munder", "mover", "munderover"]);

/** The letter of a single-letter italic identifier, else undefined. */
function italicLetter(n: MmlNode | null | undefined): string | undefined {
  if (!n || n.kind !== "mi") return undefined;
  const text = (n as unknown as { getText(): string }).getText();
  return /^[A-Za-z]$/.test(text) && n.attributes.get("mathvariant") !== "normal" ? text : undefined;
}

/** Words MathJax would set as a product of italic letters, found in one formula tree. */
function italicWords(node: MmlNode | null | undefined, inScript = false, out: string[] = []): string[] {
  if (!node || node.isToken) return out;
  if (SCRIPTS.has(node.kind)) {
    // The base continues its row's run (handled by the caller); scripts are runs of their own.
    node.childNodes.slice(1).forEach((c) => italicWords(c as MmlNode, true, out));
    if (!italicLetter(node.childNodes[0] as MmlNode)) italicWords(node.childNodes[0] as MmlNode, inScript, out);
    return out;
  }
  let run = "";
  const flush = () => {
    // Index letters in a script (t_{ij}, t_{ii}) are indices, not a word.
    if (run.length >= 3 || (run.length >= 2 && ((inScript && !/^[ijk]+$/.test(run)) || GREEK_NAMES.test(run)))) out.push(run);
    run = "";
  };
  for (const child of node.childNodes as MmlNode[]) {
    const letter = italicLetter(child) ?? (child && SCRIPTS.has(child.kind) ? italicLetter(child.childNodes[0] as MmlNode) : undefined);
    if (letter) {
      run += letter;
      // A script ends the word it is attached to (f·a·n_i·n is "fan", then "n").
      if (SCRIPTS.has(child.kind)) (flush(), italicWords(child, inScript, out));
      continue;
    }
    flush();
    italicWords(child, inScript, out);
  }
  flush();
  return out;
}

function errors(node: MmlNode | null | undefined, out: string[] = []): string[] {
  if (!node) return out;
  if (node.kind === "merror") out.push(String(node.attributes.get("data-mjx-error") ?? mmlText(node)));
  if (!node.isToken) for (const c of node.childNodes) errors(c as MmlNode, out);
  return out;
}

function glitches(tex: string): string[] {
  const tree = texToMml(tex);
  return [...errors(tree).map((e) => `MathJax error: ${e}`), ...italicWords(tree).map((w) => `"${w}" set as italic letters`)];
}

describe("law cards typeset without glitches (MathJax in node)", () => {
  it("the detector finds the glitches it is meant to find, and passes clean formulas", () => {
    expect(glitches("\\alpha + alpha")).toEqual(['"alpha" set as italic letters']);
    expect(glitches("fan_in")).toEqual(['"fan" set as italic letters']);
    expect(glitches("N_{opt} = \\frac{1}{N_{\\mathrm{opt}}}")).toEqual(['"opt" set as italic letters']);
    expect(glitches("t_{ij} + t_{ii} + N_{ne}")).toEqual(['"ne" set as italic letters']);
    expect(glitches("\\alpah")).toEqual(["MathJax error: Undefined control sequence \\alpah"]);
    expect(glitches("C = 6 N D,\\; L = a N^{\\eta} + \\frac{B}{D^{\\beta}},\\; \\mathrm{fan\\_in}^{-1/2}")).toEqual([]);
  });

  it("variable names become one symbol each", () => {
    expect(symbolLatex("alpha")).toBe("\\alpha");
    expect(symbolLatex("fan_in")).toBe("\\mathrm{fan\\_in}");
    expect(symbolLatex("B_crit")).toBe("B_{\\mathrm{crit}}");
    expect(symbolLatex("Cmin")).toBe("C_{\\mathrm{min}}");
    expect(symbolLatex("β1, β2")).toBe("β_{1}, β_{2}");
    expect(symbolLatex("why no law")).toBe("\\text{why no law}");
  });

  const cards = listLaws();
  it("the catalogue has cards to check", () => {
    expect(cards.length).toBeGreaterThan(50);
  });

  it.each(cards.map((c) => [c.id, c] as const))("%s: formula and symbols", (_id, card) => {
    const found = [
      ...glitches(lawLatex(card)).map((g) => `formula: ${g}`),
      ...Object.keys(card.variables).flatMap((v) => glitches(symbolLatex(v)).map((g) => `symbol ${v}: ${g}`)),
    ];
    expect(found, lawLatex(card)).toEqual([]);
  });
});

/** The $…$ and $$…$$ spans of a markdown text, outside code blocks and code spans. */
function markdownMath(md: string): string[] {
  const prose = md.replace(/```[\s\S]*?```/g, " ").replace(/`[^`\n]*`/g, " ");
  const out: string[] = [];
  const re = /(?<!\\)\$\$([\s\S]+?)\$\$|(?<!\\)\$([^$\n]+?)\$/g;
  for (let m = re.exec(prose); m; m = re.exec(prose)) out.push(m[1] ?? m[2]);
  return out;
}

describe("notebook markdown math typesets without glitches", () => {
  const root = path.join(__dirname, "..", "..", "notebooks");
  const files = [...fs.readdirSync(root).map((f) => path.join(root, f)), ...fs.readdirSync(path.join(root, "teaching")).map((f) => path.join(root, "teaching", f))]
    .filter((f) => f.endsWith(".ipynb"));

  it("finds the math of a markdown cell, skipping code", () => {
    expect(markdownMath("the law $N_{opt} = k C^a$ and `$x$` and $$E + A/N^{\\alpha}$$ cost \\$5")).toEqual(["N_{opt} = k C^a", "E + A/N^{\\alpha}"]);
  });

  it.each(files.map((f) => [path.relative(root, f), f] as const))("%s", (_name, file) => {
    const nb = JSON.parse(fs.readFileSync(file, "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
    const found = nb.cells.flatMap((c, i) => (c.cell_type !== "markdown" ? [] : markdownMath(Array.isArray(c.source) ? c.source.join("") : c.source)
      .flatMap((tex) => glitches(tex).map((g) => `cell ${i}: $${tex}$: ${g}`))));
    expect(found).toEqual([]);
  });
});
