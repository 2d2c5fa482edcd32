"""Certificates of the planar claims for dx/dt = W s(x), W = [[0, w], [-w, 0]] (MATH §5.5, §5.6).

- periodic orbits: every nonzero orbit (g coercive), or the orbit through x0 with G(x0) < gamma;
- an escaping orbit: x0 with G(x0) > gamma (s odd, t s(t) > 0, g bounded by gamma);
- the period of the orbit through (A, 0): T = 8 tau with tau = integral_0^a du / (|w| s(x(u))),
  g(x(u)) = g(A) - g(u), 2 g(a) = g(A). The witness brackets a and x(u) on a grid of 2N + 1 points
  (float root finding, then checked with Arb); the claimed range is the Arb enclosure of the midpoint
  rule plus its h^3/24 f'' term, widened by twice its own radius so that the kernel's interval
  evaluation of the same sum falls inside.
Fails (reason, no certificate) when the model is not planar or the activation lacks a closed form.
Reference: proofs/README.md §6.5.
"""

from __future__ import annotations

from fractions import Fraction

import flint
import mpmath
import numpy as np
from scipy.optimize import brentq

from ..models.ctrnn import CTRNNModel
from ..rationals import fmt
from .ctrnn_common import Attempt, arb_of, arb_precision, ctrnn_certificate, rational_above, rational_below, vec
from .ctrnn_symbolic import activation_facts, functions


def planar_w(model: CTRNNModel) -> Fraction | None:
    """|w| if the model is dx/dt = w J s(x) with w != 0 (b = 0, form W*s(x)), else None."""
    W = model.W
    if model.dim != 2 or any(model.b) or model.form != "W*s(x)":
        return None
    if W[0][0] or W[1][1] or W[1][0] != -W[0][1] or not W[0][1]:
        return None
    return abs(W[0][1])


def certify_periodic(model: CTRNNModel, x0=None) -> Attempt:
    """Every nonzero orbit is periodic (g coercive) or the orbit through x0 is (G(x0) < gamma)."""
    facts = activation_facts(model)
    if planar_w(model) is None:
        return Attempt(reason="periodic orbits are certified for planar models dx/dt = w J s(x) only")
    if facts.sign is False:
        return Attempt(
            reason=f"t s(t) > 0 fails (s vanishes at {facts.zeros}): level sets of G are not "
            "closed curves around a single equilibrium"
        )
    if facts.coercive:
        return Attempt(
            [
                ctrnn_certificate(
                    model,
                    "ctrnn-periodic-orbits",
                    {"scope": "all"},
                    {},
                    "every orbit other than the origin is periodic",
                )
            ]
        )
    if x0 is None:
        return Attempt(reason="g is not known to be coercive; give a point x0 to certify its orbit")
    statement = (
        f"the orbit through ({', '.join(fmt(x) for x in x0)}) is periodic: G(x0) < {facts.integral_plus}, "
        "so its level set is a closed curve around the origin"
    )
    return Attempt(
        [
            ctrnn_certificate(
                model, "ctrnn-periodic-orbits", {"scope": "through", "x0": vec(x0)}, {"precision_bits": 64}, statement
            )
        ]
    )


def escape_candidate(model: CTRNNModel) -> list[Fraction] | None:
    """A diagonal point (c, c), c in 1/2, 1, 3/2, ..., with G >= 1.5 gamma (float check), or None."""
    gamma = activation_facts(model).gamma
    if gamma is None or planar_w(model) is None:
        return None
    g = functions(model, "float")[1]
    for k in range(1, 41):
        c = k / 2
        if 2 * float(g(c)) >= 1.5 * gamma:
            return [Fraction(k, 2)] * 2
    return None


def certify_escape(model: CTRNNModel, x0) -> Attempt:
    """The orbit from x0 is unbounded (G(x0) > gamma with s odd, t s(t) > 0, g < gamma)."""
    statement = f"the orbit from ({', '.join(fmt(x) for x in x0)}) is unbounded (some coordinate tends to infinity)"
    return Attempt(
        [ctrnn_certificate(model, "ctrnn-orbit-escapes", {"x0": vec(x0)}, {"precision_bits": 64}, statement)]
    )


