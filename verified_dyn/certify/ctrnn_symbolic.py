"""Symbolic facts about a ctrnn model with sympy (MATH §5.1, §5.5, §5.7). Not re-checked by the kernel.

Propositions computed here, each reported with its source "sympy":
- the closed form of g(t) = integral_0^t s, with g(0) = 0 and g' = s checked symbolically;
- dH/dt for H = sum g(x_i) - c^T x (form W*s(x)) or sum g((Wx)_i) (form s(W*x)), expanded with s an
  undefined function: identically 0 when W is skew (and b = -W c, resp. W b = 0), else s^T S s + ...;
- the sign structure of s (oddness, zero set, t s(t) > 0) and the integrals of s on (0, oo), (-oo, 0),
  which decide whether G is coercive (MATH §5.5);
- the identity z^T W z = 0 for a fully symbolic skew W of size n (the general proof is one line:
  z^T W z is a scalar, so it equals its transpose z^T W^T z = -z^T W z).
Failure modes: sympy may leave an integral or a limit unevaluated; the fact is then ``None`` (unknown).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import sympy

from ..models.ctrnn import CTRNNModel

X = sympy.Symbol("x", real=True)


@dataclass
class ActivationFacts:
    """What sympy establishes about s (None: sympy could not decide)."""

    formula: str
    g: str | None
    g_checked: bool
    odd: bool | None
    zeros: str
    sign: bool | None
    integral_plus: str | None  # integral of s on (0, oo): "oo" or a value
    integral_minus: str | None  # integral of -s on (-oo, 0)
    notes: list[str] = field(default_factory=list)

    @property
    def coercive(self) -> bool | None:
        if self.sign is False:
            return False
        if self.sign and self.integral_plus == "oo" and self.integral_minus == "oo":
            return True
        if self.integral_plus not in (None, "oo") or self.integral_minus not in (None, "oo"):
            return False
        return None

    @property
    def gamma(self) -> float | None:
        """The finite bound of g on both sides when s is odd with a convergent integral."""
        if self.odd and self.sign and self.integral_plus not in (None, "oo"):
            return float(sympy.sympify(self.integral_plus))
        return None


def _pieces(expr):
    """(breakpoints, branches) of a piecewise expression in x whose conditions compare x with
    numbers: on each open interval between breakpoints one analytic branch applies. None otherwise."""
    pw = sympy.piecewise_fold(expr.rewrite(sympy.Piecewise))
    if not isinstance(pw, sympy.Piecewise):
        return None
    points = set()
    for _, cond in pw.args:
        for rel in cond.atoms(sympy.core.relational.Relational):
            other = rel.rhs if rel.lhs == X else (rel.lhs if rel.rhs == X else None)
            if other is None or not other.is_number:
                return None
            points.add(other)
    points = sorted(points)
    samples = [points[0] - 1] + [(a + b) / 2 for a, b in zip(points, points[1:])] + [points[-1] + 1]

    def branch(t):
        return next(e for e, cond in pw.args if cond.subs(X, t) == sympy.true)

    return points, [branch(t) for t in samples], pw


def _simplifies_to_zero(expr) -> bool:
    pos = sympy.Symbol("t", positive=True)
    try:
        return sympy.simplify(expr) == 0 or (
            sympy.simplify(expr.subs(X, pos)) == 0 and sympy.simplify(expr.subs(X, -pos)) == 0
        )
    except Exception:
        return False


def _is_zero(expr) -> bool | None:
    """True if sympy proves expr == 0 for all real x (piecewise: every branch on its interval and
    every breakpoint); False if it is nonzero at x = 1 or x = 2; None otherwise."""
    if _simplifies_to_zero(expr):
        return True
    pieces = _pieces(expr) if expr.has(sympy.Piecewise, sympy.Max, sympy.Min, sympy.Abs) else None
    if pieces is not None:
        points, branches, pw = pieces
        if all(_simplifies_to_zero(b) for b in branches) and all(pw.subs(X, p) == 0 for p in points):
            return True
    for t in (1, 2):
        value = expr.subs(X, t).evalf(30)
        if value.is_number and value.is_real and abs(value) > 1e-20:
            return False
    return None


def _limit(expr, where) -> str | None:
    pieces = _pieces(expr) if expr.has(sympy.Piecewise) else None
    if pieces is not None:
        expr = pieces[1][-1 if where == sympy.oo else 0]
    try:
        value = sympy.limit(expr, X, where)
    except Exception:
        return None
    if value in (sympy.oo, -sympy.oo):
        return "oo" if value == sympy.oo else "-oo"
    if isinstance(value, sympy.AccumBounds) or not (value.is_real and value.is_finite):
        return None
    return str(value)


def _set_text(zero_set) -> str:
    if zero_set == sympy.FiniteSet(0):
        return "only t = 0"
    if isinstance(zero_set, sympy.Interval):
        lo, hi = ("-oo" if zero_set.start == -sympy.oo else zero_set.start), zero_set.end
        return (
            f"every t in {'(' if zero_set.left_open or lo == '-oo' else '['}{lo}, {hi}"
            f"{')' if zero_set.right_open or hi == sympy.oo else ']'}"
        )
    if zero_set == sympy.S.EmptySet:
        return "no t (s never vanishes)"
    return str(zero_set)


@lru_cache(maxsize=64)
def _facts(formula: str, g_text: str | None) -> ActivationFacts:
    from ..models.ctrnn import _parse_sympy

    s = _parse_sympy(formula, X)
    g = _parse_sympy(g_text, X) if g_text else sympy.integrate(s, (X, 0, X))
    g_ok = not g.has(sympy.Integral) and _is_zero(sympy.diff(g, X) - s) is True and sympy.simplify(g.subs(X, 0)) == 0
    odd = _is_zero(s.subs(X, -X) + s)
    try:
        zero_set = sympy.solveset(s, X, sympy.S.Reals)
    except Exception:
        zero_set = None
    zeros = "unknown" if zero_set is None else _set_text(zero_set)
    sign = None
    if zero_set == sympy.FiniteSet(0) and sympy.calculus.util.continuous_domain(s, X, sympy.S.Reals) == sympy.S.Reals:
        sign = bool(s.subs(X, 1) > 0 and s.subs(X, -1) < 0)
    elif (
        isinstance(zero_set, (sympy.FiniteSet, sympy.Interval, sympy.Union, sympy.ImageSet))
        or zero_set == sympy.S.EmptySet
    ):
        sign = False  # a zero other than 0 (then t s(t) = 0 there), or none (then s(0) != 0)
    plus = _limit(g, sympy.oo) if g_ok else None
    minus = _limit(g, -sympy.oo) if g_ok else None
    facts = ActivationFacts(formula, str(g) if g_ok else None, g_ok, odd, zeros, sign, plus, minus)
    if not g_ok:
        facts.notes.append("sympy found no checked closed form for g")
    return facts


def activation_facts(model: CTRNNModel) -> ActivationFacts:
    """Sympy's facts about the activation of ``model`` (cached per formula)."""
    from ..models.ctrnn import ANTIDERIVATIVES

    name = model.activation_name
    return _facts(model.formula(), ANTIDERIVATIVES.get(name) if name else None)


