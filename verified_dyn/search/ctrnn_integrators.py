"""Untrusted float integrators for dx/dt = W s(x) + b (or s(W x) + b): forward Euler, RK4, implicit
midpoint and the average-vector-field (AVF, discrete gradient) method (MATH §5.8).

Proposes trajectories for pictures, drift measurements and the Lyapunov estimate; proves nothing.
Cost per step: one (Euler), four (RK4) or a few fixed-point sweeps (implicit midpoint, AVF) of a
matrix-vector product, O(n^2). The named activations (and x exp(-x^2)) run in numba kernels; any
other formula runs in the plain-Python twin (numpy, lambdified by sympy), which is also the reference
the numba kernels are tested against.

AVF: x' = x + h (W gbar + b), gbar_i = (g(x'_i) - g(x_i)) / (x'_i - x_i) (s at the midpoint when the
two are within 1e-6), solved by fixed-point iteration. With W skew and b = -W c it keeps G - c^T x
constant up to round-off for every h, as long as the iteration converges (h |W| sup s' < 1 suffices);
otherwise the run stops and reports it (how it can miss: large h).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit

CODES = {
    "tanh(x)": 0,
    "x/(1+Abs(x))": 1,
    "x": 2,
    "Max(-1,Min(1,x))": 3,
    "1/(1+exp(-x))": 4,
    "Max(0,x)": 5,
    "Max(0,tanh(x))": 6,
    "sin(x)": 7,
    "x*exp(-x**2)": 8,
}
METHODS = {"euler": 0, "rk4": 1, "midpoint": 2, "avf": 3}
LN2 = float(np.log(2.0))


@njit(cache=True)
def act(code, x):
    if code == 0:
        return np.tanh(x)
    if code == 1:
        return x / (1.0 + abs(x))
    if code == 2:
        return x
    if code == 3:
        return max(-1.0, min(1.0, x))
    if code == 4:
        return 1.0 / (1.0 + np.exp(-x))
    if code == 5:
        return max(0.0, x)
    if code == 6:
        return max(0.0, np.tanh(x))
    if code == 7:
        return np.sin(x)
    return x * np.exp(-x * x)


@njit(cache=True)
def antider(code, x):
    """g(x) = integral_0^x s."""
    a = abs(x)
    if code == 0:
        return a + np.log1p(np.exp(-2.0 * a)) - LN2
    if code == 1:
        return a - np.log1p(a)
    if code == 2:
        return 0.5 * x * x
    if code == 3:
        return 0.5 * x * x if a <= 1.0 else a - 0.5
    if code == 4:
        return max(x, 0.0) + np.log1p(np.exp(-a)) - LN2
    if code == 5:
        return 0.5 * x * x if x > 0 else 0.0
    if code == 6:
        return a + np.log1p(np.exp(-2.0 * a)) - LN2 if x > 0 else 0.0
    if code == 7:
        return 1.0 - np.cos(x)
    return -0.5 * np.expm1(-x * x)


@njit(cache=True)
def deriv(code, x):
    """s'(x) (one-sided where s has a kink)."""
    if code == 0 or code == 6:
        t = np.tanh(x)
        return 0.0 if (code == 6 and x <= 0) else 1.0 - t * t
    if code == 1:
        return 1.0 / (1.0 + abs(x)) ** 2
    if code == 2:
        return 1.0
    if code == 3:
        return 1.0 if abs(x) < 1.0 else 0.0
    if code == 4:
        e = 1.0 / (1.0 + np.exp(-x))
        return e * (1.0 - e)
    if code == 5:
        return 1.0 if x > 0 else 0.0
    if code == 7:
        return np.cos(x)
    return (1.0 - 2.0 * x * x) * np.exp(-x * x)


@njit(cache=True)
def field(code, form, W, b, x, out):
    n = x.shape[0]
    if form == 0:
        sx = np.empty(n)
        for i in range(n):
            sx[i] = act(code, x[i])
        out[:] = W @ sx + b
    else:
        y = W @ x
        for i in range(n):
            out[i] = act(code, y[i]) + b[i]


@njit(cache=True)
def _implicit(method, code, W, b, x, h, y):
    """Fixed-point solve of the midpoint (method 2) or AVF (method 3) step; False if no convergence."""
    n = x.shape[0]
    z = np.empty(n)
    field(code, 0, W, b, x, z)
    y[:] = x + h * z
    q = np.empty(n)
    prev = np.inf
    for _ in range(100):
        for i in range(n):
            d = y[i] - x[i]
            if method == 2 or abs(d) < 1e-6:
                q[i] = act(code, 0.5 * (x[i] + y[i]))
            elif code == 0:  # log cosh(y) - log cosh(x) = log(cosh d + tanh(x) sinh d), accurate for small d
                q[i] = np.log1p(2.0 * np.sinh(0.5 * d) ** 2 + np.tanh(x[i]) * np.sinh(d)) / d
            else:
                q[i] = (antider(code, y[i]) - antider(code, x[i])) / d
        z = x + h * (W @ q + b)
        err = np.max(np.abs(z - y))
        y[:] = z
        tol = 1e-15 * (1.0 + np.max(np.abs(y)))
        if err <= tol or (err >= prev and err <= 1e3 * tol):  # converged, or stalled at round-off
            return True
        prev = err
    return False


