"""The ``osaaminen`` command: thin commands over the public API (also ``python -m osaaminen``).

Commands: ``recognise`` (skills and past occupations in a work history), ``targets`` (growth-sector
occupations ranked by reachability), ``plan`` (training paths to one target), ``report`` (the coach
report as one HTML file), ``demo`` (an invented history through the whole chain) and ``taxonomy``.
A work history is read from a file or, with ``-`` , from standard input (UTF-8).

Exit status: 0 on success, 1 for bad input or data (the message goes to standard error), 2 for a
command line that argparse rejects. Progress bars go to standard error, only when it is a terminal.
Nothing a person wrote is logged.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from osaaminen.exceptions import OsaaminenError

if TYPE_CHECKING:
    import pandas as pd

    from osaaminen.models import SkillProfile
    from osaaminen.paths import Plan
    from osaaminen.programmes import Catalogue
    from osaaminen.taxonomy import Taxonomy

__all__ = ["DEMO_HISTORY", "main"]

# An invented work history (no real person), in the mixed register coaches see.
DEMO_HISTORY = """Varastotyöntekijä, Logistiikka Oy, Lahti (2019-2022)
- trukilla ajo, keräily ja lähetysten pakkaus
- hygieniapassi ja työturvallisuuskortti
Kesätyö: kassatyöt ja asiakaspalvelu kaupassa.
Ei kokemusta SAP-järjestelmästä.
I also worked as a cleaner in a hotel for two years."""

_EPILOG = """examples:
  osaaminen demo                                  the whole chain on an invented history
  osaaminen recognise cv.txt --format table       skills and occupations in a work history
  cat cv.txt | osaaminen targets -                growth-sector jobs within reach (Lahti region)
  osaaminen plan cv.txt --target "lähihoitaja"    training paths to one occupation (label or URI)
  osaaminen report cv.txt -o raportti.html        the coach report (one HTML file, offline)

