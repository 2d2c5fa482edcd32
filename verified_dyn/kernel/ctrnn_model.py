"""Continuous-time RNN certificates: the `ctrnn` model section, its hash, the activation table, and
the checks shared by every ctrnn claim (proofs/README.md §6.1-§6.3).

The model is dx/dt = W s(x) + b (form "W*s(x)") or dx/dt = s(W x) + b (form "s(W*x)"), W n x n,
b of length n >= 1, s applied entrywise. Its hash is "sha256:" + sha256 of json.dumps({"W", "b",
"activation", "form"}, sort_keys=True, separators=(",", ":")).encode("ascii"), numbers written as
canonical rational strings. The activation table holds, for each activation the kernel accepts,
facts proved by hand in proofs/README.md §6.2 and interval versions of s, g (g' = s, g(0) = 0), s'
and s'' (the last two used on [0, oo) only). Every activation in the table is locally Lipschitz.
Intervals come from a private mpmath interval context (outward rounding) at the precision the
certificate records; comparisons are three-state and an undecided one never counts as false.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from fractions import Fraction
from types import SimpleNamespace
from typing import Callable

from mpmath.ctx_iv import MPIntervalContext

from .grammar import check_obligation_list
from .rat import Malformed, canonical, get, parse_dict, parse_int, parse_mat, parse_vec, short
from .verdict import Fail, Undecided

FORMS = ("W*s(x)", "s(W*x)")
_HASH = re.compile(r"sha256:[0-9a-f]{64}")


def _th(c, x):
    return 1 - 2 / (c.exp(2 * x) + 1)


@dataclass(frozen=True)
class Activation:
    """What the kernel knows about one activation s (each fact proved in proofs/README.md §6.2)."""

    odd: bool = False            # s(-t) = -s(t)
    sign: bool = False           # t s(t) > 0 for every t != 0
    coercive: bool = False       # integral of s diverges on (0, oo) and on (-oo, 0)
    gamma: Fraction | None = None  # integral of s over (0, oo) when finite (odd s: the same below 0)
    convex: bool = False         # s nondecreasing (g convex)
    strict: bool = False         # s strictly increasing (g strictly convex)
    lip: Fraction | None = None  # sup |s'|: Lipschitz constant of s
    bound: Fraction | None = None  # sup |s|
    s: Callable | None = None    # interval s on R
    g: Callable | None = None    # interval g on R
    ds: Callable | None = None   # interval s' on [0, oo)
    d2s: Callable | None = None  # interval s'' on (0, oo)


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


@dataclass(frozen=True)
class CTRNN:
    """Exact data of a ctrnn model section."""

    W: list[list[Fraction]]
    b: list[Fraction]
    activation: str
    form: str

    @property
    def n(self) -> int:
        return len(self.b)


def ctrnn_hash(m: CTRNN) -> str:
    """The model hash of README §6.1 for exact data."""
    data = {"W": [[canonical(x) for x in row] for row in m.W], "b": [canonical(x) for x in m.b],
            "activation": m.activation, "form": m.form}
    text = json.dumps(data, sort_keys=True, separators=(",", ":")).encode("ascii")
    return "sha256:" + hashlib.sha256(text).hexdigest()


def _string(obj: dict, key: str, where: str) -> str:
    value = get(obj, key, where)
    if not isinstance(value, str):
        raise Malformed(f"{where}.{key}: expected a string, got {type(value).__name__} {short(value)}")
    return value


def parse_ctrnn(doc: dict) -> tuple[CTRNN, str]:
    """The model of a ctrnn certificate and its claimed hash; Malformed on any grammar error."""
    model = parse_dict(get(doc, "model", "certificate"), "model")
    if _string(model, "kind", "model") != "ctrnn":
        raise Malformed(f"model.kind: a ctrnn claim needs kind 'ctrnn', got {short(model['kind'])}")
    _string(model, "name", "model")
    digest = _string(model, "hash", "model")
    if _HASH.fullmatch(digest) is None:
        raise Malformed(f"model.hash: expected 'sha256:' and 64 lowercase hex digits, got {short(digest)}")
    sec = parse_dict(get(model, "ctrnn", "model"), "model.ctrnn")
    b = parse_vec(get(sec, "b", "model.ctrnn"), None, "model.ctrnn.b")
    if not b:
        raise Malformed("model.ctrnn.b: n must be >= 1, got 0 entries")
    W = parse_mat(get(sec, "W", "model.ctrnn"), len(b), len(b), "model.ctrnn.W")
    form = _string(sec, "form", "model.ctrnn")
    if form not in FORMS:
        raise Malformed(f"model.ctrnn.form: {short(form)} is not one of {', '.join(FORMS)}")
    return CTRNN(W, b, _string(sec, "activation", "model.ctrnn"), form), digest


def parse_bool(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise Malformed(f"{where}: expected true or false, got {type(value).__name__} {short(value)}")
    return value


def parse_positive(value: object, where: str) -> Fraction:
    q = parse_vec([value], 1, where)[0]
    if q <= 0:
        raise Malformed(f"{where}: expected a positive rational, got {q}")
    return q


# ---- shared obligations ----------------------------------------------------------------------
def activation(m: CTRNN, *facts: str) -> Activation:
    """The table entry of the model's activation having every named fact (a truthy attribute).

    An activation outside the table is undecided (unsupported); a missing fact fails the claim.
    """
    key = NAMES.get(m.activation, m.activation)
    if key not in TABLE:
        raise Undecided(f"unsupported: activation {short(m.activation)} is not in the kernel's table "
                        f"(proofs/README.md §6.2)")
    act = TABLE[key]
    missing = [f for f in facts if not getattr(act, f)]
    if missing:
        raise Fail(f"activation {m.activation}: the kernel's table does not give {', '.join(missing)}")
    return act


def need_skew(m: CTRNN) -> str:
    for i in range(m.n):
        for j in range(i, m.n):
            if m.W[i][j] + m.W[j][i] != 0:
                raise Fail(f"W[{i}][{j}] + W[{j}][{i}] = {m.W[i][j] + m.W[j][i]} != 0")
    return f"W^T = -W exactly (n = {m.n})"


def need_zero_bias(m: CTRNN, form: str | None = "W*s(x)") -> str:
    bad = next((i for i, x in enumerate(m.b) if x != 0), None)
    if bad is not None:
        raise Fail(f"b[{bad}] = {m.b[bad]} != 0")
    if form is not None and m.form != form:
        raise Fail(f"form {m.form!r}, the claim needs {form!r}")
    return f"b = 0, form {m.form}"


def need_inverse(m: CTRNN, inv: list[list[Fraction]]) -> str:
    for i in range(m.n):
        for j in range(m.n):
            v = sum((m.W[i][k] * inv[k][j] for k in range(m.n)), Fraction(0))
            if v != Fraction(int(i == j)):
                raise Fail(f"(W W_inverse)[{i}][{j}] = {v}, not the identity")
    return "W W_inverse = I exactly"


def rank(rows: list[list[Fraction]]) -> int:
    """The exact rank of a matrix (Gaussian elimination over the rationals)."""
    a = [list(r) for r in rows]
    r = 0
    for col in range(len(a[0]) if a else 0):
        piv = next((i for i in range(r, len(a)) if a[i][col] != 0), None)
        if piv is None:
            continue
        a[r], a[piv] = a[piv], a[r]
        for i in range(r + 1, len(a)):
            f = a[i][col] / a[r][col]
            a[i] = [x - f * y for x, y in zip(a[i], a[r])]
        r += 1
    return r


# ---- intervals -------------------------------------------------------------------------------
def intervals(witness: dict) -> MPIntervalContext:
    """A private interval context at witness.precision_bits (an integer in 30..60000)."""
    bits = parse_int(get(witness, "precision_bits", "witness"), "witness.precision_bits", 30, 60000)
    ctx = MPIntervalContext()
    ctx.prec = bits
    return ctx


def iv(ctx: MPIntervalContext, q: Fraction):
    """An interval containing the rational q."""
    return ctx.mpf(q.numerator) / q.denominator


def decide(result: bool | None, what: str) -> None:
    """Pass on True, Fail on False, Undecided on None (an interval comparison that cannot decide)."""
    if result is True:
        return
    if result is False:
        raise Fail(what)
    raise Undecided(f"undecided at this precision: {what}; raise precision_bits")


# ---- the claim-type registry -----------------------------------------------------------------
Check = Callable[[SimpleNamespace], str]


def registry(types: dict[str, tuple[tuple[str, ...], Callable, dict[str, Check]]]) -> dict:
    """CLAIMS entries for checks.py from {claim type: (obligation names, parse, {name: check})}.

    Every list starts with well-formed (the common grammar, then parse(ns) reading the claim's own
    fields into ns) and model-hash; each check gets the parsed namespace ns (ns.m is the model).
    """
    def steps(cert: dict, claim_type: str, expected_hash: str | None):
        names, parse, checks = types[claim_type]
        box: dict[str, SimpleNamespace] = {}

        def well_formed() -> str:
            check_obligation_list(cert, names)
            m, digest = parse_ctrnn(cert)
            ns = SimpleNamespace(m=m, hash=digest, claim=parse_dict(cert["claim"], "claim"),
                                 witness=parse_dict(get(cert, "witness", "certificate"), "witness"))
            parse(ns)
            box["ns"] = ns
            return "grammar of format version 1 (ctrnn)"

        def model_hash() -> str:
            digest = ctrnn_hash(box["ns"].m)
            if digest != box["ns"].hash:
                raise Fail(f"recomputed {digest} != model.hash {box['ns'].hash}")
            if expected_hash is not None and digest != expected_hash:
                raise Fail(f"recomputed {digest} != expected hash {expected_hash}")
            return digest

        table = {"well-formed": well_formed, "model-hash": model_hash}
        table.update({name: (lambda f=f: f(box["ns"])) for name, f in checks.items()})
        return [(name, table[name]) for name in names]

    return {t: (names, steps) for t, (names, _, _) in types.items()}
