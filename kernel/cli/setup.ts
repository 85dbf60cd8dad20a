import * as fs from "node:fs";
import * as path from "node:path";
import { prefixDataDir } from "../runner/jupyterPaths";
import { writeKernelSpec } from "../runner/kernelspec";
import { CliCommand } from "./command";
import { parseCommandArgs } from "./args";
import { ensureJupyter, EnvironmentError, secs, sh, venvDir } from "./jupyterEnv";
import { projectRoot } from "../root";
import { KERNEL_NAME } from "./kernelspecTarget";

/** Debian packages the project uses: headless Chromium (browser test), the kernel conformance suite, venv. */
export const APT_PACKAGES = ["chromium", "python3-jupyter-kernel-test", "python3-venv"] as const;

function missingAptPackages(): string[] {
  return APT_PACKAGES.filter((p) => !/install ok installed/.test(sh("dpkg-query", ["-W", "-f=${Status}", p]).out));
}

/** apt-get install -y, with apt-get update first when the package lists are empty or the install fails. */
function aptInstall(pkgs: readonly string[], say: (l: string) => void): void {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const run = (args: string[]) => {
    say(`apt-get ${args.join(" ")}`);
    return sh("apt-get", args, { env, stdio: ["ignore", "pipe", "pipe"] });
  };
  const lists = "/var/lib/apt/lists";
  const haveLists = fs.existsSync(lists) && fs.readdirSync(lists).some((f) => f.endsWith("_Packages") || f.endsWith("_Packages.lz4"));
  if (!haveLists) run(["update"]);
  let r = run(["install", "-y", ...pkgs]);
  if (r.status !== 0 && haveLists) {
    run(["update"]);
    r = run(["install", "-y", ...pkgs]);
  }
  if (r.status !== 0) {
    throw new EnvironmentError(`apt-get install -y ${pkgs.join(" ")} failed: ${r.out.trim().split("\n").slice(-1)[0]}`);
  }
}

export const setupCommand: CliCommand = {
  name: "setup",
  summary: "install what the project needs (Debian packages as root, the Jupyter venv, the kernelspec); idempotent",
  usage: `usage: scalinglab setup

Idempotent. Brings the machine to the state the notebooks, tests and \`scalinglab start\` need:
  1. as root, apt-get install -y any missing Debian package: ${APT_PACKAGES.join(", ")}
     (not root: prints the apt-get command to run)
  2. the project venv <project>/.venv (/usr/bin/python3 -m venv --system-site-packages)
  3. pip install into it whatever is missing of jupyterlab, notebook, nbclient, plotly, ipykernel, ipywidgets,
     jupyterlab_widgets (the widget manager JupyterLab renders widgets with), from the
     machine's local wheel mirror when pip's config names one (file:// index)
  4. the ${KERNEL_NAME} kernelspec in the venv (like \`scalinglab install --sys-prefix\`)`,
  async run(argv) {
    parseCommandArgs(argv, {}, false);
    const say = (l: string) => console.log(`setup: ${l}`);
    const t0 = Date.now();
    const missing = missingAptPackages();
    if (missing.length === 0) {
      say(`Debian packages present (${APT_PACKAGES.join(", ")})`);
    } else if (process.getuid?.() === 0) {
      const t = Date.now();
      aptInstall(missing, say);
      say(`installed ${missing.join(", ")} (${secs(t)})`);
    } else {
      say(`missing Debian packages ${missing.join(", ")}: run  sudo apt-get install -y ${missing.join(" ")}`);
    }
    const root = projectRoot();
    ensureJupyter(say, root);
    const kernels = path.join(prefixDataDir(venvDir(root)), "kernels");
    writeKernelSpec(kernels);
    say(`kernelspec ${KERNEL_NAME} installed in ${path.join(kernels, KERNEL_NAME)}`);
    say(`done in ${secs(t0)}`);
    return 0;
  },
};
