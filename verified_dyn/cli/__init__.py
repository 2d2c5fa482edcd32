"""The ``verified-dyn`` command: a thin layer over the public API (INTERFACE §2).

Each command module (``cycles``, ``chaos``, ``manifolds``, ``ctrnn``) registers its parsers, parses
its arguments, calls :mod:`verified_dyn.api` and hands the result to :mod:`verified_dyn.reports`;
no command computes anything itself.

Exit status: 0 the command ran (whatever it proved), 2 bad input, 1 internal error; ``verify`` exits 3
when the certificate is not valid.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from .. import __version__
from ..errors import UsageError, VerifiedDynError
from . import chaos as chaos_cmd
from . import ctrnn as ctrnn_cmd
from . import cycles as cycles_cmd
from . import manifolds as manifolds_cmd
from . import sweep as sweep_cmd

EPILOG_MAIN = """\
examples:
  verified-dyn models                                  list the built-in models
  verified-dyn cycles lozi --max-period 8              every orbit of period <= 8, certified
  verified-dyn cycles lozi:a=1.4,b=0.3 --period 7 --json
  verified-dyn cycles scyfi_multistable --trial 0 --period 1
  verified-dyn verify verified-dyn-out/lozi/cycle-p1-1.json
  verified-dyn demo --out demo/                        orbits and chaos of a built-in map, proved, with a figure
  verified-dyn chaos lozi                              chaos from a transversal homoclinic point
  verified-dyn invariants skew_tanh_2d                 conserved quantity, bounded and periodic orbits
  verified-dyn reproduce casoni2025 --out report/      the Casoni et al. (2025) claims, checked

MODEL is a built-in name (see 'verified-dyn models') or a .json / .npz / SCYFI .mat file
(format: docs/INTERFACE.md §1). Every command takes --json: one JSON document on stdout,
progress on stderr."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="verified-dyn",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Find the dynamics of recurrent networks fast, then prove them: "
        "periodic orbits of ReLU RNNs (PLRNN, shallow PLRNN, ALRNN, "
        "any continuous PL map) and invariants of continuous-time "
        "skew-symmetric RNNs. Only what the independent kernel "
        "re-checked is reported as PROVED.",
        epilog=EPILOG_MAIN,
    )
    p.add_argument("--version", action="version", version=f"verified-dyn {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def add(name, help_, epilog=None):
        sp = sub.add_parser(
            name, help=help_, description=help_, epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter
        )
        sp.add_argument("--json", action="store_true", help="print one JSON document on stdout")
        return sp

    for module in COMMAND_MODULES:
        module.add_parsers(sub, add)
    return p


COMMAND_MODULES = (cycles_cmd, ctrnn_cmd, manifolds_cmd, chaos_cmd, sweep_cmd)


def _check_dir_option(flag: str, value) -> None:
    if value is None:
        return
    for p in (Path(value), *Path(value).parents):
        if p.exists():
            if not p.is_dir():
                raise UsageError(f"--{flag} {value}: {p} exists and is not a directory")
            return


def _interrupted(e: BaseException) -> bool:
    """A KeyboardInterrupt anywhere in the exception's cause / context chain."""
    seen: set[int] = set()
    x: BaseException | None = e
    while x is not None and id(x) not in seen:
        if isinstance(x, KeyboardInterrupt):
            return True
        seen.add(id(x))
        x = x.__cause__ or x.__context__
    return False


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        _parser().print_help()
        return 2
    try:
        for flag in ("out", "proofs"):  # a directory option naming a file: a usage error, not a traceback
            _check_dir_option(flag, getattr(args, flag, None))
        module = next(m for m in COMMAND_MODULES if args.command in m.COMMANDS)
        return getattr(module, args.command)(args)
    except VerifiedDynError as e:
        print(f"verified-dyn: error: {e.flag_message() if isinstance(e, UsageError) else e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into head: stop quietly
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("verified-dyn: interrupted", file=sys.stderr)
        return 130
    except Exception as e:
        if _interrupted(e):  # Ctrl-C inside compiled code (numba) surfaces as a SystemError
            print("verified-dyn: interrupted", file=sys.stderr)
            return 130
        print(f"verified-dyn: internal error: {type(e).__name__}: {e}", file=sys.stderr)
        traceback.print_exc(file=sys.stderr)
        return 1
