"""Property (issue 6): on random planar piecewise-linear maps (the border-collision normal form,
Nusse & Yorke 1992, with parameters drawn in the region where Banerjee, Yorke & Grebogi 1998 report
robust chaos), whenever chaos is PROVED the largest Lyapunov exponent estimated in floats along a long
orbit started at the certified homoclinic point is positive (a sanity check, not a proof), and mutations
of the kernel-proved certificate's decisive fields are rejected."""

from fractions import Fraction

import numpy as np
import pytest

from verified_dyn.kernel import check
from verified_dyn.models import model_from_dict
from verified_dyn.pipelines.chaos import certify_chaos
from verified_dyn.testing.strategies import set_field


def bcnf(tl, dl, tr, dr, mu=1):
    """(x, y) -> (t x + y + mu, -d x) with (t, d) = (tl, dl) for x <= 0 and (tr, dr) for x >= 0."""
    s = lambda x: str(Fraction(x).limit_denominator(64))
    return model_from_dict(
        {
            "kind": "plrnn",
            "A": [[s(tl), "1"], [s(-dl), "0"]],
            "W": [[s(tr - tl), "0"], [s(-(dr - dl)), "0"]],
            "h": [s(mu), "0"],
        },
        "<bcnf>",
    )


def lyapunov(model, z, steps=20000, transient=500):
    """Largest Lyapunov exponent estimate (tangent vector renormalised each step); None if the orbit
    leaves a large ball (then there is nothing to estimate)."""
    A, W1, W2, h2 = model.f["A"], model.f["W1"], model.f["W2"], model.f["h2"].reshape(-1)
    v, total = np.array([1.0, 0.3]), 0.0
    for t in range(steps + transient):
        d = (W2 @ z + h2 > 0).astype(float)
        v = (A + W1 @ np.diag(d) @ W2) @ v
        z = model.step_float(z)
        if not np.all(np.isfinite(z)) or np.abs(z).max() > 1e6:
            return None
        n = np.linalg.norm(v)
        v /= n
        if t >= transient:
            total += np.log(n)
    return total / steps


def draws(n, seed=7):
    rng = np.random.default_rng(seed)
    for _ in range(n):
        dl, dr = rng.uniform(0.05, 0.6, 2)
        tl = rng.uniform(1 + dl + 0.1, 1 + dl + 0.8)
        tr = -rng.uniform(1 + dr + 0.1, 1 + dr + 0.8)
        yield tl, dl, tr, dr


DECISIVE = [
    ("claim", "crossing", "orientation", 0),
    ("witness", "stable", "points", 0, 0),
    ("witness", "unstable", "points", 0, 1),
    ("claim", "unstable", "itinerary", 0, 0),
    ("claim", "stable", "pieces", 0, "vertices", 0, 1),
]


def changed(old, path):
    if path[-2] == "orientation":
        return -old
    if isinstance(old, int):
        return 1 - old
    return str(Fraction(old) + Fraction(1, 1024))


def test_proved_chaos_has_positive_lyapunov_exponent_and_mutations_are_rejected(tmp_path):
    proved = estimated = 0
    for params in draws(8):
        model = bcnf(*params)
        doc, cert = certify_chaos(model, iterations=6, max_candidates=20)
        if doc["verdict"] != "PROVED":
            assert doc["verdict"] == "INCONCLUSIVE" and doc["reason"]
            continue
        proved += 1
        if cert is None:  # proved by another theorem (snap-back repeller, horseshoe) only
            continue
        lam = lyapunov(model, np.array(doc["homoclinic_point"]))
        if lam is not None:  # None: the orbit escapes (a chaotic saddle, not an attractor)
            assert lam > 0, (params, lam)
            estimated += 1
        for path in DECISIVE:
            node = cert
            for key in path:
                node = node[key]
            assert not check(set_field(cert, path, changed(node, path)), model.hash).proved, path
    assert proved >= 3 and estimated >= 2, f"{proved} proved, {estimated} estimated: the test would be vacuous"


@pytest.mark.parametrize("params", [(0.5, 0.3, -0.5, 0.3), (0.2, -0.1, 0.4, 0.2)])
def test_maps_with_an_attracting_fixed_point_only_are_never_proved(params):
    doc, _ = certify_chaos(bcnf(*params), iterations=6, max_candidates=20)
    assert doc["verdict"] != "PROVED"
