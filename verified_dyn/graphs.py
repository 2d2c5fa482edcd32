"""Covering graphs in floats: the strongly connected component of largest spectral radius and an
integer Perron vector. Untrusted helpers shared by the horseshoe search (ranking proposals) and the
covering certifier (choosing a witness vector whose exact Collatz-Wielandt ratio is then computed and,
in the end, checked by the kernel).
"""

from __future__ import annotations

import numpy as np
from scipy.sparse.csgraph import connected_components


def best_component(T: np.ndarray) -> tuple[list[int], float]:
    """The strongly connected component of the 0/1 matrix T with the largest spectral radius."""
    k, labels = connected_components(T.astype(np.int8), directed=True, connection="strong")
    best, rho = [], 0.0
    for c in range(k):
        idx = np.flatnonzero(labels == c)
        sub = T[np.ix_(idx, idx)].astype(float)
        if not sub.any():
            continue
        r = float(np.max(np.abs(np.linalg.eigvals(sub)))) if len(idx) <= 600 else _power(sub)
        if r > rho:
            best, rho = [int(i) for i in idx], r
    return best, rho


def _power(T: np.ndarray, iters: int = 500) -> float:
    x = np.ones(len(T))
    r = 0.0
    for _ in range(iters):
        y = T @ x
        r = float(y.max() / x.max())
        x = y / y.max()
    return r


def perron_vector(T: np.ndarray, scale: float = 1000.0) -> list[int]:
    """A positive integer approximation (least entry about `scale`) of the Perron vector of an
    irreducible 0/1 matrix T."""
    w, V = np.linalg.eig(T.astype(float))
    x = np.abs(np.real(V[:, int(np.argmax(np.abs(w)))]))
    x = np.maximum(x, x.max() * 1e-12)
    return [int(round(scale * xi / x.min())) for xi in x]