def certify_period(model: CTRNNModel, A, cells: int = 200, bits: int = 100) -> Attempt:
    """An enclosure of the minimal period of the orbit through (A, 0)."""
    w = planar_w(model)
    facts = activation_facts(model)
    if w is None or not facts.odd or not facts.sign:
        return Attempt(reason="the period enclosure needs a planar model with s odd and t s(t) > 0")
    A = Fraction(A)
    try:
        sf, gf, _, _ = functions(model, "float")
    except ValueError as e:
        return Attempt(reason=f"the period enclosure needs a smooth s with a closed-form g: {e}")
    gA = float(gf(float(A)))
    if facts.gamma is not None and gA >= facts.gamma:
        return Attempt(reason=f"G(A, 0) = {gA:.6g} >= {facts.gamma}: the orbit is not closed")
    a = brentq(lambda t: 2 * gf(t) - gA, 0.0, float(A), xtol=1e-15, rtol=1e-15)
    gm = functions(model, "mpmath")[1]
    with mpmath.workdps(40):
        a = mpmath.findroot(lambda t: 2 * gm(t) - gm(mpmath.mpf(A.numerator) / A.denominator), a)
        eps = mpmath.mpf(10) ** -25
        a_lo, a_hi = _short(_frac(a * (1 - eps)), 100), _short(_frac(a * (1 + eps)), 100)
    rho = Fraction(1, 2**60)
    for _ in range(4):  # Arb balls overestimate on wide cells: refine until the enclosure is tight
        pts = [a_lo * Fraction(j, 2 * cells) for j in range(2 * cells + 1)]
        xs = _level_points(gf, gm, A, pts, float(a))
        with arb_precision(bits):
            T = _period_arb(model, w, A, a_lo, a_hi, pts, xs, rho)
        if T.is_finite() and T.rad() < 1e-5 * abs(T.mid()):
            break
        cells *= 2
    else:
        return Attempt(reason=f"no tight enclosure of the period with up to {cells // 2} cells")
    lo = rational_below(T - 2 * flint.arb(T.rad()), 15)
    hi = rational_above(T + 2 * flint.arb(T.rad()), 15)
    statement = (
        f"the orbit through ({fmt(A)}, 0) is periodic with minimal period T in [{float(lo):.9g}, {float(hi):.9g}]"
    )
    cert = ctrnn_certificate(
        model,
        "ctrnn-period-enclosure",
        {"x0": vec([A, 0]), "period": vec([lo, hi])},
        {"precision_bits": bits, "a": vec([a_lo, a_hi]), "cells": cells, "x_values": vec(xs), "radius": fmt(rho)},
        statement,
    )
    return Attempt([cert], info={"A": fmt(A), "period": [fmt(lo), fmt(hi)], "period_float": [float(lo), float(hi)]})


def _level_points(gf, gm, A: Fraction, pts, a: float) -> list[Fraction]:
    """x(u) with g(x(u)) = g(A) - g(u) at each u: float bisection, then Newton at 40 digits."""
    out = []
    with mpmath.workdps(40):
        gA = gm(mpmath.mpf(A.numerator) / A.denominator)
        for p in pts:
            level = gA - gm(mpmath.mpf(p.numerator) / p.denominator)
            guess = brentq(lambda t, lv=float(level): gf(t) - lv, a * (1 - 1e-9), float(A) * (1 + 1e-12), xtol=1e-15)
            out.append(_short(_frac(mpmath.findroot(lambda t, lv=level: gm(t) - lv, guess)), 100))
    return out


def _frac(m) -> Fraction:
    """The exact value of an mpmath mpf."""
    sign, man, exp, _ = m._mpf_
    return (-1) ** sign * Fraction(int(man)) * Fraction(2) ** int(exp)


def _short(q: Fraction, bits: int) -> Fraction:
    return Fraction(round(q * 2**bits), 2**bits)


def _period_arb(model, w, A, a_lo, a_hi, pts, xs, rho):
    """The enclosure of T = 8 tau in Arb (same mathematics as the kernel, independent arithmetic)."""
    s, g, ds, d2s = functions(model, "arb")
    ball = lambda lo, hi: arb_of(lo).union(arb_of(hi))
    gA = g(arb_of(A))
    if not (2 * g(arb_of(a_lo)) <= gA and 2 * g(arb_of(a_hi)) >= gA):
        raise ArithmeticError("the bracket of a could not be confirmed")
    for p, c in zip(pts, xs):
        level = gA - g(arb_of(p))
        if not (g(arb_of(c - rho)) <= level and g(arb_of(c + rho)) >= level):
            raise ArithmeticError(f"the bracket of x({float(p)}) could not be confirmed")
    wa, n = arb_of(w), (len(pts) - 1) // 2
    h = arb_of(a_lo / n)
    tau = flint.arb(0)
    for k in range(n):
        Xc, U = ball(xs[2 * k + 2] - rho, xs[2 * k] + rho), ball(pts[2 * k], pts[2 * k + 2])
        sX, sU = s(Xc), s(U)
        f2 = (-d2s(Xc) * sU**2 / sX**4 + ds(Xc) * ds(U) / sX**3 + 3 * ds(Xc) ** 2 * sU**2 / sX**5) / wa
        tau += h / (wa * s(ball(xs[2 * k + 1] - rho, xs[2 * k + 1] + rho))) + h**3 / 24 * f2
    tail = arb_of(a_hi - a_lo) / (wa * s(ball(a_lo, xs[-1] + rho)))
    tau += flint.arb(0).union(tail)
    return 8 * tau


def period_estimate(model: CTRNNModel, A: float, t_max: float = 1e4) -> float:
    """A float estimate of the period (scipy ODE integration to the first return); for tests/plots only."""
    from scipy.integrate import solve_ivp

    sf = functions(model, "float")[0]
    W = model.W_float

    def rhs(_, x):
        return W @ np.array([sf(x[0]), sf(x[1])], dtype=float)

    def back(_, x):
        return x[1]

    back.direction, back.terminal = -1.0, True
    sol = solve_ivp(
        rhs,
        (1e-9, t_max),
        solve_ivp(rhs, (0, 1e-9), [A, 0.0], rtol=1e-13, atol=1e-13).y[:, -1],
        events=back,
        rtol=1e-12,
        atol=1e-12,
        method="DOP853",
    )
    return float(sol.t_events[0][0])
