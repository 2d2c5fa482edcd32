"""Float crossings of listed manifold segments (proposals for transversal homoclinic points, MATH §4).

Each segment is a pair of vertices (rationals, read as floats). Proposes the pairs (U_i, S_j) whose
segments cross away from the saddle p, fewest generations first, then best angle. Cost O(|U| |S|)
vectorised. How it can miss: crossings within 1e-9 of a segment end or at an angle below 1e-6 rad.
"""

from __future__ import annotations

import numpy as np


def _cross2(a, b):
    return a[..., 0] * b[..., 1] - a[..., 1] * b[..., 0]


def float_crossings(U, S, p) -> list[tuple]:
    """(score, i, j, s, u): U[i] and S[j] cross at A_i + s (B_i - A_i) = C_j + u (D_j - C_j), 0 < s, u < 1."""
    if not U or not S:
        return []
    A = np.array([[float(x) for x in q.vertices[0]] for q in U])
    B = np.array([[float(x) for x in q.vertices[1]] for q in U])
    C = np.array([[float(x) for x in q.vertices[0]] for q in S])
    D = np.array([[float(x) for x in q.vertices[1]] for q in S])
    d1, d2 = (B - A)[:, None, :], (D - C)[None, :, :]
    w = C[None, :, :] - A[:, None, :]
    den = _cross2(d1, d2)
    with np.errstate(divide="ignore", invalid="ignore"):
        s = _cross2(w, d2) / den
        u = _cross2(w, d1) / den
        sin = np.abs(den) / (np.linalg.norm(d1, axis=2) * np.linalg.norm(d2, axis=2))
    ok = np.isfinite(s) & np.isfinite(u) & (s > 1e-9) & (s < 1 - 1e-9) & (u > 1e-9) & (u < 1 - 1e-9) & (sin > 1e-6)
    out = []
    pf = np.array([float(x) for x in p])
    for i, j in zip(*np.nonzero(ok)):
        q = A[i] + s[i, j] * (B[i] - A[i])
        if np.linalg.norm(q - pf) < 1e-6:
            continue
        gen = len(U[i].itinerary) + len(S[j].itinerary)
        out.append((gen, -float(sin[i, j]), int(i), int(j), float(s[i, j]), float(u[i, j])))
    out.sort()
    return out
