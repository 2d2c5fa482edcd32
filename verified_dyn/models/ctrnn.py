"""Continuous-time RNNs dx/dt = W s(x) + b or dx/dt = s(W x) + b (MATH §5), held exactly.

The activation is a known name or a formula in ``x``; formulas are checked with Python's ``ast``
(numbers, ``x``, + - * / **, and a fixed list of functions with their arity) before sympy sees them,
so no text is ever evaluated as code.

The model hash (proofs/README.md §6.1) is ``"sha256:" + sha256(canonical)`` with
``canonical = json.dumps({"W": W, "b": b, "activation": a, "form": f}, sort_keys=True,
separators=(",", ":")).encode("ascii")``, every number written ``str(Fraction(x))`` and ``a`` the
activation as written with all whitespace removed (``"x * exp(-x**2)"`` -> ``"x*exp(-x**2)"``).
"""

from __future__ import annotations

import ast
import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

ACTIVATIONS = {
    "tanh": "tanh(x)",
    "softsign": "x/(1 + Abs(x))",
    "linear": "x",
    "hardtanh": "Max(-1, Min(1, x))",
    "sigmoid": "1/(1 + exp(-x))",
    "relu": "Max(0, x)",
    "rectified-tanh": "Max(0, tanh(x))",
    "sin": "sin(x)",
}
# closed forms of g(x) = integral_0^x s for the named activations (sympy syntax; checked by sympy:
# g(0) = 0 and g' = s); formulas get theirs from sympy's integrate
ANTIDERIVATIVES = {
    "tanh": "log(cosh(x))",
    "softsign": "Abs(x) - log(1 + Abs(x))",
    "linear": "x**2/2",
    "hardtanh": "Piecewise((-x - 1/2, x < -1), (x**2/2, x <= 1), (x - 1/2, True))",
    "sigmoid": "log(1 + exp(x)) - log(2)",
    "relu": "Piecewise((x**2/2, x > 0), (0, True))",
    "rectified-tanh": "Piecewise((log(cosh(x)), x > 0), (0, True))",
    "sin": "1 - cos(x)",
}
FUNCTIONS = {"exp", "log", "tanh", "sinh", "cosh", "sin", "cos", "atan", "sqrt", "Abs", "abs", "Max", "Min", "erf"}
FORMS = ("W*s(x)", "s(W*x)")
_NODES = (
    ast.Expression,
    ast.BinOp,
    ast.UnaryOp,
    ast.Call,
    ast.Name,
    ast.Constant,
    ast.Load,
    ast.Add,
    ast.Sub,
    ast.Mult,
    ast.Div,
    ast.Pow,
    ast.USub,
    ast.UAdd,
)
_SPACE = re.compile(r"\s+")


