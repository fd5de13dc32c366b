"""Pydantic records of the programme catalogue: providers, programmes, the skills they teach, their sources.

The names and fields here are a contract with the path solver (:mod:`osaaminen.paths`): rename nothing.
"""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = [
    "CreditUnit",
    "Mode",
    "Programme",
    "ProgrammeKind",
    "Provider",
    "ProviderKind",
    "QualificationLevel",
    "SkillLink",
    "Source",
]

ProviderKind = Literal["vocational", "uas", "university", "liberal_adult_education", "employer", "other"]
"""What a provider is: a vocational college, a university of applied sciences (AMK), a university, a
liberal adult education institution (kansanopisto, kansalaisopisto), an employer that trains apprentices,
or anything else (a training company, an authority that buys labour-market training)."""

ProgrammeKind = Literal[
    "full_qualification", "partial_qualification", "qualification_unit", "apprenticeship", "short_course", "trial"
]
"""What a programme is: a full qualification (tutkinto), a partial qualification (osatutkinto, osaamisala),
a qualification unit (tutkinnon osa), an apprenticeship (oppisopimus: the same content learned at an
employer), a short course (certificate, tailored retraining, labour-market training) or a work or training
trial (työkokeilu, koulutuskokeilu)."""

QualificationLevel = Literal["perustutkinto", "ammattitutkinto", "erikoisammattitutkinto", "amk", "yamk", "university"]
"""The level of the qualification a programme leads to or belongs to."""

Mode = Literal["contact", "online", "blended", "workplace"]
"""How a programme is taught: on site, online, both, or at a workplace (apprenticeships, trials)."""

CreditUnit = Literal["osaamispiste", "ects"]

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class Provider(BaseModel):
    """An organisation that offers programmes.

    Attributes:
        id: Short stable identifier used by :attr:`Programme.providers` (``"salpaus"``).
        name: Name in Finnish, as the provider writes it.
        municipality: Municipality of the main site; ``None`` for online or region-wide providers.
        kind: See :data:`ProviderKind`.
        url: Home page.
        source: Where the facts about the provider come from.
        estimated: Names of fields that were not taken from a source.

    Examples:
        >>> Provider(id="salpaus", name="Koulutuskeskus Salpaus", municipality="Lahti", kind="vocational").kind
        'vocational'
    """

    model_config = _FROZEN

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    municipality: str | None
    kind: ProviderKind
    url: str | None = None
    source: str | None = None
    estimated: tuple[str, ...] = ()


class SkillLink(BaseModel):
    """A skill that a programme teaches, with how strongly and on whose word.

    Attributes:
        uri: An ESCO skill URI or a local extension URI (``urn:osaaminen:...``).
        strength: How fully the programme teaches the skill, in (0, 1]; 1 for the programme's core.
        provenance: ``"curated"`` (set by a person) or ``"mapped:<method>"`` (found automatically,
            e.g. ``"mapped:recogniser"`` from the competence requirements).
        score: The mapping method's score, for mapped links.
        evidence: The text the link rests on (a competence requirement, a description sentence).

    Examples:
        >>> SkillLink(uri="urn:osaaminen:fi-card:hygieniapassi", provenance="curated").strength
        1.0
    """

    model_config = _FROZEN

    uri: str = Field(min_length=1)
    strength: float = Field(default=1.0, gt=0.0, le=1.0)
    provenance: str = "curated"
    score: float | None = None
    evidence: str | None = None

    @field_validator("provenance")
    @classmethod
    def _check_provenance(cls, value: str) -> str:
        if value != "curated" and not (value.startswith("mapped:") and len(value) > len("mapped:")):
            raise ValueError(f"provenance must be 'curated' or 'mapped:<method>', not {value!r}")
        return value


class Source(BaseModel):
    """Where a programme's facts come from.

    Attributes:
        diaarinumero: The ePerusteet decision number of the qualification requirements (``OPH-2762-2017``).
        eperusteet_id: The ePerusteet id of the qualification (peruste) or of the unit.
        opintopolku_oid: The Opintopolku (Konfo) oid of the programme.
        url: A page that describes the programme.
        note: Anything else a reader needs: which snapshot, which version, caveats.

    Examples:
        >>> Source(diaarinumero="OPH-2762-2017").eperusteet_id is None
        True
    """

    model_config = _FROZEN

    diaarinumero: str | None = None
    eperusteet_id: str | None = None
    opintopolku_oid: str | None = None
    url: str | None = None
    note: str | None = None


