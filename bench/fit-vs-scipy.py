"""scipy baseline for bench/fit-vs-scipy.ts: Hoffmann's 4,500-start grid, L-BFGS-B with analytic gradients,
Huber (delta = 1e-3) on log-loss residuals through log-sum-exp, sum over the 240 points Besiroglu et al. keep.
Prints one JSON line: {"seconds", "cpu_seconds", "best", "params", "starts"}. Usage: python3 fit-vs-scipy.py CSV [MAX_STARTS]"""
import csv as csvmod, itertools, json, sys, time
import numpy as np
from scipy.optimize import minimize

csv = sys.argv[1]
max_starts = int(sys.argv[2]) if len(sys.argv) > 2 else None
with open(csv, newline="") as fh:
    rows = list(csvmod.DictReader(fh))
N = np.array([float(r["Model Size"]) for r in rows])
C = np.array([float(r["Training FLOP"]) for r in rows])
L = np.array([float(r["loss"]) for r in rows])
keep = np.argsort(L)[: len(L) - 5]  # drop the 5 highest losses
N, C, L = N[keep], C[keep], L[keep]
D = C / (6 * N)
logN, logD, logL = np.log(N), np.log(D), np.log(L)
DELTA = 1e-3


def objective(x):
    # x = (e, a, b, alpha, beta): the same parameter order as the TypeScript fitter (E, A, B, alpha, beta).
    e, a, b, alpha, beta = x
    t = np.stack([a - alpha * logN, b - beta * logD, np.full_like(logN, e)])
    m = t.max(axis=0)
    w = np.exp(t - m)
    s = w.sum(axis=0)
    pred = m + np.log(s)
    w /= s
    r = logL - pred
    ar = np.abs(r)
    quad = ar <= DELTA
    f = np.where(quad, 0.5 * r * r, DELTA * (ar - 0.5 * DELTA)).sum()
    psi = np.where(quad, r, DELTA * np.sign(r))
    c = -psi
    g = np.array([(c * w[2]).sum(), (c * w[0]).sum(), (c * w[1]).sum(), -(c * w[0] * logN).sum(), -(c * w[1] * logD).sum()])
    return f, g


grid = list(itertools.product(np.arange(-1, 1.5, 0.5), np.arange(0, 30, 5), np.arange(0, 30, 5),
                              np.arange(0, 2.5, 0.5), np.arange(0, 2.5, 0.5)))
if max_starts:
    grid = grid[:max_starts]
t0 = time.perf_counter()
c0 = time.process_time()
best = None
for x0 in grid:
    res = minimize(objective, np.array(x0, dtype=float), jac=True, method="L-BFGS-B")
    if np.isfinite(res.fun) and (best is None or res.fun < best.fun):
        best = res
seconds = time.perf_counter() - t0
cpu_seconds = time.process_time() - c0
e, a, b, alpha, beta = best.x
print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "best": float(best.fun), "starts": len(grid),
                  "params": {"E": float(np.exp(e)), "A": float(np.exp(a)), "B": float(np.exp(b)), "alpha": float(alpha), "beta": float(beta)}}))
