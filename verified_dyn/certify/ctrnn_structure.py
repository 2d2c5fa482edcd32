"""Certificates of the structural claims about dx/dt = W s(x) + b (MATH §5.1-§5.5, §5.7).

Each ``certify_*`` returns an :class:`Attempt`: the certificates to try (strongest first) with exact
witnesses, or the reason none can be written, and facts for the report.

- skew-symmetry: W^T = -W exactly; otherwise S = (W + W^T)/2 with a nonzero entry, and (for t s(t) > 0)
  the statement that G is not conserved since dG/dt = s^T S s + s^T b is nonzero somewhere.
- conserved quantity: W skew and b = -W c (form W*s(x)) or W b = 0 (form s(W*x)); witness c (exact).
- volume: W_ii = 0 for every i (then f_i does not depend on x_i and div f = 0).
- Casimirs: an exact basis of {u : u^T W = 0, u^T b = 0} and its dimension n - rank [W | b].
- equilibria (b = 0): W^-1 (then the origin is the only one), or u != 0 with W u = 0 (a continuum).
- bounded orbits: W skew, b = 0, G coercive (and W^-1 for form s(W*x)).
Reference: proofs/README.md §6.4.
"""

from __future__ import annotations

from fractions import Fraction

from ..models.ctrnn import CTRNNModel
from ..rationals import fmt
from .ctrnn_common import Attempt, ctrnn_certificate, inverse, mat, nullspace, solve_exact, vec
from .ctrnn_symbolic import activation_facts, dH_dt, g_formula


def symmetric_part(model: CTRNNModel) -> list[list[Fraction]]:
    n = model.dim
    return [[(model.W[i][j] + model.W[j][i]) / 2 for j in range(n)] for i in range(n)]


def is_skew(model: CTRNNModel) -> bool:
    return not any(x for row in symmetric_part(model) for x in row)


def certify_skew(model: CTRNNModel) -> Attempt:
    """W^T = -W, or the exact symmetric part S != 0 (with G not conserved when t s(t) > 0)."""
    if is_skew(model):
        return Attempt([ctrnn_certificate(model, "ctrnn-skew-symmetric", {}, {}, "W^T = -W")])
    S = symmetric_part(model)
    i, j = next((i, j) for i, row in enumerate(S) for j, x in enumerate(row) if x)
    info = {"symmetric_part": mat(S), "dG_dt": "dG/dt = s(x)^T S s(x)" + (" + s(x)^T b" if any(model.b) else "")}
    certs = []
    for strong in (True, False):
        if strong and (model.form != "W*s(x)" or activation_facts(model).sign is not True):
            continue
        certs.append(
            ctrnn_certificate(
                model,
                "ctrnn-symmetric-part",
                {"S": mat(S), "G_not_conserved": strong},
                {"entry": [i, j]},
                f"W is not skew-symmetric: S = (W + W^T)/2 has S[{i}][{j}] = {fmt(S[i][j])}"
                + ("; G = sum g(x_i) is not conserved" if strong else ""),
            )
        )
    return Attempt(certs, info=info)


def certify_conserved(model: CTRNNModel) -> Attempt:
    """H = sum g(x_i) - c^T x (or sum g((Wx)_i)) is constant on orbits, for skew W."""
    info = {"formula": g_formula(model), "g": activation_facts(model).g}
    if not is_skew(model):
        return Attempt(
            reason="W is not skew-symmetric, so dG/dt = s(x)^T S s(x) is not identically 0 (S the symmetric part)",
            info=info,
        )
    n = model.dim
    if model.form == "W*s(x)":
        c = solve_exact([list(r) for r in model.W], [-x for x in model.b])
        if c is None:
            return Attempt(
                reason="b is not of the form -W c, so no invariant G(x) - c^T x exists (dH/dt would contain s^T b)",
                info=info,
            )
    else:
        if any(sum(model.W[i][k] * model.b[k] for k in range(n)) for i in range(n)):
            return Attempt(reason="form s(W*x) with W b != 0: sum g((Wx)_i) changes at rate s(y)^T W b", info=info)
        c = [Fraction(0)] * n
    if any(c):
        info["formula"] = (info["formula"] or "sum_i g(x_i)") + " - c^T x, c = (" + ", ".join(fmt(x) for x in c) + ")"
        info["c"] = vec(c)
    expr = dH_dt(model, c)
    info["symbolic_check"] = None if expr is None else f"dH/dt expanded with s an arbitrary function: {expr} (sympy)"
    what = info["formula"] or ("sum_i g((Wx)_i)" if model.form == "s(W*x)" else "sum_i g(x_i)")
    statement = f"{'H' if any(c) else 'G'}(x) = {what} is constant along every solution (g' = s, g(0) = 0)"
    return Attempt([ctrnn_certificate(model, "ctrnn-conserved-quantity", {"c": vec(c)}, {}, statement)], info=info)


