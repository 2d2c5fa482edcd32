"""Issue 12, items 3-6: verify names the model, one reader semantics, no traceback, no unbacked "none"."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from verified_dyn.cli import _interrupted, main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ---- 3. verify CERT without MODEL ------------------------------------------------------------------


def test_verify_without_model_names_the_model_of_the_certificate(capsys, tmp_path):
    run(capsys, "cycles", "tent_2", "--period", "1", "--out", str(tmp_path), "--quiet")
    path = str(sorted(tmp_path.glob("cycle-p1-*.json"))[0])
    section = json.loads(open(path).read())["model"]
    code, out, _ = run(capsys, "verify", path)
    assert code == 0 and out.startswith("PROVED")
    assert f"model: {section['name']}, {section['hash']}" in out
    code, out, _ = run(capsys, "verify", path, "--json")
    assert json.loads(out)["model"] == {"name": section["name"], "hash": section["hash"]}


@pytest.mark.parametrize("text", ["not json at all", "[1, 2]", '"a string"', "\udcff", ""])
def test_verify_of_something_that_is_not_a_certificate_is_a_usage_error(capsys, tmp_path, text):
    p = tmp_path / "x.json"
    p.write_bytes(text.encode("utf-8", "surrogateescape"))
    code, out, err = run(capsys, "verify", str(p))
    assert code == 2 and out == "" and "not a certificate" in err and len(err.strip().splitlines()) == 1


# ---- 4. one model reader ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, problem",
    [
        ('{"kind": "plrnn", "A": [1], "W": [[0]], "h": [1], "h": [2]}', "duplicate key"),
        ('{"kind": "plrnn", "A": ["1e-99999999"], "W": [[0]], "h": [1]}', "exponent"),
        ('{"kind": "plrnn", "A": ["\\u0661"], "W": [[0]], "h": [1]}', "not a number"),
    ],
)
def test_model_files_the_kernel_refuses_are_refused_in_one_line(capsys, tmp_path, text, problem):
    p = tmp_path / "m.json"
    p.write_text(text)
    t = time.process_time()
    code, _, err = run(capsys, "cycles", str(p), "--period", "1", "--quiet")
    assert code == 2 and problem in err and len(err.strip().splitlines()) == 1
    assert time.process_time() - t < 60  # generous: it used to compute 10^99999999


def test_a_large_but_allowed_exponent_is_read_exactly():
    from fractions import Fraction

    from verified_dyn.rationals import to_fraction

    assert to_fraction("1e-5000") == Fraction(1, 10**5000)
    with pytest.raises(ValueError, match="exponent"):
        to_fraction("1e10001")
    with pytest.raises(ValueError):
        to_fraction("\u0661")  # ARABIC-INDIC DIGIT ONE


# ---- 5. no traceback ------------------------------------------------------------------------------


def test_out_naming_a_file_is_one_line(capsys, tmp_path):
    f = tmp_path / "afile"
    f.write_text("x")
    for out in (f, f / "sub"):
        code, _, err = run(capsys, "cycles", "tent_2", "--period", "1", "--out", str(out), "--quiet")
        assert code == 2 and "not a directory" in err and len(err.strip().splitlines()) == 1


def test_a_keyboard_interrupt_wrapped_by_compiled_code_is_an_interruption():
    try:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as k:
            raise SystemError("<numba function> returned a result with an exception set") from k
    except SystemError as e:
        assert _interrupted(e)
    assert not _interrupted(ValueError("x"))


def test_float_cycle_point_of_an_overflowing_word_is_refused_not_raised():
    import numpy as np

    from verified_dyn.models import load_model
    from verified_dyn.search import scyfi, scyfi_py

    f = load_model("lozi").f
    args = (f["A"], f["W1"], f["W2"], f["h1"], f["h2"])
    itin = np.random.default_rng(0).integers(0, 2, size=(1200, f["W2"].shape[0])).astype(np.uint8)
    with np.errstate(all="ignore"):
        assert not scyfi.cycle_point(*args, itin)[1]
        assert scyfi_py.cycle_point(*args, itin) is None


@pytest.mark.slow
def test_heuristic_search_survives_float_overflow_on_long_periods():
    from verified_dyn.models import load_model
    from verified_dyn.search.cycle_search import find_cycle_candidates

    for name, k in (("lozi", 1200), ("tent:slope=3", 700)):
        cands, stats = find_cycle_candidates(load_model(name), k, budget=0.5, batch=8, max_inner=3, patience=1)
        assert stats.batches >= 1  # no LinAlgError / SystemError from the overflowing solve


def test_census_at_a_period_deeper_than_the_recursion_limit(tmp_path):
    from verified_dyn import gate
    from verified_dyn.certify.census import certify_census
    from verified_dyn.kernel import check_file
    from verified_dyn.models import model_from_dict

    # z' = -z + 1 (z <= 0), z + 1 (z > 0): every orbit climbs, no periodic orbit at all; one switching
    # unit, so at period 1100 the walk goes 1100 bits deep (it used to die of a RecursionError)
    m = model_from_dict({"kind": "plrnn", "A": [[-1]], "W": [[2]], "h": [1]})
    r = certify_census(m, 1100, budget=600)
    assert r.complete, r.reason
    path = tmp_path / "census-p1100.json"
    assert gate.admit(r.certificate, path, m.hash).valid
    assert check_file(path).verdict == "PROVED"


def test_census_beyond_float_range_stops_with_a_reason():
    from verified_dyn.certify.census import certify_census
    from verified_dyn.models import load_model

    r = certify_census(load_model("tent"), 1100, budget=120)  # slopes 2^1100: beyond float range
    assert not r.complete and r.certificate is None and "float range" in r.reason


@pytest.mark.skipif(os.name != "posix", reason="SIGINT")
def test_ctrl_c_during_the_heuristic_is_an_interruption(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "verified_dyn", "cycles", "lozi", "--period", "60", "--search", "heuristic"]
        + ["--budget", "120", "--quiet", "--out", str(tmp_path)],
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(8)  # past the imports and the numba load
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130 and "verified-dyn: interrupted" in err and "internal error" not in err


# ---- 6. no negative statement without a proof ------------------------------------------------------


def test_none_is_said_only_after_a_proved_census(capsys, tmp_path):
    # tent_2 at period 3 with the heuristic and a tiny budget: maybe nothing; never "no ... orbit at"
    from verified_dyn.models import model_from_dict
    from verified_dyn.pipelines.cycles import CycleReport
    from verified_dyn.reports.tables import _none_text

    m = model_from_dict({"kind": "plrnn", "A": [["1/2"]], "W": [[0]], "h": [1]})
    for strategy, complete, word in (
        ("heuristic", False, "found"),
        ("exhaustive", False, "found"),
        ("complete", False, "found"),
        ("complete", True, "proved"),
    ):
        r = CycleReport(m, [2], strategy)
        r.complete = complete
        assert word in _none_text(r)
