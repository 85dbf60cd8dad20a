/**
 * Typed contents of every message this kernel sends (Jupyter messaging 5.3), one builder per msg_type,
 * so a reply can only be built with the fields the spec requires.
 */
export type MimeData = { [mime: string]: unknown };

export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}

export type ExecuteReply =
  | { status: "ok"; execution_count: number; payload: unknown[]; user_expressions: Record<string, unknown> }
  | ({ status: "error"; execution_count: number } & ErrorContent)
  | { status: "aborted"; execution_count: number | null };

export interface LanguageInfo {
  name: "typescript";
  version: string;
  mimetype: string;
  file_extension: ".ts";
  codemirror_mode: unknown;
  pygments_lexer: string;
  nbconvert_exporter: string;
}

export interface KernelInfoReply {
  status: "ok";
  protocol_version: string;
  implementation: string;
  implementation_version: string;
  language_info: LanguageInfo;
  banner: string;
  help_links: { text: string; url: string }[];
  debugger: false;
}

export type HistoryEntry = [session: number, line: number, input: string | [string, string | null]];

export interface ContentByType {
  status: { execution_state: "busy" | "idle" | "starting" };
  execute_input: { code: string; execution_count: number };
  stream: { name: "stdout" | "stderr"; text: string };
  execute_result: { execution_count: number; data: MimeData; metadata: Record<string, unknown> };
  display_data: { data: MimeData; metadata: Record<string, unknown>; transient: { display_id?: string } };
  update_display_data: { data: MimeData; metadata: Record<string, unknown>; transient: { display_id: string } };
  clear_output: { wait: boolean };
  error: ErrorContent;
  execute_reply: ExecuteReply;
  kernel_info_reply: KernelInfoReply;
  complete_reply: {
    status: "ok"; matches: string[]; cursor_start: number; cursor_end: number;
    metadata: { _jupyter_types_experimental?: { start: number; end: number; text: string; type: string; signature?: string }[] };
  };
  inspect_reply: { status: "ok"; found: boolean; data: MimeData; metadata: Record<string, unknown> };
  is_complete_reply: { status: "complete" | "invalid" | "unknown" } | { status: "incomplete"; indent: string };
  history_reply: { status: "ok"; history: HistoryEntry[] };
  comm_info_reply: { status: "ok"; comms: Record<string, { target_name: string }> };
  comm_open: { comm_id: string; target_name: string; data: Record<string, unknown>; target_module: null };
  comm_msg: { comm_id: string; data: Record<string, unknown> };
  comm_close: { comm_id: string; data: Record<string, unknown> };
  shutdown_reply: { status: "ok"; restart: boolean };
  interrupt_reply: { status: "ok" };
  /** Sent on stdin (with the execute_request as parent) when a cell calls input(). */
  input_request: { prompt: string; password: boolean };
  /** Generic error reply for requests that failed inside the kernel (never leaves a client waiting). */
  error_reply: { status: "error" } & ErrorContent;
}

export type MsgType = keyof ContentByType;

export interface Built<T extends MsgType = MsgType> {
  msgType: T;
  content: ContentByType[T];
  /** The message's metadata (comm_open carries the widget protocol version there). */
  metadata?: Record<string, unknown>;
}

function built<T extends MsgType>(msgType: T, content: ContentByType[T]): Built<T> {
  return { msgType, content };
}

export const build = {
  status: (state: ContentByType["status"]["execution_state"]) => built("status", { execution_state: state }),
  executeInput: (code: string, executionCount: number) => built("execute_input", { code, execution_count: executionCount }),
  stream: (name: "stdout" | "stderr", text: string) => built("stream", { name, text }),
  executeResult: (executionCount: number, data: MimeData) =>
    built("execute_result", { execution_count: executionCount, data, metadata: {} }),
  displayData: (data: MimeData, displayId?: string) =>
    built("display_data", { data, metadata: {}, transient: displayId === undefined ? {} : { display_id: displayId } }),
  updateDisplayData: (data: MimeData, displayId: string) =>
    built("update_display_data", { data, metadata: {}, transient: { display_id: displayId } }),
  clearOutput: (wait: boolean) => built("clear_output", { wait }),
  error: (e: ErrorContent) => built("error", { ename: e.ename, evalue: e.evalue, traceback: e.traceback }),
  executeReplyOk: (executionCount: number, payload: unknown[] = []) =>
    built("execute_reply", { status: "ok", execution_count: executionCount, payload, user_expressions: {} }),
  /** The `page` payload of an execute_reply (IPython's `name?`): the frontend shows it in its pager. */
  pagePayload: (data: MimeData) => ({ source: "page", data, start: 0 }),
  executeReplyError: (executionCount: number, e: ErrorContent) =>
    built("execute_reply", { status: "error", execution_count: executionCount, ename: e.ename, evalue: e.evalue, traceback: e.traceback }),
  executeReplyAbort: (executionCount: number | null) => built("execute_reply", { status: "aborted", execution_count: executionCount }),
  kernelInfoReply: (info: KernelInfoReply) => built("kernel_info_reply", info),
  completeReply: (c: Omit<ContentByType["complete_reply"], "status">) => built("complete_reply", { status: "ok", ...c }),
  /** `data` null = nothing found at the cursor. */
  inspectReply: (data: MimeData | null) => built("inspect_reply", { status: "ok", found: data !== null, data: data ?? {}, metadata: {} }),
  isCompleteReply: (c: ContentByType["is_complete_reply"]) => built("is_complete_reply", c),
  historyReply: (history: HistoryEntry[]) => built("history_reply", { status: "ok", history }),
  commInfoReply: (comms: Record<string, { target_name: string }> = {}) => built("comm_info_reply", { status: "ok", comms }),
  commOpen: (commId: string, targetName: string, data: Record<string, unknown>, metadata: Record<string, unknown> = {}) =>
    ({ ...built("comm_open", { comm_id: commId, target_name: targetName, data, target_module: null }), metadata }),
  commMsg: (commId: string, data: Record<string, unknown>, metadata: Record<string, unknown> = {}) =>
    ({ ...built("comm_msg", { comm_id: commId, data }), metadata }),
  commClose: (commId: string, data: Record<string, unknown> = {}) => built("comm_close", { comm_id: commId, data }),
  shutdownReply: (restart: boolean) => built("shutdown_reply", { status: "ok", restart }),
  interruptReply: () => built("interrupt_reply", { status: "ok" }),
  inputRequest: (prompt: string, password: boolean) => built("input_request", { prompt, password }),
  errorReply: (replyType: string, e: ErrorContent) =>
    ({ msgType: replyType, content: { status: "error", ...e } }) as unknown as Built<"error_reply">,
};
