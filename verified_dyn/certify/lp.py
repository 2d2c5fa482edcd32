"""A small dense simplex (numba) for the Farkas LP of a polyhedron {z : G z <= g}; floats only.

Solves  min gᵀy  s.t.  Gᵀy = 0, Σy = 1, y >= 0  (the dual of the phase-1 LP min t s.t. G z − t <= g)
with Bland's rule (two phases, artificial columns kept). Optimum < 0: y is a Farkas vector (the
polyhedron is empty, up to rounding). Optimum >= 0: the simplex multipliers give z with
G z <= g − opt, a point with slack. Dual infeasible: some direction d has G d < 0, so the polyhedron
is non-empty. Nothing here is trusted: an "empty" answer is re-proved exactly by
:func:`verified_dyn.certify.farkas.exact_farkas` before anything is pruned.
"""

from __future__ import annotations

import numpy as np
from numba import njit

FEASIBLE, EMPTY, FAILED = 0, 1, 2


@njit(cache=True)
def _pivot(T, basis, r, c):
    T[r, :] /= T[r, c]
    for i in range(T.shape[0]):
        if i != r and T[i, c] != 0.0:
            T[i, :] -= T[i, c] * T[r, :]
    basis[r] = c


@njit(cache=True)
def _simplex(T, basis, ncols, tol, max_iter):
    """Bland's rule on the tableau T (last row = reduced costs, last column = rhs); columns >= ncols
    never enter. Returns False if the iteration limit was hit."""
    rows = T.shape[0] - 1
    for _ in range(max_iter):
        enter = -1
        for j in range(ncols):
            if T[rows, j] < -tol:
                enter = j
                break
        if enter < 0:
            return True
        leave, best = -1, np.inf
        for i in range(rows):
            if T[i, enter] > tol:
                ratio = T[i, -1] / T[i, enter]
                if ratio < best - 1e-15 or (abs(ratio - best) <= 1e-15 and leave >= 0 and basis[i] < basis[leave]):
                    leave, best = i, ratio
        if leave < 0:
            return False  # unbounded: impossible for this LP (its feasible set is a simplex)
        _pivot(T, basis, leave, enter)
    return False


@njit(cache=True)
def farkas_lp(G, g, tol=1e-9):
    """(status, y, z): EMPTY with y >= 0 (Gᵀy ≈ 0, gᵀy < 0), or FEASIBLE with a point z (NaN if none
    was extracted), or FAILED. Rows of G should be scaled to unit size by the caller."""
    m, n = G.shape
    k = n + 1  # equality rows: Gᵀy = 0 (n) and Σy = 1
    T = np.zeros((k + 1, m + k + 1))
    for i in range(n):
        for j in range(m):
            T[i, j] = G[j, i]
    for j in range(m):
        T[n, j] = 1.0
    T[n, -1] = 1.0
    for i in range(k):
        if T[i, -1] < 0:
            T[i, :] = -T[i, :]
        T[i, m + i] = 1.0
    basis = np.empty(k, dtype=np.int64)
    for i in range(k):
        basis[i] = m + i
        T[k, :] -= T[i, :]  # phase I: minimise the sum of artificials
        T[k, m + i] = 0.0
    y = np.zeros(m)
    z = np.full(n, np.nan)
    if not _simplex(T, basis, m, tol, 50 * (m + k)):
        return FAILED, y, z
    if -T[k, -1] > tol:  # no y: some d has G d < 0, the polyhedron is non-empty
        return FEASIBLE, y, z
    for i in range(k):  # drive zero-level artificials out where possible
        if basis[i] >= m:
            for j in range(m):
                if abs(T[i, j]) > tol:
                    _pivot(T, basis, i, j)
                    break
    T[k, :] = 0.0  # phase II: reduced costs of gᵀy
    for j in range(m):
        T[k, j] = g[j]
    for i in range(k):
        if basis[i] < m:
            T[k, :] -= g[basis[i]] * T[i, :]
    if not _simplex(T, basis, m, tol, 50 * (m + k)):
        return FAILED, y, z
    for i in range(k):
        if basis[i] < m:
            y[basis[i]] = T[i, -1]
    value = 0.0
    for j in range(m):
        value += g[j] * y[j]
    if value < -tol:
        return EMPTY, y, z
    for i in range(n):  # multipliers: reduced cost of artificial i is −π_i
        z[i] = -T[k, m + i]
    return FEASIBLE, y, z
