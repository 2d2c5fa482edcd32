"""The commands invariants / simulate / reproduce: JSON contract (INTERFACE §2), verdicts, bad input."""

import json

import pytest

from verified_dyn.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_invariants_tanh_all_proved(capsys, tmp_path):
    code, out, _ = run(capsys, "invariants", "skew_tanh_2d", "--json", "--out", str(tmp_path), "--quiet")
    assert code == 0
    doc = json.loads(out)
    claims = doc["claims"]
    for name in (
        "skew_symmetric",
        "conserved_quantity",
        "volume_preserving",
        "equilibria",
        "bounded_orbits",
        "periodic_orbits",
        "casimirs",
    ):
        assert claims[name]["verdict"] == "PROVED", (name, claims[name])
    assert claims["conserved_quantity"]["formula"] == "log(cosh(x1)) + log(cosh(x2))"
    assert "only equilibrium" in claims["equilibria"]["statement"]
    (period,) = claims["periodic_orbits"]["periods"]
    lo, hi = period["enclosure_float"]
    assert period["verdict"] == "PROVED" and lo - 5e-4 < 7.714 < hi + 5e-4  # REFERENCE_CASES: 7.714
    code, vout, _ = run(capsys, "verify", period["certificate"], "--json")
    assert code == 0 and json.loads(vout)["verdict"] == "PROVED"


def test_invariants_gauss_escape_refutes_boundedness(capsys, tmp_path):
    code, out, _ = run(capsys, "invariants", "skew_gauss_2d", "--json", "--out", str(tmp_path), "--quiet")
    claims = json.loads(out)["claims"]
    b = claims["bounded_orbits"]
    assert code == 0 and b["verdict"] == "REFUTED" and b["witness_x0"] == ["3/2", "3/2"]
    assert "unbounded" in b["reason"] and b["certificate"].endswith("escape.json")
    p = claims["periodic_orbits"]
    assert p["verdict"] == "REFUTED"
    assert p["orbits"][0]["x0"] == ["1", "0"] and p["orbits"][0]["verdict"] == "PROVED"
    assert claims["skew_symmetric"]["verdict"] == claims["conserved_quantity"]["verdict"] == "PROVED"


def test_invariants_text_and_non_skew_model(capsys, tmp_path):
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"kind": "ctrnn", "name": "nonskew", "W": [[1, 2], [0, 0]], "activation": "tanh"}))
    code, out, _ = run(capsys, "invariants", str(path), "--out", str(tmp_path / "c"), "--quiet")
    assert code == 0
    assert "skew_symmetric       REFUTED" in out and "S[0][0] = 1" in out
    assert "conserved_quantity   REFUTED" in out


def test_simulate_euler_reports_the_certified_bound(capsys, tmp_path):
    code, out, _ = run(
        capsys,
        "simulate",
        "skew_tanh_2d",
        "--method",
        "euler",
        "--h",
        "0.1",
        "--t",
        "100",
        "--json",
        "--out",
        str(tmp_path),
        "--no-plot",
    )
    doc = json.loads(out)
    assert code == 0 and doc["steps"] == 1000 and doc["h"] == "1/10"
    assert doc["euler_bound"]["verdict"] == "PROVED" and doc["euler_bound"]["C"] == "1/100"
    assert doc["G0"] < doc["G_final"] <= doc["euler_bound"]["bound_at_end"]


def test_simulate_avf_writes_a_figure(capsys, tmp_path):
    code, out, _ = run(
        capsys, "simulate", "skew_gauss_2d", "--method", "avf", "--t", "20", "--x0", "1,0", "--out", str(tmp_path)
    )
    assert code == 0 and "max |G - G(x0)|" in out
    assert (tmp_path / "simulate-avf.png").stat().st_size > 10000


@pytest.mark.parametrize(
    "argv,needle",
    [
        (["invariants", "lozi"], "continuous-time"),
        (["invariants", "no_such_model"], "no such file"),
        (["simulate", "skew_tanh_2d", "--x0", "1"], "--x0"),
        (["simulate", "skew_tanh_2d", "--h", "0"], "--h"),
        (["simulate", "skew_tanh_2d", "--h", "abc"], "--h"),
        (["invariants", "skew_tanh_2d", "--amplitude", "-1"], "--amplitude"),
    ],
)
def test_bad_input_gives_one_line_and_status_2(capsys, argv, needle):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert needle in err and len(err.strip().splitlines()) == 1


def test_help_teaches_by_example(capsys):
    for cmd in ("invariants", "simulate", "reproduce"):
        with pytest.raises(SystemExit):
            main([cmd, "--help"])
        out = capsys.readouterr().out
        assert "examples:" in out and f"verified-dyn {cmd}" in out
    with pytest.raises(SystemExit) as e:
        main(["reproduce", "nobody2024"])
    assert e.value.code == 2
