"""The exact ctrnn model: the hash of proofs/README.md §6.1, the activation parser, symbolic and float views."""

import hashlib
import json

import pytest
import sympy

from verified_dyn.errors import ModelError
from verified_dyn.models import load_model, model_from_dict
from verified_dyn.models.ctrnn import ACTIVATIONS, ANTIDERIVATIVES, canonical_activation, check_activation


def readme_hash(W, b, activation, form):
    text = json.dumps(
        {"W": W, "b": b, "activation": activation, "form": form}, sort_keys=True, separators=(",", ":")
    ).encode("ascii")
    return "sha256:" + hashlib.sha256(text).hexdigest()


def test_hash_follows_the_readme_definition():
    m = model_from_dict({"kind": "ctrnn", "W": [[0, "0.5"], ["-1/2", 0]], "activation": "x * exp(-x**2)"})
    assert m.hash == readme_hash([["0", "1/2"], ["-1/2", "0"]], ["0", "0"], "x*exp(-x**2)", "W*s(x)")


def test_hash_depends_on_every_field_and_not_on_spelling():
    base = {"kind": "ctrnn", "W": [[0, 1], [-1, 0]], "activation": "tanh"}
    h = model_from_dict(base).hash
    assert model_from_dict({**base, "W": [["0", "2/2"], ["-1.0", "0"]]}).hash == h  # same exact numbers
    assert model_from_dict({**base, "b": [0, 0]}).hash == h  # b omitted = zeros
    for change in ({"b": [0, 1]}, {"activation": "softsign"}, {"form": "s(W*x)"}, {"W": [[0, 2], [-1, 0]]}):
        assert model_from_dict({**base, **change}).hash != h


def test_canonical_activation_removes_whitespace_only():
    assert canonical_activation(" x * exp( -x**2 ) ") == "x*exp(-x**2)"
    assert canonical_activation("tanh") == "tanh"


@pytest.mark.parametrize(
    "bad,problem",
    [
        ("exp()", "takes 1"),
        ("Max(x)", "at least 2"),
        ("tanh + 1", "must be called"),
        ("1e400*x", "finite"),
        ("x.real", "not allowed"),
        ("y", "unknown name"),
        ("lambda: 1", "not allowed"),
        ("x if x else 1", "not allowed"),
        ("exp(x, 2)", "takes 1"),
        ("'a'", "not a finite number"),
    ],
)
def test_bad_activations_are_refused_with_a_reason(bad, problem):
    with pytest.raises(ValueError, match=problem):
        check_activation(bad)
    with pytest.raises(ModelError, match="activation"):
        model_from_dict({"kind": "ctrnn", "W": [[0]], "activation": bad}, "f.json")


def test_named_antiderivatives_are_antiderivatives():
    x = sympy.Symbol("x", real=True)
    for name in ACTIVATIONS:
        m = model_from_dict({"kind": "ctrnn", "W": [[0]], "activation": name})
        s, g = m.sympy_activation(x), m.sympy_antiderivative(x)
        assert g.subs(x, 0) == 0
        for t in (-2.5, -0.3, 0.7, 3.1):  # g' = s, checked by a central difference
            d = (g.subs(x, t + 1e-6) - g.subs(x, t - 1e-6)) / 2e-6
            assert abs(float(d) - float(s.subs(x, t))) < 1e-6, name


def test_float_views_and_formula_antiderivative():
    m = load_model("skew_gauss_2d")
    assert m.W_float.tolist() == [[0.0, 1.0], [-1.0, 0.0]] and m.b_float.tolist() == [0.0, 0.0]
    x = sympy.Symbol("x", real=True)
    assert sympy.simplify(m.sympy_antiderivative(x) - (1 - sympy.exp(-(x**2))) / 2) == 0
    assert set(ANTIDERIVATIVES) == set(ACTIVATIONS)
