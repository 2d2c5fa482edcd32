"""Claims about a model as values, each decided by the pipelines and the kernel (needs no hypothesis).

A :class:`Claim` is checked against a model and gives a :class:`Verdict`: ``PROVED`` (a kernel-valid
certificate, or for invertibility an exact computation, backs the claim), ``DISPROVED`` (the same for its
negation: never a failed search) or ``INCONCLUSIVE`` (with every reason). Claims compose with ``&``,
``|`` and ``~`` in three-valued (Kleene) logic, so an INCONCLUSIVE part can never make a composite pass.

    >>> from verified_dyn.testing import claims as C
    >>> v = (C.chaotic() | C.has_attracting_cycle(1)).check("lozi")
    >>> v.verdict, v.reasons, v.certificates

Certificates go to ``out`` (a folder) or, by default, to a fresh folder under the system's temporary
directory (:func:`set_certificate_root` changes it; the pytest plugin points it at the session's
temporary directory). Pipeline results are cached per model hash within the process.
"""

from __future__ import annotations

from .files import model_document, write_model
from .logic import (
    DISPROVED,
    INCONCLUSIVE,
    PROVED,
    RECORD,
    REGION_LIMIT,
    Claim,
    Verdict,
    certificate_root,
    set_certificate_root,
)
from .regions import _pattern, region_determinants, region_point


# ---- helpers for orbit claims -----------------------------------------------------------------------
def _fmt_point(points) -> str:
    return "(" + ", ".join(f"{float(x):.6g}" for x in points) + ")"


def _orbit_text(o) -> str:
    what = "border orbit (no type claimed)" if o.border else f"{o.type} orbit"
    return f"period-{o.period} {what} through {_fmt_point(o.points[0])}, certificate {o.certificate}"


def _census_text(res) -> str:
    paths = [res.report.census_paths.get(k) for k in res.periods]
    return f"census of periods {res.periods[0]}..{res.periods[-1]}: {', '.join(p for p in paths if p)}"


def _census_paths(res) -> list[str]:
    return [p for p in (res.report.census_paths.get(k) for k in res.periods) if p]


def _attracting(res, periods=None) -> list:
    """The distinct attracting orbits (an orbit listed twice, e.g. from two rotations, counts once)."""
    seen, out = set(), []
    for o in res.orbits:
        key = frozenset(o.points)
        if o.type == "attracting" and (periods is None or o.period in periods) and key not in seen:
            seen.add(key)
            out.append(o)
    return out


def _verdict(ctx, text, verdict, reasons=(), orbits=(), extra_evidence=(), extra_certs=()) -> Verdict:
    certs = [o.certificate for o in orbits if o.certificate] + [c for c in extra_certs if c]
    return Verdict(
        verdict,
        text,
        reasons=tuple(reasons),
        evidence=tuple(_orbit_text(o) for o in orbits) + tuple(extra_evidence),
        certificates=tuple(certs),
        recheck=ctx.recheck(certs),
    )


def _needs_pl(ctx, text) -> Verdict | None:
    if ctx.is_pl:
        return None
    return Verdict(
        INCONCLUSIVE, text, reasons=(f"this claim is about piecewise-linear maps, not kind {ctx.model.kind}",)
    )


def _needs_ctrnn(ctx, text) -> Verdict | None:
    if not ctx.is_pl:
        return None
    return Verdict(
        INCONCLUSIVE, text, reasons=(f"this claim is about continuous-time models (ctrnn), not kind {ctx.model.kind}",)
    )


def _unsettled(res, k_range) -> list[str]:
    """Why a complete census still leaves the stability of some orbit open."""
    out = []
    border = [o for o in res.border_orbits if o.period in k_range]
    if border:
        out.append(f"{len(border)} border orbit(s) touch a switching boundary; their stability is not claimed")
    nonhyp = [o for o in res.orbits if o.period in k_range and o.type not in ("attracting", "saddle", "repelling")]
    if nonhyp:
        out.append(f"{len(nonhyp)} non-hyperbolic orbit(s): the linear type does not decide whether they attract")
    return out


