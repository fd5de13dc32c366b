"""Tests of osaaminen.text.duration: stated durations, their years, and things that only look like them."""

from __future__ import annotations

import datetime
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from osaaminen.text.duration import Duration, extract_durations

TODAY = 2024


def only(text: str) -> Duration:
    durations = extract_durations(text, today_year=TODAY)
    assert len(durations) == 1, durations
    assert text[durations[0].start : durations[0].end] == durations[0].text
    return durations[0]


@pytest.mark.parametrize(
    ("text", "years", "kind"),
    [
        ("5 vuotta", 5.0, "years"),
        ("viisi vuotta", 5.0, "years"),
        ("viiden vuoden ajan", 5.0, "years"),
        ("pari vuotta", 2.0, "years"),
        ("2 v", 2.0, "years"),
        ("5v", 5.0, "years"),
        ("1,5 vuotta", 1.5, "years"),
        ("2-3 vuotta", 2.0, "years"),
        ("kaksi ja puoli vuotta", 2.5, "years"),
        ("puoli vuotta", 0.5, "years"),
        ("puolitoista vuotta", 1.5, "years"),
        ("3 years", 3.0, "years"),
        ("three years", 3.0, "years"),
        ("a year", 1.0, "years"),
        ("half a year", 0.5, "years"),
        ("two and a half years", 2.5, "years"),
        ("fem år", 5.0, "years"),
        ("två års erfarenhet", 2.0, "years"),
        ("ett halvt år", 0.5, "years"),
        ("6 kk", 0.5, "months"),
        ("6kk", 0.5, "months"),
        ("kuusi kuukautta", 0.5, "months"),
        ("8 months", 0.67, "months"),
        ("tre månader", 0.25, "months"),
        ("kesätyö", 0.25, "season"),
        ("kesätöitä", 0.25, "season"),
        ("kesäharjoittelu", 0.25, "season"),
        ("summer job", 0.25, "season"),
        ("sommarjobb", 0.25, "season"),
    ],
)
def test_amounts_and_seasons(text: str, years: float, kind: str) -> None:
    duration = only(text)
    assert duration.years == years
    assert duration.kind == kind
    assert duration.start_year is None and duration.end_year is None


@pytest.mark.parametrize(
    ("text", "years", "start_year", "end_year"),
    [
        ("2019–2023", 4.0, 2019, 2023),
        ("2019-2023", 4.0, 2019, 2023),
        ("2019 - 2023", 4.0, 2019, 2023),
        ("2019—2023", 4.0, 2019, 2023),
        ("03/2019–05/2021", 2.17, 2019, 2021),
        ("3.2019-5.2021", 2.17, 2019, 2021),
        ("1.3.2020–31.5.2021", 1.17, 2020, 2021),
        ("tammikuu 2019 – maaliskuu 2021", 2.17, 2019, 2021),
        ("Jan 2019 - Mar 2021", 2.17, 2019, 2021),
        ("vuodesta 2019 vuoteen 2021", 2.0, 2019, 2021),
        ("from 2018 to 2020", 2.0, 2018, 2020),
        ("03/2019-2021", 2.0, 2019, 2021),
    ],
)
def test_ranges(text: str, years: float, start_year: int, end_year: int) -> None:
    duration = only(text)
    assert (duration.years, duration.start_year, duration.end_year, duration.kind) == (
        years,
        start_year,
        end_year,
        "range",
    )


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("2019–", "2019–"),
        ("2019- Kokki, Ravintola Oy", "2019-"),
        ("2019-nyt", "2019-nyt"),
        ("2019 – nykyään", "2019 – nykyään"),
        ("2019 - present", "2019 - present"),
        ("since 2019", "since 2019"),
        ("vuodesta 2019", "vuodesta 2019"),
        ("vuodesta 2019 lähtien", "vuodesta 2019 lähtien"),
        ("2019 alkaen", "2019 alkaen"),
        ("1.3.2019 alkaen", "1.3.2019 alkaen"),
        ("sedan 2019", "sedan 2019"),
        ("03/2019 - nyt", "03/2019 - nyt"),
        ("Kokki (2019–)", "2019–"),
    ],
)
def test_open_ranges_run_to_today(text: str, span: str) -> None:
    duration = only(text)
    assert duration.text == span
    assert (duration.years, duration.start_year, duration.end_year, duration.kind) == (5.0, 2019, None, "open_range")


def test_open_range_defaults_to_this_year() -> None:
    duration = extract_durations("vuodesta 2015")[0]
    assert duration.years == datetime.date.today().year - 2015


@pytest.mark.parametrize(
    "text",
    [
        "ISO 9001 -sertifiointi",
        "ISO 14001:2015",
        "3D-mallinnus",
        "2 kg",
        "15100 Lahti",
        "puh. 040 123 4567",
        "p. 050-2019-203",
        "Olen 24 v",
        "24 V:n ohjausjärjestelmät",
        "Ikä: 30 vuotta",
        "35-vuotias",
        "Jag är 24 år",
        "I am 30 years old",
        "5 vuotta sitten",
        "five years ago",
        "för två år sedan",
        "2019 - Hitsaaja",
        "2019-luvulla",
        "v. 2019",
        "osa-aikaisesti",
        "24/7",
        "klo 8-16",
        "Windows 10",
        "2015–2013",
        "1950–2024",
        "2.5 k€",
    ],
)
def test_false_positives(text: str) -> None:
    assert extract_durations(text, today_year=TODAY) == []


def test_several_durations_in_a_cv_in_text_order() -> None:
    text = (
        "2015–2020 Hitsaaja, Telakka Oy\n"
        "- MIG-hitsausta viisi vuotta, sitä ennen 6 kk harjoittelija\n"
        "2020– Varastotyöntekijä (trukkikortti), kesätöitä 2014\n"
        "Olen 35 v, puh. 040 123 4567, 15100 Lahti"
    )
    durations = extract_durations(text, today_year=TODAY)
    assert [(d.text, d.years, d.kind) for d in durations] == [
        ("2015–2020", 5.0, "range"),
        ("viisi vuotta", 5.0, "years"),
        ("6 kk", 0.5, "months"),
        ("2020–", 4.0, "open_range"),
        ("kesätöitä", 0.25, "season"),
    ]
    assert all(text[d.start : d.end] == d.text for d in durations)


def test_casual_and_learner_finnish() -> None:
    durations = extract_durations("mä oon ollu kassalla pari vuotta ja siivoojana 3v", today_year=TODAY)
    assert [(d.text, d.years) for d in durations] == [("pari vuotta", 2.0), ("3v", 3.0)]
    assert [d.years for d in extract_durations("olen 5 vuotta tehnyt siivousta")] == [5.0]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["2019", "–", "-", " ", "5", "vuotta", "kk", "v", "nyt", "03/", "kesätyö", "x"])).map(
        "".join
    )
)
def test_offsets_are_valid_and_durations_do_not_overlap(text: str) -> None:
    durations = extract_durations(text, today_year=TODAY)
    for duration in durations:
        assert text[duration.start : duration.end] == duration.text
        assert duration.years is None or duration.years >= 0
    assert all(a.end <= b.start for a, b in itertools.pairwise(durations))
