"""verified-dyn: find the dynamics of ReLU and tanh RNNs fast, then prove what was found.

Map of the package, in dependency order (each layer imports only layers above it):

- ``errors``, ``rationals``: the exception tree; the one place numbers become exact.
- ``models``: exact PL maps in normal form F(z) = A z + W1 relu(W2 z + h2) + h1, continuous-time
  RNNs (``ctrnn``), regions, model files and built-in models.
- ``search``: untrusted proposals: itinerary enumeration, the numba SCYFI-style search, fixed points of
  all regions, ctrnn integrators and Lyapunov estimates. Never imports certify/kernel.
- ``certify``: exact and interval work (python-flint, sympy, mpmath) that turns a proposal into a
  certificate: cycles and their spectra, census walks with Farkas pruning, ctrnn invariants.
- ``kernel``: the independent checker (standard library + mpmath); the only code that says PROVED.
- ``cycles``: the pipeline search -> certify -> kernel for periodic orbits (exhaustive, heuristic,
  complete).
- ``ctrnn``: the pipeline for continuous-time skew RNNs (invariants, simulate, the casoni2025 report).
- ``reports``: figures and documents drawn from checked certificates only.
- ``cli`` (+ ``commands*``): the ``verified-dyn`` command.

Public API: ``load_model``, ``certify_cycle``, ``find_cycles``, ``check``.
"""
__version__ = "0.1.0"


def __getattr__(name):  # lazy public API, so that importing the kernel stays light
    if name == "load_model":
        from .models import load_model
        return load_model
    if name == "certify_cycle":
        from .certify import certify_cycle
        return certify_cycle
    if name == "find_cycles":
        from .cycles import find_cycles
        return find_cycles
    if name == "check":
        from .kernel import check
        return check
    raise AttributeError(name)
