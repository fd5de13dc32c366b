"""Stated durations in work histories: "5 vuotta", "2019-2023", "03/2019-05/2021", "kesätyö".

How long someone did something is evidence of how well they know it. This module finds the durations
that a text states, with their offsets, in Finnish, Swedish and English, and converts each to years.
It prefers missing a duration to inventing one: product names ("ISO 9001", "3D"), weights, phone
numbers, postal codes ("15100 Lahti"), ages ("24 v", "35-vuotias") and "5 vuotta sitten" (five years
ago) are not durations.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["Duration", "DurationKind", "extract_durations"]

DurationKind = Literal["years", "months", "range", "open_range", "season"]

_NUMBER_WORDS = {
    # Finnish, nominative and genitive ("viisi vuotta", "viiden vuoden ajan")
    "yksi": 1, "yhden": 1, "kaksi": 2, "kahden": 2, "pari": 2, "parin": 2, "kolme": 3, "kolmen": 3,
    "neljä": 4, "neljän": 4, "viisi": 5, "viiden": 5, "kuusi": 6, "kuuden": 6, "seitsemän": 7,
    "kahdeksan": 8, "yhdeksän": 9, "kymmenen": 10,
    # English
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10,
    # Swedish
    "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9,
    "tio": 10,
}  # fmt: skip
_FI_MONTHS = ("tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys", "loka", "marras", "joulu")
_MONTHS_BY_LANGUAGE = (
    tuple(f"{stem}kuu" for stem in _FI_MONTHS),
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"),
    ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
     "november", "december"),
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
)  # fmt: skip
_MONTH_NAMES = {name: i for names in _MONTHS_BY_LANGUAGE for i, name in enumerate(names, 1)} | {"sept": 9, "okt": 10}

_YEAR = r"(?:19[5-9]\d|20\d\d)(?!\d)"
_FI_MONTH = rf"(?:{'|'.join(_FI_MONTHS)})kuu[^\W\d_]*"
_OTHER_MONTH = "|".join(sorted((m for m in _MONTH_NAMES if not m.endswith("kuu")), key=len, reverse=True))
_ENDPOINT = rf"(?:(?:\d{{1,2}}\.)?\d{{1,2}}[./]{_YEAR}|(?:{_FI_MONTH}|(?:{_OTHER_MONTH})\b\.?)\s*{_YEAR}|{_YEAR})"
_DASH = "\\-\u2013\u2014"  # hyphen, en dash, em dash: inside [] of a pattern
_START = rf"(?<![\w.,/:+{_DASH}])"
_OPEN_WORDS = r"(?:nyt|nykyään|nykyhetkeen|tähän päivään|present|now|current|today|ongoing|nu|idag|pågående|jatkuu)"

_RANGE = re.compile(
    rf"{_START}(?:(?:from|vuodesta|från)\s+)?(?P<a>{_ENDPOINT})"
    rf"(?:\s*(?:[{_DASH}]+>?|→)\s*|\s+(?:to|until|till|tills|vuoteen)\s+)(?P<b>{_ENDPOINT})",
    re.IGNORECASE,
)
_OPEN = re.compile(
    rf"{_START}(?:(?:since|vuodesta|sedan|från|from|alkaen)\s+(?P<p>{_ENDPOINT})(?:\s+(?:alkaen|lähtien))?"
    rf"|(?P<a>{_ENDPOINT})(?:[{_DASH}]\s*(?={_OPEN_WORDS}\b|\s|$|[,;)\]])|\s+[{_DASH}]\s*(?={_OPEN_WORDS}\b|$|[,;)\]]))"
    rf"(?:{_OPEN_WORDS}\b)?"
    rf"|(?P<s>{_ENDPOINT})\s+(?:alkaen|lähtien|onwards))",
    re.IGNORECASE,
)
_WORD_NUMBER = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_NUMBER = rf"(?:\d{{1,2}}(?:[.,]\d{{1,2}})?|(?:{_WORD_NUMBER})(?=\s))"
_YEAR_UNITS = r"vuotta|vuoden|vuosi|vuodeksi|vuodet|years?|yrs?|år|års"
_MONTH_UNITS = r"kuukautta|kuukauden|kuukausi|kuukaudeksi|kk|months?|mos|månader|månad|mån"
_AMOUNT = re.compile(
    rf"{_START}(?P<n>{_NUMBER})(?:\s*[{_DASH}]\s*(?P<n2>{_NUMBER}))?"
    r"(?P<half>\s+(?:ja puoli|and a half|och ett halvt|och en halv))?"
    # A lower-case "v" only: "24 V" is a voltage.
    rf"\s*(?:(?P<y>{_YEAR_UNITS})|(?P<m>{_MONTH_UNITS})|(?<=\d)\s*(?P<v>(?-i:v)))(?!\w)",
    re.IGNORECASE,
)
_HALF = re.compile(
    r"(?<!\w)(?:(?P<one>puolitoista|puolentoista)\s+vuo(?:tta|den)|(?:puoli|puolen)\s+vuo(?:tta|den)"
    r"|half\s+a\s+year|ett\s+halvt\s+år)(?!\w)",
    re.IGNORECASE,
)
_SEASON = re.compile(
    r"(?<!\w)(?:kesä(?:työ|töi|duun|harjoitt|hom)[^\W\d_]*|summer\s+(?:jobs?|work|internships?|trainee\w*)"
    r"|sommar(?:jobb|arbete|praktik)[^\W\d_]*)(?!\w)",
    re.IGNORECASE,
)
# "5 vuotta sitten" is a point in time; "24 v" and "30 vuotta vanha" are ages.
_NOT_AFTER = re.compile(r"\s+(?:sitten|ago|sedan|vanha|vanhana|old|gammal)(?!\w)", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"(?:ikä|age|ålder|i am|i'm|jag är|aged?)\s*:?\s*$", re.IGNORECASE)
# "Olen 24 v" is an age, but "olen 5 vuotta tehnyt siivousta" is a duration.
_FI_AGE_BEFORE = re.compile(r"(?:olen|oon)\s*$", re.IGNORECASE)
_SEASON_YEARS = 0.25
_MAX_SPAN_YEARS = 60


@dataclass(frozen=True)
class Duration:
    """A duration stated in a text.

    Attributes:
        text: The words that state it, ``original[start:end]``.
        start: Offset of its first character.
        end: Offset just past its last character.
        years: Its length in years (months / 12, rounded to 2 decimals), ``None`` when unknown.
        start_year: The first year of a range, else ``None``.
        end_year: The last year of a closed range, else ``None``.
        kind: ``"years"`` or ``"months"`` for an amount ("5 vuotta", "6 kk"), ``"range"`` for a span of
            dates ("2019-2023"), ``"open_range"`` for one that runs until now ("2019-", "vuodesta 2019"),
            ``"season"`` for a summer job (a quarter of a year).
    """

    text: str
    start: int
    end: int
    years: float | None
    start_year: int | None
    end_year: int | None
    kind: DurationKind


def extract_durations(text: str, *, today_year: int | None = None) -> list[Duration]:
    r"""Find the durations that a work history states.

    Amounts are numbers or number words (Finnish, Swedish, English, one to ten, and "pari", "puoli",
    "half") with a unit of years or months; a stated range of amounts ("2-3 vuotta") counts as its lower
    end. Ranges are years, month/year or day.month.year dates, or month names with a year. Open ranges
    run to ``today_year``.

    Args:
        text: The text.
        today_year: The current year, for open ranges; ``None`` means this year by the system clock.

    Returns:
        Non-overlapping durations in text order.

    Examples:
        >>> [(d.kind, d.years) for d in extract_durations("Hitsaaja 2019\u20132023, sitä ennen 6 kk varastolla.")]
        [('range', 4.0), ('months', 0.5)]
        >>> extract_durations("vuodesta 2019 lähtien", today_year=2024)[0].years
        5.0
        >>> extract_durations("ISO 9001, 3D-tulostus, 2 kg, 15100 Lahti")
        []
    """
    year_now = today_year if today_year is not None else datetime.date.today().year
    found = [*_ranges(text), *_open_ranges(text, year_now), *_amounts(text), *_halves(text), *_seasons(text)]
    found.sort(key=lambda d: (d.start, d.start - d.end))
    kept: list[Duration] = []
    for duration in found:
        if not kept or duration.start >= kept[-1].end:
            kept.append(duration)
    return kept


def _endpoint(text: str) -> tuple[int, int | None]:
    """The year and, when given, the month of a range's endpoint."""
    year = int(re.findall(r"\d{4}", text)[-1])
    numbers = re.findall(r"\d{1,2}(?=[./])", text)
    if numbers:
        month = int(numbers[-1])
        return year, month if 1 <= month <= 12 else None
    name = re.match(r"[^\W\d_]+", text)
    if name:
        word = name.group().lower()
        month_number = _MONTH_NAMES.get(word) or _MONTH_NAMES.get(word[: word.find("kuu") + 3])
        return year, month_number
    return year, None


