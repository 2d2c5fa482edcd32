"""``verified-dyn reproduce casoni2025``: the report on Casoni, Guidi, Betti, Melacci, Gori,
"Generative System Dynamics in Recurrent Neural Networks" (IJCNN 2025), with figures and certificates.

Every PROVED / REFUTED in the report is a kernel verdict on a certificate written here; numbers from
float integration are labelled as numerical. The sections are computed by
:mod:`verified_dyn.pipelines.casoni2025`; this module only writes them.
"""

from __future__ import annotations

import os
from pathlib import Path

from .markdown import to_html

TITLE = "Reproduction: Casoni et al., Generative System Dynamics in Recurrent Neural Networks (IJCNN 2025)"
CLAIM_NAMES = (
    "skew_symmetric",
    "conserved_quantity",
    "casimirs",
    "volume_preserving",
    "equilibria",
    "bounded_orbits",
    "periodic_orbits",
)


def _rel(path, out: Path) -> str:
    return os.path.relpath(path, out).replace(os.sep, "/") if path else ""


def _cell(c: dict, out: Path, limit: int = 150) -> str:
    text = c.get("statement") if c["verdict"] == "PROVED" else c.get("reason")
    text = (text or "").replace("|", "‖")
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    link = f" [cert]({_rel(c['certificate'], out)})" if c.get("certificate") else ""
    return f"**{c['verdict']}** {text}{link}"


def _claims_table(docs: list[tuple[str, dict]], out: Path) -> list[str]:
    lines = ["| claim | " + " | ".join(f"`{n}`" for n, _ in docs) + " |", "|---" * (len(docs) + 1) + "|"]
    for name in CLAIM_NAMES:
        lines.append(f"| {name} | " + " | ".join(_cell(d["claims"][name], out) for _, d in docs) + " |")
    return lines


def _fig(path, out: Path, alt: str) -> str:
    return f"![{alt}]({_rel(path, out)})"


def _fmt(x, digits=6) -> str:
    return "–" if x is None else f"{x:.{digits}g}"


