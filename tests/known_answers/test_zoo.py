"""The trained stand-ins of the zoo (verified_dyn/models/builtin/ZOO.md): their certified fixed points
agree with an independent brute-force enumeration of every linear region in numpy (solve
z = M_d z + c_d, keep solutions strictly inside region d, classify by the eigenvalues of M_d), and the
attracting ones match what the float simulation recorded in each file's meta."""

import itertools

import numpy as np
import pytest

from verified_dyn import cycles, load_model


def brute_force(model):
    f = model.f
    A, W1, W2, h1, h2 = f["A"], f["W1"], f["W2"], f["h1"], f["h2"]
    found = []
    for bits in itertools.product((0, 1), repeat=model.hidden):
        D = np.diag(bits)
        M, c = A + W1 @ D @ W2, W1 @ D @ h2 + h1
        z = np.linalg.solve(np.eye(model.dim) - M, c)
        u = W2 @ z + h2
        if all((u[i] > 1e-9) if b else (u[i] < -1e-9) for i, b in enumerate(bits)):
            lam = np.abs(np.linalg.eigvals(M))
            kind = "attracting" if lam.max() < 1 else "repelling" if lam.min() > 1 else "saddle"
            found.append((z, kind))
    return found


@pytest.mark.parametrize("name", ["zoo_duffing", "zoo_decision", "zoo_spiking"])
def test_certified_fixed_points_are_all_the_fixed_points(name):
    model = load_model(name)
    res = cycles(model, period=1, search="exhaustive")
    expected = brute_force(model)
    assert len(res) == len(expected) > 0
    for z, kind in expected:
        match = [o for o in res if np.allclose(o.points_float[0], z, atol=1e-7)]
        assert len(match) == 1 and match[0].type == kind
    simulated = [a for a in model.meta["simulated"]["attractors"] if a["type"] == "fixed point"]
    assert len(res.attractors()) == len(simulated)
    for a in simulated:  # each float attractor of the simulation is a certified attracting fixed point
        assert any(np.allclose(o.points_float[0], a["point"], atol=1e-6) for o in res.attractors())


def test_lorenz_stand_in_is_a_3d_shplrnn_with_a_chaotic_float_attractor():
    model = load_model("zoo_lorenz")
    assert (model.kind, model.dim, model.hidden) == ("shplrnn", 3, 20)
    sim = model.meta["simulated"]
    assert sim["aperiodic_fraction"] > 0.9 and sim["lyapunov_exponents_per_step"][0] > 0
