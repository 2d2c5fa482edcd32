"""Baselines measured in the same run as verified-dyn (benchmarks only, never used by the package).

- ``numpy_exhaustive``: a straightforward enumerator: every word over the region patterns of each
  length k (no rotation classes, no pruning), solve (I − P) z = c with numpy, keep solutions whose
  orbit visits the word's regions, deduplicate by rounding (as float tools do).
- the numpy port of the SCYFI loop is the plain-Python twin ``verified_dyn.search.scyfi_py``.
"""

from __future__ import annotations

import itertools

import numpy as np


def numpy_exhaustive(model, max_period: int) -> dict[int, int]:
    f = model.f
    A, W1, W2, h1, h2 = f["A"], f["W1"], f["W2"], f["h1"], f["h2"]
    act = list(model.active_units)
    pats = []
    for bits in itertools.product((0, 1), repeat=len(act)):
        d = np.zeros(model.hidden)
        d[act] = bits
        W1D = W1 * d[None, :]
        pats.append((A + W1D @ W2, h1 + W1D @ h2, d))
    counts = {}
    for k in range(1, max_period + 1):
        found = set()
        for word in itertools.product(range(len(pats)), repeat=k):
            P, c = np.eye(model.dim), np.zeros(model.dim)
            for i in word:
                M, cd, _ = pats[i]
                P, c = M @ P, M @ c + cd
            try:
                z = np.linalg.solve(np.eye(model.dim) - P, c)
            except np.linalg.LinAlgError:
                continue
            ok, x = True, z
            for i in word:
                u = W2 @ x + h2
                if np.any((u[act] > 0) != (pats[i][2][act] > 0)):
                    ok = False
                    break
                x = pats[i][0] @ x + pats[i][1]
            if ok:
                orbit, x = [], z
                for i in word:
                    orbit.append(tuple(np.round(x, 6)))
                    x = pats[i][0] @ x + pats[i][1]
                if len(set(orbit)) == k:
                    found.add(frozenset(orbit))
        counts[k] = len(found)
    return counts