Work histories are personal data: osaaminen runs offline, sends nothing anywhere and logs no text."""


class UsageError(Exception):
    """A command line that parses but cannot be carried out (a missing file, an ambiguous target)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 bad input or data, 2 bad usage)."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        result: int = args.run(args)
    except (OsaaminenError, UsageError) as exc:
        print(f"osaaminen: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `osaaminen recognise cv.txt | head`
        return 0
    return result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="osaaminen",
        description="Competence recognition and training paths on the ESCO taxonomy, offline.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from osaaminen import __version__

    parser.add_argument("--version", action="version", version=f"osaaminen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str, description: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help_text, description=description)

    recognise = command(
        "recognise",
        "skills and past occupations in a work history",
        "Recognise the skills and past occupations in a work history, with scores and evidence.",
    )
    _add_input(recognise)
    recognise.add_argument(
        "--format", choices=("table", "json", "csv"), default="table", help="output format (default: table)"
    )
    recognise.add_argument("--text-language", metavar="CODE", help="the text's language (default: detected)")
    recognise.set_defaults(run=_recognise)

    targets = command(
        "targets",
        "growth-sector occupations ranked by reachability",
        "Rank the growth-sector occupations of a region by how reachable they are for the person: "
        "share of the required skills held, then held or taught by local training, then weeks of study.",
    )
    _add_input(targets)
    _add_chain(targets)
    targets.add_argument("--top", type=int, default=15, metavar="N", help="show the first N (default: 15)")
    targets.add_argument("--format", choices=("table", "json", "csv"), default="table", help="default: table")
    targets.set_defaults(run=_targets)

    plan = command(
        "plan",
        "training paths to one target occupation",
        "Plan the best training path (and distinct alternatives) to a target occupation through the "
        "programmes of the catalogue, explained in plain language.",
    )
    _add_input(plan)
    _add_chain(plan, targets=False)
    _add_target(plan, required=True)
    plan.add_argument("--format", choices=("text", "json"), default="text", help="default: text")
    plan.set_defaults(run=_plan)

    report = command(
        "report",
        "the coach report as one HTML file",
        "Write the coach report: skills with evidence, reachable growth-sector jobs, the recommended path "
        "as a timeline, the skill gap, alternatives and what is not offered locally. One self-contained "
        "HTML file (no network) that prints on A4.",
    )
    _add_input(report)
    _add_chain(report)
    _add_target(report, required=False)
    report.add_argument("-o", "--output", required=True, metavar="PATH", help="the HTML file to write")
    report.add_argument("--json", metavar="PATH", help="also write the report's content as JSON")
    report.set_defaults(run=_report)

    demo = command(
        "demo",
        "the whole chain on an invented work history",
        "Recognise an invented work history with the bundled data, rank growth-sector targets, plan a "
        "path to the most reachable one and write the coach report.",
    )
    demo.add_argument(
        "-o", "--output", default="osaaminen-demo-report.html", metavar="PATH", help="default: %(default)s"
    )
    demo.add_argument("--language", choices=("fi", "en"), default="fi", help="report language (default: fi)")
    demo.set_defaults(run=_demo)

    taxonomy = command(
        "taxonomy", "summarise the bundled taxonomy or an ESCO CSV export", "Summarise a taxonomy: counts, languages."
    )
    taxonomy.add_argument("--esco-csv", metavar="FOLDER", help="an official ESCO CSV export (folder or zip)")
    taxonomy.add_argument(
        "--languages", default=None, metavar="fi,sv,en", help="comma-separated language codes (default: all)"
    )
    taxonomy.add_argument("--json", action="store_true", help="print JSON instead of a table")
    taxonomy.set_defaults(run=_taxonomy)
    return parser


def _add_input(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the work history (a text file); - reads standard input")
    parser.add_argument("--encoding", default="utf-8", help="the file's encoding (default: utf-8; e.g. cp1252)")


def _add_chain(parser: argparse.ArgumentParser, *, targets: bool = True) -> None:
    parser.add_argument("--language", choices=("fi", "en"), default="fi", help="language of the names (default: fi)")
    if targets:
        parser.add_argument("--region", default="MK07", help="region (maakunta) code of the targets (default: MK07)")
        parser.add_argument("--sector", default=None, help="only targets in this growth sector (e.g. logistics)")
    parser.add_argument(
        "--objective", choices=("weeks", "cost", "steps"), default="weeks", help="what the path minimises"
    )
    parser.add_argument("--catalogue", metavar="PATH", help="a programme catalogue folder or file (default: Lahti)")


def _add_target(parser: argparse.ArgumentParser, *, required: bool) -> None:
    default = "" if required else " (default: the most reachable growth-sector target)"
    parser.add_argument(
        "--target",
        required=required,
        metavar="URI|LABEL",
        help=f"target occupation: an ESCO URI or a label in Finnish or English{default}",
    )
    parser.add_argument("--alternatives", type=int, default=3, metavar="K", help="paths to show (default: 3)")


# -- progress -----------------------------------------------------------------------------------------


@contextmanager
def _progress(total: int) -> Iterator[Any]:
    """A stage progress bar on standard error when it is a terminal; a silent stand-in otherwise."""
    from tqdm import tqdm

    bar = tqdm(total=total, file=sys.stderr, disable=not sys.stderr.isatty(), leave=False, unit="step")
    try:
        yield bar
    finally:
        bar.close()


def _stage(bar: Any, text: str) -> None:
    bar.set_description_str(text)
    bar.update(1)


# -- the chain ----------------------------------------------------------------------------------------


def _read(name: str, encoding: str = "utf-8") -> str:
    from osaaminen.text.input import check_text

    if name == "-":
        raw = sys.stdin.buffer.read()
    else:
        path = Path(name)
        if not path.is_file():
            raise UsageError(f"no such file: {name} (give a text file, or - to read standard input)")
        raw = path.read_bytes()
    try:
        return check_text(raw, encoding=encoding)
    except LookupError:
        raise UsageError(f"unknown encoding {encoding!r}; use e.g. utf-8, cp1252 or latin-1") from None


def _recognised(text: str, bar: Any, language: str | None = None) -> tuple[Taxonomy, SkillProfile]:
    from osaaminen import SkillRecogniser, load_esco

    _stage(bar, "loading the taxonomy")
    tax = load_esco()
    _stage(bar, "recognising")
    profile = SkillRecogniser(tax).recognise(text, language)
    return tax, profile


def _catalogue(args: argparse.Namespace, tax: Taxonomy) -> Catalogue:
    from osaaminen.programmes import Catalogue, load_programmes

    if args.catalogue:
        return Catalogue.from_files(args.catalogue, taxonomy=tax)
    return load_programmes("lahti")


def _ranked(args: argparse.Namespace, profile: SkillProfile, tax: Taxonomy, catalogue: Catalogue) -> pd.DataFrame:
    from osaaminen.paths import growth_targets, rank_targets

    targets = None
    if args.sector:
        targets = list(dict.fromkeys(growth_targets(args.region, sector=args.sector)["occupation_uri"]))
    ranked = rank_targets(
        profile, catalogue=catalogue, taxonomy=tax, region=args.region, objective=args.objective, targets=targets
    )
    return ranked


def resolve_target(tax: Taxonomy, target: str) -> str:
    """The occupation URI for a URI or a Finnish or English label (preferred, then alternative labels).

    Raises:
        UsageError: No occupation has the label, or several do (the message lists them).
    """
    if target.startswith(("http://", "https://", "urn:")):
        return target
    wanted = target.strip().casefold()
    frame = tax.occupations
    languages = [code for code in ("fi", "en") if f"label_{code}" in frame]
    found: dict[str, str] = {}
    for code in languages:
        for uri, label in zip(frame["uri"], frame[f"label_{code}"], strict=True):
            if isinstance(label, str) and label.casefold() == wanted:
                found.setdefault(uri, label)
    if not found:
        for code in languages:
            column = f"alt_labels_{code}"
            if column not in frame:
                continue
            for uri, labels in zip(frame["uri"], frame[column], strict=True):
                if labels is not None and any(str(alt).casefold() == wanted for alt in labels):
                    found.setdefault(uri, tax.label(uri, code))
    if not found:
        for code in languages:
            for uri, label in zip(frame["uri"], frame[f"label_{code}"], strict=True):
                if isinstance(label, str) and wanted in label.casefold():
                    found.setdefault(uri, label)
    if len(found) == 1:
        return next(iter(found))
    if not found:
        raise UsageError(f"no occupation is called {target!r}; give an ESCO occupation URI or another label")
    shown = "\n".join(f"  {label}  {uri}" for uri, label in sorted(found.items(), key=lambda kv: kv[1])[:15])
    more = f"\n  ... and {len(found) - 15} more" if len(found) > 15 else ""
    raise UsageError(f"{target!r} matches {len(found)} occupations; give one of these labels or URIs:\n{shown}{more}")


def _plans(
    args: argparse.Namespace, profile: SkillProfile, tax: Taxonomy, catalogue: Catalogue, uri: str
) -> list[Plan]:
    from osaaminen.paths import plan_alternatives

    return plan_alternatives(
        profile, uri, catalogue=catalogue, taxonomy=tax, k=max(1, args.alternatives), objective=args.objective
    )


def _best_target(ranked: pd.DataFrame) -> str | None:
    usable = ranked[(ranked["status"] == "ok") & (ranked["steps"].fillna(0) > 0)]
    if len(usable) == 0:
        usable = ranked[ranked["status"] == "ok"]
    return str(usable["target"].iloc[0]) if len(usable) else None


# -- commands -----------------------------------------------------------------------------------------


def _recognise(args: argparse.Namespace) -> int:
    text = _read(args.file, args.encoding)
    with _progress(2) as bar:
        _, profile = _recognised(text, bar, args.text_language)
    if args.format == "json":
        print(profile.to_json(indent=2))
    elif args.format == "csv":
        print(profile.to_frame().to_csv(index=False), end="")
    else:
        rows = [
            (m.score, "skill" if m.source == "explicit" else "skill (inferred)", m.label, _evidence(m.evidence))
            for m in profile.skills
        ]
        rows += [(m.score, "occupation", m.label, _evidence(m.evidence)) for m in profile.occupations]
        rows.sort(key=lambda row: (row[1] == "skill (inferred)", -row[0]))
        _print_rows(["score", "kind", "label", "evidence"], [[f"{r[0]:.2f}", r[1], r[2], r[3]] for r in rows])
    return 0


def _evidence(evidence: Sequence[Any]) -> str:
    return " | ".join(e.text.replace("\n", " ") for e in evidence)


def _targets(args: argparse.Namespace) -> int:
    text = _read(args.file, args.encoding)
    with _progress(3) as bar:
        tax, profile = _recognised(text, bar)
        _stage(bar, "ranking targets")
        ranked = _ranked(args, profile, tax, _catalogue(args, tax))
    top = ranked.head(args.top).copy()
    top["label"] = [tax.label(uri, args.language) for uri in top["target"]]
    if args.format == "json":
        print(top.to_json(orient="records", force_ascii=False, indent=2))
    elif args.format == "csv":
        print(top.to_csv(index=False), end="")
    else:
        rows = []
        for row in top.itertuples():
            weeks = "-" if row.status != "ok" else f"{row.weeks:g}"
            rows.append(
                [
                    row.label,
                    f"{row.held}/{row.required}",
                    f"{row.ready_share:.0%}" if row.status == "ok" else "-",
                    weeks,
                    row.status,
                    ", ".join(getattr(row, "sectors", ()) or ()),
                ]
            )
        _print_rows(["target", "held", "ready", "weeks", "status", "sectors"], rows)
    return 0


def _plan(args: argparse.Namespace) -> int:
    text = _read(args.file, args.encoding)
    with _progress(3) as bar:
        tax, profile = _recognised(text, bar)
        uri = resolve_target(tax, args.target)
        _stage(bar, "planning")
        plans = _plans(args, profile, tax, _catalogue(args, tax), uri)
    if args.format == "json":
        print(json.dumps([p.to_dict() for p in plans], ensure_ascii=False, indent=2))
        return 0
    for number, plan in enumerate(plans, start=1):
        title = ("Polku" if args.language == "fi" else "Path") + f" {number}/{len(plans)} ({plan.route})"
        print(f"{title}\n{'=' * len(title)}\n{plan.explain(args.language)}\n")
    return 0


def _report(args: argparse.Namespace) -> int:
    from osaaminen.reports import CoachReport

    text = _read(args.file, args.encoding)
    with _progress(5) as bar:
        tax, profile = _recognised(text, bar)
        catalogue = _catalogue(args, tax)
        _stage(bar, "ranking targets")
        ranked = _ranked(args, profile, tax, catalogue)
        uri = resolve_target(tax, args.target) if args.target else _best_target(ranked)
        _stage(bar, "planning")
        plans = _plans(args, profile, tax, catalogue, uri) if uri else []
        _stage(bar, "writing the report")
        report = CoachReport(profile, plans, ranked, args.language, text=text, taxonomy=tax, catalogue=catalogue)
        path = report.save(args.output)
        if args.json:
            Path(args.json).write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"wrote {path}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from osaaminen import SkillRecogniser, load_esco, load_programmes, plan_alternatives, rank_targets
    from osaaminen.reports import CoachReport

    started = time.perf_counter()
    tax = load_esco()
    print(f"{tax!r}  ({time.perf_counter() - started:.1f} s)")
    print(f"{len(tax.dropped)} source rows name concepts that ESCO v1.1.1 lacks: see Taxonomy.dropped.\n")

    started = time.perf_counter()
    profile = SkillRecogniser(tax).recognise(DEMO_HISTORY)
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

    started = time.perf_counter()
    catalogue = load_programmes("lahti")
    ranked = rank_targets(profile, catalogue=catalogue, taxonomy=tax)
    print(f"\nGrowth-sector occupations in Päijät-Häme by reachability ({time.perf_counter() - started:.1f} s):")
    for row in ranked.head(5).itertuples():
        path = f"{row.weeks:g} weeks, {row.steps} programmes" if row.status == "ok" else row.status
        print(f"  {row.held}/{row.required} held, {row.ready_share:.0%} ready  {row.label}  ({path})")
    uri = _best_target(ranked)
    plans = plan_alternatives(profile, uri, catalogue=catalogue, taxonomy=tax) if uri else []
    if plans:
        print(f"\nRecommended path ({len(plans)} distinct paths found):")
        print("  " + plans[0].explain("en").replace("\n", "\n  "))
    started = time.perf_counter()
    report = CoachReport(profile, plans, ranked, args.language, text=DEMO_HISTORY, taxonomy=tax, catalogue=catalogue)
    path = report.save(args.output)
    print(f"\nWrote the coach report to {path} ({time.perf_counter() - started:.2f} s); open it in a browser.")
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


def _print_rows(headers: Sequence[str], rows: Sequence[Sequence[str]], *, limit: int = 60) -> None:
    """Aligned columns; cells longer than ``limit`` are shortened."""
    cells = [[str(c) if len(str(c)) <= limit else str(c)[: limit - 1] + "\u2026" for c in row] for row in rows]
    widths = [max([len(h), *(len(row[i]) for row in cells)]) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for row in cells:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
