"""Exact determinant signs of the linear regions of a PL map, and a rational interior point of a region
(the computations behind the claim ``invertible``)."""

from __future__ import annotations

import itertools
from fractions import Fraction

from .logic import REGION_LIMIT


def region_determinants(model, limit: int = REGION_LIMIT):
    """Yield (pattern over the active units, exact det(A + W1 D W2)) for every pattern D (python-flint).

    Raises ValueError above ``limit`` patterns."""
    import flint

    units = model.active_units
    if 2 ** len(units) > limit:
        raise ValueError(f"{2 ** len(units)} region patterns ({len(units)} active units) exceed the limit {limit}")
    A, W1, W2 = model.q["A"], model.q["W1"], model.q["W2"]
    M = model.dim
    # rank-one terms W1[:, h] W2[h, :] per active unit, added per pattern (Gray-code order would be faster)
    terms = {}
    for h in units:
        T = flint.fmpq_mat(M, M)
        for i in range(M):
            for j in range(M):
                T[i, j] = W1[i, h] * W2[h, j]
        terms[h] = T
    for bits in itertools.product((0, 1), repeat=len(units)):
        Md = flint.fmpq_mat(A)
        for b, h in zip(bits, units):
            if b:
                Md = Md + terms[h]
        d = Md.det()
        yield bits, Fraction(int(d.p), int(d.q))


def region_point(model, bits) -> list[Fraction] | None:
    """An exact rational point strictly inside the region of ``bits`` (over the active units), or None
    when a float LP finds none (None proves nothing)."""
    import numpy as np
    from scipy.optimize import linprog  # type: ignore[import-untyped]

    units = model.active_units
    M = model.dim
    W2, h2 = model.W2_float, model.h2_float
    sign = np.array([1.0 if b else -1.0 for b in bits])
    # maximize t: sign_i (W2_i z + h2_i) >= t, t <= 1, |z| <= 1e6
    rows = [np.append(-sign[k] * W2[h], 1.0) for k, h in enumerate(units)]
    rhs = [sign[k] * h2[h] for k, h in enumerate(units)]
    if not rows:
        return [Fraction(0)] * M
    res = linprog(
        np.append(np.zeros(M), -1.0),
        A_ub=np.array(rows),
        b_ub=np.array(rhs),
        bounds=[(-1e6, 1e6)] * M + [(None, 1.0)],
        method="highs",
    )
    if res.status != 0 or res.x[-1] <= 1e-12:
        return None
    z = [Fraction(float(x)).limit_denominator(10**12) for x in res.x[:M]]
    u = model.preactivation(z)
    if all((u[h] > 0) if b else (u[h] < 0) for b, h in zip(bits, units)):
        return z
    z = [Fraction(float(x)) for x in res.x[:M]]
    u = model.preactivation(z)
    return z if all((u[h] > 0) if b else (u[h] < 0) for b, h in zip(bits, units)) else None


def _pattern(model, bits) -> str:
    return "".join(str(b) for b in bits) + f" (active units {list(model.active_units)})" if bits else "(no active unit)"
