"""Sweeps (docs/SWEEP.md): specs, tasks, the resumable Parquet table, figures, and the in-process runner."""

import json
from fractions import Fraction
from pathlib import Path

import pytest

pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")

from verified_dyn import api  # noqa: E402
from verified_dyn.errors import UsageError  # noqa: E402
from verified_dyn.models import load_model  # noqa: E402
from verified_dyn.reports import sweep_figures  # noqa: E402
from verified_dyn.sweeps import read_table, run_sweep, tasks_of  # noqa: E402
from verified_dyn.sweeps.spec import load_spec, values_of  # noqa: E402
from verified_dyn.sweeps.table import parts  # noqa: E402


def lozi_spec(num=5, max_period=4, complete=True):
    return {
        "base": "lozi:b=1/2",
        "analysis": {"kind": "cycles", "max_period": max_period, "complete": complete},
        "vary": [{"param": "a", "values": {"start": "1", "stop": "2", "num": num}}],
    }


def test_values_are_exact():
    q = Fraction
    assert values_of({"start": "1", "stop": "2", "num": 5}, "a") == [1, q(5, 4), q(3, 2), q(7, 4), 2]
    assert values_of([1.4, "7/10"], "a") == [Fraction(7, 5), Fraction(7, 10)]  # a TOML float is read as written
    with pytest.raises(UsageError):
        values_of({"start": 1, "num": 3}, "a")


def test_grid_of_a_family_gives_family_specs():
    kind, tasks = tasks_of(lozi_spec(num=3))
    assert kind == "grid"
    assert [t["model"] for t in tasks] == ["lozi:b=1/2,a=1", "lozi:b=1/2,a=3/2", "lozi:b=1/2,a=2"]
    assert load_model(tasks[1]["model"]).name == "lozi:a=3/2,b=1/2"


def test_grid_of_file_entries_with_offsets(tmp_path):
    spec = tmp_path / "grid.toml"
    spec.write_text(
        'base = "scyfi_16cycle"\nanalysis = {kind = "fixed-points"}\n'
        '[[vary]]\nentry = "A[0][0]"\nadd = true\nvalues = ["-1/100", "0", "1/100"]\n'
        '[[vary]]\nentry = "A[1][1]"\nadd = true\nvalues = {start = "-1/100", stop = "1/100", num = 2}\n'
    )
    kind, tasks = tasks_of(load_spec(spec))
    assert kind == "grid" and len(tasks) == 6
    base = load_model("scyfi_16cycle")
    m = load_model(tasks[0]["model"])
    assert m.A[0][0] == base.A[0][0] - Fraction(1, 100) and m.A[1][1] == base.A[1][1] - Fraction(1, 100)
    assert m.W1 == base.W1 and tasks[0]["params"] == {"A[0][0]": "-1/100", "A[1][1]": "-1/100"}
    assert load_model(tasks[2]["model"]).hash != base.hash  # A[0][0] + 0, A[1][1] - 1/100


def test_collection_and_series_specs(tmp_path):
    kind, tasks = tasks_of({"models": "scyfi_multistable", "trials": "3:6", "analysis": "fixed-points"})
    assert kind == "collection" and [t["trial"] for t in tasks] == [3, 4, 5]
    run = tmp_path / "run"
    run.mkdir()
    for step in (100, 20, 3):
        model = {"kind": "plrnn", "A": ["1/2"], "W": [["0"]], "h": [str(step)]}
        (run / f"ckpt_step{step}.json").write_text(json.dumps(model))
    kind, tasks = tasks_of({"series": str(run), "analysis": "fixed-points"})
    assert kind == "series" and [t["step"] for t in tasks] == [3, 20, 100]
    kind, tasks = tasks_of({"models": str(run / "*.json"), "analysis": "chaos"})
    assert len(tasks) == 3
    with pytest.raises(UsageError):
        tasks_of({"models": "scyfi_multistable", "series": "x"})
    with pytest.raises(UsageError):
        tasks_of({"base": "lozi", "vary": [{"param": "a", "values": [1]}], "analysis": {"kind": "cycles"}})


def test_in_process_sweep_writes_the_table_and_reruns_do_no_work(tmp_path):
    res = run_sweep(lozi_spec(), tmp_path / "s", dask=False)
    df = res.table
    assert res.ran == 5 and res.skipped == 0 and len(df) == 5
    assert df["error"].isna().all() and df["kernel_all_valid"].all()
    incomplete = df[~df["complete"]]  # a = 3/2: a continuum of 4-periodic points, not proved empty
    assert list(incomplete["param_a"]) == [1.5] and "continuum" in incomplete.iloc[0]["note"]
    assert sorted(df["param_a"]) == [1.0, 1.25, 1.5, 1.75, 2.0]
    row = df[df["param_a"] == 1.0].iloc[0]
    direct = api.cycles("lozi:a=1,b=1/2", max_period=4, complete=True)
    assert row["model_hash"] == direct.report.model.hash
    assert row["orbits_total"] == len(direct.orbits) and row["attracting"] == len(direct.attractors())
    assert json.loads(row["counts_by_period"]) == {str(k): v for k, v in direct.counts.items()}
    assert row["kernel_checked"] >= len(direct.orbits)
    certs = list(Path(row["certificates"]).glob("*.json"))
    assert len(certs) >= row["orbits_total"]
    # readable with plain pandas, keyed by (model hash, analysis, options)
    plain = pd.read_parquet(tmp_path / "s" / "table")
    assert set(plain["key"]) == set(df["key"]) and plain["key"].is_unique
    assert res.figure is not None and res.figure.stat().st_size > 1000
    again = run_sweep(lozi_spec(), tmp_path / "s", dask=False)
    assert again.ran == 0 and again.skipped == 5 and len(parts(tmp_path / "s" / "table")) == len(parts(res.table_path))


