"""Snap-back repellers of piecewise-affine maps (Marotto 1978 / 2005; MATH §4, proofs/README.md §9).

Theorem (checked by the kernel, claim `snap-back-repeller`): if p is a fixed point in the open region of
d, a rational P > 0 has M_d^T P M_d - P > 0 (F strictly expanding in the P-norm near p), the ellipsoid
{(x-p)^T P (x-p) <= r2} lies inside the open region of d, and some z_0 != p in it reaches p exactly after
m steps through open regions with det M != 0, then p is a snap-back repeller and F is Li-Yorke chaotic.

How the witness is found (everything exact with python-flint, except a float screen of candidates):
1. the interior fixed points with orbit type "repelling" (the census of period 1, or ``fixed_points``);
2. P: the solution of the Stein equation M^T P M - P = I in floats (positive definite since all
   eigenvalues of M lie outside the unit circle: P = sum_k (M^-k)^T M^-k), symmetrised, rationalised
   with growing denominators until the exact check P > 0, M^T P M - P > 0 holds;
3. r2: a rational just below min_i u_i(p)^2 / (w_i^T P^-1 w_i) over the non-inert units (exact);
4. the backward preimage tree of p, breadth first: the preimages of y are the solutions x of
   M_e x + c_e = y over the regions e with det M_e != 0 (a float screen over all regions proposes e, the
   exact solve decides) lying in the OPEN region of e; preimages on a switching boundary and singular
   regions are skipped and counted; the first preimage z_0 != p with (z_0-p)^T P (z_0-p) < r2 ends the
   search. Bounded by depth and node count; more than 2^MAX_ACTIVE regions is refused (no claim).
The caller runs the kernel on the returned certificate: only its verdict says PROVED.
"""

from __future__ import annotations

import time
from collections import deque
from fractions import Fraction

import flint
import numpy as np

from ..models.pl import PLModel
from ..models.regions import all_patterns, region_map
from ..progress import Progress
from ..rationals import fmt, from_fmpq, to_fmpq
from .certificate import envelope

CLAIM = "snap-back-repeller"
OBLIGATIONS = [
    "well-formed",
    "model-hash",
    "repelling-fixed-point",
    "expanding-norm",
    "ball-inside-region",
    "snap-back-orbit",
]
THEOREM = (
    "Marotto snap-back repeller (Marotto 1978; corrected definition, Chaos Solitons Fractals 25 "
    "(2005) 25-28): Li-Yorke chaos"
)
MAX_ACTIVE = 16  # at most 2^16 regions are screened per preimage step
MAX_FLOATS = 20_000_000  # regions * M^2 float inverses kept in memory
SCREEN_TOL = 1e-7  # relative slack of the float sign screen (the exact check decides)


def _col(v) -> flint.fmpq_mat:
    return flint.fmpq_mat([[to_fmpq(x)] for x in v])


def _fracs(col: flint.fmpq_mat) -> list[Fraction]:
    return [from_fmpq(col[i, 0]) for i in range(col.nrows())]


def _floats(m: flint.fmpq_mat) -> np.ndarray:
    return np.array([[float(from_fmpq(m[i, j])) for j in range(m.ncols())] for i in range(m.nrows())])


def _positive_definite(a: flint.fmpq_mat) -> bool:
    """Sylvester: every leading principal minor > 0 (exact)."""
    n = a.nrows()
    return all(flint.fmpq_mat([[a[i, j] for j in range(k)] for i in range(k)]).det() > 0 for k in range(1, n + 1))


