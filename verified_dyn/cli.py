"""The ``verified-dyn`` command: a thin layer over the public API (INTERFACE §2).

Exit status: 0 the command ran (whatever it proved), 2 bad input, 1 internal error; ``verify`` exits 3
when the certificate is not valid.
"""
from __future__ import annotations

import argparse
import json
import sys
import traceback
from pathlib import Path

from . import __version__
from .errors import VerifiedDynError

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
(format: the Models section of README.md). Every command takes --json: one JSON document on stdout,
progress on stderr."""

EPILOG_CYCLES = """\
what it does:
  Proposes itineraries (sequences of linear regions): all of them up to rotation when that is at
  most 20000 (--search exhaustive), otherwise with a fast numba SCYFI-style search (--search
  heuristic, which can miss orbits). Each proposal is solved exactly in rational arithmetic, every
  point checked strictly inside its region, the eigenvalue counts decided exactly; a certificate per
  orbit is written and re-checked by the independent kernel. Only kernel-verified orbits are listed.
  Orbits touching a switching line are listed apart as border orbits; itineraries with
  det(I - P) = 0 as degenerate; heuristic proposals that fail certification are counted.

examples:
  verified-dyn cycles lozi --max-period 10
  verified-dyn cycles tent:slope=2 --period 6 --json > tent6.json
  verified-dyn cycles gardini_fig5 --max-period 8 --out fig5-certs/
  verified-dyn cycles my_model.json --max-period 4
  verified-dyn cycles scyfi_multistable --trial 0 --period 1     (5 fixed points, 1024 regions)
  verified-dyn cycles scyfi_40cycle --period 40                   (heuristic: 2^40 itineraries)
  verified-dyn cycles scyfi_multistable --trial 3 --max-period 6 --budget 30 --seed 1
  verified-dyn cycles lozi --max-period 14 --complete            (proves the list is complete)
  verified-dyn cycles scyfi_16cycle --period 15 --complete        (proves there is no 15-cycle)"""

EPILOG_VERIFY = """\
The kernel re-checks the certificate with exact rationals only (Python's fractions), never trusting
the program that wrote it. With MODEL it also checks that the certificate speaks about that model
(same hash of the exact parameters). Exit status 0 if PROVED, 3 otherwise.

examples:
  verified-dyn verify verified-dyn-out/lozi/cycle-p4-1.json
  verified-dyn verify cert.json lozi --json
  python -m verified_dyn.kernel --selftest proofs/      (re-check every committed certificate)"""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="verified-dyn", formatter_class=argparse.RawDescriptionHelpFormatter,
                                description="Find the dynamics of recurrent networks fast, then prove them: "
                                            "periodic orbits of ReLU RNNs (PLRNN, shallow PLRNN, ALRNN, "
                                            "any continuous PL map) and invariants of continuous-time "
                                            "skew-symmetric RNNs. Only what the independent kernel "
                                            "re-checked is reported as PROVED.",
                                epilog=EPILOG_MAIN)
    p.add_argument("--version", action="version", version=f"verified-dyn {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def add(name, help_, epilog=None):
        sp = sub.add_parser(name, help=help_, description=help_, epilog=epilog,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
        sp.add_argument("--json", action="store_true", help="print one JSON document on stdout")
        return sp

    sp = add("models", "list the built-in models")
    sp.add_argument("--out", type=Path, help=argparse.SUPPRESS)

    sp = add("cycles", "find and certify all periodic orbits up to a period", EPILOG_CYCLES)
    sp.add_argument("model", metavar="MODEL", help="built-in name or model file")
    g = sp.add_mutually_exclusive_group(required=True)
    g.add_argument("--max-period", type=int, metavar="K", help="all minimal periods 1..K")
    g.add_argument("--period", type=int, metavar="k", help="only minimal period k")
    sp.add_argument("--trial", type=int, metavar="N", help="which model of a SCYFI .mat file")
    sp.add_argument("--search", choices=("auto", "exhaustive", "heuristic"), default="auto",
                    help="how orbits are proposed: every itinerary (exhaustive), the numba SCYFI-style "
                         "search (heuristic), or exhaustive when small, else heuristic (auto, default)")
    sp.add_argument("--complete", action="store_true",
                    help="prove that no orbit was missed: a census certificate per period (Farkas-pruned "
                         "walk over all itineraries), re-checked by the kernel")
    sp.add_argument("--budget", type=float, default=None, metavar="SECONDS",
                    help="time for the heuristic search or the census, all periods together "
                         "(default 10 for the heuristic, 600 with --complete)")
    sp.add_argument("--seed", type=int, default=0, metavar="N", help="random seed of the heuristic (default 0)")
    sp.add_argument("--out", type=Path, metavar="DIR",
                    help="where certificates go (default: verified-dyn-out/<model>/)")
    sp.add_argument("--quiet", action="store_true", help="no progress on stderr")

    sp = add("verify", "re-check a certificate with the independent kernel", EPILOG_VERIFY)
    sp.add_argument("certificate", metavar="CERT", type=Path)
    sp.add_argument("model", metavar="MODEL", nargs="?", help="the model the certificate must be about")
    sp.add_argument("--trial", type=int, metavar="N")
    sp.add_argument("--out", type=Path, help=argparse.SUPPRESS)

    sp = add("demo", "report on a built-in chaotic map: every orbit up to period 8 and chaos, all proved (no arguments needed)")
    sp.add_argument("--out", type=Path, default=Path("verified-dyn-demo"), metavar="DIR",
                    help="where the report goes (default: verified-dyn-demo/)")
    sp.add_argument("--max-period", type=int, default=8, metavar="K", help="default 8")
    sp.add_argument("--quiet", action="store_true", help="no progress on stderr")

    sp = add("report", "the demo's report for any piecewise-linear MODEL: every periodic orbit up to a period "
             "(proved complete), chaos where a transversal homoclinic point is proved, a figure",
             "examples:\n  verified-dyn report lozi --out reports/lozi\n"
             "  verified-dyn report scyfi_multistable --trial 0 --max-period 1 --out reports/checkpoint0")
    sp.add_argument("model", metavar="MODEL", help="built-in name or model file")
    sp.add_argument("--trial", type=int, metavar="N", help="which model of a SCYFI .mat file")
    sp.add_argument("--out", type=Path, required=True, metavar="DIR", help="where the report goes")
    sp.add_argument("--max-period", type=int, default=8, metavar="K", help="default 8")
    sp.add_argument("--quiet", action="store_true", help="no progress on stderr")

    for module in _command_modules():
        module.add_parsers(sub, add)
    return p


COMMAND_MODULES = ("commands_ctrnn", "commands_manifolds", "commands_chaos")


def _command_modules():
    """The modules that add commands (each has ``add_parsers(sub, add)`` and ``COMMANDS``)."""
    import importlib
    return [importlib.import_module(f".{name}", __package__) for name in COMMAND_MODULES]


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        _parser().print_help()
        return 2
    try:
        from . import commands
        module = next((m for m in _command_modules() if args.command in m.COMMANDS), commands)
        return getattr(module, args.command)(args)
    except VerifiedDynError as e:
        print(f"verified-dyn: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:          # e.g. piped into head: stop quietly
        import os
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("verified-dyn: interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # noqa: BLE001 - the last line of defence, exit status 1
        print(f"verified-dyn: internal error: {type(e).__name__}: {e}", file=sys.stderr)
        traceback.print_exc(file=sys.stderr)
        return 1


def emit(args, document: dict, text: str) -> None:
    """Print the JSON document (with --json) or the human text."""
    if args.json:
        sys.stdout.write(dumps(document) + "\n")
    else:
        print(text)


def dumps(doc, indent: int = 0) -> str:
    """JSON with one key per line but lists of scalars (points, itineraries) kept on one line."""
    pad = " " * (indent + 1)
    if isinstance(doc, dict) and doc:
        items = [f"{pad}{json.dumps(k)}: {dumps(v, indent + 1)}" for k, v in doc.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    if isinstance(doc, list) and doc and any(isinstance(x, dict) for x in doc):
        return "[\n" + ",\n".join(pad + dumps(x, indent + 1) for x in doc) + "\n" + " " * indent + "]"
    return json.dumps(doc)


if __name__ == "__main__":
    sys.exit(main())