def g_formula(model: CTRNNModel) -> str | None:
    """G as a readable formula, e.g. "log(cosh(x1)) + log(cosh(x2))" (None without a closed form)."""
    facts = activation_facts(model)
    if facts.g is None:
        return None
    g = sympy.sympify(facts.g, locals={"x": X})
    n = model.dim
    inner = [f"(W x)_{i + 1}" for i in range(n)] if model.form == "s(W*x)" else [f"x{i + 1}" for i in range(n)]
    if n > 4:
        return f"sum_i g({'(W x)_i' if model.form == 's(W*x)' else 'x_i'}), g(t) = {str(g).replace('x', 't')}"
    terms = [g.subs(X, sympy.Symbol(v)) for v in inner]
    return " + ".join(f"({t})" if isinstance(t, sympy.Add) else str(t) for t in terms)


def dH_dt(model: CTRNNModel, c=None, max_dim: int = 8) -> sympy.Expr | None:
    """dH/dt expanded, with s an undefined function (None above ``max_dim``: too many terms).

    H = sum_i g(x_i) - c^T x for form W*s(x) (gradient s(x) - c, field W s(x) + b);
    H = sum_i g(y_i), y = W x, for form s(W*x) (dy/dt = W s(y) + W b).
    """
    n = model.dim
    if n > max_dim:
        return None
    s = sympy.Function("s")
    v = sympy.symbols(f"{'y' if model.form == 's(W*x)' else 'x'}1:{n + 1}", real=True)
    W = sympy.Matrix(n, n, lambda i, j: sympy.Rational(model.W[i][j]))
    b = sympy.Matrix([sympy.Rational(x) for x in model.b])
    sv = sympy.Matrix([s(vi) for vi in v])
    if model.form == "s(W*x)":
        return sympy.expand((sv.T * (W * sv + W * b))[0])
    cvec = sympy.Matrix([sympy.Rational(x) for x in (c or [0] * n)])
    return sympy.expand(((sv - cvec).T * (W * sv + b))[0])


