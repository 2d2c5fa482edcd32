"""Spectrum witnesses (proofs/README.md §3); expected counts worked out by hand in comments."""

from fractions import Fraction as F

import pytest

from verified_dyn.kernel.claims import orbits as sp
from verified_dyn.kernel.core.rat import Malformed
from verified_dyn.kernel.core.verdict import Fail, Undecided


def M(rows):
    return [[F(x) for x in row] for row in rows]


def test_positive_definite_pivots():
    assert sp.positive_definite_failure(M([[2, 1], [1, 2]])) is None  # pivots 2, 3/2
    assert sp.positive_definite_failure(M([[1, 2], [2, 1]])) == "pivot 1 is -3"  # 1 - 4
    assert sp.positive_definite_failure(M([[0, 0], [0, 1]])) == "pivot 0 is 0"


@pytest.mark.parametrize(
    "s, expected",
    [
        ([[1, 0, 0], [0, -2, 0], [0, 0, 3]], (2, 0, 1)),  # diagonal: signs of the entries
        ([[0, 1], [1, 0]], (1, 0, 1)),  # eigenvalues +1, -1
        ([[1, 1], [1, 1]], (1, 1, 0)),  # eigenvalues 2, 0
        ([[2, 1], [1, 2]], (2, 0, 0)),  # eigenvalues 3, 1
    ],
)
def test_symmetric_inertia(s, expected):
    assert sp.symmetric_inertia(M(s)) == expected


# P = diag(1/2, 3); S = diag(4/3, -1/8): Q = S - P S P = diag(4/3 * 3/4, -1/8 * (1 - 9)) = I.
P_SADDLE = M([[F(1, 2), 0], [0, 3]])


def test_stein_counts_saddle():
    assert sp.stein_counts(P_SADDLE, M([["4/3", 0], [0, "-1/8"]]), "S") == (1, 0, 1)


def test_stein_rejects_asymmetric_S():
    with pytest.raises(Fail, match=r"not symmetric: S\[1\]\[0\] = 0 != S\[0\]\[1\] = 1"):
        sp.stein_counts(P_SADDLE, M([["4/3", 1], [0, "-1/8"]]), "S")


def test_stein_rejects_S_whose_Q_is_not_positive_definite():
    # S = I: Q = diag(1 - 1/4, 1 - 9) = diag(3/4, -8): the second pivot is -8
    with pytest.raises(Fail, match="not positive definite: pivot 1 is -8"):
        sp.stein_counts(P_SADDLE, M([[1, 0], [0, 1]]), "S")


def factor(poly, kind, mult=1, **extra):
    return sp.Factor([F(c) for c in poly], mult, kind, **extra)


def test_factors_linear_and_stein():
    # P = diag(1, 2): det(xI - P) = (x - 1)(x - 2); x - 2 has companion [[2]], S = -1/3, Q = 1
    p = M([[1, 0], [0, 2]])
    fs = [factor([-1, 1], "linear"), factor([-2, 1], "stein", S=M([["-1/3"]]))]
    assert sp.factors_counts(p, fs, "f") == (0, 1, 1)


@pytest.mark.parametrize(
    "poly, q, expected",
    [
        ([1, -1, 1], [-1, 1], (0, 2, 0)),  # q = y - 1, root 1 in (-2, 2): e^{+-i pi/3}
        ([1, 1, 1], [1, 1], (0, 2, 0)),  # q = y + 1, root -1: cube roots of unity
        ([1, -3, 1], [-3, 1], (1, 0, 1)),  # q = y - 3: roots (3 +- sqrt 5)/2, 0.38 and 2.62
        ([1, 0, 0, 0, 1], [-2, 0, 1], (0, 4, 0)),  # x^4 + 1, q = y^2 - 2, roots +-sqrt 2 in (-2, 2)
    ],
)
def test_reciprocal_counts(poly, q, expected):
    assert sp.reciprocal_counts(factor(poly, "reciprocal", q=[F(c) for c in q]), "f") == expected


