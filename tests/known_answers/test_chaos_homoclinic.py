"""Known answers for `chaos` (issue 6, transversal homoclinic points). Sources: REFERENCE_CASES.md (Gardini
Fig 5: flip saddle near (-0.2885, -0.1651), homoclinic points e.g. near (-0.4167, -0.5024); Lozi (1.7, 0.5):
fixed point (5/11, 5/22) whose manifolds cross; Gardini 3A-right: an attracting focus and a saddle;
SCYFI 16-cycle: no saddle fixed point) and brute-force float iteration of the map (finite-difference
Jacobian, a sampled local unstable segment), which shares no code with the certifier or the kernel."""

import json
from fractions import Fraction

import numpy as np
import pytest

from verified_dyn import load_model
from verified_dyn.cli import main
from verified_dyn.kernel import check_file
from verified_dyn.pipelines.chaos import certify_chaos


def _map(model):
    f = model.f
    A, W1, W2 = (
        np.asarray(f[k], float).reshape(s)
        for k, s in (("A", (2, 2)), ("W1", (2, model.hidden)), ("W2", (model.hidden, 2)))
    )
    h1, h2 = np.asarray(f["h1"], float).ravel(), np.asarray(f["h2"], float).ravel()
    return lambda Z: Z @ A.T + np.maximum(Z @ W2.T + h2, 0.0) @ W1.T + h1


def _unstable_direction(F, p):
    J = np.column_stack([(F(p + h * e) - F(p - h * e)) / (2 * h) for e, h in ((np.eye(2)[k], 1e-7) for k in range(2))])
    w, V = np.linalg.eig(J)
    k = int(np.argmax(np.abs(w)))
    return np.real(V[:, k]), float(np.real(w[k]))


def _brute_force_homoclinic(model, p, q):
    """q -> p under forward iteration, and q is (nearly) hit by images of a short segment through p along
    the unstable direction: q is on W^s(p) and W^u(p) up to float error."""
    F = _map(model)
    p, q = np.asarray(p, float), np.asarray(q, float)
    z = q.copy()
    for _ in range(20):
        z = F(z[None, :])[0]
    assert np.linalg.norm(z - p) < 1e-6, f"forward orbit of q ends at {z}, not at p = {p}"
    v, lam = _unstable_direction(F, p)
    assert abs(lam) > 1
    lo, hi, best = -1e-3, 1e-3, np.inf
    for _ in range(4):  # sample, then zoom in around the nearest sample
        t = np.linspace(lo, hi, 100_001)
        Z = p + t[:, None] * v
        best, arg = np.inf, None
        for _n in range(40):
            Z = F(Z)
            d = np.linalg.norm(Z - q, axis=1)
            k = int(np.argmin(d))
            if d[k] < best:
                best, arg = float(d[k]), k
        step = t[1] - t[0]
        lo, hi = t[arg] - 2 * step, t[arg] + 2 * step
    assert best < 1e-5, f"images of the local unstable segment come no closer than {best} to q"


@pytest.fixture(scope="module")
def fig5(tmp_path_factory):
    out = tmp_path_factory.mktemp("fig5")
    return certify_chaos(load_model("gardini_fig5"), out=out)


def test_gardini_fig5_is_proved_near_the_reference_point(fig5):
    doc, _ = fig5
    assert doc["verdict"] == "PROVED", doc["reason"]
    assert doc["theorem"] == "transversal-homoclinic"
    # the covering horseshoe also gives a positive entropy bound "log(r)/n" with r > 1
    r, n = doc["entropy_lower_bound"][4:].split(")/")
    assert Fraction(r) > 1 and int(n) >= 1 and "horseshoe" in doc["theorems_proved"]
    assert np.allclose(doc["fixed_point"], [-0.2885, -0.1651], atol=1e-4)
    assert np.allclose(doc["homoclinic_point"], [-0.4167, -0.5024], atol=1e-3)
    assert check_file(doc["certificate"]).verdict == "PROVED"
    _brute_force_homoclinic(load_model("gardini_fig5"), doc["fixed_point"], doc["homoclinic_point"])


def test_lozi_is_proved_on_the_fixed_point_5_11():
    model = load_model("lozi_1.7_0.5")
    doc, _ = certify_chaos(model)
    assert doc["verdict"] == "PROVED", doc["reason"]
    assert np.allclose(doc["fixed_point"], [5 / 11, 5 / 22], atol=1e-12)
    assert np.linalg.norm(np.subtract(doc["homoclinic_point"], doc["fixed_point"])) > 1e-3
    _brute_force_homoclinic(model, doc["fixed_point"], doc["homoclinic_point"])


@pytest.mark.parametrize("name", ["gardini_3a_right", "scyfi_16cycle"])
def test_maps_without_homoclinic_tangle_are_never_proved(name):
    doc, cert = certify_chaos(load_model(name))
    assert doc["verdict"] == "INCONCLUSIVE" and cert is None
    assert doc["reason"]


def test_cli_json_and_usage_errors(tmp_path, capsys):
    assert main(["chaos", "lozi", "--json", "--quiet", "--out", str(tmp_path)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["verdict"] == "PROVED" and doc["theorem"] == "transversal-homoclinic"
    assert check_file(doc["certificate"]).verdict == "PROVED"
    assert main(["chaos", "tent", "--json", "--quiet", "--out", str(tmp_path)]) == 0
    doc = json.loads(capsys.readouterr().out)
    # the tent map (slope 2) is chaotic: not by a homoclinic point (M = 1), by a snap-back repeller
    assert doc["verdict"] == "PROVED" and doc["theorem"] == "snap-back-repeller"
    assert "dimension 1" in doc["attempts"][1]["reason"]
    assert main(["chaos", "lozi", "--iterations", "-1"]) == 2
    assert main(["chaos", "no_such_model"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and "error" in err
