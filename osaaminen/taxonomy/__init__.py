"""ESCO-style taxonomy: loading official ESCO CSV exports and the bundled data, lookups, hierarchy.

The first layer: recognition, programmes, paths and reports all build on a :class:`Taxonomy`.
"""

from osaaminen.taxonomy.bundled import BUNDLED_LANGUAGES, BUNDLED_VERSIONS, bundled_data_dir, load_esco
from osaaminen.taxonomy.extensions import EXTENSION_URI, read_extension
from osaaminen.taxonomy.taxonomy import Taxonomy

__all__ = [
    "BUNDLED_LANGUAGES",
    "BUNDLED_VERSIONS",
    "EXTENSION_URI",
    "Taxonomy",
    "bundled_data_dir",
    "load_esco",
    "read_extension",
]
