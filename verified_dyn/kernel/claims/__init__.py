"""The claim families; importing this package registers every claim type in core.grammar.CLAIMS."""
from . import (census, contraction, covering, ctrnn_euler, ctrnn_planar, ctrnn_structure, homoclinic, manifolds,
               orbits, snapback)
