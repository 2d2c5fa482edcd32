"""A deliberately false family claim, refuted by hypothesis with a kernel-checked counterexample.

Claim: "every 2-D PLRNN with |entries| <= 2 is non-chaotic". Hypothesis searches the family (entries
in {0, +-1/2, +-1, +-2}) for a model whose chaos is PROVED by ``api.chaos`` and shrinks it; the shrunk
model's chaos certificate must pass ``api.verify`` (the kernel alone). A cheap float filter (a positive
Lyapunov exponent estimate along a bounded orbit) only decides which draws are worth the certified
call; the counterexample stands on the certified verdict alone.
"""

import json

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, find, settings

import verified_dyn as vd
from verified_dyn.testing import claims as C
from verified_dyn.testing.strategies import keep_model, pl_models

FAMILY = pl_models(("plrnn",), dims=2, max_num=2, max_den=2)
CALLS = {"float": 0, "certified": 0}


def float_lyapunov(model, steps: int = 400) -> float:
    """Largest Lyapunov exponent estimate (floats) from two starts; -inf when the orbits escape."""
    A, W, h = model.A_float, model.W1_float, model.h1_float
    best = -np.inf
    for z in (np.array([0.1, 0.2]), np.array([-0.3, 0.5])):
        v, total, ok = np.array([1.0, 0.3]), 0.0, True
        for t in range(steps):
            J = A + W * (z > 0)
            z = A @ z + W @ np.maximum(z, 0.0) + h
            v = J @ v
            n = float(np.linalg.norm(v))
            if not np.isfinite(n) or n == 0.0 or np.abs(z).max() > 1e4:
                ok = False
                break
            v = v / n
            total += np.log(n) if t >= 50 else 0.0
        if ok:
            best = max(best, total / (steps - 50))
    return best


def chaos_is_proved(model) -> bool:
    CALLS["float"] += 1
    if float_lyapunov(model) <= 0.05:
        return False
    CALLS["certified"] += 1
    return vd.chaos(model).verdict == "PROVED"


@pytest.mark.slow  # 10-20 s: about 300 draws, 16 certified chaos calls; its counterexample is checked in CI by
# tests/unit/test_testing_claims.py::test_chaos_both_ways_and_the_negation
def test_the_false_family_claim_is_refuted_with_a_small_kernel_checked_counterexample(tmp_path):
    model = find(
        FAMILY,
        chaos_is_proved,
        settings=settings(
            max_examples=2000,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.generate, Phase.shrink],
            suppress_health_check=list(HealthCheck),
        ),
    )
    path = keep_model(model, tmp_path / "counterexample.json")
    res = vd.chaos(path, out=tmp_path / "certs")
    assert res.verdict == "PROVED" and res.certificate
    assert vd.verify(res.certificate, path).proved
    # the claim as a value says the same: "not chaotic" is DISPROVED, with the certificate shown
    v = C.not_chaotic().check(model, out=tmp_path / "claim")
    assert v.disproved and v.certificates and "verified-dyn verify" in v.explain()
    entries = [x for row in model.A + model.W1 for x in row] + list(model.h1)
    assert all(abs(x) <= 2 for x in entries)
    assert sum(x != 0 for x in entries) <= 6  # shrunk (hypothesis 6.170: A = [[0, -1], [-1, 0]], W = [[0, 2], [-1, 0]])
    print("calls", CALLS, "counterexample", json.dumps(C.model_document(model)))
