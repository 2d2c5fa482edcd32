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

4. Manifold pieces of dimension >= 2 (float, search/manifolds_nd.py; each piece costs LPs, HiGHS via
   scipy): stable pieces per second for the 8-D checkpoint 0 (7-D pieces, both saddles, picture box
   [-3, 3]^8, 2 generations, at most 300 pieces each) and for a 3-D random shPLRNN (2-D polygons,
   box [-4, 4]^3, 8 generations); and the cost of ``stable_piece_through`` for one point.

Run: python benchmarks/bench_manifolds.py [--points N] [--steps S] [--only-nd]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from verified_dyn import load_model
from verified_dyn.certify.manifolds import certify_local_manifold
from verified_dyn.pipelines.cycles import certified_cycles
from verified_dyn.pipelines.manifolds import attractor_data
from verified_dyn.search.basins import capture_ellipsoids, classify
from verified_dyn.search.manifolds import grow_manifold


def lozi_pieces(iterations: int = 24):
    model = load_model("lozi_1.7_0.5")
    cyc = certified_cycles(model, max_period=1, progress=False)
    (c,) = [c for c in cyc.cycles if c.points[0][0] > 0]
    t = time.perf_counter()
    reps = 20
    for _ in range(reps):
        lm = certify_local_manifold(model, c.itinerary, c.points, "unstable")
    cert = (time.perf_counter() - t) / reps
    from verified_dyn.certify.manifolds_certificate import local_manifold_certificate
    from verified_dyn.kernel import check

    doc = local_manifold_certificate(model, c.itinerary, c.points, lm)
    t = time.perf_counter()
    for _ in range(reps):
        assert check(doc).verdict == "PROVED"
    kernel = (time.perf_counter() - t) / reps
    local = [([float(x) for x in p.centre], p.direction_mid, float(p.radius)) for p in lm.pieces]
    box = [[-3, 3], [-3, 3]]
    grow_manifold(model, "unstable", local, lm.eigenvalue, 3, box)  # compile / load cache
    out = {}
    for jit in (True, False):
        its = iterations if jit else min(iterations, 16)
        t = time.perf_counter()
        g = grow_manifold(model, "unstable", local, lm.eigenvalue, its, box, max_pieces=10**8, jit=jit)
        dt = time.perf_counter() - t
        out["numba" if jit else "python"] = (len(g), dt, len(g) / dt)
    return cert, kernel, out


def basins_checkpoint(points: int, steps: int):
    model = load_model("scyfi_multistable", 0)
    cyc = certified_cycles(model, max_period=1, progress=False)
    ell = capture_ellipsoids(model, attractor_data(model, cyc))
    rng = np.random.default_rng(0)
    Z = rng.uniform(-1.5, 1.5, size=(points, model.dim))
    classify(model, Z[:100], ell, max_steps=10)  # compile / load cache
    t = time.perf_counter()
    lab = classify(model, Z, ell, max_steps=steps, bound=1e300)  # bound: never diverge early
    ours = time.perf_counter() - t
    M, H = model.dim, model.hidden
    none = (np.empty((0, M)), np.empty((0, M, M)), np.empty(0), np.empty(0, np.int64))
    t = time.perf_counter()
    classify(model, Z, none, max_steps=steps, bound=np.inf)
    full = time.perf_counter() - t
    flops = points * steps * (2 * H * M + 2 * M * M + 2 * M * H)
    return ours, full, flops / peak_flops(), np.bincount(lab + 2)


MODEL_3D = {
    "kind": "shplrnn",
    "A": [["-25/21", "25/28", "-21/34"], ["21/58", "-1/26", "9/13"], ["53/58", "47/49", "1/20"]],
    "W1": [["13/14", "51/62", "16/45"], ["12/23", "-9/14", "14/19"], ["1", "37/45", "-23/30"]],
    "W2": [["-11/49", "17/20", "-49/60"], ["-23/61", "12/35", "13/51"], ["-26/61", "19/43", "-61/62"]],
    "h1": ["16/45", "1/12", "-13/27"],
    "h2": ["9/58", "-4/39", "4/41"],
}