def _by_contraction(ctx, text, verdict) -> tuple[Verdict | None, str]:
    """``verdict`` backed by a kernel-valid global-contraction certificate (one globally attracting fixed
    point: bounded orbits, no multistability), or (None, why there is none)."""
    ok, path, summary = ctx.contraction()
    if not ok:
        return None, summary
    reasons = [f"a certified global contraction: {summary}"]
    return _verdict(ctx, text, verdict, reasons, extra_evidence=[f"global contraction certificate {path}"],
                    extra_certs=[path]), summary  # fmt: skip


class _Simple(Claim):
    def __init__(self, text: str, decide):
        self.text = text
        self._fn = decide

    def _decide(self, ctx):
        return self._fn(ctx, self.text)


# ---- the vocabulary -----------------------------------------------------------------------------------
def has_attracting_cycle(period: int, *, budget: float = 120.0) -> Claim:
    """F has an attracting periodic orbit of minimal period ``period`` (PL maps).

    PROVED by a kernel-checked attracting orbit; DISPROVED by the kernel-checked census of that period
    listing no attracting orbit (and no border or non-hyperbolic orbit)."""

    def decide(ctx, text):
        if (bad := _needs_pl(ctx, text)) is not None:
            return bad
        res = ctx.cycles(period=period, complete=True, budget=budget)
        att = _attracting(res)
        if att:
            return _verdict(
                ctx, text, PROVED, [f"{len(att)} attracting orbit(s) of period {period} certified"], att[:3]
            )
        if not res.complete:
            quick = ctx.cycles(period=period)
            att = _attracting(quick)
            if att:
                return _verdict(ctx, text, PROVED, ["attracting orbit certified by the search"], att[:3])
            return _verdict(
                ctx,
                text,
                INCONCLUSIVE,
                [f"no attracting orbit found; the census is not proved complete: {res.completeness}"],
            )
        open_ = _unsettled(res, {period})
        if open_:
            return _verdict(ctx, text, INCONCLUSIVE, open_)
        types = ", ".join(o.type for o in res.orbits) or "none"
        return _verdict(
            ctx,
            text,
            DISPROVED,
            [f"the census proves the orbits of period {period} are exactly: {types}; none attracts"],
            extra_evidence=[_census_text(res)],
            extra_certs=_census_paths(res),
        )

    return _Simple(f"has an attracting cycle of period {period}", decide)


def attractor_count(n: int, max_period: int, *, budget: float = 300.0) -> Claim:
    """Exactly ``n`` attracting periodic orbits of minimal period <= ``max_period`` (PL maps).

    Needs the census (``cycles(..., complete=True)``) to be proved; more than ``n`` kernel-checked
    attracting orbits disprove it even without the census."""

    def decide(ctx, text):
        if (bad := _needs_pl(ctx, text)) is not None:
            return bad
        res = ctx.cycles(max_period=max_period, complete=True, budget=budget)
        att = _attracting(res)
        if len(att) > n:
            return _verdict(ctx, text, DISPROVED, [f"{len(att)} attracting orbits certified (more than {n})"], att)
        if not res.complete:
            return _verdict(
                ctx, text, INCONCLUSIVE, [f"{len(att)} attracting orbit(s) certified, but {res.completeness}"], att
            )
        open_ = _unsettled(res, set(range(1, max_period + 1)))
        if open_:
            return _verdict(ctx, text, INCONCLUSIVE, open_, att)
        verdict = PROVED if len(att) == n else DISPROVED
        reason = f"the census proves exactly {len(att)} attracting orbit(s) of period <= {max_period}"
        return _verdict(ctx, text, verdict, [reason], att, [_census_text(res)], _census_paths(res))

    return _Simple(f"has exactly {n} attracting periodic orbit(s) of period <= {max_period}", decide)


def multistable(max_period: int = 1, *, budget: float = 60.0) -> Claim:
    """At least two attractors: PROVED by two kernel-checked attracting orbits of period <= ``max_period``;
    DISPROVED by a certified global contraction (one globally attracting fixed point)."""

    def decide(ctx, text):
        if (bad := _needs_pl(ctx, text)) is not None:
            return bad
        res = ctx.cycles(max_period=max_period, complete=True, budget=budget)
        att = _attracting(res)
        if len(att) >= 2:
            return _verdict(ctx, text, PROVED, [f"{len(att)} attracting orbits certified"], att)
        contraction, summary = _by_contraction(ctx, text, DISPROVED)
        if contraction is not None:
            return contraction
        return _verdict(
            ctx,
            text,
            INCONCLUSIVE,
            [
                f"{len(att)} attracting orbit(s) of period <= {max_period} certified",
                f"no global contraction: {summary}",
            ],
            att,
        )

    return _Simple(f"is multistable (two attracting orbits of period <= {max_period})", decide)


