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

# ESCO's welder (hitsaaja): a concrete occupation to show what the taxonomy holds in each language.
_DEMO_OCCUPATION = "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b"


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

    demo = commands.add_parser("demo", help="load the bundled data and show what it holds")
    demo.set_defaults(run=_demo)

    taxonomy = commands.add_parser("taxonomy", help="summarise the bundled taxonomy or an ESCO CSV export")
    taxonomy.add_argument("--esco-csv", metavar="FOLDER", help="an official ESCO CSV export (folder or zip)")
    taxonomy.add_argument(
        "--languages", default=None, metavar="fi,sv,en", help="comma-separated language codes (default: all)"
    )
    taxonomy.add_argument("--json", action="store_true", help="print JSON instead of a table")
    taxonomy.set_defaults(run=_taxonomy)
    return parser


def _demo(args: argparse.Namespace) -> int:
    from osaaminen import load_esco

    tax = load_esco()
    summary = tax.summary()
    print(f"{tax!r}\n")
    _print_table(summary)
    print(f"\nOccupation {_DEMO_OCCUPATION}")
    for lang in tax.languages:
        print(f"  {lang}: {tax.label(_DEMO_OCCUPATION, lang)}")
    essential = tax.essential_skills(_DEMO_OCCUPATION)
    print(f"  essential skills ({len(essential)}), in Finnish:")
    for uri in essential[:8]:
        print(f"    - {tax.label(uri, 'fi')}  ({tax.label(uri, 'en')})")
    cards = tax.skills[tax.skills["source"] != "esco"]
    print(f"\nLocal extension concepts ({len(cards)}): " + ", ".join(cards["label_fi"].head(8)) + ", ...")
    print(f"\n{summary['dropped rows']} source rows name concepts that ESCO v1.1.1 lacks: see Taxonomy.dropped.")
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