def skew_identity(n: int) -> bool:
    """z^T W z == 0 identically for a skew W with n(n-1)/2 free symbolic entries (sympy)."""
    z = sympy.symbols(f"z1:{n + 1}")
    a = sympy.symbols(f"a1:{n * n + 1}")
    W = sympy.Matrix(n, n, lambda i, j: a[i * n + j] if i < j else (-a[j * n + i] if i > j else 0))
    zv = sympy.Matrix(z)
    return sympy.expand((zv.T * W * zv)[0]) == 0


ARB = {
    "exp": lambda z: z.exp(),
    "log": lambda z: z.log(),
    "tanh": lambda z: z.tanh(),
    "cosh": lambda z: z.cosh(),
    "sinh": lambda z: z.sinh(),
    "sin": lambda z: z.sin(),
    "cos": lambda z: z.cos(),
    "atan": lambda z: z.atan(),
    "sqrt": lambda z: z.sqrt(),
    "erf": lambda z: z.erf(),
    "Abs": abs,
    "sign": lambda z: z.sgn(),
    "Max": lambda *a: _fold(a, "max"),
    "Min": lambda *a: _fold(a, "min"),
}


def _fold(args, how):
    out = args[0]
    for a in args[1:]:
        out = getattr(out, how)(a)
    return out


def functions(model: CTRNNModel, kind: str):
    """(s, g, s', s'') of the activation as float ("float"), mpmath ("mpmath") or Arb ("arb") functions;
    s' and s'' are formulas valid on [0, oo). ValueError without a closed-form g or a smooth s."""
    facts = activation_facts(model)
    if facts.g is None:
        raise ValueError("no closed form of g")
    return _functions(model.formula(), facts.g, kind)


@lru_cache(maxsize=64)
def _functions(formula: str, g_text: str, kind: str):
    from ..models.ctrnn import _parse_sympy

    s = _parse_sympy(formula, X)
    g = sympy.sympify(g_text, locals={"x": X})
    pos = sympy.Symbol("p", positive=True)
    sp = s.subs(X, pos)
    exprs = (s, g, sympy.diff(sp, pos).subs(pos, X), sympy.diff(sp, pos, 2).subs(pos, X))
    if any(e.has(sympy.Piecewise, sympy.Max, sympy.Min) for e in exprs):
        raise ValueError("s is not smooth (piecewise)")
    modules = {"arb": [ARB], "float": ["numpy"], "mpmath": ["mpmath"]}[kind]
    return tuple(sympy.lambdify(X, e, modules=modules) for e in exprs)
