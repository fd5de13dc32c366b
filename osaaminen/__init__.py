"""osaaminen: competence recognition and training-path recommendation on the ESCO taxonomy.

Importing the package is cheap: it loads no data, no model and not even pandas. Public names are
imported on first use.

Examples:
    >>> import osaaminen as osa
    >>> tax = osa.load_esco(languages=("fi", "en"))
    >>> tax.label(tax.occupations.uri.iloc[0], "fi")
    'tekninen johtaja'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from osaaminen._config import config_context, get_config, set_config
from osaaminen.exceptions import (
    OsaaminenError,
    OsaaminenWarning,
    TaxonomyError,
    TaxonomyWarning,
    UnknownConceptError,
    UnknownLanguageError,
)

if TYPE_CHECKING:
    from osaaminen.models import Concept, Occupation, Skill
    from osaaminen.taxonomy import Taxonomy, load_esco, read_extension

__version__ = "0.1.0"

# Public name -> module that defines it; imported lazily so that `import osaaminen` stays fast.
_LAZY = {
    "Concept": "osaaminen.models",
    "Occupation": "osaaminen.models",
    "Skill": "osaaminen.models",
    "Taxonomy": "osaaminen.taxonomy",
    "load_esco": "osaaminen.taxonomy",
    "read_extension": "osaaminen.taxonomy",
}

__all__ = [
    "Concept",
    "Occupation",
    "OsaaminenError",
    "OsaaminenWarning",
    "Skill",
    "Taxonomy",
    "TaxonomyError",
    "TaxonomyWarning",
    "UnknownConceptError",
    "UnknownLanguageError",
    "__version__",
    "config_context",
    "get_config",
    "load_esco",
    "read_extension",
    "set_config",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'osaaminen' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
