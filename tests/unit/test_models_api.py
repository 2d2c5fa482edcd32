"""The Python model API: constructors, numpy input, load_model's sources, float views and reprs.

Independent routes: the same numbers written as a JSON file with exact rational strings (str of the
Fraction of each float64), read by load_file; for PL kinds also the kernel's own reader
(kernel.convert) hashed here by hand; float maps checked against numpy formulas written here.
"""

import hashlib
import json
from fractions import Fraction as Q
from pathlib import Path

import numpy as np
import pytest

from verified_dyn.errors import ModelError
from verified_dyn.kernel import normal_form_from_model_json
from verified_dyn.models import (
    ALRNN,
    CTRNN,
    PLRNN,
    ClippedShallowPLRNN,
    CTRNNModel,
    PLModel,
    ShallowPLRNN,
    load_file,
    load_model,
    model_from_dict,
)

RNG = np.random.default_rng(20261128)
M, H = 3, 4


def exact(x):
    """Nested exact strings of an array / nested list of numbers (float64 taken exactly)."""
    if isinstance(x, np.ndarray):
        x = x.tolist()
    if isinstance(x, list):
        return [exact(v) for v in x]
    return str(Q(x))


def via_json_file(tmp_path, desc) -> object:
    p = tmp_path / "m.json"
    p.write_text(
        json.dumps({k: exact(v) if k not in ("kind", "activation", "form", "P") else v for k, v in desc.items()})
    )
    return load_file(p)


def kernel_hash(desc) -> str:
    nf = normal_form_from_model_json({k: exact(v) if k not in ("kind", "P") else v for k, v in desc.items()})
    return "sha256:" + hashlib.sha256(json.dumps(nf, sort_keys=True, separators=(",", ":")).encode("ascii")).hexdigest()


def params():
    return {
        "A": RNG.normal(size=M),
        "Amat": RNG.normal(size=(M, M)),
        "W": RNG.normal(size=(M, M)),
        "h": RNG.normal(size=M),
        "W1": RNG.normal(size=(M, H)),
        "W2": RNG.normal(size=(H, M)),
        "h1": RNG.normal(size=M),
        "h2": RNG.normal(size=H),
    }


def cases():
    p = params()
    return {
        "plrnn": (
            lambda: PLRNN(p["Amat"], p["W"], p["h"]),
            {"kind": "plrnn", "A": p["Amat"], "W": p["W"], "h": p["h"]},
        ),
        "shplrnn": (
            lambda: ShallowPLRNN(p["A"], p["W1"], p["W2"], p["h1"], p["h2"]),
            {"kind": "shplrnn", "A": p["A"], "W1": p["W1"], "W2": p["W2"], "h1": p["h1"], "h2": p["h2"]},
        ),
        "alrnn": (
            lambda: ALRNN(p["A"], p["W"], p["h"], 2),
            {"kind": "alrnn", "A": p["A"], "W": p["W"], "h": p["h"], "P": 2},
        ),
        "clipped-shplrnn": (
            lambda: ClippedShallowPLRNN(p["Amat"], p["W1"], p["W2"], p["h1"], p["h2"]),
            {"kind": "clipped-shplrnn", "A": p["Amat"], "W1": p["W1"], "W2": p["W2"], "h1": p["h1"], "h2": p["h2"]},
        ),
        "ctrnn": (
            lambda: CTRNN(p["W"], p["h"], "softsign", "s(W*x)"),
            {"kind": "ctrnn", "W": p["W"], "b": p["h"], "activation": "softsign", "form": "s(W*x)"},
        ),
    }


@pytest.mark.parametrize("kind", ["plrnn", "shplrnn", "alrnn", "clipped-shplrnn", "ctrnn"])
def test_constructor_equals_json_file_and_dict(tmp_path, kind):
    build, desc = cases()[kind]
    m = build()
    assert m.kind == kind and m.hash == via_json_file(tmp_path, desc).hash == model_from_dict(desc).hash
    if kind != "ctrnn":
        assert m.hash == kernel_hash(desc)


def test_float64_taken_exactly():
    x = 0.1
    m = PLRNN(np.array([x]), np.array([[0.0]]), np.array([0.0]))
    assert m.A[0][0] == Q(x) != Q(1, 10)
    assert PLRNN([x], [[0]], [0]).hash == m.hash  # a Python float: the same exact value
    assert PLRNN(["1/10"], [[0]], [0]).hash != m.hash  # the decimal 1/10 is another number


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int8, np.int64, np.uint16, np.float16])
def test_numpy_dtypes(tmp_path, dtype):
    A = (
        np.array([[1, 2], [3, -4]]).astype(dtype)
        if np.dtype(dtype).kind != "u"
        else np.array([[1, 2], [3, 4]], dtype=dtype)
    )
    W = (A / 8).astype(dtype) if np.dtype(dtype).kind == "f" else A
    h = np.array([5, 6], dtype=dtype)
    m = PLRNN(A, W, h)
    ref = via_json_file(
        tmp_path, {"kind": "plrnn", "A": A.astype(np.float64), "W": W.astype(np.float64), "h": h.astype(np.float64)}
    )
    assert m.hash == ref.hash


