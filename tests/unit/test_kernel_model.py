"""Model hash (proofs/README.md §1) and the model-file converter (INTERFACE.md §1, MATH.md §1)."""

import hashlib
import json
from fractions import Fraction as F
from pathlib import Path

import pytest

from verified_dyn.kernel import model_hash, normal_form_from_model_json
from verified_dyn.kernel.core import pwa
from verified_dyn.kernel.core.model import parse_normal_form

TENT = {"A": [["2"]], "W1": [["-4"]], "W2": [["1"]], "h1": ["0"], "h2": ["-1/2"]}
BUILTIN = Path(__file__).resolve().parents[2] / "verified_dyn" / "models" / "builtin"


def readme_hash(nf):
    """The README formula, written out here independently of the kernel."""
    text = json.dumps({k: nf[k] for k in ("A", "W1", "W2", "h1", "h2")}, sort_keys=True, separators=(",", ":")).encode(
        "ascii"
    )
    return "sha256:" + hashlib.sha256(text).hexdigest()


def test_tent_hash_matches_the_readme_formula_and_a_recorded_value():
    assert model_hash(TENT) == readme_hash(TENT)
    assert model_hash(TENT) == "sha256:86ae82097830dbcd4a48aaee9e18397c091338de465706e9a5e3aa85bedc7528"


def test_hash_is_of_the_values_not_the_spelling():
    spelled = {"A": [["4/2"]], "W1": [["-004"]], "W2": [["1"]], "h1": ["-0"], "h2": ["-2/4"]}
    assert model_hash(spelled) == model_hash(TENT)
    as_numbers = {"A": [[2]], "W1": [[-4]], "W2": [[F(1)]], "h1": [0], "h2": [F(-1, 2)]}
    assert model_hash(as_numbers) == model_hash(TENT)


def test_hash_with_no_hidden_units():
    nf = {"A": [["0", "-1"], ["1", "1"]], "W1": [[], []], "W2": [], "h1": ["0", "0"], "h2": []}
    assert model_hash(nf) == readme_hash(nf)


@pytest.mark.parametrize(
    "bad",
    [
        {**TENT, "A": [[2.0]]},  # float
        {**TENT, "A": [[True]]},  # boolean
        {**TENT, "W1": [["-4", "1"]]},  # W1 must be M x H = 1 x 1
        {k: v for k, v in TENT.items() if k != "h2"},
        {**TENT, "h1": []},  # M = 0
    ],
)
def test_hash_refuses_bad_normal_forms(bad):
    with pytest.raises(ValueError):
        model_hash(bad)


def test_plrnn():
    d = {"kind": "plrnn", "A": [0.5, "1/4"], "W": [[1, "2"], [3, "-4.5"]], "h": [0, "-1"]}
    assert normal_form_from_model_json(d) == {
        "A": [["1/2", "0"], ["0", "1/4"]],
        "W1": [["1", "2"], ["3", "-9/2"]],
        "W2": [["1", "0"], ["0", "1"]],
        "h1": ["0", "-1"],
        "h2": ["0", "0"],
    }


def test_shplrnn_tent_file_and_float_values_are_exact():
    d = json.loads((BUILTIN / "tent_2.json").read_text())
    assert normal_form_from_model_json(d) == TENT
    d = {"kind": "shplrnn", "A": [0.1], "W1": [[]], "W2": [], "h1": ["2.5e-3"], "h2": []}
    assert normal_form_from_model_json(d) == {  # 0.1 is the dyadic 3602879701896397 / 2^55
        "A": [["3602879701896397/36028797018963968"]],
        "W1": [[]],
        "W2": [],
        "h1": ["1/400"],
        "h2": [],
    }