def expanding_norm(M: flint.fmpq_mat) -> flint.fmpq_mat | None:
    """A rational symmetric P with P > 0 and M^T P M - P > 0, or None (e.g. an eigenvalue near the circle)."""
    n = M.nrows()
    Mf = _floats(M)
    try:
        K = np.kron(Mf.T, Mf.T) - np.eye(n * n)
        Pf = np.linalg.solve(K, np.eye(n).reshape(-1, order="F")).reshape((n, n), order="F")
    except np.linalg.LinAlgError:
        return None
    if not np.all(np.isfinite(Pf)):
        return None
    Pf = (Pf + Pf.T) / 2
    Pf = Pf / np.max(np.abs(Pf))
    Mt = M.transpose()
    for den in (10**3, 10**6, 10**9, 10**12, None):
        vals = [[Fraction(float(Pf[min(i, j), max(i, j)])) for j in range(n)] for i in range(n)]
        if den is not None:
            vals = [[x.limit_denominator(den) for x in row] for row in vals]
        P = flint.fmpq_mat([[to_fmpq(x) for x in row] for row in vals])
        if _positive_definite(P) and _positive_definite(Mt * P * M - P):
            return P
    return None


def ball_radius(model: PLModel, p: flint.fmpq_mat, P: flint.fmpq_mat) -> Fraction | None:
    """A rational r2 slightly below min_i u_i(p)^2 / (w_i^T P^-1 w_i) over the non-inert units (exact);
    None if the minimum is not positive (p on a boundary)."""
    q = model.q
    u = q["W2"] * p + q["h2"] if model.hidden else None
    Pinv = P.inv()
    best = None
    for i in model.active_units:
        w = flint.fmpq_mat([[q["W2"][i, j] for j in range(model.dim)]])
        g = (w * Pinv * w.transpose())[0, 0]
        if g == 0:
            continue
        ratio = from_fmpq(u[i, 0] * u[i, 0] / g)
        best = ratio if best is None else min(best, ratio)
    if best is None:
        return Fraction(1)  # no unit bounds the ball: F is affine on all of R^M
    if best <= 0:
        return None
    target = best * (1 - Fraction(1, 1 << 10))
    k = 30 + max(0, (1 / best).numerator.bit_length() - (1 / best).denominator.bit_length())
    r2 = Fraction(int(target * (1 << k)), 1 << k)
    return r2 if 0 < r2 < best else target


class _Regions:
    """Every region's exact (M_e, c_e) with det != 0 and float views of M_e^-1, c_e for the screen."""

    def __init__(self, model: PLModel):
        self.model = model
        self.patterns, inv, off, self.singular = [], [], [], 0
        for d in all_patterns(model):
            M, c = region_map(model, d)
            Mf = _floats(M)
            if M.det() == 0:
                self.singular += 1
                continue
            try:
                Minv = np.linalg.inv(Mf)
            except np.linalg.LinAlgError:
                Minv = _floats(M.inv())
            self.patterns.append(d)
            inv.append(Minv)
            off.append(_floats(c)[:, 0])
        n = model.dim
        self.inv = np.array(inv).reshape(len(inv), n, n)
        self.off = np.array(off).reshape(len(off), n)
        act = list(model.active_units)
        self.act = act
        self.bits = np.array([[d[i] for i in act] for d in self.patterns], dtype=bool).reshape(
            len(self.patterns), len(act)
        )
        self.exact_inv: dict = {}

    def candidates(self, y: np.ndarray) -> list[int]:
        """Indices of regions whose float preimage of y passes the sign screen with slack."""
        if not self.patterns:
            return []
        f = self.model.f
        X = np.einsum("nij,nj->ni", self.inv, y[None, :] - self.off)
        if not self.act:
            return list(range(len(self.patterns)))
        U = X @ f["W2"][self.act].T + f["h2"][self.act]
        scale = (
            1.0
            + np.abs(X).sum(axis=1, keepdims=True) * np.abs(f["W2"][self.act]).sum(axis=1)
            + np.abs(f["h2"][self.act])
        )
        s = np.where(self.bits, U, -U) / scale
        ok = np.all(s > -SCREEN_TOL, axis=1) & np.all(np.isfinite(X), axis=1)
        return [int(i) for i in np.nonzero(ok)[0]]

    def solve(self, idx: int, y: flint.fmpq_mat) -> flint.fmpq_mat:
        d = self.patterns[idx]
        if d not in self.exact_inv:
            M, c = region_map(self.model, d)
            self.exact_inv[d] = (M.inv(), c)
        Minv, c = self.exact_inv[d]
        return Minv * (y - c)