def test_float32_is_its_own_exact_value():
    m = PLRNN(np.array([0.1], dtype=np.float32), [[0]], [0])
    assert m.A[0][0] == Q(float(np.float32(0.1))) != Q(0.1)


def test_other_number_forms_agree():
    a = ShallowPLRNN([2], [[-4]], [[1]], [0], ["-1/2"])
    b = ShallowPLRNN(np.array([2]), ((Q(-4),),), [[np.int64(1)]], [np.float64(0)], [Q(-1, 2)])
    c = ShallowPLRNN(np.array(["2"], dtype=object), np.array([["-4"]]), [["1"]], ["0.0"], ["-0.5"])
    assert a.hash == b.hash == c.hash == load_model("tent").hash


def test_A_vector_equals_diagonal_matrix():
    d = RNG.normal(size=M)
    W, h = RNG.normal(size=(M, M)), RNG.normal(size=M)
    assert PLRNN(d, W, h).hash == PLRNN(np.diag(d), W, h).hash == PLRNN(d.tolist(), W, h).hash
    assert ShallowPLRNN(d, W, W, h, h).hash == ShallowPLRNN(np.diag(d), W, W, h, h).hash


def test_empty_hidden_layer():
    m = ShallowPLRNN([[0.5]], np.zeros((1, 0)), np.zeros((0, 1)), [1], np.zeros(0))
    assert m.hidden == 0 and m([2.0])[0] == 2.0


def test_model_from_dict_does_not_modify_its_argument():
    d = {"kind": "plrnn", "A": np.eye(2), "W": np.zeros((2, 2)), "h": (1, 2)}
    model_from_dict(d)
    assert isinstance(d["A"], np.ndarray) and d["h"] == (1, 2)


# ---- float maps against numpy formulas written here -----------------------------------------------
def relu(x):
    return np.maximum(x, 0.0)


def test_float_map_matches_independent_formulas():
    p = params()
    Z = RNG.normal(size=(7, M)) * 2
    f64 = lambda a: np.asarray(a, dtype=np.float64)
    expect = {
        "plrnn": lambda z: p["Amat"] @ z + p["W"] @ relu(z) + p["h"],
        "shplrnn": lambda z: np.diag(p["A"]) @ z + p["W1"] @ relu(p["W2"] @ z + p["h2"]) + p["h1"],
        "alrnn": lambda z: np.diag(p["A"]) @ z + p["W"] @ np.concatenate([z[: M - 2], relu(z[M - 2 :])]) + p["h"],
        "clipped-shplrnn": lambda z: (
            p["Amat"] @ z + p["W1"] @ (relu(p["W2"] @ z + p["h2"]) - relu(p["W2"] @ z)) + p["h1"]
        ),
    }
    models = {
        "plrnn": PLRNN(p["Amat"], p["W"], p["h"]),
        "shplrnn": ShallowPLRNN(p["A"], p["W1"], p["W2"], p["h1"], p["h2"]),
        "alrnn": ALRNN(p["A"], p["W"], p["h"], P=np.int64(2)),
        "clipped-shplrnn": ClippedShallowPLRNN(p["Amat"], p["W1"], p["W2"], p["h1"], p["h2"]),
    }
    for kind, m in models.items():
        want = np.array([expect[kind](z) for z in Z])
        batch = m(Z)
        assert batch.shape == (7, M)
        assert np.allclose(batch, want, rtol=1e-12, atol=1e-12), kind
        for z, w in zip(Z, want):
            assert np.allclose(m(z), w, rtol=1e-12, atol=1e-12)
            assert np.allclose(m(list(z)), w, rtol=1e-12, atol=1e-12)
            assert np.array_equal(m(z), m.step_float(z))
        # deeper batches too
        assert np.allclose(m(Z.reshape(7, 1, M)), want.reshape(7, 1, M), rtol=1e-12, atol=1e-12)
        # the exact map at a rational point agrees with the float map
        zq = [Q(float(v)) for v in Z[0]]
        assert np.allclose(f64([float(v) for v in m.step(zq)]), want[0], rtol=1e-12, atol=1e-12)