class Programme(BaseModel):
    """A programme that someone can take: a qualification, part of one, an apprenticeship, a course or a trial.

    Attributes:
        id: Stable identifier, unique in a catalogue.
        kind: See :data:`ProgrammeKind`.
        level: See :data:`QualificationLevel`; ``None`` for courses and trials.
        name: Name per language code; ``"fi"`` is required.
        providers: Ids of the providers that offer it (see :class:`Provider`).
        teaches: The skills it teaches.
        requires_skills: Skill URIs a learner needs before starting.
        requires_programmes: Programme ids a learner must have completed before starting.
        part_of: Ids of the programmes this one belongs to (a unit belongs to a qualification).
        contains: Ids of the programmes this one is made of (a qualification contains its units).
        duration_weeks: Typical time to complete, in weeks (> 0).
        hours: Teaching hours, where known (courses).
        credits: Scope in credits, where known.
        credit_unit: ``"osaamispiste"`` (vocational) or ``"ects"`` (higher education).
        cost_eur: Cost to the learner in euros (0 for free).
        languages: Languages of instruction (ISO 639-1).
        mode: See :data:`Mode`.
        municipality: Where it is taught; ``None`` for online programmes.
        admission: ``"continuous"`` (start any time, as in vocational education) or ``"dates"``.
        start_dates: Known start dates when admission is by dates.
        eligibility: Who may apply, in words.
        target_groups: Groups it is meant for, e.g. ``"unemployed"``, ``"immigrants"``, ``"under_30"``.
        source: Where the facts come from.
        estimated: Names of fields that were not taken from a source (a course length, a start date).

    Examples:
        >>> p = Programme(
        ...     id="hygieniapassi",
        ...     kind="short_course",
        ...     name={"fi": "Hygieniapassikoulutus", "en": "Hygiene passport course"},
        ...     providers=("salpaus",),
        ...     teaches=(SkillLink(uri="urn:osaaminen:fi-card:hygieniapassi"),),
        ...     duration_weeks=1,
        ... )
        >>> p.label("en"), p.skill_uris
        ('Hygiene passport course', ('urn:osaaminen:fi-card:hygieniapassi',))
    """

    model_config = _FROZEN

    id: str = Field(min_length=1)
    kind: ProgrammeKind
    level: QualificationLevel | None = None
    name: dict[str, str]
    providers: tuple[str, ...]
    teaches: tuple[SkillLink, ...]
    requires_skills: tuple[str, ...] = ()
    requires_programmes: tuple[str, ...] = ()
    part_of: tuple[str, ...] = ()
    contains: tuple[str, ...] = ()
    duration_weeks: float = Field(gt=0.0)
    hours: float | None = Field(default=None, gt=0.0)
    credits: float | None = Field(default=None, gt=0.0)
    credit_unit: CreditUnit | None = None
    cost_eur: float = Field(default=0.0, ge=0.0)
    languages: tuple[str, ...] = ("fi",)
    mode: Mode = "contact"
    municipality: str | None = None
    admission: Literal["continuous", "dates"] = "continuous"
    start_dates: tuple[datetime.date, ...] = ()
    eligibility: str | None = None
    target_groups: tuple[str, ...] = ()
    source: Source = Source()
    estimated: tuple[str, ...] = ()

    @field_validator("name")
    @classmethod
    def _check_name(cls, value: dict[str, str]) -> dict[str, str]:
        if not value.get("fi", "").strip():
            raise ValueError("a Finnish name (key 'fi') is required")
        return value

    @model_validator(mode="after")
    def _check_fields(self) -> Programme:
        unknown = sorted(set(self.estimated) - set(type(self).model_fields))
        if unknown:
            raise ValueError(f"estimated names unknown fields {unknown}")
        if (self.credits is None) != (self.credit_unit is None):
            raise ValueError("credits and credit_unit go together: give both or neither")
        return self

    def label(self, lang: str = "fi") -> str:
        """The name in ``lang``, else in Finnish, else in English, else in any language.

        Examples:
            >>> Programme(id="x", kind="trial", name={"fi": "Työkokeilu"}, providers=(), teaches=(),
            ...           duration_weeks=4).label("sv")
            'Työkokeilu'
        """
        for code in (lang, "fi", "en", *self.name):
            if self.name.get(code):
                return self.name[code]
        return self.id

    @property
    def skill_uris(self) -> tuple[str, ...]:
        """The URIs of the skills it teaches, in order."""
        return tuple(link.uri for link in self.teaches)