@pytest.mark.parametrize(
    "poly, q, message",
    [
        ([1, 0, 1, 1], [1, 1], "odd degree"),
        ([1, -1, 2], [-1, 1], "not palindromic"),
        ([1, -1, 1], [-2, 1], r"x\^1 q\(x \+ 1/x\) != poly"),
        ([1, -1, 1], [-1, 2], "monic of degree 1"),
        ([1, 0, 2, 0, 1], [0, 0, 1], "not squarefree"),  # q = y^2: (x^2 + 1)^2
        ([1, -2, 1], [-2, 1], r"q\(2\) = 0"),  # (x - 1)^2 = x q(x + 1/x), q = y - 2
    ],
)
def test_reciprocal_failures(poly, q, message):
    with pytest.raises(Fail, match=message):
        sp.reciprocal_counts(factor(poly, "reciprocal", q=[F(c) for c in q]), "f")


def test_factors_failures():
    p = M([[1, 0], [0, 2]])  # det(xI - P) = x^2 - 3x + 2
    with pytest.raises(Fail, match="add up to 1, not M = 2"):
        sp.factors_counts(p, [factor([-1, 1], "linear")], "f")
    with pytest.raises(Fail, match="coefficient of x\\^0 is 1, expected 2"):  # (x-1)^2 = x^2 - 2x + 1
        sp.factors_counts(p, [factor([-1, 1], "linear", mult=2)], "f")
    with pytest.raises(Fail, match="not monic"):
        sp.factors_counts(p, [factor([-2, 2, 2], "linear")], "f")
    with pytest.raises(Fail, match="must be x - 1 or x \\+ 1"):
        sp.factors_counts(p, [factor([-1, 1], "linear"), factor([-2, 1], "linear")], "f")
    with pytest.raises(Fail, match="add up to 1000000000"):  # huge multiplicity: refused before any power
        sp.factors_counts(p, [factor([-1, 1], "linear", mult=10**9)], "f")


def test_unsupported_factor_kind_is_undecided_but_a_wrong_product_still_fails():
    p = M([[1, 0], [0, 2]])
    fs = [factor([-1, 1], "linear"), factor([-2, 1], "interval-roots")]
    with pytest.raises(Undecided, match="unsupported: factor kind 'interval-roots'"):
        sp.factors_counts(p, fs, "f")
    with pytest.raises(Fail):
        sp.factors_counts(p, [factor([-1, 1], "linear"), factor([-3, 1], "interval-roots")], "f")


def test_parse_spectrum():
    assert isinstance(sp.parse_spectrum({"method": "schur-cohn"}, 1), sp.Unsupported)
    st = sp.parse_spectrum({"method": "stein", "S": [["-1/3"]]}, 1)
    assert st == sp.Stein([[F(-1, 3)]])
    with pytest.raises(Malformed, match=r"S\[0\]: expected 1 entries, got 2"):
        sp.parse_spectrum({"method": "stein", "S": [["1", "2"]]}, 1)
    with pytest.raises(Malformed, match="multiplicity: expected an integer, got bool"):
        sp.parse_spectrum(
            {"method": "factors", "factors": [{"poly": ["1", "1"], "multiplicity": True, "kind": "linear"}]}, 1
        )
    with pytest.raises(Malformed, match="degree >= 1"):
        sp.parse_spectrum({"method": "factors", "factors": [{"poly": ["1"], "multiplicity": 1, "kind": "linear"}]}, 1)
    with pytest.raises(Malformed, match=r"factors\[0\].S: expected 2 entries"):  # n = deg poly = 2
        sp.parse_spectrum(
            {
                "method": "factors",
                "factors": [{"poly": ["1", "1", "1"], "multiplicity": 1, "kind": "stein", "S": [["1"]]}],
            },
            2,
        )
