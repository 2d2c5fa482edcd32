"""python -m verified_dyn.cli: the verified-dyn command."""

import sys

from . import main

sys.exit(main())
