"""The chaos part of a report: the orbit of a certified homoclinic point with its itinerary, a figure of
the saddle's manifolds with that orbit, and a plain-language list of what is proved and what is not.

The orbit and the manifold pieces drawn are float computations *along the certified itineraries* (the
kernel checked boxes around them); they illustrate the certificate and carry no proof by themselves.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import LineCollection

from .figures import sample_attractor, save_figure


def _pattern_key(d) -> str:
    return "".join(str(int(b)) for b in d)


def homoclinic_orbit(model, cert: dict) -> list[dict]:
    """The orbit q_{-n}, ..., q_0 = q, ..., q_m of the certified homoclinic point (floats): q_{-n} on the
    local unstable segment, q_m on the local stable one; each row {k, point, region, note}."""
    claim = cert["claim"]
    up, sp = claim["unstable"]["pieces"][0], claim["stable"]["pieces"][0]
    p = np.array([float(Fraction(x)) for x in cert["witness"]["stable"]["points"][0]])
    A, W1, W2, h1, h2 = (model.f[k] for k in ("A", "W1", "W2", "h1", "h2"))
    h1, h2 = h1.reshape(-1), h2.reshape(-1)

    def affine(d):
        D = np.diag(np.asarray(d, float))
        return A + W1 @ D @ W2, h1 + W1 @ D @ h2

    # q: the midpoint of the stable piece's listed segment (within eps of the crossing box)
    box = claim["crossing"]["box"]
    q = np.array([(float(Fraction(lo)) + float(Fraction(hi))) / 2 for lo, hi in box])
    rows = [{"k": 0, "point": q, "region": None, "note": "transversal homoclinic point q (crossing box centre)"}]
    z = q
    for j, d in enumerate(sp["itinerary"]):  # forward along S's itinerary
        rows[-1]["region"] = _pattern_key(d)
        Md, cd = affine(d)
        z = Md @ z + cd
        rows.append({"k": j + 1, "point": z, "region": None, "note": ""})
    rows[-1]["note"] = (rows[-1]["note"] + "; " if rows[-1]["note"] else "") + "on the local stable segment: F^k -> p"
    z, back = q, []
    for j, d in enumerate(reversed(up["itinerary"])):  # backward along U's itinerary
        Md, cd = affine(d)
        z = np.linalg.solve(Md, z - cd)
        back.append({"k": -(j + 1), "point": z, "region": _pattern_key(d), "note": ""})
    if back:
        back[-1]["note"] = "on the local unstable segment: F^-k -> p"
    else:
        rows[0]["note"] += "; on the local unstable segment"
    pattern_p = _pattern_key(claim["stable"]["itinerary"][0])
    for r in rows:
        r["region"] = r["region"] or pattern_p
    return (
        [{"k": None, "point": p, "region": pattern_p, "note": "saddle fixed point p (k -> -inf)"}]
        + back[::-1]
        + rows
        + [{"k": None, "point": p, "region": pattern_p, "note": "saddle fixed point p (k -> +inf)"}]
    )


def orbit_table_md(rows: list[dict]) -> list[str]:
    out = ["| k | point (float) | region | |", "|---|---|---|---|"]
    for r in rows:
        k = "±∞" if r["k"] is None else str(r["k"])
        pt = "(" + ", ".join(f"{x:.6f}" for x in r["point"]) + ")"
        out.append(f"| {k} | {pt} | {r['region']} | {r['note']} |")
    return out


def chaos_figure(model, rows: list[dict], manifolds, path: Path, title: str) -> Path:
    """Float manifolds of the saddle (stable blue, unstable red), the homoclinic orbit numbered, the
    sampled attractor in grey (first two coordinates)."""
    fig, ax = plt.subplots(figsize=(7.5, 6), dpi=110)
    pts = sample_attractor(model, steps=8000)
    if len(pts):
        ax.plot(
            pts[:, 0], pts[:, 1], ".", ms=0.6, color="0.6", alpha=0.5, zorder=0, label="float orbit (illustration only)"
        )
    if manifolds is not None:
        for obj in manifolds.objects:
            for side, colour in ((obj.stable, "tab:blue"), (obj.unstable, "tab:red")):
                g = side.grown
                if g is not None and len(g):
                    ax.add_collection(
                        LineCollection(
                            np.stack([g.a[:, :2], g.b[:, :2]], axis=1),
                            colors=colour,
                            linewidths=0.8,
                            alpha=0.55 if colour == "tab:blue" else 0.9,
                            zorder=1,
                        )
                    )
        ax.plot([], [], color="tab:blue", label="stable manifold of the saddle (float pieces)")
        ax.plot([], [], color="tab:red", label="unstable manifold of the saddle (float pieces)")
    orbit = np.array([r["point"] for r in rows if r["k"] is not None])
    ks = [r["k"] for r in rows if r["k"] is not None]
    ax.plot(orbit[:, 0], orbit[:, 1], "-", color="k", lw=0.6, alpha=0.6, zorder=2)
    ax.scatter(
        orbit[:, 0],
        orbit[:, 1],
        s=28,
        color="magenta",
        edgecolors="k",
        zorder=3,
        label="orbit of the homoclinic point (certified itinerary)",
    )
    for k, (x, y) in zip(ks, orbit[:, :2]):
        ax.annotate(str(k), (x, y), textcoords="offset points", xytext=(4, 4), fontsize=8, zorder=4)
    p = rows[0]["point"]
    ax.scatter([p[0]], [p[1]], marker="X", s=90, color="k", zorder=4, label="saddle fixed point p")
    span = np.ptp(np.vstack([orbit[:, :2], p[None, :2]]), axis=0).max()
    lo = np.minimum(orbit[:, :2].min(axis=0), p[:2]) - 0.35 * span
    hi = np.maximum(orbit[:, :2].max(axis=0), p[:2]) + 0.35 * span
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    ax.set_xlabel("z1")
    ax.set_ylabel("z2")
    ax.set_title(title)
    ax.legend(loc="best", fontsize=7, framealpha=0.85)
    return save_figure(fig, path)


THEOREM_TEXT = {
    "contraction": "a global contraction (no chaos)",
    "transversal-homoclinic": "a transversal homoclinic point (Smale–Birkhoff: a horseshoe for some iterate)",
    "snap-back-repeller": "a snap-back repeller (Marotto: Li–Yorke chaos)",
    "horseshoe": "covering relations (a horseshoe: a topological-entropy lower bound)",
}


def proved_and_not(chaos: dict, max_period: int, complete: bool) -> tuple[list[str], list[str]]:
    """Plain-language lists: what the certificates prove, and what this report does not prove."""
    proved, not_proved = [], []
    for a in chaos.get("attempts", []):
        name = THEOREM_TEXT.get(a["theorem"], a["theorem"])
        if a["verdict"] == "PROVED":
            proved.append(
                f"{'No chaos' if a['theorem'] == 'contraction' else 'Chaos'}, by {name}: {a.get('summary', '')} "
                f"(certificate `{Path(a['certificate']).name if a.get('certificate') else '-'}`)."
            )
        elif a["theorem"] == "contraction":
            if chaos.get("verdict") != "PROVED":
                not_proved.append(f"Absence of chaos: no contraction certificate ({a['reason']}).")
        else:
            not_proved.append(f"Chaos by {name}: not established ({a['reason']}).")
    if not chaos.get("entropy_lower_bound") and chaos.get("verdict") == "PROVED":
        not_proved.append("A numerical lower bound on the topological entropy (Smale–Birkhoff gives positivity only).")
    if complete:
        proved.append(f"The list of periodic orbits of minimal period <= {max_period} is complete.")
    not_proved.append(f"Anything about periodic orbits of period > {max_period}.")
    not_proved.append(
        "That the grey cloud (a float simulation) is an attractor, or what its shape is; "
        "float manifold pieces and basin colours are numerical, not certified."
    )
    return proved, not_proved
