"""The kernel's ctrnn claims (proofs/README.md §6) on certificates written by hand in this file.

Expected verdicts come from hand derivations: J = [[0, 1], [-1, 0]] is skew and invertible; for
s = x exp(-x^2), G(3/2, 3/2) = 1 - exp(-9/4) = 0.8946 > 1/2 and G(1/2, 1/2) = 1 - exp(-1/4) = 0.22 < 1/2;
for forward Euler with h = 1/10 on J tanh, C = (h^2/2) * 1 * 1 * (1^2 + 1^2) = 1/100 and on J x,
(I + hJ)^T (I + hJ) = (1 + h^2) I = 101/100 I.
"""

import copy
import hashlib
import json

import pytest

from verified_dyn.kernel import OBLIGATIONS, check
from verified_dyn.testing.strategies import set_field as edit

J = [["0", "1"], ["-1", "0"]]


def model(W=J, b=None, activation="tanh", form="W*s(x)"):
    b = b or ["0"] * len(W)
    sec = {"W": W, "b": b, "activation": activation, "form": form}
    text = json.dumps(sec, sort_keys=True, separators=(",", ":")).encode("ascii")
    return {"kind": "ctrnn", "name": "hand", "hash": "sha256:" + hashlib.sha256(text).hexdigest(), "ctrnn": sec}


def cert(claim_type, claim=None, witness=None, **kw):
    return {
        "format": "verified-dyn/certificate",
        "version": 1,
        "model": model(**kw),
        "claim": {"type": claim_type, **(claim or {})},
        "witness": witness or {},
        "obligations": list(OBLIGATIONS[claim_type]),
        "producer": {"tool": "hand"},
    }


def first_bad(v):
    return next((o["name"] for o in v.obligations if o["status"] in ("failed", "unknown")), None)


VALID = {
    "skew J": cert("ctrnn-skew-symmetric"),
    "symmetric part": cert(
        "ctrnn-symmetric-part",
        {"S": [["1", "1"], ["1", "0"]], "G_not_conserved": True},
        {"entry": [0, 1]},
        W=[["1", "2"], ["0", "0"]],
    ),
    "conserved, no bias": cert("ctrnn-conserved-quantity", {"c": ["0", "0"]}),
    "conserved, b = -W c": cert("ctrnn-conserved-quantity", {"c": ["1/2", "0"]}, b=["0", "1/2"]),
    "conserved, form s(Wx)": cert("ctrnn-conserved-quantity", {"c": ["0", "0"]}, form="s(W*x)"),
    "volume": cert("ctrnn-volume-preserving", W=[["0", "3"], ["1", "0"]]),
    "casimirs 3-D": cert(
        "ctrnn-casimirs",
        {"count": 1},
        {"basis": [["3", "-2", "1"]]},
        W=[["0", "1", "2"], ["-1", "0", "3"], ["-2", "-3", "0"]],
    ),
    "no casimirs": cert("ctrnn-casimirs", {"count": 0}, {"basis": []}),
    "origin only": cert("ctrnn-equilibria", {"set": "origin-only"}, {"W_inverse": [["0", "-1"], ["1", "0"]]}),
    "continuum": cert(
        "ctrnn-equilibria",
        {"set": "continuum"},
        {"kernel_vector": ["3", "-2", "1"]},
        W=[["0", "1", "2"], ["-1", "0", "3"], ["-2", "-3", "0"]],
    ),
    "bounded": cert("ctrnn-bounded-orbits"),
    "bounded s(Wx)": cert("ctrnn-bounded-orbits", {}, {"W_inverse": [["0", "-1"], ["1", "0"]]}, form="s(W*x)"),
    "periodic all": cert("ctrnn-periodic-orbits", {"scope": "all"}),
    "periodic through": cert(
        "ctrnn-periodic-orbits",
        {"scope": "through", "x0": ["1", "0"]},
        {"precision_bits": 64},
        activation="x*exp(-x**2)",
    ),
    "escape": cert(
        "ctrnn-orbit-escapes",
        {"x0": ["3/2", "3/2"]},
        {"precision_bits": 64},
        activation="x * exp(-x**2)".replace(" ", ""),
    ),
    "euler bound": cert("ctrnn-euler-energy-bound", {"h": "1/10", "C": "1/100", "strict": True}),
    "euler linear": cert("ctrnn-euler-linear-growth", {"h": "1/10", "c": "101/100"}, activation="linear"),
    "euler trajectory": cert(
        "ctrnn-euler-trajectory",
        {"x0": ["1", "0"], "h": "1/10", "steps": 3, "G_final": ["0", "100"]},
        {"precision_bits": 80},
    ),
}


