"""Planar dx/dt = W s(x), W = [[0, w], [-w, 0]]: orbits are periodic / one escapes / T is enclosed.

Proofs/README.md §6.5; MATH §5.5, §5.6.

G(x) = g(x_1) + g(x_2) is conserved. With t s(t) > 0, G grows strictly along every ray from 0, so a
level {G = c} with 0 < c < gamma (gamma = oo for coercive g) is a closed curve free of equilibria:
its orbit is periodic. If s is odd and g is bounded by gamma, an orbit with G(x0) > gamma keeps both
coordinates away from 0, both are then monotone and the orbit is unbounded. The period of the orbit
through (A, 0) is 8 tau, tau = integral_0^a du / (|w| s(x(u))), where g(x(u)) = g(A) - g(u) and
2 g(a) = g(A); the kernel encloses tau with the midpoint rule plus its h^3/24 f'' error term on
cells whose x-ranges the certificate brackets and the kernel verifies through g.
"""
from __future__ import annotations

from fractions import Fraction
from functools import partial
from typing import Any

from ..core.grammar import register
from ..core.intervals import Activation, activation, decide, intervals, iv
from ..core.rat import Malformed, get, parse_int, parse_positive, parse_vec
from ..core.verdict import Fail


MAX_CELLS = 20000


def _planar(ns: Any) -> str:
    m = ns.m
    W = m.W
    if m.n != 2:
        raise Fail(f"n = {m.n}: planar claims need n = 2")
    if W[0][0] != 0 or W[1][1] != 0 or W[1][0] != -W[0][1] or W[0][1] == 0:
        raise Fail(f"W = {[[str(x) for x in r] for r in W]} is not [[0, w], [-w, 0]] with w != 0")
    if any(m.b) or m.form != "W*s(x)":
        raise Fail("planar claims need b = 0 and form 'W*s(x)'")
    return f"W = w J with |w| = {abs(W[0][1])}, b = 0"


def _G(ctx: Any, act: Activation, x: list[Fraction]) -> Any:
    return act.g(ctx, iv(ctx, x[0])) + act.g(ctx, iv(ctx, x[1]))


# ---- ctrnn-orbit-escapes ---------------------------------------------------------------------
def _parse_x0(ns: Any) -> None:
    ns.x0 = parse_vec(get(ns.claim, "x0", "claim"), 2, "claim.x0")


ESCAPE = ("odd", "sign", "gamma", "g")


def _escape_activation(ns: Any) -> str:
    return f"odd, t s(t) > 0, g < gamma = {activation(ns.m, *ESCAPE).gamma} on R"


def _above_sup(ns: Any) -> str:
    ctx, act = intervals(ns.witness), activation(ns.m, *ESCAPE)
    G0 = _G(ctx, act, ns.x0)
    decide(G0 > iv(ctx, act.gamma), f"G(x0) = {G0} > gamma = {act.gamma}")
    return f"G(x0) in {G0} > gamma = {act.gamma}: no coordinate can vanish, the orbit is unbounded"


# ---- ctrnn-periodic-orbits -------------------------------------------------------------------
def _parse_periodic(ns: Any) -> None:
    ns.scope = get(ns.claim, "scope", "claim")
    if ns.scope == "through":
        _parse_x0(ns)
    elif ns.scope != "all":
        raise Malformed(f"claim.scope: expected 'all' or 'through', got {ns.scope!r}")


def _periodic_activation(ns: Any) -> str:
    activation(ns.m, "sign", *(("coercive",) if ns.scope == "all" else ()))
    return "t s(t) > 0 for t != 0" + (", g coercive" if ns.scope == "all" else "")


def _compact_level(ns: Any) -> str:
    if ns.scope == "all":
        return "every level {G = c}, c > 0, is a closed curve around 0"
    if not any(ns.x0):
        raise Fail("x0 = 0 is the equilibrium")
    if activation(ns.m, "sign").coercive:
        return "g coercive: the level of x0 is a closed curve around 0"
    ctx, act = intervals(ns.witness), activation(ns.m, "sign", "gamma", "g")
    G0 = _G(ctx, act, ns.x0)
    decide(G0 < iv(ctx, act.gamma), f"G(x0) = {G0} < gamma = {act.gamma}")
    return f"G(x0) in {G0} < gamma = {act.gamma}: the level of x0 is a closed curve around 0"


# ---- ctrnn-period-enclosure ------------------------------------------------------------------
def _parse_period(ns: Any) -> None:
    _parse_x0(ns)
    if ns.x0[1] != 0 or ns.x0[0] <= 0:
        raise Malformed(f"claim.x0: the enclosure is for x0 = (A, 0) with A > 0, got {ns.x0}")
    ns.T = parse_vec(get(ns.claim, "period", "claim"), 2, "claim.period")
    ns.a = parse_vec(get(ns.witness, "a", "witness"), 2, "witness.a")
    ns.N = parse_int(get(ns.witness, "cells", "witness"), "witness.cells", 1, MAX_CELLS)
    ns.xs = parse_vec(get(ns.witness, "x_values", "witness"), 2 * ns.N + 1, "witness.x_values")
    ns.rho = parse_positive(get(ns.witness, "radius", "witness"), "witness.radius")
    ns.p = [ns.a[0] * Fraction(j, 2 * ns.N) for j in range(2 * ns.N + 1)]


