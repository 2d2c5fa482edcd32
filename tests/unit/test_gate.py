"""The gate: the kernel judges the serialized bytes, and only a valid certificate reaches the disk."""

import copy
import json

import pytest

from verified_dyn import gate
from verified_dyn.certify import certify_cycle
from verified_dyn.models import load_model


@pytest.fixture(scope="module")
def lozi_fixed_point():
    model = load_model("lozi")
    # the fixed point with x > 0 of Lozi (17/10, 1/2) is (5/11, 5/22) in region x > 0 (docs/REFERENCE_CASES.md)
    res = certify_cycle(model, [(1, 0)])
    assert res.status == "cycle" and [str(x) for x in res.points[0]] == ["5/11", "5/22"]
    return model, res.certificate


def test_a_valid_certificate_is_written_whole(tmp_path, lozi_fixed_point):
    model, cert = lozi_fixed_point
    checked = gate.admit(cert, tmp_path / "sub" / "c.json", model.hash)
    assert checked.status == gate.VALID and checked.valid and checked.verdict.proved
    assert checked.path == tmp_path / "sub" / "c.json"
    assert json.loads(checked.path.read_text()) == cert
    assert sorted(p.name for p in (tmp_path / "sub").iterdir()) == ["c.json"]  # no temporary file left


def test_an_invalid_certificate_is_never_written(tmp_path, lozi_fixed_point):
    model, cert = lozi_fixed_point
    bad = copy.deepcopy(cert)
    bad["witness"]["points"][0][0] = "5/12"  # not a fixed point any more
    checked = gate.admit(bad, tmp_path / "c.json", model.hash)
    assert checked.status == gate.INVALID and not checked.valid and checked.path is None
    assert "orbit-closes" in checked.reason and not (tmp_path / "c.json").exists()


def test_the_kernel_reads_the_bytes_so_a_float_is_refused(tmp_path, lozi_fixed_point):
    model, cert = lozi_fixed_point
    bad = copy.deepcopy(cert)
    bad["producer"]["seconds"] = 0.5  # a float anywhere: malformed as a file
    checked = gate.admit(bad, tmp_path / "c.json")
    assert checked.status == gate.INVALID and "float" in checked.reason and not (tmp_path / "c.json").exists()


def test_a_certificate_about_another_model_is_invalid(tmp_path, lozi_fixed_point):
    _, cert = lozi_fixed_point
    other = load_model("lozi:a=7/5,b=3/10")
    checked = gate.admit(cert, tmp_path / "c.json", other.hash)
    assert checked.status == gate.INVALID and "model-hash" in checked.reason


def test_admit_first_keeps_the_first_valid_certificate(tmp_path, lozi_fixed_point):
    model, cert = lozi_fixed_point
    bad = copy.deepcopy(cert)
    bad["claim"]["period"] = 2
    checked = gate.admit_first([bad, cert], tmp_path / "c.json", model.hash)
    assert checked.valid and json.loads((tmp_path / "c.json").read_text()) == cert
    assert gate.admit_first([], tmp_path / "d.json") is None


def test_an_interrupted_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "c.json"
    gate.write_atomic(target, "old\n")

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(gate.os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        gate.write_atomic(target, "new\n")
    assert target.read_text() == "old\n" and [p.name for p in tmp_path.iterdir()] == ["c.json"]