@njit(cache=True)
def run(method, code, form, W, b, x0, h, steps, stride):
    """States every ``stride`` steps (row 0 is x0); rows after a failure or overflow are NaN."""
    n = x0.shape[0]
    out = np.full((steps // stride + 1, n), np.nan)
    x = x0.copy()
    out[0] = x
    k1, k2, k3, k4, y = np.empty(n), np.empty(n), np.empty(n), np.empty(n), np.empty(n)
    for k in range(1, steps + 1):
        if method == 0:
            field(code, form, W, b, x, k1)
            x = x + h * k1
        elif method == 1:
            field(code, form, W, b, x, k1)
            field(code, form, W, b, x + 0.5 * h * k1, k2)
            field(code, form, W, b, x + 0.5 * h * k2, k3)
            field(code, form, W, b, x + h * k3, k4)
            x = x + (h / 6.0) * (k1 + 2.0 * k2 + 2.0 * k3 + k4)
        else:
            if not _implicit(method, code, W, b, x, h, y):
                return out
            x = y.copy()
        if not np.all(np.isfinite(x)):
            return out
        if k % stride == 0:
            out[k // stride] = x
    return out


@njit(cache=True)
def energy(code, xs):
    """G(x) = sum_i g(x_i) for every row."""
    out = np.empty(xs.shape[0])
    for r in range(xs.shape[0]):
        acc = 0.0
        for i in range(xs.shape[1]):
            acc += antider(code, xs[r, i])
        out[r] = acc
    return out


# ---- the plain-Python twin (any formula) ---------------------------------------------------
def numpy_functions(model):
    """(s, g) of the model's activation as numpy functions (g None without a closed form)."""
    import sympy

    x = sympy.Symbol("x", real=True)
    s = sympy.lambdify(x, model.sympy_activation(x), modules="numpy")
    g_expr = model.sympy_antiderivative(x)
    g = None if g_expr.has(sympy.Integral) else sympy.lambdify(x, g_expr, modules="numpy")
    return (lambda v: np.asarray(s(v), dtype=float) * np.ones_like(v)), (
        None if g is None else (lambda v: np.asarray(g(v), dtype=float) * np.ones_like(v))
    )


def run_python(method, s, g, form, W, b, x0, h, steps, stride):
    """The same integrators in plain numpy (the twin of :func:`run`)."""

    def f(v):
        return W @ s(v) + b if form == 0 else s(W @ v) + b

    out = np.full((steps // stride + 1, len(x0)), np.nan)
    x = np.array(x0, dtype=float)
    out[0] = x
    for k in range(1, steps + 1):
        if method == 0:
            x = x + h * f(x)
        elif method == 1:
            a1 = f(x)
            a2 = f(x + 0.5 * h * a1)
            a3 = f(x + 0.5 * h * a2)
            x = x + h / 6 * (a1 + 2 * a2 + 2 * a3 + f(x + h * a3))
        else:
            y, prev = x + h * f(x), np.inf
            for _ in range(100):
                d = y - x
                small = np.abs(d) < 1e-6
                q = (
                    s(0.5 * (x + y))
                    if method == 2
                    else np.where(small, s(0.5 * (x + y)), (g(y) - g(x)) / np.where(small, 1.0, d))
                )
                z = x + h * (W @ q + b)
                err, tol = np.max(np.abs(z - y)), 1e-15 * (1 + np.max(np.abs(z)))
                y = z
                if err <= tol or (err >= prev and err <= 1e3 * tol):
                    break
                prev = err
            else:
                return out
            x = y
        if not np.all(np.isfinite(x)):
            return out
        if k % stride == 0:
            out[k // stride] = x
    return out


@dataclass
class Trajectory:
    """A float trajectory: times, states, G along it (NaN where unknown), and how it was made."""

    t: np.ndarray
    x: np.ndarray
    G: np.ndarray
    method: str
    h: float
    engine: str


def code_of(model) -> int | None:
    return CODES.get(model.formula().replace(" ", ""))


def simulate(model, method: str, h: float, steps: int, x0, stride: int = 1, engine: str = "auto") -> Trajectory:
    """Integrate ``steps`` steps of size h from x0 with ``method`` (euler | rk4 | midpoint | avf)."""
    m = METHODS[method]
    if method == "avf" and model.form != "W*s(x)":
        raise ValueError("the AVF method needs the form W*s(x) (a gradient field W grad G)")
    W, b = np.ascontiguousarray(model.W_float), np.ascontiguousarray(model.b_float)
    x0 = np.ascontiguousarray(np.asarray(x0, dtype=np.float64))
    form = 0 if model.form == "W*s(x)" else 1
    code = code_of(model)
    stride = max(1, int(stride))
    if code is not None and engine != "python":
        xs = run(m, code, form, W, b, x0, float(h), int(steps), stride)
        G = energy(code, xs)
        used = "numba"
    else:
        s, g = numpy_functions(model)
        if method == "avf" and g is None:
            raise ValueError("the AVF method needs a closed form of g = integral of s")
        xs = run_python(m, s, g, form, W, b, x0, float(h), int(steps), stride)
        G = np.sum(g(xs), axis=1) if g is not None else np.full(len(xs), np.nan)
        used = "python"
    return Trajectory(np.arange(len(xs)) * stride * float(h), xs, G, method, float(h), used)
