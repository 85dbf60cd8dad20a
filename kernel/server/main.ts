/**
 * Kernel entry point: `node dist/kernel/server/main.js -f <connection_file>` (what the kernelspec runs).
 */
import { log } from "../log";
import { projectRoot } from "../root";
import { installCodeCache } from "../engine/codecache";

// Before anything heavy is required: tslab's compiler, the library and mathjs compile from the cache.
installCodeCache(projectRoot());
// The type checker's worker boots first: its start-up (parsing the declarations) is the critical path to the
// first result, and everything else loads meanwhile.
const { RemoteConverter } = require("../engine/engine") as typeof import("../engine/engine");
const checker = new RemoteConverter();
const { Kernel } = require("./kernel") as typeof import("./kernel");

function connectionFile(argv: readonly string[]): string {
  const i = argv.findIndex((a) => a === "-f" || a === "--connection-file");
  const eq = argv.find((a) => a.startsWith("--connection-file="));
  const file = i >= 0 ? argv[i + 1] : eq?.slice("--connection-file=".length);
  if (!file) {
    process.stderr.write("usage: node dist/kernel/server/main.js -f <connection_file>\n");
    process.exit(2);
  }
  return file;
}

const kernel = new Kernel(connectionFile(process.argv.slice(2)), checker);
kernel.start().catch((e: Error) => {
  log(`kernel failed to start: ${e.stack ?? e.message}`);
  process.exit(1);
});
