"""The bundled programme catalogues (``taxonomies/programmes/<name>/``), offline."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from osaaminen.exceptions import CatalogueError

if TYPE_CHECKING:
    from osaaminen.programmes.catalogue import Catalogue
    from osaaminen.taxonomy import Taxonomy

__all__ = ["BUNDLED_CATALOGUES", "bundled_programmes_dir", "load_programmes"]

BUNDLED_CATALOGUES = ("lahti",)


def bundled_programmes_dir() -> Path:
    """The ``taxonomies/programmes/`` folder of the installed package or of the source checkout.

    Raises:
        OsaaminenError: No copy of the bundled data can be found.

    Examples:
        >>> (bundled_programmes_dir() / "schema.json").is_file()
        True
    """
    from osaaminen.taxonomy.bundled import bundled_data_dir

    return bundled_data_dir() / "programmes"


def load_programmes(name: str = "lahti", *, taxonomy: Taxonomy | None = None) -> Catalogue:
    """Load a bundled programme catalogue, offline.

    ``"lahti"`` is the Lahti-region catalogue (Lahti, Hollola, Asikkala, Kärkölä, Orimattila):
    vocational qualifications with their osaamisalat and units, apprenticeship variants, LAB degree
    programmes, card and certificate courses, Finnish for working life and digital skills courses.
    Part of it is illustrative: ``taxonomies/programmes/lahti/README.md`` says which facts come from
    a source and each programme's ``estimated`` field names the fields that were estimated. Load your
    own catalogue with :meth:`Catalogue.from_files`.

    Args:
        name: The catalogue; only ``"lahti"`` is bundled.
        taxonomy: When given, every skill URI is checked against it.

    Raises:
        CatalogueError: An unknown name, or a damaged install.

    Examples:
        >>> from osaaminen.programmes import load_programmes
        >>> cat = load_programmes("lahti")
        >>> cat.provider("lab").kind
        'uas'
    """
    from osaaminen.programmes.catalogue import Catalogue

    if name not in BUNDLED_CATALOGUES:
        raise CatalogueError(
            f"no bundled programme catalogue {name!r} (bundled: {list(BUNDLED_CATALOGUES)}); "
            "load your own with Catalogue.from_files(folder)"
        )
    return Catalogue.from_files(bundled_programmes_dir() / name, taxonomy=taxonomy)
