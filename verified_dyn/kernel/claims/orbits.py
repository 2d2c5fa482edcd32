"""F has a k-periodic orbit through the listed points, with the claimed eigenvalue counts of P.

Claims `periodic-orbit` (exactly (s, c, u) eigenvalues of P inside / on / outside the unit circle) and
`border-orbit` (the orbit touches a switching hyperplane). Obligations (proofs/README.md §2, §3): the k
points close under the real map F, lie in the open
(resp. closed) regions of their patterns, (border: some point has u_i = 0 at a non-inert unit), k is
minimal; eigenvalue-counts: P = M_{d_k} ... M_{d_1}, computed here, has the claimed counts, proved by
the spectrum witness: `stein` (a symmetric S with S - P^T S P positive definite; the Stein-Taussky
inertia theorem gives the counts from the inertia of S) or `factors` (a factorisation of det(xI - P)
into monic factors, each with its own witness: `linear` x -+ 1, `stein` on the companion matrix,
`reciprocal` via x^m q(x + 1/x) and a Sturm count of q on (-2, 2)); orbit_type agrees with the counts.
Indices in details are 0-based JSON positions: points[j] is z_{j+1} of the README.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core import polys
from ..core.grammar import register
from ..core.polys import Poly, divmod_poly, scale, trim
from ..core.pwa import border_units, check_closes, check_minimal, check_regions, itinerary_product, parse_orbit
from ..core.rat import (Malformed, Matrix, Vec, asymmetry, get, mat_sub, matmul, parse_dict, parse_int, parse_list,
                        parse_mat, parse_vec, positive_definite_failure, short, string, transpose)
from ..core.verdict import Fail, Undecided

Counts = tuple[int, int, int]
FACTOR_KINDS = ("stein", "reciprocal", "linear")
ORBIT_TYPES = ("attracting", "repelling", "saddle", "non-hyperbolic")


@dataclass(frozen=True)
class Stein:
    S: Matrix


@dataclass(frozen=True)
class Factor:
    poly: Vec
    multiplicity: int
    kind: str
    S: Matrix | None = None
    q: Vec | None = None


@dataclass(frozen=True)
class Factors:
    factors: list[Factor]


@dataclass(frozen=True)
class Unsupported:
    what: str


# ---- polynomial tools of the spectrum witnesses --------------------------------------------------
def add(p: Poly, q: Poly) -> Poly:
    """p + q."""
    n = max(len(p), len(q))
    return trim([(p[i] if i < len(p) else Fraction(0)) + (q[i] if i < len(q) else 0) for i in range(n)])


def mul(p: Poly, q: Poly) -> Poly:
    """p q."""
    if not p or not q:
        return []
    out = [Fraction(0)] * (len(p) + len(q) - 1)
    for i, x in enumerate(p):
        if x:
            for j, y in enumerate(q):
                out[i + j] += x * y
    return trim(out)


def power(p: Poly, n: int) -> Poly:
    """p ** n for n >= 0."""
    out: Poly = [Fraction(1)]
    for _ in range(n):
        out = mul(out, p)
    return out


def gcd(p: Poly, q: Poly) -> Poly:
    """The monic gcd of p and q by Euclid's algorithm ([] if both are zero)."""
    while q:
        p, q = q, divmod_poly(p, q)[1]
    return scale(p, 1 / p[-1]) if p else []


def reflect(p: Poly) -> Poly:
    """p(-x)."""
    return [x if i % 2 == 0 else -x for i, x in enumerate(p)]


def companion(p: Poly) -> Matrix:
    """The companion matrix of a monic p of degree n >= 1: ones on the subdiagonal, last column
    -(a_0, ..., a_{n-1}); its characteristic polynomial is p."""
    n = len(p) - 1
    c = [[Fraction(int(i == j + 1)) for j in range(n)] for i in range(n)]
    for i in range(n):
        c[i][n - 1] = -p[i]
    return c


def reciprocal_lift(q: Poly) -> Poly:
    """x^m q(x + 1/x) for q of degree m, i.e. sum_j q_j x^(m-j) (x^2 + 1)^j."""
    m = len(q) - 1
    out: Poly = []
    for j, c in enumerate(q):
        x_mj = [Fraction(0)] * (m - j) + [Fraction(1)]
        out = add(out, scale(mul(x_mj, power([Fraction(1), Fraction(0), Fraction(1)], j)), c))
    return out


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


def symmetric_inertia(s: Matrix) -> Counts:
    """(positive, zero, negative) eigenvalue counts of a symmetric rational matrix, exactly.

    All roots of p = det(xI - S) are real, so Descartes' rule is exact: positives = sign changes of p,
    negatives = sign changes of p(-x), zeros = index of the lowest nonzero coefficient.
    """
    p = polys.charpoly(s)
    zero = next(i for i, c in enumerate(p) if c != 0)
    return polys.sign_changes(p), zero, polys.sign_changes(reflect(p))