def test_an_interrupted_sweep_resumes_with_only_the_missing_tasks(tmp_path):
    out = tmp_path / "s"
    first = run_sweep(lozi_spec(num=6, max_period=3), out, dask=False, limit=2, figure=False)
    assert first.ran == 2 and len(first.table) == 2
    done = set(first.table["key"])
    before = set(parts(out / "table"))
    second = run_sweep(lozi_spec(num=6, max_period=3), out, dask=False, figure=False)
    assert second.ran == 4 and second.skipped == 2
    new = pd.concat([pd.read_parquet(p) for p in set(parts(out / "table")) - before])
    assert len(new) == 4 and not (set(new["key"]) & done)
    assert len(read_table(out / "table")) == 6


def test_error_rows_are_recorded_and_run_again(tmp_path):
    res = run_sweep({"models": ["lozi", "skew_tanh_2d"], "analysis": "fixed-points"}, tmp_path, dask=False)
    err = res.table.set_index("label")["error"]
    assert pd.isna(err["lozi"]) and "piecewise-linear" in err["skew_tanh_2d"]
    assert run_sweep({"models": ["lozi", "skew_tanh_2d"], "analysis": "fixed-points"}, tmp_path, dask=False).ran == 1


def test_series_figure_marks_the_changes(tmp_path):
    df = pd.DataFrame(
        {"step": [0, 10, 20, 30], "attracting": [1, 1, 2, 2], "saddle": [0, 1, 1, 1], "error": [None] * 4}
    )
    assert sweep_figures.change_steps(df) == [10, 20]
    assert sweep_figures.series(df, tmp_path / "s.png").stat().st_size > 1000


def test_attractor_map_of_a_grid(tmp_path):
    rows = []
    for x in range(3):
        for y in range(3):
            orbits = [{"p": 16, "t": "attracting", "x": [0.0]}] * (x + y > 2) + [{"p": 1, "t": "saddle", "x": [0.1]}]
            a = int(x + y > 2)
            rows.append(
                {"param_u": x / 10, "param_v": y / 10, "attracting": a, "orbits": json.dumps(orbits), "error": None}
            )
    path = sweep_figures.attractor_map(pd.DataFrame(rows), "u", "v", tmp_path / "m.png")
    assert path.stat().st_size > 1000


def test_api_sweep_is_public():
    import verified_dyn as vd

    assert "sweep" in vd.__all__ and "sweep" in dir(vd) and "sweep" in api.__all__
    # the package is verified_dyn.sweeps (imported here), so verified_dyn.sweep stays the API function
    assert vd.sweep is api.sweep
    for call in (vd.sweep, api.sweep):
        with pytest.raises(UsageError, match="between 1 and 1024"):
            call(lozi_spec(), workers=0)


def test_the_sweep_command_on_a_series_spec_with_relative_paths(tmp_path, capsys, monkeypatch):
    from verified_dyn.cli import main

    run = tmp_path / "run"
    run.mkdir()
    for step, h in ((10, "1"), (20, "1"), (30, "-1")):  # x -> x/2 + h + 2 relu(x): the fixed points change at 30
        model = {"kind": "plrnn", "A": ["1/2"], "W": [["2"]], "h": [h]}
        (run / f"model_step{step}.json").write_text(json.dumps(model))
    (tmp_path / "series.toml").write_text('series = "run"\nanalysis = "fixed-points"\n')
    monkeypatch.chdir(tmp_path.parent)
    spec = tmp_path / "series.toml"
    assert main(["sweep", str(spec), "--no-dask", "--json", "--quiet", "--out", str(tmp_path / "out")]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["kind"] == "series" and doc["ran"] == 3 and doc["kernel_all_valid"] and doc["errors"] == 0
    df = read_table(doc["table"]).sort_values("step")
    assert list(df["step"]) == [10, 20, 30] and Path(doc["figure"]).exists()
    assert sweep_figures.change_steps(df) == [30]
    assert main(["sweep", str(spec), "--no-dask", "--quiet", "--out", str(tmp_path / "out")]) == 0
    assert "3 already in the table, 0 run" in capsys.readouterr().out
