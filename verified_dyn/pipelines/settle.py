"""A certifier's attempt through the gate: the first certificate the kernel finds valid wins.

This is how a ctrnn claim gets its verdict: PROVED means the kernel verified the bytes written to
disk, never that the certifier believed it; anything else is INCONCLUSIVE with the kernel's or the
certifier's reason (an invalid certificate says nothing about the claim itself).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import gate
from ..certify.ctrnn_common import Attempt
from ..outcomes import INCONCLUSIVE, PROVED


@dataclass
class Settled:
    """The outcome of one attempt: the claim verdict, the valid certificate's path and statement."""

    verdict: str  # PROVED | INCONCLUSIVE (claim words, verified_dyn.outcomes)
    path: str | None
    statement: str | None
    reason: str | None  # certifier's reason (no certificate) or the kernel's reason
    claim: dict | None = None

    @property
    def proved(self) -> bool:
        return self.verdict == PROVED


def settle(attempt: Attempt, out: Path, stem: str) -> Settled:
    """Run the attempt's certificates (strongest first) through the gate into ``out/stem.json``."""
    checked = gate.admit_first(attempt.certificates, Path(out) / f"{stem}.json")
    if checked is None:
        return Settled(INCONCLUSIVE, None, None, attempt.reason or "no certificate was produced")
    cert = checked.certificate
    statement = cert["producer"].get("statement")
    if checked.valid:
        return Settled(PROVED, str(checked.path), statement, None, cert["claim"])
    return Settled(
        INCONCLUSIVE, None, statement, f"kernel: certificate {checked.status}: {checked.reason}", cert["claim"]
    )
