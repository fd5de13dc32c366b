"""User-interface text of the reports in Finnish and English: a small dictionary-based translator.

Every string a report shows that does not come from the data (headings, legends, column names) lives in
:data:`MESSAGES`. A report asks for a :class:`Translator` for its language and calls it with a key;
other reports (the cohort report) pass their own keys as ``extra`` instead of editing this table.

Examples:
    >>> t = translator("en")
    >>> t("skills")
    'Recognised skills'
    >>> translator("fi")("weeks_n", n=format_number(12.5, "fi"))
    '12,5 viikkoa'
"""

from __future__ import annotations

from collections.abc import Mapping

from osaaminen.paths.models import KIND_NAMES

__all__ = [
    "LANGUAGES",
    "MESSAGES",
    "Translator",
    "format_number",
    "format_percent",
    "group_label",
    "kind_label",
    "translator",
]

LANGUAGES = ("fi", "en")
"""The languages of the report interface."""

MESSAGES: dict[str, dict[str, str]] = {
    "fi": {
        "coach_title": "Osaamisprofiili ja koulutuspolku",
        "generated": "Laadittu {date} \u00b7 osaaminen {version}",
        "summary": "Yhteenveto",
        "summary_text": (
            "Tekstistä tunnistettiin {skills} osaamista ja {occupations} aiempaa ammattia. "
            "Suositeltu tavoite: {target}."
        ),
        "summary_no_plan": "Tekstistä tunnistettiin {skills} osaamista ja {occupations} aiempaa ammattia.",
        "history": "Työhistoria",
        "history_note": "Korostetut kohdat ovat tunnistetun osaamisen perusteita.",
        "no_text": "Alkuperäistä tekstiä ei annettu, joten perusteita ei voi korostaa.",
        "skills": "Tunnistettu osaaminen",
        "skills_note": "Ryhmitelty ESCO-osaamisryhmittäin; luku on varmuus (0\u20131).",
        "skills_inferred": "Ammateista päätelty osaaminen",
        "no_skills": "Osaamista ei tunnistettu.",
        "occupations": "Aiemmat ammatit",
        "no_occupations": "Aiempia ammatteja ei tunnistettu.",
        "targets": "Kasvualojen ammatit saavutettavuuden mukaan",
        "targets_note": "Osuus vaaditusta osaamisesta: jo hallussa, opittavissa polulla ja puuttuvaksi jäävä.",
        "no_targets": "Tavoiteammatteja ei annettu.",
        "path": "Suositeltu koulutuspolku",
        "path_goal": "Tavoite: {target}",
        "no_path": "Polkua ei annettu.",
        "empty_path": "Koulutusta ei tarvita tai sitä ei ole tarjolla: polku on tyhjä.",
        "gap": "Osaamisvaje",
        "gap_note": "Tavoiteammatin vaatima osaaminen: jo hallussa, polulla opittava ja polun ulkopuolelle jäävä.",
        "alternatives": "Vaihtoehtoiset polut",
        "no_alternatives": "Muita erilaisia polkuja ei löytynyt.",
        "not_local": "Mitä paikallisesti ei ole tarjolla",
        "not_local_note": "Näitä taitoja ei opeteta alueen koulutuksissa; ne opitaan työssä.",
        "nothing_missing": "Polku kattaa kaiken, mitä alueen koulutukset opettavat.",
        "other_uncovered": "Muista syistä polun ulkopuolelle jäävät",
        "held": "hallussa",
        "covered": "opitaan polulla",
        "uncovered": "ei polulla",
        "skill": "Osaaminen",
        "score": "Varmuus",
        "evidence": "Peruste",
        "years": "Vuotta",
        "occupation": "Ammatti",
        "target": "Tavoiteammatti",
        "sectors": "Kasvuala",
        "demand": "Avoimia paikkoja / työnhakija",
        "weeks": "Viikkoja",
        "weeks_n": "{n} viikkoa",
        "week_axis": "viikko",
        "steps": "Koulutuksia",
        "cost": "Hinta",
        "cost_eur": "{n} \u20ac",
        "ready": "Valmius",
        "programme": "Koulutus",
        "kind": "Muoto",
        "providers": "Järjestäjä",
        "where": "Paikka",
        "teaches": "Opit",
        "route": "Reitti",
        "route_school": "koulutuksessa",
        "route_apprenticeship": "työpaikalla",
        "route_none": "\u2013",
        "plan_totals": "{steps} koulutusta, {weeks} opiskeluviikkoa ({calendar} kalenteriviikkoa), hinta {cost}.",
        "optimal": "Todistetusti paras polku valitulla tavoitteella.",
        "estimate": "Polku on arvio (ei todistetusti paras).",
        "online": "verkossa",
        "legend": "Selite",
        "explanation": "Polku sanallisesti",
        "and_more": "ja {n} muuta",
        "footer": (
            "Tämä raportti on laadittu automaattisesti eikä korvaa ohjaajan arviota. Raportissa on "
            "henkilötietoja: säilytä ja hävitä se ohjeiden mukaisesti."
        ),
        "esco_notice": "Palvelu käyttää Euroopan komission ESCO-luokitusta.",
        "other_group": "Muu osaaminen",
        "knowledge_group": "Tietämys: {field}",
        "reason_not_offered": "opitaan työssä \u2013 ei tarjolla paikallisesti",
        "reason_constraints": "tarjolla paikallisesti, mutta ei valituilla rajauksilla",
        "reason_prerequisites": "tarjolla, mutta koulutusten esitietoja ei voi täyttää",
        "reason_exclusions": "ei yhdistettävissä polun muihin koulutuksiin",
        "reason_budget": "ei mahdu aikarajaan",
        "sector_industry": "teollisuus",
        "sector_circular_economy_green": "kiertotalous ja vihreä siirtymä",
        "sector_social_health": "sosiaali- ja terveysala",
        "sector_logistics": "logistiikka",
        "sector_ict": "tieto- ja viestintätekniikka",
        "sector_construction": "rakentaminen",
        "sector_property_services": "kiinteistöpalvelut",
        "sector_restaurant_catering": "ravintola- ja ateriapalvelut",
        "sector_other": "muu",
    },
    "en": {
        "coach_title": "Competence profile and training path",
        "generated": "Generated {date} \u00b7 osaaminen {version}",
        "summary": "Summary",
        "summary_text": (
            "The text shows {skills} skills and {occupations} past occupations. Recommended target: {target}."
        ),
        "summary_no_plan": "The text shows {skills} skills and {occupations} past occupations.",
        "history": "Work history",
        "history_note": "Highlighted words are the evidence for the recognised skills.",
        "no_text": "The original text was not given, so no evidence can be highlighted.",
        "skills": "Recognised skills",
        "skills_note": "Grouped by ESCO skill group; the figure is the confidence (0\u20131).",
        "skills_inferred": "Skills inferred from the occupations",
        "no_skills": "No skills were recognised.",
        "occupations": "Past occupations",
        "no_occupations": "No past occupations were recognised.",
        "targets": "Growth-sector occupations by reachability",
        "targets_note": "Share of the required skills: already held, learned on the path, and left missing.",
        "no_targets": "No target occupations were given.",
        "path": "Recommended training path",
        "path_goal": "Goal: {target}",
        "no_path": "No path was given.",
        "empty_path": "No training is needed or available here: the path is empty.",
        "gap": "Skill gap",
        "gap_note": "Skills the target requires: already held, learned on the path, and not covered by it.",
        "alternatives": "Alternative paths",
        "no_alternatives": "No other distinct paths were found.",
        "not_local": "Not offered locally",
        "not_local_note": "No programme in the region teaches these skills; they are learned on the job.",
        "nothing_missing": "The path covers everything the local programmes teach.",
        "other_uncovered": "Left out of the path for other reasons",
        "held": "held",
        "covered": "learned on the path",
        "uncovered": "not on the path",
        "skill": "Skill",
        "score": "Confidence",
        "evidence": "Evidence",
        "years": "Years",
        "occupation": "Occupation",
        "target": "Target occupation",
        "sectors": "Growth sector",
        "demand": "Vacancies per job seeker",
        "weeks": "Weeks",
        "weeks_n": "{n} weeks",
        "week_axis": "week",
        "steps": "Programmes",
        "cost": "Cost",
        "cost_eur": "\u20ac{n}",
        "ready": "Readiness",
        "programme": "Programme",
        "kind": "Kind",
        "providers": "Provider",
        "where": "Where",
        "teaches": "You learn",
        "route": "Route",
        "route_school": "at school",
        "route_apprenticeship": "at a workplace",
        "route_none": "\u2013",
        "plan_totals": "{steps} programmes, {weeks} weeks of study ({calendar} calendar weeks), costing {cost}.",
        "optimal": "Proven best for the chosen objective.",
        "estimate": "The path is an estimate (not proven best).",
        "online": "online",
        "legend": "Legend",
        "explanation": "The path in words",
        "and_more": "and {n} more",
        "footer": (
            "This report was generated automatically and does not replace a coach's judgement. It holds "
            "personal data: keep and dispose of it as your guidelines say."
        ),
        "esco_notice": "This service uses the ESCO classification of the European Commission.",
        "other_group": "Other skills",
        "knowledge_group": "Knowledge: {field}",
        "reason_not_offered": "learned on the job \u2013 not offered locally",
        "reason_constraints": "offered locally, but not under the chosen constraints",
        "reason_prerequisites": "offered, but the programmes need prerequisites that cannot be met",
        "reason_exclusions": "cannot be combined with the other programmes of the path",
        "reason_budget": "does not fit in the time limit",
        "sector_industry": "industry",
        "sector_circular_economy_green": "circular economy and green transition",
        "sector_social_health": "social and health care",
        "sector_logistics": "logistics",
        "sector_ict": "information and communication technology",
        "sector_construction": "construction",
        "sector_property_services": "property services",
        "sector_restaurant_catering": "restaurants and catering",
        "sector_other": "other",
    },
}
"""Interface text per language; every language has the same keys."""

