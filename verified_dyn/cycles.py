"""Periodic orbits end to end: propose itineraries, certify each exactly, re-check with the kernel.

``find_cycles`` enumerates every primitive itinerary (Lyndon word over the regions) of each period
up to K: exhaustive, so complete by construction for the exact model, and the exact reference that
faster searches are tested against. Only orbits whose certificate the kernel verified are reported;
border orbits and degenerate itineraries are reported separately; certificates the kernel rejects
are counted (that would be a certifier bug) and never reported as found.
"""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

from .certify import CycleResult, certify_cycle
from .errors import UsageError
from .kernel import check
from .models.pl import PLModel
from .models.regions import all_patterns
from .progress import Progress
from .search import count_lyndon, lyndon_words

MAX_EXHAUSTIVE = 2_000_000   # itineraries; beyond this the exhaustive enumerator refuses


@dataclass
class CycleReport:
    model: PLModel
    periods: list[int]
    cycles: list[CycleResult] = field(default_factory=list)          # kernel-verified interior cycles
    border_orbits: list[CycleResult] = field(default_factory=list)   # kernel-verified border orbits
    degenerate: list[CycleResult] = field(default_factory=list)
    rejected: list[tuple[CycleResult, object]] = field(default_factory=list)  # (result, verdict)
    tried: Counter = field(default_factory=Counter)
    seconds: dict = field(default_factory=lambda: Counter())
    complete: bool = False   # exhaustive, exact, but no kernel-checked completeness certificate yet

    def counts(self) -> dict[int, int]:
        c = Counter(r.period for r in self.cycles)
        return {k: c.get(k, 0) for k in self.periods}


def exhaustive_size(model: PLModel, periods) -> int:
    r = 2 ** len(model.active_units)
    return sum(count_lyndon(r, k) for k in periods)


def find_cycles(model: PLModel, max_period: int | None = None, period: int | None = None,
                progress: bool = True) -> CycleReport:
    """Every periodic orbit of minimal period <= max_period (or = period), certified and kernel-checked."""
    if (max_period is None) == (period is None):
        raise UsageError("give exactly one of max_period and period")
    periods = list(range(1, max_period + 1)) if max_period is not None else [period]
    if min(periods) < 1:
        raise UsageError("periods start at 1")
    n_active = len(model.active_units)
    if n_active > 24:
        raise UsageError(f"{n_active} switching units give 2^{n_active} regions: too many for the "
                         "exhaustive enumerator")
    size = exhaustive_size(model, periods)
    if size > MAX_EXHAUSTIVE:
        raise UsageError(f"the exhaustive enumeration would try {size} itineraries (more than "
                         f"{MAX_EXHAUSTIVE}); ask for a smaller period")
    patterns = list(all_patterns(model))
    report = CycleReport(model, periods)
    seen_border = set()
    bar = Progress(f"cycles {model.name or 'model'}", size, enabled=progress)
    done = 0
    for k in periods:
        for word in lyndon_words(len(patterns), k):
            done += 1
            t = time.perf_counter()
            res = certify_cycle(model, [patterns[i] for i in word])
            report.seconds["certify"] += time.perf_counter() - t
            report.seconds["spectrum"] += res.timings.get("spectrum", 0.0)
            report.tried[res.status] += 1
            if res.status == "degenerate":
                report.degenerate.append(res)
            elif res.status in ("cycle", "border"):
                key = (res.itinerary, tuple(map(tuple, res.points)))
                if res.status == "border" and key in seen_border:
                    continue
                seen_border.add(key)
                t = time.perf_counter()
                verdict = check(res.certificate)
                report.seconds["check"] += time.perf_counter() - t
                if verdict.verdict != "PROVED":
                    report.rejected.append((res, verdict))
                else:
                    (report.cycles if res.status == "cycle" else report.border_orbits).append(res)
            bar.tick(done, orbits=len(report.cycles))
    bar.done(done, orbits=len(report.cycles))
    return report
