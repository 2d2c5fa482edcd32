"""Certificates about forward Euler x_{k+1} = x_k + h W s(x_k) for skew W (MATH §5.8).

- energy bound: for every x, 0 <= G(E x) - G(x) <= (h^2/2) L |W s(x)|^2 <= C, C = (h^2/2) L sigma^2
  sum_i (sum_j |W_ij|)^2 with L = sup |s'|, sigma = sup |s| (sympy finds them; the kernel reads them
  from its own table). Hence G(x_k) <= G(x_0) + k C: at most linear growth.
- linear network: (I + hW)^T (I + hW) = c I exactly (c = 1 + h^2 w^2 for W = w J), so the norm grows
  like c^{k/2}: exponentially.
- a trajectory: K exact Euler steps from a rational x0 enclosed with Arb balls, G(x_K) enclosed; the
  kernel recomputes with mpmath intervals at the recorded precision and checks every step's increase.
Fails (reason) when W is not skew, b != 0, or the activation lacks the needed property.
Reference: proofs/README.md §6.6.
"""

from __future__ import annotations

import decimal
import math
from fractions import Fraction
from functools import lru_cache

import flint
import sympy
from sympy.calculus.util import maximum

from ..models.ctrnn import CTRNNModel
from ..rationals import fmt
from .ctrnn_common import Attempt, arb_of, arb_precision, ctrnn_certificate, rational_above, rational_below, vec
from .ctrnn_structure import is_skew
from .ctrnn_symbolic import X, functions

# constants of named activations that sympy's maximum() cannot handle (|s'| and s piecewise):
# softsign s' = 1/(1 + |t|)^2 <= 1, |s| < 1; hardtanh s' in {0, 1}, |s| <= 1, flat beyond |t| = 1
NAMED = {"softsign": (Fraction(1), Fraction(1), True, True), "hardtanh": (Fraction(1), Fraction(1), True, False)}


def activation_constants(model: CTRNNModel) -> tuple[Fraction | None, Fraction | None, bool | None, bool | None]:
    """(L = sup |s'|, sigma = sup |s|, s nondecreasing, s strictly increasing) from sympy, on the two
    half-lines apart; None where sympy cannot tell or the value is not rational (or infinite)."""
    if model.activation_name in NAMED:
        return NAMED[model.activation_name]
    return _constants(model.formula())


@lru_cache(maxsize=32)
def _constants(formula: str):
    from ..models.ctrnn import _parse_sympy

    s = _parse_sympy(formula, X)
    p = sympy.Symbol("p", positive=True)
    halves = [s.subs(X, p), -s.subs(X, -p)]  # both increasing in p iff s is increasing
    out = []
    for expr in (lambda e: sympy.diff(e, p), lambda e: e):
        try:
            sup = max(maximum(sympy.Abs(expr(e)), p, sympy.Interval(0, sympy.oo)) for e in halves)
            out.append(Fraction(str(sup)) if sup.is_Rational else None)
        except Exception:
            out.append(None)
    try:
        mins = [sympy.calculus.util.minimum(sympy.diff(e, p), p, sympy.Interval.open(0, sympy.oo)) for e in halves]
        nondecreasing = all(m >= 0 for m in mins)
        strict = nondecreasing and all(
            sympy.solveset(sympy.diff(e, p), p, sympy.Interval.open(0, sympy.oo)) == sympy.S.EmptySet for e in halves
        )
    except Exception:
        nondecreasing = strict = None
    return out[0], out[1], nondecreasing, strict


def row_sum_bound(model: CTRNNModel) -> Fraction:
    """B = sum_i (sum_j |W_ij|)^2, so that |W v|^2 <= sigma^2 B whenever |v_j| <= sigma."""
    return sum((sum((abs(x) for x in row), Fraction(0)) ** 2 for row in model.W), Fraction(0))


