"""Certified topological-entropy lower bounds by covering relations (claim `covering-horseshoe`,
proofs/README.md §10; MATH.md §4 "Entropy lower bound").

Theorem (checked by the kernel, verified_dyn/kernel/covering.py): disjoint boxes N_i of a common
rational frame x = c + B (u, s), an iterate n with F^n affine on every N_i, and covering relations
i => j of degree +-1 (faces u = a_i, u = b_i mapped strictly beyond a_j, b_j; image inside |s| < 1)
with 0/1 matrix T; then F has a compact invariant set of entropy >= log(rho(T)) / n, and a non-negative
integer vector v with T v >= r v proves rho(T) >= r (Collatz-Wielandt).

How candidates are found (float proposals from verified_dyn.search.covering are never trusted):
1. frames: in 1-D the hull of bounded float orbits; in M-D the saddle fixed points (one real
   eigenvalue |lam| > 1) of the regions visited by bounded orbits, with u along the unstable and s along
   the other eigen-directions, at a few scales; centre and basis rationalized;
2. for n = 1..max_iterate: the strips (laps) on which F^n is affine, the float covering graph and its
   strongly connected component of largest spectral radius;
3. the best proposals by log(rho)/n: endpoints rationalized, every set's vertex images computed exactly
   (python-flint fmpq), the covering graph recomputed exactly on all pairs, its best component, an integer
   Perron vector and the exact Collatz-Wielandt ratio r (rounded down to three decimals); the certificate
   is returned only if the kernel proves it.
"""
from __future__ import annotations

import datetime
import itertools
import math
import sys
from dataclasses import dataclass
from fractions import Fraction

import flint
import numpy as np
from scipy.sparse.csgraph import connected_components

from .. import __version__
from ..models.pl import PLModel
from ..rationals import fmt, from_fmpq, to_fmpq

CLAIM = "covering-horseshoe"
OBLIGATIONS = ["well-formed", "model-hash", "frame", "disjoint-sets", "affine-maps", "coverings",
               "spectral-bound"]


def bound_string(r: Fraction, n: int) -> str:
    """The claim's bound as written in certificates and reports: "log(r)/n"."""
    return f"log({fmt(r)})/{n}"


def covering_certificate(model: PLModel, *, iterate: int, centre, basis, sets, itineraries, coverings,
                         vector, rho_lower) -> dict:
    """A `covering-horseshoe` certificate from exact data (rationals as Fraction / int / fmpq)."""
    r = Fraction(rho_lower)
    return {
        "format": "verified-dyn/certificate", "version": 1,
        "model": {"kind": model.kind, "name": model.name, "hash": model.hash,
                  "normal_form": model.normal_form_json()},
        "claim": {"type": CLAIM, "iterate": int(iterate),
                  "frame": {"centre": [fmt(x) for x in centre], "basis": [[fmt(x) for x in row] for row in basis]},
                  "sets": [{"u": [fmt(a), fmt(b)], "itinerary": [[int(x) for x in d] for d in itin]}
                           for (a, b), itin in zip(sets, itineraries)],
                  "coverings": [[int(i), int(j), int(d)] for i, j, d in coverings],
                  "rho_lower": fmt(r), "entropy_lower_bound": bound_string(r, iterate)},
        "witness": {"vector": [int(x) for x in vector]},
        "obligations": list(OBLIGATIONS),
        "producer": {"tool": "verified-dyn", "version": __version__, "method": "covering relations",
                     "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")},
    }


# ---- float proposals (untrusted: every set and covering is re-checked exactly below) ----------

@dataclass
class Proposal:
    """A float proposal: sets [a_i, b_i] in the frame's u, their itineraries, edges (i, j, degree)."""

    iterate: int
    sets: list[tuple[float, float]]
    itineraries: list[list[tuple[int, ...]]]
    edges: list[tuple[int, int, int]]
    rho: float


def _arrays(model):
    f = model.f
    active = np.array([not x for x in model.inert], dtype=bool)
    return f["A"], f["W1"], f["W2"], f["h1"], f["h2"], active


