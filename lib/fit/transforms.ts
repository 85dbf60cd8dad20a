/**
 * Parameter coordinates. Three layers:
 *   θ (natural units, what users read)  ←  s (scale coordinates: log θ for `transform: "log"`, θ otherwise;
 *   grids are written in s)  ←  u (what L-BFGS moves).
 * Without bounds u = s / scale (ParamSpec.scale, default 1). Bounds are enforced by a smooth reparametrisation of s, not by projection, so the
 * minimiser stays unconstrained and its curvature pairs stay valid:
 *   both bounds  s = lo + (hi − lo)·σ(u)      (σ = logistic)
 *   lower only   s = lo + e^u
 *   upper only   s = hi − e^u
 * (lo, hi are the bounds in s, i.e. log-bounds for log parameters). A bound is approached but never reached;
 * an estimate pressed against one shows up as a large SE and a warning in the fit diagnostics.
 */
import { InvalidInputError } from "../core";
import type { ParamSpec } from "./model";

interface Coordinate {
  readonly log: boolean;
  readonly scale: number;
  readonly lo: number;
  readonly hi: number;
}

/** Maps between θ, s and u for one model's parameter list. */
export class ParamCoordinates {
  readonly dim: number;
  readonly names: readonly string[];
  /** True when u = s for every parameter (no bounds): lets hot loops skip the chain rule. */
  readonly identity: boolean;
  private readonly coords: Coordinate[];

  constructor(fn: string, specs: readonly ParamSpec[]) {
    this.dim = specs.length;
    this.names = specs.map((p) => p.name);
    this.coords = specs.map((p) => {
      const log = p.transform === "log";
      const toS = (x: number | undefined, which: string): number => {
        if (x === undefined) return which === "lower" ? -Infinity : Infinity;
        if (Number.isNaN(x)) throw new InvalidInputError(fn, `parameter ${p.name}: ${which} bound is NaN`);
        if (log && x < 0) throw new InvalidInputError(fn, `parameter ${p.name} is log-transformed; its ${which} bound must be ≥ 0, got ${x}`);
        return log ? Math.log(x) : x;
      };
      const lo = toS(p.lower, "lower");
      const hi = toS(p.upper, "upper");
      if (!(lo < hi)) throw new InvalidInputError(fn, `parameter ${p.name}: lower bound ${p.lower} must be below upper bound ${p.upper}`);
      const scale = p.scale ?? 1;
      if (!(scale > 0 && Number.isFinite(scale))) throw new InvalidInputError(fn, `parameter ${p.name}: scale must be a finite number > 0, got ${p.scale}`);
      return { log, lo, hi, scale };
    });
    this.identity = this.coords.every((c) => c.lo === -Infinity && c.hi === Infinity && c.scale === 1);
  }

  /** s → u; throws when s lies outside the bounds. */
  sToU(fn: string, s: ArrayLike<number>): Float64Array {
    const u = new Float64Array(this.dim);
    for (let j = 0; j < this.dim; j++) {
      const { lo, hi, scale } = this.coords[j];
      const v = s[j];
      if (!(v > lo || (lo === -Infinity && Number.isFinite(v))) || !(v < hi || hi === Infinity)) {
        throw new InvalidInputError(fn, `start value of ${this.names[j]} is ${this.sToTheta(j, v)}, outside its bounds`,
          "move the start or the grid inside the parameter bounds");
      }
      if (lo === -Infinity && hi === Infinity) u[j] = v / scale;
      else if (hi === Infinity) u[j] = Math.log(v - lo);
      else if (lo === -Infinity) u[j] = Math.log(hi - v);
      else {
        const p = (v - lo) / (hi - lo);
        u[j] = Math.log(p / (1 - p));
      }
    }
    return u;
  }

  /** u → s, writing ds/du into `dsdu` when given. */
  uToS(u: ArrayLike<number>, s: Float64Array, dsdu?: Float64Array): void {
    for (let j = 0; j < this.dim; j++) {
      const { lo, hi, scale } = this.coords[j];
      const v = u[j];
      if (lo === -Infinity && hi === Infinity) {
        s[j] = v * scale;
        if (dsdu) dsdu[j] = scale;
      } else if (hi === Infinity) {
        const e = Math.exp(v);
        s[j] = lo + e;
        if (dsdu) dsdu[j] = e;
      } else if (lo === -Infinity) {
        const e = Math.exp(v);
        s[j] = hi - e;
        if (dsdu) dsdu[j] = -e;
      } else {
        const sig = 1 / (1 + Math.exp(-v));
        s[j] = lo + (hi - lo) * sig;
        if (dsdu) dsdu[j] = (hi - lo) * sig * (1 - sig);
      }
    }
  }

  /** θ_j from s_j. */
  sToTheta(j: number, s: number): number {
    return this.coords[j].log ? Math.exp(s) : s;
  }

  /** θ → s (natural units to scale coordinates); throws for a non-positive log parameter. */
  thetaToS(fn: string, theta: ArrayLike<number>): Float64Array {
    const s = new Float64Array(this.dim);
    for (let j = 0; j < this.dim; j++) {
      const x = theta[j];
      if (!Number.isFinite(x)) throw new InvalidInputError(fn, `${this.names[j]} must be finite, got ${x}`);
      if (this.coords[j].log) {
        if (!(x > 0)) throw new InvalidInputError(fn, `${this.names[j]} is fitted on a log scale and must be > 0, got ${x}`);
        s[j] = Math.log(x);
      } else s[j] = x;
    }
    return s;
  }

  /** θ and dθ/du from u. */
  uToTheta(u: ArrayLike<number>, theta: Float64Array, dthetadu?: Float64Array): void {
    this.uToS(u, theta, dthetadu);
    for (let j = 0; j < this.dim; j++) {
      if (this.coords[j].log) {
        theta[j] = Math.exp(theta[j]);
        if (dthetadu) dthetadu[j] *= theta[j];
      }
    }
  }

  /** True when parameter j is log-transformed. */
  isLog(j: number): boolean {
    return this.coords[j].log;
  }

  /** Distance of s_j from its nearest bound relative to the bounded range (Infinity when unbounded). */
  boundProximity(j: number, s: number): number {
    const { lo, hi } = this.coords[j];
    if (lo === -Infinity && hi === Infinity) return Infinity;
    const width = Number.isFinite(hi - lo) ? hi - lo : Math.max(1, Math.abs(s));
    return Math.min(s - lo, hi - s) / width;
  }
}
