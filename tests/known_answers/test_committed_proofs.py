"""The committed certificates in proofs/ still verify with the kernel alone, with the expected verdicts."""

import json
import subprocess
import sys
from pathlib import Path

PROOFS = Path(__file__).resolve().parents[2] / "proofs"


def test_kernel_selftest_recheck_of_proofs_dir():
    r = subprocess.run(
        [sys.executable, "-m", "verified_dyn.kernel", "--selftest", str(PROOFS)], capture_output=True, text=True
    )
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    expected = json.loads((PROOFS / "expected.json").read_text())
    assert len(expected) >= 300 and all(v == "PROVED" for v in expected.values())


def test_committed_summaries_match_reference_counts():
    # REFERENCE_CASES.md: Lozi (1.7, 0.5) and Gardini Fig 5 prime orbit counts
    lozi = json.loads((PROOFS / "orbits" / "lozi_1.7_0.5.summary.json").read_text())
    assert [lozi["counts"][str(p)] for p in range(1, 11)] == [2, 1, 0, 1, 0, 4, 4, 7, 10, 12]
    assert lozi["complete"] is True and lozi["search"] == "complete"
    fig5 = json.loads((PROOFS / "orbits" / "gardini_fig5.summary.json").read_text())
    assert [fig5["counts"][str(p)] for p in range(1, 9)] == [1, 1, 2, 3, 4, 5, 6, 6]


def _claims(paths):
    out = set()
    for p in paths:
        c = json.loads(Path(p).read_text())["claim"]
        out.add((c["period"], json.dumps(c["itinerary"]), c.get("orbit_type")))
    return out


def test_regenerating_gives_the_same_claims_and_verdicts(tmp_path):
    """Re-run the certifiers for a slice of the committed results and compare with proofs/."""
    from verified_dyn.kernel import check_file
    from verified_dyn.models import load_model
    from verified_dyn.pipelines.chaos import certify_chaos

    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "verified_dyn.cli",
            "cycles",
            "lozi",
            "--max-period",
            "6",
            "--complete",
            "--out",
            str(tmp_path / "lozi"),
            "--quiet",
        ],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    committed = [
        p
        for p in (PROOFS / "orbits" / "lozi_1.7_0.5").glob("cycle-p*.json")
        if int(p.name.split("-p")[1].split("-")[0]) <= 6
    ]
    fresh = list((tmp_path / "lozi").glob("cycle-p*.json"))
    assert committed and _claims(fresh) == _claims(committed)
    assert all(check_file(p).verdict == "PROVED" for p in fresh)
    doc, _ = certify_chaos(load_model("gardini_fig5"), out=tmp_path / "chaos")
    expected = json.loads((PROOFS / "expected.json").read_text())
    assert doc["verdict"] == expected["chaos/gardini_fig5/chaos-homoclinic.json"] == "PROVED"


def test_regenerated_chaos_verdicts_match_the_committed_summaries(tmp_path):
    """Each committed chaos summary (proofs/chaos/*.summary.json) is reproduced: same verdict, same theorems
    proved, and each committed chaos certificate is in expected.json as PROVED."""
    from verified_dyn.models import load_model
    from verified_dyn.pipelines.chaos import certify_chaos

    expected = json.loads((PROOFS / "expected.json").read_text())
    summaries = sorted((PROOFS / "chaos").glob("*.summary.json"))
    assert {p.name.split(".summary")[0] for p in summaries} >= {
        "gardini_fig5",
        "lozi",
        "tent_2",
        "contracting_4d",
        "gardini_3a_right",
    }
    verdicts = {p.name.split(".summary")[0]: json.loads(p.read_text())["verdict"] for p in summaries}
    assert verdicts["gardini_fig5"] == verdicts["lozi"] == verdicts["tent_2"] == "PROVED"
    assert verdicts["contracting_4d"] == "REFUTED" and verdicts["gardini_3a_right"] == "INCONCLUSIVE"
    for p in (PROOFS / "chaos").rglob("*.json"):
        if not p.name.endswith(".summary.json"):
            assert expected[str(p.relative_to(PROOFS))] == "PROVED"
    for name in ("tent_2", "contracting_4d", "gardini_3a_right"):
        committed = json.loads((PROOFS / "chaos" / f"{name}.summary.json").read_text())
        fresh, _ = certify_chaos(load_model(name), out=tmp_path / name)
        assert fresh["verdict"] == committed["verdict"]
        assert fresh["theorems_proved"] == committed["theorems_proved"]
        assert fresh["entropy_lower_bound"] == committed["entropy_lower_bound"]
