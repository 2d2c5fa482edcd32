"""Complete enumeration (--complete): census certificates proved by the kernel, counts from REFERENCE_CASES.md."""

import json

import pytest

from verified_dyn.certify.census import certify_census
from verified_dyn.kernel import check
from verified_dyn.models import load_model
from verified_dyn.pipelines.cycles import certified_cycles

# REFERENCE_CASES.md tables (sources there: closed form / published counts / Gardini et al.)
TENT = [2, 1, 2, 3, 6, 9, 18, 30, 56, 99]  # full 2-shift, p = 1..10
LOZI = [2, 1, 0, 1, 0, 4, 4, 7, 10, 12, 18, 32]  # Lozi (1.7, 0.5), p = 1..12
FIG5 = [1, 1, 2, 3, 4, 5, 6, 6]  # Gardini Fig 5, p = 1..8


@pytest.mark.parametrize("name,table", [("tent_2", TENT), ("lozi", LOZI), ("gardini_fig5", FIG5)])
def test_complete_counts_are_proved(name, table):
    rep = certified_cycles(load_model(name), max_period=len(table), strategy="complete", budget=300, progress=False)
    assert rep.complete, rep.incomplete_reason
    assert list(rep.counts().values()) == table
    assert all(v.verdict == "PROVED" for _, v in rep.censuses.values())


@pytest.mark.parametrize(
    "name,counts",
    [
        ("gardini_3a_left", [1, 0, 0, 0, 0, 0]),
        ("gardini_3a_right", [2, 0, 0, 0, 0, 0]),
        ("gardini_3b_left", [1, 0, 1, 0, 0, 0]),
        ("gardini_3b_right", [1, 0, 0, 1, 2, 0]),
    ],
)
def test_gardini_nothing_else_up_to_period_6(name, counts):
    rep = certified_cycles(load_model(name), max_period=6, strategy="complete", budget=120, progress=False)
    assert rep.complete and list(rep.counts().values()) == counts


@pytest.mark.parametrize("name,k,none_at", [("scyfi_16cycle", 16, 15), ("scyfi_27cycle", 27, 25)])
def test_scyfi_no_cycles_at_the_smaller_period(name, none_at, k):
    # SCYFI test suite: length(FPs[15]) == 0 for the 16-cycle system, FPs[25] for the 27-cycle system
    rep = certified_cycles(load_model(name), period=none_at, strategy="complete", budget=300, progress=False)
    assert rep.complete and rep.counts() == {none_at: 0} and not rep.border_orbits


def test_checkpoint_0_has_exactly_five_fixed_points_complete():
    rep = certified_cycles(
        load_model("scyfi_multistable", 0), period=1, strategy="complete", budget=300, progress=False
    )
    assert rep.complete and len(rep.cycles) == 5
    assert sorted(r.counts.orbit_type for r in rep.cycles) == ["attracting"] * 3 + ["saddle"] * 2


def _leaves(nodes):
    """(index, node) of every node that is not a split, in the flat form witness.nodes."""
    for i, node in enumerate(nodes):
        if node[0] != "split":
            yield i, node


@pytest.fixture(scope="module")
def census7():
    r = certify_census(load_model("lozi"), 7)
    assert r.complete and check(r.certificate).verdict == "PROVED"
    return r.certificate


def _set(cert, i, value):
    doc = json.loads(json.dumps(cert))
    doc["witness"]["nodes"][i] = value
    return doc


def test_every_leaf_replaced_by_a_skip_or_an_empty_claim_is_rejected(census7):
    """Dropping any settled word (claiming it is skipped, empty or a power) must not be PROVED. Settled
    words are least rotations (the certifier skips the others), so "not-lyndon" is false for them; an
    empty node may also be a non-least prefix, so only the other fakes are tried there."""
    tried = 0
    for path, node in _leaves(census7["witness"]["nodes"]):
        fakes = [["empty", {"rows": [0], "y": ["1"]}], ["not-primitive"]]
        if node[0] in ("orbit", "outside", "shorter", "border"):
            fakes.append(["not-lyndon"])
        elif node[0] != "empty":
            continue
        for fake in fakes:
            tried += 1
            assert check(_set(census7, path, fake)).verdict != "PROVED", (path, node, fake)
    assert tried > 20


def test_removing_a_listed_orbit_is_rejected(census7):
    doc = json.loads(json.dumps(census7))
    assert doc["claim"]["orbits"]
    doc["claim"]["orbits"].pop()
    assert check(doc).verdict != "PROVED"


def test_duplicated_orbit_is_rejected(census7):
    doc = json.loads(json.dumps(census7))
    doc["claim"]["orbits"].append(doc["claim"]["orbits"][0])
    assert check(doc).verdict == "REFUTED"


def test_farkas_multiplier_tampering_is_rejected(census7):
    for path, node in _leaves(census7["witness"]["nodes"]):
        if node[0] == "empty":
            y = node[1]["y"]
            bad = _set(census7, path, ["empty", {"rows": node[1]["rows"], "y": [y[0] + "0"] + y[1:]}])
            assert check(bad).verdict == "REFUTED"
            return
    pytest.fail("no Farkas node in the census of Lozi period 7")


@pytest.mark.parametrize("name,k", [("scyfi_16cycle", 16), ("scyfi_27cycle", 27)])
def test_scyfi_exactly_one_attracting_and_one_saddle_cycle(name, k):
    # SCYFI test suite / REFERENCE_CASES: exactly one attracting and one saddle k-cycle (proved complete)
    rep = certified_cycles(load_model(name), period=k, strategy="complete", budget=300, progress=False)
    assert rep.complete and not rep.border_orbits
    assert sorted(r.counts.orbit_type for r in rep.cycles) == ["attracting", "saddle"]