def _ranges(text: str) -> list[Duration]:
    result = []
    for match in _RANGE.finditer(text):
        (y1, m1), (y2, m2) = _endpoint(match["a"]), _endpoint(match["b"])
        # Month precision only when both ends have a month: "03/2019-2021" is counted in whole years.
        years = round((y2 * 12 + m2 - y1 * 12 - m1) / 12, 2) if m1 and m2 else float(y2 - y1)
        if 0 <= years <= _MAX_SPAN_YEARS:
            result.append(Duration(match.group(), match.start(), match.end(), years, y1, y2, "range"))
    return result


def _open_ranges(text: str, year_now: int) -> list[Duration]:
    result = []
    for match in _OPEN.finditer(text):
        span_start, span_end = match.span()
        while span_end > span_start and text[span_end - 1].isspace():
            span_end -= 1
        year, _ = _endpoint(match["p"] or match["a"] or match["s"])
        years = float(max(0, year_now - year))
        if years <= _MAX_SPAN_YEARS:
            result.append(Duration(text[span_start:span_end], span_start, span_end, years, year, None, "open_range"))
    return result


def _amount(number: str) -> float:
    lower = number.lower()
    return float(_NUMBER_WORDS[lower]) if lower in _NUMBER_WORDS else float(lower.replace(",", "."))


