"""The selftest: re-check the committed certificates and the built-in ones against expected verdicts.

DIR/expected.json maps certificate paths (relative to DIR) to expected verdicts ("PROVED", ...,
or {"verdict": ...}). Without DIR, the first proofs/expected.json found walking up from the
current directory is used; if there is none, only the built-in certificates are checked.
Reference: proofs/README.md §5.
"""
from __future__ import annotations

from pathlib import Path
from collections.abc import Callable

from ..checks import check, check_file
from ..core.grammar import parse_json
from ..core.rat import Malformed
from ..core.verdict import INCONCLUSIVE, PROVED, REFUTED, Verdict
from . import builtin

VERDICTS = (PROVED, REFUTED, INCONCLUSIVE)


def find_proofs_dir(start: Path | None = None) -> Path | None:
    """The first directory `proofs` containing expected.json at or above `start` (default: cwd)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "proofs" / "expected.json").is_file():
            return folder / "proofs"
    return None


def _first_bad(v: Verdict) -> str | None:
    """The name of the first obligation that failed or could not be decided."""
    return next((o["name"] for o in v.obligations if o["status"] in ("failed", "unknown")), None)


def _line(ok: bool, want: str, got: Verdict, label: str) -> str:
    if ok:
        return f"ok    {got.verdict:<12} {label}"
    return f"FAIL  expected {want}, got {got.verdict} ({got.reason})  {label}"


def _expected(directory: Path) -> dict[str, str]:
    table = parse_json((directory / "expected.json").read_bytes())
    if not isinstance(table, dict):
        raise Malformed("expected.json must be an object mapping paths to verdicts")
    out = {}
    for rel, want in table.items():
        want = want.get("verdict") if isinstance(want, dict) else want
        if want not in VERDICTS:
            raise Malformed(f"expected.json: {rel!r} has no verdict among {VERDICTS}")
        out[rel] = want
    return out


def _check_directory(directory: Path, say: Callable[[str], None]) -> int:
    try:
        table = _expected(directory)
    except (OSError, Malformed) as exc:
        say(f"FAIL  cannot read {directory / 'expected.json'}: {exc}")
        return 1
    failures = 0
    for rel, want in sorted(table.items()):
        got = check_file(directory / rel)
        failures += got.verdict != want
        say(_line(got.verdict == want, want, got, rel))
    listed = {(directory / rel).resolve() for rel in table}
    for path in sorted(directory.rglob("*.json")):
        if path.name != "expected.json" and path.resolve() not in listed:
            say(f"note  not listed in expected.json: {path.relative_to(directory)}")
    return failures


def selftest(directory: str | Path | None = None, say: Callable[[str], None] = print) -> int:
    """0 iff every built-in and every listed certificate gets its expected verdict, else 1."""
    failures = 0
    for name, cert, want, obligation in builtin.cases():
        got = check(cert)
        ok = got.verdict == want and obligation in (None, _first_bad(got))
        failures += not ok
        say(_line(ok, f"{want} at {obligation}" if obligation else want, got, f"builtin: {name}"))
    folder = Path(directory) if directory is not None else find_proofs_dir()
    if folder is None:
        say("note  no proofs/expected.json found from the current directory: built-in certificates only")
    else:
        failures += _check_directory(folder, say)
    say(f"selftest: {'passed' if failures == 0 else f'{failures} mismatch(es)'}")
    return 0 if failures == 0 else 1