_KINDS = KIND_NAMES  # the same names the plain-language path explanation uses

# Finnish names of ESCO's top skill groups (ESCO v1.1.1 has no Finnish labels for skill groups), keyed by
# the group code, and of the ISCED-F broad fields that group ESCO's knowledge concepts.
_GROUPS_FI = {
    "S1": "viestintä, yhteistyö ja luovuus",
    "S2": "tiedonhallinta",
    "S3": "avustaminen ja hoiva",
    "S4": "johtamistaidot",
    "S5": "tietokoneiden käyttö",
    "S6": "käsittely ja siirtäminen",
    "S7": "rakentaminen",
    "S8": "koneiden ja erikoislaitteiden käyttö",
    "T1": "perustaidot",
    "T2": "ajattelutaidot",
    "T3": "itsensä johtaminen",
    "T4": "sosiaaliset ja viestintätaidot",
    "T5": "fyysiset ja käden taidot",
    "T6": "elämänhallintataidot",
    "L1": "kielet",
    "L2": "klassiset kielet",
    "00": "yleissivistävä koulutus",
    "01": "kasvatusala",
    "02": "taiteet ja humanistiset alat",
    "03": "yhteiskunnalliset alat ja viestintä",
    "04": "kauppa, hallinto ja oikeustieteet",
    "05": "luonnontieteet, matematiikka ja tilastotiede",
    "06": "tieto- ja viestintätekniikka",
    "07": "tekniikka, valmistus ja rakentaminen",
    "08": "maa- ja metsätalous, kalatalous ja eläinlääketiede",
    "09": "terveys- ja hyvinvointiala",
    "10": "palvelualat",
    "99": "tuntematon ala",
}


