/**
 * Accelerators a plan can be costed on: dense BF16 peak throughput (no 2:4 sparsity, which vendors often quote),
 * each with its source and whether the number was read there ("confirmed") or is recalled ("unverified").
 */
import type { Citation, SourceStatus } from "../core";
import {
  amdMi300xCitation, googleTpuCitation, nvidiaA100Citation, nvidiaB200Citation, nvidiaH100Citation, nvidiaV100Citation,
} from "../core/bibliography";

export interface Accelerator {
  /** Key used by `plan({ gpu })` and `--gpu`. */
  readonly id: string;
  readonly name: string;
  /** Dense BF16 (V100: FP16) peak, FLOP/s. */
  readonly peakFlops: number;
  readonly status: SourceStatus;
  readonly citation: Citation;
  readonly note?: string;
}

const acc = (id: string, name: string, tflops: number, status: SourceStatus, citation: Citation, note?: string): Accelerator =>
  ({ id, name, peakFlops: tflops * 1e12, status, citation, ...(note ? { note } : {}) });

/** The accelerator table, keyed by id. */
export const ACCELERATORS: Readonly<Record<string, Accelerator>> = Object.fromEntries([
  acc("v100", "NVIDIA V100 SXM2", 125, "unverified", nvidiaV100Citation, "FP16 tensor cores; no BF16"),
  acc("a100", "NVIDIA A100 SXM", 312, "confirmed", nvidiaA100Citation),
  acc("h100", "NVIDIA H100 SXM5", 989.4, "confirmed", nvidiaH100Citation, "the datasheet's 1,979 is with sparsity"),
  acc("h200", "NVIDIA H200 SXM", 989.4, "confirmed", nvidiaH100Citation, "same compute as H100, more memory"),
  acc("b200", "NVIDIA B200", 2250, "unverified", nvidiaB200Citation, "secondary source; 4.5 PFLOP/s is with sparsity"),
  acc("mi300x", "AMD Instinct MI300X", 1307.4, "unverified", amdMi300xCitation),
  acc("tpu-v4", "Google TPU v4", 275, "unverified", googleTpuCitation),
  acc("tpu-v5e", "Google TPU v5e", 197, "confirmed", googleTpuCitation),
  acc("tpu-v5p", "Google TPU v5p", 459, "confirmed", googleTpuCitation),
].map((a) => [a.id, a]));

/** The accelerator ids, for menus and error messages. */
export const ACCELERATOR_IDS: readonly string[] = Object.keys(ACCELERATORS);

/** Looks an accelerator up by id, case-insensitively; undefined when unknown (validation reports it). */
export function findAccelerator(id: string): Accelerator | undefined {
  return ACCELERATORS[id.trim().toLowerCase()];
}
