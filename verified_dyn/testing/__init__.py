"""Property tests of model claims, for researchers' own test suites.

- :mod:`verified_dyn.testing.claims`: claims as values (``has_attracting_cycle(1)``, ``chaotic()``,
  ``invertible()``, ...), decided by the pipelines and the kernel, composed with ``&``, ``|``, ``~``;
- :mod:`verified_dyn.testing.assertions`: ``assert_proved(model, claim)`` / ``assert_disproved`` with
  actionable failure messages (re-exported here);
- :mod:`verified_dyn.testing.strategies`: hypothesis strategies for models and certificate mutations
  (needs the ``test`` extra: ``pip install "verified-dyn[test]"``);
- :mod:`verified_dyn.testing.plugin`: the pytest plugin (fixtures, the ``certified`` marker, the
  ``certified`` hypothesis profile, the end-of-session summary of checked claims).

This package and ``claims`` / ``assertions`` import without hypothesis. See docs/TESTING.md.
"""

from . import claims
from .assertions import assert_disproved, assert_not_disproved, assert_proved, check
from .claims import (
    DISPROVED,
    INCONCLUSIVE,
    PROVED,
    Claim,
    Verdict,
    attractor_count,
    bounded_orbits,
    chaotic,
    conserves_G,
    has_attracting_cycle,
    invertible,
    multistable,
    no_cycles_up_to,
    not_chaotic,
    skew_symmetric,
    write_model,
)

__all__ = [
    "DISPROVED",
    "INCONCLUSIVE",
    "PROVED",
    "Claim",
    "Verdict",
    "assert_disproved",
    "assert_not_disproved",
    "assert_proved",
    "attractor_count",
    "bounded_orbits",
    "chaotic",
    "check",
    "claims",
    "conserves_G",
    "has_attracting_cycle",
    "invertible",
    "multistable",
    "no_cycles_up_to",
    "not_chaotic",
    "skew_symmetric",
    "write_model",
]