def report_markdown(out: Path, planar: dict, eul: dict, rect: dict, high: dict, seconds: float) -> str:
    L = [
        f"# {TITLE}",
        "",
        "The paper: skew-symmetric recurrent weights make a continuous-time RNN dx/dt = W s(x) oscillate "
        'forever; activations that are "odd, bounded, continuous" such as tanh keep the oscillation through '
        "motion invariants and soften the instability of forward Euler. This report states what is true "
        "(MATH §5), proves what can be proved with certificates, and shows where the wording overreaches.",
        "",
        "How to read it: **PROVED** means the independent kernel re-checked the certificate linked next to "
        "it; **REFUTED** means the kernel re-checked a certificate of the negation (an escaping orbit, a "
        "nonzero symmetric part); **INCONCLUSIVE** gives the reason. Numbers from float integration are "
        "labelled *float* or *estimate* and prove nothing.",
        "",
        "Regenerate: `verified-dyn reproduce casoni2025 --out reports/casoni2025 --proofs proofs/casoni2025`; "
        "re-check every certificate: `python -m verified_dyn.kernel --selftest proofs`.",
        "",
        "## 1. The planar tanh network and the x exp(-x²) counterexample",
        "",
        "`skew_tanh_2d`: dx/dt = J tanh(x), J = [[0, 1], [-1, 0]]. `skew_gauss_2d`: the same W with "
        "s(x) = x exp(-x²), odd, bounded and continuous.",
        "",
    ]
    L += _claims_table([("skew_tanh_2d", planar["tanh"]), ("skew_gauss_2d", planar["gauss"])], out)
    L += [
        "",
        _fig(planar["figures"][0], out, "phase portrait"),
        "",
        "## 2. Period against amplitude (orbit through (A, 0))",
        "",
        "The enclosure is T = 8 τ, τ = ∫₀ᵃ du / s(x(u)) with log cosh x(u) = log cosh A − log cosh u and "
        "2 log cosh a = log cosh A (the orbit's eight symmetric pieces); the kernel bounds the integral by "
        "the midpoint rule plus its h³/24 f'' error term, with interval arithmetic.",
        "",
        "| A | kernel-checked enclosure of T | float (ODE solver) | REFERENCE_CASES | 4 (A + log 2) | certificate |",
        "|---|---|---|---|---|---|",
    ]
    for r in planar["periods"]:
        enc = (
            f"[{r['enclosure'][0]:.9f}, {r['enclosure'][1]:.9f}] **{r['verdict']}**" if r["enclosure"] else r["verdict"]
        )
        L.append(
            f"| {r['A']} | {enc} | {r['float']:.6f} | {_fmt(r['reference'])} | {r['asymptote']:.3f} | "
            f"[cert]({_rel(r['certificate'], out)}) |"
        )
    g = planar["gauss_escape_float"]
    L += [
        "",
        "Small orbits approach the linear period 2π = 6.2832; large ones 4 (A + log 2).",
        "",
        _fig(planar["figures"][1], out, "period vs amplitude"),
        "",
        "## 3. Odd, bounded and continuous is not enough: s(x) = x exp(-x²)",
        "",
        "Here g(t) = (1 − exp(−t²))/2 < 1/2, so G < 1 and every level set with G > 1/2 is unbounded. From "
        "(3/2, 3/2), G = 1 − exp(−9/4) = 0.8946 > 1/2: g(x₁) = G − g(x₂) > G − 1/2 > 0 forever, so no "
        "coordinate ever reaches 0, both are monotone and the orbit escapes (kernel: bounded orbits "
        "**REFUTED**, see the table above). Below the threshold the orbits are closed: the orbit through "
        "(1, 0) (G = 0.316) is periodic:",
        "",
    ]
    per = planar["gauss"]["claims"]["periodic_orbits"]
    for o in per.get("orbits", []) + per.get("periods", []):
        L.append(
            f"- **{o['verdict']}** {o.get('statement') or o.get('reason')}"
            + (f" [cert]({_rel(o['certificate'], out)})" if o.get("certificate") else "")
        )
    L += [
        "",
        f"*Float* (RK4, h = 0.01): x(5000) = ({g['x_5000'][0]:.2f}, {g['x_5000'][1]:.5f}); REFERENCE_CASES: "
        f"x₁ about 1316. Conservation of G predicts x₂ → L = √(9/4 − log 2) = {g['L2_closed_form']:.5f} and "
        f"x₁ growing at the rate s(L) = {g['slope_closed_form']:.5f}.",
        "",
        _fig(planar["figures"][2], out, "x exp(-x^2) counterexample"),
        "",
    ]
    L += _euler_markdown(out, eul)
    L += _rectified_markdown(out, rect)
    L += _high_markdown(out, high)
    L += [
        "## 8. What is proved and what is only observed",
        "",
        "- Proved (kernel-checked certificates, linked above and listed in proofs/expected.json): "
        "skew-symmetry, the conserved G = Σ log cosh xᵢ, volume preservation, the equilibria, bounded "
        "orbits, periodicity of every nonzero planar orbit, period enclosures matching REFERENCE_CASES, "
        "the escape of an orbit of the x exp(−x²) network, "
        "the forward-Euler energy bound (at most linear growth of G) and the exact exponential growth of the "
        "linear network, and one 1000-step Euler trajectory with G increasing at every step.",
        "- Proved by sympy, not kernel-checked: closed forms of g, the expansion dH/dt ≡ 0, the sign and "
        "integral facts of activations outside the kernel's table, the exact escaping solution of the "
        "rectified network.",
        "- Observed (float): G at t = 2000 and 10⁴ under forward Euler, the drift of RK4, AVF and the "
        "midpoint rule, x₁(5000) of the escaping orbit, and the Lyapunov estimates in dimension 4–8.",
        '- The paper\'s wording "odd, bounded, continuous" is neither sufficient (x exp(−x²)) nor necessary '
        "(an asymmetric tanh keeps closed orbits): what matters is t s(t) > 0 and a divergent integral of s.",
        "",
        f"Generated in {seconds:.0f} s by `verified-dyn reproduce casoni2025`.",
        "",
    ]
    return "\n".join(L)


