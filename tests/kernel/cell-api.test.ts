/**
 * The cell API beyond display(): input()/prompt() over the stdin channel (answered, refused when allow_stdin is
 * false, interrupted), time, timeit, sleep and display.markdown/latex/html/json. One kernel for the file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalKernel } from "../../kernel/runner/localClient";
import type { Message } from "../../kernel/server/wire";
import { startTestKernel } from "./helpers";

let k: LocalKernel;
const content = (m: Message | undefined) => (m?.content ?? {}) as Record<string, any>;
const find = (outs: Message[], type: string) => outs.find((m) => m.header.msg_type === type);
const resultText = (outs: Message[]) => content(find(outs, "execute_result")).data?.["text/plain"] as string | undefined;
const stdout = (outs: Message[]) => outs.filter((m) => m.header.msg_type === "stream" && content(m).name === "stdout").map((m) => content(m).text).join("");
const execute = (code: string, onInput?: (prompt: string, password: boolean) => string | Promise<string>) =>
  k.request("execute_request", {
    code, silent: false, store_history: true, user_expressions: {}, allow_stdin: onInput !== undefined, stop_on_error: false,
  }, { onInput, timeoutMs: 60_000 });

beforeAll(async () => {
  k = await startTestKernel();
});
afterAll(async () => {
  await k?.shutdown();
});

describe("input", () => {
  it("sends input_request on stdin with the prompt and resolves with the frontend's input_reply", async () => {
    const asked: [string, boolean][] = [];
    const r = await execute(`console.log("before"); const who = await input("Name? "); "hi " + who`, (p, pw) => {
      asked.push([p, pw]);
      return "Ada";
    });
    expect(content(r.reply).status).toBe("ok");
    expect(asked).toEqual([["Name? ", false]]);
    expect(stdout(r.outputs)).toBe("before\n");
    expect(resultText(r.outputs)).toBe("'hi Ada'");
  });

  it("asks for a password with { password: true }; prompt is the same function", async () => {
    const asked: [string, boolean][] = [];
    const r = await execute(`[await input("Token: ", { password: true }), await prompt("Again? ")].join("|")`, (p, pw) => {
      asked.push([p, pw]);
      return pw ? "s3cret" : "yes";
    });
    expect(asked).toEqual([["Token: ", true], ["Again? ", false]]);
    expect(resultText(r.outputs)).toBe("'s3cret|yes'");
  });

  it("fails with InputNotAllowedError saying what to do when the frontend sent allow_stdin: false", async () => {
    const r = await k.executeRequest(`await input("Name? ")`, { stop_on_error: false });
    expect(content(r.reply)).toMatchObject({ status: "error", ename: "InputNotAllowedError" });
    expect(content(r.reply).evalue).toMatch(/^input: this frontend does not accept input \(allow_stdin is false.*pass the value as a parameter instead/);
  });

  it("an interrupt while waiting for the answer fails the cell; the kernel keeps its state and serves the next input", async () => {
    await k.executeRequest("let keptAcrossInterrupt = 41");
    let asked!: () => void;
    const waiting = new Promise<void>((r) => (asked = r));
    const pending = execute(`const answer = await input("never answered")`, () => {
      asked();
      return new Promise<string>(() => undefined);
    });
    await waiting;
    await k.interrupt();
    const r = await pending;
    expect(content(r.reply)).toMatchObject({ status: "error", ename: "InterruptedError" });
    const next = await execute(`keptAcrossInterrupt + Number(await input("n?"))`, () => "1");
    expect(resultText(next.outputs)).toBe("42");
  });
});

describe("time, timeit, sleep", () => {
  it("time returns the value and prints CPU and wall time; it awaits an async function", async () => {
    const r = await k.executeRequest(`time(() => 6 * 7)`);
    expect(resultText(r.outputs)).toBe("42");
    expect(stdout(r.outputs)).toMatch(/^CPU times: user [\d.]+ (ns|µs|ms|s), sys: [\d.]+ (ns|µs|ms|s), total: [\d.]+ (ns|µs|ms|s)\nWall time: [\d.]+ (ns|µs|ms|s)\n$/);
    const a = await k.executeRequest(`await time(async () => { await sleep(5); return "done" })`);
    expect(resultText(a.outputs)).toBe("'done'");
    expect(stdout(a.outputs)).toMatch(/Wall time: [\d.]+ (ms|s)\n$/);
  });

  it("timeit displays IPython's %timeit line and keeps the numbers as fields (sd is the population sd of the runs)", async () => {
    const r = await k.executeRequest(`const ti = timeit(() => Math.sqrt(2), { runs: 3, loops: 10 }); ti`);
    const data = content(find(r.outputs, "execute_result")).data;
    expect(data["text/plain"]).toMatch(/^[\d.]+ (ns|µs|ms) ± [\d.]+ (ns|µs|ms) per loop \(mean ± std\. dev\. of 3 runs, 10 loops each\)$/);
    expect(data["text/html"]).toContain("per loop (mean ± std. dev. of 3 runs, 10 loops each)");
    const f = await k.executeRequest(`JSON.stringify({ runs: ti.runs, loops: ti.loops, timings: ti.timings, mean: ti.mean, sd: ti.sd })`);
    const got = JSON.parse(resultText(f.outputs)!.slice(1, -1)) as { runs: number; loops: number; timings: number[]; mean: number; sd: number };
    expect([got.runs, got.loops, got.timings.length]).toEqual([3, 10, 3]);
    // Independent computation of mean and population standard deviation from the reported timings.
    const mean = got.timings.reduce((a, b) => a + b, 0) / 3;
    expect(got.mean).toBeCloseTo(mean, 15);
    expect(got.sd).toBeCloseTo(Math.sqrt(got.timings.reduce((a, t) => a + (t - mean) ** 2, 0) / 3), 15);
  });

  it("timeit picks 1 loop when one call already takes ≥ 0.2 s, and 7 runs by default", async () => {
    // A busy wait of 250 ms per call: the autorange's first try (1 loop) already reaches 0.2 s.
    const r = await k.executeRequest(`const slow = timeit(() => { const t = performance.now(); while (performance.now() - t < 250); }, { runs: 2 });
      [slow.loops, slow.runs, timeit(() => 1).runs].join(" ")`);
    expect(resultText(r.outputs)).toBe("'1 2 7'");
  });

  it("timeit and sleep reject bad arguments with a one-line typed error", async () => {
    const bad = await k.executeRequest(`timeit(() => 1, { runs: 0 })`, { stop_on_error: false });
    expect(content(bad.reply)).toMatchObject({ ename: "InvalidInputError", evalue: "timeit: options.runs must be an integer ≥ 1, got 0 (leave runs out to use the default)" });
    const s = await k.executeRequest(`await sleep(NaN)`, { stop_on_error: false });
    expect(content(s.reply)).toMatchObject({ ename: "InvalidInputError", evalue: "sleep: ms must be a finite number ≥ 0, got NaN (pass milliseconds, e.g. sleep(500))" });
  });

  it("sleep resolves after the delay; an interrupt ends a long sleep", async () => {
    const ok = await k.executeRequest(`await sleep(20); "slept"`);
    expect(resultText(ok.outputs)).toBe("'slept'");
    const pending = k.executeRequest(`async function waitLong() { await sleep(600_000) } await waitLong()`, { stop_on_error: false }, 60_000);
    await expect.poll(() => k.iopubLog.some((m) => m.header.msg_type === "execute_input" && content(m).code.includes("waitLong"))).toBe(true);
    await k.interrupt();
    expect(content((await pending).reply)).toMatchObject({ status: "error", ename: "InterruptedError" });
  });
});

describe("display.markdown, latex, html, json", () => {
  it("shows each as its mime type with the source as text/plain", async () => {
    const r = await k.executeRequest(
      `display.markdown("**bold**"); display.latex("E = mc^2"); display.latex("$a$ and $b$"); display.html("<i>x</i>"); display.json({ N: 70e9, tags: ["a"] })`);
    const shown = r.outputs.filter((m) => m.header.msg_type === "display_data").map((m) => content(m).data);
    expect(shown).toEqual([
      { "text/markdown": "**bold**", "text/plain": "**bold**" },
      { "text/latex": "$$E = mc^2$$", "text/plain": "E = mc^2" },
      { "text/latex": "$a$ and $b$", "text/plain": "$a$ and $b$" },
      { "text/html": "<i>x</i>", "text/plain": "<i>x</i>" },
      { "application/json": { N: 70e9, tags: ["a"] }, "text/plain": '{\n  "N": 70000000000,\n  "tags": [\n    "a"\n  ]\n}' },
    ]);
  });

  it("display.json refuses a value that is not JSON", async () => {
    const r = await k.executeRequest(`display.json(() => 1)`, { stop_on_error: false });
    expect(content(r.reply)).toMatchObject({ ename: "InvalidInputError" });
    expect(content(r.reply).evalue).toMatch(/^display\.json: function is not JSON/);
  });
});