def test_alrnn_folds_the_linear_units_into_A():
    # M = 3, P = 1, L = 2: columns 0 and 1 of W are added to A; W1 = column 2 of W; W2 = row 2 of I
    d = {"kind": "alrnn", "A": [1, 2, 3], "W": [[1, 2, 3], [4, 5, 6], [7, 8, 9]], "h": [1, 0, 0], "P": 1}
    nf = normal_form_from_model_json(d)
    assert nf == {
        "A": [["2", "2", "0"], ["4", "7", "0"], ["7", "8", "3"]],
        "W1": [["3"], ["6"], ["9"]],
        "W2": [["0", "0", "1"]],
        "h1": ["1", "0", "0"],
        "h2": ["0"],
    }
    # the normal form is the ALRNN map: z' = A z + W (z_0, z_1, relu(z_2)) + h, checked at two points
    exact = parse_normal_form(nf)
    for z in ([F(1), F(-2), F(3)], [F(-1), F(1, 2), F(-5)]):
        phi = [z[0], z[1], max(z[2], F(0))]
        want = [F(a) * z[i] + sum(F(w) * p for w, p in zip(d["W"][i], phi)) + d["h"][i] for i, a in enumerate(d["A"])]
        assert pwa.apply(exact, z) == want


def test_alrnn_extreme_P():
    base = {"kind": "alrnn", "A": [[1, 0], [0, 1]], "W": [[1, 2], [3, 4]], "h": [0, 0]}
    assert normal_form_from_model_json({**base, "P": 2}) == normal_form_from_model_json({**base, "kind": "plrnn"})
    linear = normal_form_from_model_json({**base, "P": 0})  # everything linear: A + W, no hidden units
    assert linear == {"A": [["2", "2"], ["3", "5"]], "W1": [[], []], "W2": [], "h1": ["0", "0"], "h2": []}


def test_clipped_shplrnn_doubles_the_hidden_layer():
    # z' = z/2 + 2 [relu(z + 1) - relu(z)] : W1' = [2, -2], W2' = [1; 1], h2' = [1; 0]
    d = {"kind": "clipped-shplrnn", "A": ["1/2"], "W1": [[2]], "W2": [[1]], "h1": [0], "h2": [1]}
    nf = normal_form_from_model_json(d)
    assert nf == {"A": [["1/2"]], "W1": [["2", "-2"]], "W2": [["1"], ["1"]], "h1": ["0"], "h2": ["1", "0"]}
    exact = parse_normal_form(nf)
    assert pwa.apply(exact, [F(-1, 2)]) == [F(-1, 4) + 2 * F(1, 2)]  # relu(1/2) - relu(-1/2) = 1/2
    assert pwa.apply(exact, [F(3)]) == [F(3, 2) + 2]  # relu(4) - relu(3) = 1


def test_lozi_file_converts():
    d = json.loads((BUILTIN / "lozi_1.7_0.5.json").read_text())
    nf = normal_form_from_model_json(d)
    assert nf["W1"] == [["-17/5", "0"], ["0", "0"]] and nf["h2"] == ["0", "0"]


@pytest.mark.parametrize(
    "d, message",
    [
        ({"kind": "ctrnn", "W": [[0]]}, "no piecewise-affine normal form"),
        ({"kind": "plrnn", "A": [1], "W": [[1]]}, "missing key 'h'"),
        ({"kind": "plrnn", "A": [float("nan")], "W": [[1]], "h": [0]}, "not finite"),
        ({"kind": "plrnn", "A": [float("inf")], "W": [[1]], "h": [0]}, "not finite"),
        ({"kind": "plrnn", "A": ["nan"], "W": [[1]], "h": [0]}, "not a number"),
        ({"kind": "plrnn", "A": [True], "W": [[1]], "h": [0]}, "got bool"),
        ({"kind": "plrnn", "A": [1], "W": [[1, 2]], "h": [0]}, r"W\[0\]: expected 1 entries"),
        ({"kind": "plrnn", "A": ["1e99999"], "W": [[1]], "h": [0]}, "exponent out of range"),
        ({"kind": "plrnn", "A": ["1/0"], "W": [[1]], "h": [0]}, "zero denominator"),
        ({"kind": "alrnn", "A": [1], "W": [[1]], "h": [0], "P": 2}, r"P: expected an integer in \[0, 1\]"),
        ({"kind": "alrnn", "A": [1], "W": [[1]], "h": [0], "P": True}, "P: expected an integer"),
        ({"kind": "shplrnn", "A": [1], "W1": [[1]], "W2": [[1]], "h1": [], "h2": [0]}, "must be >= 1"),
    ],
)
def test_bad_model_files(d, message):
    with pytest.raises(ValueError, match=message):
        normal_form_from_model_json(d)
