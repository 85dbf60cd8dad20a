/**
 * The kernel over raw ZMQ (our own small client): signatures, preload, execute semantics, display,
 * progress, interrupts, queue abort, comms. One kernel process for the file; killed in afterAll.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalKernel } from "../../kernel/runner/localClient";
import { decode, Signer, type Message } from "../../kernel/server/wire";
import { ROOT, startTestKernel } from "./helpers";

let k: LocalKernel;
/** The library's runtime module (progress and interrupt hooks), imported by absolute path as the prelude does. */
const RUNTIME = JSON.stringify(path.join(ROOT, "dist", "lib", "core", "runtime"));
const types = (outs: Message[]) => outs.map((m) => m.header.msg_type);
const content = (m: Message | undefined) => (m?.content ?? {}) as Record<string, any>;
const find = (outs: Message[], type: string) => outs.find((m) => m.header.msg_type === type);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  k = await startTestKernel();
});
afterAll(async () => {
  await k?.shutdown();
});

describe("kernel_info_reply", () => {
  it("is complete: status, protocol 5.3, implementation + version from package.json, typescript language_info", async () => {
    const { reply } = await k.request("kernel_info_request", {});
    const c = content(reply);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    const tsVersion = JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules/@tslab/typescript-for-tslab/package.json"), "utf8")).version;
    expect(c).toMatchObject({
      status: "ok", protocol_version: "5.3", implementation: "scalinglab", implementation_version: pkg.version,
      language_info: { name: "typescript", version: tsVersion, mimetype: "text/typescript", file_extension: ".ts", codemirror_mode: "typescript", pygments_lexer: "typescript" },
    });
    expect(c.banner).toMatch(/scalinglab/);
    expect(c.banner).toMatch(/help\(\) lists every law/);
    // Help menu entries open in a browser tab: web pages only; the project's own page only when package.json has one.
    if (pkg.homepage) expect(c.help_links[0]).toEqual({ text: "scalinglab documentation", url: pkg.homepage });
    else expect(c.help_links.map((l: { text: string }) => l.text)).not.toContain("scalinglab documentation");
    expect(c.help_links.map((l: { text: string }) => l.text)).toContain("Jupyter documentation");
    for (const l of c.help_links) expect(l.url).toMatch(/^https:\/\//);
    expect(reply.header.version).toBe("5.3");
  });
});

describe("message signatures", () => {
  it("drops an execute_request with a wrong or missing signature without running it, and still serves signed ones", async () => {
    const marker = path.join(os.tmpdir(), `scalinglab-marker-${crypto.randomUUID()}`);
    const code = `require("fs").writeFileSync(${JSON.stringify(marker)}, "ran")`;
    const req = { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true };
    const wrongKey = k.frames("execute_request", req, new Signer("not-the-key", "hmac-sha256")).frames;
    const unsigned = k.frames("execute_request", req).frames;
    unsigned[1] = Buffer.alloc(0); // frames: delimiter, signature, header, ...
    const flipped = k.frames("execute_request", req).frames;
    const sig = flipped[1]!.toString();
    flipped[1] = Buffer.from((sig[0] === "a" ? "b" : "a") + sig.slice(1));
    for (const f of [wrongKey, unsigned, flipped]) await k.sendFrames("shell", f);
    const { reply, outputs } = await k.executeRequest(`require("fs").existsSync(${JSON.stringify(marker)})`);
    expect(content(reply).status).toBe("ok");
    expect(content(find(outputs, "execute_result")).data["text/plain"]).toBe("false");
    expect(fs.existsSync(marker)).toBe(false);
    expect(k.stderr()).toMatch(/dropped message: invalid signature/);
    expect(k.stderr()).toMatch(/dropped message: missing signature/);
  });

  it("runs a replayed signed message once: the same execute_request frames sent three times (issue 16, defect 3)", async () => {
    const { id, frames } = k.frames("execute_request", {
      code: "(globalThis as any).replayRuns = ((globalThis as any).replayRuns ?? 0) + 1", silent: false, store_history: true,
      user_expressions: {}, allow_stdin: false, stop_on_error: true,
    });
    await k.sendAndWait(id, frames);
    await k.sendFrames("shell", frames);
    await k.sendFrames("shell", frames);
    // Shell requests are handled in arrival order: once this one ran, the replays were dealt with.
    const r = await k.executeRequest("(globalThis as any).replayRuns");
    expect(content(find(r.outputs, "execute_result")).data["text/plain"]).toBe("1");
    await expect.poll(() => k.stderr().match(/dropped message: replayed message/g)?.length).toBe(2);
  });

  it("answers a second client that connects with the identity of the first (router_handover, issue 16 defect 4)", async () => {
    const zmq = await import("zeromq");
    const endpoint = `tcp://127.0.0.1:${k.info.shell_port}`;
    const clients = [new zmq.Dealer({ routingId: "same-client", linger: 0, receiveTimeout: 10_000 }), new zmq.Dealer({ routingId: "same-client", linger: 0, receiveTimeout: 10_000 })];
    try {
      for (const [i, dealer] of clients.entries()) {
        dealer.connect(endpoint);
        const { id, frames } = k.frames("kernel_info_request", {});
        await dealer.send(frames);
        const reply = decode(await dealer.receive(), k.signer);
        expect([i, (reply.parent_header as { msg_id?: string }).msg_id]).toEqual([i, id]);
      }
    } finally {
      for (const d of clients) d.close();
    }
  });

  it("survives malformed frames (no delimiter, non-JSON header) and keeps answering", async () => {
    await k.sendFrames("shell", [Buffer.from("garbage")]);
    const bad = k.frames("execute_request", { code: "1" }).frames;
    bad[2] = Buffer.from("{not json");
    await k.sendFrames("shell", bad);
    const { reply } = await k.request("kernel_info_request", {});
    expect(content(reply).status).toBe("ok");
  });
});

describe("request contents", () => {
  it("a request with a bad field gets an error reply naming the field (logged), and the kernel keeps serving", async () => {
    const bad = await k.request("execute_request", { code: 5, silent: false });
    expect(content(bad.reply)).toMatchObject({ status: "error", ename: "ContentError", evalue: "execute_request: field `code` must be a string, got 5" });
    const inspect = await k.request("inspect_request", { code: "Math", cursor_pos: "4" });
    expect(inspect.reply.header.msg_type).toBe("inspect_reply");
    expect(content(inspect.reply)).toMatchObject({ status: "error", evalue: 'inspect_request: field `cursor_pos` must be a non-negative integer, got "4"' });
    const shutdown = await k.request("shutdown_request", { restart: "yes" }, { channel: "control" });
    expect(content(shutdown.reply)).toMatchObject({ status: "error", evalue: 'shutdown_request: field `restart` must be a boolean, got "yes"' });
    // The kernel's log reaches us through a pipe, after the replies.
    await expect.poll(() => k.stderr()).toMatch(/shell: execute_request failed: ContentError: execute_request: field `code` must be a string/);
    await expect.poll(() => k.stderr()).toMatch(/control: shutdown_request failed: shutdown_request: field `restart`/);
    const ok = await k.executeRequest("40 + 2");
    expect(content(find(ok.outputs, "execute_result")).data["text/plain"]).toBe("42");
  });
});

describe("preloaded library", () => {
  it("has every lib export in scope in cell 1 with its type: a call runs, a wrong argument is a TSError at line:col", async () => {
    const ok = await k.executeRequest("typeof laws === 'object' && typeof checkReproduces === 'function'");
    expect(content(find(ok.outputs, "execute_result")).data["text/plain"]).toBe("true");
    const bad = await k.executeRequest("const c = 1;\nformatCitation(3)");
    const c = content(bad.reply);
    expect(c.status).toBe("error");
    expect(c.ename).toBe("TSError");
    expect(c.evalue).toMatch(/not assignable to parameter of type 'Citation'/);
    expect(c.traceback[0]).toMatch(/^In\[\d+\]:2:16 - error TS2345: /);
    expect(types(bad.outputs)).toEqual(["execute_input", "error"]);
  });

  it("a shorthand property refers to an earlier cell's variable ({ steps } after `let steps = 3`)", async () => {
    await k.executeRequest("let shorthandSteps = 3;");
    const r = await k.executeRequest("JSON.stringify({ shorthandSteps })");
    expect(content(r.reply).status).toBe("ok");
    expect(content(find(r.outputs, "execute_result")).data["text/plain"]).toBe(`'{"shorthandSteps":3}'`);
  });

  it("a type error after a spelled-out shorthand property still points at the column the user typed", async () => {
    const r = await k.executeRequest("const o = { shorthandSteps }; formatCitation(3)");
    expect(content(r.reply).ename).toBe("TSError");
    expect(content(r.reply).traceback[0]).toMatch(/^In\[\d+\]:1:46 - error TS2345: /);
  });

  it("type names exported by lib are in scope too (interfaces are not runtime keys)", async () => {
    const r = await k.executeRequest('const spec: CheckSpec = { figure: "f", quantity: "q", published: 1, ours: 1 }; spec.figure');
    expect(content(r.reply).status).toBe("ok");
  });


  it("a `/** @module name */` cell defines a module that later cells import (tslab's JSDoc tags are read)", async () => {
    const m = await k.executeRequest("/** @module tagmod */\nexport const tagged: number = 41;");
    expect(content(m.reply).status).toBe("ok");
    // A JSDoc comment without tags leaves the cell an ordinary one: its last expression is the result.
    const r = await k.executeRequest('import { tagged } from "./tagmod";\n/** not a tag */\ntagged + 1');
    expect(content(find(r.outputs, "execute_result")).data["text/plain"]).toBe("42");
  });
  it("inspect returns the lib TSDoc as text/markdown and text/plain", async () => {
    const { reply } = await k.request("inspect_request", { code: "checkReproduces", cursor_pos: 15, detail_level: 0 });
    const c = content(reply);
    expect(c.found).toBe(true);
    expect(c.data["text/markdown"]).toContain("checkReproduces(spec: CheckSpec): CheckRecord");
    expect(c.data["text/plain"]).toContain("checkReproduces(spec: CheckSpec): CheckRecord");
    // the doc comment and its @example come along
    expect(c.data["text/markdown"]).toMatch(/\*\*Example\*\*/);
  });

  it("inspect of a value that carries a citation (laws, constants, datasets) appends the formatted citation", async () => {
    await k.executeRequest('const myLaw = { citation: { key: "h22", authors: "Hoffmann et al.", year: 2022, title: "Training Compute-Optimal Large Language Models", arxiv: "2203.15556", where: "Eq. 10" } }');
    const { reply } = await k.request("inspect_request", { code: "myLaw", cursor_pos: 5, detail_level: 0 });
    const cite = "Hoffmann et al. (2022). Training Compute-Optimal Large Language Models. arXiv:2203.15556. Eq. 10.";
    expect(content(reply).data["text/markdown"]).toContain(`**See** ${cite}`);
    expect(content(reply).data["text/plain"]).toContain(`See: ${cite}`);
  });

  it("inspect and complete work on property-access chains with the cursor inside a member name", async () => {
    await k.executeRequest('namespace geo { export function area(r: number) { return Math.PI * r * r } }\n' +
      'const lawsNs = { chin: { citation: { authors: "Hoffmann et al.", year: 2022, title: "Chinchilla" }, predict(n: number) { return n } } }');
    const inspectAt = async (code: string, cursor_pos: number) => content((await k.request("inspect_request", { code, cursor_pos, detail_level: 0 })).reply);
    const max = await inspectAt("Math.max(1, 2)", 7); // Math.ma|x
    expect(max.found).toBe(true);
    expect(max.data["text/plain"]).toMatch(/^\(method\) Math\.max\(\.\.\.values: number\[\]\): number/);
    // The ES library keeps its documentation (only @types/node is read without it: kernel/engine/node-docs.ts).
    expect(max.data["text/plain"]).toContain("Returns the larger of a set of supplied numeric expressions.");
    expect((await inspectAt("geo.area(2)", 6)).data["text/plain"]).toBe("function geo.area(r: number): number");
    // A member that carries a citation shows it, like a top-level law does.
    expect((await inspectAt("lawsNs.chin.predict(3)", 9)).data["text/plain"]).toContain("See: Hoffmann et al. (2022). Chinchilla.");
    expect((await inspectAt("lawsNs.chin.predict(3)", 15)).data["text/plain"]).toBe("(method) predict(n: number): number");
    const completeAt = async (code: string, cursor_pos: number) => content((await k.request("complete_request", { code, cursor_pos })).reply);
    expect(await completeAt("Math.max", 6)).toMatchObject({ matches: ["max"], cursor_start: 5, cursor_end: 8 });
    expect(await completeAt("geo.ar", 6)).toMatchObject({ matches: ["area"], cursor_start: 4, cursor_end: 6 });
    expect(await completeAt("lawsNs.chin.pre", 15)).toMatchObject({ matches: ["predict"], cursor_start: 12, cursor_end: 15 });
  });

  it("completion goes through the library's namespaces (laws. offers exactly the members of laws)", async () => {
    const keys = await k.executeRequest("Object.keys(laws).sort().join(' ')");
    const members: string[] = content(find(keys.outputs, "execute_result")).data["text/plain"].replace(/^'|'$/g, "").split(" ");
    const { reply } = await k.request("complete_request", { code: "laws.", cursor_pos: 5 });
    expect(members.length).toBeGreaterThan(0);
    expect(content(reply).matches.filter((m: string) => members.includes(m)).sort()).toEqual(members);
  });

  it("completion offers lib exports with their kinds", async () => {
    const { reply } = await k.request("complete_request", { code: "x = checkRep", cursor_pos: 12 });
    const c = content(reply);
    expect(c.matches).toContain("checkReproduces");
    expect(c.cursor_start).toBe(4);
    expect(c.cursor_end).toBe(12);
    expect(c.metadata._jupyter_types_experimental[0].text).toBe(c.matches[0]);
  });
});

describe("execute", () => {
  it("publishes busy, execute_input, outputs, idle in order with the request as parent", async () => {
    const before = k.iopubLog.length;
    const { reply } = await k.executeRequest("1 + 2");
    const mine = k.iopubLog.slice(before).filter((m) => (m.parent_header as any).msg_id === (reply.parent_header as any).msg_id);
    expect(mine.map((m) => m.header.msg_type === "status" ? content(m).execution_state : m.header.msg_type))
      .toEqual(["busy", "execute_input", "execute_result", "idle"]);
  });

  it("runtime errors carry the error class name, message and a traceback trimmed to the cell", async () => {
    const { reply, outputs } = await k.executeRequest('class FitBroke extends Error { name = "FitBroke" }\nfunction f() { throw new FitBroke("no convergence"); }\nf()');
    const c = content(reply);
    expect([c.status, c.ename, c.evalue]).toEqual(["error", "FitBroke", "no convergence"]);
    expect(c.traceback[0]).toBe("FitBroke: no convergence");
    expect(c.traceback.some((l: string) => /In\[\d+\]:\d+:\d+/.test(l))).toBe(true);
    expect(c.traceback.join("\n")).not.toMatch(/tslab|dist\/kernel|node:internal/);
    expect(content(find(outputs, "error"))).toEqual({ ename: c.ename, evalue: c.evalue, traceback: c.traceback });
  });

  it("captures console.log/error, process.stdout.write and output of async callbacks while the cell runs", async () => {
    const { outputs } = await k.executeRequest(
      'console.log("a"); process.stdout.write("b\\n"); console.error("c");\nsetTimeout(() => console.log("late"), 20);\nawait new Promise((r) => setTimeout(r, 80));');
    const text = (name: string) => outputs.filter((m) => m.header.msg_type === "stream" && content(m).name === name).map((m) => content(m).text).join("");
    expect(text("stdout")).toBe("a\nb\nlate\n");
    expect(text("stderr")).toBe("c\n");
  });

  it("renders the last expression through [Symbol.for('Jupyter.display')] (async too) as execute_result", async () => {
    const { outputs } = await k.executeRequest('({ [Symbol.for("Jupyter.display")]: async () => ({ "text/html": "<i>fit</i>" }), n: 1 })');
    const data = content(find(outputs, "execute_result")).data;
    expect(data["text/html"]).toBe("<i>fit</i>");
    expect(data["text/plain"]).toMatch(/n: 1/); // text/plain is added when the bundle lacks it
  });

  it("display(value, {displayId, update}) sends display_data then update_display_data with the same display_id", async () => {
    const { outputs } = await k.executeRequest('display("v1", { displayId: "d1" }); display("v2", { displayId: "d1", update: true })');
    expect(types(outputs)).toEqual(["execute_input", "display_data", "update_display_data"]);
    expect(content(outputs[1]).transient.display_id).toBe("d1");
    expect(content(outputs[2]).transient.display_id).toBe("d1");
    expect(content(outputs[2]).data["text/plain"]).toBe("'v2'");
  });

  it("draws reportProgress as ONE updating display per task, ending at done = total", async () => {
    const { outputs } = await k.executeRequest(
      `import { reportProgress } from ${RUNTIME};\n` +
      'for (let i = 1; i <= 30; i++) { reportProgress("bootstrap", i, 30); await new Promise((r) => setTimeout(r, 10)); }');
    const shown = outputs.filter((m) => m.header.msg_type === "display_data");
    const updates = outputs.filter((m) => m.header.msg_type === "update_display_data");
    expect(shown).toHaveLength(1);
    const id = content(shown[0]).transient.display_id;
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.length).toBeLessThan(30); // throttled
    expect(updates.every((m) => content(m).transient.display_id === id)).toBe(true);
    const last = content(updates[updates.length - 1]).data;
    expect(last["text/plain"]).toMatch(/bootstrap .* 30\/30 \(100%\)/);
    expect(last["text/html"]).toMatch(/<progress value="30" max="30"/);
  });

  it("silent runs without iopub output or a new execution_count; store_history=false keeps the count", async () => {
    const a = await k.executeRequest("1");
    const n = content(a.reply).execution_count;
    const s = await k.executeRequest('console.log("hidden"); 5', { silent: true });
    expect(s.outputs).toEqual([]);
    expect(content(s.reply).execution_count).toBe(n);
    const h = await k.executeRequest("6", { store_history: false });
    expect(content(h.reply).execution_count).toBe(n);
    const b = await k.executeRequest("2");
    expect(content(b.reply).execution_count).toBe(n + 1);
  });

  it("a failed cell aborts the execute_requests queued behind it; stop_on_error=false does not", async () => {
    const rs = await Promise.all([k.executeRequest('throw new Error("first")'), k.executeRequest("(globalThis as any).ranAfter = 1"), k.executeRequest("3")]);
    expect(rs.map((r) => content(r.reply).status)).toEqual(["error", "aborted", "aborted"]);
    const check = await k.executeRequest("(globalThis as any).ranAfter");
    expect(find(check.outputs, "execute_result")).toBeUndefined();
    const rs2 = await Promise.all([k.executeRequest('throw new Error("x")', { stop_on_error: false }), k.executeRequest("4")]);
    expect(rs2.map((r) => content(r.reply).status)).toEqual(["error", "ok"]);
  });

  it("history_request: tail, range and glob search over this kernel's cells", async () => {
    await k.executeRequest("const histA = 10");
    await k.executeRequest("histA * 2");
    const tail = content((await k.request("history_request", { hist_access_type: "tail", n: 2, output: true, raw: true })).reply);
    expect(tail.history.map((h: any) => h[2])).toEqual([["const histA = 10", null], ["histA * 2", "20"]]);
    const [session, line] = tail.history[1];
    const range = content((await k.request("history_request", { hist_access_type: "range", session, start: line, stop: line + 1, raw: true, output: false })).reply);
    expect(range.history).toEqual([[session, line, "histA * 2"]]);
    const search = content((await k.request("history_request", { hist_access_type: "search", pattern: "const hist? =*", raw: true, output: false })).reply);
    expect(search.history.map((h: any) => h[2])).toEqual(["const histA = 10"]);
  });
});

