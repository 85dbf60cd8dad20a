/**
 * The Jupyter wire format (messaging protocol 5.3): connection files, HMAC signing and verification,
 * and turning multipart ZMQ frames into messages and back. Shared by the main thread (shell, iopub, stdin)
 * and the control/heartbeat worker.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";

export const PROTOCOL_VERSION = "5.3";
const DELIMITER = "<IDS|MSG>";

export interface ConnectionInfo {
  transport: "tcp" | "ipc";
  ip: string;
  key: string;
  signature_scheme: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
}

export interface Header {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

export interface Message<C = Record<string, unknown>> {
  /** ROUTER routing prefix; replies go back through the same identities. */
  identities: Buffer[];
  header: Header;
  parent_header: Header | Record<string, never>;
  metadata: Record<string, unknown>;
  content: C;
  buffers: Buffer[];
}

/** Reads and checks a connection file; throws a message that says which field is wrong. */
export function readConnectionFile(file: string): ConnectionInfo {
  const info = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<ConnectionInfo>;
  const transport = info.transport ?? "tcp";
  if (transport !== "tcp" && transport !== "ipc") throw new Error(`connection file ${file}: unknown transport ${transport}`);
  for (const port of ["shell_port", "iopub_port", "stdin_port", "control_port", "hb_port"] as const) {
    if (!Number.isInteger(info[port])) throw new Error(`connection file ${file}: ${port} missing or not an integer`);
  }
  const scheme = info.signature_scheme ?? "hmac-sha256";
  if (!/^hmac-/.test(scheme)) throw new Error(`connection file ${file}: unsupported signature_scheme ${scheme}`);
  return { ...(info as ConnectionInfo), transport, ip: info.ip ?? "127.0.0.1", key: info.key ?? "", signature_scheme: scheme };
}

/** The ZMQ endpoint for one channel, exactly as the connection file describes it. */
export function endpoint(info: ConnectionInfo, port: number): string {
  return info.transport === "ipc" ? `ipc://${info.ip}-${port}` : `tcp://${info.ip}:${port}`;
}

/** Signs and verifies the four JSON frames with the connection key (empty key = signing disabled, per spec). */
export class Signer {
  private readonly algorithm: string;
  constructor(private readonly key: string, scheme: string) {
    this.algorithm = scheme.replace(/^hmac-/, "");
  }

  sign(frames: readonly (Buffer | string)[]): string {
    if (!this.key) return "";
    const h = crypto.createHmac(this.algorithm, this.key);
    for (const f of frames) h.update(f);
    return h.digest("hex");
  }

  /** Constant-time comparison of the received signature with the expected one. */
  verify(signature: Buffer, frames: readonly Buffer[]): boolean {
    if (!this.key) return true;
    const expected = Buffer.from(this.sign(frames), "ascii");
    return signature.length === expected.length && crypto.timingSafeEqual(signature, expected);
  }
}

export class WireError extends Error {
  override name = "WireError";
}

/**
 * The signatures of recently received messages, so a captured signed message sent again (a replay) is
 * refused, as jupyter_client's Session does with its digest history. Bounded: the oldest are forgotten.
 */
export class SeenSignatures {
  private readonly seen = new Set<string>();

  constructor(private readonly max = 65_536) {}

  /** False when `signature` was seen before; otherwise remembers it. */
  add(signature: string): boolean {
    if (this.seen.has(signature)) return false;
    this.seen.add(signature);
    if (this.seen.size > this.max) this.seen.delete(this.seen.values().next().value!);
    return true;
  }
}

/**
 * Splits ROUTER frames into a verified message; throws WireError (the caller logs and drops it). With `seen`,
 * a message whose signature was already received is refused (unsigned connections cannot be checked).
 */
export function decode(frames: Buffer[], signer: Signer, seen?: SeenSignatures): Message {
  const d = frames.findIndex((f) => f.length === DELIMITER.length && f.toString("latin1") === DELIMITER);
  if (d < 0) throw new WireError("no <IDS|MSG> delimiter");
  if (frames.length < d + 6) throw new WireError(`expected 5 frames after the delimiter, got ${frames.length - d - 1}`);
  const [sig, header, parent, metadata, content] = frames.slice(d + 1, d + 6) as [Buffer, Buffer, Buffer, Buffer, Buffer];
  if (!signer.verify(sig, [header, parent, metadata, content])) {
    throw new WireError(sig.length === 0 ? "missing signature" : "invalid signature");
  }
  if (seen && sig.length > 0 && !seen.add(sig.toString("latin1"))) throw new WireError("replayed message (its signature was seen before)");
  const parse = (b: Buffer, what: string): Record<string, unknown> => {
    let v: unknown;
    try {
      v = JSON.parse(b.toString("utf8"));
    } catch {
      throw new WireError(`${what} is not JSON`);
    }
    if (typeof v !== "object" || v === null || Array.isArray(v)) throw new WireError(`${what} is not a JSON object`);
    return v as Record<string, unknown>;
  };
  const h = parse(header, "header") as unknown as Header;
  if (typeof h.msg_type !== "string" || typeof h.msg_id !== "string") throw new WireError("header lacks msg_type/msg_id");
  return {
    identities: frames.slice(0, d),
    header: h,
    parent_header: parse(parent, "parent_header") as unknown as Header,
    metadata: parse(metadata, "metadata"),
    content: parse(content, "content"),
    buffers: frames.slice(d + 6),
  };
}

/** JSON that survives values cell code puts into mime bundles (typed arrays, bigint, NaN). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === "bigint") return v.toString();
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
    return v;
  }) ?? "{}";
}

export interface Outgoing {
  header: Header;
  parent_header: Header | Record<string, never>;
  metadata: Record<string, unknown>;
  content: unknown;
}

/** Frames for a signed message; `prefix` is the identities (shell/control) or the topic (iopub). */
export function encode(msg: Outgoing, signer: Signer, prefix: readonly Buffer[]): Buffer[] {
  const parts = [toJson(msg.header), toJson(msg.parent_header), toJson(msg.metadata), toJson(msg.content)].map((s) => Buffer.from(s, "utf8"));
  return [...prefix, Buffer.from(DELIMITER), Buffer.from(signer.sign(parts), "ascii"), ...parts];
}

/** A fresh header for a message this kernel sends. */
export function makeHeader(msgType: string, session: string): Header {
  return {
    msg_id: crypto.randomUUID(),
    session,
    username: "scalinglab",
    date: new Date().toISOString(),
    msg_type: msgType,
    version: PROTOCOL_VERSION,
  };
}
