import * as path from "node:path";
import { writeKernelSpec } from "../runner/kernelspec";
import { CliCommand } from "./command";
import { parseCommandArgs } from "./args";
import { defaultKernelsDir, explicitKernelsDir, KERNEL_NAME, TARGET_HELP, TARGET_OPTIONS } from "./kernelspecTarget";

export const installCommand: CliCommand = {
  name: "install",
  summary: "register the scalinglab kernel with Jupyter (writes a kernelspec; no Python needed)",
  usage: `usage: scalinglab install [--user | --sys-prefix | --prefix P]

Writes the kernelspec ${KERNEL_NAME}/kernel.json ("TypeScript (scalinglab)") into a Jupyter data dir:
${TARGET_HELP}`,
  async run(argv) {
    const { values } = parseCommandArgs(argv, TARGET_OPTIONS, false);
    const kernels = explicitKernelsDir(values) ?? defaultKernelsDir();
    writeKernelSpec(kernels);
    console.log(`installed kernelspec ${KERNEL_NAME} in ${path.join(kernels, KERNEL_NAME)}`);
    return 0;
  },
};
