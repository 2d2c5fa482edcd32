"""Hypothesis strategies for models (every PL kind, ctrnn) and certificate mutations.

Import in tests: ``from verified_dyn.testing.strategies import pl_models, plrnns, mutations``. Draws
shrink towards small dimensions and small rationals (numerators towards 0, denominators towards 1).

- :func:`rationals`, :func:`pl_models` (``kind`` any of plrnn, shplrnn, alrnn, clipped-shplrnn, any
  dimension, exact rationals or float weights), :func:`plrnns` (the plrnn kind), :func:`trained_like`
  (diagonal A, sparse W scaled to a spectral radius), :func:`ctrnns`;
- families with a property by construction: :func:`contractive_plrnns` (a certified global contraction
  exists), :func:`invertible_plrnns` (every region determinant is positive), :func:`skew_ctrnns`;
- :func:`mutations` (a certificate with one scalar field changed), and :func:`keep_model`, which writes
  the model of the current example to a JSON file (after a failing run it holds the shrunk example).
"""

from __future__ import annotations

import copy
import functools
from fractions import Fraction
from pathlib import Path

try:
    from hypothesis import note
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as _e:  # pragma: no cover - exercised in a subprocess test
    raise ImportError(
        "verified_dyn.testing.strategies needs hypothesis: install the test extra, pip install 'verified-dyn[test]'"
    ) from _e

from ..models import model_from_dict

PL_KINDS = ("plrnn", "shplrnn", "alrnn", "clipped-shplrnn")


@functools.lru_cache(maxsize=256)
def rationals(max_num: int = 9, max_den: int = 8):
    """Small rationals p/q written as exact strings (shrink towards 0, then small denominators)."""
    return st.builds(lambda p, q: str(Fraction(p, q)), st.integers(-max_num, max_num), st.integers(1, max_den))


@functools.lru_cache(maxsize=256)
def floats(bound: float = 2.0):
    """Finite float64 weights in [-bound, bound] (taken as their exact binary values)."""
    return st.floats(-bound, bound, allow_nan=False, allow_infinity=False, allow_subnormal=False)


@functools.lru_cache(maxsize=1024)  # strategies are built once: hypothesis draws faster from them
def _mat(elem, rows: int, cols: int):
    return st.lists(st.lists(elem, min_size=cols, max_size=cols), min_size=rows, max_size=rows)


@functools.lru_cache(maxsize=1024)
def _vec(elem, n: int):
    return st.lists(elem, min_size=n, max_size=n)


def _dims(dims):
    """A dimension strategy from an int, a (lo, hi) range or a strategy; shrinks to the smallest."""
    if isinstance(dims, int):
        return st.just(dims)
    if isinstance(dims, tuple) and len(dims) == 2 and all(isinstance(d, int) for d in dims):
        return st.integers(dims[0], dims[1])
    if isinstance(dims, (list, tuple)):
        return st.sampled_from(sorted(dims))
    return dims


@st.composite
def pl_models(
    draw,
    kinds=PL_KINDS,
    dims=(1, 3),
    hidden=(1, 3),
    *,
    exact: bool = True,
    max_num: int = 9,
    max_den: int = 8,
    bound: float = 2.0,
    diagonal_A: bool = False,
):
    """A PL model of one of ``kinds``: M from ``dims``, H from ``hidden`` (shallow kinds), weights exact
    rationals p/q (|p| <= max_num, q <= max_den) or floats in [-bound, bound] (``exact=False``)."""
    kind = draw(st.sampled_from(list(kinds)))
    m = draw(_dims(dims))
    e = rationals(max_num, max_den) if exact else floats(bound)
    A = draw(_vec(e, m)) if diagonal_A else draw(_mat(e, m, m))
    if kind in ("plrnn", "alrnn"):
        data = {"kind": kind, "A": A, "W": draw(_mat(e, m, m)), "h": draw(_vec(e, m))}
        if kind == "alrnn":
            data["P"] = draw(st.integers(0, m))
    else:
        h = draw(_dims(hidden))
        data = {
            "kind": kind,
            "A": A,
            "W1": draw(_mat(e, m, h)),
            "W2": draw(_mat(e, h, m)),
            "h1": draw(_vec(e, m)),
            "h2": draw(_vec(e, h)),
        }
    return model_from_dict(data, "<hypothesis>")


