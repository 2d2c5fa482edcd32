"""Exact Farkas certificates of empty polyhedra {z : G z <= g (, E z = e)} (MATH §2, Completeness).

Proposition: if y >= 0 (and w free) satisfy yᵀG (+ wᵀE) = 0 and yᵀg (+ wᵀe) < 0, the polyhedron is empty
(any z in it would give 0 = (yᵀG + wᵀE) z <= yᵀg + wᵀe < 0).

Found with floats (HiGHS, through scipy) and made exact: the LP min t s.t. G z − t·1 <= g has optimum
t* > 0 iff the polyhedron is empty, and its dual optimum is a Farkas vector with Σy = 1; its support
is re-solved exactly (python-flint) and checked exactly. A failure only means "no certificate found":
callers then treat the set as possibly non-empty, which is sound.
"""

from __future__ import annotations

import warnings

import flint
import numpy as np
from scipy.optimize import linprog

from ..rationals import fmpq_mat, from_fmpq


def lp_feasible(G: np.ndarray, g: np.ndarray, E=None, e=None):
    """(status, point, dual): status "feasible" | "empty" | "unknown" from the phase-1 LP in floats."""
    n = G.shape[1] if len(G) else (E.shape[1] if E is not None else 0)
    if len(G) == 0:
        return "feasible", np.zeros(n), None
    scale = np.maximum(np.abs(G).max(axis=1), 1e-300)
    Gs, gs = G / scale[:, None], g / scale
    A = np.hstack([Gs, -np.ones((len(Gs), 1))])
    cost = np.zeros(n + 1)
    cost[-1] = 1.0
    A_eq = None if E is None else np.hstack([E, np.zeros((len(E), 1))])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = linprog(
            cost, A_ub=A, b_ub=gs, A_eq=A_eq, b_eq=e, bounds=[(None, None)] * n + [(-1, None)], method="highs"
        )
    if res.status != 0:
        return ("empty" if res.status == 2 else "unknown"), None, None
    t = res.x[-1]
    if t <= 1e-9:
        return "feasible", res.x[:n], None
    y = -res.ineqlin.marginals / scale
    w = -res.eqlin.marginals if E is not None else None
    return "empty", None, (y, w)


def exact_farkas(Gq: list, gq: list, y_float: np.ndarray, Eq=None, eq=None, w_float=None):
    """Exact (rows, y, w) with y >= 0 on ``rows``, Σ y_r G_r (+ wᵀE) = 0, Σ y_r g_r (+ wᵀe) < 0; or None.

    ``Gq``, ``gq`` (and ``Eq``, ``eq``) are exact rows (lists of fmpq) and right-hand sides."""
    if y_float is None:
        return None
    support = [r for r in np.argsort(-y_float) if y_float[r] > 1e-12 * max(y_float.max(), 1e-300)]
    n = len(Gq[0]) if Gq else len(Eq[0])
    m_eq = 0 if Eq is None else len(Eq)
    while support:
        eqs = [[Gq[r][i] for r in support] + [Eq[q][i] for q in range(m_eq)] for i in range(n)]
        eqs.append([flint.fmpq(1)] * len(support) + [flint.fmpq(0)] * m_eq)  # Σ y = 1
        B = fmpq_mat(eqs)  # one equation per coordinate, then Σ y = 1
        rhs = fmpq_mat([[0]] * n + [[1]])
        BtB = B.transpose() * B
        if BtB.rank() == BtB.nrows():
            x = BtB.solve(B.transpose() * rhs)
            if B * x == rhs:
                y = [x[i, 0] for i in range(len(support))]
                w = [x[len(support) + q, 0] for q in range(m_eq)]
                value = sum((y[i] * gq[r] for i, r in enumerate(support)), flint.fmpq(0))
                value += sum((w[q] * eq[q] for q in range(m_eq)), flint.fmpq(0))
                if all(v >= 0 for v in y) and value < 0:
                    return [int(r) for r in support], [from_fmpq(v) for v in y], [from_fmpq(v) for v in w]
        support = support[:-1]  # drop the smallest multiplier and try again
    return None
