"""Property tests that attack the certifier and the checker (DESIGN rule 9) on random exact PLRNNs."""

import json
from fractions import Fraction

import numpy as np
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from verified_dyn.certify import certify_cycle
from verified_dyn.kernel import check
from verified_dyn.models import model_from_dict
from verified_dyn.pipelines.cycles import certified_cycles
from verified_dyn.testing.strategies import leaves, mutated, plrnns

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def orbits(model, max_period=3):
    return certified_cycles(model, max_period=max_period, progress=False)


@SETTINGS
@given(plrnns(dims=(1, 2)))
def test_certified_orbits_are_reproduced_by_float_iteration(model):
    rep = orbits(model)
    for r in rep.cycles + rep.border_orbits:
        pts = np.array([[float(x) for x in p] for p in r.points])
        scale = 1 + np.abs(pts).max()
        z = pts[0]
        for j in range(r.period):
            assert np.allclose(z, pts[j], atol=1e-9 * scale), (j, z, pts[j])
            z = model.step_float(z)
        assert np.allclose(z, pts[0], atol=1e-9 * scale)


@SETTINGS
@given(plrnns(dims=(1, 2)), st.data())
def test_certifier_and_checker_agree_on_random_itineraries(model, data):
    k = data.draw(st.integers(1, 4))
    it = [tuple(data.draw(st.lists(st.integers(0, 1), min_size=model.hidden, max_size=model.hidden))) for _ in range(k)]
    res = certify_cycle(model, it)
    if res.certificate is not None:
        assert check(res.certificate).verdict == "PROVED"
        # JSON round trip keeps the document and the verdict
        again = json.loads(json.dumps(res.certificate))
        assert again == res.certificate and check(again).verdict == "PROVED"


def _first_certificate(model):
    rep = orbits(model, 2)
    for r in rep.cycles:
        return r
    return None


def _claim_still_true(cert) -> bool:
    """Independent re-proof of a mutated certificate's claim: rebuild the model from its normal form and
    certify the (mutated) itinerary; the claim holds iff the exact solve gives the same points and type."""
    nf = cert["model"]["normal_form"]
    try:
        model = model_from_dict({"kind": "shplrnn", **nf})
        res = certify_cycle(model, cert["claim"]["itinerary"])
    except Exception:
        return False
    if res.status != "cycle" or res.period != cert["claim"]["period"]:
        return False
    pts = [[Fraction(x) for x in p] for p in cert["witness"]["points"]]
    ev = cert["claim"]["eigenvalues"]
    rot = [res.points[(i) % res.period] for i in range(res.period)]
    return (
        pts in ([rot[i:] + rot[:i] for i in range(res.period)])
        and (ev["inside"], ev["on"], ev["outside"]) == (res.counts.inside, res.counts.on, res.counts.outside)
        and cert["claim"]["orbit_type"] == res.counts.orbit_type
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plrnns(dims=(1, 2)), st.data())
def test_single_field_mutations_are_rejected_or_reproved(model, data):
    r = _first_certificate(model)
    assume(r is not None)
    cert = r.certificate
    paths = [p for p, _ in leaves(cert) if p[0] not in ("producer",)]
    path = data.draw(st.sampled_from(paths))
    bad = mutated(cert, path, data.draw(st.integers(0, 20)))
    v = check(bad)
    if v.verdict == "PROVED":
        semantic = path[0] in ("claim", "witness", "model") and path[:2] not in (("model", "kind"), ("model", "name"))
        assert not semantic or _claim_still_true(bad), f"mutation at {path} was PROVED but is not true"


@SETTINGS
@given(plrnns(dims=(1, 2, 3)), st.data())
def test_random_non_orbits_are_never_proved(model, data):
    r = _first_certificate(model)
    assume(r is not None)
    cert = json.loads(json.dumps(r.certificate))
    m = model.dim
    pts = [
        [str(Fraction(data.draw(st.integers(-20, 20)), data.draw(st.integers(1, 9)))) for _ in range(m)]
        for _ in range(r.period)
    ]
    assume(pts != cert["witness"]["points"])
    cert["witness"]["points"] = pts
    assert check(cert).verdict != "PROVED"


