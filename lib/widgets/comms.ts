/**
 * Raw comms for custom frontend extensions (Jupyter messaging 5.3 "Custom messages"): register a kernel-side
 * target, or open a comm to a frontend target. Widgets use the same channel underneath.
 */
import { ScalingLabError } from "../core/errors";
import { runtimeHooks, type Comm, type CommHost, type CommMessage } from "../core/runtime";

function host(fn: string): CommHost {
  const h = runtimeHooks().comms;
  if (!h) throw new ScalingLabError(fn, "there is no kernel to open comms with", "comms work in a notebook on the scalinglab kernel");
  return h;
}

/**
 * The kernel's comms.
 * @example typeof widgets.comms.registerTarget // => "function"
 */
export const comms = {
  /** Handles each comm the frontend opens to `targetName`: `(comm, msg) => { comm.onMsg = (m) => ... }`. */
  registerTarget(targetName: string, handler: (comm: Comm, msg: CommMessage) => void): void {
    host("widgets.comms.registerTarget").registerTarget(targetName, handler);
  },
  unregisterTarget(targetName: string): void {
    host("widgets.comms.unregisterTarget").unregisterTarget(targetName);
  },
  /** Opens a comm to a frontend target (comm_open); send with `comm.send(data)`, receive with `comm.onMsg`. */
  open(targetName: string, data: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): Comm {
    return host("widgets.comms.open").open(targetName, data, metadata);
  },
};

export type { Comm, CommMessage };