def chaotic() -> Claim:
    """Chaos PROVED by a kernel-checked chaos theorem; DISPROVED by a certified global contraction."""

    def decide(ctx, text):
        if (bad := _needs_pl(ctx, text)) is not None:
            return bad
        r = ctx.chaos()
        if r.verdict == "PROVED":
            ev = f"theorem {r.theorem}, certificate {r.certificate}"
            if r.entropy_lower_bound:
                ev += f"; topological entropy >= {r.entropy_lower_bound}"
            return _verdict(
                ctx,
                text,
                PROVED,
                [f"chaos theorem {r.theorem} proved"],
                extra_evidence=[ev],
                extra_certs=[r.certificate],
            )
        if r.verdict == "REFUTED":
            return _verdict(
                ctx,
                text,
                DISPROVED,
                [r.reason or "a certified global contraction"],
                extra_evidence=[f"global contraction certificate {r.certificate}"],
                extra_certs=[r.certificate],
            )
        return _verdict(ctx, text, INCONCLUSIVE, [f"{a['theorem']}: {a.get('reason')}" for a in r.attempts])

    return _Simple("is chaotic", decide)


def not_chaotic() -> Claim:
    """The negation of :func:`chaotic`: PROVED by a certified global contraction."""
    c = ~chaotic()
    c.text = "is not chaotic"
    return c


def bounded_orbits() -> Claim:
    """Every orbit is bounded: for ctrnn the `bounded_orbits` claim of ``invariants``; for PL maps a
    certified global contraction (else INCONCLUSIVE: an unbounded PL orbit is not certified here)."""

    def decide(ctx, text):
        if not ctx.is_pl:
            return _invariant(ctx, text, "bounded_orbits")
        contraction, summary = _by_contraction(ctx, text, PROVED)
        if contraction is not None:
            return contraction
        return _verdict(
            ctx,
            text,
            INCONCLUSIVE,
            [f"no certified global contraction ({summary}); unbounded orbits of PL maps are not certified here"],
        )

    return _Simple("every orbit is bounded", decide)


def no_cycles_up_to(max_period: int, *, budget: float = 300.0) -> Claim:
    """No periodic orbit of minimal period <= ``max_period`` (PL maps): PROVED by the census,
    DISPROVED by any kernel-checked orbit (interior or border)."""

    def decide(ctx, text):
        if (bad := _needs_pl(ctx, text)) is not None:
            return bad
        res = ctx.cycles(max_period=max_period, complete=True, budget=budget)
        found = list(res.orbits) + list(res.border_orbits)
        if found:
            return _verdict(ctx, text, DISPROVED, [f"{len(found)} periodic orbit(s) certified"], found[:3])
        if not res.complete:
            return _verdict(ctx, text, INCONCLUSIVE, [f"no orbit found, but {res.completeness}"])
        return _verdict(
            ctx,
            text,
            PROVED,
            [f"the census proves there is no periodic orbit of period <= {max_period}"],
            extra_evidence=[_census_text(res)],
            extra_certs=_census_paths(res),
        )

    return _Simple(f"has no periodic orbit of period <= {max_period}", decide)


def _invariant(ctx, text, name) -> Verdict:
    if (bad := _needs_ctrnn(ctx, text)) is not None:
        return bad
    doc = ctx.invariants()
    c = doc["claims"].get(name)
    if c is None:
        return _verdict(ctx, text, INCONCLUSIVE, [f"the invariants pipeline made no claim {name!r}"])
    verdict = {"PROVED": PROVED, "REFUTED": DISPROVED}.get(c.get("verdict"), INCONCLUSIVE)
    cert = c.get("certificate")
    if verdict != INCONCLUSIVE and not cert:  # a verdict counts only with its kernel-checked certificate
        return _verdict(ctx, text, INCONCLUSIVE, [f"{name}: {c.get('verdict')} without a certificate file"])
    what = c.get("statement") or c.get("reason") or ""
    ev = [f"{what}" + (f" (certificate {cert})" if cert else "")] if verdict != INCONCLUSIVE else []
    reasons = [f"{name}: {c.get('verdict')}: {what}"]
    return _verdict(
        ctx, text, verdict, reasons, extra_evidence=ev, extra_certs=[cert] if verdict != INCONCLUSIVE else []
    )


