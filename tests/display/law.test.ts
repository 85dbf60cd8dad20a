import { describe, expect, it } from "vitest";
import { JUPYTER_DISPLAY, defineCard, type Citation, type LawCard } from "../../lib/core";
import { lawCatalogue, lawLatex } from "../../lib/display";

// Laws made up for these tests (ids prefixed "display-test-"); the numbers are placeholders, not published values.
const citation: Citation = { key: "displaytest2026", authors: "Tester", year: 2026, title: "A test law", arxiv: "0000.00000", where: "Eq. 1" };

const verified = defineCard({
  id: "display-test-verified",
  name: "Test power law (confirmed)",
  topic: "loss",
  latex: "L(N) = E + A N^{-\\alpha}",
  formula: "E + A * N^(-alpha)",
  variables: { N: "parameters (non-embedding)", L: "loss, nats/token" },
  citation,
  status: "confirmed",
  constants: [{ name: "test fit", params: { E: 1.5, A: 400, alpha: 0.3 }, status: "confirmed", citation, note: "N counts non-embedding parameters" }],
  api: "testLoss",
});

const recalled = defineCard({
  id: "display-test-unverified",
  name: "Test law from memory",
  topic: "hparams",
  latex: "",
  formula: "L = E + A / N^alpha + B / D^beta",
  variables: { D: "training tokens" },
  citation,
  status: "unverified",
  constants: [{ name: "recalled constants", params: { E: 1.7, A: 410, B: 400, alpha: 0.34, beta: 0.28 }, status: "unverified", citation }],
  api: "recalled",
});

function bundle(law: LawCard): Record<string, string> {
  return (law as unknown as { [JUPYTER_DISPLAY](): Record<string, string> })[JUPYTER_DISPLAY]();
}

describe("law cards", () => {
  it("a law card renders as text/html, text/markdown, text/latex and text/plain", () => {
    expect(Object.keys(bundle(verified)).sort()).toEqual(["text/html", "text/latex", "text/markdown", "text/plain"]);
  });

  it("the card carries the formula as display LaTeX in html, markdown and latex", () => {
    const b = bundle(verified);
    expect(b["text/latex"]).toBe("$$L(N) = E + A N^{-\\alpha}$$");
    expect(b["text/markdown"]).toContain("$$L(N) = E + A N^{-\\alpha}$$");
    expect(b["text/html"]).toContain("$$L(N) = E + A N^{-\\alpha}$$");
  });

  it("the card lists variables with units, constants and the citation", () => {
    const b = bundle(verified);
    expect(b["text/html"]).toContain("parameters (non-embedding)");
    expect(b["text/html"]).toContain("<th>alpha</th>");
    expect(b["text/html"]).toContain("<td>0.3</td>");
    expect(b["text/html"]).toContain("arXiv:0000.00000");
    expect(b["text/plain"]).toContain("Citation: Tester (2026). A test law. arXiv:0000.00000. Eq. 1.");
    expect(b["text/markdown"]).toContain("| $N$ | parameters (non-embedding) |");
  });

  it("a confirmed law shows a confirmed badge and no unverified mark", () => {
    const b = bundle(verified);
    expect(b["text/html"]).toContain("scalinglab-confirmed");
    expect(b["text/html"]).not.toContain("unverified");
    expect(b["text/plain"]).not.toContain("UNVERIFIED");
  });

  it("an unverified law and its constants are visibly marked in every mime type", () => {
    const b = bundle(recalled);
    expect(b["text/html"].match(/scalinglab-badge scalinglab-unverified/g)).toHaveLength(2);
    expect(b["text/html"]).toContain("⚠ unverified");
    expect(b["text/plain"].match(/\[UNVERIFIED\]/g)).toHaveLength(2);
    expect(b["text/markdown"].match(/\[UNVERIFIED\]/g)).toHaveLength(2);
  });

  it("without hand-written LaTeX the formula is converted by mathjs, single letters kept as variables", () => {
    const tex = lawLatex(recalled);
    expect(tex).toBe("L = E+\\frac{A}{{N}^{\\alpha}}+\\frac{B}{{D}^{\\beta}}");
    expect(bundle(recalled)["text/latex"]).toBe(`$$${tex}$$`);
  });

  it("a formula mathjs cannot parse falls back to text instead of throwing", () => {
    expect(lawLatex({ latex: "", formula: "C ≈ 6 N D" })).toBe("\\text{C ≈ 6 N D}");
  });
});

describe("lawCatalogue", () => {
  it("lists the registered laws of a topic with status and citation", () => {
    const cat = lawCatalogue("hparams");
    expect(cat.laws.map((l) => l.id)).toContain("display-test-unverified");
    expect(cat.laws.map((l) => l.id)).not.toContain("display-test-verified");
    const b = cat[JUPYTER_DISPLAY]() as Record<string, unknown>;
    expect(Object.keys(b).sort()).toEqual(["application/vnd.dataresource+json", "text/html", "text/plain"]);
    expect(b["text/plain"]).toMatch(/display-test-unverified .*\[UNVERIFIED\]/);
    expect(b["text/html"]).toContain("$L = E+\\frac{A}{{N}^{\\alpha}}+\\frac{B}{{D}^{\\beta}}$");
  });

  it("without a topic lists every law, one dataresource row each", () => {
    const cat = lawCatalogue();
    const res = (cat[JUPYTER_DISPLAY]() as Record<string, { data: { id: string; status: string }[] }>)["application/vnd.dataresource+json"];
    expect(res.data).toHaveLength(cat.laws.length);
    expect(res.data.find((r) => r.id === "display-test-verified")?.status).toBe("confirmed");
  });
});