def stein_counts(p: Matrix, s: Matrix, where: str) -> Counts:
    """P has (s, 0, u) eigenvalues inside / on / outside the unit circle, s = pi(S), u = nu(S).

    Hypotheses checked: S symmetric; Q = S - P^T S P positive definite. Then (Stein-Taussky) P has no
    eigenvalue of modulus 1 and S is nonsingular with pi(S) = #{|l| < 1}, nu(S) = #{|l| > 1}.
    Fails naming the asymmetric entry, the non-positive pivot of Q, or a zero eigenvalue of S.
    """
    n, bad = len(s), asymmetry(s)
    if bad:
        i, j = bad
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
    if reciprocal_lift(q) != trim(poly):
        raise Fail(f"{where}: x^{m} q(x + 1/x) != poly")
    if len(gcd(q, polys.derivative(q))) != 1:
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
        return stein_counts(companion(f.poly), f.S or [], where)
    return reciprocal_counts(f, where)


def factors_counts(p: Matrix, factors: list[Factor], where: str) -> Counts:
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
        product = mul(product, power(f.poly, f.multiplicity))
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


def spectrum_counts(p: Matrix, spectrum: Stein | Factors | Unsupported) -> Counts:
    """(inside, on, outside) eigenvalue counts of P proved by the witness; Fail or Undecided otherwise."""
    if isinstance(spectrum, Unsupported):
        raise Undecided(f"unsupported: {spectrum.what}")
    if isinstance(spectrum, Stein):
        return stein_counts(p, spectrum.S, "witness.spectrum")
    return factors_counts(p, spectrum.factors, "witness.spectrum.factors")


def _parse(ns: Any) -> None:
    ns.k = parse_int(get(ns.claim, "period", "claim"), "claim.period", lo=1)
    ns.itinerary, ns.points = parse_orbit(get(ns.claim, "itinerary", "claim"), get(ns.witness, "points", "witness"),
                                          ns.nf, ns.k, "claim.itinerary", "witness.points")


def _parse_periodic(ns: Any) -> None:
    _parse(ns)
    ev = parse_dict(get(ns.claim, "eigenvalues", "claim"), "claim.eigenvalues")
    ns.counts = tuple(parse_int(get(ev, key, "claim.eigenvalues"), f"claim.eigenvalues.{key}", lo=0)
                      for key in ("inside", "on", "outside"))
    if sum(ns.counts) != ns.nf.M:
        raise Malformed(f"claim.eigenvalues: inside + on + outside = {sum(ns.counts)}, not M = {ns.nf.M}")
    ns.orbit_type = string(ns.claim, "orbit_type", "claim")
    if ns.orbit_type not in ORBIT_TYPES:
        raise Malformed(f"claim.orbit_type: {short(ns.orbit_type)} is not one of {', '.join(ORBIT_TYPES)}")
    ns.spectrum = parse_spectrum(get(ns.witness, "spectrum", "witness"), ns.nf.M)


def check_touches_border(ns: Any) -> str:
    """Some non-inert unit i has u_i(z_j) = 0 for some j. Fails if no orbit point is on a border."""
    for j, z in enumerate(ns.points):
        units = border_units(ns.nf, z)
        if units:
            return f"points[{j}] has u = 0 at non-inert unit {units[0]}"
    raise Fail("no point has a zero pre-activation at a non-inert unit")


def orbit_type_of(counts: Counts) -> str:
    """The type of (s, c, u): attracting u = c = 0; repelling s = c = 0; non-hyperbolic c > 0; saddle."""
    s, c, u = counts
    if c > 0:
        return "non-hyperbolic"
    if u == 0:
        return "attracting"
    return "repelling" if s == 0 else "saddle"


def check_eigenvalue_counts(ns: Any) -> str:
    """P has exactly the claimed (s, c, u), proved by the spectrum witness, and orbit_type agrees."""
    proved = spectrum_counts(itinerary_product(ns.nf, ns.itinerary), ns.spectrum)
    if proved != ns.counts:
        raise Fail(f"the witness proves (inside, on, outside) = {proved}, the claim says {ns.counts}")
    kind = orbit_type_of(proved)
    if kind != ns.orbit_type:
        raise Fail(f"orbit_type {ns.orbit_type!r} but counts {proved} make it {kind!r}")
    return f"(inside, on, outside) = {proved}, {kind}"


register("periodic-orbit", _parse_periodic, {
    "orbit-closes": lambda ns: check_closes(ns.nf, ns.points),
    "open-regions": lambda ns: check_regions(ns.nf, ns.points, ns.itinerary, True),
    "minimal-period": lambda ns: check_minimal(ns.points), "eigenvalue-counts": check_eigenvalue_counts})
register("border-orbit", _parse, {
    "orbit-closes": lambda ns: check_closes(ns.nf, ns.points),
    "closed-regions": lambda ns: check_regions(ns.nf, ns.points, ns.itinerary, False),
    "touches-border": check_touches_border, "minimal-period": lambda ns: check_minimal(ns.points)})
