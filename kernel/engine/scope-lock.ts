/**
 * The lock the main thread and the SIGINT keeper (sigint-keeper.ts) share: an Int32Array on a SharedArrayBuffer
 * holding who is opening or running a breakOnSigint scope. The keeper opens a scope only while the main thread
 * runs none, so SIGINT (delivered to the most recently opened scope) never stops the keeper instead of a cell.
 */
export const FREE = 0;
/** The main thread is in a breakOnSigint scope (or about to enter one). */
export const MAIN = 1;
/** The keeper is opening a scope. */
export const KEEPER = 2;
