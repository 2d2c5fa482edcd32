"""Figures for continuous-time skew RNNs (matplotlib, no display). Float curves are labelled as
numerical; certified objects (period enclosures, bounds) are drawn from kernel-checked certificates."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

DPI = 110


def _save(fig, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


def simulation_figure(model, tr, last: int, path: Path) -> Path:
    """Left: the orbit in the (x1, x2) plane; right: G(x(t)) - G(x0)."""
    fig, (a, b) = plt.subplots(1, 2, figsize=(11, 4.5))
    x = tr.x[: last + 1]
    j = 1 if model.dim > 1 else 0
    a.plot(x[:, 0], x[:, j], lw=0.6)
    a.plot(x[0, 0], x[0, j], "o", color="C3", label="x0")
    a.set_xlabel("x1")
    a.set_ylabel(f"x{j + 1}")
    a.set_title(f"{model.name}: {tr.method}, h = {tr.h:g} (float orbit)")
    a.legend()
    if np.all(np.isfinite(tr.G[: last + 1])):
        b.plot(tr.t[: last + 1], tr.G[: last + 1] - tr.G[0], lw=0.8)
    b.set_xlabel("t")
    b.set_ylabel("G(x(t)) - G(x0)")
    b.set_title("drift of the conserved quantity")
    b.grid(alpha=0.3)
    return _save(fig, path)


def level_sets(ax, g, lim: float, levels, colour="0.75"):
    """Contours of G(x) = g(x1) + g(x2) on [-lim, lim]^2."""
    u = np.linspace(-lim, lim, 401)
    X, Y = np.meshgrid(u, u)
    ax.contour(X, Y, g(X) + g(Y), levels=levels, colors=colour, linewidths=0.7)


def phase_portrait(g, orbits, lim, levels, title, path: Path, notes=()) -> Path:
    """Level sets of G and float orbits [(label, xs), ...]."""
    fig, ax = plt.subplots(figsize=(6.4, 6))
    level_sets(ax, g, lim, levels)
    for k, (label, xs) in enumerate(orbits):
        ax.plot(xs[:, 0], xs[:, 1], lw=1.1, color=f"C{k}", label=label)
        ax.plot(xs[0, 0], xs[0, 1], "o", ms=4, color=f"C{k}")
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_aspect("equal")
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    ax.set_title(title)
    for k, text in enumerate(notes):
        ax.text(0.02, 0.02 + 0.045 * k, text, transform=ax.transAxes, fontsize=8)
    ax.legend(loc="upper right", fontsize=8)
    return _save(fig, path)


def period_figure(curve, certified, path: Path) -> Path:
    """Period vs amplitude: float curve, kernel-checked enclosures, the two asymptotes."""
    A, T = curve
    fig, ax = plt.subplots(figsize=(7.5, 5))
    ax.plot(A, T, lw=1, color="0.5", label="float estimate (ODE solver)")
    ax.axhline(2 * np.pi, ls=":", color="C2", label="2 pi (small amplitude)")
    ax.plot(A, 4 * (A + np.log(2)), ls="--", color="C1", label="4 (A + log 2) (large amplitude)")
    for k, (a, lo, hi) in enumerate(certified):
        ax.errorbar(
            [a],
            [(lo + hi) / 2],
            yerr=[[(hi - lo) / 2], [(hi - lo) / 2]],
            fmt="s",
            ms=5,
            color="C3",
            label="kernel-checked enclosure" if k == 0 else None,
        )
    ax.set_xscale("log")
    ax.set_xlabel("amplitude A (orbit through (A, 0))")
    ax.set_ylabel("period T")
    ax.set_title("dx/dt = J tanh(x): period grows with amplitude")
    ax.legend()
    ax.grid(alpha=0.3, which="both")
    return _save(fig, path)


def euler_figure(left, right, path: Path) -> Path:
    """Forward Euler: log10 |x_k|^2 of the linear network (left, linear axis: exponential growth is a
    line) and G(x_k) of the tanh network (right, log axis); series are [(label, t, values, style)]."""
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.8))
    for ax, series, title in (
        (axes[0], left, "linear network: log10 |x_k|^2"),
        (axes[1], right, "tanh network: G(x_k)"),
    ):
        for label, t, v, style in series:
            ok = np.isfinite(v)
            ax.plot(t[ok], v[ok], style, lw=1.2, label=label)
        ax.set_xlabel("t = k h")
        ax.set_title(f"forward Euler, h = 0.1, x0 = (1, 0): {title}", fontsize=10)
        ax.legend(fontsize=8)
        ax.grid(alpha=0.3, which="both")
    axes[1].set_yscale("log")
    return _save(fig, path)


def drift_figure(series, path: Path) -> Path:
    """|G(x(t)) - G(x0)| for several integrators, log scale."""
    fig, ax = plt.subplots(figsize=(8, 5))
    for label, t, d in series:
        ax.plot(t[1:], np.maximum(np.abs(d[1:]), 1e-17), lw=1, label=label)
    ax.set_yscale("log")
    ax.set_xlabel("t")
    ax.set_ylabel("|G(x(t)) - G(x0)|  (float)")
    ax.set_title("drift of G, dx/dt = J tanh(x), h = 0.1, x0 = (1, 0)")
    ax.legend()
    ax.grid(alpha=0.3, which="both")
    return _save(fig, path)


def lyapunov_figure(rows, path: Path) -> Path:
    """Largest Lyapunov exponent estimates by dimension (numerical)."""
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for n, values in rows:
        ax.plot([n] * len(values), values, "o", color="C0", alpha=0.7)
    ax.axhline(0, color="0.4", lw=0.8)
    ax.set_xlabel("dimension n (random skew W, tanh)")
    ax.set_ylabel("largest Lyapunov exponent (numerical estimate)")
    ax.set_title("bounded (kernel-checked) yet often not periodic motion")
    ax.grid(alpha=0.3)
    return _save(fig, path)
