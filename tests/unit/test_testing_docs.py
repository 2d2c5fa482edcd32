"""docs/TESTING.md and the README section "Property tests of model claims" run as written.

- the ~30-line user test file (the block starting with ``# test_my_models.py``) is copied to a temporary
  folder with a false variant and run by pytest in a subprocess: the true claims pass, the false one fails
  with the documented message;
- every other block is executed and its test functions called (parametrized ones on a subset in CI, all
  with --runslow); the checkpoint example is confirmed by an independent numpy enumeration of its regions.
"""

import itertools
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import verified_dyn as vd

ROOT = Path(__file__).resolve().parents[2]
TESTING = ROOT / "docs" / "TESTING.md"
USER_FILE = "# test_my_models.py"


def blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, re.S)


def doc_blocks() -> list[str]:
    return blocks(TESTING.read_text(encoding="utf-8"))


def readme_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## Property tests of model claims")
    return blocks(text[start : text.index("\n## ", start)])


pytestmark = pytest.mark.usefixtures("claim_certificates_in_tmp")


def run_tests_of(code: str, subset: int | None = 10, skip=()) -> list[str]:
    """Execute a block and call each test function it defines (parametrized ones on ``subset`` values)."""
    ns: dict = {}
    exec(compile(code, str(TESTING), "exec"), ns)
    called = []
    for name, fn in list(ns.items()):
        if not name.startswith("test_") or not callable(fn) or name in skip:
            continue
        marks = [m for m in getattr(fn, "pytestmark", []) if m.name == "parametrize"]
        if marks:
            argname, values = marks[0].args
            values = list(values)
            for v in values if subset is None else values[:subset]:
                fn(**{argname: v})
        else:
            fn()
        called.append(name)
    return called


def test_the_user_file_passes_and_a_false_claim_fails_with_an_actionable_message(tmp_path):
    user = next(b for b in doc_blocks() if b.startswith(USER_FILE))
    assert 25 <= len(user.strip().splitlines()) <= 40
    (tmp_path / "test_my_models.py").write_text(user, encoding="utf-8")
    false = user.replace("C.attractor_count(2, max_period=2)", "C.attractor_count(1, max_period=2)")
    assert false != user
    (tmp_path / "test_false_claim.py").write_text(false.replace("def test_", "def test_false_", 1), encoding="utf-8")
    r = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-k", "not false_ or false_bistable"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    out = r.stdout + r.stderr
    assert r.returncode == 1 and "1 failed, 5 passed" in out, out
    assert "FAILED test_false_claim.py::test_false_bistable_has_exactly_two_attractors" in out, out
    for line in (
        "AssertionError: expected the claim to be PROVED, got DISPROVED",
        "claim:    has exactly 1 attracting periodic orbit(s) of period <= 2",
        "verdict:  DISPROVED (expected PROVED)",
        "2 attracting orbits certified (more than 1)",
        "counterexample (the negation is proved):",
        "period-1 attracting orbit through (-3), certificate ",
        "period-1 attracting orbit through (3), certificate ",
        "re-check with the kernel alone:",
        "verified-dyn verify ",
        "verified-dyn: 6 claim(s) checked",
    ):
        assert line in out, line + "\n" + out
    assert "assertions.py" not in out  # the assertion's own frames are hidden
    # the re-check command of the message works as printed
    cmd = re.search(r"verified-dyn verify (\S+) (\S+)", out)
    assert vd.verify(cmd.group(1), cmd.group(2)).proved


def brute_force_attracting_fixed_points(m) -> int:
    """Attracting fixed points of z -> A z + W1 relu(W2 z + h2) + h1 by enumerating every region (numpy)."""
    A, W1, W2, h1, h2 = m.A_float, m.W1_float, m.W2_float, m.h1_float, m.h2_float
    count = 0
    for bits in itertools.product((0, 1), repeat=m.hidden):
        D = np.diag(bits)
        z = np.linalg.solve(np.eye(m.dim) - A - W1 @ D @ W2, h1 + W1 @ D @ h2)
        u = W2 @ z + h2
        if all((u[i] > 1e-9) if b else (u[i] < -1e-9) for i, b in enumerate(bits)):
            count += np.abs(np.linalg.eigvals(A + W1 @ D @ W2)).max() < 1
    return count


def test_checkpoint_0_has_three_attracting_fixed_points_by_enumeration():
    assert brute_force_attracting_fixed_points(vd.load_model("scyfi_multistable", trial=0)) == 3


@pytest.mark.slow
def test_the_checkpoint_example_runs(capsys):
    block = next(b for b in doc_blocks() if "checkpoint_0" in b)
    assert run_tests_of(block) == ["test_checkpoint_0_has_exactly_three_attracting_fixed_points"]
    assert "verdict:  PROVED" in capsys.readouterr().out


@pytest.mark.parametrize("key", ["contractive_plrnns_are_never", "skew_tanh_networks_conserve_G"])
def test_the_worked_examples_run(key):
    block = next(b for b in doc_blocks() if key in b)
    assert run_tests_of(block)


def test_the_checkpoint_invertibility_example_runs_on_ten_trials():
    block = next(b for b in doc_blocks() if "test_checkpoint_is_not_invertible" in b)
    assert run_tests_of(block, subset=10) == ["test_checkpoint_is_not_invertible"]


@pytest.mark.slow
def test_the_checkpoint_invertibility_example_runs_on_all_150_trials():
    block = next(b for b in doc_blocks() if "test_checkpoint_is_not_invertible" in b)
    assert run_tests_of(block, subset=None) == ["test_checkpoint_is_not_invertible"]


def test_the_readme_section_runs(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (code,) = readme_blocks()
    ns: dict = {}
    exec(compile(code, "README.md", "exec"), ns)
    out = capsys.readouterr().out
    assert "PROVED" in out and "DISPROVED" in out
