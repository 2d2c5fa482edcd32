"""The command line: JSON contract (INTERFACE §2), exit statuses, and one-line errors for bad input."""

import json
import subprocess
import sys
from fractions import Fraction

import pytest

from verified_dyn.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cycles_json_contract_and_verify(capsys, tmp_path):
    code, out, err = run(capsys, "cycles", "lozi", "--max-period", "4", "--json", "--out", str(tmp_path), "--quiet")
    assert code == 0
    doc = json.loads(out)
    assert doc["model"]["dim"] == 2 and doc["model"]["hash"].startswith("sha256:")
    assert doc["max_period"] == 4 and doc["counts"] == {"1": 2, "2": 1, "3": 0, "4": 1}  # REFERENCE_CASES
    assert doc["complete"] is False and "exhaustive" in doc["completeness"]
    for c in doc["cycles"]:
        assert c["verdict"] == "PROVED" and c["type"] == "saddle"
        assert len(c["itinerary"]) == len(c["points"]) == c["period"]
        assert c["eigenvalues_inside"] + c["eigenvalues_outside"] + c["eigenvalues_on_circle"] == 2
        [Fraction(x) for p in c["points"] for x in p]  # exact "p/q" strings
        code, vout, _ = run(capsys, "verify", c["certificate"], "lozi", "--json")
        assert code == 0 and json.loads(vout)["verdict"] == "PROVED"
    # the same certificate against another model: hash mismatch, exit 3
    code, vout, _ = run(capsys, "verify", doc["cycles"][0]["certificate"], "lozi:a=1.4", "--json")
    assert code == 3 and json.loads(vout)["verdict"] == "REFUTED"


def test_verify_rejects_a_tampered_certificate(capsys, tmp_path):
    run(capsys, "cycles", "tent_2", "--period", "1", "--out", str(tmp_path), "--quiet")
    path = sorted(tmp_path.glob("cycle-p1-*.json"))[0]
    cert = json.loads(path.read_text())
    cert["witness"]["points"][0][0] = "1/3"  # not a fixed point of the tent map
    path.write_text(json.dumps(cert))
    code, out, _ = run(capsys, "verify", str(path))
    assert code == 3 and out.startswith("REFUTED")


def test_models_lists_builtins(capsys):
    code, out, _ = run(capsys, "models", "--json")
    names = {r["name"] for r in json.loads(out)["models"]}
    assert {"lozi", "tent", "gardini_fig5", "scyfi_multistable", "skew_tanh_2d"} <= names


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text)
    return str(p)


BAD_FILES = [
    ("missing.json", None, "no such file"),
    ("m.json", '{"kind": "plrnn", "A": [1], "W": [[1]]}', "key 'h': missing"),
    ("m.json", '{"kind": "plrnn", "A": [1, 2], "W": [[1, 2, 3], [1, 2, 3]], "h": [0, 0]}', "key 'W'"),
    ("m.json", '{"kind": "plrnn", "A": [1], "W": [[NaN]], "h": [0]}', "NaN"),
    ("m.json", '{"kind": "plrnn", "A": [1], "W": [[Infinity]], "h": [0]}', "Infinity"),
    ("m.json", '{"kind": "gru", "A": [1]}', "unknown kind 'gru'"),
    ("m.json", '{"kind": "plrnn", ', "not valid JSON"),
    ("m.json", '{"kind": "plrnn", "A": [1], "W": [["one"]], "h": [0]}', "not a number"),
    ("m.npz", "this is not a zip file", "cannot read as .npz"),
    ("m.mat", "this is not a mat file", "cannot read as a MATLAB"),
]


@pytest.mark.parametrize("name,text,message", BAD_FILES)
def test_bad_model_files_exit_2_with_one_line(capsys, tmp_path, name, text, message):
    path = str(tmp_path / name) if text is None else write(tmp_path, name, text)
    code, out, err = run(capsys, "cycles", path, "--max-period", "2", "--quiet")
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and path in lines[0]


