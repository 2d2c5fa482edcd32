"""The claim families; importing this package registers every claim type in core.grammar.CLAIMS."""
from . import (  # noqa: F401 - each module registers its claims on import
    census, contraction, covering, ctrnn_euler, ctrnn_planar, ctrnn_structure, homoclinic, manifolds, orbits,
    snapback)
