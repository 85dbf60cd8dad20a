/**
 * The contents of every message this project receives, declared once as field specs: requests the kernel
 * gets (shell and control) and the replies and IOPub messages the notebook clients get. `parseContent`
 * checks a content against its spec, fills the spec's defaults and returns it typed; a bad field throws a
 * ContentError naming it, which the receiver logs and answers (the kernel) or reports (the clients).
 */

/** One field: how to check it and, for optional fields, the value used when it is missing. */
interface Field<T> {
  readonly type: string;
  readonly check: (v: unknown) => v is T;
  readonly fallback?: () => T;
}

const field = <T>(type: string, check: (v: unknown) => boolean) =>
  (fallback?: T): Field<T> => ({ type, check: check as (v: unknown) => v is T, fallback: fallback === undefined ? undefined : () => structuredClone(fallback) });

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const str = field<string>("a string", (v) => typeof v === "string");
const bool = field<boolean>("a boolean", (v) => typeof v === "boolean");
const int = field<number>("a non-negative integer", (v) => Number.isInteger(v) && (v as number) >= 0);
/** History sessions and lines may count back from the end (negative), as in IPython. */
const integer = field<number>("an integer", (v) => Number.isInteger(v));
const obj = field<Record<string, unknown>>("an object", isObject);
const strings = field<string[]>("an array of strings", (v) => Array.isArray(v) && v.every((s) => typeof s === "string"));
const oneOf = <T extends string | number>(...values: T[]) => field<T>(`one of ${values.map((x) => JSON.stringify(x)).join(", ")}`, (v) => values.includes(v as T));
/** A value that may also be null (execution_count of an aborted cell, history `n`, `stop`). */
const orNull = <T>(f: (fallback?: T) => Field<T>) => (fallback?: T | null): Field<T | null> => {
  const inner = f();
  return { type: `${inner.type} or null`, check: (v): v is T | null => v === null || inner.check(v), fallback: fallback === undefined ? undefined : () => fallback };
};

const SPECS = {
  // Requests (kernel side).
  execute_request: {
    code: str(), silent: bool(false), store_history: bool(true), user_expressions: obj({}), allow_stdin: bool(false), stop_on_error: bool(true),
  },
  complete_request: { code: str(), cursor_pos: int() },
  inspect_request: { code: str(), cursor_pos: int(), detail_level: oneOf(0, 1)(0) },
  is_complete_request: { code: str() },
  history_request: {
    hist_access_type: oneOf("range", "tail", "search")(), output: bool(false), raw: bool(true), session: integer(0),
    start: integer(0), stop: orNull(integer)(null), n: orNull(int)(null), pattern: str("*"), unique: bool(false),
  },
  kernel_info_request: {},
  comm_info_request: { target_name: orNull(str)(null) },
  comm_open: { comm_id: str(), target_name: str(), data: obj({}) },
  comm_msg: { comm_id: str(), data: obj({}) },
  comm_close: { comm_id: str(), data: obj({}) },
  shutdown_request: { restart: bool(false) },
  interrupt_request: {},
  // The answer to the kernel's input_request, on the stdin channel.
  input_reply: { value: str() },
  // Replies and IOPub messages (client side: what the notebook runner reads).
  execute_reply: {
    status: oneOf("ok", "error", "aborted")(), execution_count: orNull(int)(null),
    ename: str(""), evalue: str(""), traceback: strings([]),
  },
  execute_input: { code: str(), execution_count: int() },
  stream: { name: oneOf("stdout", "stderr")(), text: str() },
  display_data: { data: obj(), metadata: obj({}), transient: obj({}) },
  update_display_data: { data: obj(), metadata: obj({}), transient: obj() },
  execute_result: { execution_count: orNull(int)(null), data: obj(), metadata: obj({}) },
  error: { ename: str(), evalue: str(), traceback: strings([]) },
  clear_output: { wait: bool(false) },
} satisfies Record<string, Record<string, Field<unknown>>>;

type Specs = typeof SPECS;
export type KnownMsgType = keyof Specs;
/** The typed content of `T` after parsing (defaults filled in). */
export type Content<T extends KnownMsgType> = { [K in keyof Specs[T]]: Specs[T][K] extends Field<infer V> ? V : never };

/** A content field that is missing or has the wrong type; the message names the field and what it must be. */
export class ContentError extends Error {
  override name = "ContentError";
  constructor(readonly msgType: string, readonly field: string, expected: string, got: unknown) {
    super(`${msgType}: field \`${field}\` must be ${expected}, got ${got === undefined ? "nothing" : JSON.stringify(got)?.slice(0, 60) ?? typeof got}`);
  }
}

/** The error content (ename, evalue, a one-line traceback) of a reply to a malformed message. */
export function contentErrorContent(e: ContentError): { ename: string; evalue: string; traceback: string[] } {
  return { ename: e.name, evalue: e.message, traceback: [`${e.name}: ${e.message}`] };
}

export function isKnownMsgType(msgType: string): msgType is KnownMsgType {
  return Object.prototype.hasOwnProperty.call(SPECS, msgType);
}

/** Checks `content` against the spec of `msgType`; unknown extra fields are kept as they are. */
export function parseContent<T extends KnownMsgType>(msgType: T, content: unknown): Content<T> & Record<string, unknown> {
  if (!isObject(content)) throw new ContentError(msgType, "content", "an object", content);
  const out: Record<string, unknown> = { ...content };
  for (const [name, f] of Object.entries(SPECS[msgType] as Record<string, Field<unknown>>)) {
    const v = content[name];
    if (v === undefined && f.fallback) out[name] = f.fallback();
    else if (!f.check(v)) throw new ContentError(msgType, name, f.type, v);
  }
  return out as Content<T> & Record<string, unknown>;
}
