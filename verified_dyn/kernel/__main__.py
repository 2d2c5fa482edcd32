"""Command line: `python -m verified_dyn.kernel CERT [--expected-hash H] [--json]` checks one
certificate (exit 0 if PROVED, 3 otherwise); `--selftest [DIR]` runs the selftest (exit 0 iff every
verdict matches its expectation, proofs/README.md §5)."""
from __future__ import annotations

import argparse
import json
import sys

from .checks import check_file
from .tools.selftest import selftest


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the check or the selftest, print the result; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m verified_dyn.kernel",
                                     description="Independent checker of verified-dyn certificates.")
    parser.add_argument("cert", nargs="?", help="certificate file to check")
    parser.add_argument("--expected-hash", help="the model hash the certificate must be about")
    parser.add_argument("--json", action="store_true", help="print the verdict as one JSON document")
    parser.add_argument("--selftest", nargs="?", const="", default=None, metavar="DIR",
                        help="re-check DIR/expected.json (default: proofs/ found upwards) and the built-ins")
    args = parser.parse_args(argv)
    if args.selftest is not None:
        if args.cert is not None:
            parser.error("give either CERT or --selftest")
        return selftest(args.selftest or None)
    if args.cert is None:
        parser.error("a certificate file is required (or --selftest)")
    verdict = check_file(args.cert, args.expected_hash)
    if args.json:
        print(json.dumps(verdict.to_dict(), indent=1))
    else:
        print(f"{verdict.verdict}: {args.cert}" + (f" ({verdict.reason})" if verdict.reason else ""))
        for ob in verdict.obligations:
            print(f"  {ob['status']:<8} {ob['name']}: {ob['detail']}")
    return 0 if verdict.proved else 3


if __name__ == "__main__":
    sys.exit(main())
