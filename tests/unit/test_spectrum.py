"""Eigenvalue counts against closed forms and against numpy's eigenvalues (an independent source)."""

from fractions import Fraction as Q

import flint
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verified_dyn.certify.spectrum import Counts, decide_counts, reciprocal_q, spectrum_witness


def mat(rows):
    return flint.fmpq_mat([[flint.fmpq(Q(x).numerator, Q(x).denominator) for x in r] for r in rows])


CASES = [
    # (matrix, (inside, on, outside), why)
    ([[2]], (0, 0, 1), "eigenvalue 2"),
    ([[Q(1, 2), 5], [0, -3]], (1, 0, 1), "triangular: 1/2 and -3"),
    ([[Q(3, 5), Q(-4, 5)], [Q(4, 5), Q(3, 5)]], (0, 2, 0), "rotation with cos = 3/5: |lambda| = 1"),
    ([[1, 1], [0, 1]], (0, 2, 0), "Jordan block at 1"),
    ([[-1, 0, 0], [0, 2, 0], [0, 0, Q(1, 3)]], (1, 1, 1), "diagonal -1, 2, 1/3"),
    ([[0, -1], [1, 1]], (0, 2, 0), "x^2 - x + 1: primitive 6th roots of unity"),
    ([[2, 1], [1, 1]], (1, 0, 1), "cat map: golden ratio squared and its inverse (palindromic)"),
    ([[0, 0, 0, -1], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]], (0, 4, 0), "companion of x^4 + 1"),
    ([[Q(1, 2), 0], [0, Q(1, 2)]], (2, 0, 0), "1/2 twice"),
    ([[0, 0], [0, 0]], (2, 0, 0), "nilpotent zero matrix"),
]


@pytest.mark.parametrize("rows,expected,why", CASES)
def test_counts_closed_forms(rows, expected, why):
    counts, _ = decide_counts(mat(rows))
    assert (counts.inside, counts.on, counts.outside) == expected, why


def test_reciprocal_q_identity():
    # x^4 + 1 = x^2 ((x + 1/x)^2 - 2): q = y^2 - 2
    f = flint.fmpq_poly([1, 0, 0, 0, 1])
    assert reciprocal_q(f) == flint.fmpq_poly([-2, 0, 1])


def test_orbit_types():
    assert Counts(2, 0, 0).orbit_type == "attracting"
    assert Counts(0, 0, 2).orbit_type == "repelling"
    assert Counts(1, 0, 1).orbit_type == "saddle"
    assert Counts(1, 1, 0).orbit_type == "non-hyperbolic"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-6, 6), min_size=9, max_size=9), st.integers(1, 4))
def test_counts_agree_with_numpy_when_clearly_off_the_circle(entries, scale):
    rows = [[Q(entries[3 * i + j], scale) for j in range(3)] for i in range(3)]
    ev = np.linalg.eigvals(np.array(rows, dtype=float))
    if np.any(np.abs(np.abs(ev) - 1) < 1e-6):
        return  # numpy cannot decide these; closed-form cases above cover the circle
    counts, _ = decide_counts(mat(rows))
    assert (counts.inside, counts.on, counts.outside) == (int(np.sum(np.abs(ev) < 1)), 0, int(np.sum(np.abs(ev) > 1)))


def test_stein_witness_satisfies_its_inequality_exactly():
    P = mat([[Q(1, 2), 5], [0, -3]])
    counts, w = spectrum_witness(P)
    assert w["method"] == "stein"
    S = mat([[Q(x) for x in r] for r in w["S"]])
    Qm = S - P.transpose() * S * P
    # leading principal minors of Q positive
    assert Qm[0, 0] > 0 and Qm.det() > 0


def test_singular_stein_equation_falls_back_to_the_factor_witness():
    # eigenvalues 2 and 1/2: S - PᵀSP = I is singular; the saddle must still be certified
    from fractions import Fraction as F

    from verified_dyn.kernel.claims.orbits import parse_spectrum, spectrum_counts

    for rows in ([[2, 0], [0, Q(1, 2)]], [[Q(5, 4), Q(1, 2)], [-1, -4]]):
        P = mat(rows)
        counts, w = spectrum_witness(P)
        if rows[0] == [2, 0]:
            assert w["method"] == "factors"  # the Stein equation is singular here: the fallback ran
        ev = np.linalg.eigvals(np.array(rows, dtype=float))
        assert (counts.inside, counts.on, counts.outside) == (int(sum(abs(ev) < 1)), 0, int(sum(abs(ev) > 1)))
        exact = [[F(int(P[i, j].p), int(P[i, j].q)) for j in range(2)] for i in range(2)]
        spec = parse_spectrum(json_roundtrip(w), 2)
        assert spectrum_counts(exact, spec) == (counts.inside, counts.on, counts.outside)


def json_roundtrip(x):
    import json

    return json.loads(json.dumps(x))
