"""Test configuration: the `slow` marker (opt-in with --runslow) and the hypothesis profiles.

The default profile `ci` is derandomized with no example database, so that the README's test command
gives the same result on every fresh clone and every rerun; `HYPOTHESIS_PROFILE=dev` explores with
fresh random examples (and saves failures in .hypothesis/) when hunting bugs.
"""

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", derandomize=True, database=None, deadline=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_addoption(parser):
    parser.addoption("--runslow", action="store_true", default=False, help="run tests marked slow")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def claim_certificates_in_tmp(tmp_path):
    """verified_dyn.testing writes claim certificates under tmp_path for one test, then restores the
    plugin's session folder."""
    from verified_dyn.testing import logic

    saved = list(logic._ROOT)
    logic.set_certificate_root(tmp_path / "claims")
    yield
    logic._ROOT[:] = saved
