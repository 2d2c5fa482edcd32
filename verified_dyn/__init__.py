"""verified-dyn: find the dynamics of ReLU and tanh RNNs fast, then prove what was found.

Public API (``dir(verified_dyn)``; each name is loaded on first use, so that the checker stays light):

- models: ``load_model`` (built-in name, path, dict or model), ``PLRNN``, ``ShallowPLRNN``, ``ALRNN``,
  ``ClippedShallowPLRNN``, ``CTRNN`` (from numpy arrays, lists, Fractions or exact strings);
- one call per capability: ``cycles``, ``chaos``, ``manifolds``, ``basins``, ``invariants``,
  ``simulate``, ``verify``, ``report``, ``reproduce``, ``builtin_models``, ``sweep``; results with float
  views, exact values, verdicts with reasons, certificate paths and ``to_json()``.

Map of the package, in dependency order (each layer imports only the layers below it; the rules are
enforced by tests/test_architecture.py and explained in docs/DESIGN.md):

- ``cli``: the ``verified-dyn`` command; parses arguments, calls ``api``, hands results to ``reports``.
- ``api``: the public functions and result objects.
- ``pipelines``: search -> certify -> gate, one module per capability.
- ``reports``: tables, figures and documents drawn from checked results (computes no proof).
- ``gate``: the only code that has the kernel check a certificate and writes it (atomically, if valid).
- ``search`` (floats, numba; proposes), ``certify`` (exact and interval work; writes certificates).
- ``kernel``: the independent checker (standard library + mpmath), the only code that says PROVED.
- ``models``, ``rationals``, ``errors``, ``outcomes``, ``geometry``, ``graphs``, ``progress``: the base.
"""

__version__ = "0.2.0"

_API = (
    "ALRNN",
    "CTRNN",
    "ChaosResult",
    "ClippedShallowPLRNN",
    "CyclesResult",
    "Document",
    "Orbit",
    "PLRNN",
    "ShallowPLRNN",
    "basins",
    "builtin_models",
    "chaos",
    "cycles",
    "exact",
    "invariants",
    "load_model",
    "manifolds",
    "report",
    "reproduce",
    "simulate",
    "sweep",
    "verify",
)
__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'verified_dyn' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
