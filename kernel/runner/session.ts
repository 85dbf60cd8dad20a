/** What the notebook runner needs from a kernel, whether started locally over ZMQ or on a Jupyter server. */

/** An IOPub message as the runner sees it. */
export interface IOPubMessage {
  msg_type: string;
  content: Record<string, any>;
}

/** The content of an execute_reply. */
export interface ExecuteReply {
  status: "ok" | "error" | "aborted";
  execution_count?: number | null;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}

export interface KernelSession {
  /** Human-readable description of where the kernel runs, for progress messages. */
  readonly description: string;
  /**
   * Executes `code`, calling `onIOPub` for every IOPub message it produces; resolves once the execute_reply
   * and the kernel's idle status for this request have both arrived.
   */
  execute(code: string, onIOPub: (msg: IOPubMessage) => void): Promise<ExecuteReply>;
  /** Interrupts the running cell (interrupt_request or SIGINT, as the kernelspec says). */
  interrupt(): Promise<void>;
  /** Stops the kernel and releases every socket and process. Safe to call twice. */
  shutdown(): Promise<void>;
}
