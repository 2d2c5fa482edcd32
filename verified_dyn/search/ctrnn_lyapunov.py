"""Untrusted estimate of the largest Lyapunov exponent of dx/dt = W s(x) (Benettin's method).

Proposes a number, proves nothing: RK4 on the state and on one tangent vector v' = W diag(s'(x)) v,
renormalised every step, averaged over [transient, transient + T]. Cost O(n^2) per step. It can
mislead when T is too short (slow convergence, about 1/sqrt(T)) or the orbit is close to a torus
with a tiny exponent; report it as a numerical estimate only (MATH §5.6).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from .ctrnn_integrators import code_of, deriv, field


@njit(cache=True)
def _tangent(code, W, x, v):
    n = x.shape[0]
    d = np.empty(n)
    for i in range(n):
        d[i] = deriv(code, x[i]) * v[i]
    return W @ d


@njit(cache=True)
def _lle(code, W, x0, v0, h, transient, steps):
    n = x0.shape[0]
    b = np.zeros(n)
    x, v = x0.copy(), v0 / np.linalg.norm(v0)
    k1, k2, k3, k4 = np.empty(n), np.empty(n), np.empty(n), np.empty(n)
    acc = 0.0
    for k in range(transient + steps):
        field(code, 0, W, b, x, k1)
        j1 = _tangent(code, W, x, v)
        xa = x + 0.5 * h * k1
        field(code, 0, W, b, xa, k2)
        j2 = _tangent(code, W, xa, v + 0.5 * h * j1)
        xb = x + 0.5 * h * k2
        field(code, 0, W, b, xb, k3)
        j3 = _tangent(code, W, xb, v + 0.5 * h * j2)
        xc = x + h * k3
        field(code, 0, W, b, xc, k4)
        j4 = _tangent(code, W, xc, v + h * j3)
        x = x + (h / 6.0) * (k1 + 2.0 * k2 + 2.0 * k3 + k4)
        v = v + (h / 6.0) * (j1 + 2.0 * j2 + 2.0 * j3 + j4)
        norm = np.linalg.norm(v)
        v = v / norm
        if k >= transient:
            acc += np.log(norm)
    return acc / (steps * h)


def largest_lyapunov(model, x0, h: float = 0.05, t: float = 2000.0, transient: float = 100.0, seed: int = 0) -> float:
    """A numerical estimate of the largest Lyapunov exponent along the orbit of x0 (form W*s(x), b = 0)."""
    code = code_of(model)
    if code is None or model.form != "W*s(x)" or np.any(model.b_float):
        raise ValueError("the Lyapunov estimate is implemented for named activations, form W*s(x), b = 0")
    v0 = np.random.default_rng(seed).standard_normal(model.dim)
    return float(
        _lle(
            code,
            np.ascontiguousarray(model.W_float),
            np.asarray(x0, dtype=np.float64),
            v0,
            float(h),
            int(transient / h),
            int(t / h),
        )
    )
