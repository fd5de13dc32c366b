"""Pydantic records shared across the layers (taxonomy concepts now; profiles, programmes, paths later)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Concept", "ConceptKind", "Occupation", "Skill"]

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
