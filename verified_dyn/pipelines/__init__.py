"""Pipelines: search proposes, certify writes certificates, the gate has the kernel check them.

One module per capability (cycles, chaos with its theorems entropy and homoclinic, manifolds and
basins, the ctrnn invariants and simulation, the reports that run several of them). The public API
(:mod:`verified_dyn.api`) calls these and wraps their reports in result objects.
"""
