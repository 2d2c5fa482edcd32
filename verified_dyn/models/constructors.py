"""Building models in Python: one function per model kind, returning an exact model.

Each function writes the same description a model file holds (README "Models") and passes it to
:func:`~verified_dyn.models.loading.model_from_dict`, so a model built here goes through exactly the
validation of a file and has the same ``hash`` as the equivalent JSON file.

Numbers may be numpy arrays (any integer or float dtype; a float is taken as its *exact* binary
value, like a JSON number), nested lists or tuples, ``int``, ``float``, ``fractions.Fraction`` or
exact strings such as ``"17/10"``, ``"1.7"`` or ``"2.5e-3"``. Where ``A`` appears it may be a vector
(the diagonal) or an M×M matrix. Any problem raises :class:`~verified_dyn.errors.ModelError` whose
message names the function, the argument and the problem, e.g.
``PLRNN(): argument 'W': row 0, column 1: not a finite number: nan``; the argument is also in
``error.key``.

The names are CamelCase because they play the role of model classes; they return
:class:`~verified_dyn.models.pl.PLModel` (the piecewise-affine normal form
F(z) = A z + W1 relu(W2 z + h2) + h1) or :class:`~verified_dyn.models.ctrnn.CTRNNModel`.
"""

from __future__ import annotations

from ..errors import ModelError
from .ctrnn import CTRNNModel
from .loading import model_from_dict
from .pl import PLModel

__all__ = ["ALRNN", "CTRNN", "ClippedShallowPLRNN", "PLRNN", "ShallowPLRNN"]


def _build(function: str, data: dict, name: str, description: str):
    data["name"], data["description"] = name, description
    source = f"{function}()"
    try:
        return model_from_dict(data, source)
    except ModelError as e:
        if e.source != source:  # not from this description: pass it on unchanged
            raise
        err = ModelError(f"argument {e.key!r}: {e.problem}" if e.key else e.problem, source)
        err.key = e.key
        raise err from None


def PLRNN(A, W, h, *, name: str = "", description: str = "") -> PLModel:
    """A piecewise-linear RNN (kind ``plrnn``): z' = A z + W relu(z) + h on R^M.

    Args:
        A: M×M matrix, or a length-M vector meaning diag(A).
        W: M×M matrix.
        h: length-M vector.
        name, description: free text kept with the model (not part of its hash).

    Its normal form is A, W1 = W, W2 = I_M, h1 = h, h2 = 0 (H = M hidden units).

    Example:
        >>> from verified_dyn.models import PLRNN
        >>> lozi = PLRNN([["17/10", 1], ["1/2", 0]], [["-17/5", 0], [0, 0]], [1, 0], name="lozi")
        >>> lozi([0.0, 0.0])        # float64 map
        array([1., 0.])
        >>> lozi.step([0, 0])       # exact map
        [Fraction(1, 1), Fraction(0, 1)]
    """
    return _build("PLRNN", {"kind": "plrnn", "A": A, "W": W, "h": h}, name, description)


def ShallowPLRNN(A, W1, W2, h1, h2, *, name: str = "", description: str = "") -> PLModel:
    """A shallow PLRNN (kind ``shplrnn``): z' = A z + W1 relu(W2 z + h2) + h1, z in R^M, H hidden units.

    Args:
        A: M×M matrix, or a length-M vector meaning diag(A).
        W1: M×H matrix (outer weights).
        W2: H×M matrix (inner weights).
        h1: length-M vector (outer bias).
        h2: length-H vector (inner bias).
        name, description: free text kept with the model (not part of its hash).

    This is the normal form itself. H may be 0 (pass W1 of shape (M, 0) and W2 of shape (0, M)).

    Example (the tent map x -> 2 min(x, 1 - x)):
        >>> from verified_dyn.models import ShallowPLRNN
        >>> tent = ShallowPLRNN([2], [[-4]], [[1]], [0], ["-1/2"], name="tent")
        >>> tent([0.25])
        array([0.5])
    """
    return _build(
        "ShallowPLRNN", {"kind": "shplrnn", "A": A, "W1": W1, "W2": W2, "h1": h1, "h2": h2}, name, description
    )


