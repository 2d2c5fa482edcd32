"""Reading model files (.json, .npz, SCYFI .mat) into exact models, with one-line errors (INTERFACE §1).

Numbers become exact rationals through :mod:`verified_dyn.rationals` only. Every problem raises
:class:`~verified_dyn.errors.ModelError` naming the file, the key and what is wrong.

:func:`model_from_dict` is the one code path from a description to a model: files, built-ins and the
constructors of :mod:`verified_dyn.models.constructors` all go through it. Besides JSON values it
accepts numpy arrays and scalars (and tuples) wherever a list or number may stand; a float array is
taken exactly, entry by entry, like a JSON number.
"""

from __future__ import annotations

import json
import math
from fractions import Fraction
from pathlib import Path

import numpy as np

from ..errors import ModelError
from ..rationals import to_fraction
from .ctrnn import FORMS, CTRNNModel, check_activation
from .pl import PLModel

PL_KINDS = ("plrnn", "shplrnn", "alrnn", "clipped-shplrnn")
KINDS = PL_KINDS + ("ctrnn",)
MAX_DIM = 4096  # latent units
MAX_HIDDEN = 65536  # hidden units


class _Reader:
    """Typed access to the keys of one model description, with messages naming file and key."""

    def __init__(self, data: dict, source: str):
        self.data, self.source = data, source

    def fail(self, key, problem):
        raise ModelError(problem, self.source, key)

    def has(self, key) -> bool:
        return key in self.data and self.data[key] is not None

    def raw(self, key):
        if key not in self.data:
            self.fail(key, "missing")
        return self.data[key]

    def number(self, key, value, where=""):
        try:
            return to_fraction(value)
        except ValueError as e:
            self.fail(key, f"{where}{e}")

    def vector(self, key, n=None) -> tuple[Fraction, ...]:
        v = self.raw(key)
        if not isinstance(v, list) or any(isinstance(x, list) for x in v):
            self.fail(key, f"expected a list of numbers, got {_describe(v)}")
        if n is not None and len(v) != n:
            self.fail(key, f"expected length {n}, got length {len(v)}")
        _check_size(self, key, len(v), MAX_HIDDEN)
        return tuple(self.number(key, x, f"entry {i}: ") for i, x in enumerate(v))

    def matrix(self, key, rows=None, cols=None) -> tuple[tuple[Fraction, ...], ...]:
        m = self.raw(key)
        if not isinstance(m, list) or not all(isinstance(r, list) for r in m):
            self.fail(key, f"expected a matrix (a list of rows), got {_describe(m)}")
        if rows is not None and len(m) != rows:
            self.fail(key, f"expected {rows} rows, got {len(m)}")
        lengths = {len(r) for r in m}
        if len(lengths) > 1:
            self.fail(key, f"rows have different lengths {sorted(lengths)}")
        ncols = lengths.pop() if lengths else 0
        if cols is not None and ncols != cols and m:
            self.fail(key, f"expected {cols} columns, got {ncols}")
        return tuple(
            tuple(self.number(key, x, f"row {i}, column {j}: ") for j, x in enumerate(r)) for i, r in enumerate(m)
        )

    def square_or_diag(self, key, n) -> tuple[tuple[Fraction, ...], ...]:
        """An n×n matrix, or a length-n list meaning the diagonal matrix."""
        v = self.raw(key)
        if isinstance(v, list) and v and not any(isinstance(x, list) for x in v):
            d = self.vector(key, n)
            return tuple(tuple(d[i] if i == j else Fraction(0) for j in range(n)) for i in range(n))
        return self.matrix(key, n, n)

    def string(self, key, default=None) -> str:
        v = self.data.get(key, default)
        if v is None:
            self.fail(key, "missing")
        if not isinstance(v, str):
            self.fail(key, f"expected a string, got {_describe(v)}")
        return v


def _describe(v) -> str:
    return f"{type(v).__name__} {v!r}"[:80]


