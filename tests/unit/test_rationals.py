from fractions import Fraction

import numpy as np
import pytest

from verified_dyn.rationals import fmt, to_fraction


@pytest.mark.parametrize(
    "text,value",
    [
        ("17/10", Fraction(17, 10)),
        ("1.7", Fraction(17, 10)),
        ("-3", Fraction(-3)),
        ("2.5e-3", Fraction(1, 400)),
        (".5", Fraction(1, 2)),
        ("4/2", Fraction(2)),
        ("+3/6", Fraction(1, 2)),
    ],
)
def test_strings_are_exact(text, value):
    assert to_fraction(text) == value


def test_floats_are_their_exact_binary_value():
    # 0.1 as a double is 3602879701896397 / 2^55 (IEEE 754 round-to-nearest)
    assert to_fraction(0.1) == Fraction(3602879701896397, 2**55)
    # float32 0.1 is 13421773 / 2^27
    assert to_fraction(np.float32(0.1)) == Fraction(13421773, 2**27)


@pytest.mark.parametrize("bad", ["nan", "inf", "1/0", "abc", "", True, None, [1], float("nan"), float("inf")])
def test_rejects_non_numbers(bad):
    with pytest.raises(ValueError):
        to_fraction(bad)


def test_fmt_is_lowest_terms():
    assert fmt(Fraction(4, 8)) == "1/2"
    assert fmt("6/3") == "2"
    assert fmt(-0.5) == "-1/2"
