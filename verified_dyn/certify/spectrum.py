"""Exact eigenvalue counts of a rational matrix inside / on / outside the unit circle, with a witness.

Proposition: P has exactly s, c, u eigenvalues (with multiplicity) of modulus < 1, = 1, > 1.

Decision (MATH §2): factor det(xI − P) over Q (FLINT). An irreducible factor with a root on the unit
circle is palindromic (its roots are closed under z -> 1/conj(z) = conj(z)), so
- x ± 1 has its root on the circle;
- a palindromic factor of degree 2m is x^m q(x + 1/x); its roots on the circle are the pairs from the
  real roots of q in (−2, 2), counted exactly (Sturm, sympy); the rest pair up as x, 1/x;
- every other irreducible factor has no root on the circle: Arb balls from ``complex_roots`` are refined
  until each excludes it (this terminates).

Witness for the checker (proofs/README.md §3): for hyperbolic P a Stein matrix S with S − PᵀSP ≻ 0
(inertia of S gives the counts); otherwise, or when the Stein equation is singular (eigenvalues with
λ_i λ_j = 1), the factorisation, each factor with its own witness. That one always exists: two roots
of an irreducible factor with product 1 make it palindromic (``reciprocal``), and the companion
matrix of a non-palindromic irreducible factor has no such pair, so its Stein equation is regular.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import flint
import numpy as np
import scipy.linalg
import sympy

from ..errors import CertifyError
from ..rationals import arb_precision, fmpq_mat, fmt, from_fmpq, mat_to_fractions


@dataclass(frozen=True)
class Counts:
    inside: int
    on: int
    outside: int

    @property
    def orbit_type(self) -> str:
        if self.on:
            return "non-hyperbolic"
        if not self.outside:
            return "attracting"
        return "repelling" if not self.inside else "saddle"

    def __add__(self, o: Counts) -> Counts:
        return Counts(self.inside + o.inside, self.on + o.on, self.outside + o.outside)

    def times(self, m: int) -> Counts:
        return Counts(self.inside * m, self.on * m, self.outside * m)


def monic_factors(p: flint.fmpq_poly) -> list[tuple[flint.fmpq_poly, int]]:
    """Irreducible monic factors of p over Q with multiplicities."""
    _, factors = p.factor()
    return [(flint.fmpq_poly(f) / flint.fmpq_poly(f).coeffs()[-1], m) for f, m in factors]


def is_palindromic(f: flint.fmpq_poly) -> bool:
    c = f.coeffs()
    return c == c[::-1]


def reciprocal_q(f: flint.fmpq_poly) -> flint.fmpq_poly:
    """The q with x^m q(x + 1/x) = f for palindromic f of degree 2m (x^j + x^-j = V_j(x + 1/x))."""
    c = f.coeffs()
    m = (len(c) - 1) // 2
    y = flint.fmpq_poly([0, 1])
    v_prev, v = flint.fmpq_poly([2]), y
    q = flint.fmpq_poly([c[m]])
    for j in range(1, m + 1):
        q += c[m + j] * v
        v_prev, v = v, y * v - v_prev
    return q


def _factor_counts(f: flint.fmpq_poly) -> Counts:
    deg = f.degree()
    c = f.coeffs()
    if deg == 1 and c[0] in (-1, 1):
        return Counts(0, 1, 0)
    if deg % 2 == 0 and is_palindromic(f):
        q = reciprocal_q(f)
        y = sympy.Symbol("y")
        qs = sympy.Poly([sympy.Rational(int(a.p), int(a.q)) for a in reversed(q.coeffs())], y)
        r = int(qs.count_roots(-2, 2)) - int(qs.eval(2) == 0) - int(qs.eval(-2) == 0)
        m = deg // 2
        return Counts(m - r, 2 * r, m - r)
    return _ball_counts(f)


def _ball_counts(f: flint.fmpq_poly) -> Counts:
    """Counts for a squarefree factor without unimodular roots, by refining Arb root balls."""
    for prec in (64, 128, 256, 512, 1024, 2048, 4096, 8192):
        with arb_precision(prec):
            inside = outside = 0
            for root, mult in f.complex_roots():
                a = abs(root)
                if a < 1:
                    inside += mult
                elif a > 1:
                    outside += mult
                else:
                    break
            else:
                return Counts(inside, 0, outside)
    raise CertifyError(f"could not separate the roots of {f} from the unit circle at 8192 bits")


def decide_counts(P: flint.fmpq_mat) -> tuple[Counts, list]:
    """Exact counts of P and the factor list [(monic factor, multiplicity, its counts)]."""
    total, parts = Counts(0, 0, 0), []
    for f, m in monic_factors(P.charpoly()):
        k = _factor_counts(f)
        parts.append((f, m, k))
        total = total + k.times(m)
    return total, parts


def _pd(Q: flint.fmpq_mat) -> bool:
    """Positive definiteness of a symmetric rational matrix: elimination pivots all > 0."""
    n = Q.nrows()
    a = [[Q[i, j] for j in range(n)] for i in range(n)]
    for k in range(n):
        if a[k][k] <= 0:
            return False
        for i in range(k + 1, n):
            f = a[i][k] / a[k][k]
            for j in range(k, n):
                a[i][j] -= f * a[k][j]
    return True


def stein_matrix(P: flint.fmpq_mat) -> flint.fmpq_mat:
    """A rational symmetric S with S − PᵀSP positive definite (P without unimodular eigenvalues).

    Tries the float solution of S − PᵀSP = I rounded to exact dyadics, then the exact solution.
    """
    n = P.nrows()
    Pt = P.transpose()
    Pf = np.array([[float(P[i, j]) for j in range(n)] for i in range(n)])
    if np.all(np.isfinite(Pf)):
        try:
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore")  # ill-conditioning is handled: the exact check decides
                S = scipy.linalg.solve_discrete_lyapunov(Pf.T, np.eye(n))
        except (np.linalg.LinAlgError, ValueError):
            S = np.full((n, n), np.nan)  # singular Stein operator (eigenvalues with λ_i λ_j = 1)
        if np.all(np.isfinite(S)):
            S = (S + S.T) / 2
            Sq = fmpq_mat([[float(x) for x in row] for row in S])
            if _pd(Sq - Pt * Sq * P):
                return Sq
    return _stein_exact(P)


def _stein_exact(P: flint.fmpq_mat) -> flint.fmpq_mat:
    """Solve S − PᵀSP = I exactly through the Kronecker system (n² unknowns)."""
    n = P.nrows()
    N = n * n
    K = flint.fmpq_mat(N, N)
    rhs = flint.fmpq_mat(N, 1)
    for i in range(n):
        for j in range(n):
            r = i * n + j
            K[r, r] += 1
            rhs[r, 0] = 1 if i == j else 0
            for a in range(n):
                for b in range(n):  # (PᵀSP)_ij = sum_ab P_ai S_ab P_bj
                    K[r, a * n + b] -= P[a, i] * P[b, j]
    try:
        x = K.solve(rhs)
    except (ZeroDivisionError, ValueError):
        raise CertifyError("the Stein equation S - P^T S P = I is singular (eigenvalues with product 1)") from None
    return flint.fmpq_mat(n, n, [x[r, 0] for r in range(N)])


def companion(f: flint.fmpq_poly) -> flint.fmpq_mat:
    """Companion matrix of monic f: ones on the subdiagonal, last column −(a_0, ..., a_{n−1})."""
    c = f.coeffs()
    n = len(c) - 1
    C = flint.fmpq_mat(n, n)
    for i in range(1, n):
        C[i, i - 1] = 1
    for i in range(n):
        C[i, n - 1] = -c[i]
    return C


def _json_mat(m: flint.fmpq_mat) -> list:
    return [[fmt(x) for x in row] for row in mat_to_fractions(m)]


def _json_poly(f: flint.fmpq_poly) -> list:
    return [fmt(from_fmpq(x)) for x in f.coeffs()]


def spectrum_witness(P: flint.fmpq_mat) -> tuple[Counts, dict]:
    """Exact counts of P and the certificate witness (proofs/README.md §3)."""
    counts, parts = decide_counts(P)
    if counts.on == 0:
        try:
            return counts, {"method": "stein", "S": _json_mat(stein_matrix(P))}
        except CertifyError:
            pass  # the factor witness below always exists (see module docstring)
    factors = []
    for f, m, k in parts:
        entry = {"poly": _json_poly(f), "multiplicity": m}
        if k.on and f.degree() == 1:
            entry["kind"] = "linear"
        elif k.on or (f.degree() % 2 == 0 and is_palindromic(f) and f.degree() > 0):
            entry.update(kind="reciprocal", q=_json_poly(reciprocal_q(f)))
        else:
            entry.update(kind="stein", S=_json_mat(stein_matrix(companion(f))))
        factors.append(entry)
    return counts, {"method": "factors", "factors": factors}
