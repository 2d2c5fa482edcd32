"""Property: random points on the computed pieces converge to the saddle cycle under forward iteration
(stable pieces) or under backward iteration along the self-consistent inverse branches (unstable pieces).
Brute-force float iteration of F, independent of the growth code."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verified_dyn import load_model
from verified_dyn.models.regions import pattern_of_code
from verified_dyn.pipelines.manifolds import compute_manifolds
from verified_dyn.search.manifolds import region_arrays

CASES = {}


def _case(name):
    if name not in CASES:
        model = load_model(name)
        rep = compute_manifolds(model, max_period=3, iterations=10, box=[[-8, 8]] * 2, progress=False)
        CASES[name] = (model, rep.objects)
    return CASES[name]


def _inverse_steps(model, z, pts, steps):
    """Backward iterates choosing, at each step, the self-consistent preimage nearest to the cycle."""
    n = 2 ** len(model.active_units)
    Ms, cs = region_arrays(model, range(n))
    best = np.min(np.linalg.norm(pts - z, axis=1))
    for _ in range(steps):
        cands = []
        for code in range(n):
            if abs(np.linalg.det(Ms[code])) < 1e-12:
                continue
            w = np.linalg.solve(Ms[code], z - cs[code])
            u = model.f["W2"] @ w + model.f["h2"]
            d = pattern_of_code(model, code)
            if all((u[i] >= -1e-12) if d[i] else (u[i] <= 1e-12) for i in model.active_units):
                cands.append(w)
        if not cands:
            break
        z = min(cands, key=lambda w: np.min(np.linalg.norm(pts - w, axis=1)))
        best = min(best, np.min(np.linalg.norm(pts - z, axis=1)))
    return best


@pytest.mark.parametrize("name", ["gardini_fig5", "gardini_3b_left", "gardini_3a_right"])
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_points_on_pieces_converge_to_the_saddle(name, data):
    model, objects = _case(name)
    obj = objects[data.draw(st.integers(0, len(objects) - 1))]
    kind = data.draw(st.sampled_from(["stable", "unstable"]))
    side = obj.stable if kind == "stable" else obj.unstable
    g = side.grown
    # float vertices sit ~1e-16 off the manifold; backward iteration multiplies that by 1/|mu| per step
    # (5.2 for Fig 5), so unstable pieces are tested up to generation 4, stable ones at any generation
    idx = np.nonzero(g.generation <= (4 if kind == "unstable" else 10**9))[0]
    i = int(idx[data.draw(st.integers(0, len(idx) - 1))])
    t = data.draw(st.floats(0, 1))
    z = (1 - t) * g.a[i] + t * g.b[i]
    pts = np.array([[float(x) for x in p] for p in obj.cycle.points])
    start = np.min(np.linalg.norm(pts - z, axis=1))
    rate = abs(
        np.log(abs(side.local.eigenvalue))
    )  # per period: enough periods to gain 1e-2; float error grows along the other direction, so ask for 1/20
    steps = obj.cycle.period * (int(g.generation[i]) + 2 + int(np.ceil(2 * np.log(10) / rate)))
    if kind == "stable":
        best = start
        for _ in range(steps):
            z = model.step_float(z)
            best = min(best, np.min(np.linalg.norm(pts - z, axis=1)))
    else:
        best = _inverse_steps(model, z, pts, steps)
    assert best < max(0.05 * start, 1e-7), (
        f"{kind} piece {i} (generation {g.generation[i]}) does not approach the cycle"
    )


def test_the_criterion_rejects_points_off_the_stable_manifold():
    """Negative control: stable-piece points pushed off W^s along the unstable direction (by a quarter of
    their distance to the saddle) fail the criterion."""
    model, objects = _case("gardini_3a_right")
    obj = objects[0]
    g = obj.stable.grown
    v = np.array(obj.unstable.local.pieces[0].direction_mid)
    v /= np.linalg.norm(v)
    pts = np.array([[float(x) for x in p] for p in obj.cycle.points])
    fails = 0
    for i in range(len(g)):
        z = 0.5 * (g.a[i] + g.b[i])
        z = z + 0.25 * np.min(np.linalg.norm(pts - z, axis=1)) * v
        start = np.min(np.linalg.norm(pts - z, axis=1))
        best = start
        for _ in range(40):
            z = model.step_float(z)
            best = min(best, np.min(np.linalg.norm(pts - z, axis=1)))
        fails += best >= 0.05 * start
    assert fails == len(g)
