"""Classify initial conditions by the attractor they reach (numba, float64; untrusted, MATH §3 Basins).

An orbit is assigned to attractor a when it enters a *capture ellipsoid* around one of the points p of
a's cycle: E = {z : (z - p)^T S (z - p) < rho^2}, where S solves the Stein equation
P^T S P - S = -I for the cycle's product P = DF^k (S > 0 because P is a contraction in the S-norm),
and rho is small enough that E lies inside the linear region of p (rho^2 w^T S^-1 w < u(p)^2 for every
switching hyperplane u = w.z + b). For a fixed point F is affine on E and F(E) is inside E, so E is
forward invariant and every orbit entering it converges to p. For k >= 2 the intermediate images are
not checked, and S, rho are computed in floats: the labels are numerical (never certified).

Labels: a >= 0 the attractor index, ``DIVERGES`` = -1 (|z|_inf beyond ``bound``), ``UNDECIDED`` = -2
(neither within ``max_steps``). The capture and divergence tests run every ``CHECK_EVERY`` steps (an
orbit may be labelled a few steps late, never differently for a forward-invariant ellipsoid). Cost:
N x steps x 2 M (M + 2 H) flops for the map, plus the tests; points advance in blocks of ``BLOCK``
(BLAS matrix products on M x BLOCK matrices), blocks in parallel.
"""

from __future__ import annotations

import numpy as np
import scipy.linalg
from numba import njit, prange

DIVERGES = -1
UNDECIDED = -2


BLOCK = 256  # points advanced together as the columns of an M x BLOCK matrix (BLAS products)
CHECK_EVERY = 4  # capture and divergence tests every this many steps (and at the last step)


def _classify(Z, A, W1, W2, h1, h2, P, S, rho2, label, max_steps, bound, out):
    N, M = Z.shape
    H = W2.shape[0]
    K = P.shape[0]
    nblocks = (N + BLOCK - 1) // BLOCK
    for blk in prange(nblocks):
        lo = blk * BLOCK
        nb = min(BLOCK, N - lo)
        z = np.ascontiguousarray(Z[lo : lo + nb].T)
        res = np.full(nb, -2, np.int64)
        step = 0
        while True:
            if step % CHECK_EVERY == 0 or step == max_steps:
                for k in range(K):
                    D = z - P[k].reshape(M, 1)
                    SD = np.dot(S[k], D)
                    for b in range(nb):
                        if res[b] == -2:
                            q = 0.0
                            for i in range(M):
                                q += D[i, b] * SD[i, b]
                            if q < rho2[k]:
                                res[b] = label[k]
                alive = 0
                for b in range(nb):
                    if res[b] == -2:
                        for i in range(M):
                            if not (abs(z[i, b]) <= bound):
                                res[b] = -1
                                break
                    if res[b] == -2:
                        alive += 1
                if alive == 0 or step == max_steps:
                    break
            u = np.dot(W2, z)
            for k in range(H):
                for b in range(nb):
                    v = u[k, b] + h2[k]
                    u[k, b] = max(0.0, v)
            w = np.dot(A, z) + np.dot(W1, u)
            for i in range(M):
                for b in range(nb):
                    z[i, b] = w[i, b] + h1[i]
            step += 1
        for b in range(nb):
            out[lo + b] = res[b]


classify_py = _classify
classify_jit = njit(parallel=True, cache=True)(_classify)


def capture_ellipsoids(model, attractors):
    """(points, S, rho^2, labels) for the attractors, each a (points, Ps) pair: the cycle points and,
    for each point z_j, the float product matrix P_j of the cycle started at z_j."""
    f = model.f
    pts, Ss, rhos, labels = [], [], [], []
    for a, (points, Ps) in enumerate(attractors):
        points = np.asarray(points, float)
        for j in range(len(points)):
            S = scipy.linalg.solve_discrete_lyapunov(np.asarray(Ps[j], float).T, np.eye(model.dim))
            Sinv = np.linalg.inv(S)
            u = f["W2"] @ points[j] + f["h2"]
            rho2 = np.inf
            for i in model.active_units:
                wi = f["W2"][i]
                rho2 = min(rho2, u[i] ** 2 / max(wi @ Sinv @ wi, 1e-300))
            rho2 = 0.25 * rho2 if np.isfinite(rho2) else 1.0
            pts.append(points[j])
            Ss.append(S)
            rhos.append(rho2)
            labels.append(a)
    M = model.dim
    return (
        np.array(pts, float).reshape(-1, M),
        np.array(Ss, float).reshape(-1, M, M),
        np.array(rhos, float),
        np.array(labels, np.int64),
    )


