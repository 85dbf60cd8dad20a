/** HTML export of an executed notebook through Jupyter's own nbconvert (the venv's, else the one on PATH). */
import * as fs from "node:fs";
import * as path from "node:path";
import { sh, venvBin } from "../cli/jupyterEnv";

export class HtmlExportError extends Error {
  override name = "HtmlExportError";
}

/** Writes `<name>.html` next to `ipynb` and returns its path. */
export function exportHtml(ipynb: string): string {
  const venvJupyter = venvBin("jupyter");
  const jupyter = fs.existsSync(venvJupyter) ? venvJupyter : "jupyter";
  const base = path.basename(ipynb).replace(/\.ipynb$/, "");
  const r = sh(jupyter, ["nbconvert", "--to", "html", ipynb, "--output", base, "--output-dir", path.dirname(ipynb)]);
  const out = path.join(path.dirname(ipynb), `${base}.html`);
  if (r.status !== 0 || !fs.existsSync(out)) {
    const why = r.status === 127 ? `${jupyter} not found; run \`npx scalinglab setup\`` : r.out.trim().split("\n").slice(-1)[0];
    throw new HtmlExportError(`HTML export of ${ipynb} failed: ${why}`);
  }
  return out;
}
