"""Pydantic records shared across the layers: taxonomy concepts, recognised profiles (programmes, paths later)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, RootModel

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Concept",
    "ConceptKind",
    "Evidence",
    "Occupation",
    "OccupationMatch",
    "OccupationMatches",
    "Skill",
    "SkillMatch",
    "SkillMatches",
    "SkillProfile",
]

ConceptKind = Literal["skill", "skill_group", "occupation", "isco_group"]


class Concept(BaseModel):
    """A taxonomy concept with its labels in each loaded language.

    Attributes:
        uri: The full concept URI (ESCO ``conceptUri``, or ``urn:osaaminen:...`` for local extensions).
        labels: Preferred label per language code; a language without a label is absent.
        alt_labels: Alternative labels per language code.
        descriptions: Description per language code.
        source: ``"esco"``, or ``"extension:<name>"`` for a concept from a local extension file.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    uri: str
    labels: dict[str, str] = Field(default_factory=dict)
    alt_labels: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    descriptions: dict[str, str] = Field(default_factory=dict)
    source: str = "esco"

    def label(self, lang: str = "fi") -> str:
        """The preferred label in ``lang``, else in English, else in any language, else the URI.

        Examples:
            >>> Concept(uri="u", labels={"en": "weld metal"}).label("fi")
            'weld metal'
        """
        for code in (lang, "en", *self.labels):
            if code in self.labels:
                return self.labels[code]
        return self.uri


class Skill(Concept):
    """An ESCO skill, knowledge or competence concept (or a local extension such as a Finnish work card).

    Attributes:
        type: ``"skill/competence"`` or ``"knowledge"``; ``None`` where ESCO gives none.
        reuse_level: ``"transversal"``, ``"cross-sector"``, ``"sector-specific"`` or ``"occupation-specific"``.
        green: In ESCO's green skills collection (``None``: the export had no such collection).
        digital: In ESCO's digital skills collection.
        transversal: In ESCO's transversal skills collection.
        language: In ESCO's language skills collection.
        certificate: A card, pass or licence a person holds as proof (local extensions).
        broader: URIs of the directly broader skills or skill groups.
    """

    type: str | None = None
    reuse_level: str | None = None
    green: bool | None = None
    digital: bool | None = None
    transversal: bool | None = None
    language: bool | None = None
    certificate: bool = False
    broader: tuple[str, ...] = ()


class Occupation(Concept):
    """An ESCO occupation.

    Attributes:
        code: ESCO occupation code, e.g. ``"5321.1"``.
        isco_group: The 4-digit ISCO-08 unit group code (Ammattiluokitus 2010 in Finland).
        broader: URIs of the directly broader occupations or ISCO groups.
    """

    code: str | None = None
    isco_group: str | None = None
    broader: tuple[str, ...] = ()


# -- recognition results ----------------------------------------------------------------------------


class Evidence(BaseModel):
    """Words of the original text that support a match.

    Attributes:
        text: The words, exactly as in the text (``original[start:end] == text``).
        start: Character offset of the first character in the original text.
        end: Character offset just past the last character.
        method: How the words matched: ``"label"`` (a taxonomy label or one of its variants found in the
            text), ``"semantic"`` (the unit as a whole is close in meaning) or ``"title"`` (a job title).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    method: Literal["label", "semantic", "title"] = "semantic"


class SkillMatch(BaseModel):
    """A skill recognised in a text.

    Attributes:
        uri: The ESCO (or extension) skill URI.
        label: Preferred label in the text's language (English where the taxonomy has none).
        score: Calibrated confidence in 0..1: about the share of matches at this score that a careful
            annotator accepts, the same across languages and text lengths.
        evidence: The words supporting it (empty for skills inferred from an occupation).
        source: ``"explicit"``: the text states it; ``"occupation"``: an essential skill of an occupation
            the text names, never hiding explicit evidence.
        years: Years of experience stated next to the evidence, when stated.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    uri: str
    label: str
    score: float = Field(ge=0.0, le=1.0)
    evidence: tuple[Evidence, ...] = ()
    source: Literal["explicit", "occupation"] = "explicit"
    years: float | None = None


class OccupationMatch(BaseModel):
    """An occupation (a job the person has held) recognised in a text. Fields as in :class:`SkillMatch`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    uri: str
    label: str
    score: float = Field(ge=0.0, le=1.0)
    evidence: tuple[Evidence, ...] = ()
    years: float | None = None


M = TypeVar("M", SkillMatch, OccupationMatch)


class _Matches(RootModel[tuple[M, ...]], Generic[M]):
    """An ordered, read-only collection of matches (best first) with a tidy-table view."""

    model_config = ConfigDict(frozen=True)

    def __iter__(self) -> Iterator[M]:  # type: ignore[override]
        return iter(self.root)

    def __len__(self) -> int:
        return len(self.root)

    def __getitem__(self, index: int) -> M:
        return self.root[index]

    def uris(self) -> list[str]:
        """The URIs, best first."""
        return [match.uri for match in self.root]

    def to_frame(self) -> pd.DataFrame:
        """One row per match, best first.

        Columns: uri, label, score, source (skills only), years, evidence (texts joined by " | "), and the
        first evidence span's start and end.
        """
        import pandas as pd

        rows = []
        for match in self.root:
            row: dict[str, Any] = match.model_dump(exclude={"evidence"})
            row["evidence"] = " | ".join(e.text for e in match.evidence)
            row["start"] = match.evidence[0].start if match.evidence else None
            row["end"] = match.evidence[0].end if match.evidence else None
            rows.append(row)
        columns = [
            "uri",
            "label",
            "score",
            *(["source"] if self._is_skills() else []),
            "years",
            "evidence",
            "start",
            "end",
        ]
        frame: pd.DataFrame = pd.DataFrame(rows, columns=columns)
        return frame

    def _is_skills(self) -> bool:
        return False


class SkillMatches(_Matches[SkillMatch]):
    """Recognised skills, best first."""

    def _is_skills(self) -> bool:
        return True


class OccupationMatches(_Matches[OccupationMatch]):
    """Recognised occupations, best first."""


class SkillProfile(BaseModel):
    """What one text says about a person: skills and past occupations, with evidence.

    Attributes:
        language: The text's language (ISO 639-1), detected or given.
        skills: Recognised skills, best first.
        occupations: Recognised occupations, best first.
        text_length: Length of the text in characters (the text itself is not kept).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    language: str
    skills: SkillMatches = Field(default_factory=lambda: SkillMatches(()))
    occupations: OccupationMatches = Field(default_factory=lambda: OccupationMatches(()))
    text_length: int = 0

    def to_frame(self) -> pd.DataFrame:
        """Skills then occupations as one tidy table with a ``kind`` column (``skill`` / ``occupation``)."""
        import pandas as pd

        skills = self.skills.to_frame().assign(kind="skill")
        occupations = self.occupations.to_frame().assign(kind="occupation", source=None)
        frame = pd.concat([skills, occupations], ignore_index=True) if len(occupations) else skills
        ordered: pd.DataFrame = frame[["kind", *(c for c in frame.columns if c != "kind")]]
        return ordered

    def to_json(self, **kwargs: Any) -> str:
        """The profile as JSON (``model_dump_json``); keyword arguments go to it (``indent=2`` ...)."""
        return self.model_dump_json(**kwargs)

    @classmethod
    def from_json(cls, data: str | bytes) -> SkillProfile:
        """Read a profile written by :meth:`to_json`."""
        return cls.model_validate(json.loads(data))
