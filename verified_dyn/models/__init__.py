"""Models: exact PL maps in normal form, continuous-time RNNs, regions, files and built-ins."""
from .ctrnn import CTRNNModel
from .loading import KINDS, PL_KINDS, load_file, model_from_dict
from .pl import PLModel
from .registry import listing, load_model
from .regions import PointRegion, all_patterns, locate, region_count, region_map

__all__ = ["CTRNNModel", "KINDS", "PL_KINDS", "PLModel", "PointRegion", "all_patterns", "listing",
           "load_file", "load_model", "locate", "model_from_dict", "region_count", "region_map"]
