"""Write a certifier's certificates, have the kernel check each, keep the first PROVED one.

This is the only place where a ctrnn claim gets its verdict: PROVED means the kernel verified the
written file (re-read from disk), never that the certifier believed it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import kernel
from ..certify.certificate import write_certificate
from ..certify.ctrnn_common import Attempt


@dataclass
class Settled:
    """The kernel's answer for one attempt: verdict of the best certificate, its path and statement."""

    verdict: str                 # the kernel's verdict on the certificate ("PROVED" or not)
    path: str | None
    statement: str | None
    reason: str | None           # certifier's reason (no certificate) or the kernel's reason
    claim: dict | None = None

    @property
    def proved(self) -> bool:
        return self.verdict == "PROVED"


def settle(attempt: Attempt, out: Path, stem: str) -> Settled:
    """Check the attempt's certificates in order; the first one the kernel proves wins."""
    last = Settled("INCONCLUSIVE", None, None, attempt.reason or "no certificate was produced")
    for k, cert in enumerate(attempt.certificates):
        path = out / (f"{stem}.json" if k == 0 else f"{stem}-{k + 1}.json")
        write_certificate(cert, path)
        v = kernel.check_file(path)
        last = Settled(v.verdict, str(path), cert["producer"].get("statement"), v.reason, cert["claim"])
        if v.proved:
            for extra in range(k + 1, len(attempt.certificates)):
                (out / f"{stem}-{extra + 1}.json").unlink(missing_ok=True)
            return last
        path.unlink()
        last.path = None
    return last