def _where(model: PLModel, x: flint.fmpq_mat, d) -> tuple[str, tuple[int, ...]]:
    """("open" | "border" | "outside", full pattern with inert bits set from the sign of u)."""
    q = model.q
    u = q["W2"] * x + q["h2"]
    bits, status = list(d), "open"
    for i in range(model.hidden):
        ui = u[i, 0]
        if model.inert[i]:
            bits[i] = 1 if ui > 0 else 0
        elif ui == 0:
            status = "border" if status == "open" else status
        elif (ui > 0) != bool(d[i]):
            status = "outside"
    return status, tuple(bits)


def _quad(P: flint.fmpq_mat, x: flint.fmpq_mat, p: flint.fmpq_mat) -> flint.fmpq:
    v = x - p
    return (v.transpose() * P * v)[0, 0]


def _key(x: flint.fmpq_mat) -> tuple:
    return tuple(str(x[i, 0]) for i in range(x.nrows()))


def _search(model, regions: _Regions, p, P, r2, max_depth, max_nodes, deadline, bar=None):
    """Breadth-first backward tree of p. Returns (orbit of (point, pattern) from z_0, stats)."""
    r2q = to_fmpq(r2)
    nodes = [(p, None, None)]  # (point, pattern, parent index)
    seen, border = {_key(p)}, set()
    queue = deque([(0, 0)])
    stats = {"nodes": 1, "border": 0, "depth": 0, "truncated": ""}
    while queue:
        idx, depth = queue.popleft()
        if depth >= max_depth:
            stats["truncated"] = f"depth {max_depth}"
            continue
        y = nodes[idx][0]
        yf = np.array([float(from_fmpq(y[i, 0])) for i in range(model.dim)])
        for r in regions.candidates(yf):
            x = regions.solve(r, y)
            status, bits = _where(model, x, regions.patterns[r])
            if status == "border" and _key(x) not in border:
                border.add(_key(x))
                stats["border"] += 1
            if status != "open" or _key(x) in seen:
                continue
            seen.add(_key(x))
            nodes.append((x, bits, idx))
            stats["nodes"] += 1
            stats["depth"] = max(stats["depth"], depth + 1)
            if _quad(P, x, p) < r2q:
                orbit, j = [], len(nodes) - 1
                while nodes[j][2] is not None:
                    orbit.append((nodes[j][0], nodes[j][1]))
                    j = nodes[j][2]
                return orbit, stats
            if stats["nodes"] >= max_nodes:
                stats["truncated"] = f"{max_nodes} nodes"
                return None, stats
            queue.append((len(nodes) - 1, depth + 1))
        if bar is not None:
            bar.tick(stats["nodes"], depth=depth, boundary=stats["border"])
        if time.perf_counter() > deadline:
            stats["truncated"] = "time budget"
            return None, stats
    return None, stats


def certificate(model: PLModel, p: list[Fraction], d, P: flint.fmpq_mat, r2: Fraction, orbit, stats: dict) -> dict:
    """The `snap-back-repeller` certificate (proofs/README.md §9)."""
    n = model.dim
    claim = {
        "type": CLAIM,
        "fixed_point": [fmt(x) for x in p],
        "pattern": [int(b) for b in d],
        "m": len(orbit),
        "theorem": THEOREM,
    }
    witness = {
        "P": [[fmt(from_fmpq(P[i, j])) for j in range(n)] for i in range(n)],
        "r2": fmt(r2),
        "orbit": [[fmt(x) for x in _fracs(z)] for z, _ in orbit],
        "itinerary": [[int(b) for b in e] for _, e in orbit],
    }
    return envelope(model, claim, witness, OBLIGATIONS, search=dict(stats))


def _fmt_point(p) -> str:
    return "(" + ", ".join(fmt(x) if Fraction(x).denominator < 10**6 else f"{float(x):.6g}" for x in p) + ")"


