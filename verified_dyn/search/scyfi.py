"""SCYFI-style heuristic search for k-cycles of a PL map, compiled with numba (cache=True).

Proposes candidate periodic orbits by the fixed-point iteration of Eisenmann et al. (NeurIPS 2023):
guess an itinerary, solve (I − P) z = c for it in floats, follow the real map F from z for k steps,
take the itinerary actually visited, repeat until it reproduces itself. Restarts run in parallel
(``prange``); each restart starts from a given itinerary (random bits) or from the orbit of a given
point (after a burn-in), both drawn beforehand by the caller, so runs are reproducible and the
plain-Python twin :mod:`.scyfi_py` gives identical results.

Cost per inner iteration: k products of M×M matrices and one M×M solve. It can miss orbits: a
saddle whose itinerary is never reached by the iteration, or long cycles needing many restarts;
completeness needs the complete enumeration instead. Floats only: nothing here is a proof.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange


@njit(cache=True)
def region_affine(A, W1, W2, h1, h2, bits):
    """(M_d, c_d) in floats for the pattern ``bits``."""
    W1D = W1 * bits.astype(np.float64)[None, :]
    return A + W1D @ W2, h1 + W1D @ h2


@njit(cache=True)
def cycle_point(A, W1, W2, h1, h2, itinerary):
    """Float solution of (I − P) z = c along ``itinerary`` (k × H); ok=False when singular."""
    m = A.shape[0]
    P = np.eye(m)
    c = np.zeros(m)
    for j in range(itinerary.shape[0]):
        M, cd = region_affine(A, W1, W2, h1, h2, itinerary[j])
        P = M @ P
        c = M @ c + cd
    ImP = np.eye(m) - P
    if not (np.all(np.isfinite(ImP)) and np.all(np.isfinite(c))):  # long expanding words overflow
        return np.zeros(m), False
    if np.abs(np.linalg.det(ImP)) < 1e-300:
        return np.zeros(m), False
    z = np.linalg.solve(ImP, c)
    return z, np.all(np.isfinite(z))


@njit(cache=True)
def visited(A, W1, W2, h1, h2, z, k, out):
    """Write the patterns of z, F(z), ..., F^{k-1}(z) into out (k × H); return F^k(z)."""
    for j in range(k):
        u = W2 @ z + h2
        for i in range(u.shape[0]):
            out[j, i] = 1 if u[i] > 0 else 0
        z = A @ z + W1 @ np.maximum(u, 0.0) + h1
    return z


@njit(cache=True)
def one_restart(A, W1, W2, h1, h2, start, max_inner, itin, z_out):
    """Iterate solve-and-jump from itinerary ``start``; True if it reproduced itself."""
    k = start.shape[0]
    itin[:, :] = start
    new = np.empty_like(start)
    for _ in range(max_inner):
        z, ok = cycle_point(A, W1, W2, h1, h2, itin)
        if not ok:
            return False
        visited(A, W1, W2, h1, h2, z, k, new)
        same = True
        for j in range(k):
            for i in range(new.shape[1]):
                if new[j, i] != itin[j, i]:
                    same = False
        if same:
            z_out[:] = z
            return True
        itin[:, :] = new
    return False


@njit(cache=True, parallel=True)
def scyfi_batch(A, W1, W2, h1, h2, starts, points, burn_in, max_inner):
    """Run one restart per row of ``starts`` (R × k × H bits) or of ``points`` (R × M float, used when
    burn_in[r] >= 0: the itinerary visited after burn_in[r] steps). Returns (found, itineraries, z)."""
    n, k, h = starts.shape
    m = A.shape[0]
    found = np.zeros(n, dtype=np.bool_)
    itins = np.zeros((n, k, h), dtype=np.uint8)
    zs = np.zeros((n, m))
    for r in prange(n):
        start = starts[r].copy()
        if burn_in[r] >= 0:
            z = points[r].copy()
            for _ in range(burn_in[r]):
                z = A @ z + W1 @ np.maximum(W2 @ z + h2, 0.0) + h1
            if np.all(np.isfinite(z)):
                visited(A, W1, W2, h1, h2, z, k, start)
        found[r] = one_restart(A, W1, W2, h1, h2, start, max_inner, itins[r], zs[r])
    return found, itins, zs
