"""The one interval context and the ctrnn activation table (proofs/README.md §6.2, §6.3).

Intervals come from a private mpmath interval context (outward rounding) at the precision the
certificate records in witness.precision_bits; comparisons of intervals are three-state and an
undecided one never counts as false. The table holds, for each activation s the kernel accepts,
facts proved by hand in proofs/README.md §6.2 and interval versions of s, g (g' = s, g(0) = 0), s'
and s'' (the last two used on [0, oo) only). Every activation in the table is locally Lipschitz.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any
from collections.abc import Callable

from mpmath.ctx_iv import MPIntervalContext

from .model import CTRNN
from .rat import get, parse_int, short
from .verdict import Fail, Undecided

IvFn = Callable[[Any, Any], Any]


def _th(c: Any, x: Any) -> Any:
    return 1 - 2 / (c.exp(2 * x) + 1)


@dataclass(frozen=True)
class Activation:
    """What the kernel knows about one activation s (each fact proved in proofs/README.md §6.2); a
    field is None when not known, and activation(m, *facts) guarantees the named ones are set."""

    odd: bool = False            # s(-t) = -s(t)
    sign: bool = False           # t s(t) > 0 for every t != 0
    coercive: bool = False       # integral of s diverges on (0, oo) and on (-oo, 0)
    gamma: Any = None            # integral of s over (0, oo) when finite (odd s: the same below 0)
    convex: bool = False         # s nondecreasing (g convex)
    strict: bool = False         # s strictly increasing (g strictly convex)
    lip: Any = None              # sup |s'|: Lipschitz constant of s (a Fraction)
    bound: Any = None            # sup |s| (a Fraction)
    s: Any = None                # interval s on R (an IvFn)
    g: Any = None                # interval g on R
    ds: Any = None               # interval s' on [0, oo)
    d2s: Any = None              # interval s'' on (0, oo)

ONE = Fraction(1)
TABLE = {
    "tanh(x)": Activation(True, True, True, None, True, True, ONE, ONE, _th,
                          lambda c, x: abs(x) + c.log1p(c.exp(-2 * abs(x))) - c.log(2),
                          lambda c, x: 1 - _th(c, x) ** 2,
                          lambda c, x: -2 * _th(c, x) * (1 - _th(c, x) ** 2)),
    "x/(1+Abs(x))": Activation(True, True, True, None, True, True, ONE, ONE,
                               lambda c, x: x / (1 + abs(x)), lambda c, x: abs(x) - c.log1p(abs(x)),
                               lambda c, x: 1 / (1 + x) ** 2, lambda c, x: -2 / (1 + x) ** 3),
    "x": Activation(True, True, True, None, True, True, ONE, None, lambda c, x: x,
                    lambda c, x: x ** 2 / 2, lambda c, x: c.mpf(1), lambda c, x: c.mpf(0)),
    "Max(-1,Min(1,x))": Activation(True, True, True, None, True, False, ONE, ONE),
    "x*exp(-x**2)": Activation(True, True, False, Fraction(1, 2), False, False, ONE, None,
                               lambda c, x: x * c.exp(-x ** 2), lambda c, x: -c.expm1(-x ** 2) / 2,
                               lambda c, x: (1 - 2 * x ** 2) * c.exp(-x ** 2),
                               lambda c, x: 2 * x * (2 * x ** 2 - 3) * c.exp(-x ** 2)),
    "1/(1+exp(-x))": Activation(),
    "Max(0,x)": Activation(),
    "Max(0,tanh(x))": Activation(),
    "sin(x)": Activation(odd=True),
}
NAMES = {"tanh": "tanh(x)", "softsign": "x/(1+Abs(x))", "linear": "x", "hardtanh": "Max(-1,Min(1,x))",
         "sigmoid": "1/(1+exp(-x))", "relu": "Max(0,x)", "rectified-tanh": "Max(0,tanh(x))", "sin": "sin(x)"}


def activation(m: CTRNN, *facts: str) -> Activation:
    """The table entry of the model's activation having every named fact (a truthy attribute).
    An activation outside the table is undecided (unsupported); a missing fact fails the claim."""
    key = NAMES.get(m.activation, m.activation)
    if key not in TABLE:
        raise Undecided(f"unsupported: activation {short(m.activation)} is not in the kernel's table "
                        f"(proofs/README.md §6.2)")
    act = TABLE[key]
    missing = [f for f in facts if not getattr(act, f)]
    if missing:
        raise Fail(f"activation {m.activation}: the kernel's table does not give {', '.join(missing)}")
    return act


def intervals(witness: dict[str, Any]) -> Any:
    """A private interval context at witness.precision_bits (an integer in 30..60000)."""
    bits = parse_int(get(witness, "precision_bits", "witness"), "witness.precision_bits", 30, 60000)
    ctx = MPIntervalContext()
    ctx.prec = bits
    return ctx


def iv(ctx: Any, q: Fraction) -> Any:
    """An interval containing the rational q."""
    return ctx.mpf(q.numerator) / q.denominator


def decide(result: bool | None, what: str) -> None:
    """Pass on True, Fail on False, Undecided on None (an interval comparison that cannot decide)."""
    if result is True:
        return
    if result is False:
        raise Fail(what)
    raise Undecided(f"undecided at this precision: {what}; raise precision_bits")