def _check_size(reader, key, n, limit):
    if n > limit:
        reader.fail(key, f"size {n} is larger than verified-dyn accepts ({limit})")


# ---- numpy arrays and scalars -----------------------------------------------------------------
# the numeric keys of the model format, with the array dimensions each allows (P is a scalar)
_NUMERIC_KEYS = {
    "A": (1, 2),
    "W": (2,),
    "W1": (2,),
    "W2": (2,),
    "h": (1,),
    "h1": (1,),
    "h2": (1,),
    "b": (1,),
    "P": (0,),
}
_PLAIN = (int, float, str, Fraction)
_SHAPE_WORDS = {
    (0,): "a scalar",
    (1,): "a vector (1-D array)",
    (2,): "a matrix (2-D array)",
    (1, 2): "a vector (the diagonal) or a matrix",
}


def _plain(value, source: str, key: str, top: bool = True):
    """``value`` with numpy arrays, numpy scalars and tuples turned into lists and Python numbers.

    Exact: float arrays of any width become the Python floats of the same values (float16/32/64 are
    all exactly float64 values), integer arrays Python ints. Booleans stay booleans (refused later
    as numbers), NaN and infinity stay and are refused by the number reader with its usual message;
    complex, datetime and other non-numeric arrays are refused here. Other values are returned as is.
    """
    if isinstance(value, np.ndarray):
        if top and value.ndim not in _NUMERIC_KEYS[key]:
            raise ModelError(
                f"expected {_SHAPE_WORDS[_NUMERIC_KEYS[key]]}, got an array of shape {value.shape}", source, key
            )
        dt = value.dtype
        if dt.kind == "c":
            raise ModelError(f"complex array ({dt}): model parameters must be real numbers", source, key)
        if dt.kind not in "biufOUS":
            raise ModelError(f"unsupported array type {dt}: expected real numbers", source, key)
        if dt.kind in "iu" or (dt.kind == "f" and dt.itemsize <= 8):
            return value.tolist()
        if value.ndim == 0:
            return _plain(value[()], source, key, False)
        return [_plain(v, source, key, False) for v in value]
    if isinstance(value, (list, tuple)):
        if type(value) is list and all(type(v) in _PLAIN for v in value):
            return value  # the common case of a parsed JSON row: nothing to convert
        return [_plain(v, source, key, False) for v in value]
    if isinstance(value, np.generic):
        if isinstance(value, np.complexfloating):
            raise ModelError(f"complex number {value!r}: model parameters must be real numbers", source, key)
        if isinstance(value, np.floating):
            f = float(value)
            if math.isfinite(f) and f != value:
                raise ModelError(
                    f"the {value.dtype} value {value!r} is not exactly a float64; give it as an exact string",
                    source,
                    key,
                )
            return f
        if isinstance(value, (np.bool_, np.integer, np.str_)):
            return value.item()
        if isinstance(value, np.bytes_):
            return value.decode("ascii", "replace")
        raise ModelError(f"unsupported numpy value {_describe(value)}", source, key)
    if isinstance(value, bytes):
        return value.decode("ascii", "replace")
    return value


def _plain_numbers(data: dict, source: str) -> dict:
    """A copy of ``data`` whose numeric keys hold only lists and Python numbers (see :func:`_plain`)."""
    return {k: _plain(v, source, k) if k in _NUMERIC_KEYS else v for k, v in data.items()}


def model_from_dict(data: dict, source: str = "<model>") -> PLModel | CTRNNModel:
    """Build an exact model from an INTERFACE §1 description (README "Models").

    ``data`` is a parsed JSON object, or the same keys with numpy arrays / numpy scalars / tuples
    in place of lists and numbers (float arrays taken exactly). Any problem raises
    :class:`~verified_dyn.errors.ModelError` naming ``source``, the key and what is wrong.
    """
    if not isinstance(data, dict):
        raise ModelError(f"expected a JSON object, got {type(data).__name__}", source)
    data = _plain_numbers(data, source)
    r = _Reader(data, source)
    kind = r.string("kind")
    if kind not in KINDS:
        r.fail("kind", f"unknown kind {kind!r}; known kinds: {', '.join(KINDS)}")
    info = {
        "name": r.string("name", ""),
        "description": r.string("description", ""),
        "source": source,
        "meta": data.get("meta") or {},
    }
    if not isinstance(info["meta"], dict):
        r.fail("meta", "expected an object")
    if kind == "ctrnn":
        return _ctrnn(r, info)
    return _pl(r, kind, info)


