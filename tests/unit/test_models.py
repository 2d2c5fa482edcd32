"""Loading and normal forms; expected normal forms worked out by hand from MATH §1."""

import json
from fractions import Fraction as Q

import numpy as np
import pytest

from verified_dyn.errors import ModelError
from verified_dyn.models import load_file, load_model, locate, model_from_dict, region_map


def test_plrnn_normal_form_and_diag_A():
    m = model_from_dict({"kind": "plrnn", "A": ["1/2", 0], "W": [[0, 1], [2, 0]], "h": [1, "-1"]})
    assert m.A == ((Q(1, 2), 0), (0, 0))
    assert m.W1 == ((0, 1), (2, 0)) and m.W2 == ((1, 0), (0, 1))
    assert m.h1 == (1, -1) and m.h2 == (0, 0)


def test_alrnn_folds_linear_units_into_A():
    # M = 3, P = 1: units 0, 1 linear, unit 2 relu.  z' = A z + W phi(z) + h, phi = (z0, z1, relu z2)
    W = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    m = model_from_dict({"kind": "alrnn", "A": [0, 0, 0], "W": W, "h": [0, 0, 0], "P": 1})
    assert m.A == ((1, 2, 0), (4, 5, 0), (7, 8, 0))
    assert m.W1 == ((3,), (6,), (9,)) and m.W2 == ((0, 0, 1),) and m.h2 == (0,)
    z = [Q(1), Q(-2), Q(3)]
    # by hand: phi = (1, -2, 3); W phi = (1-4+9, 4-10+18, 7-16+27) = (6, 12, 18)
    assert m.step(z) == [6, 12, 18]
    z[2] = Q(-3)  # relu(-3) = 0: W phi = (1-4, 4-10, 7-16)
    assert m.step(z) == [-3, -6, -9]


def test_clipped_has_both_hyperplane_families():
    m = model_from_dict({"kind": "clipped-shplrnn", "A": [0], "W1": [[2]], "W2": [[1]], "h1": [0], "h2": [1]})
    assert m.hidden == 2 and m.W1 == ((2, -2),) and m.W2 == ((1,), (1,)) and m.h2 == (1, 0)
    # 2[relu(z+1) - relu(z)]: z=-3 -> 0, z=-1/2 -> 1, z=5 -> 2
    assert [m.step([Q(z)])[0] for z in (-3, Q(-1, 2), 5)] == [0, 1, 2]


def test_lozi_matches_its_formula_and_has_an_inert_unit():
    m = load_model("lozi:a=7/5,b=3/10")
    assert m.inert == (False, True) and m.active_units == (0,)
    for x, y in [(Q(1, 3), Q(-2)), (Q(-5, 7), Q(1, 9))]:
        assert m.step([x, y]) == [1 + y - Q(7, 5) * abs(x), Q(3, 10) * x]


def test_region_map_agrees_with_step_inside_the_region():
    m = load_model("gardini_fig5")
    z = [Q(-1, 3), Q(2, 7)]
    loc = locate(m, z)
    M, c = region_map(m, loc.pattern)
    fq = lambda v: Q(int(v.p), int(v.q))
    lin = [sum(fq(M[i, j]) * z[j] for j in range(2)) + fq(c[i, 0]) for i in range(2)]
    assert lin == m.step(z)


def test_hash_depends_on_value_not_spelling(tmp_path):
    a = model_from_dict({"kind": "plrnn", "A": [["1.7", 1], ["0.5", 0]], "W": [["-3.4", 0], [0, 0]], "h": [1, 0]})
    b = load_model("lozi")
    assert a.hash == b.hash
    c = load_model("lozi:a=1.4")
    assert c.hash != b.hash