def _amounts(text: str) -> list[Duration]:
    result = []
    for match in _AMOUNT.finditer(text):
        before = max(0, match.start() - 12)
        if (
            _NOT_AFTER.match(text, match.end())
            or _AGE_BEFORE.search(text, before, match.start())
            or (match["v"] and _FI_AGE_BEFORE.search(text, before, match.start()))
        ):
            continue
        value = _amount(match["n"]) + (0.5 if match["half"] else 0.0)
        if match["n2"] is not None and _amount(match["n2"]) < value:
            continue  # "5-2 vuotta" is not a range of amounts
        if match["m"]:
            result.append(
                Duration(match.group(), match.start(), match.end(), round(value / 12, 2), None, None, "months")
            )
        elif value <= _MAX_SPAN_YEARS:
            result.append(Duration(match.group(), match.start(), match.end(), value, None, None, "years"))
    return result


def _halves(text: str) -> list[Duration]:
    return [
        Duration(m.group(), m.start(), m.end(), 1.5 if m["one"] else 0.5, None, None, "years")
        for m in _HALF.finditer(text)
        if not _NOT_AFTER.match(text, m.end())
    ]


def _seasons(text: str) -> list[Duration]:
    return [
        Duration(m.group(), m.start(), m.end(), _SEASON_YEARS, None, None, "season") for m in _SEASON.finditer(text)
    ]
