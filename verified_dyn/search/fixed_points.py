"""Fixed-point candidates of every linear region, in floats (numba, parallel over regions).

Proposes, for each pattern over the non-inert units (2^n of them), the solution of (I − M_d) z = c_d
when it lies in its own region up to a relative margin ``tol`` (so points near a switching hyperplane
are proposed too, and the exact certifier decides). Cost: one M×M solve per region. It can miss a
fixed point only if float rounding moves it more than ``tol`` outside its region.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange


@njit(cache=True, parallel=True)
def region_fixed_points(A, W1, W2, h1, h2, active, tol):
    n = active.shape[0]
    m, h = A.shape[0], W2.shape[0]
    count = 1 << n
    hit = np.zeros(count, dtype=np.bool_)
    pts = np.zeros((count, m))
    for r in prange(count):
        bits = np.zeros(h)
        for t in range(n):
            if (r >> (n - 1 - t)) & 1:
                bits[active[t]] = 1.0
        W1D = W1.copy()
        for col in range(h):
            if bits[col] == 0.0:
                W1D[:, col] = 0.0
        M = A + W1D @ W2
        c = h1 + W1D @ h2
        ImM = np.eye(m) - M
        if np.abs(np.linalg.det(ImM)) < 1e-300:
            continue
        z = np.linalg.solve(ImM, c)
        u = W2 @ z + h2
        ok = np.all(np.isfinite(z))
        for t in range(n):
            i = active[t]
            scale = tol * (1.0 + np.abs(W2[i]) @ np.abs(z) + abs(h2[i]))
            if bits[i] > 0 and u[i] < -scale:
                ok = False
            if bits[i] == 0 and u[i] > scale:
                ok = False
        hit[r] = ok
        pts[r] = z
    return hit, pts


def fixed_point_candidates(model, tol: float = 1e-9):
    """[(pattern over all H units, float point)] for every region whose fixed point is (nearly) inside."""
    f = model.f
    active = np.array(model.active_units, dtype=np.int64)
    hit, pts = region_fixed_points(f["A"], f["W1"], f["W2"], f["h1"], f["h2"], active, tol)
    out = []
    n = len(active)
    for r in np.flatnonzero(hit):
        d = [0] * model.hidden
        for t in range(n):
            d[active[t]] = (int(r) >> (n - 1 - t)) & 1
        out.append((tuple(d), pts[r]))
    return out
