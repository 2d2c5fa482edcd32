"""Three-state verdicts and the obligation runner.

A verdict is PROVED only if every obligation was evaluated and holds; REFUTED if the certificate is
malformed or an obligation is false for its data; INCONCLUSIVE if an obligation could not be decided
(unsupported method or kind). Once an obligation fails, the later ones are skipped; after an
undecided one the later ones still run, so that a false obligation still refutes.
Reference: proofs/README.md §4.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from collections.abc import Callable

from .rat import Malformed

PROVED, REFUTED, INCONCLUSIVE = "PROVED", "REFUTED", "INCONCLUSIVE"
OK, FAILED, UNKNOWN, SKIPPED = "ok", "failed", "unknown", "skipped"

Step = Callable[[], "str | None"]


class Fail(Exception):
    """An obligation is false for the certificate's data; the message names where and the value."""


class Undecided(Exception):
    """An obligation cannot be decided by this checker; the message starts with "unsupported: "."""


@dataclass
class Verdict:
    """The checker's answer: verdict, reason (None iff PROVED), claim type and the obligation log of
    {"name", "status" (ok | failed | unknown | skipped), "detail"}. It has no truth value: use `.proved`."""

    verdict: str
    reason: str | None
    claim_type: str | None
    obligations: list[dict[str, Any]] = field(default_factory=list)

    @property
    def proved(self) -> bool:
        """True iff the verdict is PROVED."""
        return self.verdict == PROVED

    def __bool__(self) -> bool:
        raise TypeError("a Verdict has three states; compare .verdict with 'PROVED' or use .proved")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with keys verdict, reason, claim_type, obligations."""
        return {"verdict": self.verdict, "reason": self.reason, "claim_type": self.claim_type,
                "obligations": [dict(o) for o in self.obligations]}


def malformed(detail: str, claim_type: str | None = None) -> Verdict:
    """REFUTED with reason "malformed: detail" and a failed `well-formed` obligation."""
    return Verdict(REFUTED, f"malformed: {detail}", claim_type,
                   [{"name": "well-formed", "status": FAILED, "detail": f"malformed: {detail}"}])


def unsupported(detail: str, claim_type: str | None = None) -> Verdict:
    """INCONCLUSIVE with reason "unsupported: detail"; `well-formed` could not be decided."""
    return Verdict(INCONCLUSIVE, f"unsupported: {detail}", claim_type,
                   [{"name": "well-formed", "status": UNKNOWN, "detail": f"unsupported: {detail}"}])


def _reason(name: str, status: str, detail: str | None) -> str:
    detail = detail or "(no detail)"
    return detail if status == UNKNOWN or detail.startswith("malformed: ") else f"{name} failed: {detail}"


def run_obligations(claim_type: str, steps: list[tuple[str, Step]]) -> Verdict:
    """Run the named steps in order and combine their outcomes into a Verdict. A step returns a detail
    string (ok), raises Fail (failed) or Undecided (unknown); any other exception counts as failed with
    detail "malformed: ..." (bad data that slipped past the grammar must refute, never crash or prove)."""
    if not steps:
        return Verdict(INCONCLUSIVE, "unsupported: no obligations to run", claim_type, [])
    log: list[dict[str, Any]] = []
    failure: str | None = None
    undecided: str | None = None
    for name, step in steps:
        if failure is not None:
            log.append({"name": name, "status": SKIPPED, "detail": "not run after a failed obligation"})
            continue
        try:
            status, detail = OK, step()
        except Fail as exc:
            status, detail = FAILED, str(exc)
        except Undecided as exc:
            status, detail = UNKNOWN, str(exc)
        except Malformed as exc:
            status, detail = FAILED, f"malformed: {exc}"
        except Exception as exc:  # noqa: BLE001 - any crash on certificate data refutes it
            status, detail = FAILED, f"malformed: {type(exc).__name__}: {str(exc)[:300]}"
        log.append({"name": name, "status": status, "detail": detail})
        if status == FAILED:
            failure = _reason(name, status, detail)
        elif status == UNKNOWN and undecided is None:
            undecided = _reason(name, status, detail)
    if failure is not None:
        return Verdict(REFUTED, failure, claim_type, log)
    if undecided is not None:
        return Verdict(INCONCLUSIVE, undecided, claim_type, log)
    return Verdict(PROVED, None, claim_type, log)