@pytest.mark.parametrize("name", sorted(VALID))
def test_hand_written_certificates_are_proved(name):
    v = check(copy.deepcopy(VALID[name]))
    assert v.verdict == "PROVED", (v.reason, v.obligations)


def rehash(c):
    m = c["model"]["ctrnn"]
    return edit(c, ["model"], model(m["W"], m["b"], m["activation"], m["form"]))


BROKEN = [
    # (name, certificate, verdict, first obligation failed or undecided)
    ("not skew", rehash(edit(VALID["skew J"], ["model", "ctrnn", "W"], [["0", "1"], ["-2", "0"]])), "REFUTED", "skew"),
    (
        "hash of another model",
        edit(VALID["skew J"], ["model", "ctrnn", "W"], [["0", "2"], ["-2", "0"]]),
        "REFUTED",
        "model-hash",
    ),
    ("wrong S", edit(VALID["symmetric part"], ["claim", "S"], [["1", "1"], ["1", "1"]]), "REFUTED", "symmetric-part"),
    ("zero witness entry", edit(VALID["symmetric part"], ["witness", "entry"], [1, 1]), "REFUTED", "symmetric-part"),
    (
        "G not conserved for sin",
        rehash(edit(VALID["symmetric part"], ["model", "ctrnn", "activation"], "sin")),
        "REFUTED",
        "not-conserved",
    ),
    ("wrong c", edit(VALID["conserved, b = -W c"], ["claim", "c"], ["0", "1/2"]), "REFUTED", "bias"),
    (
        "unknown activation",
        rehash(edit(VALID["conserved, no bias"], ["model", "ctrnn", "activation"], "atan(x)")),
        "INCONCLUSIVE",
        "activation",
    ),
    (
        "nonzero diagonal",
        rehash(edit(VALID["volume"], ["model", "ctrnn", "W"], [["1", "3"], ["1", "0"]])),
        "REFUTED",
        "zero-diagonal",
    ),
    (
        "incomplete casimirs",
        edit(edit(VALID["casimirs 3-D"], ["claim", "count"], 0), ["witness", "basis"], []),
        "REFUTED",
        "complete",
    ),
    (
        "casimir not in kernel",
        edit(VALID["casimirs 3-D"], ["witness", "basis"], [["1", "0", "0"]]),
        "REFUTED",
        "left-kernel",
    ),
    (
        "wrong inverse",
        edit(VALID["origin only"], ["witness", "W_inverse"], [["0", "1"], ["-1", "0"]]),
        "REFUTED",
        "linear-algebra",
    ),
    (
        "origin only for relu",
        rehash(edit(VALID["origin only"], ["model", "ctrnn", "activation"], "relu")),
        "REFUTED",
        "activation-sign",
    ),
    ("bounded with bias", rehash(edit(VALID["bounded"], ["model", "ctrnn", "b"], ["1", "0"])), "REFUTED", "zero-bias"),
    (
        "bounded for x exp(-x^2)",
        rehash(edit(VALID["bounded"], ["model", "ctrnn", "activation"], "x*exp(-x**2)")),
        "REFUTED",
        "coercive",
    ),
    (
        "periodic all, not coercive",
        rehash(edit(VALID["periodic all"], ["model", "ctrnn", "activation"], "x*exp(-x**2)")),
        "REFUTED",
        "activation",
    ),
    (
        "periodic through, level above 1/2",
        edit(VALID["periodic through"], ["claim", "x0"], ["3/2", "3/2"]),
        "REFUTED",
        "compact-level",
    ),
    (
        "escape below the threshold",
        edit(VALID["escape"], ["claim", "x0"], ["1/2", "1/2"]),
        "REFUTED",
        "level-above-sup",
    ),
    (
        "escape for tanh",
        rehash(edit(VALID["escape"], ["model", "ctrnn", "activation"], "tanh")),
        "REFUTED",
        "activation",
    ),
    ("escape from a closed level", edit(VALID["escape"], ["claim", "x0"], ["1", "0"]), "REFUTED", "level-above-sup"),
    (
        "not planar",
        rehash(edit(VALID["periodic all"], ["model", "ctrnn", "W"], [["0", "1"], ["-2", "0"]])),
        "REFUTED",
        "planar",
    ),
    ("wrong Euler constant", edit(VALID["euler bound"], ["claim", "C"], "1/200"), "REFUTED", "constant"),
    (
        "strict Euler for hardtanh",
        rehash(edit(VALID["euler bound"], ["model", "ctrnn", "activation"], "hardtanh")),
        "REFUTED",
        "activation",
    ),
    ("wrong growth factor", edit(VALID["euler linear"], ["claim", "c"], "1"), "REFUTED", "isometry-factor"),
    (
        "growth law for tanh",
        rehash(edit(VALID["euler linear"], ["model", "ctrnn", "activation"], "tanh")),
        "REFUTED",
        "linear",
    ),
    ("wrong final G", edit(VALID["euler trajectory"], ["claim", "G_final"], ["1", "2"]), "REFUTED", "trajectory"),
    (
        "float in a certificate",
        edit(VALID["skew J"], ["model", "ctrnn", "W"], [[0.0, 1], [-1, 0]]),
        "REFUTED",
        "well-formed",
    ),
    (
        "obligations dropped",
        edit(VALID["bounded"], ["obligations"], ["well-formed", "model-hash"]),
        "REFUTED",
        "well-formed",
    ),
    ("unknown form", rehash(edit(VALID["skew J"], ["model", "ctrnn", "form"], "W+s")), "REFUTED", "well-formed"),
    ("precision out of range", edit(VALID["escape"], ["witness", "precision_bits"], 10), "REFUTED", "level-above-sup"),
]


