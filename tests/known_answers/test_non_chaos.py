"""Proofs of non-chaos (MATH §4): a certified global contraction gives the chaos verdict REFUTED, checked
against an exhaustive exact enumeration of the fixed points and 2-cycles (a contraction has exactly one
fixed point and no other periodic orbit) and against brute-force iteration. Maps that are not chaotic
and have no contraction certificate (trained single-stable checkpoints, the SCYFI 16-cycle system)
are never PROVED."""

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verified_dyn import load_model
from verified_dyn.certify.contraction import contraction_certificate
from verified_dyn.kernel import check, check_file
from verified_dyn.models import model_from_dict
from verified_dyn.pipelines.chaos import certify_chaos
from verified_dyn.pipelines.cycles import certified_cycles
from verified_dyn.testing.strategies import leaves, mutated, plrnns


def random_contracting_plrnn(seed, m=4, scale=0.15):
    rng = np.random.default_rng(seed)
    q = lambda a: [[f"{round(x * 1000)}/1000" for x in row] for row in a]
    return model_from_dict(
        {
            "kind": "plrnn",
            "A": q(np.diag(rng.uniform(-0.5, 0.5, m))),
            "W": q(rng.normal(0, scale, (m, m))),
            "h": [f"{round(x * 1000)}/1000" for x in rng.normal(0, 1, m)],
        },
        "<random>",
    )


def region_norms(model, weights):
    """max over every activation pattern d of the weighted max-norm of M_d (brute force, floats)."""
    A, W1, W2 = model.f["A"], model.f["W1"], model.f["W2"]
    s = np.array([float(Fraction(x)) for x in weights])
    return max(
        np.abs(np.diag(1 / s) @ (A + W1 @ np.diag(d) @ W2) @ np.diag(s)).sum(axis=1).max()
        for d in itertools.product((0, 1), repeat=model.hidden)
    )


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_contracting_random_plrnn_is_refuted(seed, tmp_path):
    model = random_contracting_plrnn(seed)
    doc, cert = certify_chaos(model, out=tmp_path)
    assert doc["verdict"] == "REFUTED" and doc["theorem"] == "contraction" and cert is None
    assert check_file(doc["certificate"], model.hash).proved
    # independent: exhaustive exact search finds exactly one fixed point and no 2-cycle
    assert len(certified_cycles(model, period=1, strategy="complete", progress=False).cycles) == 1
    assert len(certified_cycles(model, period=2, strategy="complete", progress=False).cycles) == 0
    # independent: brute force, every start converges to the same point
    rng = np.random.default_rng(seed)
    ends = []
    for z in rng.normal(0, 10, (20, model.dim)):
        for _ in range(300):
            z = model.step_float(z)
        ends.append(z)
    assert np.ptp(np.array(ends), axis=0).max() < 1e-9


@pytest.mark.parametrize("trial", [0, 74, 148])
def test_trained_single_stable_checkpoints_are_never_proved(trial):
    doc, _ = certify_chaos(load_model("scyfi_singlestable", trial))
    assert doc["verdict"] != "PROVED"
    assert doc["reason"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plrnns(dims=(1, 2, 3), max_num=3, max_den=9), st.integers(0, 10**6))
def test_proved_contractions_hold_on_every_region_and_mutations_are_rejected_or_valid(model, choice):
    cert, _ = contraction_certificate(model)
    if cert is None:
        return
    assert check(cert, model.hash).proved
    kappa = float(Fraction(cert["claim"]["kappa"]))
    assert region_norms(model, cert["witness"]["weights"]) <= kappa + 1e-12
    paths = [p for p, _ in leaves(cert) if p[0] in ("claim", "witness")]
    bad = mutated(cert, paths[choice % len(paths)], choice)
    if check(bad, model.hash).proved:  # a mutation may stay valid: then it must really hold
        assert Fraction(bad["claim"]["kappa"]) < 1
        assert region_norms(model, bad["witness"]["weights"]) <= float(Fraction(bad["claim"]["kappa"])) + 1e-12


def test_chaos_certifiers_find_nothing_on_a_certified_contraction():
    """Consistency: on a kernel-proved contraction no chaos certificate can be kernel-proved."""
    from verified_dyn.certify.snapback import snapback_certificate
    from verified_dyn.pipelines.entropy import entropy_certificate

    model = load_model("contracting_4d")
    cert, _ = contraction_certificate(model)
    assert check(cert, model.hash).proved
    for found, reason in (snapback_certificate(model), entropy_certificate(model)):
        assert found is None or not check(found, model.hash).proved, reason
