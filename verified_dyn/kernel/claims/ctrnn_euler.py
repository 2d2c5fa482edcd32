"""Forward Euler x_{k+1} = x_k + h W s(x_k), skew W: G(x_k) <= G(x_0) + k C, or exact growth, or enclosure.

Proofs/README.md §6.6; MATH §5.8.

- `ctrnn-euler-energy-bound`: for every x, 0 <= G(x + h W s(x)) - G(x) <= (h^2/2) L |W s(x)|^2
  <= C = (h^2/2) L sigma^2 sum_i (sum_j |W_ij|)^2 (strictly positive when W s(x) != 0 if s is strictly
  increasing), so G(x_k) <= G(x_0) + k C. Each term g(x_i + d_i) - g(x_i) - s(x_i) d_i is a Bregman
  divergence of the convex g with L-Lipschitz g' = s, hence in [0, L d_i^2 / 2], and
  sum_i s(x_i) d_i = h s^T W s = 0.
- `ctrnn-euler-linear-growth`: s(x) = x and (I + hW)^T (I + hW) = c I exactly, so
  |x_k|^2 = c^k |x_0|^2 for every x_0 and k.
- `ctrnn-euler-trajectory`: interval enclosures of the exact Euler iterates from x0 for K steps;
  every step has 0 < G(x_{k+1}) - G(x_k) <= (h^2/2) L |W s(x_k)|^2, and G(x_K) lies in the claimed range.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..core.grammar import register
from ..core.intervals import TABLE, Activation, activation, decide, intervals, iv
from ..core.model import need_skew, need_zero_bias
from ..core.rat import get, parse_bool, parse_int, parse_positive, parse_vec
from ..core.verdict import Fail


MAX_STEPS = 200000


def _parse_h(ns: Any) -> None:
    ns.h = parse_positive(get(ns.claim, "h", "claim"), "claim.h")


# ---- ctrnn-euler-energy-bound ----------------------------------------------------------------
def _parse_energy(ns: Any) -> None:
    _parse_h(ns)
    ns.C = parse_vec([get(ns.claim, "C", "claim")], 1, "claim.C")[0]
    ns.strict = parse_bool(get(ns.claim, "strict", "claim"), "claim.strict")


def _energy_act(ns: Any) -> Activation:
    return activation(ns.m, "convex", "lip", "bound", *(("strict",) if ns.strict else ()))


def _convex_activation(ns: Any) -> str:
    act = _energy_act(ns)
    return f"s nondecreasing{' strictly' if ns.strict else ''}, |s'| <= {act.lip}, |s| <= {act.bound}"


def _constant(ns: Any) -> str:
    B = sum((sum((abs(x) for x in row), Fraction(0)) ** 2 for row in ns.m.W), Fraction(0))
    act = _energy_act(ns)
    C = ns.h ** 2 / 2 * act.lip * act.bound ** 2 * B
    if C != ns.C:
        raise Fail(f"(h^2/2) L sigma^2 sum_i (sum_j |W_ij|)^2 = {C} != claimed C = {ns.C}")
    return f"C = {C}: G(x_k) <= G(x_0) + {C} k"


# ---- ctrnn-euler-linear-growth ---------------------------------------------------------------
def _parse_linear(ns: Any) -> None:
    _parse_h(ns)
    ns.c = parse_vec([get(ns.claim, "c", "claim")], 1, "claim.c")[0]


def _linear(ns: Any) -> str:
    if activation(ns.m) is not TABLE["x"]:
        raise Fail(f"activation {ns.m.activation} is not the linear one s(x) = x")
    return "s(x) = x: the Euler map is x -> (I + hW) x"


def _isometry_factor(ns: Any) -> str:
    n, W, h = ns.m.n, ns.m.W, ns.h
    A = [[Fraction(int(i == j)) + h * W[i][j] for j in range(n)] for i in range(n)]
    for i in range(n):
        for j in range(n):
            v = sum((A[k][i] * A[k][j] for k in range(n)), Fraction(0))
            if v != (ns.c if i == j else 0):
                raise Fail(f"((I + hW)^T (I + hW))[{i}][{j}] = {v}, expected {ns.c if i == j else 0}")
    return f"(I + hW)^T (I + hW) = {ns.c} I: |x_k|^2 = {ns.c}^k |x_0|^2"


# ---- ctrnn-euler-trajectory ------------------------------------------------------------------
def _parse_trajectory(ns: Any) -> None:
    _parse_h(ns)
    ns.x0 = parse_vec(get(ns.claim, "x0", "claim"), ns.m.n, "claim.x0")
    ns.K = parse_int(get(ns.claim, "steps", "claim"), "claim.steps", 1, MAX_STEPS)
    ns.G = parse_vec(get(ns.claim, "G_final", "claim"), 2, "claim.G_final")


TRAJECTORY = ("convex", "strict", "lip", "s", "g")


def _trajectory_activation(ns: Any) -> str:
    return f"s strictly increasing, |s'| <= {activation(ns.m, *TRAJECTORY).lip}, interval s and g known"


def _trajectory(ns: Any) -> str:
    ctx, act, n = intervals(ns.witness), activation(ns.m, *TRAJECTORY), ns.m.n
    W = [[iv(ctx, x) for x in row] for row in ns.m.W]
    h, half = iv(ctx, ns.h), iv(ctx, ns.h ** 2 / 2 * act.lip)
    X = [iv(ctx, x) for x in ns.x0]
    G = sum((act.g(ctx, x) for x in X), ctx.mpf(0))
    for k in range(ns.K):
        S = [act.s(ctx, x) for x in X]
        F = [sum((W[i][j] * S[j] for j in range(n)), ctx.mpf(0)) for i in range(n)]
        X = [x + h * f for x, f in zip(X, F)]
        G_next = sum((act.g(ctx, x) for x in X), ctx.mpf(0))
        d = G_next - G
        decide(d > 0, f"G increases at step {k}: dG in {d}")
        decide(d <= half * sum((f ** 2 for f in F), ctx.mpf(0)), f"dG <= (h^2/2) L |W s|^2 at step {k}")
        G = G_next
    decide(iv(ctx, ns.G[0]) <= G, f"G_final lower bound {ns.G[0]} <= enclosure {G}")
    decide(G <= iv(ctx, ns.G[1]), f"enclosure {G} <= G_final upper bound {ns.G[1]}")
    return f"{ns.K} steps: G increases at each, within the bound; G(x_K) in {G}"


for _type, (_parse, _checks) in {
    "ctrnn-euler-energy-bound": (_parse_energy,
                                 {"skew": lambda ns: need_skew(ns.m), "zero-bias": lambda ns: need_zero_bias(ns.m),
                                  "activation": _convex_activation, "constant": _constant}),
    "ctrnn-euler-linear-growth": (_parse_linear,
                                  {"linear": _linear, "zero-bias": lambda ns: need_zero_bias(ns.m, None),
                                   "isometry-factor": _isometry_factor}),
    "ctrnn-euler-trajectory": (_parse_trajectory,
                               {"skew": lambda ns: need_skew(ns.m), "zero-bias": lambda ns: need_zero_bias(ns.m),
                                "activation": _trajectory_activation, "trajectory": _trajectory}),
}.items():
    register(_type, _parse, _checks, "ctrnn")
