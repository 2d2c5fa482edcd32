"""Polytope geometry in floats (Chebyshev centre, distance, sampling, polygons, slices) of pieces
E y = e, G y <= g: used by the manifold search and by the figures that draw its pieces.
Chebyshev centre (HiGHS LP), distance of a point, hit-and-run samples, polygon vertices in 3-D, and the
cut by a 2-D plane (for figures). Used by the manifold pieces of any dimension (manifolds_nd.py).
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linprog


def parametrise(E, e, G, g):
    """y = O + N s on {E y = e}; returns (O, N, H, h) with H s <= h."""
    M = E.shape[1]
    if E.shape[0] == 0:
        O, N = np.zeros(M), np.eye(M)
    else:
        _, _, Vt = np.linalg.svd(E)
        O = np.linalg.lstsq(E, e, rcond=None)[0]
        N = Vt[E.shape[0] :].T
    return O, N, G @ N, g - G @ O


def chebyshev(H, h, cap=1e6):
    """Centre and radius of the largest ball in {H s <= h}; None when empty."""
    n = H.shape[1]
    norms = np.linalg.norm(H, axis=1)
    c = np.zeros(n + 1)
    c[-1] = -1.0
    res = linprog(
        c, A_ub=np.hstack([H, norms[:, None]]), b_ub=h, bounds=[(None, None)] * n + [(0, cap)], method="highs"
    )
    if res.status != 0:
        return None
    return res.x[:n], float(res.x[-1])


def distance_to_piece(E, e, G, g, x, tol=1e-9):
    """(distance from x to the affine subspace E y = e, the foot, foot in the piece up to tol)."""
    x = np.asarray(x, float)
    foot = x - E.T @ np.linalg.lstsq(E @ E.T, E @ x - e, rcond=None)[0] if len(E) else x.copy()
    scale = max(1.0, np.abs(foot).max())
    return float(np.linalg.norm(x - foot)), foot, bool(np.all(G @ foot <= g + tol * scale))


def sample_piece(E, e, G, g, n, rng, start=None, burn=20):
    """n points of the piece by hit-and-run in the subspace (uniform in the limit)."""
    O, N, H, h = parametrise(E, e, G, g)
    if start is None:
        ch = chebyshev(H, h)
        if ch is None:
            return np.empty((0, len(O)))
        s = ch[0]
    else:
        s = N.T @ (np.asarray(start, float) - O)
    out = []
    for it in range(burn + n):
        d = rng.normal(size=N.shape[1])
        d /= np.linalg.norm(d)
        Hd, slack = H @ d, h - H @ s
        with np.errstate(divide="ignore"):
            t = slack / Hd
        tmax = np.min(t[Hd > 1e-300], initial=np.inf)
        tmin = np.max(t[Hd < -1e-300], initial=-np.inf)
        if np.isfinite(tmax) and np.isfinite(tmin) and tmax > tmin:
            s = s + rng.uniform(tmin, tmax) * d
        if it >= burn:
            out.append(O + N @ s)
    return np.array(out)


def polygon(E, e, G, g):
    """Vertices (in order) of a 2-dimensional piece, by clipping a large square in its plane."""
    O, N, H, h = parametrise(E, e, G, g)
    if N.shape[1] != 2:
        raise ValueError(f"polygon: the piece has dimension {N.shape[1]}, not 2")
    R = 1e6
    poly = [np.array(v, float) for v in ((-R, -R), (R, -R), (R, R), (-R, R))]
    for a, b in zip(H, h):
        poly = _clip(poly, a, b)
        if not poly:
            return np.empty((0, len(O)))
    return np.array([O + N @ v for v in poly])


def _clip(poly, a, b):
    out = []
    for i in range(len(poly)):
        p, q = poly[i], poly[(i + 1) % len(poly)]
        fp, fq = a @ p - b, a @ q - b
        if fp <= 0:
            out.append(p)
        if (fp < 0 < fq) or (fq < 0 < fp):
            out.append(p + fp / (fp - fq) * (q - p))
    return out


def slice_segment(E, e, G, g, origin, Q):
    """The piece cut by the plane origin + Q s (Q: M x 2 orthonormal), for codimension-1 pieces: a
    segment (2 points in R^M) or None."""
    if E.shape[0] != 1:
        return None
    a, b = (E @ Q)[0], e[0] - E[0] @ origin
    na = np.linalg.norm(a)
    if na < 1e-14:
        return None
    s0, n = a * b / na**2, np.array([-a[1], a[0]]) / na
    p0 = origin + Q @ s0
    Gn, slack = G @ (Q @ n), g - G @ p0
    with np.errstate(divide="ignore"):
        t = slack / Gn
    if np.any((np.abs(Gn) <= 1e-300) & (slack < 0)):
        return None
    tmax = np.min(t[Gn > 1e-300], initial=np.inf)
    tmin = np.max(t[Gn < -1e-300], initial=-np.inf)
    if not (np.isfinite(tmin) and np.isfinite(tmax)) or tmax <= tmin:
        return None
    return np.array([p0 + tmin * (Q @ n), p0 + tmax * (Q @ n)])
