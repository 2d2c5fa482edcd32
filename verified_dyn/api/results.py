"""Result objects of the public API: float views for plotting, exact values for proofs, verdicts with
reasons, certificate paths, ``to_json()`` (the ``--json`` document of the matching command) and a
short ``repr``. Only kernel-valid certificates stand behind a PROVED (they came through the gate).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Orbit:
    """A kernel-verified periodic orbit: exact points (Fractions), its itinerary and linear type."""

    period: int
    points: tuple[tuple[Fraction, ...], ...]  # exact, one per step
    itinerary: tuple[tuple[int, ...], ...]  # region sign pattern per step (1 = pre-activation > 0)
    type: str | None  # attracting | saddle | repelling | non-hyperbolic | None (border)
    eigenvalues: tuple[int, int, int] | None  # (inside, on, outside) the unit circle, for F^period
    certificate: str | None  # path of the kernel-valid certificate, if written
    border: bool = False  # touches a switching boundary (no type claimed)
    verdict: str = "PROVED"

    @property
    def points_float(self) -> np.ndarray:
        """The orbit as a (period, M) float64 array."""
        return np.array([[float(x) for x in p] for p in self.points], dtype=float)

    def __repr__(self) -> str:
        p = ", ".join(f"{float(x):.4g}" for x in self.points[0])
        what = "border orbit" if self.border else self.type
        return f"Orbit(period={self.period}, {what}, first point=({p}), certificate={self.certificate!r})"


def _orbit(res, border: bool = False) -> Orbit:
    c = res.counts
    return Orbit(
        res.period,
        tuple(tuple(p) for p in res.points),
        tuple(tuple(d) for d in res.itinerary),
        None if c is None else c.orbit_type,
        None if c is None else (c.inside, c.on, c.outside),
        res.path,
        border,
    )


@dataclass
class CyclesResult:
    """Certified periodic orbits up to a period, and whether the list is proved complete."""

    orbits: list[Orbit]
    border_orbits: list[Orbit]
    periods: list[int]
    complete: bool  # True only if a census certificate of every period is kernel-valid
    completeness: str  # what completeness means here (proved, or why not)
    report: Any = field(repr=False)  # the pipeline's CycleReport (degenerate words, rejected candidates, timings)

    @classmethod
    def from_report(cls, report) -> CyclesResult:
        from ..reports.serialize import completeness_note

        return cls(
            [_orbit(r) for r in report.cycles],
            [_orbit(r, True) for r in report.border_orbits],
            list(report.periods),
            report.complete,
            completeness_note(report),
            report,
        )

    def of_period(self, k: int) -> list[Orbit]:
        return [o for o in self.orbits if o.period == k]

    @property
    def fixed_points(self) -> np.ndarray:
        """The certified interior fixed points as an (n, M) float64 array."""
        pts = [o.points_float[0] for o in self.of_period(1)]
        dim = self.report.model.dim
        return np.array(pts, dtype=float).reshape(len(pts), dim)

    @property
    def types(self) -> list[str | None]:
        return [o.type for o in self.orbits]

    @property
    def certificates(self) -> list[str | None]:
        return [o.certificate for o in self.orbits]

    @property
    def counts(self) -> dict[int, int]:
        return self.report.counts()

    def attractors(self) -> list[Orbit]:
        return [o for o in self.orbits if o.type == "attracting"]

    def to_json(self) -> dict:
        from ..reports.serialize import cycles_json

        return cycles_json(self.report)

    def __len__(self) -> int:
        return len(self.orbits)

    def __iter__(self):
        return iter(self.orbits)

    def __repr__(self) -> str:
        by = ", ".join(f"{k}:{v}" for k, v in self.counts.items())
        kinds: dict[str, int] = {}
        for o in self.orbits:
            kinds[o.type or "?"] = kinds.get(o.type or "?", 0) + 1
        return (
            f"CyclesResult({len(self.orbits)} orbits by period {{{by}}}, "
            f"{', '.join(f'{v} {k}' for k, v in sorted(kinds.items())) or 'none'}, "
            f"complete={self.complete})"
        )


@dataclass
class ChaosResult:
    """The chaos verdict: PROVED (a chaos theorem's certificate is kernel-valid), REFUTED (a proof of
    non-chaos is), INCONCLUSIVE (with every theorem's reason)."""

    verdict: str
    reason: str | None
    theorem: str | None
    certificate: str | None
    entropy_lower_bound: str | None  # "log(r)/n", exact r, when the horseshoe theorem is proved
    theorems_proved: list[str]
    attempts: list[dict]
    document: dict = field(repr=False)

    @classmethod
    def from_document(cls, doc: dict) -> ChaosResult:
        return cls(
            doc["verdict"],
            doc["reason"],
            doc["theorem"],
            doc["certificate"],
            doc["entropy_lower_bound"],
            list(doc["theorems_proved"]),
            list(doc["attempts"]),
            doc,
        )

    @property
    def entropy_lower_bound_float(self) -> float | None:
        """log(r)/n as a float (display only; the exact bound is the string)."""
        b = self.entropy_lower_bound
        if not b:
            return None
        import math

        r, n = b[len("log(") :].split(")/")
        q = Fraction(r)
        return (math.log(q.numerator) - math.log(q.denominator)) / int(n)

    def to_json(self) -> dict:
        return dict(self.document)

    def __repr__(self) -> str:
        extra = f", theorem={self.theorem!r}" if self.theorem else f", reason={(self.reason or '')[:80]!r}"
        bound = f", h_top >= {self.entropy_lower_bound}" if self.entropy_lower_bound else ""
        return f"ChaosResult({self.verdict}{extra}{bound})"


@dataclass
class Document:
    """A result given as its ``--json`` document (manifolds, basins, invariants, simulate, reports),
    with the pipeline's own report object for float data (``report``)."""

    kind: str
    document: dict = field(repr=False)
    report: Any = field(default=None, repr=False)

    @property
    def verdict(self) -> str | None:
        return self.document.get("verdict")

    def __getitem__(self, key: str) -> Any:
        return self.document[key]

    def to_json(self) -> dict:
        return dict(self.document)

    def __repr__(self) -> str:
        keys = ", ".join(list(self.document)[:8])
        return f"{self.kind}({keys}{', ...' if len(self.document) > 8 else ''})"
