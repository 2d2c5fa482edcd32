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

import itertools
import json
import re
import tempfile
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import Any

PROVED, DISPROVED, INCONCLUSIVE = "PROVED", "DISPROVED", "INCONCLUSIVE"
REGION_LIMIT = 2**16

#: every top-level check of this process, in order (the pytest plugin's summary reads it)
RECORD: list[Verdict] = []
_ROOT: list[Path] = []
_CACHE: dict = {}


def set_certificate_root(path) -> None:
    """Where checks write certificates when no ``out`` is given: a folder, a function returning one
    (called at the first check), or None (a fresh temporary folder)."""
    _ROOT.clear()
    if path is not None:
        _ROOT.append(path if callable(path) else Path(path))


def certificate_root() -> Path:
    """The folder of the certificates of checks without ``out`` (created on first use)."""
    if not _ROOT:
        _ROOT.append(Path(tempfile.mkdtemp(prefix="verified-dyn-claims-")))
    if callable(_ROOT[0]):
        _ROOT[0] = Path(_ROOT[0]())
    return _ROOT[0]


# ---- verdicts ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Verdict:
    """What a check of ``claim`` on ``model`` established.

    ``reasons`` explain the verdict (for INCONCLUSIVE: why nothing was proved either way);
    ``evidence`` describes what backs a PROVED or DISPROVED verdict (orbits, points, exact determinants),
    each with its certificate; ``certificates`` are the kernel-valid files; ``recheck`` the commands
    that re-verify them with the kernel alone. ``bool(verdict)`` is True only for PROVED.
    """

    verdict: str
    claim: str
    model: str = ""
    reasons: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    certificates: tuple[str, ...] = ()
    recheck: tuple[str, ...] = ()
    folder: str | None = None

    @property
    def proved(self) -> bool:
        return self.verdict == PROVED

    @property
    def disproved(self) -> bool:
        return self.verdict == DISPROVED

    @property
    def inconclusive(self) -> bool:
        return self.verdict == INCONCLUSIVE

    def __bool__(self) -> bool:
        return self.proved

    def explain(self, expected: str | None = None) -> str:
        """A multi-line account: the verdict, every reason, the evidence and how to re-check it."""
        head = f"{self.verdict}" + (f" (expected {expected})" if expected and expected != self.verdict else "")
        lines = [f"claim:    {self.claim}", f"model:    {self.model}", f"verdict:  {head}"]
        if self.reasons:
            lines.append("reasons:")
            lines += [f"  - {r}" for r in self.reasons]
        if self.evidence:
            lines.append("counterexample (the negation is proved):" if self.disproved else "evidence:")
            lines += [f"  - {e}" for e in self.evidence]
        if self.recheck:
            lines.append("re-check with the kernel alone:")
            lines += [f"  {c}" for c in self.recheck]
        if self.folder:
            lines.append(f"certificates in: {self.folder}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.explain()


def _negate(v: Verdict, text: str) -> Verdict:
    flip = {PROVED: DISPROVED, DISPROVED: PROVED, INCONCLUSIVE: INCONCLUSIVE}
    return replace(v, verdict=flip[v.verdict], claim=text)


# ---- claims -----------------------------------------------------------------------------------------
class Claim:
    """A statement about a model; ``check(model)`` decides it. Compose with ``&``, ``|``, ``~``."""

    text = "claim"

    def check(self, model: Any, *, out: str | Path | None = None, trial: int | None = None) -> Verdict:
        """Decide the claim on ``model`` (an object, built-in name, path or dict, as ``load_model``)."""
        from ..api import load_model

        m = load_model(model, trial)
        ctx = _Context(m, Path(out) if out is not None else None)
        v = replace(self._decide(ctx), model=ctx.label, folder=str(ctx.folder))
        RECORD.append(v)
        return v

    def _decide(self, ctx: _Context) -> Verdict:  # pragma: no cover - abstract
        raise NotImplementedError

    def __and__(self, other: Claim) -> Claim:
        return _And(self, other)

    def __or__(self, other: Claim) -> Claim:
        return _Or(self, other)

    def __invert__(self) -> Claim:
        return _Not(self)

    def __repr__(self) -> str:
        return f"Claim({self.text!r})"

    def __str__(self) -> str:
        return self.text


class _Not(Claim):
    def __init__(self, inner: Claim):
        self.inner = inner
        self.text = f"not ({inner.text})"

    def _decide(self, ctx):
        return _negate(self.inner._decide(ctx), self.text)


class _Junction(Claim):
    """Kleene junction of two claims: the first part whose verdict is ``DECISIVE`` decides it; else the
    whole is ``DECISIVE`` only if every part is, PROVED / DISPROVED as the parts say, INCONCLUSIVE."""

    WORD = ""
    DECISIVE = ""

    def __init__(self, left: Claim, right: Claim):
        self.parts = (left, right)
        self.text = f"({left.text}) {self.WORD} ({right.text})"

    def _decide(self, ctx):
        seen = []
        for part in self.parts:
            v = part._decide(ctx)
            if v.verdict == self.DECISIVE:  # short-circuit
                return replace(v, claim=self.text, reasons=(f"{part.text}: {self.DECISIVE}",) + v.reasons)
            seen.append((part, v))
        other = PROVED if self.DECISIVE == DISPROVED else DISPROVED
        return _combine(self.text, seen, other if all(v.verdict == other for _, v in seen) else INCONCLUSIVE)


class _And(_Junction):
    """Kleene conjunction: DISPROVED if a part is (the first one found), PROVED if both are."""

    WORD, DECISIVE = "and", DISPROVED


class _Or(_Junction):
    """Kleene disjunction: PROVED if a part is (the first one found), DISPROVED if both are."""

    WORD, DECISIVE = "or", PROVED


def _combine(text, seen, verdict) -> Verdict:
    reasons, evidence, certs, recheck = [], [], [], []
    for part, v in seen:
        reasons += [f"{part.text}: {v.verdict}"] + [f"  {r}" for r in v.reasons]
        evidence += v.evidence
        certs += v.certificates
        recheck += v.recheck
    return Verdict(
        verdict,
        text,
        reasons=tuple(reasons),
        evidence=tuple(evidence),
        certificates=tuple(certs),
        recheck=tuple(recheck),
    )


# ---- context: the loaded model, its certificate folder, cached pipeline calls ---------------------------
class _Context:
    def __init__(self, model, out: Path | None):
        self.model = model
        name = model.name or ""
        if model.meta.get("trial") is not None and "trial" not in name:
            name = f"{name}-trial{model.meta['trial']}"
        self.label = f"{name or 'model'} ({model.kind}, {model.hash[:19]}...)"
        slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") or "model"
        self.folder = (out if out is not None else certificate_root()) / f"{slug}-{model.hash[7:19]}"
        self._model_file: str | None = None

    @property
    def is_pl(self) -> bool:
        return self.model.kind != "ctrnn"

    def sub(self, name: str) -> Path:
        return self.folder / name

    def model_ref(self) -> str:
        """A model argument for `verified-dyn verify`: the model's JSON file, written once."""
        if self._model_file is None:
            path = self.folder / "model.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            write_model(self.model, path)
            self._model_file = str(path)
        return self._model_file

    def recheck(self, paths) -> tuple[str, ...]:
        return tuple(f"verified-dyn verify {p} {self.model_ref()}" for p in paths if p)

    def cached(self, key: tuple, compute):
        full = (self.model.hash, str(self.folder)) + key
        if full not in _CACHE:
            _CACHE[full] = compute()
        return _CACHE[full]

    # -- pipeline calls
    def cycles(self, *, period=None, max_period=None, complete=False, budget=None):
        from .. import api

        tag = f"cycles-{'p' + str(period) if period else 'upto' + str(max_period)}{'-complete' if complete else ''}"
        return self.cached(
            ("cycles", period, max_period, complete, budget),
            lambda: api.cycles(
                self.model, period=period, max_period=max_period, complete=complete, budget=budget, out=self.sub(tag)
            ),
        )

    def chaos(self):
        from .. import api

        return self.cached(("chaos",), lambda: api.chaos(self.model, out=self.sub("chaos")))

    def contraction(self) -> tuple[bool, str | None, str]:
        """(proved, certificate path, summary or reason) of a certified global contraction."""
        key = (self.model.hash, str(self.folder), "chaos")
        if key in _CACHE:  # the chaos run tried it first
            first = _CACHE[key].attempts[0]
            return first["verdict"] == PROVED, first.get("certificate"), first.get("summary") or first.get("reason")
        return self.cached(("contraction",), self._contraction)

    def _contraction(self):
        from .. import gate
        from ..certify.contraction import contraction_certificate

        cert, summary = contraction_certificate(self.model)
        if cert is None:
            return False, None, summary
        checked = gate.admit(cert, self.sub("contraction") / "non-chaos-contraction.json", self.model.hash)
        if not checked.valid:
            return False, None, f"the kernel rejected the contraction certificate: {checked.verdict.reason}"
        return True, str(checked.path), summary

    def invariants(self):
        from .. import api

        return self.cached(("invariants",), lambda: api.invariants(self.model, out=self.sub("invariants")))


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
        ok, path, summary = ctx.contraction()
        if ok:
            return _verdict(
                ctx,
                text,
                DISPROVED,
                [f"a certified global contraction: {summary}"],
                extra_evidence=[f"global contraction certificate {path}"],
                extra_certs=[path],
            )
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
        ok, path, summary = ctx.contraction()
        if ok:
            return _verdict(
                ctx,
                text,
                PROVED,
                [f"a certified global contraction: {summary}"],
                extra_evidence=[f"global contraction certificate {path}"],
                extra_certs=[path],
            )
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
def region_determinants(model, limit: int = REGION_LIMIT):
    """Yield (pattern over the active units, exact det(A + W1 D W2)) for every pattern D (python-flint).

    Raises ValueError above ``limit`` patterns."""
    import flint

    units = model.active_units
    if 2 ** len(units) > limit:
        raise ValueError(f"{2 ** len(units)} region patterns ({len(units)} active units) exceed the limit {limit}")
    A, W1, W2 = model.q["A"], model.q["W1"], model.q["W2"]
    M = model.dim
    # rank-one terms W1[:, h] W2[h, :] per active unit, added per pattern (Gray-code order would be faster)
    terms = {}
    for h in units:
        T = flint.fmpq_mat(M, M)
        for i in range(M):
            for j in range(M):
                T[i, j] = W1[i, h] * W2[h, j]
        terms[h] = T
    for bits in itertools.product((0, 1), repeat=len(units)):
        Md = flint.fmpq_mat(A)
        for b, h in zip(bits, units):
            if b:
                Md = Md + terms[h]
        d = Md.det()
        yield bits, Fraction(int(d.p), int(d.q))


def region_point(model, bits) -> list[Fraction] | None:
    """An exact rational point strictly inside the region of ``bits`` (over the active units), or None
    when a float LP finds none (None proves nothing)."""
    import numpy as np
    from scipy.optimize import linprog  # type: ignore[import-untyped]

    units = model.active_units
    M = model.dim
    W2, h2 = model.W2_float, model.h2_float
    sign = np.array([1.0 if b else -1.0 for b in bits])
    # maximize t: sign_i (W2_i z + h2_i) >= t, t <= 1, |z| <= 1e6
    rows = [np.append(-sign[k] * W2[h], 1.0) for k, h in enumerate(units)]
    rhs = [sign[k] * h2[h] for k, h in enumerate(units)]
    if not rows:
        return [Fraction(0)] * M
    res = linprog(
        np.append(np.zeros(M), -1.0),
        A_ub=np.array(rows),
        b_ub=np.array(rhs),
        bounds=[(-1e6, 1e6)] * M + [(None, 1.0)],
        method="highs",
    )
    if res.status != 0 or res.x[-1] <= 1e-12:
        return None
    z = [Fraction(float(x)).limit_denominator(10**12) for x in res.x[:M]]
    u = model.preactivation(z)
    if all((u[h] > 0) if b else (u[h] < 0) for b, h in zip(bits, units)):
        return z
    z = [Fraction(float(x)) for x in res.x[:M]]
    u = model.preactivation(z)
    return z if all((u[h] > 0) if b else (u[h] < 0) for b, h in zip(bits, units)) else None


def _pattern(model, bits) -> str:
    return "".join(str(b) for b in bits) + f" (active units {list(model.active_units)})" if bits else "(no active unit)"


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


# ---- models as files ---------------------------------------------------------------------------------
def model_document(model) -> dict:
    """A model file's JSON (the kind and exact rational strings) with the same hash as ``model``."""
    if model.kind == "ctrnn":
        doc = {"kind": "ctrnn", **model.model_json()}
    else:
        doc = {"kind": "shplrnn", **model.normal_form_json()}  # the normal form is a shallow PLRNN
    if model.name:
        doc["name"] = model.name
    return doc


def write_model(model, path: str | Path) -> Path:
    """Write ``model`` to a JSON model file that `verified-dyn` and ``load_model`` read back exactly."""
    path = Path(path)
    path.write_text(json.dumps(model_document(model), indent=1) + "\n", encoding="utf-8")
    return path


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
