/**
 * Functions every notebook cell has in scope (the hidden prelude imports them): `display` (with
 * `display.markdown`, `.latex`, `.html`, `.json`), `clearOutput`, `input`/`prompt`, `time`, `timeit`, `sleep`
 * and `math` (mathjs, loaded on first use). They talk to the kernel through a global slot, so this module
 * stays small and also works (printing text) outside the kernel.
 */
import { inspect } from "node:util";
import { InputNotAllowedError, InterruptedError, InvalidInputError } from "../../lib/internal";
import { cellHost, runtimeHooks, type DisplayOptions } from "./host";

export type { DisplayOptions };

const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");

/** Options of display.markdown/latex/html/json: the output's name, to replace it later. */
export type ShowOptions = Omit<DisplayOptions, "raw">;

export interface Display {
  /**
   * Shows a value as a rich output of the running cell: objects implementing
   * `[Symbol.for("Jupyter.display")]()` render through it (laws, fits, tables, figures), other values as text.
   * `display.markdown`, `display.latex`, `display.html` and `display.json` show text in that format.
   * @param value what to show, or a mime bundle with `{ raw: true }`
   * @param options `displayId` names the output; with `update: true` it replaces the output with that id
   * Async renderers are awaited by the kernel before the cell finishes, so there is nothing to await here.
   * @example display(listLaws())
   * @example display({ "text/html": "<b>bold</b>", "text/plain": "bold" }, { raw: true })
   */
  (value: unknown, options?: DisplayOptions): void;
  /**
   * Renders Markdown as an output of the running cell.
   * @example display.markdown("**Chinchilla**: 20 tokens per parameter")
   */
  markdown(text: string, options?: ShowOptions): void;
  /**
   * Typesets LaTeX (MathJax); a formula without `$` delimiters, `\[`, `\(` or `\begin{…}` is shown as display math.
   * @example display.latex(String.raw`L(N, D) = E + \frac{A}{N^\alpha} + \frac{B}{D^\beta}`)
   */
  latex(tex: string, options?: ShowOptions): void;
  /**
   * Shows an HTML fragment as an output of the running cell.
   * @example display.html("<b>bold</b>")
   */
  html(html: string, options?: ShowOptions): void;
  /**
   * Shows a JSON-serialisable value in the frontend's collapsible JSON viewer.
   * @example display.json({ N: 70e9, D: 1.4e12 })
   */
  json(value: unknown, options?: ShowOptions): void;
}

function show(value: unknown, options: DisplayOptions = {}): void {
  const h = cellHost();
  if (h) h.display(value, options);
  else console.log(typeof value === "string" ? value : inspect(value));
}

/** One mime type, with `text` as the plain-text fallback (what a terminal or a plain viewer shows). */
const showAs = (mime: string, data: unknown, text: string, options: ShowOptions = {}) =>
  show({ [mime]: data, "text/plain": text }, { ...options, raw: true });

const notJson = "pass plain objects, arrays, strings, numbers, booleans or null";