def conserves_G() -> Claim:
    """A ctrnn conserves G(x) = sum g(x_i), g' = s (the `conserved_quantity` claim of ``invariants``)."""
    return _Simple(
        "conserves G(x) = sum g(x_i) with g' = s", lambda ctx, text: _invariant(ctx, text, "conserved_quantity")
    )


def skew_symmetric() -> Claim:
    """A ctrnn's W is skew-symmetric (the `skew_symmetric` claim of ``invariants``)."""
    return _Simple("has a skew-symmetric W", lambda ctx, text: _invariant(ctx, text, "skew_symmetric"))


# ---- invertibility: exact determinant signs of the regions ----------------------------------------------
def invertible(*, limit: int = REGION_LIMIT) -> Claim:
    """The PL map is invertible, decided by the exact signs of det(A + W1 D W2) over the region patterns D
    of the active units: all nonzero with one sign => a homeomorphism (PROVED); a nonempty region with
    det = 0, or two nonempty regions of opposite signs => not injective (DISPROVED, the message names the
    regions, their exact determinants and an exact interior point of each). Above ``limit`` patterns:
    INCONCLUSIVE."""

    def decide(ctx, text):
        if (bad := _needs_pl(ctx, text)) is not None:
            return bad
        m = ctx.model
        try:
            dets = list(region_determinants(m, limit))
        except ValueError as e:
            return Verdict(INCONCLUSIVE, text, reasons=(f"refused: {e}",))
        signs = {(d > 0) - (d < 0) for _, d in dets}
        if signs in ({1}, {-1}):
            s = "positive" if signs == {1} else "negative"
            return Verdict(
                PROVED,
                text,
                reasons=(
                    f"all {len(dets)} region determinants det(A + W1 D W2) are {s} (exact), so the continuous "
                    "PL map is a homeomorphism",
                ),
                evidence=(f"smallest |det| = {min(abs(d) for _, d in dets)} over {len(dets)} patterns",),
            )

        # look for nonempty witnesses: a singular region, or one region of each sign
        def witness(pred):
            for bits, d in dets:
                if pred(d):
                    z = region_point(m, bits)
                    if z is not None:
                        return bits, d, z
            return None

        def show(w):
            bits, d, z = w
            return (
                f"region {_pattern(m, bits)}: det = {float(d):+.6g} (exact: {d}), "
                f"exact interior point ({', '.join(f'{float(x):.6g}' for x in z)})"
            )

        zero = witness(lambda d: d == 0)
        if zero is not None:
            return Verdict(
                DISPROVED,
                text,
                reasons=(
                    "a nonempty open region has det(A + W1 D W2) = 0: the map collapses it onto a lower-dimensional "
                    "set",
                ),
                evidence=(show(zero),),
            )
        pos, neg = witness(lambda d: d > 0), witness(lambda d: d < 0)
        if pos is not None and neg is not None:
            return Verdict(
                DISPROVED,
                text,
                reasons=(
                    "two nonempty regions have determinants of opposite signs: a continuous PL map with pieces of "
                    "opposite orientation is not injective",
                ),
                evidence=(show(pos), show(neg)),
            )
        return Verdict(
            INCONCLUSIVE,
            text,
            reasons=(
                f"determinant signs {sorted(signs)} over all {len(dets)} patterns, but no exact interior point was "
                "found for the regions that would decide it (they may be empty)",
            ),
        )

    return _Simple("is invertible", decide)


__all__ = [
    "DISPROVED",
    "INCONCLUSIVE",
    "PROVED",
    "RECORD",
    "Claim",
    "Verdict",
    "attractor_count",
    "bounded_orbits",
    "certificate_root",
    "chaotic",
    "conserves_G",
    "has_attracting_cycle",
    "invertible",
    "model_document",
    "multistable",
    "no_cycles_up_to",
    "not_chaotic",
    "region_determinants",
    "region_point",
    "set_certificate_root",
    "skew_symmetric",
    "write_model",
]
