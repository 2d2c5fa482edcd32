"""Models: exact PL maps in normal form, continuous-time RNNs, regions, files and built-ins.

Build a model in Python with :func:`PLRNN`, :func:`ShallowPLRNN`, :func:`ALRNN`,
:func:`ClippedShallowPLRNN` or :func:`CTRNN`; read one with :func:`load_model` (a built-in name, a
file path, a dict or a model).
"""

from .constructors import ALRNN, CTRNN, PLRNN, ClippedShallowPLRNN, ShallowPLRNN
from .ctrnn import CTRNNModel
from .loading import KINDS, PL_KINDS, load_file, model_from_dict
from .pl import PLModel
from .regions import PointRegion, all_patterns, locate, region_count, region_map
from .registry import listing, load_model

__all__ = [
    "ALRNN",
    "CTRNN",
    "CTRNNModel",
    "ClippedShallowPLRNN",
    "KINDS",
    "PLModel",
    "PLRNN",
    "PL_KINDS",
    "PointRegion",
    "ShallowPLRNN",
    "all_patterns",
    "listing",
    "load_file",
    "load_model",
    "locate",
    "model_from_dict",
    "region_count",
    "region_map",
]
