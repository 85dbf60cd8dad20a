import * as fs from "node:fs";
import * as path from "node:path";
import { CliCommand } from "./command";
import { parseCommandArgs } from "./args";
import { explicitKernelsDir, KERNEL_NAME, searchedKernelsDirs, TARGET_HELP, TARGET_OPTIONS } from "./kernelspecTarget";

export const uninstallCommand: CliCommand = {
  name: "uninstall",
  summary: "remove the scalinglab kernelspec",
  usage: `usage: scalinglab uninstall [--user | --sys-prefix | --prefix P]

Removes the kernelspec ${KERNEL_NAME} from the data dir the flag names:
${TARGET_HELP.replace(/\n {2}\(none\).*$/, "")}
  (none)          every Jupyter data dir where it is installed`,
  async run(argv) {
    const { values } = parseCommandArgs(argv, TARGET_OPTIONS, false);
    const explicit = explicitKernelsDir(values);
    const dirs = (explicit ? [explicit] : searchedKernelsDirs()).map((d) => path.join(d, KERNEL_NAME));
    const found = dirs.filter((d) => fs.existsSync(path.join(d, "kernel.json")));
    for (const d of found) {
      fs.rmSync(d, { recursive: true, force: true });
      console.log(`removed kernelspec ${KERNEL_NAME} from ${d}`);
    }
    if (found.length === 0) console.log(`kernelspec ${KERNEL_NAME} is not installed (looked in ${dirs.join(", ")})`);
    return 0;
  },
};