def _pl(r: _Reader, kind: str, info: dict) -> PLModel:
    zero = Fraction(0)
    if kind in ("plrnn", "alrnn"):
        h = r.vector("h")
        m = len(h)
        _check_size(r, "h", m, MAX_DIM)
        if m == 0:
            r.fail("h", "the model needs at least one unit")
        A, W = r.square_or_diag("A", m), r.matrix("W", m, m)
        p = m
        if kind == "alrnn":
            p = r.raw("P")  # as the kernel reads it: an integer, not 2.0, "2" or true
            if isinstance(p, bool) or not isinstance(p, int):
                r.fail(
                    "P",
                    f"expected an integer between 0 and {m}, got {_describe(p)}"
                    + (" (P must be an int, not a float)" if isinstance(p, float) else ""),
                )
            if not 0 <= p <= m:
                r.fail("P", f"expected an integer between 0 and {m}, got {p}")
        lin = m - p
        A = tuple(tuple(A[i][j] + (W[i][j] if j < lin else zero) for j in range(m)) for i in range(m))
        W1 = tuple(tuple(W[i][j] for j in range(lin, m)) for i in range(m))
        W2 = tuple(tuple(Fraction(int(j == lin + k)) for j in range(m)) for k in range(p))
        return PLModel(kind, A, W1, W2, h, (zero,) * p, **info)
    h1, h2 = r.vector("h1"), r.vector("h2")
    m, hid = len(h1), len(h2)
    _check_size(r, "h1", m, MAX_DIM)
    if m == 0:
        r.fail("h1", "the model needs at least one unit")
    A, W1, W2 = r.square_or_diag("A", m), r.matrix("W1", m, hid), r.matrix("W2", hid, m)
    if hid == 0:
        W1 = tuple(() for _ in range(m))
    if kind == "clipped-shplrnn":
        W1 = tuple(row + tuple(-x for x in row) for row in W1)
        W2, h2 = W2 + W2, h2 + (zero,) * hid
    return PLModel(kind, A, W1, W2, h1, h2, **info)


def _ctrnn(r: _Reader, info: dict) -> CTRNNModel:
    from .ctrnn import canonical_activation

    W = r.matrix("W")
    n = len(W)
    if n == 0 or any(len(row) != n for row in W):
        r.fail("W", f"expected a square n×n matrix with n >= 1, got {n} rows")
    _check_size(r, "W", n, MAX_DIM)
    b = r.vector("b", n) if r.has("b") else (Fraction(0),) * n
    try:
        check_activation(r.raw("activation"))
        check_activation(canonical_activation(r.raw("activation")))  # what the hash and the kernel read
    except ValueError as e:
        r.fail("activation", str(e))
    form = r.string("form", "W*s(x)")
    if form not in FORMS:
        r.fail("form", f"unknown form {form!r}; use one of {', '.join(FORMS)}")
    return CTRNNModel(W, b, r.raw("activation"), form, **info)


# ---- files -----------------------------------------------------------------------------------
def _reject_constant(name):
    raise ValueError(f"{name} is not a number a model may contain")


def _unique_keys(pairs):
    out = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r} in a JSON object")
        out[key] = value
    return out