def plrnns(dims=(1, 2, 3), max_num: int = 9, max_den: int = 8, *, exact: bool = True):
    """A PLRNN z' = A z + W relu(z) + h with small rational (or float) entries, full A."""
    return pl_models(("plrnn",), dims, exact=exact, max_num=max_num, max_den=max_den)


@st.composite
def trained_like(draw, dims=(2, 6), spectral_radius=(0.5, 1.5), sparsity: float = 0.5, *, exact: bool = True):
    """A "trained-like" PLRNN: diagonal A in (0, 1), sparse W (each entry zero with probability about
    ``sparsity``) scaled to a spectral radius drawn from ``spectral_radius``, h small; exact weights are
    rounded to denominators <= 64."""
    import numpy as np

    m = draw(_dims(dims))
    lo, hi = spectral_radius
    rho = draw(st.floats(lo, hi))
    a = draw(_vec(st.integers(1, 15), m))
    keep = draw(_vec(_vec(st.integers(0, 99), m), m))
    w = np.array(draw(_mat(st.integers(-8, 8), m, m)), dtype=float) / 8
    w = w * (np.array(keep) >= 100 * sparsity)
    A = np.diag(np.array(a) / 16)
    r = max(abs(np.linalg.eigvals(w)))
    if r > 1e-9:  # (a nilpotent W keeps its scale)
        w = w * rho / r
    h = np.array(draw(_vec(st.integers(-4, 4), m)), dtype=float) / 8
    conv = (lambda x: str(Fraction(float(x)).limit_denominator(64))) if exact else float
    data = {
        "kind": "plrnn",
        "A": [conv(x) for x in np.diag(A)],
        "W": [[conv(x) for x in row] for row in w],
        "h": [conv(x) for x in h],
    }
    return model_from_dict(data, "<hypothesis trained-like>")


@st.composite
def contractive_plrnns(draw, dims=(1, 3), max_num: int = 9, max_den: int = 8):
    """PLRNNs with a certified global contraction by construction: the kernel's bound matrix
    B_ij = max(|A_ij|, |A_ij + W_ij|) has every row sum < 1 (so rho(B) < 1), hence no chaos,
    one globally attracting fixed point, every orbit bounded."""
    m = draw(_dims(dims))
    r = rationals(max_num, max_den)
    A = [[Fraction(x) for x in row] for row in draw(_mat(r, m, m))]
    W = [[Fraction(x) for x in row] for row in draw(_mat(r, m, m))]
    total = max(sum(max(abs(A[i][j]), abs(A[i][j] + W[i][j])) for j in range(m)) for i in range(m))
    scale = draw(st.sampled_from([Fraction(1, 2), Fraction(3, 4), Fraction(9, 10)]))
    if total > 0:  # row sums of B scale linearly: now every one is <= scale < 1
        A = [[x * scale / total for x in row] for row in A]
        W = [[x * scale / total for x in row] for row in W]
    data = {
        "kind": "plrnn",
        "A": [[str(x) for x in row] for row in A],
        "W": [[str(x) for x in row] for row in W],
        "h": draw(_vec(r, m)),
    }
    return model_from_dict(data, "<hypothesis contractive>")


@st.composite
def invertible_plrnns(draw, dims=(1, 3), hidden=(1, 3), max_num: int = 9, max_den: int = 8):
    """Shallow PLRNNs invertible by determinant signs, by construction: A = diag(a) with
    a_i = 1 + sum_jh |W1_ih W2_hj|, so every A + W1 D W2 is strictly diagonally dominant with a positive
    diagonal and has det > 0."""
    m, h = draw(_dims(dims)), draw(_dims(hidden))
    r = rationals(max_num, max_den)
    W1 = [[Fraction(x) for x in row] for row in draw(_mat(r, m, h))]
    W2 = [[Fraction(x) for x in row] for row in draw(_mat(r, h, m))]
    a = [1 + sum(abs(W1[i][k] * W2[k][j]) for k in range(h) for j in range(m)) for i in range(m)]
    data = {
        "kind": "shplrnn",
        "A": [str(x) for x in a],
        "W1": [[str(x) for x in row] for row in W1],
        "W2": [[str(x) for x in row] for row in W2],
        "h1": draw(_vec(r, m)),
        "h2": draw(_vec(r, h)),
    }
    return model_from_dict(data, "<hypothesis invertible>")


