"""Exact polynomial tools of the checker; every expected value is worked out by hand in a comment."""

from fractions import Fraction as F

import pytest

from verified_dyn.kernel.claims import orbits
from verified_dyn.kernel.core import polys


def P(*cs):
    return [F(c) for c in cs]


@pytest.mark.parametrize(
    "matrix, expected",
    [
        ([[2]], P(-2, 1)),  # x - 2
        ([[0, -1], [1, 1]], P(1, -1, 1)),  # trace 1, det 1: x^2 - x + 1
        ([[1, 2], [3, 4]], P(-2, -5, 1)),  # trace 5, det 4 - 6 = -2
        ([[1, 7, 5], [0, 2, 9], [0, 0, 3]], P(-6, 11, -6, 1)),  # triangular: (x-1)(x-2)(x-3)
        ([[2, 0, 0], [0, 0, 1], [0, -1, 0]], P(-2, 1, -2, 1)),  # (x-2)(x^2+1) = x^3 - 2x^2 + x - 2
        ([["1/2", 0], [0, "1/3"]], P("1/6", "-5/6", 1)),  # (x-1/2)(x-1/3)
    ],
)
def test_charpoly_of_known_matrices(matrix, expected):
    a = [[F(x) for x in row] for row in matrix]
    assert polys.charpoly(a) == expected


def test_charpoly_of_companion_is_the_polynomial():
    p = P(5, -3, 0, 2, 1)  # x^4 + 2x^3 - 3x + 5: the companion matrix is built for it
    c = orbits.companion(p)
    assert c[1][0] == 1 and c[0][3] == -5 and c[3][3] == -2  # subdiagonal ones, last column -a_j
    assert polys.charpoly(c) == p


def test_arithmetic():
    assert orbits.mul(P(-1, 1), P(1, 1)) == P(-1, 0, 1)  # (x-1)(x+1) = x^2 - 1
    assert orbits.power(P(1, 1), 3) == P(1, 3, 3, 1)  # binomial
    assert orbits.add(P(1, 2, 3), P(0, 0, -3)) == P(1, 2)  # trailing zero trimmed
    q, r = polys.divmod_poly(P(-1, 0, 0, 1), P(-1, 1))  # x^3 - 1 = (x-1)(x^2+x+1)
    assert q == P(1, 1, 1) and r == []
    q, r = polys.divmod_poly(P(1, 0, 1), P(0, 2))  # x^2 + 1 = (2x)(x/2) + 1
    assert q == P(0, "1/2") and r == P(1)
    assert polys.derivative(P(7, 1, 3)) == P(1, 6)  # (3x^2 + x + 7)' = 6x + 1
    assert polys.evaluate(P(3, -1, -3, 1), F(2)) == -3  # 8 - 12 - 2 + 3


def test_gcd_finds_the_repeated_root():
    p = P(1, -1, -1, 1)  # (x-1)^2 (x+1) = x^3 - x^2 - x + 1
    assert orbits.gcd(p, polys.derivative(p)) == P(-1, 1)  # p' = (3x+1)(x-1)
    assert orbits.gcd(P(-1, 0, 1), P(2, 1)) == P(1)  # x^2 - 1 and x + 2 are coprime


def test_descartes_sign_changes():
    p = P(3, -1, -3, 1)  # (y-1)(y+1)(y-3) = y^3 - 3y^2 - y + 3
    assert polys.sign_changes(p) == 2  # + - - +: two positive roots 1, 3
    assert polys.sign_changes(orbits.reflect(p)) == 1  # p(-y) = -y^3 - 3y^2 + y + 3: one negative root
    assert polys.sign_changes(P(1, 0, 0, -1)) == 1  # zeros are skipped


@pytest.mark.parametrize(
    "p, a, b, expected",
    [
        (P(3, -1, -3, 1), -2, 2, 2),  # roots -1, 1, 3: two in (-2, 2)
        (P(3, -1, -3, 1), -2, 4, 3),
        (P(3, -1, -3, 1), 1, 3, 0),  # both endpoints are roots and are excluded
        (P(3, -1, -3, 1), -1, 3, 1),  # only 1 is strictly inside
        (P(1, -1, -1, 1), -2, 2, 2),  # (y-1)^2 (y+1): distinct roots -1, 1 (not squarefree)
        (P(1, 0, 1), -10, 10, 0),  # y^2 + 1: no real roots
        (P(-2, 0, 1), -2, 2, 2),  # +-sqrt(2)
        (P(-4, 0, 1), -2, 2, 0),  # +-2 are endpoints
        (P(5), -1, 1, 0),  # a nonzero constant
    ],
)
def test_sturm_counts(p, a, b, expected):
    assert polys.sturm_count(p, F(a), F(b)) == expected


def test_sturm_rejects_zero_polynomial_and_empty_interval():
    with pytest.raises(ValueError):
        polys.sturm_count([], F(0), F(1))
    with pytest.raises(ValueError):
        polys.sturm_count(P(1, 1), F(1), F(1))


def test_reciprocal_lift():
    assert orbits.reciprocal_lift(P(-1, 1)) == P(1, -1, 1)  # x (x + 1/x - 1) = x^2 - x + 1
    assert orbits.reciprocal_lift(P(-2, 0, 1)) == P(1, 0, 0, 0, 1)  # x^2((x+1/x)^2 - 2) = x^4 + 1
    assert orbits.reciprocal_lift(P(-3, 1)) == P(1, -3, 1)  # x^2 - 3x + 1


# Cross-checks against sympy (an independent implementation; the kernel itself never imports it).
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

small = st.integers(-4, 4)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 4).flatmap(lambda n: st.lists(st.lists(small, min_size=n, max_size=n), min_size=n, max_size=n)))
def test_charpoly_agrees_with_sympy(rows):
    import sympy

    x = sympy.Symbol("x")
    expected = sympy.Poly(sympy.Matrix(rows).charpoly(x).as_expr(), x).all_coeffs()[::-1]
    assert polys.charpoly([[F(v) for v in r] for r in rows]) == [F(int(c)) for c in expected]


@settings(max_examples=40, deadline=None)
@given(st.lists(small, min_size=2, max_size=6).filter(lambda c: c[-1] != 0))
def test_sturm_agrees_with_sympy(coeffs):
    import sympy

    x = sympy.Symbol("x")
    p = sympy.Poly(list(reversed(coeffs)), x)
    roots = {r for r in sympy.real_roots(p) if -2 < r < 2}
    assert polys.sturm_count([F(c) for c in coeffs], F(-2), F(2)) == len(roots)
