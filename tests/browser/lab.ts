/**
 * What the browser tests share: JupyterLab served on a temp root with the scalinglab kernelspec installed under a
 * temp prefix, and Debian's Chromium driven by playwright-core (flags for this closed network, fresh profile).
 */
import * as path from "node:path";
import { expect } from "vitest";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { runCli, startJupyter, type JupyterServer } from "../cli/helpers";

const CHROMIUM = "/usr/bin/chromium";

export interface Lab {
  readonly server: JupyterServer;
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

/** Serves `root` with JupyterLab (app exposed to the page for the tests) and opens Chromium at a given height. */
export async function openLab(tmp: string, root: string, jupyterArgs: readonly string[], height: number): Promise<Lab> {
  const prefix = path.join(tmp, "prefix");
  expect((await runCli(["install", "--prefix", prefix])).code).toBe(0);
  const server = await startJupyter("lab", root, path.join(prefix, "share", "jupyter"), ["--LabApp.expose_app_in_browser=True", ...jupyterArgs]);
  const context = await chromium.launchPersistentContext(path.join(tmp, "chromium-profile"), {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1200, height },
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
  const page = context.pages()[0] ?? await context.newPage();
  return {
    server, context, page,
    async close() {
      await context.close().catch(() => undefined);
      await server.stop();
    },
  };
}

/**
 * The stderr outputs in the page other than the library's `warning:` lines (an extrapolation warning is expected
 * output, e.g. Chinchilla's constants used at Chinchilla's own 5.76e23 FLOPs); anything else there is a failure.
 */
export async function unexpectedStderr(page: Page): Promise<string[]> {
  const texts = await page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").allInnerTexts();
  return texts.filter((t) => t.split("\n").some((line) => line.trim() !== "" && !line.startsWith("warning: ")));
}
