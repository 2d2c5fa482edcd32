"""Spectrum witnesses: exact counts (inside, on, outside) of the eigenvalues of P by modulus vs 1.

Two witnesses (proofs/README.md §3): `stein` (a symmetric S with S - P^T S P positive definite; the
Stein-Taussky inertia theorem gives the counts from the inertia of S) and `factors` (a factorisation
of det(xI - P) into monic factors, each with its own witness: `linear` x -+ 1, `stein` on the
companion matrix, `reciprocal` via x^m q(x + 1/x) and a Sturm count of q on (-2, 2)).
P itself is computed by the caller from the itinerary, never read from the certificate.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from . import polys
from .rat import (Malformed, get, matmul, mat_sub, parse_dict, parse_int, parse_list, parse_mat,
                  parse_vec, short, transpose)
from .verdict import Fail, Undecided

Counts = tuple[int, int, int]
FACTOR_KINDS = ("stein", "reciprocal", "linear")


@dataclass(frozen=True)
class Stein:
    S: list[list[Fraction]]


@dataclass(frozen=True)
class Factor:
    poly: list[Fraction]
    multiplicity: int
    kind: str
    S: list[list[Fraction]] | None = None
    q: list[Fraction] | None = None


@dataclass(frozen=True)
class Factors:
    factors: list[Factor]


@dataclass(frozen=True)
class Unsupported:
    what: str


def parse_spectrum(obj: object, m: int, where: str = "witness.spectrum") -> Stein | Factors | Unsupported:
    """The spectrum witness per README §3; Malformed on bad shapes, Unsupported for an unknown method."""
    spec = parse_dict(obj, where)
    method = get(spec, "method", where)
    if not isinstance(method, str):
        raise Malformed(f"{where}.method: expected a string, got {short(method)}")
    if method == "stein":
        return Stein(parse_mat(get(spec, "S", where), m, m, f"{where}.S"))
    if method != "factors":
        return Unsupported(f"spectrum method {short(method)}")
    items = parse_list(get(spec, "factors", where), f"{where}.factors")
    return Factors([_parse_factor(f, f"{where}.factors[{i}]") for i, f in enumerate(items)])


def _parse_factor(obj: object, where: str) -> Factor:
    fac = parse_dict(obj, where)
    poly = parse_vec(get(fac, "poly", where), None, f"{where}.poly")
    if len(poly) < 2:
        raise Malformed(f"{where}.poly: a factor needs degree >= 1, got {len(poly)} coefficients")
    mult = parse_int(get(fac, "multiplicity", where), f"{where}.multiplicity", lo=1)
    kind = get(fac, "kind", where)
    if not isinstance(kind, str):
        raise Malformed(f"{where}.kind: expected a string, got {short(kind)}")
    n = len(poly) - 1
    if kind == "stein":
        return Factor(poly, mult, kind, S=parse_mat(get(fac, "S", where), n, n, f"{where}.S"))
    if kind == "reciprocal":
        return Factor(poly, mult, kind, q=parse_vec(get(fac, "q", where), None, f"{where}.q"))
    return Factor(poly, mult, kind)


def positive_definite_failure(q: list[list[Fraction]]) -> str | None:
    """None if the symmetric q is positive definite, else the first non-positive pivot.

    Gaussian elimination without row exchanges; q is positive definite iff every pivot is > 0
    (the pivots are the ratios of consecutive leading principal minors: Sylvester's criterion).
    """
    a = [list(row) for row in q]
    n = len(a)
    for k in range(n):
        pivot = a[k][k]
        if pivot <= 0:
            return f"pivot {k} is {pivot}"
        for i in range(k + 1, n):
            f = a[i][k] / pivot
            if f:
                a[i] = [x - f * y for x, y in zip(a[i], a[k])]
    return None


def symmetric_inertia(s: list[list[Fraction]]) -> Counts:
    """(positive, zero, negative) eigenvalue counts of a symmetric rational matrix, exactly.

    All roots of p = det(xI - S) are real, so Descartes' rule is exact: positives = sign changes of p,
    negatives = sign changes of p(-x), zeros = index of the lowest nonzero coefficient.
    """
    p = polys.charpoly(s)
    zero = next(i for i, c in enumerate(p) if c != 0)
    return polys.sign_changes(p), zero, polys.sign_changes(polys.reflect(p))


def stein_counts(p: list[list[Fraction]], s: list[list[Fraction]], where: str) -> Counts:
    """P has (s, 0, u) eigenvalues inside / on / outside the unit circle, s = pi(S), u = nu(S).

    Hypotheses checked: S symmetric; Q = S - P^T S P positive definite. Then (Stein-Taussky) P has no
    eigenvalue of modulus 1 and S is nonsingular with pi(S) = #{|l| < 1}, nu(S) = #{|l| > 1}.
    Fails naming the asymmetric entry, the non-positive pivot of Q, or a zero eigenvalue of S.
    """
    n = len(s)
    for i in range(n):
        for j in range(i):
            if s[i][j] != s[j][i]:
                raise Fail(f"{where}: S is not symmetric: S[{i}][{j}] = {s[i][j]} != S[{j}][{i}] = {s[j][i]}")
    failure = positive_definite_failure(mat_sub(s, matmul(transpose(p), matmul(s, p))))
    if failure:
        raise Fail(f"{where}: Q = S - P^T S P is not positive definite: {failure}")
    pos, zero, neg = symmetric_inertia(s)
    if zero or pos + neg != n:
        raise Fail(f"{where}: S has inertia (+{pos}, 0:{zero}, -{neg}), not nonsingular of size {n}")
    return pos, 0, neg


def reciprocal_counts(f: Factor, where: str) -> Counts:
    """A palindromic factor poly = x^m q(x + 1/x) with q squarefree, q(+-2) != 0 has (m-r, 2r, m-r),
    r = number of distinct real roots of q in (-2, 2) (Sturm). README §3 `reciprocal`."""
    poly, q = f.poly, f.q or []
    deg = len(poly) - 1
    if deg % 2:
        raise Fail(f"{where}: reciprocal factor of odd degree {deg}")
    m = deg // 2
    for j in range(m + 1):
        if poly[j] != poly[deg - j]:
            raise Fail(f"{where}: poly not palindromic: a_{j} = {poly[j]} != a_{deg - j} = {poly[deg - j]}")
    if len(q) != m + 1 or q[-1] != 1:
        raise Fail(f"{where}: q must be monic of degree {m}, got {len(q)} coefficients, leading {short(q[-1:])}")
    if polys.reciprocal_lift(q) != polys.trim(poly):
        raise Fail(f"{where}: x^{m} q(x + 1/x) != poly")
    if len(polys.gcd(q, polys.derivative(q))) != 1:
        raise Fail(f"{where}: q is not squarefree (gcd(q, q') is not constant)")
    for end in (Fraction(2), Fraction(-2)):
        if polys.evaluate(q, end) == 0:
            raise Fail(f"{where}: q({end}) = 0")
    r = polys.sturm_count(q, Fraction(-2), Fraction(2))
    return m - r, 2 * r, m - r


def factor_counts(f: Factor, where: str) -> Counts:
    """The (inside, on, outside) counts of one supported factor's roots, each counted once."""
    if f.kind == "linear":
        if f.poly not in ([Fraction(-1), Fraction(1)], [Fraction(1), Fraction(1)]):
            raise Fail(f"{where}: linear factor must be x - 1 or x + 1, got coefficients {[str(c) for c in f.poly]}")
        return 0, 1, 0
    if f.kind == "stein":
        return stein_counts(polys.companion(f.poly), f.S or [], where)
    return reciprocal_counts(f, where)


def factors_counts(p: list[list[Fraction]], factors: list[Factor], where: str) -> Counts:
    """Counts of P from a factorisation of det(xI - P) = prod poly^multiplicity (README §3 `factors`).

    Obligations: total degree = M; every poly monic; the product equals det(xI - P) exactly; every
    factor's own witness holds. Undecided if some factor has an unsupported kind.
    """
    n = len(p)
    total = sum((len(f.poly) - 1) * f.multiplicity for f in factors)
    if total != n:
        raise Fail(f"{where}: degrees times multiplicities add up to {total}, not M = {n}")
    product: polys.Poly = [Fraction(1)]
    for i, f in enumerate(factors):
        if f.poly[-1] != 1:
            raise Fail(f"{where}[{i}]: poly is not monic (leading coefficient {f.poly[-1]})")
        product = polys.mul(product, polys.power(f.poly, f.multiplicity))
    char = polys.charpoly(p)
    if product != char:
        j = next(j for j in range(n + 1) if j >= len(product) or product[j] != char[j])
        got = product[j] if j < len(product) else 0
        raise Fail(f"{where}: product of factors != det(xI - P): coefficient of x^{j} is {got}, expected {char[j]}")
    counts, unsupported = [0, 0, 0], None
    for i, f in enumerate(factors):
        if f.kind not in FACTOR_KINDS:
            unsupported = unsupported or f"unsupported: factor kind {short(f.kind)} at {where}[{i}]"
            continue
        for t, c in enumerate(factor_counts(f, f"{where}[{i}]")):
            counts[t] += f.multiplicity * c
    if unsupported:
        raise Undecided(unsupported)
    return counts[0], counts[1], counts[2]


def spectrum_counts(p: list[list[Fraction]], spectrum: Stein | Factors | Unsupported) -> Counts:
    """(inside, on, outside) eigenvalue counts of P proved by the witness; Fail or Undecided otherwise."""
    if isinstance(spectrum, Unsupported):
        raise Undecided(f"unsupported: {spectrum.what}")
    if isinstance(spectrum, Stein):
        return stein_counts(p, spectrum.S, "witness.spectrum")
    return factors_counts(p, spectrum.factors, "witness.spectrum.factors")
