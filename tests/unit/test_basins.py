"""Basin classification (verified_dyn.search.basins): numba kernel against its twin, capture ellipsoids
forward invariant (brute force), labels of points whose fate is known, boundary helpers."""

import numpy as np
import pytest

from verified_dyn import load_model
from verified_dyn.pipelines.cycles import certified_cycles
from verified_dyn.pipelines.manifolds import attractor_data
from verified_dyn.search.basins import (
    DIVERGES,
    UNDECIDED,
    boundary_cells,
    capture_ellipsoids,
    classify,
    grid_points,
    segment_points,
    switches,
)


@pytest.fixture(scope="module")
def g3a():
    model = load_model("gardini_3a_right")
    cyc = certified_cycles(model, max_period=1, progress=False)
    return model, cyc, capture_ellipsoids(model, attractor_data(model, cyc))


def test_known_fates(g3a):
    model, cyc, ell = g3a
    focus = next(c for c in cyc.cycles if c.counts.orbit_type == "attracting")
    saddle = next(c for c in cyc.cycles if c.counts.orbit_type == "saddle")
    p = np.array([float(x) for x in focus.points[0]])
    s = np.array([float(x) for x in saddle.points[0]])
    Z = np.array([p, p + 0.01, [100.0, 100.0], s + [1e-3, 0]])
    lab = classify(model, Z, ell)
    assert lab[0] == 0 and lab[1] == 0 and lab[2] == DIVERGES
    assert classify(model, np.array([[2.0, 2.0]]), ell, max_steps=0)[0] == UNDECIDED


def test_jit_and_twin_agree(g3a):
    model, _, ell = g3a
    Z, _, _ = grid_points((-3, 3, -3, 3), 25)
    assert np.array_equal(classify(model, Z, ell, jit=True), classify(model, Z, ell, jit=False))


def test_capture_ellipsoid_is_forward_invariant_and_inside_the_region(g3a):
    model, _, ell = g3a
    P, S, rho2, _ = ell
    rng = np.random.default_rng(0)
    L = np.linalg.cholesky(np.linalg.inv(S[0]))
    for _ in range(500):
        w = rng.normal(size=2)
        w *= rng.uniform() ** 0.5 / np.linalg.norm(w)
        z = P[0] + np.sqrt(rho2[0]) * (L @ w)
        assert (z - P[0]) @ S[0] @ (z - P[0]) <= rho2[0] * (1 + 1e-9)
        u = model.f["W2"] @ z + model.f["h2"]
        u0 = model.f["W2"] @ P[0] + model.f["h2"]
        assert all((u[i] > 0) == (u0[i] > 0) for i in model.active_units)
        y = model.step_float(z)
        assert (y - P[0]) @ S[0] @ (y - P[0]) < (z - P[0]) @ S[0] @ (z - P[0]) + 1e-15


def test_boundary_and_switch_helpers():
    L = np.zeros((4, 4), int)
    L[:, 2:] = 1
    B = boundary_cells(L)
    assert B[:, 1:3].all() and not B[:, 0].any() and not B[:, 3].any()
    assert switches(np.array([0, 0, 1, 1, -1])).tolist() == [1, 3]
    seg = segment_points([0, 0, 0], [1, 2, 3], 5)
    assert np.allclose(seg[2], [0.5, 1, 1.5]) and seg.shape == (5, 3)
    Z, xs, ys = grid_points((0, 1, 0, 2), 2)
    assert np.allclose(xs, [0.25, 0.75]) and np.allclose(ys, [0.5, 1.5]) and np.allclose(Z[1], [0.75, 0.5])


def test_refined_switch_lies_on_the_stable_manifold(g3a):
    """Bisecting between the focus (label 0) and a diverging point gives a point of W^s of the saddle:
    within 1e-8 of the grown stable pieces, and its orbit passes within 1e-6 of the saddle."""
    from verified_dyn.pipelines.manifolds import compute_manifolds, stable_segments
    from verified_dyn.search.basins import closest_approach, refine_switch
    from verified_dyn.search.manifolds import distance_to_segments

    model, cyc, ell = g3a
    focus = next(c for c in cyc.cycles if c.counts.orbit_type == "attracting")
    saddle = next(c for c in cyc.cycles if c.counts.orbit_type == "saddle")
    p = np.array([float(x) for x in focus.points[0]])
    x = refine_switch(model, p, np.array([2.5, -2.5]), ell)
    a, b = stable_segments(compute_manifolds(model, iterations=20, box=[[-30, 30]] * 2, progress=False, cycles=cyc))
    assert distance_to_segments(x[None], a, b)[0] < 1e-8
    s = np.array([[float(v) for v in saddle.points[0]]])
    approach, who = closest_approach(model, x, s)
    assert approach < 1e-6 and who == 0
