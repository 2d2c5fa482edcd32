"""The pytest plugin of verified-dyn (entry point ``pytest11``: active once the package is installed).

- fixtures ``vd_model`` (load a model from a built-in name, a file, a dict: ``vd_model("lozi")``,
  ``vd_model("scyfi_multistable", trial=0)``) and ``vd_arrays`` (build one from arrays:
  ``vd_arrays("plrnn", A=..., W=..., h=...)``), ``claim_out`` (a per-test certificate folder);
- the marker ``certified`` (slow certified claims; select or deselect with ``-m``);
- the hypothesis profile ``certified`` (deadline off, 10 examples, derandomized): select it with
  ``--hypothesis-profile=certified`` or ``settings.load_profile("certified")``;
- ``--claims-out DIR``: where checks without ``out`` write certificates (default: the session's
  temporary directory);
- a terminal summary listing every claim checked in the session with its verdict and certificate
  folder (nothing is printed when no claim was checked).
"""

from __future__ import annotations

import pytest

from . import claims

try:
    from hypothesis import HealthCheck, settings
except ImportError:  # the claims and fixtures work without hypothesis
    settings = None  # type: ignore[misc,assignment]

_START: list[int] = []


def pytest_addoption(parser):
    group = parser.getgroup("verified-dyn")
    group.addoption(
        "--claims-out",
        default=None,
        help="verified-dyn: folder for the certificates of claims checked without out= (default: a temporary folder)",
    )


@pytest.hookimpl(trylast=True)  # after the tmpdir plugin made the session's temporary directory factory
def pytest_configure(config):
    config.addinivalue_line("markers", "certified: a certified claim about a model (kernel-checked pipelines; slow)")
    if settings is not None:
        settings.register_profile(
            "certified",
            deadline=None,
            max_examples=10,
            derandomize=True,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
    out = config.getoption("--claims-out", default=None)
    if out:
        claims.set_certificate_root(out)
    else:
        factory = getattr(config, "_tmp_path_factory", None)
        if factory is not None:
            claims.set_certificate_root(lambda: factory.mktemp("verified-dyn-claims", numbered=False))
    _START[:] = [len(claims.RECORD)]


def pytest_report_header(config):
    if settings is None:
        return (
            "verified-dyn: hypothesis is missing (no 'certified' profile, no strategies): "
            "pip install 'verified-dyn[test]'"
        )
    return None


@pytest.fixture
def vd_model():
    """``vd_model(source, trial=None)``: a model from a built-in name, family, path or dict."""
    from ..api import load_model

    return load_model


@pytest.fixture
def vd_arrays():
    """``vd_arrays(kind, **arrays)``: a model of ``kind`` (plrnn, shplrnn, alrnn, clipped-shplrnn, ctrnn)
    from numpy arrays, lists or exact strings, as in the model files."""
    from ..api import load_model

    def build(kind: str, **arrays):
        import numpy as np

        data = {"kind": kind}
        for k, v in arrays.items():
            data[k] = np.asarray(v).tolist() if isinstance(v, np.ndarray) else v
        return load_model(data)

    return build


@pytest.fixture
def claim_out(tmp_path):
    """A per-test folder for certificates (pass it as ``out=`` to the assertions)."""
    path = tmp_path / "certificates"
    path.mkdir()
    return path


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    start = _START[0] if _START else 0
    checked = claims.RECORD[start:]
    if not checked:
        return
    tr = terminalreporter
    tr.write_sep("=", f"verified-dyn: {len(checked)} claim(s) checked")
    for v in checked:
        tr.write_line(f"{v.verdict:<12} {v.claim}  [{v.model}]")
        if v.folder:
            tr.write_line(f"{'':12} certificates: {v.folder}")