def _euler_markdown(out: Path, e: dict) -> list[str]:
    tr = e["trajectory_info"]
    lines = [
        "## 4. Forward Euler: linear against tanh",
        "",
        "x_{k+1} = x_k + h W s(x_k), h = 1/10, W = J. For tanh, G(x_{k+1}) − G(x_k) = Σ log(cosh(h fᵢ) + "
        "tanh(xᵢ) sinh(h fᵢ)), f = W tanh(x_k): a sum of Bregman divergences of log cosh, hence between 0 "
        "and (h²/2)|W tanh x_k|² (MATH §5.8).",
        "",
        "| statement | verdict | certificate |",
        "|---|---|---|",
    ]
    for key in ("bound", "growth", "trajectory"):
        r = e[key]
        text = (r.statement or r.reason or "").replace("|", "‖")
        lines.append(f"| {text} | **{r.verdict}** | [cert]({_rel(r.path, out)}) |")
    Gf = e["G_float"]
    over = e["linear_overflow_t"]
    lines += [
        "",
        f"*Float* forward Euler from (1, 0): G = {Gf[100]:.12f} at t = 100 (the kernel-checked "
        f"enclosure of the exact iterate is [{tr['G_final_text'][0]}, {tr['G_final_text'][1]}]), "
        f"{Gf[2000]:.3f} at t = 2000 (REFERENCE_CASES 18.67) and {Gf[10000]:.3f} at t = 10⁴ "
        f"(REFERENCE_CASES 43.37); the certified bound allows G ≤ 0.434 + t/10. For the linear network "
        f"|x_k|² = 1.01^k exactly, which overflows in floats at t ≈ {_fmt(over, 5)}.",
        "",
        _fig(e["figures"][0], out, "Euler linear vs tanh"),
        "",
        f"Other integrators, float, h = 0.1, t = 10⁴: G − G(x0) ends at {e['drift_final']['rk4']:.3e} for RK4 "
        f"(REFERENCE_CASES about −1.6e-4, a steady loss), the implicit midpoint rule oscillates without "
        f"trend (|G − G(x0)| <= {e['drift_max']['midpoint']:.1e}), "
        f"and the average-vector-field method stays within {e['drift_max']['avf']:.1e} (round-off).",
        "",
        _fig(e["figures"][1], out, "drift of G"),
        "",
    ]
    return lines


def _rectified_markdown(out: Path, r: dict) -> list[str]:
    lines = [
        "## 5. A non-odd activation: s(x) = max(0, tanh x)",
        "",
        "G is still conserved (the theorem needs only a continuous s), but t s(t) > 0 fails: s vanishes on "
        "(−∞, 0]. From (1, 0) the solution is x(t) = (1, −tanh(1) t) for t ≥ 0 (checked by sympy: "
        f"{'yes' if r['exact_solution_checked'] else 'NO'}; not kernel-checked): the orbit is broken and "
        "runs off to infinity.",
        "",
    ]
    lines += _claims_table([("skew_rectified_tanh_2d", r["invariants"]), ("skew_asym_tanh_2d", r["asym"])], out)
    lines += [
        "",
        "The second column is s(x) = tanh x + tanh² x / 2, not odd: sympy finds t s(t) > 0 and a "
        "divergent integral, so its orbits stay closed (MATH §5.5); the kernel's table does not list this "
        "activation, hence INCONCLUSIVE.",
        "",
        _fig(r["figures"][0], out, "rectified tanh"),
        "",
    ]
    return lines


def _high_markdown(out: Path, h: dict) -> list[str]:
    lines = [
        "## 6. Higher dimensions: bounded, yet not periodic",
        "",
        "Random skew W = round(64 (A − Aᵀ))/64, A ~ N(0, 1), tanh, x0 ~ N(0, I) (model files in `models/`). "
        "Boundedness is kernel-checked; the largest Lyapunov exponent is a *numerical estimate* (Benettin, "
        "RK4, h = 0.02, t = 4000). REFERENCE_CASES: exponents 0.03 to 0.14 are common for n = 4..8.",
        "",
        "| model | n | skew | conserved G | bounded | LLE estimate |",
        "|---|---|---|---|---|---|",
    ]
    for r in h["rows"]:
        v = r["verdicts"]
        lines.append(
            f"| `{r['model']}` | {r['n']} | {v['skew']} | {v['conserved']} | {v['bounded']} | {r['lle_estimate']:.3f} |"
        )
    lines += [
        "",
        f"For comparison the planar network (every orbit periodic, PROVED) gives an estimate of "
        f"{h['planar_lle_estimate']:.4f}, which tends to 0 as t grows.",
        "",
        _fig(h["figures"][0], out, "Lyapunov estimates"),
        "",
        "## 7. The identity behind the invariant",
        "",
        "For skew W and any z, zᵀWz is a number, so it equals its transpose zᵀWᵀz = −zᵀWz: zᵀWz = 0 for "
        "every n. With z = s(x): dG/dt = s(x)ᵀ W s(x) = 0. The kernel checks Wᵀ = −W exactly and cites "
        "this theorem; sympy also expands zᵀWz ≡ 0 for a fully symbolic skew W: "
        + ", ".join(f"n = {n}: {'yes' if ok else 'NO'}" for n, ok in h["skew_identity"].items())
        + ".",
        "",
    ]
    return lines


def write_report(out: Path, planar: dict, eul: dict, rect: dict, high: dict, seconds: float) -> dict:
    """Write report.md and report.html into ``out``; their paths."""
    md = report_markdown(out, planar, eul, rect, high, seconds)
    (out / "report.md").write_text(md, encoding="utf-8")
    (out / "report.html").write_text(to_html(md, out, TITLE), encoding="utf-8")
    return {"report_md": str(out / "report.md"), "report_html": str(out / "report.html")}
