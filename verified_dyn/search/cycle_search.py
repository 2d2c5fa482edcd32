"""Drive the SCYFI-style search: batches of parallel restarts until the time budget or patience runs out.

Proposes candidate k-cycles (canonical itinerary = least rotation of the visited patterns, plus a
float point); deduplicates by itinerary, never by rounding. Reproducible for a given seed. It can
miss orbits (see :mod:`.scyfi`); what it proposes is certified elsewhere.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from . import scyfi, scyfi_py


@dataclass
class CycleCandidate:
    period: int
    itinerary: tuple[tuple[int, ...], ...]  # least rotation of the visited patterns
    point: np.ndarray  # float point at the start of ``itinerary``
    hits: int = 1


@dataclass
class SearchStats:
    restarts: int = 0
    converged: int = 0
    non_primitive: int = 0
    batches: int = 0
    seconds: float = 0.0
    stopped_by: str = ""
    per_period: dict = field(default_factory=dict)


def _least_rotation(rows: list[tuple[int, ...]]) -> int:
    k = len(rows)
    return min(range(k), key=lambda r: rows[r:] + rows[:r])


def _primitive(rows) -> bool:
    k = len(rows)
    return all(rows[e:] + rows[:e] != rows for e in range(1, k) if k % e == 0)


def state_scale(model, seed: int = 0) -> float:
    """Typical size of states on bounded float orbits (to draw starting points); at least 1."""
    rng = np.random.default_rng(seed)
    sizes = []
    for _ in range(8):
        z = rng.normal(0.0, 1.0, model.dim)
        for _ in range(200):
            z = model.step_float(z)
            if not np.all(np.isfinite(z)) or np.abs(z).max() > 1e8:
                break
        else:
            sizes.append(np.abs(z).max())
    return max(1.0, float(np.median(sizes)) * 1.5) if sizes else 1.0


def region_pool(model, rng, scale: float, samples: int = 4096, steps: int = 20) -> np.ndarray:
    """Patterns of regions actually visited by random points and their short float orbits (SCYFI's
    admissible region pool for shallow PLRNNs), as a (P × H) uint8 array."""
    f = model.f
    z = rng.normal(0.0, scale, size=(samples, model.dim))
    seen = set()
    for _ in range(steps):
        u = z @ f["W2"].T + f["h2"]
        seen.update(map(bytes, (u > 0).astype(np.uint8)))
        z = z @ f["A"].T + np.maximum(u, 0.0) @ f["W1"].T + f["h1"]
        z = np.where(np.isfinite(z), z, 0.0)
    return np.array([np.frombuffer(b, dtype=np.uint8) for b in sorted(seen)], dtype=np.uint8)


def find_cycle_candidates(
    model,
    period: int,
    budget: float = 5.0,
    seed: int = 0,
    batch: int = 512,
    max_inner: int = 100,
    patience: int = 6,
    twin: bool = False,
    on_batch=None,
) -> tuple[dict, SearchStats]:
    """Candidates of minimal period ``period`` keyed by canonical itinerary; see the module docstring.

    Stops after ``budget`` seconds or after ``patience`` batches in a row found nothing new.
    ``twin=True`` runs the plain-Python twin instead of the numba kernel (tests).
    """
    f = model.f
    args = (f["A"], f["W1"], f["W2"], f["h1"], f["h2"])
    run = scyfi_py.scyfi_batch if twin else scyfi.scyfi_batch
    rng = np.random.default_rng([seed, period])
    scale = state_scale(model, seed)
    found: dict = {}
    stats = SearchStats()
    quiet, t0 = 0, time.perf_counter()
    h = max(model.hidden, 1)
    pool = region_pool(model, rng, scale) if model.hidden > model.dim else None
    while True:
        if pool is None:
            starts = rng.integers(0, 2, size=(batch, period, h), dtype=np.uint8)[:, :, : model.hidden]
        else:  # admissible regions only: most of the 2^H patterns are empty when H > M
            starts = pool[rng.integers(0, len(pool), size=(batch, period))]
        points = rng.normal(0.0, scale, size=(batch, model.dim))
        burn = np.where(rng.random(batch) < 0.5, rng.integers(0, 200, size=batch), -1).astype(np.int64)
        ok, itins, zs = run(*args, np.ascontiguousarray(starts), points, burn, max_inner)
        new = 0
        for r in np.flatnonzero(ok):
            rows = [tuple(int(b) for b in row) for row in itins[r]]
            if not _primitive(rows):
                stats.non_primitive += 1
                continue
            rot = _least_rotation(rows)
            key = tuple(rows[rot:] + rows[:rot])
            if key in found:
                found[key].hits += 1
                continue
            z = zs[r]
            for _ in range(rot):
                z = model.step_float(z)
            found[key] = CycleCandidate(period, key, z)
            new += 1
        stats.restarts += batch
        stats.converged += int(ok.sum())
        stats.batches += 1
        quiet = 0 if new else quiet + 1
        if on_batch is not None:
            on_batch(stats, len(found))
        elapsed = time.perf_counter() - t0
        if elapsed > budget:
            stats.stopped_by = "budget"
            break
        if quiet >= patience:
            stats.stopped_by = "patience"
            break
    stats.seconds = time.perf_counter() - t0
    return found, stats