class Translator:
    """Looks up interface text in one language; extra keys override or extend :data:`MESSAGES`.

    Args:
        language: ``"fi"`` or ``"en"``.
        extra: More messages per language (a cohort report's own keys).

    Raises:
        ValueError: An unsupported language, or ``extra`` misses a key in one language.

    Examples:
        >>> t = Translator("en", extra={"fi": {"x": "Hei {name}"}, "en": {"x": "Hi {name}"}})
        >>> t("x", name="Aino"), t.language
        ('Hi Aino', 'en')
    """

    def __init__(self, language: str, extra: Mapping[str, Mapping[str, str]] | None = None) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"reports are written in {list(LANGUAGES)}, not {language!r}")
        self.language = language
        self._messages = dict(MESSAGES[language])
        if extra:
            keys = [set(extra.get(code, {})) for code in LANGUAGES]
            if any(k != keys[0] for k in keys):
                raise ValueError(f"extra messages must give the same keys in every language {list(LANGUAGES)}")
            self._messages.update(extra[language])

    def __call__(self, key: str, **values: object) -> str:
        """The message ``key`` with ``{placeholders}`` filled from ``values``.

        Raises:
            KeyError: An unknown key.
        """
        try:
            message = self._messages[key]
        except KeyError:
            raise KeyError(f"no report message {key!r}") from None
        return message.format(**values) if values else message

    def get(self, key: str, default: str) -> str:
        """The message ``key`` (no placeholders filled), or ``default`` when there is none.

        Examples:
            >>> Translator("fi").get("sector_ict", "ict"), Translator("fi").get("sector_space", "space")
            ('tieto- ja viestintätekniikka', 'space')
        """
        return self._messages.get(key, default)


