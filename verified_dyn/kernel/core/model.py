"""The models a certificate is about, their model hash, and the one `model-hash` obligation.

A piecewise-affine normal form F(z) = A z + W1 relu(W2 z + h2) + h1 has A (M x M), W1 (M x H),
W2 (H x M), h1 (M), h2 (H), M >= 1, H >= 0 (a matrix with no columns is M empty rows). A ctrnn is
dx/dt = W s(x) + b (form "W*s(x)") or dx/dt = s(W x) + b (form "s(W*x)"), W n x n, n >= 1.
The model hash is "sha256:" + sha256(json.dumps(data, sort_keys=True, separators=(",", ":"))
.encode("ascii")).hexdigest(), data = {"A", "W1", "W2", "h1", "h2"} resp. {"W", "b", "activation",
"form"} with canonical rational strings. Reference: proofs/README.md §1, §6.1; MATH.md §1.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, fields
from fractions import Fraction
from typing import Any

from .rat import (Malformed, Matrix, Vec, canonical, get, parse_dict, parse_mat, parse_vec, short,
                  string)
from .verdict import Fail

FORMS = ("W*s(x)", "s(W*x)")
_HASH = re.compile(r"sha256:[0-9a-f]{64}")


@dataclass(frozen=True)
class NormalForm:
    """Exact data of F(z) = A z + W1 relu(W2 z + h2) + h1, with M state and H hidden units."""

    A: Matrix
    W1: Matrix
    W2: Matrix
    h1: Vec
    h2: Vec

    @property
    def M(self) -> int:
        return len(self.h1)

    @property
    def H(self) -> int:
        return len(self.h2)


@dataclass(frozen=True)
class CTRNN:
    """Exact data of a ctrnn model section."""

    W: Matrix
    b: Vec
    activation: str
    form: str

    @property
    def n(self) -> int:
        return len(self.b)


def canonical_data(x: object) -> object:
    if isinstance(x, Fraction) or (isinstance(x, int) and not isinstance(x, bool)):
        return canonical(Fraction(x))
    return [canonical_data(y) for y in x] if isinstance(x, list) else x


def hash_of(model: NormalForm | CTRNN) -> str:
    """The model hash of README §1 / §6.1 for exact data: sha256 of the canonical compact JSON."""
    data = {f.name: canonical_data(getattr(model, f.name)) for f in fields(model)}
    text = json.dumps(data, sort_keys=True, separators=(",", ":")).encode("ascii")
    return "sha256:" + hashlib.sha256(text).hexdigest()


def parse_normal_form(obj: object, where: str = "model.normal_form") -> NormalForm:
    """The normal form of a certificate; Malformed unless every shape matches and M >= 1 (README §1).
    M is read from h1 and H from h2; every entry must be a rational string."""
    nf = parse_dict(obj, where)
    h1 = parse_vec(get(nf, "h1", where), None, f"{where}.h1")
    h2 = parse_vec(get(nf, "h2", where), None, f"{where}.h2")
    m, h = len(h1), len(h2)
    if m < 1:
        raise Malformed(f"{where}.h1: M must be >= 1, got 0 entries")
    a = parse_mat(get(nf, "A", where), m, m, f"{where}.A")
    w1 = parse_mat(get(nf, "W1", where), m, h, f"{where}.W1")
    w2 = parse_mat(get(nf, "W2", where), h, m, f"{where}.W2")
    return NormalForm(a, w1, w2, h1, h2)


def parse_ctrnn(obj: object, where: str = "model.ctrnn") -> CTRNN:
    """The ctrnn section of a certificate (README §6.1); Malformed on any grammar error."""
    sec = parse_dict(obj, where)
    b = parse_vec(get(sec, "b", where), None, f"{where}.b")
    if not b:
        raise Malformed(f"{where}.b: n must be >= 1, got 0 entries")
    W = parse_mat(get(sec, "W", where), len(b), len(b), f"{where}.W")
    form = string(sec, "form", where)
    if form not in FORMS:
        raise Malformed(f"{where}.form: {short(form)} is not one of {', '.join(FORMS)}")
    return CTRNN(W, b, string(sec, "activation", where), form)


def parse_model(doc: dict[str, Any], family: str) -> tuple[NormalForm | CTRNN, str]:
    """The model section (family "pwa" or "ctrnn") and its claimed hash; Malformed on a grammar error."""
    model = parse_dict(get(doc, "model", "certificate"), "model")
    kind = string(model, "kind", "model")
    if family == "ctrnn" and kind != "ctrnn":
        raise Malformed(f"model.kind: a ctrnn claim needs kind 'ctrnn', got {short(kind)}")
    string(model, "name", "model")
    digest = string(model, "hash", "model")
    if _HASH.fullmatch(digest) is None:
        raise Malformed(f"model.hash: expected 'sha256:' and 64 lowercase hex digits, got {short(digest)}")
    if family == "ctrnn":
        return parse_ctrnn(get(model, "ctrnn", "model")), digest
    return parse_normal_form(get(model, "normal_form", "model")), digest


def check_model_hash(model: NormalForm | CTRNN, claimed: str, expected: str | None) -> str:
    """The obligation `model-hash`: the hash recomputed from the model's exact data equals model.hash
    and the expected hash if given. Fails with both hashes named."""
    digest = hash_of(model)
    if digest != claimed:
        raise Fail(f"recomputed {digest} != model.hash {claimed}")
    if expected is not None and digest != expected:
        raise Fail(f"recomputed {digest} != expected hash {expected}")
    return digest


def need_skew(m: CTRNN) -> str:
    """W^T = -W exactly; Fails naming the first entry pair that breaks it."""
    for i in range(m.n):
        for j in range(i, m.n):
            if m.W[i][j] + m.W[j][i] != 0:
                raise Fail(f"W[{i}][{j}] + W[{j}][{i}] = {m.W[i][j] + m.W[j][i]} != 0")
    return f"W^T = -W exactly (n = {m.n})"


def need_zero_bias(m: CTRNN, form: str | None = "W*s(x)") -> str:
    """b = 0 exactly, and the model has the given form (if not None)."""
    bad = next((i for i, x in enumerate(m.b) if x != 0), None)
    if bad is not None:
        raise Fail(f"b[{bad}] = {m.b[bad]} != 0")
    if form is not None and m.form != form:
        raise Fail(f"form {m.form!r}, the claim needs {form!r}")
    return f"b = 0, form {m.form}"
