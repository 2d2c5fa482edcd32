"""The kernel's `global-contraction` claim (proofs/README.md §11) on maps whose Lipschitz constants are
known in closed form, and single-field mutations of a valid certificate."""

from fractions import Fraction

import pytest

from verified_dyn.certify.contraction import contraction_certificate
from verified_dyn.kernel import check
from verified_dyn.kernel.claims.contraction import OBLIGATIONS
from verified_dyn.models import model_from_dict
from verified_dyn.testing.strategies import set_field


def plrnn(A, W, h):
    return model_from_dict({"kind": "plrnn", "A": A, "W": W, "h": h}, "<test>")


# z' = z/4 + relu(z)/2 - 1: slopes 1/4 (z < 0) and 3/4 (z > 0), so the best Lipschitz constant is 3/4.
SLOPES = plrnn([["1/4"]], [["1/2"]], ["-1"])


def cert_of(model, kappa, weights):
    cert, _ = contraction_certificate(model)
    assert cert is not None
    cert = set_field(cert, ("claim", "kappa"), kappa)
    return set_field(cert, ("witness", "weights"), weights)


def test_closed_form_lipschitz_constant_is_the_threshold():
    assert check(cert_of(SLOPES, "3/4", ["1"]), SLOPES.hash).verdict == "PROVED"
    v = check(cert_of(SLOPES, "74/100", ["1"]), SLOPES.hash)
    assert v.verdict == "REFUTED" and "row 0" in v.reason


def test_certifier_output_is_proved_with_all_obligations():
    cert, summary = contraction_certificate(SLOPES)
    v = check(cert, SLOPES.hash)
    assert v.proved and [o["name"] for o in v.obligations] == list(OBLIGATIONS)
    assert Fraction(cert["claim"]["kappa"]) < 1 and "kappa" in summary


def test_weights_matter_in_two_dimensions():
    # z' = [[0, 2], [1/8, 0]] z: B = |A| has spectral radius 1/2 but the plain max-norm is 2;
    # weights (4, 1): (B s) = (2, 1/2) <= (3/4)(4, 1) = (3, 3/4).
    m = plrnn([["0", "2"], ["1/8", "0"]], [["0", "0"], ["0", "0"]], ["0", "0"])
    assert check(cert_of(m, "3/4", ["4", "1"]), m.hash).proved
    assert check(cert_of(m, "3/4", ["1", "1"]), m.hash).verdict == "REFUTED"


def test_relu_can_only_be_bounded_over_both_signs():
    # z' = -z/2 + relu(z): slopes -1/2 and 1/2; |A + t W| <= 1/2 for t in [0, 1], contraction 1/2.
    m = plrnn([["-1/2"]], [["1"]], ["0"])
    assert check(cert_of(m, "1/2", ["1"]), m.hash).proved
    # z' = -z/2 + 3/2 relu(z): slopes -1/2 and 1: not a contraction, and nothing is certified.
    m = plrnn([["-1/2"]], [["3/2"]], ["0"])
    cert, reason = contraction_certificate(m)
    assert cert is None and "spectral radius 1 >= 1" in reason


@pytest.mark.parametrize(
    "path,value",
    [
        (("claim", "kappa"), "1"),
        (("claim", "kappa"), "-1/2"),
        (("claim", "kappa"), 0.5),
        (("witness", "weights"), ["0"]),
        (("witness", "weights"), ["-1"]),
        (("witness", "weights"), ["1", "1"]),
        (("model", "normal_form", "A", 0, 0), "1"),
        (("model", "hash"), "sha256:" + "0" * 64),
        (("obligations",), ["well-formed", "model-hash"]),
    ],
)
def test_mutations_are_rejected(path, value):
    cert = cert_of(SLOPES, "3/4", ["1"])
    assert check(set_field(cert, path, value), SLOPES.hash).verdict == "REFUTED"


def test_expected_hash_is_enforced():
    assert check(cert_of(SLOPES, "3/4", ["1"]), "sha256:" + "1" * 64).verdict == "REFUTED"
