/**
 * Kernel diagnostics go to the real stderr only (never to a cell's output), even while cell code has
 * process.stderr redirected into the notebook. Written to fd 2 directly: a worker thread's process.stderr
 * is forwarded through the main thread's, which cell output capture has replaced.
 */
import * as fs from "node:fs";

export function log(message: string, source = "kernel"): void {
  try {
    fs.writeSync(2, `[scalinglab ${source}] ${message}\n`);
  } catch {
    // stderr closed or full: diagnostics are best effort, the kernel goes on.
  }
}
