"""`verified-dyn manifolds` on a 3-D model with a 2-D stable manifold: the JSON keeps the INTERFACE.md
fields (dim, pieces with region / vertices / enclosure_radius) and adds the float piece data; the
polygons lie on the hand-derived surface x = -c (y - 1) / 2 for y in [1, 2] (first preimage piece of
F(x, y, z) = (2x + c relu(y - 1), y/2, z/2), c = 3/2), the text and figure are produced, the verdict
stays INCONCLUSIVE."""

import json

from verified_dyn.cli import main

MODEL = {
    "kind": "shplrnn",
    "A": [[2, 0, 0], [0, "1/2", 0], [0, 0, "1/2"]],
    "W1": [["3/2"], [0], [0]],
    "W2": [[0, 1, 0]],
    "h1": [0, 0, 0],
    "h2": [-1],
}


def test_manifolds_json_for_a_2d_stable_manifold(tmp_path, capsys):
    path = tmp_path / "prod.json"
    path.write_text(json.dumps(MODEL))
    code = main(
        [
            "manifolds",
            str(path),
            "--max-period",
            "1",
            "--json",
            "--quiet",
            "--out",
            str(tmp_path),
            "--box",
            "-3",
            "3",
            "-3",
            "3",
            "-3",
            "3",
            "--axes",
            "1,2",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    (obj,) = json.loads(out)["objects"]
    st = obj["stable"]
    assert st["dim"] == 2 and st["piece_dimension"] == 2 and st["float_only"] is True
    assert obj["verdict"] == "INCONCLUSIVE" and "no certificate" in st["reason"]
    gens = sorted(p["generation"] for p in st["pieces"])
    assert gens == [0, 1, 2]  # y <= 1, [1, 2], [2, 3] (box y <= 3)
    for p in st["pieces"]:
        assert set(p) >= {"region", "vertices", "enclosure_radius", "itinerary", "target"}
        assert len(p["vertices"]) >= 4
        for x, y, _z in p["vertices"]:
            if p["generation"] == 1:
                assert 1 - 1e-9 <= y <= 2 + 1e-9 and abs(x + 1.5 * (y - 1) / 2) < 1e-9
            if p["generation"] == 0:
                assert y <= 1 + 1e-9 and abs(x) < 1e-12
    assert obj["unstable"]["dim"] == 1 and obj["unstable"]["pieces"]
    signs = {tuple(d["region"]): d["sign"] for d in obj["determinant_signs"]}
    assert signs == {(0,): 1, (1,): 1}  # det = 2 * 1/2 * 1/2 in both regions
    assert (tmp_path / "manifolds.png").exists()


def test_manifolds_text_reports_generations(tmp_path, capsys):
    path = tmp_path / "prod.json"
    path.write_text(json.dumps(MODEL))
    assert (
        main(
            [
                "manifolds",
                str(path),
                "--max-period",
                "1",
                "--quiet",
                "--no-plot",
                "--out",
                str(tmp_path),
                "--nd-iterations",
                "1",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "stable   dim 2: 2 pieces, 1 generations" in out
