"""Manifold and basin benchmarks (issue 4).

1. Lozi (a = 17/10, b = 1/2) unstable manifold of the flip saddle (5/11, 5/22): exact-in-form 1-D pieces
   per second in float mode (numba kernel; the target of the issue is 10^5 pieces/s), and the plain-Python
   twin for comparison.
2. Certification cost of a local manifold (eigenvalue interval, eigenvector ball, region radius).
3. Basin classification on the 8-D trained checkpoint 0: (a) as used (orbits stop when captured), and
   (b) every orbit run for all the steps (no capture, no divergence test) to compare with the arithmetic
   roofline: flops per step = 2 H M (pre-activations) + 2 M M + 2 M H (the update), and the machine's
   peak is measured as the float64 rate of a large BLAS matrix product (all cores); ratio = our time /
   (flops / peak). The issue's target is a ratio within 3.

Run: python benchmarks/bench_manifolds.py [--points N] [--steps S]
"""
from __future__ import annotations

import argparse
import time

import numpy as np

from verified_dyn import find_cycles, load_model
from verified_dyn.certify.manifolds import certify_local_manifold
from verified_dyn.manifolds import attractor_data
from verified_dyn.search.basins import capture_ellipsoids, classify
from verified_dyn.search.manifolds import grow_manifold


def lozi_pieces(iterations: int = 24):
    model = load_model("lozi_1.7_0.5")
    cyc = find_cycles(model, max_period=1, progress=False)
    (c,) = [c for c in cyc.cycles if c.points[0][0] > 0]
    t = time.perf_counter()
    reps = 20
    for _ in range(reps):
        lm = certify_local_manifold(model, c.itinerary, c.points, "unstable")
    cert = (time.perf_counter() - t) / reps
    from verified_dyn import check
    from verified_dyn.certify.manifolds_certificate import local_manifold_certificate
    doc = local_manifold_certificate(model, c.itinerary, c.points, lm)
    t = time.perf_counter()
    for _ in range(reps):
        assert check(doc).verdict == "PROVED"
    kernel = (time.perf_counter() - t) / reps
    local = [([float(x) for x in p.centre], p.direction_mid, float(p.radius)) for p in lm.pieces]
    box = [[-3, 3], [-3, 3]]
    grow_manifold(model, "unstable", local, lm.eigenvalue, 3, box)        # compile / load cache
    out = {}
    for jit in (True, False):
        its = iterations if jit else min(iterations, 16)
        t = time.perf_counter()
        g = grow_manifold(model, "unstable", local, lm.eigenvalue, its, box, max_pieces=10 ** 8, jit=jit)
        dt = time.perf_counter() - t
        out["numba" if jit else "python"] = (len(g), dt, len(g) / dt)
    return cert, kernel, out


def basins_checkpoint(points: int, steps: int):
    model = load_model("scyfi_multistable", 0)
    cyc = find_cycles(model, max_period=1, progress=False)
    ell = capture_ellipsoids(model, attractor_data(model, cyc))
    rng = np.random.default_rng(0)
    Z = rng.uniform(-1.5, 1.5, size=(points, model.dim))
    classify(model, Z[:100], ell, max_steps=10)                           # compile / load cache
    t = time.perf_counter()
    lab = classify(model, Z, ell, max_steps=steps, bound=1e300)           # bound: never diverge early
    ours = time.perf_counter() - t
    M, H = model.dim, model.hidden
    none = (np.empty((0, M)), np.empty((0, M, M)), np.empty(0), np.empty(0, np.int64))
    t = time.perf_counter()
    classify(model, Z, none, max_steps=steps, bound=np.inf)
    full = time.perf_counter() - t
    flops = points * steps * (2 * H * M + 2 * M * M + 2 * M * H)
    return ours, full, flops / peak_flops(), np.bincount(lab + 2)


def peak_flops(n: int = 3000) -> float:
    """float64 flop rate of a large matrix product (BLAS, all cores): the arithmetic peak we compare to."""
    a = np.random.default_rng(0).normal(size=(n, n))
    a @ a
    t = time.perf_counter()
    a @ a
    return 2 * n ** 3 / (time.perf_counter() - t)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--points", type=int, default=100_000)
    ap.add_argument("--steps", type=int, default=1000)
    args = ap.parse_args()
    cert, kernel, pieces = lozi_pieces()
    print(f"local manifold (Lozi flip saddle): certify {cert * 1e3:.2f} ms, kernel check {kernel * 1e3:.2f} ms")
    for k, (n, dt, rate) in pieces.items():
        print(f"Lozi unstable manifold, {k}: {n} pieces in {dt:.3f} s = {rate:,.0f} pieces/s")
    ours, full, roof, counts = basins_checkpoint(args.points, args.steps)
    n = args.points * args.steps
    print(f"basins, checkpoint 0 (M = 8, H = 10), {args.points} points, up to {args.steps} steps: "
          f"classified in {ours:.2f} s (labels undecided, diverges, 0, 1, 2: {counts.tolist()})")
    print(f"  all {n:.0e} point-steps without capture: {full:.2f} s = {n / full:,.0f} point-steps/s; "
          f"roofline {roof:.2f} s; ratio {full / roof:.2f}")


if __name__ == "__main__":
    main()
