/**
 * Size limit of a cell's source. Type checking is synchronous and cannot be interrupted, and a 50 MB cell kept
 * the kernel at 1.2 GB RSS afterwards (issue 16, defect 7): above the limit a cell is refused before it is
 * checked, echoed in part only, and kept out of the history. Completion, inspection and is_complete of such
 * code answer empty.
 */
import type { ErrorContent } from "./messages";

/** 5 MiB of UTF-8 source per cell: far above any notebook cell, far below what hurts the type checker. */
export const MAX_CODE_BYTES = 5 * 1024 * 1024;

/** The error for `code` above the limit, null when it is within it. */
export function codeTooLarge(code: string): ErrorContent | null {
  // A UTF-16 string of n units has at most 3n UTF-8 bytes: skip the count for ordinary cells.
  if (code.length * 3 <= MAX_CODE_BYTES) return null;
  const bytes = Buffer.byteLength(code);
  if (bytes <= MAX_CODE_BYTES) return null;
  const evalue = `the cell is ${bytes} bytes of source; the kernel runs at most ${MAX_CODE_BYTES} bytes (5 MiB) per cell: ` +
    "read large data from a file (data.read, fs.readFileSync) instead of pasting it into the cell";
  return { ename: "CodeTooLargeError", evalue, traceback: [`CodeTooLargeError: ${evalue}`] };
}

/** What the iopub echo (execute_input) of a refused cell shows: its start and its size. */
export function truncatedEcho(code: string): string {
  return `${code.slice(0, 1000)}\n… (${Buffer.byteLength(code)} bytes: cell refused, above the ${MAX_CODE_BYTES}-byte limit)`;
}