def repelling_fixed_points(model: PLModel, budget: float = 60.0) -> tuple[list, str]:
    """The interior repelling fixed points of the exact census of period 1 (CycleResults), and a note."""
    from .census import certify_census

    census = certify_census(model, 1, budget=budget)
    note = "" if census.complete else f" (the fixed-point census is incomplete: {census.reason})"
    return [c for c in census.orbits if c.counts is not None and c.counts.orbit_type == "repelling"], note


def snapback_certificate(
    model: PLModel,
    *,
    max_depth: int = 12,
    max_nodes: int = 20000,
    progress: bool = False,
    fixed_points=None,
    budget: float = 60.0,
) -> tuple[dict | None, str]:
    """A `snap-back-repeller` certificate for some repelling interior fixed point, or None, and a summary.

    ``fixed_points``: CycleResults of period 1 to try (default: the exact census of period 1); only
    those with orbit type "repelling" are used. The caller must run the kernel on the certificate.
    """
    if not isinstance(model, PLModel):
        return None, "snap-back repellers are certified for piecewise-affine models only"
    nact = len(model.active_units)
    if nact > MAX_ACTIVE or (2**nact) * model.dim**2 > MAX_FLOATS:
        return None, (
            f"inconclusive: {nact} switching units give 2^{nact} regions, more than the preimage "
            f"search enumerates (2^{MAX_ACTIVE})"
        )
    t0 = time.perf_counter()
    note = ""
    if fixed_points is None:
        fixed_points, note = repelling_fixed_points(model, budget)
    reps = [c for c in fixed_points if c.period == 1 and c.counts is not None and c.counts.orbit_type == "repelling"]
    if not reps:
        return None, "no repelling fixed point" + note
    regions = _Regions(model)
    sing = f"; {regions.singular} singular region(s) skipped" if regions.singular else ""
    reasons = []
    for c in reps:
        p_list, d = list(c.points[0]), tuple(c.itinerary[0])
        p = _col(p_list)
        where = f"repelling fixed point at {_fmt_point(p_list)}"
        M, _ = region_map(model, d)
        P = expanding_norm(M)
        if P is None:
            reasons.append(f"{where}: no rational expanding norm found (an eigenvalue near the unit circle?)")
            continue
        r2 = ball_radius(model, p, P)
        if r2 is None:
            reasons.append(f"{where}: lies on a switching boundary")
            continue
        left = max(budget - (time.perf_counter() - t0), 1.0)
        bar = Progress(f"snap-back {model.name or 'model'} {where}", max_nodes, enabled=progress)
        orbit, stats = _search(model, regions, p, P, r2, max_depth, max_nodes, time.perf_counter() + left, bar)
        bar.done(stats["nodes"], depth=stats["depth"], boundary=stats["border"])
        border = f"; {stats['border']} preimage(s) on a switching boundary skipped" if stats["border"] else ""
        if orbit is not None:
            stats["seconds"] = f"{time.perf_counter() - t0:.3f}"
            cert = certificate(model, p_list, d, P, r2, orbit, stats)
            tried = f"; before: {'; '.join(reasons)}" if reasons else ""
            return cert, (
                f"{where}: snap-back orbit of length m = {len(orbit)} from z0 = "
                f"{_fmt_point(_fracs(orbit[0][0]))} ({stats['nodes']} tree nodes{border}{sing}){tried}"
            )
        if stats["nodes"] == 1:
            reasons.append(f"{where} has no preimage != p in an open region (F is invertible here?){border}{sing}")
        elif stats["truncated"]:
            reasons.append(
                f"{where} has no preimage != p inside its expanding ball within {stats['truncated']} "
                f"({stats['nodes']} tree nodes{border}{sing})"
            )
        else:
            reasons.append(
                f"{where}: the backward tree ends after depth {stats['depth']} ({stats['nodes']} "
                f"nodes{border}{sing}) without entering the expanding ball"
            )
    return None, "; ".join(reasons) + note
