"""The single place where numbers from outside become exact rationals.

Every model parameter enters verified-dyn through :func:`to_fraction`: a JSON/Python float is taken
as its exact binary value (every float64 is a dyadic rational), a string such as ``"17/10"``,
``"1.7"`` or ``"2.5e-3"`` as the exact rational it writes. NaN, infinities, booleans and anything
non-numeric are rejected with a message. Certificates write rationals with :func:`fmt`
(``"p"`` or ``"p/q"`` in lowest terms); :func:`to_fmpq` / :func:`from_fmpq` move between
``fractions.Fraction`` and python-flint's ``fmpq``. :func:`arb_precision` is the one place that sets
python-flint's global ball precision (and restores it).
"""

from __future__ import annotations

import contextlib
import math
import re
from fractions import Fraction
from numbers import Integral

import flint

_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE]([+-]?\d+))?", re.ASCII)  # ASCII digits only
_RATIO = re.compile(r"[+-]?\d+/\d+", re.ASCII)
MAX_EXPONENT = 10000  # |e| of a decimal string: the kernel's reader (kernel/tools/convert.py) uses the same limit


def to_fraction(x) -> Fraction:
    """Exact value of a float, int, Fraction, fmpq or numeric string; ValueError with a reason otherwise."""
    if isinstance(x, bool):
        raise ValueError(f"expected a number, got the boolean {x!r}")
    if isinstance(x, Fraction):
        return x
    if isinstance(x, Integral):
        return Fraction(int(x))
    if isinstance(x, flint.fmpq):
        return Fraction(int(x.p), int(x.q))
    if isinstance(x, str):
        s = x.strip()
        if _RATIO.fullmatch(s):
            num, den = s.split("/")
            if int(den) == 0:
                raise ValueError(f"zero denominator in {x!r}")
            return Fraction(int(num), int(den))
        m = _DECIMAL.fullmatch(s)
        if m:
            if m.group(4) is not None and abs(int(m.group(4))) > MAX_EXPONENT:
                raise ValueError(f"exponent out of range in {x[:40]!r} (at most {MAX_EXPONENT} in absolute value)")
            return Fraction(s)
        raise ValueError(f'not a number: {x!r} (use e.g. "17/10", "1.7" or "2.5e-3")')
    try:
        f = float(x)  # numpy scalars and other real numbers
    except (TypeError, ValueError):
        raise ValueError(f"expected a number, got {type(x).__name__} {x!r}") from None
    if not math.isfinite(f):
        raise ValueError(f"not a finite number: {x!r}")
    if f != x:
        raise ValueError(f"cannot take the exact value of {x!r}")
    return Fraction(f)


def fmt(q) -> str:
    """Canonical certificate string of a rational: ``"p"`` or ``"p/q"`` in lowest terms."""
    return str(to_fraction(q))


def to_fmpq(q) -> flint.fmpq:
    q = to_fraction(q)
    return flint.fmpq(q.numerator, q.denominator)


def from_fmpq(q: flint.fmpq) -> Fraction:
    return Fraction(int(q.p), int(q.q))


def fmpq_mat(rows) -> flint.fmpq_mat:
    """python-flint matrix of exact rationals from a list of rows (of Fractions or fmpq)."""
    rows = [list(r) for r in rows]
    nr = len(rows)
    nc = len(rows[0]) if rows else 0
    return flint.fmpq_mat(nr, nc, [to_fmpq(x) for r in rows for x in r])


def mat_to_fractions(m: flint.fmpq_mat) -> list[list[Fraction]]:
    return [[from_fmpq(m[i, j]) for j in range(m.ncols())] for i in range(m.nrows())]


def col_to_fractions(m: flint.fmpq_mat) -> list[Fraction]:
    return [from_fmpq(m[i, 0]) for i in range(m.nrows())]


@contextlib.contextmanager
def arb_precision(bits: int):
    """Set python-flint's global Arb precision for the block and restore it afterwards."""
    old = flint.ctx.prec
    flint.ctx.prec = bits
    try:
        yield
    finally:
        flint.ctx.prec = old
