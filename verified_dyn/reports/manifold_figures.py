"""Phase portraits of manifolds and basins (matplotlib, no display needed).

2-D: the basin image (one colour per certified attractor, grey = diverges, white = undecided), the
stable pieces in blue, the unstable pieces in red, saddle points (X) and attractors (o). Higher
dimensions: the same objects projected on two chosen coordinate axes, or on the two principal axes of
the certified cycle points (``axes="pca"``). The pieces drawn are float proposals (see the JSON verdicts).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import ListedColormap

from .figures import save_figure

BASIN_COLOURS = ["#f7d08a", "#a8d5a2", "#c9b3e6", "#f4a6a6", "#9ecae1", "#fdd0a2", "#d9d9d9"]


def projection(model, cycles, axes):
    """A 2 x M matrix: rows = the chosen coordinate axes, or the top principal axes of the cycle points."""
    M = model.dim
    if axes == "pca":
        pts = np.array([[float(x) for x in p] for c in cycles for p in c.points]).reshape(-1, M)
        if len(pts) >= 2:
            _, _, Vt = np.linalg.svd(pts - pts.mean(axis=0), full_matrices=False)
            if Vt.shape[0] >= 2:
                return Vt[:2]
        axes = (0, 1)
    i, j = axes
    Pm = np.zeros((2, M))
    Pm[0, i] = 1.0
    Pm[1, j % M] = 1.0
    return Pm


def phase_portrait(model, path: Path, manifolds=None, basins=None, axes=(0, 1), title: str = "", plot_box=None) -> Path:
    """Write the figure described in the module docstring (``plot_box`` = x0, x1, y0, y1 of the view
    when there is no basin image); returns the path."""
    cycles = (manifolds or basins).cycles.cycles
    Pm = projection(model, cycles, axes if model.dim > 2 else (0, 1 if model.dim > 1 else 0))
    fig, ax = plt.subplots(figsize=(7.5, 6.5), dpi=110)
    limits = None
    if basins is not None and basins.labels is not None:
        L = basins.labels
        n_att = len(basins.attractors)
        colours = ["white", "0.55"] + BASIN_COLOURS[: max(n_att, 1)]
        img = np.where(L >= 0, L + 2, np.where(L == -1, 1, 0))
        x0, x1, y0, y1 = basins.box[:4]
        ax.imshow(
            img,
            origin="lower",
            extent=(x0, x1, y0, y1),
            cmap=ListedColormap(colours),
            vmin=-0.5,
            vmax=len(colours) - 0.5,
            interpolation="nearest",
            aspect="auto",
            zorder=0,
        )
        limits = (x0, x1, y0, y1)
        present = set(np.unique(img).tolist())  # legend swatches for the basin colours shown
        names = ["undecided", "diverges"] + [f"basin of attractor {i}" for i in range(n_att)]
        for code in sorted(present):
            ax.fill_between([], [], color=colours[code], label=f"{names[code]} (numerical)")
    rep = manifolds if manifolds is not None else (basins.manifolds if basins is not None else None)
    if rep is not None:
        for obj in rep.objects:
            for side, colour in ((obj.stable, "tab:blue"), (obj.unstable, "tab:red")):
                g = side.grown
                if g is None or not len(g):
                    continue
                segs = np.stack([g.a @ Pm.T, g.b @ Pm.T], axis=1)
                ax.add_collection(LineCollection(segs, colors=colour, linewidths=1.6, zorder=2))
                cp = side.certified
                if cp is not None and cp.pieces and getattr(side.pieces_verdict, "verdict", None) == "PROVED":
                    va = np.array([[float(x) for x in p.vertices[0]] for p in cp.pieces]) @ Pm.T
                    vb = np.array([[float(x) for x in p.vertices[1]] for p in cp.pieces]) @ Pm.T
                    dark = "navy" if side.kind == "stable" else "darkred"
                    ax.add_collection(
                        LineCollection(np.stack([va, vb], axis=1), colors=dark, linewidths=3.0, alpha=0.5, zorder=1.5)
                    )
        _draw_nd(ax, rep, Pm, cycles)
        ax.plot([], [], color="tab:blue", label="stable manifold (float pieces)")
        ax.plot([], [], color="tab:red", label="unstable manifold (float pieces)")
        ax.plot([], [], color="navy", lw=3, alpha=0.5, label="stable pieces PROVED (kernel)")
        ax.plot([], [], color="darkred", lw=3, alpha=0.5, label="unstable pieces PROVED (kernel)")
    for c in cycles:
        kind = c.counts.orbit_type
        if kind not in ("saddle", "attracting"):
            continue
        xy = np.array([[float(x) for x in p] for p in c.points]) @ Pm.T
        ax.scatter(
            xy[:, 0],
            xy[:, 1],
            marker="X" if kind == "saddle" else "o",
            s=60,
            color="k" if kind == "saddle" else "gold",
            edgecolors="k",
            zorder=4,
        )
    ax.scatter([], [], marker="X", color="k", label="saddle (certified)")
    ax.scatter([], [], marker="o", color="gold", edgecolors="k", label="attractor (certified)")
    limits = limits if limits is not None else plot_box
    if limits is not None and model.dim == 2:
        ax.set_xlim(limits[0], limits[1])
        ax.set_ylim(limits[2], limits[3])
    else:
        ax.margins(0.08)
        ax.autoscale()
    lab = (f"z{axes[0] + 1}", f"z{axes[1] + 1}") if axes != "pca" else ("PC1", "PC2")
    ax.set_xlabel(lab[0])
    ax.set_ylabel(lab[1])
    ax.set_title(
        title
        or f"{model.name}: manifolds (float pieces) and basins"
        + ("" if model.dim <= 2 else "\n(pieces of dim >= 3: cut by the plane of the figure)")
    )
    ax.legend(loc="upper right", fontsize=7, framealpha=0.85)
    return save_figure(fig, path)


def _draw_nd(ax, rep, Pm, cycles, limit: int = 3000):
    """Pieces of dimension >= 2: 2-D pieces as projected polygons; codimension-1 pieces of dimension
    >= 3 as their cut by the figure's plane through the mean of the cycle points (a segment each)."""
    from matplotlib.collections import PolyCollection

    from ..geometry import polygon, slice_segment

    pts = np.array([[float(x) for x in p] for c in cycles for p in c.points]).reshape(-1, Pm.shape[1])
    origin = pts.mean(axis=0) if len(pts) else np.zeros(Pm.shape[1])
    origin = origin - Pm.T @ (Pm @ origin)  # the plane: origin + Pm^T s, s = the figure coordinates
    for obj in rep.objects:
        for side, colour in ((obj.stable, "tab:blue"), (obj.unstable, "tab:red")):
            ps = side.nd
            if ps is None:
                continue
            polys, segs = [], []
            for p in ps.pieces[:limit]:
                E, e, G, g = p.constraints
                if ps.dim == 2:
                    V = polygon(E, e, G, g)
                    if len(V) >= 3:
                        polys.append(V @ Pm.T)
                else:
                    seg = slice_segment(E, e, G, g, origin, Pm.T)
                    if seg is not None:
                        segs.append(seg @ Pm.T)
            if polys:
                from matplotlib.colors import to_rgba

                ax.add_collection(
                    PolyCollection(
                        polys, facecolors=[to_rgba(colour, 0.15)], edgecolors=colour, linewidths=1.0, zorder=1.8
                    )
                )
            if segs:
                ax.add_collection(LineCollection(segs, colors=colour, linewidths=1.2, zorder=2))


def segment_figure(basins, path: Path) -> Path:
    """Labels along the segments joining pairs of attractors (any dimension)."""
    segs = basins.segments
    fig, ax = plt.subplots(figsize=(7.5, 1.0 + 0.5 * max(len(segs), 1)), dpi=110)
    for row, s in enumerate(segs):
        lab = s["labels"]
        ax.scatter(
            np.linspace(0, 1, len(lab)), np.full(len(lab), row), c=lab, cmap="tab10", vmin=-2, vmax=7, s=4, marker="s"
        )
    ax.set_yticks(range(len(segs)), [f"{s['from']} -> {s['to']}" for s in segs])
    ax.set_xlabel("position along the segment")
    ax.set_title("basin labels along segments joining attractors")
    return save_figure(fig, path)
