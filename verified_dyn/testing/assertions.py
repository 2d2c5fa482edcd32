"""Assertions for test suites: ``assert_proved(model, claim)`` and friends (no hypothesis needed).

A failure raises ``AssertionError`` whose message is the verdict's full account: the claim, the model,
the verdict, every reason, the counterexample when the negation is proved (an orbit, a point, a
certificate path) and the ``verified-dyn verify CERT MODEL`` commands that re-check it. INCONCLUSIVE
fails by default; ``inconclusive="skip"`` skips the test instead (``pytest.skip``, with the reasons).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .claims import DISPROVED, INCONCLUSIVE, PROVED, Claim, Verdict

_MODES = ("fail", "skip")


def check(model: Any, claim: Claim, *, out: str | Path | None = None, trial: int | None = None) -> Verdict:
    """The verdict of ``claim`` on ``model`` (nothing asserted)."""
    if not isinstance(claim, Claim):
        raise TypeError(f"expected a Claim from verified_dyn.testing.claims, got {type(claim).__name__}")
    return claim.check(model, out=out, trial=trial)


def _expect(expected: str, model, claim, inconclusive: str, out, trial) -> Verdict:
    __tracebackhide__ = True
    if inconclusive not in _MODES:
        raise ValueError(f"inconclusive must be one of {_MODES}, got {inconclusive!r}")
    v = check(model, claim, out=out, trial=trial)
    if v.verdict == expected:
        return v
    if v.verdict == INCONCLUSIVE and inconclusive == "skip":
        import pytest

        pytest.skip(f"INCONCLUSIVE: {claim.text}: " + "; ".join(v.reasons))
    raise AssertionError(f"expected the claim to be {expected}, got {v.verdict}\n" + v.explain(expected))


def assert_proved(
    model: Any, claim: Claim, *, inconclusive: str = "fail", out: str | Path | None = None, trial: int | None = None
) -> Verdict:
    """Pass only if the kernel proved ``claim`` on ``model``; returns the verdict."""
    __tracebackhide__ = True
    return _expect(PROVED, model, claim, inconclusive, out, trial)


def assert_disproved(
    model: Any, claim: Claim, *, inconclusive: str = "fail", out: str | Path | None = None, trial: int | None = None
) -> Verdict:
    """Pass only if the negation of ``claim`` is proved (a kernel-checked counterexample)."""
    __tracebackhide__ = True
    return _expect(DISPROVED, model, claim, inconclusive, out, trial)


def assert_not_disproved(
    model: Any, claim: Claim, *, out: str | Path | None = None, trial: int | None = None
) -> Verdict:
    """Fail only when ``claim`` is DISPROVED (a weak check: INCONCLUSIVE passes, and says so in the verdict)."""
    __tracebackhide__ = True
    v = check(model, claim, out=out, trial=trial)
    if v.disproved:
        raise AssertionError("the claim is DISPROVED\n" + v.explain(PROVED))
    return v


__all__ = ["assert_disproved", "assert_not_disproved", "assert_proved", "check"]