@pytest.mark.parametrize("name,c,verdict,obligation", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_certificates_are_rejected_at_the_right_obligation(name, c, verdict, obligation):
    v = check(c)
    assert v.verdict == verdict, (v.reason, v.obligations)
    assert first_bad(v) == obligation, v.obligations


def test_escape_close_to_the_threshold_is_undecided_at_low_precision():
    # G(t, t) = 1 - exp(-t^2) = 1/2 at t = sqrt(log 2) = 0.8325546111576977...; t a hair above it
    t = "8325546111576978/10000000000000000"
    c = edit(VALID["escape"], ["claim", "x0"], [t, t])
    low = check(edit(c, ["witness", "precision_bits"], 30))
    assert low.verdict == "INCONCLUSIVE" and first_bad(low) == "level-above-sup"
    assert "precision_bits" in low.reason
    assert check(edit(c, ["witness", "precision_bits"], 200)).verdict == "PROVED"


def test_unsupported_activation_leaves_later_obligations_undecided_not_refuted():
    c = rehash(edit(VALID["escape"], ["model", "ctrnn", "activation"], "x*exp(-x**2)/2"))
    v = check(c)
    assert v.verdict == "INCONCLUSIVE"
    assert [o["status"] for o in v.obligations][-2:] == ["unknown", "unknown"]


def test_the_kernel_hash_matches_the_package_hash_of_model_files():
    from verified_dyn.models import load_model

    for name in ("skew_tanh_2d", "skew_gauss_2d"):
        m = load_model(name)
        assert (
            model([list(r) for r in m.model_json()["W"]], m.model_json()["b"], m.canonical_activation)["hash"] == m.hash
        )
