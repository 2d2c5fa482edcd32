"""The rational grammar and exact matrix algebra of the checker (proofs/README.md §1)."""

from fractions import Fraction as F

import pytest

from verified_dyn.kernel.core import rat
from verified_dyn.kernel.core.rat import Malformed


@pytest.mark.parametrize(
    "text, value",
    [
        ("3", F(3)),
        ("-17/10", F(-17, 10)),
        ("2/4", F(1, 2)),
        ("-0", F(0)),
        ("007", F(7)),
        ("0/5", F(0)),
    ],
)
def test_rationals_mean_their_value(text, value):
    assert rat.parse_rational(text, "x") == value


@pytest.mark.parametrize(
    "bad",
    [
        "1/0",
        "1.5",
        "1e3",
        "+3",
        " 3",
        "3 ",
        "3/-4",
        "",
        "/2",
        "abc",
        "1//2",
        "\u0663",  # Arabic-Indic 3
        1,
        1.5,
        True,
        None,
        ["1"],
        "9" * 5000,
    ],
)
def test_bad_rationals_are_malformed(bad):
    with pytest.raises(Malformed):
        rat.parse_rational(bad, "x")


def test_ints_refuse_booleans_and_floats():
    assert rat.parse_int(3, "k", lo=1) == 3
    for bad in (True, False, 3.0, "3"):
        with pytest.raises(Malformed):
            rat.parse_int(bad, "k")
    with pytest.raises(Malformed, match="out of range"):
        rat.parse_int(0, "k", lo=1)


def test_shapes():
    assert rat.parse_mat([[], []], 2, 0, "W1") == [[], []]  # no columns: empty rows
    with pytest.raises(Malformed, match=r"A\[1\]: expected 2 entries, got 1"):
        rat.parse_mat([["1", "2"], ["3"]], 2, 2, "A")
    with pytest.raises(Malformed, match="expected a list"):
        rat.parse_vec("1", 1, "h")


def test_matrix_algebra():
    a = [[F(1), F(2)], [F(3), F(4)]]
    assert rat.matmul(a, a) == [[7, 10], [15, 22]]  # by hand
    assert rat.matvec(a, [F(1), F(-1)]) == [-1, -1]
    assert rat.transpose(a) == [[1, 3], [2, 4]]
    assert rat.identity(2) == [[1, 0], [0, 1]]
    assert rat.matvec([[], []], []) == [0, 0]  # M x 0 times a 0-vector
    assert rat.canonical(F(-34, 20)) == "-17/10"