def certify_energy_bound(model: CTRNNModel, h) -> Attempt:
    """0 <= dG <= (h^2/2) L |W s|^2 <= C per step, hence G(x_k) <= G(x_0) + k C."""
    h = Fraction(h)
    if not is_skew(model) or any(model.b) or model.form != "W*s(x)":
        return Attempt(reason="the Euler energy bound needs skew W, b = 0 and the form W*s(x)")
    L, sigma, nondecreasing, strict = activation_constants(model)
    if not nondecreasing or L is None or sigma is None:
        return Attempt(
            reason="the bound needs s nondecreasing with sup |s'| and sup |s| finite and rational "
            f"(sympy: L = {L}, sigma = {sigma}, nondecreasing = {nondecreasing})"
        )
    C = h**2 / 2 * L * sigma**2 * row_sum_bound(model)
    statement = (
        f"forward Euler with h = {fmt(h)}: every step increases G by at most {fmt(C)}"
        + (" and by a positive amount off equilibria" if strict else "")
        + f", so G(x_k) <= G(x_0) + {fmt(C)} k"
    )
    cert = ctrnn_certificate(
        model, "ctrnn-euler-energy-bound", {"h": fmt(h), "C": fmt(C), "strict": bool(strict)}, {}, statement
    )
    return Attempt([cert], info={"C": fmt(C), "L": fmt(L), "sigma": fmt(sigma), "strict": bool(strict)})


def certify_linear_growth(model: CTRNNModel, h) -> Attempt:
    """For s(x) = x: |x_k|^2 = c^k |x_0|^2 exactly, c = the scalar (I + hW)^T (I + hW)."""
    h = Fraction(h)
    if model.formula() != "x" or any(model.b):
        return Attempt(reason="the exact growth law is for the linear activation with b = 0")
    n = model.dim
    A = [[Fraction(int(i == j)) + h * model.W[i][j] for j in range(n)] for i in range(n)]
    M = [[sum(A[k][i] * A[k][j] for k in range(n)) for j in range(n)] for i in range(n)]
    c = M[0][0]
    if any(M[i][j] != (c if i == j else 0) for i in range(n) for j in range(n)):
        return Attempt(reason="(I + hW)^T (I + hW) is not a multiple of I: the growth depends on x0")
    statement = f"forward Euler with h = {fmt(h)} on the linear network: |x_k|^2 = ({fmt(c)})^k |x_0|^2"
    return Attempt(
        [ctrnn_certificate(model, "ctrnn-euler-linear-growth", {"h": fmt(h), "c": fmt(c)}, {}, statement)],
        info={"c": fmt(c)},
    )


def certify_trajectory(model: CTRNNModel, x0, h, steps: int) -> Attempt:
    """Enclosures of K exact Euler steps from x0: G increases at every step, G(x_K) in a range."""
    h, x0 = Fraction(h), [Fraction(x) for x in x0]
    if not is_skew(model) or any(model.b) or model.form != "W*s(x)":
        return Attempt(reason="trajectory certificates need skew W, b = 0 and the form W*s(x)")
    try:
        s, g, _, _ = functions(model, "arb")
    except ValueError as e:
        return Attempt(reason=f"no interval evaluation of s and g: {e}")
    growth = 1 + float(h) * max(sum(abs(float(x)) for x in row) for row in model.W)
    bits = 80 + math.ceil(steps * math.log2(growth))
    with arb_precision(bits):
        W = [[arb_of(x) for x in row] for row in model.W]
        X = [arb_of(x) for x in x0]
        ha = arb_of(h)
        G0 = sum((g(x) for x in X), flint.arb(0))
        for _ in range(steps):
            S = [s(x) for x in X]
            X = [x + ha * sum((W[i][j] * S[j] for j in range(len(X))), flint.arb(0)) for i, x in enumerate(X)]
        G = sum((g(x) for x in X), flint.arb(0))
        lo = rational_below(G - 2 * flint.arb(G.rad()) - flint.arb(10) ** -25, 25)
        hi = rational_above(G + 2 * flint.arb(G.rad()) + flint.arb(10) ** -25, 25)
        g0 = float(G0.mid())
    statement = (
        f"the exact forward-Euler iterates from ({', '.join(fmt(x) for x in x0)}) with h = {fmt(h)} "
        f"increase G at each of {steps} steps; G(x_{steps}) in [{_decimal(lo)}, {_decimal(hi)}]"
    )
    cert = ctrnn_certificate(
        model,
        "ctrnn-euler-trajectory",
        {"x0": vec(x0), "h": fmt(h), "steps": steps, "G_final": vec([lo, hi])},
        {"precision_bits": bits},
        statement,
    )
    return Attempt(
        [cert],
        info={
            "G0": g0,
            "G_final": [float(lo), float(hi)],
            "steps": steps,
            "h": fmt(h),
            "G_final_text": [_decimal(lo), _decimal(hi)],
        },
    )


def _decimal(q: Fraction, digits: int = 27) -> str:
    """q to `digits` significant decimal digits (for statements; the certificate keeps the rational)."""
    with decimal.localcontext() as ctx:
        ctx.prec = digits
        return str(decimal.Decimal(q.numerator) / decimal.Decimal(q.denominator))
