"""Sweeps on Dask: a LocalCluster of 2 workers, an existing cluster at a scheduler address (scheduler and
workers started by the test on 127.0.0.1 and torn down), the same table as in-process; an interrupted
command resumes; batch verification of a sweep's certificates."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")
pytest.importorskip("distributed")

from verified_dyn.cli import main  # noqa: E402
from verified_dyn.sweeps import run_sweep  # noqa: E402
from verified_dyn.sweeps.table import parts  # noqa: E402

SAME = ["key", "attracting", "saddle", "repelling", "orbits_total", "counts_by_period", "types_by_period",
        "complete", "kernel_all_valid", "error"]  # fmt: skip


def same_table(a, b):
    a, b = a.sort_values("key").reset_index(drop=True), b.sort_values("key").reset_index(drop=True)
    pd.testing.assert_frame_equal(a[SAME], b[SAME])


def lozi_grid(num, max_period):
    return {
        "base": "lozi:b=1/2",
        "analysis": {"kind": "cycles", "max_period": max_period, "complete": True},
        "vary": [{"param": "a", "values": {"start": "1", "stop": "2", "num": num}}],
    }


def trials(n):
    return {"models": "scyfi_multistable", "trials": f"0:{n}", "analysis": "fixed-points"}


def test_local_cluster_gives_the_in_process_table(tmp_path):
    spec = lozi_grid(5, 4)
    local = run_sweep(spec, tmp_path / "dask", workers=2, figure=False)
    assert local.workers == 2 and local.ran == 5
    assert set(local.table["worker"]) <= {"0", "1"}
    seq = run_sweep(spec, tmp_path / "seq", dask=False, figure=False)
    same_table(local.table, seq.table)


@pytest.fixture
def scheduler(tmp_path):
    """`dask scheduler` and `dask worker` (2 processes, 1 thread each) on 127.0.0.1, torn down after."""
    file = tmp_path / "scheduler.json"
    logs = open(tmp_path / "dask.log", "w")
    common = ["--no-dashboard"]
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dask",
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--scheduler-file",
                str(file),
                *common,
            ],
            stdout=logs,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    ]
    try:
        deadline = time.monotonic() + 60
        while not file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert file.exists(), (tmp_path / "dask.log").read_text()
        address = json.loads(file.read_text())["address"]
        procs.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "dask",
                    "worker",
                    address,
                    "--nworkers",
                    "2",
                    "--nthreads",
                    "1",
                    "--host",
                    "127.0.0.1",
                    *common,
                ],
                stdout=logs,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        )
        from distributed import Client

        with Client(address, timeout="30s") as c:
            c.wait_for_workers(2, timeout=90)
        yield address
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for p in reversed(procs):
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait(timeout=10)
        logs.close()


def test_a_scheduler_address_gives_the_in_process_table(tmp_path, scheduler):
    remote = run_sweep(trials(4), tmp_path / "remote", scheduler=scheduler, figure=False)
    assert remote.workers == 2 and remote.ran == 4 and remote.table["error"].isna().all()
    seq = run_sweep(trials(4), tmp_path / "seq", dask=False, figure=False)
    same_table(remote.table, seq.table)
    assert (seq.table["fixed_attracting"] + seq.table["fixed_saddle"] > 0).all()


@pytest.mark.slow
def test_lozi_41_values_to_period_8_on_the_local_cluster(tmp_path):
    res = run_sweep(lozi_grid(41, 8), tmp_path, workers=2)
    assert res.ran == 41 and len(res.table) == 41 and res.table["kernel_all_valid"].all()
    assert res.figure is not None and res.figure.exists()
    again = run_sweep(lozi_grid(41, 8), tmp_path, workers=2)
    assert again.ran == 0 and again.skipped == 41


@pytest.mark.slow
def test_all_150_trials_locally_and_on_a_scheduler(tmp_path, scheduler):
    local = run_sweep(trials(150), tmp_path / "local", workers=2)
    assert len(local.table) == 150 and local.table["error"].isna().all()
    assert local.table["kernel_all_valid"].all()
    remote = run_sweep(trials(150), tmp_path / "remote", scheduler=scheduler, figure=False)
    same_table(local.table, remote.table)


def test_sigint_keeps_the_finished_rows_and_the_rerun_does_the_rest(tmp_path):
    spec = tmp_path / "lozi.toml"
    spec.write_text(
        'base = "lozi:b=1/2"\nanalysis = {kind = "cycles", max_period = 5}\n'
        '[[vary]]\nparam = "a"\nvalues = {start = "1", stop = "2", num = 400}\n'
    )
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "verified_dyn", "sweep", str(spec), "--out", str(out), "--no-dask", "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not parts(out / "table") and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
    assert proc.poll() is None, "the sweep finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    kept = pd.read_parquet(out / "table")
    assert 0 < len(kept) < 400 and kept["key"].is_unique
    before = set(parts(out / "table"))
    res = run_sweep(spec, out, dask=False, figure=False, limit=5)
    assert res.skipped >= len(kept) and res.ran == 5
    new = pd.concat([pd.read_parquet(p) for p in set(parts(out / "table")) - before])
    assert not set(new["key"]) & set(kept["key"])


def test_batch_verify(tmp_path, capsys):
    res = run_sweep(lozi_grid(2, 3), tmp_path, dask=False, figure=False)
    folder = tmp_path / "certificates"
    certs = sorted(folder.rglob("*.json"))
    assert len(certs) >= res.table["kernel_checked"].sum() > 0
    assert main(["verify", str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == len(certs) + 1 and all(line.startswith("PROVED  ") for line in out[:-1])
    assert out[-1] == f"{len(certs)} certificates: {len(certs)} PROVED, 0 not"
    assert main(["verify", str(certs[0]), str(certs[1]), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["total"] == 2 and doc["all_proved"]
    # a tampered certificate: one line says so, the summary counts it, exit 3
    bad = tmp_path / "bad.json"
    data = json.loads(certs[0].read_text())
    data["model"]["hash"] = "sha256:" + "0" * 64
    bad.write_text(json.dumps(data))
    assert main(["verify", str(folder), str(bad)]) == 3
    out = capsys.readouterr().out.splitlines()
    assert out[-1].endswith("1 not") and not out[-2].startswith("PROVED")
    # one certificate and its model: the single-certificate output, unchanged
    assert main(["verify", str(certs[0]), "lozi:a=1,b=1/2"]) == 0
    assert capsys.readouterr().out.startswith(f"PROVED  {certs[0]}")
