"""Figures of certified objects (matplotlib, no display needed)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np


def save_figure(fig, path) -> Path:
    """tight_layout, create the folder, write the PNG, close the figure; returns the path."""
    fig.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
    return path


def sample_attractor(model, steps: int = 20000, transient: int = 1000, seed: int = 0) -> np.ndarray:
    """Float iterates of F from a few starting points that stay bounded (for the picture only)."""
    rng = np.random.default_rng(seed)
    for _ in range(20):
        z = rng.uniform(-0.5, 0.5, model.dim)
        pts = np.empty((steps, model.dim))
        ok = True
        for t in range(steps + transient):
            z = model.step_float(z)
            if not np.all(np.isfinite(z)) or np.abs(z).max() > 1e6:
                ok = False
                break
            if t >= transient:
                pts[t - transient] = z
        if ok:
            return pts
    return np.empty((0, model.dim))


MARKERS = {"attracting": "o", "saddle": "X", "repelling": "^", "non-hyperbolic": "s", "border": "D"}


def orbits_figure(model, report, path: Path, title: str = "", marks=()) -> Path:
    """Phase portrait (first two coordinates): sampled attractor, switching lines, certified orbits
    coloured by minimal period, marker by type."""
    fig, ax = plt.subplots(figsize=(7.5, 6), dpi=110)
    pts = sample_attractor(model)
    second = 1 if model.dim > 1 else 0
    if len(pts):
        ax.plot(
            pts[:, 0],
            pts[:, second],
            ".",
            ms=0.6,
            color="0.35",
            alpha=0.5,
            zorder=1,
            label="float orbit (illustration only)",
        )
    objects = [(r, r.counts.orbit_type) for r in report.cycles] + [(r, "border") for r in report.border_orbits]
    periods = sorted({r.period for r, _ in objects}) or [1]
    cmap = plt.get_cmap("viridis", max(len(periods), 2))
    colour = {p: cmap(i) for i, p in enumerate(periods)}
    labelled = set()
    for r, kind in sorted(objects, key=lambda o: -o[0].period):
        xy = np.array([[float(x) for x in p] for p in r.points])
        label = f"{kind} (period {r.period})" if (kind, r.period) not in labelled and len(periods) <= 10 else None
        labelled.add((kind, r.period))
        ax.scatter(
            xy[:, 0],
            xy[:, second],
            s=18 + 60 / r.period,
            marker=MARKERS[kind],
            color=colour[r.period],
            edgecolors="k",
            linewidths=0.4,
            zorder=3,
            label=label,
        )
    for point, label in marks:
        ax.scatter(
            [point[0]],
            [point[1] if model.dim > 1 else point[0]],
            s=140,
            marker="*",
            color="magenta",
            edgecolors="k",
            linewidths=0.6,
            zorder=4,
            label=label,
        )
    _switching_lines(ax, model)
    ax.set_xlabel("z1")
    ax.set_ylabel("z2" if model.dim > 1 else "z1")
    ax.set_title(title or f"certified periodic orbits of {model.name}")
    ax.legend(loc="best", fontsize=7, ncol=2, framealpha=0.8)
    return save_figure(fig, path)


def _switching_lines(ax, model) -> None:
    if model.dim != 2:
        return
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    W2, h2 = model.f["W2"], model.f["h2"]
    for i in model.active_units:
        a, b = W2[i]
        c = h2[i]
        if abs(b) > 1e-12:
            xs = np.array([x0, x1])
            ax.plot(xs, -(a * xs + c) / b, "k--", lw=0.7)
        elif abs(a) > 1e-12:
            ax.axvline(-c / a, color="k", ls="--", lw=0.7)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