def test_float_views():
    m = load_model("gardini_fig5")
    for name, attr in [("A", m.A), ("W1", m.W1), ("W2", m.W2), ("h1", m.h1), ("h2", m.h2)]:
        view = getattr(m, name + "_float")
        assert view.dtype == np.float64 and view is getattr(m, name + "_float")
        assert np.array_equal(
            view,
            np.array([[float(x) for x in r] for r in attr]) if view.ndim == 2 else np.array([float(x) for x in attr]),
        )
    assert m.A_float.shape == (m.dim, m.dim) and m.W1_float.shape == (m.dim, m.hidden)
    assert m.W2_float.shape == (m.hidden, m.dim)


def test_float_map_rejects_wrong_dimension():
    with pytest.raises(ValueError, match="dimension M = 2"):
        load_model("lozi")(np.zeros(3))


def test_reprs_are_short():
    r = repr(PLRNN([["17/10", 1], ["1/2", 0]], [["-17/5", 0], [0, 0]], [1, 0], name="lozi"))
    assert r == "PLModel(kind='plrnn', M=2, H=2, name='lozi', hash='sha256:f7cc66cc\u2026')"
    m = load_model("scyfi_multistable", 0)
    assert len(repr(m)) < 120 and "Fraction" not in repr(m)
    c = CTRNN([[0, 1], [-1, 0]], name="rot")
    assert repr(c) == (
        f"CTRNNModel(kind='ctrnn', N=2, activation='tanh', form='W*s(x)', name='rot', hash='{c.hash[:15]}\u2026')"
    )


def test_normal_form_and_hash_unchanged_for_builtins():
    # pinned before the API was added (hash of the Lozi file and of the tent family)
    assert load_model("lozi").hash.startswith("sha256:f7cc66cc")
    assert load_model("tent").hash == ShallowPLRNN([2], [[-4]], [[1]], [0], ["-1/2"]).hash


# ---- bad input ------------------------------------------------------------------------------------
BAD = [
    (lambda: PLRNN([1, 2], [[1, np.nan], [0, 0]], [0, 0]), "PLRNN", "W", "not a finite number"),
    (lambda: PLRNN(np.array([1.0, np.inf]), np.eye(2), [0, 0]), "PLRNN", "A", "not a finite number"),
    (lambda: PLRNN([1, 2], np.eye(3), [0, 0]), "PLRNN", "W", "expected 2 rows"),
    (lambda: PLRNN([1, 2], np.eye(2), np.zeros((2, 1))), "PLRNN", "h", "shape (2, 1)"),
    (lambda: PLRNN(np.zeros((2, 2, 2)), np.eye(2), [0, 0]), "PLRNN", "A", "shape (2, 2, 2)"),
    (lambda: PLRNN([1, 2], np.eye(2), [0, 1j]), "PLRNN", "h", "complex"),
    (lambda: PLRNN([1, 2], np.eye(2, dtype=complex), [0, 0]), "PLRNN", "W", "complex"),
    (lambda: PLRNN([1, 2], [[1, np.complex128(1)], [0, 0]], [0, 0]), "PLRNN", "W", "complex"),
    (lambda: PLRNN([1, 2], np.eye(2, dtype=bool), [0, 0]), "PLRNN", "W", "boolean"),
    (lambda: PLRNN([1, np.True_], np.eye(2), [0, 0]), "PLRNN", "A", "boolean"),
    (lambda: PLRNN([1, 2], np.eye(2), np.array(["1", "x"], dtype=object)), "PLRNN", "h", "not a number"),
    (lambda: PLRNN([1, 2], np.eye(2), [0, 0], name=3), "PLRNN", "name", "expected a string"),
    (lambda: ALRNN([1, 2], np.eye(2), [0, 0], 2.0), "ALRNN", "P", "float 2.0"),
    (lambda: ALRNN([1, 2], np.eye(2), [0, 0], np.float64(2.0)), "ALRNN", "P", "float"),
    (lambda: ALRNN([1, 2], np.eye(2), [0, 0], True), "ALRNN", "P", "bool True"),
    (lambda: ALRNN([1, 2], np.eye(2), [0, 0], np.True_), "ALRNN", "P", "bool True"),
    (lambda: ALRNN([1, 2], np.eye(2), [0, 0], "2"), "ALRNN", "P", "expected an integer"),
    (lambda: ALRNN([1, 2], np.eye(2), [0, 0], -1), "ALRNN", "P", "between 0 and 2"),
    (lambda: ALRNN([1, 2], np.eye(2), [0, 0], np.array([1])), "ALRNN", "P", "expected a scalar"),
    (lambda: ShallowPLRNN([1], [[1, 2]], [[1]], [0], [0, 0]), "ShallowPLRNN", "W2", "expected 2 rows"),
    (lambda: ClippedShallowPLRNN([1], [[1]], [[1]], [np.nan], [0]), "ClippedShallowPLRNN", "h1", "finite"),
    (lambda: CTRNN([[0, 1], [-1, 0]], [0, np.inf]), "CTRNN", "b", "not a finite number"),
    (lambda: CTRNN([[0, 1]]), "CTRNN", "W", "square"),
    (lambda: CTRNN(np.eye(2), activation="os.system"), "CTRNN", "activation", "not allowed"),
    (lambda: CTRNN(np.eye(2), form="x"), "CTRNN", "form", "unknown form"),
]


