/** What the notebook runner needs from a kernel, whether started locally over ZMQ or on a Jupyter server. */

import { isKnownMsgType, parseContent, type Content } from "../server/contents";

/** An IOPub message as the runner sees it; the contents the runner reads were checked by `iopubMessage`. */
export interface IOPubMessage {
  msg_type: string;
  content: Record<string, any>;
}

/** The content of an execute_reply, checked by `executeReply`. */
export type ExecuteReply = Content<"execute_reply">;

/** An incoming IOPub message, its content checked against its spec (throws ContentError naming a bad field). */
export function iopubMessage(msgType: string, content: unknown): IOPubMessage {
  return { msg_type: msgType, content: isKnownMsgType(msgType) ? parseContent(msgType, content) : content as Record<string, any> };
}

/** An incoming execute_reply content, checked (throws ContentError naming a bad field). */
export function executeReply(content: unknown): ExecuteReply {
  return parseContent("execute_reply", content);
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