describe("comms", () => {
  it("comm_info_request gets a comm_info_reply with no comms; comm_open to an unknown target is closed", async () => {
    const info = await k.request("comm_info_request", {});
    expect(info.reply.header.msg_type).toBe("comm_info_reply");
    expect(content(info.reply)).toEqual({ status: "ok", comms: {} });
    const { outputs } = await k.request("comm_open", { comm_id: "c1", target_name: "jupyter.widget", data: {} }, { noReply: true });
    expect(outputs.map((m) => [m.header.msg_type, content(m).comm_id])).toEqual([["comm_close", "c1"]]);
  });
});

describe("interrupts", () => {
  it("interrupt_request on control stops `while (true) {}`, keeps earlier variables", async () => {
    await k.executeRequest("const kept = 41");
    const loop = k.executeRequest("while (true) {}");
    await sleep(400);
    const ir = await k.request("interrupt_request", {}, { channel: "control", timeoutMs: 10_000 });
    expect(ir.reply.header.msg_type).toBe("interrupt_reply");
    const r = await loop;
    expect(content(r.reply)).toMatchObject({ status: "error", ename: "InterruptedError" });
    const after = await k.executeRequest("kept + 1");
    expect(content(find(after.outputs, "execute_result")).data["text/plain"]).toBe("42");
  });

  it("SIGINT interrupts a long await and aborts the signal given to library code", async () => {
    const wait = k.executeRequest(`import { runtimeHooks } from ${RUNTIME};\n(globalThis as any).sig2 = runtimeHooks().signal;\nawait new Promise((r) => setTimeout(r, 60_000))`);
    await sleep(400);
    k.child.kill("SIGINT");
    const r = await wait;
    expect(content(r.reply)).toMatchObject({ status: "error", ename: "InterruptedError" });
    const s = await k.executeRequest("(globalThis as any).sig2.aborted");
    expect(content(find(s.outputs, "execute_result")).data["text/plain"]).toBe("true");
  });

  it("heartbeat answers while a cell busy-loops (served by the control worker)", async () => {
    const zmq = await import("zeromq");
    const req = new zmq.Request();
    req.connect(`tcp://127.0.0.1:${k.info.hb_port}`);
    req.receiveTimeout = 5000;
    const loop = k.executeRequest("const t0 = Date.now(); while (Date.now() - t0 < 1500) {}");
    try {
      await sleep(300);
      await req.send("ping");
      const [echo] = await req.receive();
      expect(echo!.toString()).toBe("ping");
    } finally {
      req.close();
      await loop;
    }
  });
});