@st.composite
def ctrnns(draw, dims=(2, 4), activation: str = "tanh", max_num: int = 9, max_den: int = 8, bias: bool = False):
    """A ctrnn dx/dt = W s(x) (+ b) with small rational W (not necessarily skew)."""
    n = draw(_dims(dims))
    r = rationals(max_num, max_den)
    data = {"kind": "ctrnn", "W": draw(_mat(r, n, n)), "activation": activation}
    data["b"] = draw(_vec(r, n)) if bias else ["0"] * n
    return model_from_dict(data, "<hypothesis ctrnn>")


@st.composite
def skew_ctrnns(draw, dims=(2, 4), activation: str = "tanh", max_num: int = 9, max_den: int = 8):
    """A ctrnn dx/dt = W s(x) with W skew-symmetric by construction (W_ji = -W_ij, zero diagonal)."""
    n = draw(_dims(dims))
    upper = draw(_vec(rationals(max_num, max_den), n * (n - 1) // 2))
    W = [["0"] * n for _ in range(n)]
    k = 0
    for i in range(n):
        for j in range(i + 1, n):
            W[i][j] = upper[k]
            W[j][i] = str(-Fraction(upper[k]))
            k += 1
    return model_from_dict({"kind": "ctrnn", "W": W, "b": ["0"] * n, "activation": activation}, "<hypothesis skew>")


# ---- certificates --------------------------------------------------------------------------------------
def leaves(doc, path=()):
    """Every (path, value) of a JSON document's scalars."""
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from leaves(v, path + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from leaves(v, path + (i,))
    else:
        yield path, doc


def mutate_value(value, choice: int):
    """A different value of a similar kind (for rational strings: the value plus a small rational)."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + (1 if choice % 2 else -1)
    if isinstance(value, str):
        try:
            return str(Fraction(value) + Fraction(1 + choice % 3, 7 + choice % 5))
        except (ValueError, ZeroDivisionError):
            return value + "x"
    return "mutated"


def set_field(doc: dict, path, value) -> dict:
    """A deep copy of ``doc`` with the field at ``path`` (keys / indices) replaced by ``value``."""
    doc = copy.deepcopy(doc)
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return doc


def mutated(cert: dict, path: tuple, choice: int) -> dict:
    node = cert
    for key in path:
        node = node[key]
    return set_field(cert, path, mutate_value(node, choice))


def mutations(cert: dict, skip=("comment", "notes")):
    """``(path, mutated certificate)``: one scalar field of ``cert`` changed to a different value of the
    same kind (fields under a key in ``skip`` are left alone). A sound kernel rejects nearly all of them;
    a test should accept a mutant only when it states something still true."""
    paths = [p for p, _ in leaves(cert) if not any(k in skip for k in p if isinstance(k, str))]
    if not paths:
        raise ValueError("the certificate has no scalar field to mutate")
    return st.tuples(st.sampled_from(paths), st.integers(0, 14)).map(lambda pc: (pc[0], mutated(cert, pc[0], pc[1])))


# ---- failing examples as files -----------------------------------------------------------------------
def keep_model(model, path: str | Path = "failing-model.json") -> Path:
    """Write ``model`` to ``path`` (a JSON model file) and note it in hypothesis's report. Call it at the
    start of a @given test: hypothesis replays the shrunk example last, so after a failing run the file
    holds the shrunk counterexample (``verified-dyn chaos failing-model.json`` re-examines it)."""
    from .claims import model_document, write_model

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_model(model, path)
    try:
        note(f"model written to {path}: {model_document(model)}")
    except InvalidArgument:  # outside a hypothesis test: nothing to note
        pass
    return path


__all__ = [
    "PL_KINDS",
    "contractive_plrnns",
    "ctrnns",
    "floats",
    "invertible_plrnns",
    "keep_model",
    "leaves",
    "mutate_value",
    "mutated",
    "mutations",
    "pl_models",
    "plrnns",
    "rationals",
    "set_field",
    "skew_ctrnns",
    "trained_like",
]
