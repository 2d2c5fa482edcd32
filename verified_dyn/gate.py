"""The kernel gate: the only road from a certificate to a result that may be called PROVED.

``admit(cert, path)`` serializes the certificate to the exact bytes a user will re-verify, runs the
independent kernel on those bytes (never on the in-memory object), and writes the file atomically
(temporary file + rename in the same folder) only if the kernel found it valid. Every pipeline calls
it; no other code writes a certificate or calls the kernel on one (``tests/test_architecture.py``).

Two vocabularies, never mixed:

- what the kernel says about a *certificate*: ``VALID`` (every obligation holds, so its claim is
  proved), ``INVALID`` (malformed, or an obligation is false for its data: this says nothing about
  the claim, only that this certificate does not prove it), ``UNDECIDED`` (the kernel could not decide);
- what a pipeline says about a *claim* (``verified_dyn.outcomes``): ``PROVED``, ``REFUTED`` (its
  negation is proved by a valid certificate, e.g. non-chaos by a contraction), ``INCONCLUSIVE``.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import kernel

VALID, INVALID, UNDECIDED = "valid", "invalid", "undecided"
_STATUS = {kernel.PROVED: VALID, kernel.REFUTED: INVALID, kernel.INCONCLUSIVE: UNDECIDED}


@dataclass(frozen=True)
class Checked:
    """The kernel's answer on one serialized certificate, and where it was written (if valid and asked)."""

    status: str  # VALID | INVALID | UNDECIDED
    verdict: kernel.Verdict  # the kernel's full answer, with its obligation log
    certificate: dict
    path: Path | None = None

    @property
    def valid(self) -> bool:
        return self.status == VALID

    @property
    def reason(self) -> str | None:
        return self.verdict.reason

    @property
    def claim(self) -> dict:
        return self.certificate["claim"]


def serialize(cert: dict) -> str:
    """The certificate's JSON text, as written to disk and as the kernel reads it."""
    return json.dumps(cert, indent=1) + "\n"


def write_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename, so that a
    reader (or an interrupted run) sees either the old file or the whole new one, never a part."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def admit(cert: dict, path: str | Path | None = None, expected_hash: str | None = None) -> Checked:
    """Kernel-check the serialized ``cert``; write it atomically to ``path`` only if it is valid."""
    text = serialize(cert)
    verdict = kernel.check_text(text, expected_hash)
    status = _STATUS[verdict.verdict]
    written = write_atomic(path, text) if (status == VALID and path is not None) else None
    return Checked(status, verdict, cert, written)


def admit_first(certs: list[dict], path: str | Path | None = None, expected_hash: str | None = None) -> Checked | None:
    """The first of ``certs`` (strongest first) that the kernel finds valid, written to ``path``;
    else the last answer (None when ``certs`` is empty)."""
    last = None
    for cert in certs:
        last = admit(cert, path, expected_hash)
        if last.valid:
            return last
    return last
