"""python -m verified_dyn: the verified-dyn command."""

import sys

from .cli import main

sys.exit(main())
