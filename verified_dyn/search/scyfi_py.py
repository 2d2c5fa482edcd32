"""Plain-Python twin of :mod:`.scyfi` (same algorithm, numpy without numba), used by tests to check
the compiled kernel: given the same starts it must return the same itineraries and points."""

from __future__ import annotations

import numpy as np


def cycle_point(A, W1, W2, h1, h2, itinerary):
    m = A.shape[0]
    P, c = np.eye(m), np.zeros(m)
    for bits in itinerary:
        W1D = W1 * bits.astype(np.float64)[None, :]
        M, cd = A + W1D @ W2, h1 + W1D @ h2
        P, c = M @ P, M @ c + cd
    ImP = np.eye(m) - P
    if not (np.all(np.isfinite(ImP)) and np.all(np.isfinite(c))) or abs(np.linalg.det(ImP)) < 1e-300:
        return None
    z = np.linalg.solve(ImP, c)
    return z if np.all(np.isfinite(z)) else None


def visited(A, W1, W2, h1, h2, z, k):
    out = np.zeros((k, W2.shape[0]), dtype=np.uint8)
    for j in range(k):
        u = W2 @ z + h2
        out[j] = u > 0
        z = A @ z + W1 @ np.maximum(u, 0.0) + h1
    return out


def scyfi_batch(A, W1, W2, h1, h2, starts, points, burn_in, max_inner):
    n, k, h = starts.shape
    found = np.zeros(n, dtype=bool)
    itins = np.zeros((n, k, h), dtype=np.uint8)
    zs = np.zeros((n, A.shape[0]))
    for r in range(n):
        itin = starts[r].copy()
        if burn_in[r] >= 0:
            z = points[r].copy()
            for _ in range(burn_in[r]):
                z = A @ z + W1 @ np.maximum(W2 @ z + h2, 0.0) + h1
            if np.all(np.isfinite(z)):
                itin = visited(A, W1, W2, h1, h2, z, k)
        for _ in range(max_inner):
            z = cycle_point(A, W1, W2, h1, h2, itin)
            if z is None:
                break
            new = visited(A, W1, W2, h1, h2, z, k)
            if np.array_equal(new, itin):
                found[r], itins[r], zs[r] = True, itin, z
                break
            itin = new
    return found, itins, zs