@pytest.mark.parametrize(
    "argv,message",
    [
        (["cycles", "scyfi_multistable", "--trial", "150", "--period", "1"], "out of range"),
        (["cycles", "scyfi_multistable", "--period", "1"], "--trial"),
        (["cycles", "lozi", "--max-period", "0"], "between 1 and 10000"),
        (["cycles", "lozi", "--max-period", "60", "--search", "exhaustive"], "smaller period"),
        (["cycles", "lozi", "--max-period", "3", "--budget", "-1"], "--budget"),
        (["cycles", "skew_tanh_2d", "--max-period", "2"], "piecewise-linear"),
        (["cycles", "lozi:c=3", "--max-period", "2"], "unknown parameter"),
        (["cycles", "lozi:a=abc", "--max-period", "2"], "not a number"),
        (["verify", "no-such-cert.json"], "no such certificate"),
    ],
)
def test_bad_requests_exit_2(capsys, argv, message):
    code, out, err = run(capsys, *argv, "--quiet") if argv[0] == "cycles" else run(capsys, *argv)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1


def test_argparse_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as e:
        main(["cycles", "lozi"])  # neither --max-period nor --period
    assert e.value.code == 2


def test_console_script_and_kernel_selftest_run():
    r = subprocess.run([sys.executable, "-m", "verified_dyn.cli", "--help"], capture_output=True, text=True)
    assert r.returncode == 0 and "verified-dyn cycles lozi" in r.stdout
    r = subprocess.run([sys.executable, "-m", "verified_dyn.kernel", "--selftest"], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_demo_writes_a_report_whose_certificates_verify(capsys, tmp_path):
    code, out, _ = run(capsys, "demo", "--out", str(tmp_path), "--json", "--quiet")
    doc = json.loads(out)
    assert code == 0 and doc["complete"] is True
    # REFERENCE_CASES: Gardini Fig 5 prime orbits by period 1..8
    assert [doc["counts"][str(p)] for p in range(1, 9)] == [1, 1, 2, 3, 4, 5, 6, 6]
    assert (tmp_path / "report.md").read_text().count("| certificates/cycle-p") == 28  # one table row per orbit
    assert (tmp_path / "orbits.png").read_bytes()[:4] == b"\x89PNG"
    assert "<img" in (tmp_path / "report.html").read_text()
    # REFERENCE_CASES: Fig 5 has transversal homoclinic points (Smale-Birkhoff: chaotic)
    assert doc["chaos"]["verdict"] == "PROVED" and doc["chaos"]["theorem"] == "transversal-homoclinic"
    md = (tmp_path / "report.md").read_text()
    assert "Chaos: PROVED" in md and "## What is proved" in md and "## What is not proved" in md
    assert "## The homoclinic orbit" in md and (tmp_path / "homoclinic.png").read_bytes()[:4] == b"\x89PNG"
    for cert in [
        doc["certificates"][0],
        str(tmp_path / "certificates" / "census-p8.json"),
        doc["chaos"]["certificate"],
    ]:
        code, vout, _ = run(capsys, "verify", cert, "gardini_fig5", "--json")
        assert code == 0 and json.loads(vout)["verdict"] == "PROVED"


def test_report_for_a_non_planar_model_is_honest_about_chaos(capsys, tmp_path):
    # checkpoint 0: 5 fixed points (REFERENCE_CASES), proved complete; chaos is not claimed in 8-D
    code, out, _ = run(
        capsys,
        "report",
        "scyfi_multistable",
        "--trial",
        "0",
        "--max-period",
        "1",
        "--out",
        str(tmp_path),
        "--json",
        "--quiet",
    )
    doc = json.loads(out)
    assert code == 0 and doc["counts"] == {"1": 5} and doc["complete"] is True
    assert doc["chaos"]["verdict"] == "INCONCLUSIVE" and "dimension 8" in doc["chaos"]["reason"]
    code, _, err = run(capsys, "report", "skew_tanh_2d", "--out", str(tmp_path))
    assert code == 2 and "piecewise-linear" in err
