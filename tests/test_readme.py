"""The README's Python examples run as written, and what they print is true (checked independently).

The expected values come from a plain numpy enumeration of the four linear regions of the example's
PLRNN (solve (I - A - W D) z = h in each region, keep the solutions inside it, classify by the
eigenvalues of A + W D), not from the package.
"""

import itertools
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


def python_blocks() -> list[str]:
    text = README.read_text(encoding="utf-8")
    start = text.index("## Python")
    section = text[start : text.index("\n## ", start)]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def run_block(code: str, tmp_path, monkeypatch) -> dict:
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)
    return namespace


def test_the_readme_has_the_six_line_script():
    first = python_blocks()[0].strip().splitlines()
    assert len(first) == 6 and "vd.PLRNN(" in first[2] and "vd.chaos(" in first[5]


def brute_force_fixed_points(A, W, h):
    """Every fixed point of z -> A z + W relu(z) + h strictly inside its region, with its type."""
    out = []
    for bits in itertools.product((0, 1), repeat=len(h)):
        D = np.diag(bits)
        z = np.linalg.solve(np.eye(len(h)) - A - W @ D, h)
        if all((z[i] > 1e-12) if b else (z[i] < -1e-12) for i, b in enumerate(bits)):
            lam = np.abs(np.linalg.eigvals(A + W @ D))
            kind = "attracting" if lam.max() < 1 else "repelling" if lam.min() > 1 else "saddle"
            out.append((tuple(np.round(z, 9)), kind))
    return sorted(out)


def test_six_line_script_finds_every_fixed_point_with_its_type(tmp_path, monkeypatch, capsys):
    ns = run_block(python_blocks()[0], tmp_path, monkeypatch)
    res, model = ns["res"], ns["model"]
    expected = brute_force_fixed_points(
        np.diag([0.5, 0.5]), np.array([[1.2, -0.4], [0.3, 0.8]]), np.array([-0.3, -0.2])
    )
    got = sorted((tuple(np.round(p, 9)), t) for p, t in zip(res.fixed_points, res.types))
    assert got == expected and len(expected) == 4
    assert model.hash.startswith("sha256:")
    for cert in res.certificates:  # the kernel alone, in a fresh process, re-checks every file
        r = subprocess.run(
            [sys.executable, "-m", "verified_dyn.kernel", str(tmp_path / cert)], capture_output=True, text=True
        )
        assert r.returncode == 0 and "PROVED" in r.stdout, r.stdout + r.stderr
    printed = capsys.readouterr().out
    assert "INCONCLUSIVE" in printed and "saddle" in printed


@pytest.mark.parametrize("index", [1])
def test_second_example_runs_and_its_claims_hold(tmp_path, monkeypatch, capsys, index):
    ns = run_block(python_blocks()[index], tmp_path, monkeypatch)
    lozi, orbit, tent = ns["lozi"], ns["orbit"], ns["tent"]
    # Lozi (17/10, 1/2): prime orbits by period 1..8 = 2, 1, 0, 1, 0, 4, 4, 7
    # (exact enumeration, docs/REFERENCE_CASES.md)
    assert lozi.counts == {1: 2, 2: 1, 3: 0, 4: 1, 5: 0, 6: 4, 7: 4, 8: 7} and lozi.complete
    assert orbit.period == 4 and orbit.type == "saddle" and orbit.points_float.shape == (4, 2)
    # tent slope 2: h_top = log 2, so any certified lower bound is at most log 2
    assert tent.verdict == "PROVED" and 0 < tent.entropy_lower_bound_float <= np.log(2)
    assert ns["net"].kind == "shplrnn" and ns["skew"]["claims"]["conserved_quantity"]["verdict"] == "PROVED"
    assert capsys.readouterr().out.splitlines()[0] == "True"
