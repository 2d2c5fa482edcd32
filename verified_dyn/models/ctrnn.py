"""Continuous-time RNNs dx/dt = W s(x) + b or dx/dt = s(W x) + b (MATH §5), held exactly.

The activation is a known name or a formula in ``x``; formulas are checked with Python's ``ast``
(numbers, ``x``, + - * / **, and a fixed list of functions) before sympy sees them, so no text is
ever evaluated as code.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from fractions import Fraction

ACTIVATIONS = {
    "tanh": "tanh(x)", "softsign": "x/(1 + Abs(x))", "linear": "x", "hardtanh": "Max(-1, Min(1, x))",
    "sigmoid": "1/(1 + exp(-x))", "relu": "Max(0, x)", "rectified-tanh": "Max(0, tanh(x))",
    "sin": "sin(x)",
}
FUNCTIONS = {"exp", "log", "tanh", "sinh", "cosh", "sin", "cos", "atan", "sqrt", "Abs", "abs",
             "Max", "Min", "erf"}
FORMS = ("W*s(x)", "s(W*x)")
_NODES = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Call, ast.Name, ast.Constant, ast.Load,
          ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow, ast.USub, ast.UAdd)


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
        if isinstance(node, ast.Call) and not (isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS):
            raise ValueError(f"activation {text!r}: only these functions are allowed: {sorted(FUNCTIONS)}")
        if isinstance(node, ast.Constant) and (isinstance(node.value, bool)
                                               or not isinstance(node.value, (int, float))):
            raise ValueError(f"activation {text!r}: constant {node.value!r} is not a number")
    return text.strip()


@dataclass(frozen=True, eq=False)
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
        return {"kind": self.kind, "name": self.name, "dim": self.dim, "activation": self.activation,
                "form": self.form}
