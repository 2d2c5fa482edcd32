"""Periodic orbits end to end: propose itineraries, certify each exactly, re-check with the kernel.

Two ways to propose (``strategy``):
- ``"exhaustive"``: every primitive itinerary (Lyndon word over the regions) of each period: exact,
  complete by construction for the exact model, the reference the others are tested against;
- ``"heuristic"``: the numba SCYFI-style search (fast, may miss orbits);
- ``"auto"`` (default): exhaustive when it needs at most ``AUTO_EXHAUSTIVE`` itineraries, else heuristic;
- ``"complete"``: the census walk with Farkas-pruned prefixes (:mod:`.certify.census`), which also
  writes a completeness certificate per period that the kernel re-checks; ``complete`` is True only
  when the kernel verified the census of every period.

Only orbits whose certificate the kernel verified (through :mod:`verified_dyn.gate`, on the serialized
bytes) are reported; with ``out`` each one is written there as soon as it is proved (``cycle-pK-N.json``,
``border-pK-N.json``, ``census-pK.json``). Border orbits and degenerate itineraries are reported apart;
candidates that fail certification or kernel checking are counted.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .. import gate
from ..certify import CycleResult, certify_cycle
from ..certify.census import certify_census, orbit_key
from ..errors import UsageError
from ..models.pl import PLModel
from ..models.regions import all_patterns
from ..progress import Progress
from ..search import count_lyndon, lyndon_words
from ..search.cycle_search import SearchStats, find_cycle_candidates
from ..search.fixed_points import fixed_point_candidates

MAX_EXHAUSTIVE = 2_000_000  # itineraries; beyond this the exhaustive enumerator refuses
AUTO_EXHAUSTIVE = 20_000  # "auto" enumerates exhaustively up to this many itineraries
FLOAT_ALL_REGIONS = 22  # the heuristic solves every region in floats for fixed points up to 2^22 regions


@dataclass
class CycleReport:
    model: PLModel
    periods: list[int]
    strategy: str = "exhaustive"
    cycles: list[CycleResult] = field(default_factory=list)  # kernel-verified interior cycles
    border_orbits: list[CycleResult] = field(default_factory=list)  # kernel-verified border orbits
    degenerate: list[CycleResult] = field(default_factory=list)
    rejected: list[tuple[CycleResult, object]] = field(default_factory=list)  # (result, verdict)
    failed_candidates: list[CycleResult] = field(default_factory=list)  # heuristic proposals not certified
    tried: Counter = field(default_factory=Counter)
    seconds: dict = field(default_factory=lambda: Counter())
    search: dict = field(default_factory=dict)  # period -> SearchStats
    complete: bool = False  # True only when the kernel verified a census certificate for every period
    censuses: dict = field(default_factory=dict)  # period -> (CensusResult, verdict)
    incomplete_reason: str = ""
    out: Path | None = None  # where certificates are written
    census_paths: dict = field(default_factory=dict)  # period -> census certificate path
    _seen: set = field(default_factory=set)

    def counts(self) -> dict[int, int]:
        c = Counter(r.period for r in self.cycles)
        return {k: c.get(k, 0) for k in self.periods}

    def record(self, res: CycleResult, proposed: bool = False) -> None:
        """File a certifier result: kernel-check certificates, deduplicate, count everything."""
        self.tried[res.status] += 1
        if res.status == "degenerate":
            self.degenerate.append(res)
            return
        if res.status not in ("cycle", "border"):
            if proposed:
                self.failed_candidates.append(res)
            return
        key = orbit_key(res)
        if key in self._seen:
            return
        self._seen.add(key)
        kept = self.cycles if res.status == "cycle" else self.border_orbits
        prefix = "cycle" if res.status == "cycle" else "border"
        n = 1 + sum(1 for r in kept if r.period == res.period)
        path = self.out / f"{prefix}-p{res.period}-{n}.json" if self.out is not None else None
        t = time.perf_counter()
        checked = gate.admit(res.certificate, path, self.model.hash)
        self.seconds["check"] += time.perf_counter() - t
        if not checked.valid:
            self.rejected.append((res, checked.verdict))
        else:
            res.path = str(checked.path) if checked.path is not None else None
            kept.append(res)

    def certify(self, model, itinerary, proposed: bool = False) -> CycleResult:
        t = time.perf_counter()
        res = certify_cycle(model, itinerary)
        self.seconds["certify"] += time.perf_counter() - t
        self.seconds["spectrum"] += res.timings.get("spectrum", 0.0)
        self.record(res, proposed)
        return res


def exhaustive_size(model: PLModel, periods) -> int:
    r = 2 ** len(model.active_units)
    return sum(count_lyndon(r, k) for k in periods) if len(model.active_units) <= 64 else 10**30


def _periods(max_period, period) -> list[int]:
    if (max_period is None) == (period is None):
        raise UsageError("give exactly one of max_period and period")
    periods = list(range(1, max_period + 1)) if max_period is not None else [period]
    if min(periods) < 1:
        raise UsageError("periods start at 1")
    return periods


def certified_cycles(
    model: PLModel,
    max_period: int | None = None,
    period: int | None = None,
    strategy: str = "auto",
    budget: float = 10.0,
    seed: int = 0,
    progress: bool = True,
    out: str | Path | None = None,
) -> CycleReport:
    """Certified periodic orbits of minimal period <= max_period (or = period); see the module docstring.
    With ``out``, every kernel-valid certificate is written there (atomically) as soon as it is proved."""
    periods = _periods(max_period, period)
    size = exhaustive_size(model, periods)
    if strategy == "auto":
        strategy = "exhaustive" if size <= AUTO_EXHAUSTIVE else "heuristic"
    if strategy not in ("exhaustive", "heuristic", "complete"):
        raise UsageError(f"unknown strategy {strategy!r}; use auto, exhaustive, heuristic or complete")
    if strategy == "exhaustive" and size > MAX_EXHAUSTIVE:
        raise UsageError(
            f"the exhaustive enumeration would try {size} itineraries (more than "
            f"{MAX_EXHAUSTIVE}); ask for a smaller period or use the heuristic search"
        )
    report = CycleReport(model, periods, strategy, out=Path(out) if out is not None else None)
    if strategy == "exhaustive":
        return _exhaustive(report, size, progress)
    if strategy == "heuristic":
        return _heuristic(report, budget, seed, progress)
    return _complete(report, budget, progress)


def _exhaustive(report: CycleReport, size: int, progress: bool) -> CycleReport:
    model, periods = report.model, report.periods
    patterns = list(all_patterns(model))
    bar = Progress(f"cycles {model.name or 'model'} (exhaustive)", size, enabled=progress)
    done = 0
    for k in periods:
        for word in lyndon_words(len(patterns), k):
            done += 1
            report.certify(model, [patterns[i] for i in word])
            bar.tick(done, orbits=len(report.cycles))
    bar.done(done, orbits=len(report.cycles))
    return report


def _heuristic(report: CycleReport, budget: float, seed: int, progress: bool) -> CycleReport:
    model, periods = report.model, report.periods
    bar = Progress(f"cycles {model.name or 'model'} (heuristic)", enabled=progress)
    t0 = time.perf_counter()
    for n, k in enumerate(periods):
        left = max(budget - (time.perf_counter() - t0), 0.0) / (len(periods) - n)

        def tick(stats: SearchStats, found: int, k=k):
            bar.tick(stats.restarts, period=k, candidates=found, certified=len(report.cycles))

        if k == 1 and len(model.active_units) <= FLOAT_ALL_REGIONS:
            t = time.perf_counter()
            itins = [(d,) for d, _ in fixed_point_candidates(model)]
            stats = SearchStats(
                restarts=2 ** len(model.active_units),
                converged=len(itins),
                batches=1,
                seconds=time.perf_counter() - t,
                stopped_by="all regions solved in floats",
            )
        else:
            cands, stats = find_cycle_candidates(model, k, budget=left, seed=seed, on_batch=tick)
            itins = [c.itinerary for c in cands.values()]
        report.search[k] = stats
        report.seconds["search"] += stats.seconds
        for itinerary in itins:
            report.certify(model, itinerary, proposed=True)
    bar.done(sum(s.restarts for s in report.search.values()), orbits=len(report.cycles))
    return report


def _complete(report: CycleReport, budget: float, progress: bool) -> CycleReport:
    model, periods = report.model, report.periods
    bar = Progress(f"cycles {model.name or 'model'} (complete)", enabled=progress)
    t0 = time.perf_counter()
    reasons = []
    for n, k in enumerate(periods):
        left = max(budget - (time.perf_counter() - t0), 0.0) / (len(periods) - n)

        def tick(stats, k=k):
            bar.tick(stats["nodes"], period=k, LPs=stats["lp"], pruned=stats["pruned"], words=stats["leaves"])

        t = time.perf_counter()
        census = certify_census(model, k, budget=left, tick=tick)
        report.seconds["census"] += time.perf_counter() - t
        for res in census.orbits + census.border_orbits:
            report.tried[res.status] += 1
            report.record(res)
        verdict = None
        if census.complete:
            t = time.perf_counter()
            path = report.out / f"census-p{k}.json" if report.out is not None else None
            checked = gate.admit(census.certificate, path, model.hash)
            verdict = checked.verdict
            report.seconds["check"] += time.perf_counter() - t
            if not checked.valid:
                reasons.append(f"period {k}: the kernel rejected the census ({verdict.reason})")
            elif checked.path is not None:
                report.census_paths[k] = str(checked.path)
        else:
            reasons.append(f"period {k}: {census.reason}")
        report.censuses[k] = (census, verdict)
    bar.done(sum(c.stats.get("nodes", 0) for c, _ in report.censuses.values()), orbits=len(report.cycles))
    report.complete = not reasons
    report.incomplete_reason = "; ".join(reasons)
    return report