def ALRNN(A, W, h, P, *, name: str = "", description: str = "") -> PLModel:
    """An almost-linear RNN (kind ``alrnn``): z' = A z + W phi(z) + h, where phi leaves the first
    M - P units as they are and passes only the last P units through relu.

    Args:
        A: M×M matrix, or a length-M vector meaning diag(A).
        W: M×M matrix.
        h: length-M vector.
        P: the number of relu units, an integer 0 <= P <= M (a Python or numpy integer; not 2.0,
            not a bool, as in a model file).
        name, description: free text kept with the model (not part of its hash).

    Its normal form (L = M - P): A' = A + W[:, :L] on the first L columns, W1 = W[:, L:],
    W2 = the last P rows of I_M, h1 = h, h2 = 0 (H = P).

    Example:
        >>> from verified_dyn.models import ALRNN
        >>> m = ALRNN([0, 0], [[1, 2], [3, 4]], [0, 0], P=1)
        >>> m([1.0, -1.0])          # phi(z) = (1, relu(-1)) = (1, 0)
        array([1., 3.])
    """
    return _build("ALRNN", {"kind": "alrnn", "A": A, "W": W, "h": h, "P": P}, name, description)


def ClippedShallowPLRNN(A, W1, W2, h1, h2, *, name: str = "", description: str = "") -> PLModel:
    """A clipped shallow PLRNN (kind ``clipped-shplrnn``):
    z' = A z + W1 [relu(W2 z + h2) - relu(W2 z)] + h1, z in R^M, H hidden units.

    Args:
        A: M×M matrix, or a length-M vector meaning diag(A).
        W1: M×H matrix.
        W2: H×M matrix.
        h1: length-M vector.
        h2: length-H vector.
        name, description: free text kept with the model (not part of its hash).

    Its normal form has 2H hidden units: W1' = [W1 | -W1], W2' = [W2 ; W2], h2' = [h2 ; 0].

    Example (z -> 2 [relu(z + 1) - relu(z)], a clipped step between 0 and 2):
        >>> from verified_dyn.models import ClippedShallowPLRNN
        >>> m = ClippedShallowPLRNN([0], [[2]], [[1]], [0], [1])
        >>> m([[-3.0], [-0.5], [5.0]])   # a batch of three points
        array([[0.],
               [1.],
               [2.]])
    """
    return _build(
        "ClippedShallowPLRNN",
        {"kind": "clipped-shplrnn", "A": A, "W1": W1, "W2": W2, "h1": h1, "h2": h2},
        name,
        description,
    )


def CTRNN(
    W, b=None, activation: str = "tanh", form: str = "W*s(x)", *, name: str = "", description: str = ""
) -> CTRNNModel:
    """A continuous-time RNN (kind ``ctrnn``): dx/dt = W s(x) + b (form ``"W*s(x)"``) or
    dx/dt = s(W x) + b (form ``"s(W*x)"``), x in R^N, s applied entrywise.

    Args:
        W: N×N matrix.
        b: length-N vector, or None for 0.
        activation: a known name (tanh, softsign, linear, hardtanh, sigmoid, relu, rectified-tanh,
            sin) or a formula in ``x`` such as ``"x*exp(-x**2)"``.
        form: ``"W*s(x)"`` (default) or ``"s(W*x)"``.
        name, description: free text kept with the model (not part of its hash).

    Example:
        >>> from verified_dyn.models import CTRNN
        >>> m = CTRNN([[0, 1], [-1, 0]], activation="tanh", name="rotation")
        >>> m.dim, m.activation, m.form
        (2, 'tanh', 'W*s(x)')
    """
    data = {"kind": "ctrnn", "W": W, "activation": activation, "form": form}
    if b is not None:
        data["b"] = b
    return _build("CTRNN", data, name, description)