@pytest.mark.parametrize("build,function,arg,problem", BAD)
def test_bad_arguments_name_the_argument(build, function, arg, problem):
    with pytest.raises(ModelError) as e:
        build()
    msg = str(e.value)
    assert e.value.key == arg and f"argument '{arg}'" in msg and problem in msg and msg.startswith(function)
    assert "\n" not in msg


def test_alrnn_P_matches_the_kernel(tmp_path):
    # the file reader refuses exactly what the kernel's reader refuses
    base = {"kind": "alrnn", "A": [1, 2], "W": [[1, 0], [0, 1]], "h": [0, 0]}
    for bad in (2.0, True, "2", None, [1]):
        with pytest.raises(ValueError):
            normal_form_from_model_json({**base, "P": bad})
        p = tmp_path / "m.json"
        p.write_text(json.dumps({**base, "P": bad}))
        with pytest.raises(ModelError) as e:
            load_file(p)
        assert e.value.key == "P"
    for good in (0, 1, 2):
        assert model_from_dict({**base, "P": good}).hash == kernel_hash({**base, "P": good})
        assert model_from_dict({**base, "P": np.int32(good)}).hash == kernel_hash({**base, "P": good})


def test_model_from_dict_numpy_errors_name_source_and_key():
    with pytest.raises(ModelError, match=r"^f\.npz: key 'W': complex array"):
        model_from_dict({"kind": "plrnn", "A": [1], "W": np.array([[1j]]), "h": [0]}, "f.npz")
    with pytest.raises(ModelError, match=r"^f: key 'A': row 0, column 0: not a finite number: nan"):
        model_from_dict({"kind": "plrnn", "A": np.array([[np.nan]]), "W": [[1]], "h": [0]}, "f")
    with pytest.raises(ModelError, match="unsupported array type"):
        model_from_dict({"kind": "plrnn", "A": np.array(["2026-01-01"], dtype="datetime64[D]"), "W": [[1]], "h": [0]})


# ---- load_model sources ---------------------------------------------------------------------------
def test_load_model_sources(tmp_path):
    lozi = load_model("lozi")
    path = tmp_path / "lozi.json"
    path.write_text(
        json.dumps({"kind": "plrnn", "A": [["17/10", 1], ["1/2", 0]], "W": [["-17/5", 0], [0, 0]], "h": [1, 0]})
    )
    assert load_model(path).hash == lozi.hash  # pathlib.Path
    assert load_model(str(path)).hash == lozi.hash  # str path
    assert load_model(json.loads(path.read_text())).hash == lozi.hash  # dict
    assert load_model(lozi) is lozi  # a model, as is
    c = load_model("skew_tanh_2d")
    assert isinstance(c, CTRNNModel) and load_model(c) is c
    assert isinstance(load_model("lozi:a=7/5"), PLModel)
    builtin = Path(
        str(__import__("importlib").resources.files("verified_dyn.models") / "builtin" / "gardini_fig5.json")
    )
    assert load_model(builtin).hash == load_model("gardini_fig5").hash


@pytest.mark.parametrize(
    "bad,word", [(3, "int"), (None, "NoneType"), (b"lozi", "bytes"), (["lozi"], "list"), (np.eye(2), "ndarray")]
)
def test_load_model_refuses_other_types(bad, word):
    with pytest.raises(ModelError, match=word):
        load_model(bad)


def test_load_model_trial_only_where_it_means_something(tmp_path):
    with pytest.raises(ModelError, match="trial"):
        load_model({"kind": "plrnn", "A": [1], "W": [[1]], "h": [0]}, trial=1)
    with pytest.raises(ModelError, match="trial"):
        load_model(load_model("lozi"), trial=1)
    assert load_model("scyfi_singlestable", 2).hash == load_model("scyfi_singlestable:trial=2").hash