def nd_pieces():
    """[(label, pieces, LPs, seconds)] for the stable pieces of dimension >= 2, and the seconds of one
    stable_piece_through call on the checkpoint."""
    from verified_dyn.models import model_from_dict
    from verified_dyn.pipelines.manifolds import default_box, stable_piece_through
    from verified_dyn.search.manifolds_nd import grow_stable, saddle_geometry

    out = []
    model = load_model("scyfi_multistable", 0)
    cyc = certified_cycles(model, max_period=1, progress=False)
    box = default_box(model, cyc.cycles, 1.0)
    saddles = [c for c in cyc.cycles if c.counts.orbit_type == "saddle"]
    for k, c in enumerate(saddles):
        geom = saddle_geometry(model, c.points, c.itinerary)
        t = time.perf_counter()
        ps = grow_stable(geom, box, iterations=2, max_pieces=300)
        out.append((f"checkpoint 0 saddle {k} (7-D pieces in 8-D)", len(ps), ps.lps, time.perf_counter() - t))
    x = np.array([float(v) for v in saddles[0].points[0]]) + 1e-3
    t = time.perf_counter()
    stable_piece_through(model, saddles[0], x, max_steps=200)
    through = time.perf_counter() - t
    model = model_from_dict(MODEL_3D)
    (c,) = [
        c
        for c in certified_cycles(model, max_period=1, progress=False).cycles
        if c.counts.orbit_type == "saddle" and c.counts.inside == 2
    ]
    geom = saddle_geometry(model, c.points, c.itinerary)
    t = time.perf_counter()
    ps = grow_stable(geom, np.array([[-4.0, 4.0]] * 3), iterations=8, max_pieces=3000)
    out.append(("3-D shPLRNN (2-D polygons)", len(ps), ps.lps, time.perf_counter() - t))
    return out, through


def peak_flops(n: int = 3000) -> float:
    """float64 flop rate of a large matrix product (BLAS, all cores): the arithmetic peak we compare to."""
    a = np.random.default_rng(0).normal(size=(n, n))
    a @ a
    t = time.perf_counter()
    a @ a
    return 2 * n**3 / (time.perf_counter() - t)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--points", type=int, default=100_000)
    ap.add_argument("--steps", type=int, default=1000)
    ap.add_argument("--only-nd", action="store_true", help="only section 4 (pieces of dimension >= 2)")
    args = ap.parse_args()
    rows, through = nd_pieces()
    for label, n, lps, dt in rows:
        print(
            f"stable pieces, {label}: {n} pieces, {lps} LPs in {dt:.2f} s = {n / dt:,.0f} pieces/s "
            f"({dt / max(lps, 1) * 1e3:.2f} ms per LP)"
        )
    print(f"stable_piece_through (checkpoint 0, 200 steps): {through * 1e3:.0f} ms")
    if args.only_nd:
        return
    cert, kernel, pieces = lozi_pieces()
    print(f"local manifold (Lozi flip saddle): certify {cert * 1e3:.2f} ms, kernel check {kernel * 1e3:.2f} ms")
    for k, (n, dt, rate) in pieces.items():
        print(f"Lozi unstable manifold, {k}: {n} pieces in {dt:.3f} s = {rate:,.0f} pieces/s")
    ours, full, roof, counts = basins_checkpoint(args.points, args.steps)
    n = args.points * args.steps
    print(
        f"basins, checkpoint 0 (M = 8, H = 10), {args.points} points, up to {args.steps} steps: "
        f"classified in {ours:.2f} s (labels undecided, diverges, 0, 1, 2: {counts.tolist()})"
    )
    print(
        f"  all {n:.0e} point-steps without capture: {full:.2f} s = {n / full:,.0f} point-steps/s; "
        f"roofline {roof:.2f} s; ratio {full / roof:.2f}"
    )


if __name__ == "__main__":
    main()
