"""3-D known answer for manifold pieces of dimension 2 (verified_dyn.search.manifolds_nd).

The map F(x, y, z) = (2x + c relu(y - 1), y/2, z/2) is the product of the planar map
f(x, y) = (2x + c relu(y - 1), y/2) with the contraction z -> z/2. Its only fixed point is the origin,
a saddle (eigenvalues 2, 1/2, 1/2) in the region y < 1, so W^s(0) = W^s_f x R with W^s_f the graph
x = phi(y), derived by hand: for y <= 1 the stable set is x = 0 (f = (2x, y/2) there and y/2 stays
below 1); for y >= 1 a point is on W^s iff its image is, i.e. 2x + c (y - 1) = phi(y/2), so
    phi(y) = (phi(y/2) - c (y - 1)) / 2,        phi'(y) = (phi'(y/2) / 2 - c) / 2   (y > 1),
and phi is affine on each [2^(n-1), 2^n]. Every stable piece must be a polygon on {x = phi(y)}, the
pieces must cover that surface in the box, and the piece through a point off the surface must be at
the closed-form distance |x - phi(y)| / sqrt(1 + phi'(y)^2)."""

from fractions import Fraction

import numpy as np
import pytest

from verified_dyn.geometry import polygon, sample_piece
from verified_dyn.models import model_from_dict
from verified_dyn.pipelines.cycles import certified_cycles
from verified_dyn.pipelines.manifolds import compute_manifolds, stable_piece_through
from verified_dyn.search.manifolds_nd import piece_constraints

C = Fraction(3, 2)
BOX = [[-10, 10]] * 3


def phi(y):
    return 0.0 if y <= 1 else (phi(y / 2) - float(C) * (y - 1)) / 2


def dphi(y):
    return 0.0 if y <= 1 else (dphi(y / 2) / 2 - float(C)) / 2


@pytest.fixture(scope="module")
def setup():
    model = model_from_dict(
        {
            "kind": "shplrnn",
            "A": [[2, 0, 0], [0, "1/2", 0], [0, 0, "1/2"]],
            "W1": [[str(C)], [0], [0]],
            "W2": [[0, 1, 0]],
            "h1": [0, 0, 0],
            "h2": [-1],
        }
    )
    cyc = certified_cycles(model, max_period=1, progress=False)
    (saddle,) = [c for c in cyc.cycles if c.counts.orbit_type == "saddle"]
    rep = compute_manifolds(model, max_period=1, box=BOX, nd_iterations=6, progress=False, cycles=cyc, certify_pieces=0)
    return model, saddle, rep.objects[0].stable


def test_saddle_and_dimensions(setup):
    model, saddle, st = setup
    assert [float(x) for x in saddle.points[0]] == [0, 0, 0]
    assert st.dim == 2 and st.nd is not None and st.grown is None


def test_every_piece_is_a_polygon_on_the_hand_derived_surface(setup):
    model, saddle, st = setup
    ps = st.nd
    # generation 0: y <= 1 (with y >= -10); generation n: y in [2^(n-1), 2^n] (n = 1..4; 2^4 > 10 clipped)
    assert sorted(p.generation for p in ps.pieces) == [0, 1, 2, 3, 4]
    rng = np.random.default_rng(1)
    for p in ps.pieces:
        E, e, G, g = piece_constraints(ps, p)
        V = polygon(E, e, G, g)
        assert len(V) >= 4
        ys = V[:, 1]
        lo, hi = (-10.0, 1.0) if p.generation == 0 else (2.0 ** (p.generation - 1), min(10.0, 2.0**p.generation))
        assert ys.min() == pytest.approx(lo, abs=1e-9) and ys.max() == pytest.approx(hi, abs=1e-9)
        assert V[:, 2].min() == pytest.approx(-10, abs=1e-9) and V[:, 2].max() == pytest.approx(10, abs=1e-9)
        for v in list(V) + list(sample_piece(E, e, G, g, 30, rng)):
            assert v[0] == pytest.approx(phi(v[1]), abs=1e-9)


def test_pieces_cover_the_surface_in_the_box(setup):
    model, saddle, st = setup
    ps = st.nd
    cons = [piece_constraints(ps, p) for p in ps.pieces]
    rng = np.random.default_rng(2)
    for _ in range(200):
        y, z = rng.uniform(-10, 10, 2)
        x = phi(y)
        if abs(x) > 10:
            continue
        q = np.array([x, y, z])
        assert any(np.allclose(E @ q, e, atol=1e-9) and np.all(G @ q <= g + 1e-9) for E, e, G, g in cons)


@pytest.mark.parametrize("y,delta", [(0.3, 1e-3), (1.5, -2e-4), (3.0, 5e-6), (6.5, 1e-2)])
def test_piece_through_a_point_at_the_closed_form_distance(setup, y, delta):
    model, saddle, st = setup
    x = np.array([phi(y) + delta, y, 0.7])
    r = stable_piece_through(model, saddle, x, box=BOX)
    expected = abs(delta) / np.sqrt(1 + dphi(y) ** 2)
    assert r is not None and r.distance == pytest.approx(expected, rel=1e-6)
    assert r.foot[0] == pytest.approx(phi(r.foot[1]), abs=1e-12)
