"""The period enclosure (proofs/README.md §6.5): certifier-made certificates, then attacks on them.

Independent expectations: for the linear activation the period is exactly 2 pi / |w| (closed form);
widening brackets can only make the kernel undecided, never prove a shifted enclosure.
"""

import math
from fractions import Fraction

import pytest

from verified_dyn.certify.ctrnn_planar import certify_period
from verified_dyn.kernel import check
from verified_dyn.models import load_model, model_from_dict
from verified_dyn.testing.strategies import set_field as edit


@pytest.fixture(scope="module")
def tanh_cert():
    return certify_period(load_model("skew_tanh_2d"), 1, cells=40).certificates[0]


def first_bad(v):
    return next((o["name"] for o in v.obligations if o["status"] in ("failed", "unknown")), None)


def test_the_certifier_output_is_proved(tanh_cert):
    assert check(tanh_cert).verdict == "PROVED"


@pytest.mark.parametrize("w", ["1", "3/2", "-2"])
def test_linear_activation_encloses_two_pi_over_w(w):
    m = model_from_dict({"kind": "ctrnn", "W": [["0", w], [str(-Fraction(w)), "0"]], "activation": "linear"})
    c = certify_period(m, Fraction(7, 5), cells=30).certificates[0]
    assert check(c).verdict == "PROVED"
    lo, hi = (float(Fraction(x)) for x in c["claim"]["period"])
    exact = 2 * math.pi / abs(float(Fraction(w)))
    assert lo <= exact <= hi and hi - lo < 1e-3


def test_shifted_enclosure_is_refuted(tanh_cert):
    lo, hi = (Fraction(x) for x in tanh_cert["claim"]["period"])
    shifted = edit(tanh_cert, ["claim", "period"], [str(lo + Fraction(1, 1000)), str(hi + Fraction(1, 1000))])
    v = check(shifted)
    assert v.verdict == "REFUTED" and first_bad(v) == "period"


def test_perturbed_level_point_is_refuted(tanh_cert):
    xs = list(tanh_cert["witness"]["x_values"])
    xs[7] = str(Fraction(xs[7]) + Fraction(1, 10**6))
    v = check(edit(tanh_cert, ["witness", "x_values"], xs))
    assert v.verdict == "REFUTED" and first_bad(v) == "level-points"


def test_wrong_turning_point_is_refuted(tanh_cert):
    a = [str(Fraction(x) * Fraction(9, 10)) for x in tanh_cert["witness"]["a"]]
    v = check(edit(tanh_cert, ["witness", "a"], a))
    assert v.verdict == "REFUTED" and first_bad(v) == "endpoint"


def test_huge_radius_leaves_the_enclosure_undecided(tanh_cert):
    v = check(edit(tanh_cert, ["witness", "radius"], "1/100"))
    assert v.verdict != "PROVED"


def test_low_precision_is_inconclusive(tanh_cert):
    v = check(edit(tanh_cert, ["witness", "precision_bits"], 30))
    assert v.verdict == "INCONCLUSIVE" and "precision_bits" in v.reason


def test_point_off_the_axis_is_malformed(tanh_cert):
    v = check(edit(tanh_cert, ["claim", "x0"], ["1", "1/2"]))
    assert v.verdict == "REFUTED" and first_bad(v) == "well-formed"


def test_gauss_orbits_near_the_separatrix():
    # g(A) = (1 - exp(-A^2))/2 < 1/2: the level of (A, 0) is closed for every A, but for large A the orbit
    # creeps along the separatrix (float period about 51.41 at A = 2, 419 at A = 3)
    m = load_model("skew_gauss_2d")
    att = certify_period(m, 2)
    assert check(att.certificates[0]).verdict == "PROVED"
    lo, hi = (float(Fraction(x)) for x in att.certificates[0]["claim"]["period"])
    assert lo < 51.4119 < hi
    far = certify_period(m, 3)
    assert not far.certificates and "no tight enclosure" in far.reason