def check_activation(text: str) -> str:
    """The sympy-ready formula for an activation name or formula; ValueError explaining a bad one."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("activation must be a name or a formula in x")
    if text in ACTIVATIONS:
        return ACTIVATIONS[text]
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError:
        raise ValueError(f"cannot parse activation {text!r}; known names: {', '.join(ACTIVATIONS)}") from None
    for node in ast.walk(tree):
        if not isinstance(node, _NODES):
            raise ValueError(f"activation {text!r}: {type(node).__name__} is not allowed in a formula")
        if isinstance(node, ast.Name) and node.id != "x" and node.id not in FUNCTIONS:
            raise ValueError(f"activation {text!r}: unknown name {node.id!r} (the variable is x)")
        if isinstance(node, ast.Call):
            if not (isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS):
                raise ValueError(f"activation {text!r}: only these functions are allowed: {sorted(FUNCTIONS)}")
            wanted = "at least 2" if node.func.id in ("Max", "Min") else "1"
            if node.keywords or (len(node.args) < 2 if wanted != "1" else len(node.args) != 1):
                raise ValueError(f"activation {text!r}: {node.func.id} takes {wanted} argument(s)")
        if isinstance(node, ast.Name) and node.id in FUNCTIONS and not _is_called(tree, node):
            raise ValueError(f"activation {text!r}: {node.id} must be called, as in {node.id}(x)")
        if isinstance(node, ast.Constant) and (
            isinstance(node.value, bool) or not isinstance(node.value, (int, float)) or not math.isfinite(node.value)
        ):
            raise ValueError(f"activation {text!r}: constant {node.value!r} is not a finite number")
    return text.strip()


def _is_called(tree, name_node) -> bool:
    return any(isinstance(n, ast.Call) and n.func is name_node for n in ast.walk(tree))


def canonical_activation(text: str) -> str:
    """The activation as the hash sees it: as written, all whitespace removed."""
    return _SPACE.sub("", text)


@dataclass(frozen=True, eq=False, repr=False)
class CTRNNModel:
    """dx/dt = W s(x) + b (form "W*s(x)") or s(W x) + b (form "s(W*x)"), exact W and b."""

    W: tuple[tuple[Fraction, ...], ...]
    b: tuple[Fraction, ...]
    activation: str
    form: str = "W*s(x)"
    name: str = ""
    description: str = ""
    source: str = ""
    meta: dict = field(default_factory=dict)
    kind: str = "ctrnn"

    @property
    def dim(self) -> int:
        return len(self.b)

    def summary(self) -> dict:
        return {"kind": self.kind, "name": self.name, "dim": self.dim, "activation": self.activation, "form": self.form}

    def __repr__(self) -> str:
        from .pl import short_hash

        return (
            f"CTRNNModel(kind={self.kind!r}, N={self.dim}, activation={self.activation!r}, "
            f"form={self.form!r}, name={self.name!r}, hash={short_hash(self.hash)!r})"
        )

    # ---- exact identity --------------------------------------------------------------------
    @property
    def canonical_activation(self) -> str:
        return canonical_activation(self.activation)

    @property
    def activation_name(self) -> str | None:
        """The known name of the activation ("tanh", ...), or None for a formula."""
        a = self.canonical_activation
        return a if a in ACTIVATIONS else None

    def model_json(self) -> dict:
        """The `ctrnn` section of a certificate's model (proofs/README.md §6.1): rational strings."""
        return {
            "W": [[str(x) for x in row] for row in self.W],
            "b": [str(x) for x in self.b],
            "activation": self.canonical_activation,
            "form": self.form,
        }

    @cached_property
    def hash(self) -> str:
        text = json.dumps(self.model_json(), sort_keys=True, separators=(",", ":")).encode("ascii")
        return "sha256:" + hashlib.sha256(text).hexdigest()

    # ---- symbolic and float views ----------------------------------------------------------
    def formula(self) -> str:
        """The activation as a sympy-ready formula in x."""
        return check_activation(self.activation)

    def sympy_activation(self, x=None):
        """s as a sympy expression in the real symbol x (or the one given)."""
        import sympy

        x = x if x is not None else sympy.Symbol("x", real=True)
        return _parse_sympy(self.formula(), x)

    def sympy_antiderivative(self, x=None):
        """g(x) = integral_0^x s as a sympy expression: a table closed form for named activations,
        sympy's integrate for formulas (may contain an unevaluated Integral)."""
        import sympy

        x = x if x is not None else sympy.Symbol("x", real=True)
        name = self.activation_name
        if name is not None:
            return _parse_sympy(ANTIDERIVATIVES[name], x)
        t = sympy.Dummy("t", real=True)
        return sympy.integrate(self.sympy_activation(t), (t, 0, x))

    @cached_property
    def W_float(self):
        import numpy as np

        return np.array([[float(x) for x in row] for row in self.W], dtype=np.float64).reshape(self.dim, self.dim)

    @cached_property
    def b_float(self):
        import numpy as np

        return np.array([float(x) for x in self.b], dtype=np.float64)


def _parse_sympy(text: str, x):
    """A formula already checked by :func:`check_activation` (or a table entry) as a sympy expression."""
    import sympy

    names = {f: getattr(sympy, f) for f in FUNCTIONS if f != "abs"}
    names.update({"abs": sympy.Abs, "Piecewise": sympy.Piecewise, "x": x, "True": sympy.true})
    return sympy.sympify(text, locals=names, rational=True)
