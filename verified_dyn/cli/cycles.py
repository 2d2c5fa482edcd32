"""The commands ``models``, ``cycles``, ``verify``, ``demo`` and ``report`` (INTERFACE §2)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .. import api
from ..reports import tables
from ..reports.serialize import cycles_json
from .output import emit, out_dir

COMMANDS = ("models", "cycles", "verify", "demo", "report")

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
(same hash of the exact parameters). Exit status 0 if PROVED, 3 otherwise. Given many certificates
or folders (searched recursively for *.json), it checks each in this process, prints one line each
and a summary, and exits 0 iff all are PROVED.

examples:
  verified-dyn verify verified-dyn-out/lozi/cycle-p4-1.json
  verified-dyn verify cert.json lozi --json
  verified-dyn verify sweeps/lozi-a/certificates/ a.json b.json     (one line each and a summary)
  python -m verified_dyn.kernel --selftest proofs/      (re-check every committed certificate)"""


def add_parsers(sub, add) -> None:
    """Register models, cycles, verify, demo and report on the main parser's subparsers."""
    sp = add("models", "list the built-in models")
    sp.add_argument("--out", type=Path, help=argparse.SUPPRESS)

    sp = add("cycles", "find and certify all periodic orbits up to a period", EPILOG_CYCLES)
    sp.add_argument("model", metavar="MODEL", help="built-in name or model file")
    g = sp.add_mutually_exclusive_group(required=True)
    g.add_argument("--max-period", type=int, metavar="K", help="all minimal periods 1..K")
    g.add_argument("--period", type=int, metavar="k", help="only minimal period k")
    sp.add_argument("--trial", type=int, metavar="N", help="which model of a SCYFI .mat file")
    sp.add_argument(
        "--search",
        choices=("auto", "exhaustive", "heuristic"),
        default="auto",
        help="how orbits are proposed: every itinerary (exhaustive), the numba SCYFI-style "
        "search (heuristic), or exhaustive when small, else heuristic (auto, default)",
    )
    sp.add_argument(
        "--complete",
        action="store_true",
        help="prove that no orbit was missed: a census certificate per period (Farkas-pruned "
        "walk over all itineraries), re-checked by the kernel",
    )
    sp.add_argument(
        "--budget",
        type=float,
        default=None,
        metavar="SECONDS",
        help="time for the heuristic search or the census, all periods together "
        "(default 10 for the heuristic, 600 with --complete)",
    )
    sp.add_argument("--seed", type=int, default=0, metavar="N", help="random seed of the heuristic (default 0)")
    sp.add_argument(
        "--out", type=Path, metavar="DIR", help="where certificates go (default: verified-dyn-out/<model>/)"
    )
    sp.add_argument("--quiet", action="store_true", help="no progress on stderr")

    sp = add("verify", "re-check certificates with the independent kernel", EPILOG_VERIFY)
    sp.add_argument(
        "paths",
        metavar="CERT",
        nargs="+",
        help="a certificate [and the MODEL it must be about], or many certificates and folders of them",
    )
    sp.add_argument("--model", dest="model_opt", metavar="MODEL", help="the model every certificate must be about")
    sp.add_argument("--trial", type=int, metavar="N")
    sp.add_argument("--out", type=Path, help=argparse.SUPPRESS)

    sp = add(
        "demo",
        "report on a built-in chaotic map: every orbit up to period 8 and chaos, all proved (no arguments needed)",
    )
    sp.add_argument(
        "--out",
        type=Path,
        default=Path("verified-dyn-demo"),
        metavar="DIR",
        help="where the report goes (default: verified-dyn-demo/)",
    )
    sp.add_argument("--max-period", type=int, default=8, metavar="K", help="default 8")
    sp.add_argument("--quiet", action="store_true", help="no progress on stderr")

    sp = add(
        "report",
        "the demo's report for any piecewise-linear MODEL: every periodic orbit up to a period "
        "(proved complete), chaos where a transversal homoclinic point is proved, a figure",
        "examples:\n  verified-dyn report lozi --out reports/lozi\n"
        "  verified-dyn report scyfi_multistable --trial 0 --max-period 1 --out reports/checkpoint0",
    )
    sp.add_argument("model", metavar="MODEL", help="built-in name or model file")
    sp.add_argument("--trial", type=int, metavar="N", help="which model of a SCYFI .mat file")
    sp.add_argument("--out", type=Path, required=True, metavar="DIR", help="where the report goes")
    sp.add_argument("--max-period", type=int, default=8, metavar="K", help="default 8")
    sp.add_argument("--quiet", action="store_true", help="no progress on stderr")


