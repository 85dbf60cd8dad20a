/**
 * The interrupt counters the control worker and the main thread share (an Int32Array on a SharedArrayBuffer):
 * interrupt_requests received so far, and how many of them the main thread has taken. One the main thread has
 * not taken within 50 ms means it is stuck in synchronous code, and only then does the worker send SIGINT.
 */
export const REQUESTED = 0;
export const ACKED = 1;

export function newInterruptCounters(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
}
