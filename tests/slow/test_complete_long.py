"""Long completeness proofs (opt-in: pytest --runslow). Counts from REFERENCE_CASES.md."""

import pytest

from verified_dyn.models import load_model
from verified_dyn.pipelines.cycles import certified_cycles

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("p,count", [(15, 122), (16, 180)])
def test_lozi_complete_to_16(p, count):
    # REFERENCE_CASES: Lozi (1.7, 0.5) prime orbits 122 at p = 15 and 180 at p = 16 (exact, complete)
    rep = certified_cycles(load_model("lozi"), period=p, strategy="complete", budget=1800, progress=False)
    assert rep.complete and rep.counts() == {p: count}


@pytest.mark.parametrize("p,count", [(13, 630), (14, 1161)])
def test_tent_complete_to_14(p, count):
    # full 2-shift: (1/p) sum_{d | p} mu(p/d) 2^d = 630 (p = 13), 1161 (p = 14)
    rep = certified_cycles(load_model("tent_2"), period=p, strategy="complete", budget=1800, progress=False)
    assert rep.complete and rep.counts() == {p: count}


def test_trained_checkpoint_0_two_cycles_complete():
    rep = certified_cycles(
        load_model("scyfi_multistable", 0), period=2, strategy="complete", budget=3600, progress=False
    )
    assert rep.complete
    heur = certified_cycles(
        load_model("scyfi_multistable", 0), period=2, strategy="heuristic", budget=20, progress=False
    )
    assert {r.itinerary for r in heur.cycles} <= {r.itinerary for r in rep.cycles}


@pytest.mark.parametrize("name,k,smaller", [("scyfi_31cycle", 31, 30), ("scyfi_40cycle", 40, 38)])
def test_scyfi_long_cycles_exact_counts(name, k, smaller):
    # SCYFI test suite: two cycles (one attracting, one saddle) at k, none at the smaller period
    model = load_model(name)
    rep = certified_cycles(model, period=k, strategy="complete", budget=1800, progress=False)
    assert rep.complete and sorted(r.counts.orbit_type for r in rep.cycles) == ["attracting", "saddle"]
    rep = certified_cycles(model, period=smaller, strategy="complete", budget=1800, progress=False)
    assert rep.complete and rep.counts() == {smaller: 0} and not rep.border_orbits