def test_trained_checkpoint_mapping_is_outer_inner_swapped():
    from importlib import resources

    import scipy.io

    path = resources.files("verified_dyn.models") / "builtin" / "for_LE_multistable.mat"
    d = scipy.io.loadmat(str(path))
    m = load_model("scyfi_multistable", 3)
    z = np.linspace(-1, 1, 8)
    expect = (
        np.diag(d["A"]) * z
        + d["W2"][3].astype(float) @ np.maximum(d["W1"][3].astype(float) @ z + d["h1"].ravel(), 0)
        + d["h2"].ravel()
    )
    assert np.allclose(m.step_float(z), expect, rtol=1e-12, atol=1e-12)


def test_npz_round_trip(tmp_path):
    p = tmp_path / "m.npz"
    np.savez(
        p,
        kind=np.array("plrnn"),
        A=np.array([0.5, 0.25]),
        W=np.array([[0.0, 1.0], [1.0, 0.0]]),
        h=np.array([0.125, -1.0]),
    )
    m = load_file(p)
    assert m.A[0][0] == Q(1, 2) and m.h1 == (Q(1, 8), -1)


BAD = [
    ({"A": [1], "W": [[1]], "h": [1]}, "kind", "missing"),
    ({"kind": "lstm"}, "kind", "unknown kind"),
    ({"kind": "plrnn", "A": [1], "W": [[1]]}, "h", "missing"),
    ({"kind": "plrnn", "A": [1, 2], "W": [[1, 2]], "h": [1, 2]}, "W", "expected 2 rows"),
    ({"kind": "plrnn", "A": [1, 2], "W": [[1, 2], [1]], "h": [1, 2]}, "W", "different lengths"),
    ({"kind": "plrnn", "A": [1], "W": [["x"]], "h": [1]}, "W", "not a number"),
    ({"kind": "plrnn", "A": [1], "W": [["1/0"]], "h": [1]}, "W", "zero denominator"),
    ({"kind": "plrnn", "A": [1], "W": [[True]], "h": [1]}, "W", "boolean"),
    ({"kind": "alrnn", "A": [1], "W": [[1]], "h": [1], "P": 3}, "P", "between 0 and 1"),
    ({"kind": "shplrnn", "A": [1], "W1": [[1, 2]], "W2": [[1]], "h1": [1], "h2": [1, 2]}, "W2", "expected 2 rows"),
    ({"kind": "ctrnn", "W": [[0, 1], [-1, 0]], "activation": "__import__('os')"}, "activation", "only these functions"),
    ({"kind": "ctrnn", "W": [[0, 1], [-1, 0]], "activation": "x.real"}, "activation", "not allowed"),
    ({"kind": "ctrnn", "W": [[0, 1], [-1, 0]], "activation": "y + 1"}, "activation", "unknown name"),
    ({"kind": "ctrnn", "W": [[0, 1], [-1, 0]], "activation": "tanh", "form": "W+s"}, "form", "unknown form"),
]


@pytest.mark.parametrize("data,key,problem", BAD)
def test_bad_models_name_key_and_problem(data, key, problem):
    with pytest.raises(ModelError) as e:
        model_from_dict(data, "f.json")
    assert e.value.key == key and problem in str(e.value) and "f.json" in str(e.value)


def test_nan_in_json_is_rejected(tmp_path):
    p = tmp_path / "m.json"
    p.write_text('{"kind": "plrnn", "A": [1], "W": [[NaN]], "h": [1]}')
    with pytest.raises(ModelError, match="NaN"):
        load_file(p)


def test_trial_out_of_range_and_missing():
    with pytest.raises(ModelError, match="out of range"):
        load_model("scyfi_multistable", 150)
    with pytest.raises(ModelError, match="choose one with --trial"):
        load_model("scyfi_multistable")


def test_json_files_round_trip_through_json(tmp_path):
    m = load_model("gardini_3b_right")
    p = tmp_path / "g.json"
    p.write_text(
        json.dumps(
            {
                "kind": "shplrnn",
                "A": m.normal_form_json()["A"],
                **{k: v for k, v in m.normal_form_json().items() if k != "A"},
            }
        )
    )
    assert load_file(p).hash == m.hash
