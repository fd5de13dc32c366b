"""Programmes and providers: the training a person can take, and the skills each programme teaches.

A :class:`Catalogue` holds validated :class:`Programme` and :class:`Provider` records;
:func:`load_programmes` loads the bundled Lahti-region catalogue, :meth:`Catalogue.from_files` your own
(the file format is documented in ``taxonomies/programmes/README.md``). The importers turn ePerusteet
qualification structures and Konfo listings into programmes (:mod:`osaaminen.programmes.eperusteet`,
:mod:`osaaminen.programmes.konfo`), and :func:`map_requirements` links texts to skills with a recogniser.
"""

from __future__ import annotations

from osaaminen.exceptions import CatalogueError
from osaaminen.programmes.bundled import BUNDLED_CATALOGUES, bundled_programmes_dir, load_programmes
from osaaminen.programmes.catalogue import Catalogue
from osaaminen.programmes.files import catalogue_schema, read_catalogue_file, write_catalogue_file
from osaaminen.programmes.models import (
    CreditUnit,
    Mode,
    Programme,
    ProgrammeKind,
    Provider,
    ProviderKind,
    QualificationLevel,
    SkillLink,
    Source,
)

__all__ = [
    "BUNDLED_CATALOGUES",
    "Catalogue",
    "CatalogueError",
    "CreditUnit",
    "Mode",
    "Programme",
    "ProgrammeKind",
    "Provider",
    "ProviderKind",
    "QualificationLevel",
    "SkillLink",
    "Source",
    "bundled_programmes_dir",
    "catalogue_schema",
    "load_programmes",
    "read_catalogue_file",
    "write_catalogue_file",
]