def classify(model, Z, ellipsoids, max_steps: int = 1000, bound: float = 1e6, jit: bool = True) -> np.ndarray:
    """Labels (see the module docstring) of the initial conditions Z (N x M)."""
    f = model.f
    Z = np.ascontiguousarray(np.asarray(Z, float).reshape(-1, model.dim))
    P, S, rho2, label = ellipsoids
    out = np.full(len(Z), UNDECIDED, np.int64)
    fn = classify_jit if jit else classify_py
    fn(Z, f["A"], f["W1"], f["W2"], f["h1"], f["h2"], P, S, rho2, label, max_steps, bound, out)
    return out


def grid_points(box, n: int, fixed=None):
    """Cell centres of an n x n grid on box = (x0, x1, y0, y1) in the first two coordinates (the others
    fixed to ``fixed``, default 0); returns (points (n*n x M), xs, ys), row index = y."""
    x0, x1, y0, y1 = box[:4]
    xs = x0 + (np.arange(n) + 0.5) * (x1 - x0) / n
    ys = y0 + (np.arange(n) + 0.5) * (y1 - y0) / n
    X, Y = np.meshgrid(xs, ys)
    M = 2 if fixed is None else len(fixed)
    Z = np.zeros((n * n, M)) if fixed is None else np.tile(np.asarray(fixed, float), (n * n, 1))
    Z[:, 0], Z[:, 1] = X.ravel(), Y.ravel()
    return Z, xs, ys


def segment_points(a, b, n: int) -> np.ndarray:
    """n equally spaced points from a to b (inclusive), any dimension."""
    t = np.linspace(0.0, 1.0, n)[:, None]
    return (1 - t) * np.asarray(a, float)[None, :] + t * np.asarray(b, float)[None, :]


def boundary_cells(labels: np.ndarray) -> np.ndarray:
    """Boolean mask of grid cells with a 4-neighbour of a different label."""
    L = labels
    mask = np.zeros(L.shape, bool)
    dx = L[:, 1:] != L[:, :-1]
    dy = L[1:, :] != L[:-1, :]
    mask[:, 1:] |= dx
    mask[:, :-1] |= dx
    mask[1:, :] |= dy
    mask[:-1, :] |= dy
    return mask


def switches(labels: np.ndarray) -> np.ndarray:
    """Indices i where labels[i] != labels[i + 1] along a segment."""
    return np.nonzero(labels[1:] != labels[:-1])[0]


def refine_switch(model, a, b, ellipsoids, iters: int = 50, max_steps: int = 1000) -> np.ndarray:
    """Bisect the segment [a, b] whose ends carry different labels down to 2^-iters of its length;
    returns the midpoint of the final bracket (a numerical point of the basin boundary)."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    la = classify(model, a[None], ellipsoids, max_steps)[0]
    for _ in range(iters):
        c = 0.5 * (a + b)
        if classify(model, c[None], ellipsoids, max_steps)[0] == la:
            a = c
        else:
            b = c
    return 0.5 * (a + b)


def closest_approach(model, z, targets, steps: int = 400) -> tuple[float, int]:
    """min over the first ``steps`` forward iterates of the distance to the nearest target point, and
    that target's index (a boundary point on a saddle's stable set comes close to the saddle)."""
    z = np.asarray(z, float)
    T = np.asarray(targets, float)
    best, who = np.inf, -1
    for _ in range(steps):
        z = model.step_float(z)
        if not np.all(np.isfinite(z)):
            break
        d = np.linalg.norm(T - z, axis=1)
        if d.min() < best:
            best, who = float(d.min()), int(d.argmin())
    return best, who
