"""Stable and unstable manifolds of saddle cycles, and basins of attraction (MATH §3), end to end.

Pipeline: ``certified_cycles`` (kernel-verified orbits) -> for each saddle, the 1-D local manifolds
certified in exact / Arb ball arithmetic (:mod:`.certify.manifolds`: eigenvalue isolated in a rational
interval, eigenvector ball, a radius that keeps every local segment inside its region) -> global growth
in float64 (:mod:`.search.manifolds`: images cut at the switching hyperplanes, all preimages) -> the
exact signs of det M_d of every visited region and the delta_sigma score of the seed paper.

Trust: each 1-D local segment gets a `local-manifold-1d` certificate that the kernel re-checks
(``ManifoldSide.local_verdict``); with ``certify_pieces`` the unstable manifold's exact-image pieces
and the stable manifold's exact-preimage pieces of that many generations get `manifold-pieces-1d`
certificates (``pieces_verdict``); the grown float pieces are proposals, so the verdict of a whole manifold object stays
INCONCLUSIVE with that reason. Manifolds of dimension >= 2 are grown in float64 only
(:mod:`.search.manifolds_nd`: affine subspace x polyhedron pieces carrying their itinerary to the saddle,
``ManifoldSide.nd``); they have no certificate yet.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field

import numpy as np

from .. import gate
from ..certify.cycle import compose, rotate
from ..certify.manifold_pieces import certify_stable_pieces, certify_unstable_pieces
from ..certify.manifolds import LocalManifold, certify_local_manifold
from ..certify.manifolds_certificate import (
    local_manifold_certificate,
    pieces_certificate,
)
from ..errors import CertifyError, UsageError
from ..models.pl import PLModel
from ..models.regions import pattern_of_code, region_map
from ..rationals import from_fmpq
from ..search import manifolds_nd as ND
from ..search.manifolds import (
    GrownManifold,
    grow_manifold,
    region_arrays,
)
from .cycles import certified_cycles

REASON = (
    "the grown pieces ('pieces') are float proposals without certificates; the local segments "
    "('local_verdict') and the exact image / preimage pieces of the first generations "
    "('certified_pieces') carry kernel-checked certificates"
)


@dataclass
class ManifoldSide:
    kind: str
    dim: int
    local: LocalManifold | None = None
    grown: GrownManifold | None = None
    reason: str = ""
    certificate: dict | None = None  # local-manifold-1d certificate of the local segments
    local_verdict: object = None  # the kernel's Verdict on it
    certified: object = None  # PieceSet of exact image (unstable) / preimage (stable) pieces
    pieces_certificate: dict | None = None  # manifold-pieces-1d certificate of them
    pieces_verdict: object = None
    nd: object = None  # dim >= 2: the float PieceSet of search.manifolds_nd
    certificate_path: str | None = None  # where the gate wrote the valid local certificate
    pieces_certificate_path: str | None = None  # ... and the valid pieces certificate


@dataclass
class ManifoldObject:
    cycle: object  # the kernel-verified CycleResult
    stable: ManifoldSide
    unstable: ManifoldSide
    det_signs: dict = field(default_factory=dict)  # region pattern -> sign of det M_d (exact)
    delta_sigma: dict = field(default_factory=dict)
    verdict: str = "INCONCLUSIVE"
    reason: str = REASON


@dataclass
class ManifoldReport:
    model: PLModel
    cycles: object  # the CycleReport
    objects: list
    box: np.ndarray
    iterations: int
    seconds: dict = field(default_factory=dict)

    @property
    def plot_box(self) -> np.ndarray:
        """(x0, x1, y0, y1) of the pictures: the default box with factor 1 around the certified cycles."""
        return default_box(self.model, self.cycles.cycles).ravel()[:4]


def default_box(model: PLModel, cycles, factor: float = 1.0) -> np.ndarray:
    """[-R, R]^M with R = factor * max(3, 1.5 max |coordinate of a certified cycle point|). Manifolds
    are grown in the box with factor 10 (a branch that leaves the growth box is lost, and preimages of
    far pieces often come back), pictures use factor 1."""
    R = 3.0
    for c in cycles:
        for p in c.points:
            R = max(R, 1.5 * max(abs(float(x)) for x in p))
    return np.array([[-factor * R, factor * R]] * model.dim, float)


def parse_box(values, dim) -> np.ndarray | None:
    if values is None:
        return None
    if len(values) != 2 * dim:
        raise UsageError(f"--box needs 2 numbers per dimension ({2 * dim} for this model), got {len(values)}")
    box = np.array(values, float).reshape(dim, 2)
    if not np.all(np.isfinite(box)) or np.any(box[:, 0] >= box[:, 1]):
        raise UsageError("--box: every lower bound must be finite and below its upper bound")
    return box


def cycle_products(model: PLModel, cycle) -> list[np.ndarray]:
    """Float P_j (the product of the cycle started at point j) for every j, from the exact product."""
    out = []
    for j in range(cycle.period):
        P, _ = compose(model, rotate(cycle.itinerary, j))
        out.append(np.array([[float(from_fmpq(P[i, c])) for c in range(P.ncols())] for i in range(P.nrows())]))
    return out


def det_signs(model: PLModel, codes) -> dict:
    """Exact sign of det M_d for each region code."""
    out = {}
    for code in sorted({int(c) for c in codes}):
        d = pattern_of_code(model, code)
        det = region_map(model, d)[0].det()
        out[d] = 0 if det == 0 else (1 if det > 0 else -1)
    return out


def _side_nd(model, cycle, kind, dim, nd, progress) -> ManifoldSide:
    """A manifold of dimension >= 2: float pieces (``nd`` = (iterations, box, max_pieces))."""
    side = ManifoldSide(kind, dim)
    iterations, box, max_pieces = nd
    try:
        geom = ND.saddle_geometry(model, cycle.points, cycle.itinerary)
        grow = ND.grow_stable if kind == "stable" else ND.grow_unstable
        side.nd = grow(geom, box, iterations, max_pieces, progress=progress)
    except ValueError as e:
        side.reason = f"{kind} pieces of dimension {dim} not grown: {e}"
        return side
    for piece in side.nd.pieces:  # (E, e, G, g) of each piece, for figures and documents
        piece.constraints = ND.piece_constraints(side.nd, piece)
    side.reason = (
        f"{len(side.nd)} float pieces of dimension {dim} ({side.nd.generations} generations); "
        "no certificate for pieces of dimension >= 2 yet"
    ) + (f"; {side.nd.stopped}" if side.nd.stopped else "")
    return side


def _side(
    model, cycle, kind, dim, iterations, box, max_pieces, progress, certify_pieces=0, nd=None, prefix=None
) -> ManifoldSide:
    """One side of a saddle; valid certificates go through the gate to ``prefix``-KIND[-pieces].json."""
    if dim >= 2 and nd is not None:
        return _side_nd(model, cycle, kind, dim, nd, progress)
    side = ManifoldSide(kind, dim)
    if dim != 1:
        side.reason = (
            f"the {kind} manifold has dimension {dim}; not grown (nd growth off)" if dim else f"no {kind} direction"
        )
        return side
    P = cycle_products(model, cycle)[0]
    w, V = np.linalg.eig(P)
    idx = int(np.argmax(np.abs(w))) if kind == "unstable" else int(np.argmin(np.abs(w)))
    try:
        side.local = certify_local_manifold(model, cycle.itinerary, cycle.points, kind, float_vector=np.real(V[:, idx]))
    except CertifyError as e:
        side.reason = f"local {kind} manifold not certified: {e}"
        return side
    side.certificate = local_manifold_certificate(model, cycle.itinerary, cycle.points, side.local)
    checked = gate.admit(side.certificate, f"{prefix}-{kind}.json" if prefix else None, model.hash)
    side.local_verdict, side.certificate_path = checked.verdict, checked.path and str(checked.path)
    if certify_pieces > 0:
        if progress:
            print(
                f"manifolds: certifying the {kind} pieces of a period-{cycle.period} saddle exactly "
                f"({certify_pieces} generations) and re-checking them with the kernel",
                file=sys.stderr,
                flush=True,
            )
        grow = certify_unstable_pieces if kind == "unstable" else certify_stable_pieces
        side.certified = grow(
            model,
            cycle.points,
            side.local,
            certify_pieces,
            [tuple(b) for b in np.asarray(box)],
            max_pieces=2000,
            itinerary=cycle.itinerary,
        )
        side.pieces_certificate = pieces_certificate(model, cycle.itinerary, cycle.points, side.local, side.certified)
        checked = gate.admit(side.pieces_certificate, f"{prefix}-{kind}-pieces.json" if prefix else None, model.hash)
        side.pieces_verdict, side.pieces_certificate_path = checked.verdict, checked.path and str(checked.path)
    local = [([float(x) for x in p.centre], p.direction_mid, float(p.radius)) for p in side.local.pieces]
    side.grown = grow_manifold(
        model, kind, local, side.local.eigenvalue, iterations, box, max_pieces, progress=progress
    )
    if side.grown.stopped:
        side.reason = side.grown.stopped
    return side


def compute_manifolds(
    model: PLModel,
    max_period: int = 6,
    of=None,
    iterations: int = 20,
    box=None,
    max_pieces: int = 200_000,
    progress: bool = True,
    cycles=None,
    certify_pieces: int = 0,
    nd_iterations: int = 3,
    nd_max_pieces: int = 500,
    nd_box=None,
    out=None,
) -> ManifoldReport:
    """Manifolds of the saddle cycles (``of``: index into the saddles, or None for all).
    ``certify_pieces`` > 0: also certify the unstable pieces of that many generations exactly
    (claim `manifold-pieces-1d`, at most 2000 pieces per manifold). Sides of dimension >= 2: float
    pieces of ``nd_iterations`` generations (0: not grown), at most ``nd_max_pieces``, in ``nd_box``
    (default: ``box`` if given, else the picture box, :func:`default_box` with factor 1).
    With ``out``: the cycles' and the manifolds' valid certificates are written there as proved."""
    t0 = time.perf_counter()
    report = (
        cycles if cycles is not None else certified_cycles(model, max_period=max_period, progress=progress, out=out)
    )
    saddles = [c for c in report.cycles if c.counts.orbit_type == "saddle"]
    if of is not None:
        if not 0 <= of < len(saddles):
            raise UsageError(f"--of {of}: there are {len(saddles)} saddle cycles (indices 0..{len(saddles) - 1})")
        saddles = [saddles[of]]
    if nd_box is None:
        nd_box = default_box(model, report.cycles, 1.0) if box is None else np.asarray(box, float)
    nd = (nd_iterations, np.asarray(nd_box, float), nd_max_pieces) if nd_iterations > 0 else None
    box = default_box(model, report.cycles, 10.0) if box is None else np.asarray(box, float)
    t1 = time.perf_counter()
    objects = []
    for k, c in enumerate(saddles):
        prefix = f"{out}/manifold-{k}" if out is not None else None
        st = _side(
            model, c, "stable", c.counts.inside, iterations, box, max_pieces, progress, certify_pieces, nd, prefix
        )
        un = _side(
            model, c, "unstable", c.counts.outside, iterations, box, max_pieces, progress, certify_pieces, nd, prefix
        )
        codes = [int(x) for s in (st, un) if s.grown is not None for x in s.grown.code]
        codes += [code for s in (st, un) if s.grown is not None for code in s.grown.singular_regions]
        codes += [code for s in (st, un) if s.nd is not None for p in s.nd.pieces for code in p.itinerary]
        codes += [code for s in (st, un) if s.nd is not None for code in s.nd.geom.codes + tuple(s.nd.singular_regions)]
        obj = ManifoldObject(c, st, un, det_signs(model, codes))
        obj.delta_sigma = {s.kind: delta_sigma(model, c, s) for s in (st, un) if s.grown is not None}
        objects.append(obj)
    return ManifoldReport(
        model, report, objects, box, iterations, {"cycles": t1 - t0, "manifolds": time.perf_counter() - t1}
    )


def delta_sigma(model: PLModel, cycle, side: ManifoldSide, samples: int = 200, steps: int = 60, seed: int = 0) -> dict:
    """The seed paper's score on points sampled on the grown pieces (a random point of random pieces):
    delta(x0) = min_k |G^k(x0) - p|^2 / |x0 - p|^2 with G = F (stable) or a backward branch of F
    (unstable, the consistent preimage nearest to the cycle), p the nearest cycle point. Returns the
    median and the maximum over the samples (small = the pieces really are on the manifold)."""
    g = side.grown
    if g is None or len(g) == 0:
        return {}
    rng = np.random.default_rng(seed)
    idx = rng.choice(len(g), size=min(samples, len(g)), replace=False)
    pts = np.array([[float(x) for x in p] for p in cycle.points])
    vals = []
    for i in idx:
        t = rng.uniform(0.05, 0.95)
        x = (1 - t) * g.a[i] + t * g.b[i]
        d0 = np.min(np.sum((pts - x) ** 2, axis=1))
        if d0 == 0:
            continue
        best, z = 1.0, x
        for _ in range(steps):
            z = model.step_float(z) if side.kind == "stable" else _backward_nearest(model, z, pts)
            if z is None or not np.all(np.isfinite(z)):
                break
            best = min(best, np.min(np.sum((pts - z) ** 2, axis=1)) / d0)
        vals.append(best)
    if not vals:
        return {}
    return {"median": float(np.median(vals)), "max": float(np.max(vals)), "samples": len(vals)}


_INVERSES: dict = {}


def _backward_nearest(model, y, pts):
    cache = _INVERSES.setdefault(model.hash, {})
    if not cache:
        n = 2 ** len(model.active_units)
        Ms, cs = region_arrays(model, range(n))
        for code in range(n):
            if abs(np.linalg.det(Ms[code])) > 1e-12:
                cache[code] = (np.linalg.inv(Ms[code]), cs[code], pattern_of_code(model, code))
    best, bd = None, np.inf
    f = model.f
    for Minv, c, d in cache.values():
        z = Minv @ (y - c)
        u = f["W2"] @ z + f["h2"]
        if all((u[i] >= -1e-12) if d[i] else (u[i] <= 1e-12) for i in model.active_units):
            dist = np.min(np.sum((pts - z) ** 2, axis=1))
            if dist < bd:
                best, bd = z, dist
    return best


def stable_piece_through(model: PLModel, saddle, x, box=None, max_steps: int = 500):
    """The float stable piece (any dimension) of the certified ``saddle`` cycle nearest to the point x
    among those whose itinerary is x's own orbit, with the distance from x to its affine subspace
    (:func:`.search.manifolds_nd.stable_piece_through`; None when no foot lies in its piece).
    ``box``: the growth box of the local stable set (default :func:`default_box` factor 2 around the
    saddle and x)."""
    x = np.asarray(x, float)
    geom = ND.saddle_geometry(model, saddle.points, saddle.itinerary)
    if box is None:
        R = max(3.0, 1.5 * float(np.abs(geom.points).max()), 1.5 * float(np.abs(x).max()))
        box = np.array([[-2 * R, 2 * R]] * model.dim)
    return ND.stable_piece_through(geom, x, box, max_steps)


def attractor_data(model: PLModel, cycles) -> list:
    """(points, products) of every kernel-verified attracting cycle, for :mod:`.search.basins`."""
    return [
        (np.array([[float(x) for x in p] for p in c.points]), cycle_products(model, c))
        for c in cycles.cycles
        if c.counts.orbit_type == "attracting"
    ]


def stable_segments(report: ManifoldReport) -> tuple[np.ndarray, np.ndarray]:
    """All grown stable pieces of all saddles, as (a, b) arrays."""
    segs = [(o.stable.grown.a, o.stable.grown.b) for o in report.objects if o.stable.grown is not None]
    if not segs:
        M = report.model.dim
        return np.empty((0, M)), np.empty((0, M))
    return np.concatenate([s[0] for s in segs]), np.concatenate([s[1] for s in segs])


__all__ = [
    "ManifoldObject",
    "ManifoldReport",
    "attractor_data",
    "compute_manifolds",
    "default_box",
    "parse_box",
    "stable_piece_through",
    "stable_segments",
]


@dataclass
class BasinReport:
    model: PLModel
    cycles: object
    attractors: list  # kernel-verified attracting CycleResults, index = label
    saddles: list
    box: np.ndarray | None = None  # (x0, x1, y0, y1) of the 2-D grid
    labels: np.ndarray | None = None  # grid labels (row = y) or None
    segments: list = field(default_factory=list)  # dicts: a, b, labels, switches
    manifolds: ManifoldReport | None = None
    boundary_distance: dict = field(default_factory=dict)
    attractor_distance: list = field(default_factory=list)
    seconds: dict = field(default_factory=dict)
    label_names: dict = field(default_factory=dict)  # the special labels: value -> "diverges" / "unknown"


def compute_basins(
    model: PLModel,
    grid: int = 300,
    box=None,
    max_period: int = 6,
    max_steps: int = 1000,
    bound: float = 1e6,
    segment_points: int = 2001,
    with_manifolds: bool = True,
    iterations: int = 30,
    progress: bool = True,
    certify_pieces: int = 0,
) -> BasinReport:
    """Basins of the certified attractors: a grid in 2-D (``box`` = x0, x1, y0, y1), segments joining
    every pair of attractor points in any dimension; with ``with_manifolds`` the stable pieces of the
    saddles, the distance of every boundary cell to them and of every attractor to the nearest piece.
    Each label switch along a segment is bisected to a boundary point, whose forward orbit is followed
    to its closest approach to a saddle point (small = the point is on that saddle's stable set), and
    its distances to the two attractors are reported (an upper bound of each attractor's distance to
    its basin boundary: the robustness measure of the seed paper)."""
    from ..search import basins as B
    from ..search.manifolds import distance_to_segments

    t0 = time.perf_counter()
    cyc = certified_cycles(model, max_period=max_period, progress=progress)
    att = [c for c in cyc.cycles if c.counts.orbit_type == "attracting"]
    rep = BasinReport(
        model,
        cyc,
        att,
        [c for c in cyc.cycles if c.counts.orbit_type == "saddle"],
        label_names={B.DIVERGES: "diverges", B.UNDECIDED: "unknown"},
    )
    ell = B.capture_ellipsoids(model, attractor_data(model, cyc)) if att else None
    t1 = time.perf_counter()
    if with_manifolds and rep.saddles:
        rep.manifolds = compute_manifolds(
            model, iterations=iterations, progress=progress, cycles=cyc, certify_pieces=certify_pieces, nd_iterations=0
        )
    a, b = stable_segments(rep.manifolds) if rep.manifolds else (np.empty((0, model.dim)),) * 2
    t2 = time.perf_counter()
    if model.dim == 2:
        box = np.asarray(box if box is not None else default_box(model, cyc.cycles).ravel(), float)
        Z, _, _ = B.grid_points(box, grid)
        rep.box = box
        rep.labels = (
            B.classify(model, Z, ell, max_steps, bound)
            if ell is not None
            else _no_attractor(model, Z, max_steps, bound)
        ).reshape(grid, grid)
        mask = B.boundary_cells(rep.labels)
        if len(a) and mask.any():
            d = distance_to_segments(Z[mask.ravel()], a, b)
            cell = max((box[1] - box[0]) / grid, (box[3] - box[2]) / grid)
            rep.boundary_distance = {
                "cells": int(mask.sum()),
                "max_cells": float(d.max() / cell),
                "within_one_cell": int(np.sum(d <= cell * np.sqrt(2))),
            }
            pa, pb, eps = proved_stable_segments(rep.manifolds)
            if len(pa):
                dp = distance_to_segments(Z[mask.ravel()], pa, pb) + eps
                rep.boundary_distance["within_one_cell_of_proved_pieces"] = int(np.sum(dp <= cell * np.sqrt(2)))
    pts = [np.array([float(x) for x in p]) for c in att for p in c.points[:1]]
    saddle_pts = np.array([[float(x) for x in p] for c in rep.saddles for p in c.points]) if rep.saddles else None
    for i in range(len(pts)):
        for j in range(i + 1, len(pts)):
            Z = B.segment_points(pts[i], pts[j], segment_points)
            lab = B.classify(model, Z, ell, max_steps, bound)
            seg = {"from": i, "to": j, "labels": lab, "switches": B.switches(lab).tolist(), "points": Z, "boundary": []}
            for s in seg["switches"]:
                x = B.refine_switch(model, Z[s], Z[s + 1], ell, max_steps=max_steps)
                info = {
                    "point": x,
                    "distance_from": float(np.linalg.norm(x - pts[i])),
                    "distance_to": float(np.linalg.norm(x - pts[j])),
                }
                if saddle_pts is not None:
                    info["saddle_approach"], info["saddle"] = B.closest_approach(model, x, saddle_pts)
                seg["boundary"].append(info)
            rep.segments.append(seg)
    if len(a):
        for c in att:
            P = np.array([[float(x) for x in p] for p in c.points])
            rep.attractor_distance.append(float(distance_to_segments(P, a, b).min()))
    rep.seconds = {"cycles": t1 - t0, "manifolds": t2 - t1, "basins": time.perf_counter() - t2}
    return rep


def proved_stable_segments(report: ManifoldReport):
    """(a, b, eps) of the stable pieces whose manifold-pieces-1d certificate the kernel PROVED."""
    A, B, eps = [], [], 0.0
    for o in report.objects:
        s = o.stable
        if s.certified is not None and getattr(s.pieces_verdict, "verdict", None) == "PROVED":
            for p in s.certified.pieces:
                A.append([float(x) for x in p.vertices[0]])
                B.append([float(x) for x in p.vertices[1]])
                eps = max(eps, float(p.eps))
    M = report.model.dim
    return np.array(A, float).reshape(-1, M), np.array(B, float).reshape(-1, M), eps


def _no_attractor(model, Z, max_steps, bound):
    from ..search import basins as B

    M = model.dim
    empty = (np.empty((0, M)), np.empty((0, M, M)), np.empty(0), np.empty(0, np.int64))
    return B.classify(model, Z, empty, max_steps, bound)
