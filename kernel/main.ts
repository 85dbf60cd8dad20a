/**
 * Kernel entry point: `node dist/kernel/main.js -f <connection_file>` (what the kernelspec runs).
 */
import { log } from "./log";
import { installCodeCache, saveCodeCache } from "./codecache";
import { Kernel, PROJECT_ROOT } from "./kernel";

function connectionFile(argv: readonly string[]): string {
  const i = argv.findIndex((a) => a === "-f" || a === "--connection-file");
  const eq = argv.find((a) => a.startsWith("--connection-file="));
  const file = i >= 0 ? argv[i + 1] : eq?.slice("--connection-file=".length);
  if (!file) {
    process.stderr.write("usage: node dist/kernel/main.js -f <connection_file>\n");
    process.exit(2);
  }
  return file;
}

installCodeCache(PROJECT_ROOT);
const kernel = new Kernel(connectionFile(process.argv.slice(2)));
kernel.start().catch((e: Error) => {
  log(`kernel failed to start: ${e.stack ?? e.message}`);
  process.exit(1);
});
// Once the first cells are done the compiler's hot code is compiled: keep it for the next start.
setTimeout(saveCodeCache, 3000).unref();
