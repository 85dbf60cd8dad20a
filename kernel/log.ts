/**
 * Kernel diagnostics go to the real stderr only (never to a cell's output), even while cell code has
 * process.stderr redirected into the notebook.
 */
const realStderrWrite = process.stderr.write.bind(process.stderr);

export function log(message: string): void {
  realStderrWrite(`[scalinglab kernel] ${message}\n`);
}
