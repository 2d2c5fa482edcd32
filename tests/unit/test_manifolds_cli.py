"""The manifolds and basins commands: JSON per INTERFACE.md, figures, honest verdicts, exit status 2."""

import json

import pytest

from verified_dyn.cli import main


def _run(capsys, argv):
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_manifolds_json_and_figure(tmp_path, capsys):
    code, out, _ = _run(capsys, ["manifolds", "gardini_3a_right", "--json", "--quiet", "--out", str(tmp_path)])
    assert code == 0
    doc = json.loads(out)
    (obj,) = doc["objects"]
    assert obj["cycle"]["type"] == "saddle" and obj["cycle"]["verdict"] == "PROVED"
    for side in ("stable", "unstable"):
        s = obj[side]
        assert s["dim"] == 1 and s["pieces"]
        piece = s["pieces"][0]
        assert set(piece) >= {"region", "vertices", "enclosure_radius"}
        assert len(piece["vertices"]) == 2 and len(piece["vertices"][0]) == 2
        assert s["local_pieces"][0]["enclosure_radius"] < 1e-13 and s["local_verdict"] == "PROVED"
    cp = obj["unstable"]["certified_pieces"]
    assert cp["verdict"] == "PROVED" and len(cp["pieces"]) > 10
    assert all(p["enclosure_radius"] < 1e-12 for p in cp["pieces"])
    assert (tmp_path / "manifold-0-unstable-pieces.json").is_file()
    assert obj["stable"]["certified_pieces"]["verdict"] == "PROVED"
    assert obj["verdict"] == "INCONCLUSIVE" and obj["reason"]
    assert obj["invertible_where_visited"] is True
    assert (tmp_path / "manifolds.png").stat().st_size > 10_000


def test_basins_json(tmp_path, capsys):
    code, out, _ = _run(
        capsys, ["basins", "gardini_3a_right", "--json", "--quiet", "--grid", "60", "--out", str(tmp_path)]
    )
    assert code == 0
    doc = json.loads(out)
    fr = doc["grid"]["fractions"]
    assert set(fr) == {"0", "diverges"} and abs(fr["0"] + fr["diverges"] - 1) < 1e-9
    assert 0.35 < fr["diverges"] < 0.65  # REFERENCE_CASES: about half of [-3, 3]^2 diverges
    assert doc["boundary"]["cells"] == doc["boundary"]["within_one_cell"]
    assert (tmp_path / "basins.png").is_file()


@pytest.mark.parametrize(
    "argv",
    [
        ["manifolds", "gardini_3a_right", "--box", "1", "2", "3"],
        ["manifolds", "gardini_3a_right", "--of", "7"],
        ["manifolds", "gardini_3a_right", "--of", "x"],
        ["manifolds", "gardini_3a_right", "--iterations", "0"],
        ["basins", "gardini_3a_right", "--grid", "1"],
        ["basins", "gardini_3a_right", "--box", "1", "0", "0", "1"],
        ["basins", "no_such_model"],
    ],
)
def test_bad_input_exits_2(argv, capsys, tmp_path):
    code, _, err = _run(capsys, argv + ["--quiet", "--no-plot", "--out", str(tmp_path)])
    assert code == 2 and err.startswith("verified-dyn: error:") and err.count("\n") == 1


def test_one_dimensional_model_has_no_saddles_and_does_not_crash(tmp_path, capsys):
    code, out, _ = _run(capsys, ["manifolds", "tent_2", "--json", "--quiet", "--out", str(tmp_path)])
    assert code == 0 and json.loads(out)["objects"] == []