export const display: Display = Object.assign(show, {
  markdown: (text: string, options?: ShowOptions) => showAs("text/markdown", text, text, options),
  latex: (tex: string, options?: ShowOptions) => {
    const delimited = /^\s*(\$|\\begin\{|\\\[|\\\()/.test(tex);
    showAs("text/latex", delimited ? tex : `$$${tex}$$`, tex, options);
  },
  html: (html: string, options?: ShowOptions) => showAs("text/html", html, html, options),
  json: (value: unknown, options?: ShowOptions) => {
    let text: string | undefined;
    try {
      text = JSON.stringify(value, null, 2);
    } catch (e) {
      throw new InvalidInputError("display.json", `the value cannot be written as JSON (${(e as Error).message})`, notJson);
    }
    if (text === undefined) throw new InvalidInputError("display.json", `${typeof value} is not JSON`, notJson);
    showAs("application/json", JSON.parse(text), text, options);
  },
});

/**
 * Clears the outputs of the running cell.
 * @param wait if true, clear only when the next output arrives (avoids flicker in animations)
 */
export function clearOutput(wait = false): void {
  cellHost()?.clearOutput(wait);
}

export interface InputOptions {
  /** Hide what the user types (the frontend shows a password box). */
  password?: boolean;
}

/**
 * Asks the notebook's user for one line of text and resolves with it (Jupyter's stdin channel, like Python's
 * `input()`). Interrupting the kernel while it waits fails the cell with InterruptedError. Where nobody can
 * answer (`scalinglab run`, a frontend that sends allow_stdin false) it throws InputNotAllowedError: make the
 * value a parameter instead.
 * @param question the prompt shown before the input box
 * @example const name = await input("Your name? ")
 * @example const token = await input("Token: ", { password: true })
 */
export async function input(question = "", options: InputOptions = {}): Promise<string> {
  const h = cellHost();
  if (!h) throw new InputNotAllowedError("input", "no notebook frontend is attached to this code", "pass the value as a parameter instead");
  if (!h.allowStdin) {
    throw new InputNotAllowedError("input", "this frontend does not accept input (allow_stdin is false, as in `scalinglab run`)",
      "pass the value as a parameter instead, e.g. in the notebook's `parameters` cell");
  }
  const signal = runtimeHooks().signal;
  try {
    return await h.input(String(question), options.password === true);
  } catch (e) {
    if (signal?.aborted) throw new InterruptedError("input");
    throw e;
  }
}

/** The same as `input` (the browser's name for it); await it. */
export const prompt: typeof input = input;

/**
 * Resolves after `ms` milliseconds; an interrupt ends the wait with InterruptedError.
 * @example await sleep(100)
 */
export function sleep(ms: number): Promise<void> {
  if (!(Number.isFinite(ms) && ms >= 0)) throw new InvalidInputError("sleep", `ms must be a finite number ≥ 0, got ${ms}`, "pass milliseconds, e.g. sleep(500)");
  const signal = runtimeHooks().signal;
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new InterruptedError("sleep"));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new InterruptedError("sleep"));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** A duration in seconds with 3 significant digits and a unit (IPython's %timeit format). */
function formatSeconds(s: number): string {
  if (s >= 1) return `${s.toPrecision(3)} s`;
  const [scale, unit] = s >= 1e-3 ? [1e3, "ms"] : s >= 1e-6 ? [1e6, "µs"] : [1e9, "ns"];
  return `${(s * scale).toPrecision(3)} ${unit}`;
}

const isPromise = (v: unknown): v is Promise<unknown> => typeof (v as { then?: unknown } | null)?.then === "function";

/**
 * Runs `fn` once, prints its wall time (and the process's CPU time) like IPython's `%time`, and returns its
 * value; an async `fn` is awaited before the times are printed.
 * @example const fitted = await time(() => laws.chinchilla.fit(rows))
 */
export function time<T>(fn: () => T): T {
  if (typeof fn !== "function") throw new InvalidInputError("time", `expects a function, got ${typeof fn}`, "wrap the expression: time(() => expr)");
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const report = () => {
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    console.log(`CPU times: user ${formatSeconds(cpu.user / 1e6)}, sys: ${formatSeconds(cpu.system / 1e6)}, ` +
      `total: ${formatSeconds((cpu.user + cpu.system) / 1e6)}\nWall time: ${formatSeconds(wall)}`);
  };
  const value = fn();
  if (!isPromise(value)) {
    report();
    return value;
  }
  return value.then((v) => {
    report();
    return v;
  }) as T;
}

export interface TimeitOptions {
  /** Number of timed runs (default 7, as IPython). */
  runs?: number;
  /** Calls of `fn` per run; by default the smallest of 1, 2, 5, 10, 20, 50, … that makes a run take ≥ 0.2 s. */
  loops?: number;
}

/** What `timeit` measured; displays as IPython's `%timeit` line. Times are seconds per call. */
export class TimeitResult {
  /** Mean over the runs of the time per call. */
  readonly mean: number;
  /** Standard deviation over the runs (population, as IPython) of the time per call. */
  readonly sd: number;
  readonly best: number;
  readonly worst: number;
  constructor(
    /** Time per call of each run, seconds. */
    readonly timings: readonly number[],
    readonly loops: number,
  ) {
    this.mean = timings.reduce((a, b) => a + b, 0) / timings.length;
    this.sd = Math.sqrt(timings.reduce((a, t) => a + (t - this.mean) ** 2, 0) / timings.length);
    this.best = Math.min(...timings);
    this.worst = Math.max(...timings);
  }
  get runs(): number {
    return this.timings.length;
  }
  toString(): string {
    const runs = this.runs === 1 ? "1 run" : `${this.runs} runs`;
    const loops = this.loops === 1 ? "1 loop" : `${this.loops.toLocaleString("en-US")} loops`;
    return `${formatSeconds(this.mean)} ± ${formatSeconds(this.sd)} per loop (mean ± std. dev. of ${runs}, ${loops} each)`;
  }
  [JUPYTER_DISPLAY](): Record<string, string> {
    const text = this.toString();
    const [head, tail] = [text.slice(0, text.indexOf(" per loop")), text.slice(text.indexOf(" per loop"))];
    return { "text/plain": text, "text/html": `<code><b>${head}</b>${tail}</code>` };
  }
}

const MIN_RUN_S = 0.2;

function checkCount(name: string, v: number | undefined): void {
  if (v !== undefined && !(Number.isInteger(v) && v >= 1)) {
    throw new InvalidInputError("timeit", `options.${name} must be an integer ≥ 1, got ${v}`, `leave ${name} out to use the default`);
  }
}

/**
 * Times `fn` like IPython's `%timeit`: `runs` runs of `loops` calls each, reporting the mean ± standard
 * deviation of the time per call. Returns the result (it displays as one line); an async `fn` gives a promise.
 * @example timeit(() => laws.chinchilla.predict({ N: 70e9, D: 1.4e12 }))
 * @example const r = timeit(() => Math.sqrt(2), { runs: 3, loops: 1000 }); r.loops // => 1000
 */
export function timeit(fn: () => Promise<unknown>, options?: TimeitOptions): Promise<TimeitResult>;
export function timeit(fn: () => unknown, options?: TimeitOptions): TimeitResult;
export function timeit(fn: () => unknown, options: TimeitOptions = {}): TimeitResult | Promise<TimeitResult> {
  if (typeof fn !== "function") throw new InvalidInputError("timeit", `expects a function, got ${typeof fn}`, "wrap the expression: timeit(() => expr)");
  checkCount("runs", options.runs);
  checkCount("loops", options.loops);
  const runs = options.runs ?? 7;
  // One call first: it tells sync from async and keeps one-time costs (JIT, caches) out of the runs.
  const first = fn();
  return isPromise(first) ? first.then(() => timeAsync(fn as () => Promise<unknown>, runs, options.loops)) : timeSync(fn, runs, options.loops);
}

/** The loop counts IPython's autorange tries: 1, 2, 5, 10, 20, 50, … */
function* loopCounts(): Generator<number> {
  for (let scale = 1; ; scale *= 10) for (const k of [1, 2, 5]) yield k * scale;
}

function timeSync(fn: () => unknown, runs: number, fixedLoops: number | undefined): TimeitResult {
  const run = (loops: number) => {
    const t0 = performance.now();
    for (let i = 0; i < loops; i++) fn();
    return (performance.now() - t0) / 1000;
  };
  let loops = fixedLoops;
  if (loops === undefined) for (loops of loopCounts()) if (run(loops) >= MIN_RUN_S) break;
  return new TimeitResult(Array.from({ length: runs }, () => run(loops!) / loops!), loops!);
}

async function timeAsync(fn: () => Promise<unknown>, runs: number, fixedLoops: number | undefined): Promise<TimeitResult> {
  const run = async (loops: number) => {
    const t0 = performance.now();
    for (let i = 0; i < loops; i++) await fn();
    return (performance.now() - t0) / 1000;
  };
  let loops = fixedLoops;
  if (loops === undefined) for (loops of loopCounts()) if ((await run(loops)) >= MIN_RUN_S) break;
  const timings: number[] = [];
  for (let i = 0; i < runs; i++) timings.push((await run(loops!)) / loops!);
  return new TimeitResult(timings, loops!);
}

/**
 * The mathjs instance, typed loosely on purpose: typing it as `typeof import("mathjs")` makes every kernel
 * start type-check mathjs's 250 kB of declarations (~0.35 s of CPU measured), for one optional helper.
 */
export interface MathJs {
  /** Evaluates an expression: `math.evaluate("sqrt(3^2 + 4^2)")` → 5. */
  evaluate(expr: string, scope?: Record<string, unknown>): any;
  /** Every other mathjs function and constant (matrix, eigs, unit, pi, ...). */
  [name: string]: any;
}

let mathjs: MathJs | undefined;
const load = (): MathJs => (mathjs ??= require("mathjs") as MathJs);

/**
 * mathjs (https://mathjs.org), loaded on first use: `math.evaluate("2^10")`, `math.matrix(...)`, units, ...
 * @see https://mathjs.org/docs/reference/functions.html
 */
export const math: MathJs = new Proxy({} as MathJs, {
  get: (_t, p) => Reflect.get(load(), p),
  has: (_t, p) => Reflect.has(load(), p),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_t, p) => {
    const d = Reflect.getOwnPropertyDescriptor(load(), p);
    return d && { ...d, configurable: true };
  },
});
