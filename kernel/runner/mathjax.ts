/**
 * MathJax 3 in node (mathjax-full, our own dependency): typesets the math of an exported HTML page into inline SVG
 * at export time, so the page needs no script and no network for formulas, and converts one TeX string to
 * MathML for tests that look for glitches in law cards.
 *
 * The delimiters are nbconvert's (and JupyterLab's): `$…$`, `\(…\)` inline; `$$…$$`, `\[…\]` display; `\$` is a
 * literal dollar. Unknown macros are errors (no `noundefined`), shown as MathJax's red error box, not as text.
 */
import { mathjax } from "mathjax-full/js/mathjax.js";
import { TeX } from "mathjax-full/js/input/tex.js";
import { SVG } from "mathjax-full/js/output/svg.js";
import { liteAdaptor, type LiteAdaptor } from "mathjax-full/js/adaptors/liteAdaptor.js";
import { RegisterHTMLHandler } from "mathjax-full/js/handlers/html.js";
import { AllPackages } from "mathjax-full/js/input/tex/AllPackages.js";
import { SerializedMmlVisitor } from "mathjax-full/js/core/MmlTree/SerializedMmlVisitor.js";
import { STATE } from "mathjax-full/js/core/MathItem.js";
import type { MmlNode } from "mathjax-full/js/core/MmlTree/MmlNode.js";

let adaptor: LiteAdaptor | undefined;

function texOptions() {
  return {
    // bussproofs needs a browser's bounding boxes (JupyterLab leaves it out too).
    packages: AllPackages.filter((p) => !["noundefined", "noerrors", "bussproofs"].includes(p)),
    inlineMath: [["$", "$"], ["\\(", "\\)"]],
    displayMath: [["$$", "$$"], ["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true,
  };
}

function lite(): LiteAdaptor {
  if (!adaptor) {
    adaptor = liteAdaptor();
    RegisterHTMLHandler(adaptor);
  }
  return adaptor;
}

/**
 * Typesets every formula of an HTML page into inline SVG (glyph paths shared once per page) and returns the page.
 * Script, style, pre, code and textarea contents are left alone, as in the browser.
 */
export function typesetHtml(html: string): string {
  const a = lite();
  const doc = mathjax.document(html, { InputJax: new TeX(texOptions()), OutputJax: new SVG({ fontCache: "global" }) });
  doc.render();
  const out = a.outerHTML(a.root(doc.document));
  const doctype = a.doctype(doc.document);
  return doctype ? `${doctype}\n${out}` : out;
}

/** The internal MathML tree of one TeX formula (display style). */
export function texToMml(tex: string): MmlNode {
  lite();
  const doc = mathjax.document("", { InputJax: new TeX(texOptions()) });
  return doc.convert(tex, { display: true, end: STATE.CONVERT }) as MmlNode;
}

/** MathML markup of a formula tree (for error messages). */
export function mmlText(node: MmlNode): string {
  return new SerializedMmlVisitor().visitTree(node);
}