def _prep(ns: Any) -> tuple[Any, Activation, Any]:
    """(interval context, table entry, g(A)) of a period certificate; Undecided if s is unknown."""
    act = activation(ns.m, "odd", "sign", "g", "s", "ds", "d2s")
    if not hasattr(ns, "gA"):
        ns.ctx = intervals(ns.witness)
        ns.gA = act.g(ns.ctx, iv(ns.ctx, ns.x0[0]))
    return ns.ctx, act, ns.gA


def _period_activation(ns: Any) -> str:
    _prep(ns)
    return "odd, t s(t) > 0, twice continuously differentiable on the orbit"


def _closed_level(ns: Any) -> str:
    ctx, act, gA = _prep(ns)
    if not act.coercive:
        decide(gA < iv(ctx, activation(ns.m, "gamma").gamma), f"g(A) = {gA} < gamma = {act.gamma}")
    return f"G(x0) = g(A) in {gA}: the orbit through x0 is periodic"


def _endpoint(ns: Any) -> str:
    lo, hi = ns.a
    if not 0 < lo <= hi < ns.x0[0]:
        raise Fail(f"expected 0 < a_lo <= a_hi < A, got a = [{lo}, {hi}], A = {ns.x0[0]}")
    ctx, act, gA = _prep(ns)
    decide(2 * act.g(ctx, iv(ctx, lo)) <= gA, f"2 g(a_lo) <= g(A) at a_lo = {lo}")
    decide(2 * act.g(ctx, iv(ctx, hi)) >= gA, f"2 g(a_hi) >= g(A) at a_hi = {hi}")
    return f"the turning point a with 2 g(a) = g(A) lies in [{lo}, {hi}]"


def _level_points(ns: Any) -> str:
    ctx, act, gA = _prep(ns)
    g = act.g
    for j, (p, c) in enumerate(zip(ns.p, ns.xs)):
        if c - ns.rho <= 0:
            raise Fail(f"x_values[{j}] - radius = {c - ns.rho} <= 0")
        level = gA - g(ctx, iv(ctx, p))
        decide(g(ctx, iv(ctx, c - ns.rho)) <= level, f"g(x_values[{j}] - radius) <= g(A) - g(u_{j})")
        decide(g(ctx, iv(ctx, c + ns.rho)) >= level, f"g(x_values[{j}] + radius) >= g(A) - g(u_{j})")
    return f"x(u) is bracketed at all {2 * ns.N + 1} points u_j = j a_lo / {2 * ns.N}"


def _hull(ctx: Any, lo: Fraction, hi: Fraction) -> Any:
    if lo > hi:
        raise Fail(f"empty range [{lo}, {hi}]: x_values must decrease")
    return ctx.mpf([iv(ctx, lo).a, iv(ctx, hi).b])


def _period(ns: Any) -> str:
    ctx, act, _ = _prep(ns)
    w = iv(ctx, abs(ns.m.W[0][1]))
    s, ds, d2s = (partial(f, ctx) for f in (act.s, act.ds, act.d2s))
    h, tau = ns.a[0] / ns.N, ctx.mpf(0)
    for k in range(ns.N):
        X = _hull(ctx, ns.xs[2 * k + 2] - ns.rho, ns.xs[2 * k] + ns.rho)
        U = _hull(ctx, ns.p[2 * k], ns.p[2 * k + 2])
        sX, sU, sm = s(X), s(U), s(_hull(ctx, ns.xs[2 * k + 1] - ns.rho, ns.xs[2 * k + 1] + ns.rho))
        decide(sX > 0, f"s > 0 on the x-range of cell {k}")
        f2 = (-d2s(X) * sU ** 2 / sX ** 4 + ds(X) * ds(U) / sX ** 3 + 3 * ds(X) ** 2 * sU ** 2 / sX ** 5) / w
        tau += iv(ctx, h) / (w * sm) + iv(ctx, h ** 3 / 24) * f2
    s_end = s(_hull(ctx, ns.a[0], ns.xs[-1] + ns.rho))
    decide(s_end > 0, "s > 0 on the x-range of the last piece [a_lo, a]")
    tau += ctx.mpf([0, (iv(ctx, ns.a[1] - ns.a[0]) / (w * s_end)).b])
    T = 8 * tau
    decide(iv(ctx, ns.T[0]) <= T, f"T_lo = {ns.T[0]} <= computed enclosure {T}")
    decide(T <= iv(ctx, ns.T[1]), f"computed enclosure {T} <= T_hi = {ns.T[1]}")
    return f"T = 8 tau in {T} (midpoint rule on {ns.N} cells with the f'' error term)"


for _type, (_parse, _checks) in {
    "ctrnn-orbit-escapes": (_parse_x0,
                            {"planar": _planar, "activation": _escape_activation,
                             "level-above-sup": _above_sup}),
    "ctrnn-periodic-orbits": (_parse_periodic,
                              {"planar": _planar, "activation": _periodic_activation,
                               "compact-level": _compact_level}),
    "ctrnn-period-enclosure": (_parse_period,
                               {"planar": _planar, "activation": _period_activation,
                                "closed-level": _closed_level, "endpoint": _endpoint,
                                "level-points": _level_points, "period": _period}),
}.items():
    register(_type, _parse, _checks, "ctrnn")