def certify_volume(model: CTRNNModel) -> Attempt:
    """The flow preserves volume: W_ii = 0 for every i."""
    bad = [i for i in range(model.dim) if model.W[i][i]]
    if bad:
        arg = "(W x)_i" if model.form == "s(W*x)" else "x_i"
        i = bad[0]
        return Attempt(
            reason=f"W has nonzero diagonal entries (W[{i}][{i}] = {fmt(model.W[i][i])}): "
            f"div f = sum_i W_ii s'({arg}) is not identically 0"
        )
    return Attempt(
        [ctrnn_certificate(model, "ctrnn-volume-preserving", {}, {}, "div f = 0: the flow preserves volume")]
    )


def certify_casimirs(model: CTRNNModel) -> Attempt:
    """Every u with u^T W = 0 and u^T b = 0 gives a conserved u^T x; an exact basis of them."""
    if model.form != "W*s(x)":
        return Attempt(reason="Casimirs u^T x are certified for the form W*s(x) only")
    n = model.dim
    rows = [[model.W[i][j] for i in range(n)] for j in range(n)] + [list(model.b)]
    basis = nullspace(rows, n)
    statement = (
        f"u^T x is conserved for every u in a {len(basis)}-dimensional space (u^T W = 0, u^T b = 0)"
        if basis
        else "no linear conserved quantity u^T x: u^T W = 0 and u^T b = 0 only for u = 0"
    )
    return Attempt(
        [ctrnn_certificate(model, "ctrnn-casimirs", {"count": len(basis)}, {"basis": mat(basis)}, statement)],
        info={"basis": mat(basis), "count": len(basis)},
    )


def certify_equilibria(model: CTRNNModel) -> Attempt:
    """b = 0: the origin is the only equilibrium (W invertible) or there is a continuum (W u = 0)."""
    facts = activation_facts(model)
    n = model.dim
    if any(model.b):
        inv = inverse([list(r) for r in model.W])
        if inv is None or model.form != "W*s(x)":
            return Attempt(reason="with a bias b != 0 the equilibria solve W s(x) = -b; not certified")
        v = [-sum(inv[i][k] * model.b[k] for k in range(n)) for i in range(n)]
        return Attempt(
            reason=f"equilibria satisfy s(x*) = -W^-1 b = ({', '.join(fmt(x) for x in v)}) "
            f"(exact); one exists iff each value is attained by s; not kernel-checked",
            info={"s_values": vec(v)},
        )
    if facts.sign is False:
        return Attempt(
            reason=f"s vanishes at {facts.zeros} (sympy), so every x with s(x) in ker W is an "
            "equilibrium; not kernel-checked",
            info={"zeros": facts.zeros},
        )
    inv = inverse([list(r) for r in model.W])
    if inv is not None:
        return Attempt(
            [
                ctrnn_certificate(
                    model,
                    "ctrnn-equilibria",
                    {"set": "origin-only"},
                    {"W_inverse": mat(inv)},
                    "the origin is the only equilibrium (W is invertible and s(t) = 0 only at t = 0)",
                )
            ],
            info={"set": "origin-only"},
        )
    u = nullspace([list(r) for r in model.W], n)[0]
    return Attempt(
        [
            ctrnn_certificate(
                model,
                "ctrnn-equilibria",
                {"set": "continuum"},
                {"kernel_vector": vec(u)},
                "infinitely many equilibria, accumulating at the origin",
            )
        ],
        info={"set": "continuum", "kernel_vector": vec(u)},
    )


def certify_bounded(model: CTRNNModel) -> Attempt:
    """Every orbit is bounded: G (or G(Wx)) is conserved and coercive."""
    facts = activation_facts(model)
    if not is_skew(model) or any(model.b):
        return Attempt(reason="bounded orbits are certified for skew W and b = 0 only")
    witness = {}
    if model.form == "s(W*x)":
        inv = inverse([list(r) for r in model.W])
        if inv is None:
            return Attempt(reason="form s(W*x) with singular W: W x is bounded, x need not be")
        witness["W_inverse"] = mat(inv)
    if facts.coercive is False:
        return Attempt(reason=_not_coercive(facts))
    cert = ctrnn_certificate(
        model,
        "ctrnn-bounded-orbits",
        {},
        witness,
        "every orbit is bounded: it stays on its level set {G = G(x0)}, which is compact since G is coercive",
    )
    return Attempt([cert], reason=None if facts.coercive else _not_coercive(facts))


def _not_coercive(facts) -> str:
    if facts.sign is False:
        return (
            f"t s(t) > 0 fails (s vanishes at {facts.zeros}, sympy): G is not coercive and the level "
            "sets of G need not be bounded"
        )
    if facts.integral_plus not in (None, "oo"):
        return (
            f"the integral of s over (0, oo) is {facts.integral_plus} (sympy): g is bounded, so level "
            "sets of G above it are unbounded"
        )
    return "sympy could not decide whether g is coercive"
