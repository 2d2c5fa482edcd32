"""The ctrnn certifiers: sympy facts against a hand-made table, exact linear algebra, Euler constants."""

from fractions import Fraction

import pytest
import sympy

from verified_dyn.certify import ctrnn_euler, ctrnn_planar, ctrnn_structure
from verified_dyn.certify.ctrnn_common import inverse, nullspace, solve_exact
from verified_dyn.certify.ctrnn_symbolic import activation_facts, dH_dt, g_formula, skew_identity
from verified_dyn.kernel import check
from verified_dyn.models import load_model, model_from_dict

J = [[0, 1], [-1, 0]]


def ctrnn(activation, W=J, **kw):
    return model_from_dict({"kind": "ctrnn", "W": W, "activation": activation, **kw})


# hand facts (MATH §5.5): odd, t s(t) > 0, coercive G, integral of s on (0, oo)
HAND = {
    "tanh": (True, True, True, "oo"),
    "softsign": (True, True, True, "oo"),
    "linear": (True, True, True, "oo"),
    "hardtanh": (True, True, True, "oo"),
    "x*exp(-x**2)": (True, True, False, "1/2"),
    "sigmoid": (False, False, False, "oo"),
    "relu": (False, False, False, "oo"),
    "rectified-tanh": (False, False, False, "oo"),
    "sin": (True, False, False, None),
    "tanh(x) + tanh(x)**2/2": (False, True, True, "oo"),
}


@pytest.mark.parametrize("activation", sorted(HAND))
def test_sympy_facts_match_hand_derivations(activation):
    f = activation_facts(ctrnn(activation))
    odd, sign, coercive, plus = HAND[activation]
    assert (f.odd, f.sign, f.coercive, f.integral_plus) == (odd, sign, coercive, plus)
    assert f.g_checked or activation == "sin" or f.g is not None


def test_g_formula_and_symbolic_derivative():
    assert g_formula(load_model("skew_tanh_2d")) == "log(cosh(x1)) + log(cosh(x2))"
    assert dH_dt(load_model("skew_tanh_2d")) == 0
    s = sympy.Function("s")
    x1, x2 = sympy.symbols("x1 x2", real=True)
    # W = [[1, 1], [0, 0]]: dG/dt = s1 (s1 + s2) = s^T S s with S = [[1, 1/2], [1/2, 0]]
    assert sympy.expand(dH_dt(ctrnn("tanh", [[1, 1], [0, 0]])) - s(x1) ** 2 - s(x1) * s(x2)) == 0
    assert all(skew_identity(n) for n in (2, 3, 4))


def test_exact_linear_algebra_helpers():
    W = [[Fraction(v) for v in r] for r in ([0, 1, 2], [-1, 0, 3], [-2, -3, 0])]
    (u,) = nullspace(W, 3)
    assert all(sum(W[i][k] * u[k] for k in range(3)) == 0 for i in range(3)) and any(u)
    assert inverse(W) is None and inverse([[0, 1], [-1, 0]]) == [[0, -1], [1, 0]]
    assert solve_exact([[1, 2], [2, 4]], [1, 3]) is None
    x = solve_exact([[1, 2], [2, 4]], [1, 2])
    assert x[0] + 2 * x[1] == 1


def test_bias_b_equal_minus_W_c_gives_the_shifted_invariant():
    m = ctrnn("tanh", b=["-1/2", "1/4"])  # b = -J c with c = (1/4, 1/2)
    att = ctrnn_structure.certify_conserved(m)
    assert att.certificates[0]["claim"]["c"] == ["1/4", "1/2"]
    assert check(att.certificates[0]).verdict == "PROVED"
    assert dH_dt(m, [Fraction(1, 4), Fraction(1, 2)]) == 0


def test_form_s_of_Wx():
    m = ctrnn("tanh", form="s(W*x)")
    for f in (ctrnn_structure.certify_conserved, ctrnn_structure.certify_bounded, ctrnn_structure.certify_equilibria):
        assert check(f(m).certificates[0]).verdict == "PROVED"
    assert "b is not" in ctrnn_structure.certify_conserved(ctrnn("tanh", b=[1, 0], W=[[0, 0], [0, 0]])).reason


def test_reasons_instead_of_certificates():
    assert "vanishes" in ctrnn_structure.certify_bounded(ctrnn("relu")).reason
    assert "1/2" in ctrnn_structure.certify_bounded(load_model("skew_gauss_2d")).reason
    assert "nonzero diagonal" in ctrnn_structure.certify_volume(ctrnn("tanh", [[1, 1], [-1, 0]])).reason
    assert "vanishes" in ctrnn_planar.certify_periodic(ctrnn("rectified-tanh")).reason
    assert ctrnn_planar.escape_candidate(load_model("skew_gauss_2d")) == [Fraction(3, 2)] * 2
    assert ctrnn_planar.escape_candidate(load_model("skew_tanh_2d")) is None


def test_euler_constants():
    # tanh: L = sup s' = 1, sigma = 1; W = 2J: B = 2^2 + 2^2 = 8, C = (h^2/2) * 8 = 4 h^2
    m = ctrnn("tanh", [[0, 2], [-2, 0]])
    assert ctrnn_euler.activation_constants(m) == (1, 1, True, True)
    att = ctrnn_euler.certify_energy_bound(m, "1/10")
    assert att.certificates[0]["claim"]["C"] == "1/25" and check(att.certificates[0]).verdict == "PROVED"
    assert "nondecreasing" in ctrnn_euler.certify_energy_bound(load_model("skew_gauss_2d"), "1/10").reason
    lin = ctrnn_euler.certify_linear_growth(ctrnn("linear", [[0, 2], [-2, 0]]), "1/10")
    assert lin.certificates[0]["claim"]["c"] == "26/25"  # 1 + h^2 w^2 = 1 + 4/100
    assert "not a multiple" in ctrnn_euler.certify_linear_growth(ctrnn("linear", [[0, 1], [-2, 0]]), "1/10").reason
