/**
 * Issue 16, severe 1: a fast cell must not lose iopub output or the `idle` status. The kernel coalesces
 * stream output and applies back-pressure to the cell's writer instead of letting the PUB socket drop.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalKernel } from "../../kernel/runner/localClient";
import type { Message } from "../../kernel/server/wire";
import { DISPLAY_CELL, DISPLAYS, expectedStream, LOADED_MACHINE_MS, startTestKernel, streamCell, STREAM_LINES } from "./helpers";

let k: LocalKernel;
const content = (m: Message) => m.content as Record<string, any>;

beforeAll(async () => {
  k = await startTestKernel();
});
afterAll(async () => {
  await k?.shutdown();
});

describe("iopub under load", () => {
  it(`delivers all ${DISPLAYS} displays of a synchronous loop, then the execute_result and idle`, async () => {
    const { reply, outputs } = await k.executeRequest(DISPLAY_CELL, {}, 0);
    expect(content(reply).status).toBe("ok");
    const shown = outputs.filter((m) => m.header.msg_type === "display_data").map((m) => content(m).data["text/plain"]);
    expect(shown.length).toBe(DISPLAYS);
    expect(shown).toEqual(Array.from({ length: DISPLAYS }, (_, i) => String(i)));
    // idle arrived (executeRequest resolves on it) and the result is the last output.
    expect(outputs.map((m) => m.header.msg_type).at(-1)).toBe("execute_result");
    expect(content(outputs.at(-1)!).data["text/plain"]).toBe("'done'");
  }, LOADED_MACHINE_MS);

  it(`delivers ${STREAM_LINES} interleaved stdout/stderr lines of a synchronous loop completely, each stream in order`, async () => {
    const { reply, outputs } = await k.executeRequest(streamCell(STREAM_LINES), {}, 0);
    expect(content(reply).status).toBe("ok");
    const text = (name: string) => outputs.filter((m) => m.header.msg_type === "stream" && content(m).name === name).map((m) => content(m).text).join("");
    const expected = expectedStream(STREAM_LINES);
    for (const name of ["stdout", "stderr"]) {
      // Length first: a readable failure; then the text itself (too long to diff usefully).
      expect(text(name).length).toBe(expected.length);
      expect(text(name) === expected).toBe(true);
    }
  }, LOADED_MACHINE_MS);
});
