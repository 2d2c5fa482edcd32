"""Float proposals for covering-relation horseshoes (claim `covering-horseshoe`, MATH §4): frames,
strips on which F^n is affine, float covering graphs. Nothing here is trusted: the certifier
(verified_dyn.certify.covering) recomputes every set and covering exactly and the kernel checks it.

Cost: one float orbit sample, then per frame and iterate n the laps of F^n (corner images, numpy).
How it can miss: frames come only from saddle fixed points with one real unstable eigenvalue in the
regions visited by bounded float orbits (or the orbit hull in 1-D); covering graphs of other shapes
are not proposed.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ..graphs import best_component
from ..models.pl import PLModel


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


def orbit_sample(
    model, *, starts: int = 400, steps: int = 60, keep: int = 50, scale: float = 1.0, seed: int = 0, bound: float = 1e4
) -> np.ndarray:
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


def propose(
    strips: StripMap, *, parts: int = 1, shrink: float = 1e-7, nodes: int = 3000, min_width: float = 1e-9
) -> Proposal | None:
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


def _q(x: float, den: int) -> Fraction:
    return Fraction(float(x)).limit_denominator(den)


def candidate_frames(model: PLModel, sample: np.ndarray) -> list[tuple[list[Fraction], list[list[Fraction]], str]]:
    """Rational frames (centre, basis, label): the hull of the orbit sample in 1-D; in M-D each saddle
    fixed point with u along its unstable eigenvector and s along the others, at two s-scales."""
    m = model.dim
    if m == 1:
        lo, hi = float(sample.min()), float(sample.max())
        half = max(hi - lo, 1e-3) / 2 * 1.05
        return [([_q((lo + hi) / 2, 10**4)], [[_q(half, 10**4)]], "orbit hull")]
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
            Bq = [[_q(x, 10**4) for x in row] for row in B]
            if abs(np.linalg.det(np.array(Bq, dtype=float))) < 1e-12:
                continue
            frames.append(([_q(x, 10**6) for x in p], Bq, f"saddle ({', '.join(f'{x:.4f}' for x in p)}), s-scale {fs}"))
    return frames