@st.composite
def model_descriptions(draw):
    """Random model files of every PL kind, numbers as floats, ints and exact strings."""
    kind = draw(st.sampled_from(["plrnn", "shplrnn", "alrnn", "clipped-shplrnn"]))
    m, h = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    num = st.one_of(
        st.integers(-5, 5),
        st.floats(-4, 4, allow_nan=False, width=32).map(float),
        st.builds(lambda p, q: f"{p}/{q}", st.integers(-9, 9), st.integers(1, 9)),
        st.sampled_from(["1.7", "-2.5e-1", "0.1"]),
    )
    vec = lambda n: st.lists(num, min_size=n, max_size=n)
    mat = lambda r, c: st.lists(vec(c), min_size=r, max_size=r)
    A = draw(st.one_of(vec(m), mat(m, m)))
    if kind in ("plrnn", "alrnn"):
        d = {"kind": kind, "A": A, "W": draw(mat(m, m)), "h": draw(vec(m))}
        if kind == "alrnn":
            d["P"] = draw(st.integers(0, m))
        return d
    return {"kind": kind, "A": A, "W1": draw(mat(m, h)), "W2": draw(mat(h, m)), "h1": draw(vec(m)), "h2": draw(vec(h))}


@settings(max_examples=80, deadline=None)
@given(model_descriptions())
def test_package_and_kernel_read_model_files_identically(desc):
    """Two independent implementations of INTERFACE §1 -> normal form (package loader, kernel converter)."""
    from verified_dyn.kernel import model_hash, normal_form_from_model_json

    assert model_from_dict(desc).hash == model_hash(normal_form_from_model_json(desc))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plrnns(dims=(1, 2)), st.integers(0, 1000))
def test_heuristic_never_reports_an_orbit_the_exhaustive_enumeration_lacks(model, seed):
    exact = certified_cycles(model, max_period=3, strategy="exhaustive", progress=False)
    heur = certified_cycles(model, max_period=3, strategy="heuristic", budget=0.3, seed=seed, progress=False)
    key = lambda r: (r.itinerary, tuple(map(tuple, r.points)))
    assert {key(r) for r in heur.cycles} <= {key(r) for r in exact.cycles}
    assert {key(r) for r in heur.border_orbits} <= {key(r) for r in exact.border_orbits}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plrnns(dims=(1, 2)))
def test_complete_enumeration_agrees_with_the_exhaustive_one(model):
    exact = certified_cycles(model, max_period=3, strategy="exhaustive", progress=False)
    comp = certified_cycles(model, max_period=3, strategy="complete", budget=60, progress=False)
    key = lambda r: (r.itinerary, tuple(map(tuple, r.points)))
    found = {key(r) for r in comp.cycles}
    assert found <= {key(r) for r in exact.cycles}
    if comp.complete:  # proved complete: then it must equal the exact reference
        assert found == {key(r) for r in exact.cycles}
        assert {key(r) for r in comp.border_orbits} == {key(r) for r in exact.border_orbits}
    else:  # only a degenerate word may stop the census here
        assert "degenerate" in comp.incomplete_reason or "det(I - P) = 0" in comp.incomplete_reason


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(model_descriptions(), st.integers(0, 100))
def test_heuristic_is_sound_for_every_model_kind(desc, seed):
    """shplrnn (with its region pool when H > M), alrnn and clipped models: the heuristic only reports
    orbits that the exact exhaustive enumeration also finds."""
    model = model_from_dict(desc)
    exact = certified_cycles(model, max_period=2, strategy="exhaustive", progress=False)
    heur = certified_cycles(model, max_period=2, strategy="heuristic", budget=0.3, seed=seed, progress=False)
    key = lambda r: (r.itinerary, tuple(map(tuple, r.points)))
    assert {key(r) for r in heur.cycles} <= {key(r) for r in exact.cycles}