def load_file(path: str | Path, trial: int | None = None) -> PLModel | CTRNNModel:
    """Load a .json, .npz or SCYFI .mat model file; ModelError on any problem."""
    path = Path(path)
    src = str(path)
    if not path.is_file():
        raise ModelError("no such file" if not path.exists() else "not a regular file", src)
    suffix = path.suffix.lower()
    if suffix == ".mat":
        return load_mat(path, trial)
    if trial is not None:
        raise ModelError(f"--trial {trial} was given, but a {suffix or 'plain'} file holds one model", src)
    if suffix == ".npz":
        return _load_npz(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except (OSError, UnicodeDecodeError) as e:
        raise ModelError(f"cannot read: {e}", src) from None
    except ValueError as e:
        raise ModelError(f"not valid JSON: {e}", src) from None
    return model_from_dict(data, src)


def _load_npz(path: Path):
    src = str(path)
    try:
        with np.load(path, allow_pickle=False) as z:
            data = {k: z[k] for k in z.files}
    except Exception as e:
        raise ModelError(f"cannot read as .npz: {e}", src) from None
    out = {}
    for k, v in data.items():
        if v.dtype.kind in "US":
            out[k] = str(v.item()) if v.ndim == 0 else v.tolist()
        elif v.dtype.kind in "fiu":
            out[k] = v.item() if v.ndim == 0 else v.tolist()
        else:
            raise ModelError(f"unsupported array type {v.dtype}", src, k)
    for k, v in out.items():
        if isinstance(v, float) and not math.isfinite(v):
            raise ModelError("not a finite number", src, k)
    return model_from_dict(out, src)


def load_mat(path: Path, trial: int | None, name: str = "") -> PLModel:
    """A SCYFI shallow PLRNN .mat file: z' = A z + W2 relu(W1 z + h1) + h2 (W1, h1 inner)."""
    import scipy.io

    src = str(path)
    try:
        d = scipy.io.loadmat(str(path))
    except Exception as e:
        raise ModelError(f"cannot read as a MATLAB .mat file: {e}", src) from None
    for key in ("A", "W1", "W2", "h1", "h2"):
        if key not in d:
            raise ModelError("missing", src, key)
    W1, W2 = np.asarray(d["W1"]), np.asarray(d["W2"])
    if W1.ndim == 2:
        W1, W2 = W1[None], W2[None] if W2.ndim == 2 else W2
    if W1.ndim != 3 or W2.ndim != 3 or W1.shape[0] != W2.shape[0]:
        raise ModelError(f"expected trials×H×M and trials×M×H arrays, got {W1.shape} and {W2.shape}", src, "W1")
    trials = W1.shape[0]
    if trial is None:
        if trials > 1:
            raise ModelError(
                f"the file holds {trials} trained models; choose one with --trial N (0..{trials - 1})", src, "W1"
            )
        trial = 0
    if isinstance(trial, bool) or not isinstance(trial, int) or not 0 <= trial < trials:
        raise ModelError(f"trial {trial} is out of range 0..{trials - 1}", src, "W1")
    A = np.asarray(d["A"], dtype=np.float64)
    A = np.diag(A.ravel()) if A.ndim == 1 or 1 in A.shape else A

    def pick(arr, key):
        arr = np.asarray(arr)
        if arr.ndim == 2 and arr.shape[0] == trials and trials > 1:
            arr = arr[trial]
        return arr.ravel().astype(np.float64).tolist()

    desc = {
        "kind": "shplrnn",
        "A": A.tolist(),
        "W1": W2[trial].astype(np.float64).tolist(),
        "W2": W1[trial].astype(np.float64).tolist(),
        "h1": pick(d["h2"], "h2"),
        "h2": pick(d["h1"], "h1"),
        "name": name or f"{path.stem}[trial {trial}]",
        "description": f"trained shallow PLRNN, trial {trial} of {trials} in {path.name}",
        "meta": {"file": path.name, "trial": trial},
    }
    for key in ("A", "W1", "W2", "h1", "h2"):
        if not np.all(np.isfinite(np.asarray(desc[key], dtype=np.float64))):
            raise ModelError("contains NaN or infinity", src, key)
    return model_from_dict(desc, f"{src} (trial {trial})")
