"""Growth of 1-D manifolds (verified_dyn.search.manifolds): compiled kernels against their plain-Python
twins, pieces inside their regions, images / preimages closing up under brute-force application of F."""

import numpy as np
import pytest

from verified_dyn import load_model
from verified_dyn.pipelines.manifolds import compute_manifolds
from verified_dyn.search.manifolds import (
    distance_to_segments,
    fundamental_domain,
    grow_manifold,
    pattern_of_code,
)


@pytest.fixture(scope="module")
def fig5():
    model = load_model("gardini_fig5")
    rep = compute_manifolds(model, max_period=1, iterations=8, box=[[-6, 6], [-6, 6]], progress=False)
    return model, rep.objects[0]


def _local(side):
    return [([float(x) for x in p.centre], p.direction_mid, float(p.radius)) for p in side.local.pieces]


@pytest.mark.parametrize("kind", ["stable", "unstable"])
def test_jit_and_python_twin_agree(fig5, kind):
    model, obj = fig5
    side = obj.stable if kind == "stable" else obj.unstable
    args = (model, kind, _local(side), side.local.eigenvalue, 6, [[-6, 6], [-6, 6]])
    g1, g2 = grow_manifold(*args, jit=True), grow_manifold(*args, jit=False)
    assert len(g1) == len(g2) > 10
    assert np.array_equal(g1.code, g2.code) and np.array_equal(g1.generation, g2.generation)
    assert np.allclose(g1.a, g2.a, atol=1e-12) and np.allclose(g1.b, g2.b, atol=1e-12)


def test_pieces_lie_in_their_region_and_box(fig5):
    model, obj = fig5
    for g in (obj.stable.grown, obj.unstable.grown):
        assert np.all(np.abs(g.a) <= 6 + 1e-9) and np.all(np.abs(g.b) <= 6 + 1e-9)
        for a, b, code in zip(g.a, g.b, g.code):
            d = pattern_of_code(model, code)
            for z in (a, b):
                u = model.f["W2"] @ z + model.f["h2"]
                for i in model.active_units:
                    assert (u[i] >= -1e-9) if d[i] else (u[i] <= 1e-9)


def test_unstable_images_close_up(fig5):
    """F of every piece of generation n lies on the pieces of generation n + 1 (where inside the box)."""
    model, obj = fig5
    g = obj.unstable.grown
    for n in range(1, g.generation.max()):
        cur, nxt = g.generation == n, g.generation == n + 1
        for a, b in zip(g.a[cur], g.b[cur]):
            for t in (0.0, 0.37, 1.0):
                y = model.step_float((1 - t) * a + t * b)
                if np.abs(y).max() < 6 - 1e-6:
                    assert distance_to_segments(y[None], g.a[nxt], g.b[nxt])[0] < 1e-9


def test_stable_preimages_map_back(fig5):
    """F of every stable piece of generation n >= 1 lies on the pieces of generation n - 1."""
    model, obj = fig5
    g = obj.stable.grown
    for n in range(2, g.generation.max() + 1):
        cur, prev = g.generation == n, g.generation == n - 1
        for a, b in zip(g.a[cur], g.b[cur]):
            for t in (0.0, 0.5, 1.0):
                y = model.step_float((1 - t) * a + t * b)
                assert distance_to_segments(y[None], g.a[prev], g.b[prev])[0] < 1e-9


def test_fundamental_domain_closed_form():
    a, b = fundamental_domain([0, 0], [1, 0], 1.0, 2.0, "unstable")
    assert np.allclose(a, [[0.5, 0], [-1, 0]]) and np.allclose(b, [[1, 0], [-0.5, 0]])
    a, b = fundamental_domain([0, 0], [1, 0], 1.0, -0.5, "stable")  # m = 2 for a flip
    assert np.allclose(a, [[0.25, 0], [-1, 0]]) and np.allclose(b, [[1, 0], [-0.25, 0]])


def test_max_pieces_stops_growth(fig5):
    model, obj = fig5
    g = grow_manifold(
        model, "stable", _local(obj.stable), obj.stable.local.eigenvalue, 30, [[-6, 6]] * 2, max_pieces=500
    )
    assert len(g) <= 500 + 10 and "max-pieces" in g.stopped


def test_distance_to_segments_against_sampling():
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(7, 3)), rng.normal(size=(7, 3))
    Q = rng.normal(size=(20, 3))
    t = np.linspace(0, 1, 20001)[:, None, None]
    samples = ((1 - t) * a[None] + t * b[None]).reshape(-1, 3)
    brute = np.sqrt(((Q[:, None, :] - samples[None]) ** 2).sum(-1)).min(1)
    d = distance_to_segments(Q, a, b)
    assert np.all(d <= brute + 1e-12) and np.all(brute - d < 1e-3)
