"""Three-valued verdicts of claims about models, their Kleene composition, and the checking context
(the loaded model, its certificate folder, pipeline results cached per model hash)."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .files import write_model

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