def translator(language: str, extra: Mapping[str, Mapping[str, str]] | None = None) -> Translator:
    """A :class:`Translator` for ``language`` (``"fi"`` or ``"en"``).

    Examples:
        >>> translator("fi")("skills")
        'Tunnistettu osaaminen'
    """
    return Translator(language, extra)


def kind_label(kind: str, language: str) -> str:
    """The name of a programme kind (``"apprenticeship"`` -> ``"oppisopimus"``); unknown kinds as given.

    Examples:
        >>> kind_label("qualification_unit", "fi"), kind_label("trial", "en")
        ('tutkinnon osa', 'work or training trial')
    """
    return _KINDS.get(language, _KINDS["en"]).get(kind, kind)


def group_label(code: str, english: str, language: str) -> str:
    """The name of a top ESCO skill group (``"S3"``) or ISCED-F broad field (``"09"``) in ``language``.

    Args:
        code: The group code.
        english: The English label from the taxonomy (used for English and for unknown codes).
        language: ``"fi"`` or ``"en"``.

    Examples:
        >>> group_label("S3", "assisting and caring", "fi")
        'avustaminen ja hoiva'
    """
    if language == "fi":
        return _GROUPS_FI.get(code, english)
    return english


def format_number(value: float, language: str, *, decimals: int = 1) -> str:
    r"""A figure without a needless decimal, with the language's decimal mark and thousands separator.

    Examples:
        >>> format_number(1250, "fi"), format_number(12.25, "fi"), format_number(12.0, "en")
        ('1\xa0250', '12,2', '12')
    """
    rounded = round(value, decimals)
    text = f"{rounded:,.0f}" if abs(rounded - round(rounded)) < 1e-9 else f"{rounded:,.{decimals}f}"
    if language == "fi":
        return text.replace(",", "\u00a0").replace(".", ",")
    return text


def format_percent(share: float, language: str) -> str:
    r"""A share in 0..1 as a whole percentage (``"43 %"`` in Finnish, ``"43%"`` in English).

    Examples:
        >>> format_percent(0.4286, "fi"), format_percent(0.4286, "en")
        ('43\xa0%', '43%')
    """
    number = f"{round(100 * share):d}"
    return f"{number}\u00a0%" if language == "fi" else f"{number}%"
