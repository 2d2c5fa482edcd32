"""Figures of a sweep table (a pandas DataFrame of rows, see docs/SWEEP.md): a bifurcation diagram of
certified cycles for a 1-parameter grid, a map of the attractors over a 2-parameter grid, the certified
attractor counts along a checkpoint series, and a histogram over a collection. Plain data in, PNG out."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

STYLE = {
    "attracting": ("tab:blue", "o", "attracting"),
    "saddle": ("tab:red", "x", "saddle"),
    "repelling": ("tab:orange", "^", "repelling"),
    "non-hyperbolic": ("tab:purple", "s", "non-hyperbolic"),
    "border": ("0.6", ".", "border orbit (no type claimed)"),
}


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _ok(df):
    return df[df["error"].isna()] if "error" in df else df


def bifurcation(df, param: str, path: str | Path) -> Path:
    """Every certified cycle point (first coordinate) against the parameter, coloured by type."""
    plt = _plt()
    df = _ok(df)
    fig, ax = plt.subplots(figsize=(8, 5))
    pts: dict[str, tuple[list, list]] = {t: ([], []) for t in STYLE}
    for p, orbits in zip(df[f"param_{param}"], df["orbits"]):
        for o in json.loads(orbits or "[]"):
            xs, ys = pts.setdefault(o["t"], ([], []))
            xs += [p] * len(o["x"])
            ys += o["x"]
    for t, (xs, ys) in pts.items():
        if xs:
            color, marker, label = STYLE.get(t, ("k", ".", t))
            ax.scatter(xs, ys, s=10 if t == "attracting" else 8, c=color, marker=marker, label=label, linewidths=0.8)
    n_complete = int(df["complete"].fillna(False).astype(bool).sum()) if "complete" in df else 0
    note = f" (list proved complete at {n_complete} of {len(df)})" if n_complete else ""
    ax.set_title(f"certified cycles over {len(df)} values of {param}{note}")
    ax.set_xlabel(param)
    ax.set_ylabel("first coordinate of the cycle points")
    ax.legend(loc="best", fontsize=8)
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, dpi=130)
    plt.close(fig)
    return path


def attractor_map(df, px: str, py: str, path: str | Path) -> Path:
    """Two panels over a 2-parameter grid: the number of certified attracting cycles, and the periods of
    the attractors (SCYFI-style picture)."""
    plt = _plt()
    from matplotlib.colors import BoundaryNorm, ListedColormap

    df = _ok(df)
    xs, ys = np.unique(df[f"param_{px}"]), np.unique(df[f"param_{py}"])
    count = np.full((len(ys), len(xs)), np.nan)
    label = np.full((len(ys), len(xs)), "", dtype=object)
    for x, y, a, orbits in zip(df[f"param_{px}"], df[f"param_{py}"], df["attracting"], df["orbits"]):
        i, j = np.searchsorted(ys, y), np.searchsorted(xs, x)
        count[i, j] = a
        periods = sorted({o["p"] for o in json.loads(orbits or "[]") if o["t"] == "attracting"})
        label[i, j] = "+".join(map(str, periods)) or "none"
    fig, axes = plt.subplots(1, 2, figsize=(12, 5))
    top = int(np.nanmax(count)) if np.isfinite(count).any() else 0
    cmap = ListedColormap(plt.get_cmap("viridis", top + 1)(np.arange(top + 1)))
    extent = None
    if len(xs) > 1 and len(ys) > 1:  # cell edges half a step beyond the grid points
        dx, dy = (xs[-1] - xs[0]) / (len(xs) - 1), (ys[-1] - ys[0]) / (len(ys) - 1)
        extent = [xs[0] - dx / 2, xs[-1] + dx / 2, ys[0] - dy / 2, ys[-1] + dy / 2]
    im = axes[0].imshow(
        count, origin="lower", aspect="auto", extent=extent, cmap=cmap,
        norm=BoundaryNorm(np.arange(-0.5, top + 1.5), top + 1),
    )  # fmt: skip
    fig.colorbar(im, ax=axes[0], ticks=range(top + 1), label="certified attracting cycles")
    axes[0].set_title("number of certified attractors")
    kinds = sorted({s for s in label.ravel() if s})
    code = np.vectorize(lambda s: kinds.index(s) if s else -1)(label).astype(float)
    code[code < 0] = np.nan
    cm2 = ListedColormap(plt.get_cmap("tab20", max(len(kinds), 1))(np.arange(max(len(kinds), 1))))
    im2 = axes[1].imshow(
        code, origin="lower", aspect="auto", extent=extent, cmap=cm2,
        norm=BoundaryNorm(np.arange(-0.5, len(kinds) + 0.5), max(len(kinds), 1)),
    )  # fmt: skip
    cb = fig.colorbar(im2, ax=axes[1], ticks=range(len(kinds)))
    cb.ax.set_yticklabels(kinds)
    cb.set_label("periods of the attracting cycles")
    axes[1].set_title("type of the attractors")
    for ax in axes:
        ax.set_xlabel(px)
        ax.set_ylabel(py)
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, dpi=130)
    plt.close(fig)
    return path


def series(df, path: str | Path) -> Path:
    """Certified attracting cycles and saddles per training step, the steps where a count changes marked."""
    plt = _plt()
    df = _ok(df).sort_values("step")
    steps = df["step"].to_numpy()
    fig, ax = plt.subplots(figsize=(8, 4))
    for col, (color, marker, label) in (("attracting", STYLE["attracting"]), ("saddle", STYLE["saddle"])):
        ax.step(steps, df[col].to_numpy(), where="post", color=color, label=label)
        ax.scatter(steps, df[col].to_numpy(), color=color, marker=marker, s=14)
    changes = change_steps(df)
    for s in changes:
        ax.axvline(s, color="0.5", ls=":", lw=1)
    ax.set_xlabel("training step")
    ax.set_ylabel("certified cycles")
    ax.set_title(f"certified attractors along training ({len(changes)} change(s) marked)")
    ax.legend(loc="best", fontsize=8)
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, dpi=130)
    plt.close(fig)
    return path


def change_steps(df) -> list[int]:
    """The steps at which the certified attracting or saddle count differs from the previous step."""
    df = _ok(df).sort_values("step")
    prev, out = None, []
    for step, a, s in zip(df["step"], df["attracting"], df["saddle"]):
        if prev is not None and (a, s) != prev:
            out.append(int(step))
        prev = (a, s)
    return out


def collection(df, path: str | Path) -> Path:
    """How many models of a collection have n certified attracting cycles, and n saddles."""
    plt = _plt()
    from matplotlib.ticker import MaxNLocator

    df = _ok(df)
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.5))
    for ax, col in zip(axes, ("attracting", "saddle")):
        vals = df[col].dropna().astype(int).to_numpy()
        if len(vals):
            ax.hist(vals, bins=np.arange(vals.min() - 0.5, vals.max() + 1.5), color=STYLE[col][0])
        ax.set_xlabel(f"certified {col} cycles")
        ax.set_ylabel("models")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    fig.suptitle(f"{len(df)} models")
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, dpi=130)
    plt.close(fig)
    return path
