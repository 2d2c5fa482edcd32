"""Continuous-time skew RNNs (MATH §5): the pipelines behind ``verified-dyn invariants``, ``simulate``
and ``reproduce casoni2025``.

- ``invariants``: certify_* (certify/ctrnn_*) -> certificate files -> kernel; only kernel-checked claims
  are PROVED (or REFUTED through a kernel-checked certificate of the negation).
- ``simulate``: untrusted float integration (search/ctrnn_integrators) with the drift of G, and the
  kernel-checked forward-Euler bound when it applies.
- ``figures``, ``reproduce``: the reproduction report of Casoni et al. (IJCNN 2025).
"""
