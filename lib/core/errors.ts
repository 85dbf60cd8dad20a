/**
 * Typed, actionable errors. Every message starts with the public function's name and says what to fix,
 * e.g. `fitChinchilla: need ≥ 5 points with N, D, loss > 0; row 7 has D = NaN`.
 */
export class ScalingLabError extends Error {
  override name = "ScalingLabError";
  /** The public function that rejected the call. */
  readonly fn: string;
  /** What the user can do about it. */
  readonly hint?: string;
  constructor(fn: string, message: string, hint?: string) {
    super(`${fn}: ${message}${hint ? ` (${hint})` : ""}`);
    this.fn = fn;
    this.hint = hint;
  }
}

/** An argument is out of its domain: wrong sign, not finite, wrong shape. */
export class InvalidInputError extends ScalingLabError {
  override name = "InvalidInputError";
}

/** Too few usable rows for the number of parameters. */
export class InsufficientDataError extends ScalingLabError {
  override name = "InsufficientDataError";
  constructor(fn: string, readonly needed: number, readonly got: number, hint?: string) {
    super(fn, `need at least ${needed} usable points, got ${got}`, hint);
  }
}

/** A string option that is not one of the valid choices; the message lists them. */
export class UnknownChoiceError extends ScalingLabError {
  override name = "UnknownChoiceError";
  constructor(fn: string, what: string, readonly got: string, readonly choices: readonly string[]) {
    super(fn, `unknown ${what} "${got}"; valid choices: ${choices.join(", ")}`);
  }
}

/** A numerical procedure stopped without meeting its criteria and the caller asked for a hard failure. */
export class DidNotConvergeError extends ScalingLabError {
  override name = "DidNotConvergeError";
}

/**
 * The data cannot determine the law: a design problem found before fitting (identical rows, an input the law needs
 * to vary that takes too few values). The message names the input, the parameters it leaves undetermined and the fix.
 */
export class FitError extends ScalingLabError {
  override name = "FitError";
}

/** Long work stopped by a kernel interrupt (or an AbortSignal). */
export class InterruptedError extends ScalingLabError {
  override name = "InterruptedError";
  constructor(fn: string) {
    super(fn, "interrupted");
  }
}

/** A cell asked the user for input (`input()`) where nobody can answer: the frontend sent allow_stdin false. */
export class InputNotAllowedError extends ScalingLabError {
  override name = "InputNotAllowedError";
}

/** Data could not be found, verified or parsed. */
export class DataError extends ScalingLabError {
  override name = "DataError";
}

/**
 * A number as users write it, for messages: 4e9, 1.5e10, 0.25 (4 significant digits; exponent form outside [1e-3, 1e5)).
 * @example shortNumber(4e9) // => "4e9"
 */
export function shortNumber(x: number): string {
  if (x !== 0 && (Math.abs(x) >= 1e5 || Math.abs(x) < 1e-3)) {
    const [m, e] = x.toExponential(3).split("e");
    return `${+m}e${Number(e)}`;
  }
  return String(+x.toPrecision(4));
}

/** Throws InvalidInputError unless `x` is a finite number > 0. */
export function assertPositive(fn: string, name: string, x: number): void {
  if (!(Number.isFinite(x) && x > 0)) {
    throw new InvalidInputError(fn, `${name} must be a finite number > 0, got ${x}`);
  }
}

/** Throws InvalidInputError unless `x` is an integer ≥ 1 (a size, a count). */
export function assertPositiveInteger(fn: string, name: string, x: number): void {
  if (!(Number.isInteger(x) && x > 0)) throw new InvalidInputError(fn, `${name} must be a positive integer, got ${x}`);
}

/** Throws InvalidInputError unless `x` is a finite number. */
export function assertFinite(fn: string, name: string, x: number): void {
  if (!Number.isFinite(x)) throw new InvalidInputError(fn, `${name} must be finite, got ${x}`);
}

/** Throws UnknownChoiceError unless `x` is one of `choices`; narrows the type. */
export function assertChoice<T extends string>(fn: string, what: string, x: string, choices: readonly T[]): asserts x is T {
  if (!(choices as readonly string[]).includes(x)) throw new UnknownChoiceError(fn, what, x, choices);
}
