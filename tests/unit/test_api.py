"""The public API: what dir(verified_dyn) lists, result objects against the CLI's --json documents,
errors that name the parameter, and an import of the package that stays light."""

import json
import subprocess
import sys

import numpy as np
import pytest

import verified_dyn as vd
from verified_dyn import api
from verified_dyn.cli import main
from verified_dyn.errors import ModelError, UsageError


def test_dir_lists_the_public_api_and_every_name_resolves():
    listed = set(dir(vd))
    assert {
        "PLRNN",
        "ShallowPLRNN",
        "ALRNN",
        "CTRNN",
        "load_model",
        "cycles",
        "chaos",
        "manifolds",
        "basins",
        "invariants",
        "simulate",
        "verify",
        "report",
    } <= listed
    assert set(vd._API) <= set(api.__all__)
    import verified_dyn.models  # noqa: F401 - a subpackage must not shadow an API name once imported

    for name in vd._API:
        assert getattr(vd, name) is getattr(api, name)
    with pytest.raises(AttributeError):
        vd.no_such_name  # noqa: B018


def test_importing_the_package_imports_no_numerics():
    code = (
        "import sys, verified_dyn, verified_dyn.kernel; "
        "print(sorted(m for m in ('numpy', 'sympy', 'flint', 'numba', 'scipy') if m in sys.modules))"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "[]"


def test_cycles_result_is_the_cli_document(tmp_path, capsys):
    res = vd.cycles("lozi", max_period=4, out=tmp_path / "py")
    assert main(["cycles", "lozi", "--max-period", "4", "--json", "--quiet", "--out", str(tmp_path / "cli")]) == 0
    cli = json.loads(capsys.readouterr().out)
    py = res.to_json()
    for doc in (cli, py):
        doc.pop("seconds")
        for c in doc["cycles"]:
            c.pop("certificate")
    assert py == cli
    # Lozi (17/10, 1/2): 2 fixed points, one 2-cycle, no 3-cycle, one 4-cycle (docs/REFERENCE_CASES.md)
    assert res.counts == {1: 2, 2: 1, 3: 0, 4: 1}
    assert res.fixed_points.shape == (2, 2) and set(res.types) == {"saddle"}
    assert "(5/11, 5/22)" in {f"({', '.join(str(x) for x in o.points[0])})" for o in res.of_period(1)}
    assert all((tmp_path / "py").joinpath(p.split("/")[-1]).is_file() for p in res.certificates)
    assert "CyclesResult(4 orbits" in repr(res) and "complete=False" in repr(res)


def test_orbit_float_view_matches_the_exact_points():
    res = vd.cycles("tent:slope=2", period=3)
    # tent slope 2: two prime 3-cycles, e.g. 2/7 -> 4/7 -> 6/7 (denominator 2^3 - 1)
    assert len(res) == 2 and all(o.points_float.shape == (3, 1) for o in res)
    pts = sorted(float(o.points[0][0]) for o in res)
    for o in res:
        assert np.allclose(o.points_float[:, 0], [float(p[0]) for p in o.points])
    assert {round(p * 7) for p in pts} <= {1, 2, 3}


def test_errors_name_the_parameter_in_python_and_the_flag_on_the_command_line(capsys):
    with pytest.raises(UsageError) as e:
        vd.cycles("lozi", max_period=0)
    assert e.value.param == "max_period" and str(e.value).startswith("max_period must be between 1")
    assert e.value.flag_message().startswith("--max-period must be between 1")
    with pytest.raises(ModelError):
        vd.load_model(3.5)
    with pytest.raises(ModelError, match="piecewise-linear"):
        vd.cycles("skew_tanh_2d", period=1)


def test_verify_takes_a_path_or_an_object(tmp_path):
    res = vd.cycles("lozi", period=1, out=tmp_path)
    path = res.certificates[0]
    assert vd.verify(path, "lozi").proved
    cert = json.loads(open(path).read())
    assert vd.verify(cert).proved
    assert not vd.verify(path, "lozi:a=7/5,b=3/10").proved  # another model's hash
