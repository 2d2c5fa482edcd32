"""Exact univariate polynomials over Q: characteristic polynomials and real root counting (README §3).

A polynomial is a list of Fractions, constant term first, with no trailing zeros (the zero polynomial
is []).
"""
from __future__ import annotations

from fractions import Fraction

from .rat import Matrix, matmul

Poly = list[Fraction]


def trim(p: list[Fraction] | list[int]) -> Poly:
    """p as Fractions without trailing zero coefficients."""
    q = [Fraction(x) for x in p]
    while q and q[-1] == 0:
        q.pop()
    return q


def scale(p: Poly, c: Fraction) -> Poly:
    """c p."""
    return trim([c * x for x in p])


def divmod_poly(a: Poly, b: Poly) -> tuple[Poly, Poly]:
    """(quotient, remainder) of a by the nonzero b, with deg remainder < deg b."""
    if not b:
        raise ZeroDivisionError("polynomial division by zero")
    r, q = list(a), [Fraction(0)] * max(len(a) - len(b) + 1, 0)
    while len(r) >= len(b):
        c = r[-1] / b[-1]
        shift = len(r) - len(b)
        q[shift] = c
        for i, y in enumerate(b):
            r[shift + i] -= c * y
        r = trim(r)
    return trim(q), r


def derivative(p: Poly) -> Poly:
    """p'."""
    return trim([i * x for i, x in enumerate(p)][1:])


def evaluate(p: Poly, x: Fraction) -> Fraction:
    """p(x) by Horner's rule."""
    acc = Fraction(0)
    for c in reversed(p):
        acc = acc * x + c
    return acc


def charpoly(a: Matrix) -> Poly:
    """det(xI - A) of a square matrix, exactly (Faddeev-LeVerrier).

    M_0 = 0, c_n = 1; M_k = A M_{k-1} + c_{n-k+1} I and c_{n-k} = -tr(A M_k) / k for k = 1..n.
    """
    n = len(a)
    c = [Fraction(0)] * (n + 1)
    c[n] = Fraction(1)
    mk = [[Fraction(0)] * n for _ in range(n)]
    for k in range(1, n + 1):
        mk = matmul(a, mk)
        for i in range(n):
            mk[i][i] += c[n - k + 1]
        amk = matmul(a, mk)
        c[n - k] = -sum((amk[i][i] for i in range(n)), Fraction(0)) / k
    return c


def sign_changes(coeffs: list[Fraction]) -> int:
    """The number of sign changes in a coefficient sequence, zeros ignored (Descartes)."""
    signs = [x > 0 for x in coeffs if x != 0]
    return sum(1 for s, t in zip(signs, signs[1:]) if s != t)


def sturm_count(p: Poly, a: Fraction, b: Fraction) -> int:
    """The number of distinct real roots of the nonzero p in the open interval (a, b), a < b.

    Roots at a or b are divided out first; then Sturm's theorem: V(a) - V(b) for the sequence
    p_0 = p, p_1 = p', p_{i+1} = -rem(p_{i-1}, p_i), V = sign changes (zeros ignored).
    """
    if not p or not a < b:
        raise ValueError("sturm_count needs a nonzero polynomial and a < b")
    for end in (a, b):
        while len(p) > 1 and evaluate(p, end) == 0:
            p = divmod_poly(p, [-end, Fraction(1)])[0]
    seq = [p, derivative(p)]
    while seq[-1]:
        seq.append(scale(divmod_poly(seq[-2], seq[-1])[1], Fraction(-1)))
    seq.pop()
    return sign_changes([evaluate(s, a) for s in seq]) - sign_changes([evaluate(s, b) for s in seq])