def orbit_sample(model, *, starts: int = 400, steps: int = 60, keep: int = 50, scale: float = 1.0,
                 seed: int = 0, bound: float = 1e4) -> np.ndarray:
    """The last `keep` of `steps` iterates of the random starts whose orbits stay within `bound`."""
    A, W1, W2, h1, h2, _ = _arrays(model)
    rng = np.random.default_rng(seed)
    z = rng.uniform(-scale, scale, size=(starts, model.dim))
    ok = np.ones(starts, dtype=bool)
    window = []
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(steps):
            z = z @ A.T + np.maximum(z @ W2.T + h2, 0.0) @ W1.T + h1
            ok &= np.all(np.isfinite(z), axis=1) & (np.abs(z).max(axis=1) < bound)
            z = np.where(ok[:, None], z, 0.0)
            if t >= steps - keep:
                window.append(z.copy())
    if not window or not ok.any():
        return np.zeros((0, model.dim))
    return np.concatenate([w[ok] for w in window])


def saddle_fixed_points(model, sample: np.ndarray) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Float fixed points in the regions visited by `sample` with exactly one real eigenvalue |lam| > 1:
    (point, eigenvalues, eigenvectors) with the unstable one first."""
    A, W1, W2, h1, h2, active = _arrays(model)
    pats = {tuple((((z @ W2.T + h2) > 0) & active).astype(int)) for z in sample[:4000]}
    out = []
    for d in sorted(pats):
        D = np.diag(np.array(d, dtype=float))
        Md, cd = A + W1 @ D @ W2, h1 + W1 @ D @ h2
        try:
            p = np.linalg.solve(np.eye(model.dim) - Md, cd)
        except np.linalg.LinAlgError:
            continue
        pre = W2 @ p + h2
        if np.any(active & (((pre <= 0) & (np.array(d) == 1)) | ((pre >= 0) & (np.array(d) == 0)))):
            continue
        w, V = np.linalg.eig(Md)
        big = np.abs(w) > 1
        if big.sum() != 1 or abs(w[big][0].imag) > 1e-12:
            continue
        order = np.argsort(-np.abs(w))
        out.append((p, w[order], V[:, order]))
    return out


def _map_corners(model, pts: np.ndarray, n: int):
    """F^n of the points and, per point, the pattern of active units at each step (n x H ints)."""
    A, W1, W2, h1, h2, active = _arrays(model)
    z, pats = pts, []
    for _ in range(n):
        pre = z @ W2.T + h2
        pats.append((pre > 0) & active)
        z = z @ A.T + np.maximum(pre, 0.0) @ W1.T + h1
    return z, np.stack(pats, axis=1) if pats else np.zeros((len(pts), 0, model.hidden), bool)


class StripMap:
    """F^n on strips {u in [a, b], |s| <= 1} of a frame (centre c, basis B), in float arithmetic."""

    def __init__(self, model, centre, basis, n: int):
        self.model, self.n = model, n
        self.c, self.B = np.asarray(centre, float), np.asarray(basis, float)
        self.Binv = np.linalg.inv(self.B)
        m = model.dim
        self.signs = np.array(list(itertools.product((-1.0, 1.0), repeat=m - 1)), float).reshape(2 ** (m - 1), m - 1)

    def corners(self, u: np.ndarray):
        """Frame images (u', s') (len(u) x corners x M) and uniform itineraries (None if mixed)."""
        k = len(self.signs)
        uv = np.concatenate([np.repeat(u, k)[:, None], np.tile(self.signs, (len(u), 1))], axis=1)
        z, pats = _map_corners(self.model, self.c + uv @ self.B.T, self.n)
        y = (z - self.c) @ self.Binv.T
        pats = pats.reshape(len(u), k, self.n, -1)
        same = np.all(pats == pats[:, :1], axis=(1, 2, 3))
        return y.reshape(len(u), k, -1), pats[:, 0], same

    def runs(self, nodes: int = 3000) -> list[tuple[float, float, list[tuple[int, ...]]]]:
        """Maximal u-intervals of [-1, 1] on which F^n is affine (one itinerary for all corners)."""
        u = np.linspace(-1.0, 1.0, nodes) + 1.0 / (7919.0 * nodes)
        u[0], u[-1] = -1.0, 1.0
        _, pats, same = self.corners(u)
        keys = [pats[i].tobytes() if same[i] else None for i in range(nodes)]
        out, start = [], None
        for i in range(nodes):
            if start is None:
                start = i if keys[i] is not None else None
                continue
            if keys[i] != keys[start]:
                out.append((start, i - 1))
                start = i if keys[i] is not None else None
        if start is not None:
            out.append((start, nodes - 1))
        # refine both ends of every run at once by bisection on the itinerary
        jobs = []
        for p, q in out:
            if p > 0:
                jobs.append((u[p - 1], u[p], keys[p]))
            if q < nodes - 1:
                jobs.append((u[q + 1], u[q], keys[q]))
        edges = iter(self._edges(jobs))
        result = []
        for p, q in out:
            lo = u[p] if p == 0 else next(edges)
            hi = u[q] if q == nodes - 1 else next(edges)
            if hi > lo:
                result.append((float(lo), float(hi), [tuple(int(x) for x in row) for row in pats[p]]))
        return result

    def _edges(self, jobs, steps: int = 40) -> list[float]:
        """For each (outside, inside, key): the last point from `inside` towards `outside` with that key."""
        if not jobs:
            return []
        outside = np.array([j[0] for j in jobs], float)
        inside = np.array([j[1] for j in jobs], float)
        for _ in range(steps):
            mid = 0.5 * (outside + inside)
            _, pats, same = self.corners(mid)
            hit = np.array([bool(same[i]) and pats[i].tobytes() == jobs[i][2] for i in range(len(jobs))])
            inside = np.where(hit, mid, inside)
            outside = np.where(hit, outside, mid)
        return list(inside)


def propose(strips: StripMap, *, parts: int = 1, shrink: float = 1e-7, nodes: int = 3000,
            min_width: float = 1e-9) -> Proposal | None:
    """Sets = each run cut into `parts` equal pieces, shrunk; edges by the float covering test; the
    strongly connected component of the largest spectral radius."""
    sets, itins = [], []
    for lo, hi, itin in strips.runs(nodes):
        w = (hi - lo) / parts
        for k in range(parts):
            a, b = lo + k * w, lo + (k + 1) * w
            a, b = a + shrink * max(w, 1e-3), b - shrink * max(w, 1e-3)
            if b - a > min_width:
                sets.append((a, b))
                itins.append(itin)
    if not sets:
        return None
    ends = np.array([x for ab in sets for x in ab])
    y, _, same = strips.corners(ends)
    k = len(sets)
    y = y.reshape(k, 2, len(strips.signs), -1)
    lo_a, hi_a = y[:, 0, :, 0].min(axis=1), y[:, 0, :, 0].max(axis=1)
    lo_b, hi_b = y[:, 1, :, 0].min(axis=1), y[:, 1, :, 0].max(axis=1)
    inside = np.all(np.abs(y[:, :, :, 1:]) < 1 - 1e-9, axis=(1, 2, 3)) & same.reshape(k, 2).all(axis=1)
    a = np.array([s[0] for s in sets])
    b = np.array([s[1] for s in sets])
    tol = 1e-9
    plus = (hi_a[:, None] < a[None, :] - tol) & (lo_b[:, None] > b[None, :] + tol)
    minus = (hi_b[:, None] < a[None, :] - tol) & (lo_a[:, None] > b[None, :] + tol)
    T = (plus | minus) & inside[:, None]
    comp, rho = best_component(T)
    if rho <= 1.0 + 1e-9:
        return None
    index = {i: t for t, i in enumerate(comp)}
    edges = [(index[i], index[j], 1 if plus[i, j] else -1) for i in comp for j in comp if T[i, j]]
    return Proposal(strips.n, [sets[i] for i in comp], [itins[i] for i in comp], edges, rho)


def best_component(T: np.ndarray) -> tuple[list[int], float]:
    """The strongly connected component of the 0/1 matrix T with the largest spectral radius."""
    k, labels = connected_components(T.astype(np.int8), directed=True, connection="strong")
    best, rho = [], 0.0
    for c in range(k):
        idx = np.flatnonzero(labels == c)
        sub = T[np.ix_(idx, idx)].astype(float)
        if not sub.any():
            continue
        r = float(np.max(np.abs(np.linalg.eigvals(sub)))) if len(idx) <= 600 else _power(sub)
        if r > rho:
            best, rho = [int(i) for i in idx], r
    return best, rho


def _power(T: np.ndarray, iters: int = 500) -> float:
    x = np.ones(len(T))
    r = 0.0
    for _ in range(iters):
        y = T @ x
        r = float(y.max() / x.max())
        x = y / y.max()
    return r


def perron_vector(T: np.ndarray, scale: float = 1000.0) -> list[int]:
    """A positive integer approximation (least entry about `scale`) of the Perron vector of an
    irreducible 0/1 matrix T."""
    w, V = np.linalg.eig(T.astype(float))
    x = np.abs(np.real(V[:, int(np.argmax(np.abs(w)))]))
    x = np.maximum(x, x.max() * 1e-12)
    return [int(round(scale * xi / x.min())) for xi in x]


# ---- exact certification ---------------------------------------------------------------------

class ExactStrips:
    """Exact vertex images of strips {u in [a, b], |s| <= 1} of a rational frame under F^n (flint)."""

    def __init__(self, model: PLModel, centre: list[Fraction], basis: list[list[Fraction]]):
        self.model, m = model, model.dim
        self.c = flint.fmpq_mat(m, 1, [to_fmpq(x) for x in centre])
        self.B = flint.fmpq_mat(m, m, [to_fmpq(x) for row in basis for x in row])
        self.Binv = self.B.inv()
        self.signs = list(itertools.product((-1, 1), repeat=m - 1))
        self.maps: dict[tuple, tuple] = {}

    def _map(self, d: tuple[int, ...]):
        if d not in self.maps:
            q, H = self.model.q, self.model.hidden
            D = flint.fmpq_mat(H, H, [int(i == j and d[i]) for i in range(H) for j in range(H)])
            self.maps[d] = (q["A"] + q["W1"] * D * q["W2"], q["h1"] + q["W1"] * D * q["h2"])
        return self.maps[d]

    def images(self, a: Fraction, b: Fraction, itin) -> list[tuple[int, list[Fraction]]] | None:
        """(face, frame coordinates of F^n(vertex)) for the 2^M vertices, or None if some vertex or
        intermediate image leaves the closed region of its pattern (non-inert units)."""
        q, inert, out = self.model.q, self.model.inert, []
        for face, u in enumerate((a, b)):
            for sg in self.signs:
                z = self.c + self.B * flint.fmpq_mat(len(sg) + 1, 1, [to_fmpq(u), *sg])
                for d in itin:
                    pre = q["W2"] * z + q["h2"]
                    if any(not inert[i] and ((d[i] and pre[i, 0] < 0) or (not d[i] and pre[i, 0] > 0))
                           for i in range(len(d))):
                        return None
                    Md, cd = self._map(tuple(d))
                    z = Md * z + cd
                y = self.Binv * (z - self.c)
                out.append((face, [from_fmpq(y[k, 0]) for k in range(y.nrows())]))
        return out


def _exact_graph(sets, images) -> tuple[np.ndarray, dict]:
    k = len(sets)
    T, degree = np.zeros((k, k), dtype=bool), {}
    for i in range(k):
        img = images[i]
        if img is None or any(not -1 < s < 1 for _, y in img for s in y[1:]):
            continue
        fa = [y[0] for f, y in img if f == 0]
        fb = [y[0] for f, y in img if f == 1]
        for j, (a, b) in enumerate(sets):
            if max(fa) < a and min(fb) > b:
                T[i, j], degree[i, j] = True, 1
            elif max(fb) < a and min(fa) > b:
                T[i, j], degree[i, j] = True, -1
    return T, degree


def _rationalize(x: float, den: int) -> Fraction:
    return Fraction(x).limit_denominator(den)


def certify_proposal(model: PLModel, centre, basis, proposal, *, check=None) -> tuple[dict | None, str]:
    """Exact certification of one float proposal; (certificate proved by the kernel, summary) or
    (None, reason)."""
    from ..kernel import check as kernel_check

    check = check or kernel_check
    sets = [(_rationalize(a, 10 ** 9), _rationalize(b, 10 ** 9)) for a, b in proposal.sets]
    order = sorted(range(len(sets)), key=lambda i: sets[i][0])
    if any(not sets[p][1] < sets[q][0] for p, q in zip(order, order[1:])) or any(a >= b for a, b in sets):
        return None, "rationalized sets overlap"
    strips = ExactStrips(model, centre, basis)
    images = [strips.images(a, b, it) for (a, b), it in zip(sets, proposal.itineraries)]
    T, degree = _exact_graph(sets, images)
    comp, rho = best_component(T)
    if rho <= 1:
        return None, "no exact covering graph with spectral radius > 1"
    sub = T[np.ix_(comp, comp)]
    v = perron_vector(sub)
    ratio = min(Fraction(int(sum(v[j] for j in range(len(comp)) if sub[i, j])), v[i]) for i in range(len(comp)))
    r = Fraction(math.floor(ratio * 1000), 1000)
    if r <= 1:
        return None, f"Collatz-Wielandt ratio {float(ratio):.4f} too small"
    index = {i: t for t, i in enumerate(comp)}
    coverings = [(index[i], index[j], degree[i, j]) for i in comp for j in comp if T[i, j]]
    cert = covering_certificate(model, iterate=proposal.iterate, centre=centre, basis=basis,
                                sets=[sets[i] for i in comp], itineraries=[proposal.itineraries[i] for i in comp],
                                coverings=coverings, vector=v, rho_lower=r)
    verdict = check(cert, model.hash)
    if not verdict.proved:
        return None, f"kernel: {verdict.verdict} ({verdict.reason})"
    n = proposal.iterate
    return cert, (f"h_top >= {bound_string(r, n)} = {math.log(r) / n:.6f} (covering horseshoe: "
                  f"{len(comp)} sets, {len(coverings)} coverings, F^{n})")


# ---- the driver --------------------------------------------------------------------------------

def _q(x: float, den: int) -> Fraction:
    return Fraction(float(x)).limit_denominator(den)


def candidate_frames(model: PLModel, sample: np.ndarray) -> list[tuple[list[Fraction], list[list[Fraction]], str]]:
    """Rational frames (centre, basis, label): the hull of the orbit sample in 1-D; in M-D each saddle
    fixed point with u along its unstable eigenvector and s along the others, at two s-scales."""
    m = model.dim
    if m == 1:
        lo, hi = float(sample.min()), float(sample.max())
        half = max(hi - lo, 1e-3) / 2 * 1.05
        return [([_q((lo + hi) / 2, 10 ** 4)], [[_q(half, 10 ** 4)]], "orbit hull")]
    frames = []
    for p, w, V in saddle_fixed_points(model, sample)[:3]:
        cols, k = [np.real(V[:, 0])], 1
        while k < m:
            if abs(w[k].imag) > 1e-12:
                cols += [np.real(V[:, k]), np.imag(V[:, k])]
                k += 2
            else:
                cols.append(np.real(V[:, k]))
                k += 1
        E = np.column_stack(cols[:m])
        if abs(np.linalg.det(E)) < 1e-9:
            continue
        ext = np.abs(np.linalg.solve(E, (sample - p).T)).max(axis=1)
        for fs in (0.1, 0.4):
            scale = np.array([0.5 * ext[0]] + [fs * e for e in ext[1:]])
            B = E * np.maximum(scale, 1e-6)
            Bq = [[_q(x, 10 ** 4) for x in row] for row in B]
            if abs(np.linalg.det(np.array(Bq, dtype=float))) < 1e-12:
                continue
            frames.append(([_q(x, 10 ** 6) for x in p], Bq,
                           f"saddle ({', '.join(f'{x:.4f}' for x in p)}), s-scale {fs}"))
    return frames


def entropy_certificate(model: PLModel, *, max_iterate: int = 8, progress: bool = False,
                        max_edges: int = 4000, attempts: int = 4, nodes: int = 3000) -> tuple[dict | None, str]:
    """A kernel-proved `covering-horseshoe` certificate of h_top(F) >= log(r)/n with the largest bound
    found, and a summary "h_top >= log(r)/n = value (...)"; or (None, the reason)."""
    def say(text: str) -> None:
        if progress:
            print(f"entropy: {text}", file=sys.stderr, flush=True)

    sample = orbit_sample(model)
    if len(sample) == 0:
        return None, "no bounded float orbit found: nothing to cover"
    frames = candidate_frames(model, sample)
    if not frames:
        return None, ("no saddle fixed point with one real unstable eigenvalue in the regions the "
                      "orbits visit: no frame for a one-exit-direction horseshoe")
    found = []
    for centre, basis, label in frames:
        cf = [float(x) for x in centre]
        bf = [[float(x) for x in row] for row in basis]
        for n in range(1, max_iterate + 1):
            strips = StripMap(model, cf, bf, n)
            for parts in ((1, 2, 3) if model.dim == 1 else (1, 2)):
                prop = propose(strips, parts=parts, nodes=nodes)
                if prop is not None and len(prop.edges) <= max_edges:
                    found.append((math.log(prop.rho) / n, centre, basis, label, prop))
        say(f"frame {label}: {len(found)} proposals so far")
    if not found:
        return None, (f"no covering graph with spectral radius > 1 found for F^n, n <= {max_iterate} "
                      f"({len(frames)} frame(s))")
    found.sort(key=lambda t: -t[0])
    reasons = []
    for score, centre, basis, label, prop in found[:attempts]:
        say(f"certifying n = {prop.iterate}, {len(prop.sets)} sets, float bound {score:.4f} ({label})")
        cert, summary = certify_proposal(model, centre, basis, prop)
        if cert is not None:
            return cert, summary
        reasons.append(summary)
    return None, f"no proposal certified exactly: {'; '.join(reasons)}"
