"""The ``osaaminen`` command: thin commands over the public API.

Errors go to standard error with exit status 2 (bad input or data) or 1 (anything else unexpected).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from osaaminen.exceptions import OsaaminenError

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        result: int = args.run(args)
    except OsaaminenError as exc:
        print(f"osaaminen: error: {exc}", file=sys.stderr)
        return 2
    return result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="osaaminen",
        description="Competence recognition and training paths on the ESCO taxonomy (offline).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = commands.add_parser("demo", help="recognise an invented work history with the bundled data")
    demo.set_defaults(run=_demo)

    taxonomy = commands.add_parser("taxonomy", help="summarise the bundled taxonomy or an ESCO CSV export")
    taxonomy.add_argument("--esco-csv", metavar="FOLDER", help="an official ESCO CSV export (folder or zip)")
    taxonomy.add_argument(
        "--languages", default=None, metavar="fi,sv,en", help="comma-separated language codes (default: all)"
    )
    taxonomy.add_argument("--json", action="store_true", help="print JSON instead of a table")
    taxonomy.set_defaults(run=_taxonomy)
    return parser


# An invented work history (no real person), in the mixed register coaches see.
DEMO_HISTORY = """Varastotyöntekijä, Logistiikka Oy, Lahti (2019-2022)
- trukilla ajo, keräily ja lähetysten pakkaus
- hygieniapassi ja työturvallisuuskortti
Kesätyö: kassatyöt ja asiakaspalvelu kaupassa.
Ei kokemusta SAP-järjestelmästä.
I also worked as a cleaner in a hotel for two years."""


def _demo(args: argparse.Namespace) -> int:
    import time

    from osaaminen import SkillRecogniser, load_esco

    started = time.perf_counter()
    tax = load_esco()
    print(f"{tax!r}  ({time.perf_counter() - started:.1f} s)")
    print(f"{len(tax.dropped)} source rows name concepts that ESCO v1.1.1 lacks: see Taxonomy.dropped.\n")

    started = time.perf_counter()
    recogniser = SkillRecogniser(tax)
    profile = recogniser.recognise(DEMO_HISTORY)
    print(
        f"Recognised an invented work history ({len(DEMO_HISTORY)} characters, language {profile.language!r}) "
        f"in {time.perf_counter() - started:.1f} s (the first run builds and caches the indexes):\n"
    )
    print("  " + DEMO_HISTORY.replace("\n", "\n  ") + "\n")
    print("Past occupations:")
    for occupation in list(profile.occupations)[:5]:
        years = f", {occupation.years:g} years" if occupation.years else ""
        print(f"  {occupation.score:.2f}  {occupation.label} ({tax.label(occupation.uri, 'en')}){years}")
    explicit = [m for m in profile.skills if m.source == "explicit"]
    print("Skills stated in the text (score, skill, evidence):")
    for match in explicit[:12]:
        evidence = "; ".join(f"{e.text!r} @{e.start}" for e in match.evidence)
        print(f"  {match.score:.2f}  {match.label}  <- {evidence}")
    inferred = [m for m in profile.skills if m.source == "occupation"]
    print(f"Skills inferred from the occupations (lower scores): {len(inferred)}, e.g.")
    for match in inferred[:5]:
        print(f"  {match.score:.2f}  {match.label}")
    return 0


def _taxonomy(args: argparse.Namespace) -> int:
    from osaaminen import Taxonomy, load_esco

    languages = [code for code in args.languages.split(",") if code] if args.languages else None
    if args.esco_csv:
        tax = Taxonomy.from_esco_csv(args.esco_csv, languages, unknown_references="warn")
    else:
        tax = load_esco(languages=languages) if languages else load_esco()
    summary = tax.summary()
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        _print_table(summary)
    return 0


def _print_table(rows: dict[str, object]) -> None:
    width = max(len(key) for key in rows)
    for key, value in rows.items():
        shown = ", ".join(map(str, value)) if isinstance(value, list) else value
        shown = f"{shown:,}" if isinstance(shown, int) else shown
        print(f"{key:<{width}}  {shown}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
