/**
 * The language hook, split from the protocol loop the way ipykernel splits Kernel.execute_request from
 * do_execute: server/kernel.ts owns messages, execution counts, history and the queue; this class runs
 * TypeScript (with the library preloaded) and answers completion, inspection and is_complete.
 */
import { Engine, type RemoteConverter } from "./engine";
import { runtimeError } from "./traceback";
import { complete, inspect } from "./introspect";
import { buildPrelude, PreludeError } from "./prelude";
import { renderBundle } from "./render";
import { log } from "../log";
import { codeTooLarge } from "../server/limits";
import type { ContentByType, ErrorContent, MimeData } from "../server/messages";

/** What one cell did: its result bundle, pager payload (`name?`), or error. */
export type ExecuteOutcome =
  | { status: "ok"; result?: MimeData; page?: MimeData }
  | { status: "error"; error: ErrorContent };

export class TypeScriptLanguage {
  private readonly engine: Engine;
  /** Set when the library could not be preloaded; the next cell reports it (the kernel stays up). */
  private preludeError: string | null = null;

  /** `checker`: the type checker's worker, if already started (it boots while the rest of the kernel loads). */
  constructor(cwd: string, private readonly projectRoot: string, checker?: RemoteConverter) {
    this.engine = new Engine(cwd, checker);
  }

  /** Imports every library export into the cells' scope (the hidden first cell). */
  async preload(): Promise<void> {
    try {
      const prelude = buildPrelude((dts) => this.engine.syntax("declaredExports", dts), this.projectRoot);
      if (prelude.excluded.length) log(`prelude: not imported (name clashes): ${prelude.excluded.join(", ")}`);
      const r = await this.engine.preload(prelude.code, prelude.declOutput, prelude.output, prelude.scope);
      if (!r.ok) throw new PreludeError(`importing the library failed: ${r.error.traceback.join("\n")}`);
    } catch (e) {
      this.preludeError = `scalinglab prelude failed: ${(e as Error).message}`;
      log(this.preludeError);
    }
  }

  /** Runs one cell; `label` names it in tracebacks (In[n]). */
  async doExecute(code: string, label: string): Promise<ExecuteOutcome> {
    const help = /^\s*([\w$][\w$.]*)\s*\?\s*$/.exec(code);
    if (help) {
      // `name?` shows the documentation in the pager, like IPython.
      const doc = inspect(this.engine, help[1]!, help[1]!.length);
      if (doc) return { status: "ok", page: doc };
      return { status: "error", error: { ename: "NameError", evalue: `${help[1]} is not defined`, traceback: [`NameError: ${help[1]} is not defined`] } };
    }
    if (this.preludeError !== null) {
      const evalue = this.preludeError;
      this.preludeError = null;
      return { status: "error", error: { ename: "PreludeError", evalue, traceback: [`PreludeError: ${evalue}`] } };
    }
    try {
      const outcome = await this.engine.run(code, label);
      if (!outcome.ok) return { status: "error", error: outcome.error };
      return outcome.value ? { status: "ok", result: await renderBundle(outcome.value.v) } : { status: "ok" };
    } catch (e) {
      return { status: "error", error: runtimeError(e, label) };
    }
  }

  // Code above the cell size limit is never type-checked (see server/limits.ts).
  doComplete(code: string, cursorPos: number): Omit<ContentByType["complete_reply"], "status"> {
    if (codeTooLarge(code)) return { matches: [], cursor_start: cursorPos, cursor_end: cursorPos, metadata: {} };
    return complete(this.engine, code, cursorPos);
  }

  doInspect(code: string, cursorPos: number): MimeData | null {
    return codeTooLarge(code) ? null : inspect(this.engine, code, cursorPos);
  }

  doIsComplete(code: string): ContentByType["is_complete_reply"] {
    return codeTooLarge(code) ? { status: "invalid" } : this.engine.syntax("isComplete", code);
  }

  interrupt(): void {
    this.engine.interrupt();
  }

  close(): void {
    this.engine.close();
  }
}