def models(args) -> int:
    rows = api.builtin_models()
    emit(args, {"models": rows}, tables.models_table(rows))
    return 0


def cycles(args) -> int:
    out = out_dir(args, args.model)
    t0 = time.perf_counter()
    res = api.cycles(
        args.model,
        args.max_period,
        args.period,
        complete=args.complete,
        search=args.search,
        budget=args.budget,
        seed=args.seed,
        out=out,
        progress=not args.quiet,
        trial=args.trial,
    )
    doc = cycles_json(res.report)
    doc["seconds"]["total"] = round(time.perf_counter() - t0, 4)
    emit(args, doc, tables.cycles_table(res.report, doc, out))
    return 0


def verify(args) -> int:
    certificates, model = _verify_targets(args)
    if len(certificates) == 1 and not Path(args.paths[0]).is_dir():
        args.certificate, args.model = certificates[0], model
        return _verify_one(args)
    return _verify_many(args, certificates, model)


def _verify_targets(args) -> tuple[list[Path], str | None]:
    """The certificates and the model: ``CERT [MODEL]`` as before, else every path a certificate or folder."""
    paths, model = list(args.paths), args.model_opt
    if len(paths) == 2 and model is None and not _looks_like_certificate(paths[1]):
        paths, model = paths[:1], paths[1]
    found: list[Path] = []
    for p in map(Path, paths):
        found += sorted(q for q in p.rglob("*.json") if not q.name.startswith(".")) if p.is_dir() else [p]
    return found, model


def _looks_like_certificate(arg: str) -> bool:
    p = Path(arg)
    if p.is_dir():
        return True
    if not p.is_file() or p.suffix.lower() != ".json":
        return False
    try:
        head = p.read_text("utf-8", errors="replace")[:512]
    except OSError:
        return False
    return '"verified-dyn/certificate"' in head


def _verify_one(args) -> int:
    verdict = api.verify(args.certificate, args.model, args.trial)
    doc = {"certificate": str(args.certificate), **verdict.to_dict()}
    if args.model:
        doc["expected_hash"] = api.load_model(args.model, args.trial).hash
    else:  # say which model the verdict is about (as the certificate names it)
        section = api.read_certificate(args.certificate).get("model")
        section = section if isinstance(section, dict) else {}
        doc["model"] = {"name": section.get("name"), "hash": section.get("hash")}
    emit(args, doc, tables.verify_text(str(args.certificate), verdict.to_dict(), doc.get("model")))
    return 0 if verdict.proved else 3


def _verify_many(args, certificates: list[Path], model: str | None) -> int:
    from ..errors import VerifiedDynError

    rows = []
    for cert in certificates:
        try:
            v = api.verify(cert, model, args.trial).to_dict()
            rows.append({"certificate": str(cert), "verdict": v["verdict"], "claim_type": v["claim_type"],
                         "reason": v["reason"]})  # fmt: skip
        except VerifiedDynError as e:
            rows.append({"certificate": str(cert), "verdict": "ERROR", "claim_type": None, "reason": str(e)})
        if not args.json:
            r = rows[-1]
            line = f"{r['verdict']}  {r['certificate']}  ({r['claim_type'] or 'unknown claim'})"
            print(line + (f": {r['reason']}" if r["verdict"] != "PROVED" and r["reason"] else ""), flush=True)
    proved = sum(r["verdict"] == "PROVED" for r in rows)
    doc = {"certificates": rows, "total": len(rows), "proved": proved, "all_proved": proved == len(rows) > 0}
    if model:
        doc["expected_hash"] = api.load_model(model, args.trial).hash
    summary = f"{len(rows)} certificates: {proved} PROVED, {len(rows) - proved} not"
    if args.json:
        emit(args, doc, summary)
    else:
        print(summary)
    return 0 if doc["all_proved"] else 3


def demo(args) -> int:
    return report(args)


def report(args) -> int:
    """``demo`` (the built-in Fig 5 map) and ``report MODEL``: orbits (proved complete) and chaos."""
    doc = api.report(
        getattr(args, "model", None),
        args.out,
        max_period=args.max_period,
        progress=not args.quiet,
        trial=getattr(args, "trial", None),
    ).to_json()
    text = (
        f"wrote {doc['report_md']} and {doc['report_html']} ({doc['orbits']} certified orbits, figure {doc['figure']})"
    )
    emit(args, doc, text)
    print(text if args.json else "", file=sys.stderr, end="\n" if args.json else "")
    return 0
