/**
 * HTML export of an executed notebook that works offline: Jupyter's own nbconvert (the venv's, else the one on
 * PATH) lays out the cells with the lab template minus its CDN scripts (require.js, MathJax, mermaid, the widget
 * manager); then formulas are typeset to inline SVG here (kernel/runner/mathjax.ts), so math needs no script, and
 * plotly.js is inlined once per file and draws every figure from its `application/vnd.plotly.v1+json` output.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { plotlyDrawHtml, plotlyScript, type PlotlySpec } from "../../lib/internal";
import { sh, venvBin } from "../cli/jupyterEnv";
import { readNotebook, writeNotebook, type Notebook } from "./nbformat";

export class HtmlExportError extends Error {
  override name = "HtmlExportError";
}

const PLOTLY_MIME = "application/vnd.plotly.v1+json";

// The lab template without the scripts it loads from CDNs; math and figures are filled in afterwards.
const TEMPLATE = `{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
`;

/**
 * Gives every plotly output a text/html that draws it (nbconvert does not know the plotly mime type) and drops
 * any HTML it carried (plotly.js inlined by `plot.inlinePlotly`).
 * @returns how many figures the notebook has
 */
function drawFiguresFromJson(nb: Notebook): number {
  let figures = 0;
  for (const cell of nb.cells) {
    if (cell.cell_type !== "code") continue;
    for (const out of cell.outputs) {
      if (!("data" in out)) continue;
      const spec = out.data[PLOTLY_MIME] as PlotlySpec | undefined;
      if (!spec) continue;
      out.data = { ...out.data, "text/html": plotlyDrawHtml(spec) };
      figures++;
    }
  }
  return figures;
}

/** Writes `<name>.html` next to `ipynb` and returns its path. */
export function exportHtml(ipynb: string): string {
  const venvJupyter = venvBin("jupyter");
  const jupyter = fs.existsSync(venvJupyter) ? venvJupyter : "jupyter";
  const base = path.basename(ipynb).replace(/\.ipynb$/, "");
  const nb = readNotebook(ipynb);
  const figures = drawFiguresFromJson(nb);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "scalinglab-export-"));
  try {
    // The copy keeps the notebook's name: nbconvert titles the page with it.
    writeNotebook(path.join(tmp, `${base}.ipynb`), nb);
    fs.writeFileSync(path.join(tmp, "offline.html.j2"), TEMPLATE);
    const r = sh(jupyter, ["nbconvert", "--to", "html", "--template-file", path.join(tmp, "offline.html.j2"),
      path.join(tmp, `${base}.ipynb`), "--output", base, "--output-dir", tmp]);
    const converted = path.join(tmp, `${base}.html`);
    if (r.status !== 0 || !fs.existsSync(converted)) {
      const why = r.status === 127 ? `${jupyter} not found; run \`npx scalinglab setup\`` : r.out.trim().split("\n").slice(-1)[0];
      throw new HtmlExportError(`HTML export of ${ipynb} failed: ${why}`);
    }
    // MathJax takes ~110 ms to load: only an export loads it, not every `scalinglab` command.
    const { typesetHtml } = require("./mathjax") as typeof import("./mathjax");
    let html = typesetHtml(fs.readFileSync(converted, "utf8"));
    if (figures > 0) html = html.replace("</head>", () => `${plotlyScript()}\n</head>`);
    const out = path.join(path.dirname(ipynb), `${base}.html`);
    fs.writeFileSync(out, html);
    return out;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
