"""dx/dt = W s(x) + b is skew / conserves G / preserves volume / has Casimirs, equilibria, bounded orbits.

Structural claims (proofs/README.md §6.4; MATH §5.1-§5.5, §5.7). Each claim is a theorem whose
hypotheses are exact facts about W and b (checked with fractions) and facts about s from the
kernel's activation table (core.intervals.TABLE). The theorems and their
proofs are in proofs/README.md §6.4; here every check names the offending entry when it fails.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..core.grammar import register
from ..core.intervals import activation
from ..core.model import CTRNN, need_skew, need_zero_bias
from ..core.rat import Malformed, get, parse_bool, parse_int, parse_list, parse_mat, parse_vec, rank
from ..core.verdict import Fail


def _continuous(ns: Any) -> str:
    activation(ns.m)
    return f"{ns.m.activation} is in the table: continuous and locally Lipschitz"


def need_inverse(m: CTRNN, inv: list[list[Fraction]]) -> str:
    for i in range(m.n):
        for j in range(m.n):
            v = sum((m.W[i][k] * inv[k][j] for k in range(m.n)), Fraction(0))
            if v != Fraction(int(i == j)):
                raise Fail(f"(W W_inverse)[{i}][{j}] = {v}, not the identity")
    return "W W_inverse = I exactly"


# ---- ctrnn-symmetric-part ---------------------------------------------------------------------
def _parse_symmetric(ns: Any) -> None:
    n = ns.m.n
    ns.S = parse_mat(get(ns.claim, "S", "claim"), n, n, "claim.S")
    ns.not_conserved = parse_bool(get(ns.claim, "G_not_conserved", "claim"), "claim.G_not_conserved")
    ij = parse_list(get(ns.witness, "entry", "witness"), "witness.entry", 2)
    ns.i, ns.j = (parse_int(v, f"witness.entry[{k}]", 0, n - 1) for k, v in enumerate(ij))


def _symmetric_part(ns: Any) -> str:
    W = ns.m.W
    for i in range(ns.m.n):
        for j in range(ns.m.n):
            if ns.S[i][j] != (W[i][j] + W[j][i]) / 2:
                raise Fail(f"S[{i}][{j}] = {ns.S[i][j]} != (W[{i}][{j}] + W[{j}][{i}])/2")
    if ns.S[ns.i][ns.j] == 0:
        raise Fail(f"S[{ns.i}][{ns.j}] = 0: the witness entry does not show S != 0")
    return f"S = (W + W^T)/2 exactly, S[{ns.i}][{ns.j}] = {ns.S[ns.i][ns.j]} != 0: W is not skew"


def _not_conserved(ns: Any) -> str:
    if not ns.not_conserved:
        return "not claimed"
    if ns.m.form != "W*s(x)":
        raise Fail(f"form {ns.m.form!r}: G(x) = sum g(x_i) is only claimed for form 'W*s(x)'")
    activation(ns.m, "sign")
    return "t s(t) > 0 and S != 0: dG/dt = s^T S s + s^T b is nonzero at some x"


# ---- ctrnn-conserved-quantity ----------------------------------------------------------------
def _parse_conserved(ns: Any) -> None:
    ns.c = parse_vec(get(ns.claim, "c", "claim"), ns.m.n, "claim.c")


def _bias(ns: Any) -> str:
    m = ns.m
    if m.form == "W*s(x)":
        for i in range(m.n):
            v = sum((m.W[i][k] * ns.c[k] for k in range(m.n)), Fraction(0))
            if v != -m.b[i]:
                raise Fail(f"(W c)[{i}] = {v} != -b[{i}] = {-m.b[i]}")
        return "b = -W c exactly"
    if any(ns.c):
        raise Fail("form 's(W*x)': the quantity has no linear term, c must be 0")
    for i in range(m.n):
        v = sum((m.W[i][k] * m.b[k] for k in range(m.n)), Fraction(0))
        if v != 0:
            raise Fail(f"(W b)[{i}] = {v} != 0")
    return "W b = 0 exactly"


# ---- ctrnn-volume-preserving -----------------------------------------------------------------
def _zero_diagonal(ns: Any) -> str:
    bad = next((i for i in range(ns.m.n) if ns.m.W[i][i] != 0), None)
    if bad is not None:
        raise Fail(f"W[{bad}][{bad}] = {ns.m.W[bad][bad]} != 0")
    return "W_ii = 0 for every i: f_i does not depend on x_i"


# ---- ctrnn-casimirs --------------------------------------------------------------------------
def _parse_casimirs(ns: Any) -> None:
    n = ns.m.n
    ns.k = parse_int(get(ns.claim, "count", "claim"), "claim.count", 0, n)
    ns.U = parse_mat(get(ns.witness, "basis", "witness"), ns.k, n, "witness.basis") if ns.k else []


def _form_a(ns: Any) -> str:
    if ns.m.form != "W*s(x)":
        raise Fail(f"form {ns.m.form!r}: Casimirs are claimed for form 'W*s(x)' only")
    return "form W*s(x)"


def _left_kernel(ns: Any) -> str:
    m = ns.m
    for r, u in enumerate(ns.U):
        for j in range(m.n):
            v = sum((u[i] * m.W[i][j] for i in range(m.n)), Fraction(0))
            if v != 0:
                raise Fail(f"(W^T basis[{r}])[{j}] = {v} != 0")
        ub = sum((x * y for x, y in zip(u, m.b)), Fraction(0))
        if ub != 0:
            raise Fail(f"basis[{r}] . b = {ub} != 0")
    return f"W^T u = 0 and u . b = 0 for all {ns.k} basis vectors"


def _complete(ns: Any) -> str:
    m = ns.m
    if ns.k and rank(ns.U) != ns.k:
        raise Fail(f"the {ns.k} basis vectors have rank {rank(ns.U)}")
    r = rank([list(row) + [bi] for row, bi in zip(m.W, m.b)])
    if r != m.n - ns.k:
        raise Fail(f"rank [W | b] = {r}, so the left kernel has dimension {m.n - r}, not {ns.k}")
    return f"rank [W | b] = {r}: the basis spans all {ns.k} dimensions"


# ---- ctrnn-equilibria ------------------------------------------------------------------------
def _parse_equilibria(ns: Any) -> None:
    ns.set = get(ns.claim, "set", "claim")
    n = ns.m.n
    if ns.set == "origin-only":
        ns.inv = parse_mat(get(ns.witness, "W_inverse", "witness"), n, n, "witness.W_inverse")
    elif ns.set == "continuum":
        ns.u = parse_vec(get(ns.witness, "kernel_vector", "witness"), n, "witness.kernel_vector")
    else:
        raise Malformed(f"claim.set: expected 'origin-only' or 'continuum', got {ns.set!r}")


def _equilibrium_algebra(ns: Any) -> str:
    m = ns.m
    if ns.set == "origin-only":
        return need_inverse(m, ns.inv)
    if not any(ns.u):
        raise Fail("kernel_vector is zero")
    for i in range(m.n):
        v = sum((m.W[i][k] * ns.u[k] for k in range(m.n)), Fraction(0))
        if v != 0:
            raise Fail(f"(W kernel_vector)[{i}] = {v} != 0")
    return "W u = 0 with u != 0 exactly"


def _sign(ns: Any) -> str:
    activation(ns.m, "sign")
    return "t s(t) > 0 for t != 0: s vanishes only at 0 and takes every small value"


# ---- ctrnn-bounded-orbits --------------------------------------------------------------------
def _parse_bounded(ns: Any) -> None:
    if ns.m.form == "s(W*x)":
        ns.inv = parse_mat(get(ns.witness, "W_inverse", "witness"), ns.m.n, ns.m.n, "witness.W_inverse")


def _coercive(ns: Any) -> str:
    activation(ns.m, "sign", "coercive")
    return "t s(t) > 0 for t != 0 and both integrals of s diverge: G is coercive"


def _form_bounded(ns: Any) -> str:
    if ns.m.form == "W*s(x)":
        return "form W*s(x): x itself is confined to {G <= G(x0)}"
    return need_inverse(ns.m, ns.inv) + ": x = W^-1 y with y = W x confined"


for _type, (_parse, _checks) in {
    "ctrnn-skew-symmetric": (lambda ns: None, {"skew": lambda ns: need_skew(ns.m)}),
    "ctrnn-symmetric-part": (_parse_symmetric,
                             {"symmetric-part": _symmetric_part, "not-conserved": _not_conserved}),
    "ctrnn-conserved-quantity": (_parse_conserved,
                                 {"skew": lambda ns: need_skew(ns.m), "activation": _continuous,
                                  "bias": _bias}),
    "ctrnn-volume-preserving": (lambda ns: None,
                                {"zero-diagonal": _zero_diagonal, "activation": _continuous}),
    "ctrnn-casimirs": (_parse_casimirs,
                       {"form": _form_a, "left-kernel": _left_kernel, "complete": _complete}),
    "ctrnn-equilibria": (_parse_equilibria,
                         {"zero-bias": lambda ns: need_zero_bias(ns.m, None),
                          "activation-sign": _sign,
                          "linear-algebra": _equilibrium_algebra}),
    "ctrnn-bounded-orbits": (_parse_bounded,
                             {"skew": lambda ns: need_skew(ns.m), "zero-bias": lambda ns: need_zero_bias(ns.m, None),
                              "coercive": _coercive, "form": _form_bounded}),
}.items():
    register(_type, _parse, _checks, "ctrnn")
