"""The float-refusing reader, check_file, the command line and the selftest (proofs/README.md §5)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from verified_dyn.kernel import Malformed, check_file, check_text, load_certificate, selftest
from verified_dyn.kernel.__main__ import main
from verified_dyn.kernel.tools import builtin

ROOT = Path(__file__).resolve().parents[2]
T0 = builtin.valid()["tent fixed point 0"]


def write(path, cert):
    path.write_text(json.dumps(cert))
    return path


@pytest.mark.parametrize(
    "text, message",
    [
        ('{"a": 1.5}', "JSON float"),
        ('{"a": 1e3}', "JSON float"),
        ('{"a": NaN}', "JSON constant NaN"),
        ('{"a": -Infinity}', "JSON constant -Infinity"),
        ('{"a": 1, "a": 2}', "duplicate key"),
        ('{"a": ', "not valid JSON"),
        ('{"a": ' + "[" * 100000 + "]" * 100000 + "}", "not valid JSON"),
        ('{"a": ' + "9" * 5000 + "}", "not valid JSON"),
    ],
)
def test_reader_refuses(text, message):
    with pytest.raises(Malformed, match=message):
        load_certificate(text)


def test_reader_accepts_text_bytes_and_paths(tmp_path):
    text = json.dumps(T0)
    assert load_certificate(text) == T0
    assert load_certificate(text.encode()) == T0
    assert load_certificate(write(tmp_path / "c.json", T0)) == T0
    assert load_certificate(str(tmp_path / "c.json")) == T0
    with pytest.raises(Malformed, match="JSON object"):
        load_certificate(b"[1, 2]")


def test_check_text_reads_bytes_and_never_raises():
    text = json.dumps(T0)
    assert check_text(text).verdict == "PROVED" and check_text(text.encode()).verdict == "PROVED"
    assert check_text(text, builtin.TENT["hash"]).verdict == "PROVED"
    assert check_text(text, builtin.ABS["hash"]).verdict == "REFUTED"  # about another model
    for bad in (
        '{"a": ',
        b"\xff\xfe{",
        "[1, 2]",
        json.dumps(dict(T0, producer={"seconds": 0.25})),
        '{"a": 1, "a": 2}',
        '{"a": NaN}',
    ):
        v = check_text(bad)
        assert v.verdict == "REFUTED" and v.reason.startswith("malformed: "), (bad, v.reason)


def test_check_file(tmp_path):
    assert check_file(write(tmp_path / "ok.json", T0)).verdict == "PROVED"
    # a float anywhere, even in the free-form producer, is refused by the reader
    with_float = dict(T0, producer={"seconds": 0.25})
    v = check_file(write(tmp_path / "float.json", with_float))
    assert v.verdict == "REFUTED" and v.reason.startswith("malformed: JSON float 0.25")
    v = check_file(tmp_path / "missing.json")
    assert v.verdict == "REFUTED" and "cannot read" in v.reason


def test_main_exit_codes(tmp_path, capsys):
    ok = write(tmp_path / "ok.json", T0)
    assert main([str(ok)]) == 0
    assert capsys.readouterr().out.startswith("PROVED")
    assert main([str(ok), "--expected-hash", builtin.ABS["hash"]]) == 3
    assert "model-hash failed" in capsys.readouterr().out
    assert main([str(ok), "--expected-hash", builtin.TENT["hash"], "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["verdict"] == "PROVED"
    bad = write(tmp_path / "bad.json", dict(T0, witness={"points": [["1/3"]], "spectrum": T0["witness"]["spectrum"]}))
    assert main([str(bad), "--json"]) == 3
    out = json.loads(capsys.readouterr().out)
    assert out["verdict"] == "REFUTED" and out["obligations"][2]["status"] == "failed"


def test_selftest_builtins_only(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # no proofs/expected.json above tmp_path
    assert selftest() == 0
    out = capsys.readouterr().out
    assert "no proofs/expected.json found" in out and "FAIL" not in out
    assert out.count("\n") == len(builtin.cases()) + 2


def test_selftest_directory(tmp_path, capsys):
    write(tmp_path / "good.json", T0)
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "bad.json", dict(T0, version=2))
    write(tmp_path / "stray.json", T0)
    (tmp_path / "expected.json").write_text(json.dumps({"good.json": "PROVED", "sub/bad.json": "INCONCLUSIVE"}))
    assert selftest(tmp_path) == 0
    out = capsys.readouterr().out
    assert "ok    PROVED       good.json" in out and "note  not listed in expected.json: stray.json" in out
    (tmp_path / "expected.json").write_text(json.dumps({"good.json": "REFUTED"}))
    assert selftest(tmp_path) == 1
    assert "FAIL  expected REFUTED, got PROVED" in capsys.readouterr().out
    (tmp_path / "expected.json").write_text(json.dumps({"gone.json": "PROVED"}))
    assert selftest(tmp_path) == 1
    (tmp_path / "expected.json").unlink()
    assert selftest(tmp_path) == 1  # an explicit DIR must have expected.json


def test_found_proofs_directory_is_used(tmp_path, monkeypatch, capsys):
    (tmp_path / "proofs").mkdir()
    write(tmp_path / "proofs" / "t.json", T0)
    (tmp_path / "proofs" / "expected.json").write_text(json.dumps({"t.json": "PROVED"}))
    (tmp_path / "deep").mkdir()
    monkeypatch.chdir(tmp_path / "deep")
    assert selftest() == 0
    assert "ok    PROVED       t.json" in capsys.readouterr().out


def test_module_command_line(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    run = subprocess.run(
        [sys.executable, "-m", "verified_dyn.kernel", "--selftest"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "selftest: passed" in run.stdout
