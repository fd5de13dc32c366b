"""The :class:`Cohort`: what a group of job seekers knows, which targets are close, what to teach them.

A cohort keeps, per person, only a pseudonymous id and the skill URIs recognised with at least
``min_score``: never a text, never an evidence span. Every aggregated table hides groups smaller than
``min_group_size`` (see :mod:`osaaminen.cohort.privacy`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from osaaminen.cohort.privacy import DEFAULT_MIN_GROUP_SIZE, note, suppress
from osaaminen.exceptions import OsaaminenError
from osaaminen.models import SkillProfile

if TYPE_CHECKING:
    import pandas as pd

    from osaaminen.cohort.models import CourseDesigns
    from osaaminen.programmes import Catalogue
    from osaaminen.recognition import SkillRecogniser
    from osaaminen.taxonomy import Taxonomy

__all__ = ["Cohort", "CohortError"]

logger = logging.getLogger(__name__)

PersonLike = SkillProfile | Iterable[str]


class CohortError(OsaaminenError, ValueError):
    """A cohort cannot be built or analysed as asked (duplicate ids, missing columns, an empty need)."""


class Cohort:
    """A group of people's skill profiles, analysed for planning courses and answering employers.

    Args:
        profiles: Per person a :class:`~osaaminen.models.SkillProfile` or the skill URIs they hold; a
            mapping from pseudonymous id to profile, or a sequence (ids ``"0"``, ``"1"``, ...). Ids become
            strings.
        taxonomy: The taxonomy (default: the bundled ESCO with the Finnish cards).
        catalogue: The programmes (default: the bundled Lahti-region catalogue).
        targets: Target occupation URIs (default: the growth-sector occupations of ``region``).
        region: Region code of the default targets (``"MK07"``: Päijät-Häme).
        min_group_size: Aggregated outputs never show a group of fewer people (default 5).
        min_score: Recognised skills below this score do not count as held (default 0: every skill a
            profile reports, explicit or inferred from a past occupation, as in :func:`osaaminen.plan_path`).
        recogniser: Used by :meth:`candidates_for` when the need is a job-ad text.
        random_state: Seed of the clustering.

    Raises:
        CohortError: Duplicate ids, or ``min_group_size`` below 1.

    Examples:
        >>> import osaaminen as osa
        >>> tax = osa.load_esco(languages=("fi", "en"))
        >>> cook = tax.occupations.loc[tax.occupations.label_en == "cook", "uri"].item()
        >>> hygiene = "urn:osaaminen:fi-card:hygieniapassi"
        >>> cohort = osa.Cohort({f"p{i}": [hygiene] for i in range(6)}, taxonomy=tax, targets=[cook])
        >>> prevalence = cohort.skill_prevalence()
        >>> len(cohort), prevalence.loc[0, "uri"], int(prevalence.loc[0, "people"])
        (6, 'urn:osaaminen:fi-card:hygieniapassi', 6)
        >>> cohort.people_per_target()[["label", "people"]].astype(object).values.tolist()
        [['kokki', 6]]
    """

    def __init__(
        self,
        profiles: Sequence[PersonLike] | Mapping[Any, PersonLike],
        *,
        taxonomy: Taxonomy | None = None,
        catalogue: Catalogue | None = None,
        targets: Sequence[str] | None = None,
        region: str = "MK07",
        min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
        min_score: float = 0.0,
        recogniser: SkillRecogniser | None = None,
        random_state: int = 0,
    ) -> None:
        from osaaminen.paths.requirements import held_skills

        if min_group_size < 1:
            raise CohortError(f"min_group_size must be at least 1, got {min_group_size}")
        items = list(profiles.items()) if isinstance(profiles, Mapping) else list(enumerate(profiles))
        ids = [str(key) for key, _ in items]
        if len(set(ids)) != len(ids):
            dupes = sorted({i for i in ids if ids.count(i) > 1})[:5]
            raise CohortError(f"ids must be unique once written as strings; repeated: {dupes}")
        self.ids: list[str] = ids
        self.held: list[frozenset[str]] = [frozenset(held_skills(p, min_score=min_score)) for _, p in items]
        self._given_taxonomy = taxonomy
        self._given_catalogue = catalogue
        self.target_uris = list(targets) if targets is not None else None
        self.region = region
        self.min_group_size = min_group_size
        self.min_score = min_score
        self.recogniser = recogniser
        self.random_state = random_state

    # -- construction ---------------------------------------------------------------------------------

    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame,
        recogniser: SkillRecogniser,
        *,
        id_column: str = "id",
        text_column: str = "text",
        language: str | None = None,
        show_progress_bar: bool | None = None,
        **kwargs: Any,
    ) -> Cohort:
        """Recognise a table of work histories in one batch (one encoder, batched texts) into a cohort.

        The texts are used for recognition and dropped: the cohort keeps ids and skill URIs only.

        Args:
            frame: One row per person.
            recogniser: The recogniser (its taxonomy becomes the cohort's unless ``taxonomy`` is given).
            id_column: Column of pseudonymous ids.
            text_column: Column of work-history texts.
            language: Language of every text, or ``None`` to detect each.
            show_progress_bar: As in :meth:`~osaaminen.recognition.SkillRecogniser.recognise_many`.
            **kwargs: Passed to :class:`Cohort`.

        Raises:
            CohortError: A column is missing or ids repeat.
        """
        missing = [c for c in (id_column, text_column) if c not in frame.columns]
        if missing:
            raise CohortError(f"the frame has no column(s) {missing}; its columns are {list(frame.columns)}")
        texts = frame[text_column].fillna("")
        texts.index = frame[id_column].astype(str)
        if texts.index.has_duplicates:
            raise CohortError(f"column {id_column!r} has repeated ids")
        table = recogniser.recognise_many(texts, language=language, show_progress_bar=show_progress_bar)
        kwargs.setdefault("taxonomy", recogniser.taxonomy)
        kwargs.setdefault("recogniser", recogniser)
        return cls.from_recognitions(table, ids=list(texts.index), **kwargs)

    @classmethod
    def from_recognitions(cls, table: pd.DataFrame, *, ids: Sequence[Any] | None = None, **kwargs: Any) -> Cohort:
        """A cohort from the tidy table of ``recognise_many`` (or of :func:`recognise_dask`).

        Only the ``id``, ``kind``, ``uri`` and ``score`` columns are read; evidence is ignored.

        Args:
            table: The recognitions.
            ids: Every person's id, so that people with no recognised skill stay in the cohort.
            **kwargs: Passed to :class:`Cohort` (``min_score`` filters the scores).
        """
        min_score = float(kwargs.get("min_score", 0.0))
        skills = table[(table["kind"] == "skill") & (table["score"] >= min_score)]
        held: dict[str, list[str]] = {str(i): [] for i in (ids if ids is not None else [])}
        for id_, uri in zip(skills["id"].astype(str), skills["uri"], strict=True):
            held.setdefault(id_, []).append(str(uri))
        if ids is None:
            for id_ in table["id"].astype(str):
                held.setdefault(id_, [])
        return cls(held, **kwargs)

    # -- basic views ----------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.ids)

    def __repr__(self) -> str:
        return f"<Cohort: {len(self)} people, min_group_size={self.min_group_size}>"

    @cached_property
    def taxonomy(self) -> Taxonomy:
        """The taxonomy in use."""
        if self._given_taxonomy is not None:
            return self._given_taxonomy
        from osaaminen.taxonomy import load_esco

        return load_esco()

    @cached_property
    def catalogue(self) -> Catalogue:
        """The programme catalogue in use."""
        if self._given_catalogue is not None:
            return self._given_catalogue
        from osaaminen.programmes import load_programmes

        return load_programmes("lahti")

    @cached_property
    def targets(self) -> list[str]:
        """The target occupations that have required skills, in the given (or growth-rank) order."""
        from osaaminen.paths import growth_targets, required_skills

        uris = self.target_uris
        if uris is None:
            uris = list(dict.fromkeys(growth_targets(self.region)["occupation_uri"]))
        kept = [uri for uri in dict.fromkeys(uris) if required_skills(self.taxonomy, uri)]
        if not kept:
            raise CohortError("none of the target occupations has required skills; give other targets")
        return kept

    def label(self, uri: str, lang: str = "fi") -> str:
        """A concept's label in ``lang`` (else English), else the URI."""
        try:
            return self.taxonomy.label(uri, lang)
        except (KeyError, ValueError):
            return uri

    @cached_property
    def _matrices(self) -> _Matrices:
        return _Matrices(self)

    # -- aggregated tables ----------------------------------------------------------------------------

    def skill_prevalence(self, *, top: int | None = None, lang: str = "fi") -> pd.DataFrame:
        """How many people hold each skill (recognised directly, not inferred through the hierarchy).

        Returns:
            ``uri``, ``label``, ``people``, ``share`` (of the cohort), ``suppressed``; most people first,
            suppressed rows last. ``attrs["note"]`` states the privacy rule.
        """
        import pandas as pd

        counts: dict[str, int] = {}
        for held in self.held:
            for uri in held:
                counts[uri] = counts.get(uri, 0) + 1
        frame = pd.DataFrame({"uri": list(counts), "people": list(counts.values())}, columns=["uri", "people"]).astype(
            {"people": int}
        )
        frame = frame.sort_values(["people", "uri"], ascending=[False, True], kind="stable")
        frame.insert(1, "label", [self.label(u, lang) for u in frame["uri"]])
        frame["share"] = frame["people"] / max(1, len(self))
        out = suppress(frame, "people", self.min_group_size, derived=["share"])
        out = out.sort_values("suppressed", kind="stable").reset_index(drop=True)
        return _head(out, top)

    def person_targets(self, *, lang: str = "fi") -> pd.DataFrame:
        """Each person's nearest target: the largest share of its required skills already held.

        Ties go to fewer missing skills, then to the earlier target. A person who holds none of the
        required skills of any target has no nearest target (``target`` is ``None``): from nothing, the
        smallest occupation is not "near". Individual rows carry ids only.

        Returns:
            ``id``, ``target``, ``label``, ``held``, ``required``, ``missing``, ``held_share``.
        """
        import pandas as pd

        m = self._matrices
        best = np.maximum(m.nearest, 0)
        found = m.nearest >= 0
        rows = np.arange(len(self))
        frame: pd.DataFrame = pd.DataFrame(
            {
                "id": self.ids,
                "target": [self.targets[t] if ok else None for t, ok in zip(best, found, strict=True)],
                "held": pd.array(np.where(found, m.held_counts[rows, best], 0), dtype="Int64"),
                "required": pd.Series(m.required_counts[best], dtype="Int64").where(found),
            }
        )
        frame.insert(2, "label", [self.label(u, lang) if u else None for u in frame["target"]])
        frame["missing"] = frame["required"] - frame["held"]
        frame["held_share"] = (frame["held"] / frame["required"]).astype(float)
        return frame

    def people_per_target(self, *, lang: str = "fi") -> pd.DataFrame:
        """How many people have each target as their nearest, with their mean share of skills held.

        Returns:
            ``target``, ``label``, ``people``, ``share``, ``mean_held_share``, ``suppressed``: most people
            first; targets nobody is nearest to are left out. ``attrs["no_target"]`` counts the people
            who hold none of any target's required skills (suppressed below the privacy minimum).
        """
        per = self.person_targets(lang=lang)
        none = int(per["target"].isna().sum())
        grouped = (
            per.groupby(["target", "label"], sort=False)
            .agg(people=("id", "size"), mean_held_share=("held_share", "mean"))
            .reset_index()
        )
        grouped["share"] = grouped["people"] / max(1, len(self))
        grouped = grouped[["target", "label", "people", "share", "mean_held_share"]]
        grouped = grouped.sort_values(["people", "target"], ascending=[False, True], kind="stable")
        out = suppress(grouped, "people", self.min_group_size, derived=["share", "mean_held_share"])
        result: pd.DataFrame = out.sort_values("suppressed", kind="stable").reset_index(drop=True)
        result.attrs.update(out.attrs)
        result.attrs["no_target"] = none if none == 0 or none >= self.min_group_size else None
        return result

    def common_gaps(self, *, top: int = 10, among: str = "nearest", lang: str = "fi") -> pd.DataFrame:
        """The skills most often missing per target occupation.

        Args:
            top: Skills per target.
            among: ``"nearest"``: among the people whose nearest target it is (the planning question);
                ``"all"``: among everyone in the cohort.
            lang: Label language.

        Returns:
            ``target``, ``target_label``, ``group_size``, ``skill``, ``label``, ``people`` (missing it),
            ``share`` (of the group), ``suppressed``. Targets whose group is smaller than the privacy
            minimum are left out, and the note says how many.

        Raises:
            ValueError: ``among`` is neither ``"nearest"`` nor ``"all"``.
        """
        import pandas as pd

        if among not in ("nearest", "all"):
            raise ValueError(f"among must be 'nearest' or 'all', not {among!r}")
        m = self._matrices
        rows: list[dict[str, Any]] = []
        hidden = 0
        for t, target in enumerate(self.targets):
            members = np.flatnonzero(m.nearest == t) if among == "nearest" else np.arange(len(self))
            if len(members) == 0:
                continue
            if len(members) < self.min_group_size:
                hidden += 1
                continue
            missing = (~m.met[members][:, m.required[t]]).sum(axis=0)
            cols = np.flatnonzero(m.required[t])
            order = np.lexsort((cols, -missing))[:top]
            for i in order:
                if missing[i] == 0:
                    continue
                uri = m.skills[cols[i]]
                rows.append(
                    {
                        "target": target,
                        "target_label": self.label(target, lang),
                        "group_size": len(members),
                        "skill": uri,
                        "label": self.label(uri, lang),
                        "people": int(missing[i]),
                        "share": float(missing[i]) / len(members),
                    }
                )
        columns = ["target", "target_label", "group_size", "skill", "label", "people", "share"]
        out = suppress(pd.DataFrame(rows, columns=columns), "people", self.min_group_size, derived=["share"])
        out.attrs["note"] = note(self.min_group_size, hidden + int(out["suppressed"].sum()))
        return out

    def clusters(self, *, k: int | None = None, top_skills: int = 5, lang: str = "fi") -> pd.DataFrame:
        """Groups of similar profiles (k-means on skills) described by their characteristic skills.

        See :func:`osaaminen.cohort.clusters.cluster_cohort` for the method; ``k=None`` picks it by
        silhouette. Clusters smaller than the privacy minimum are counted in the note, not shown.

        Returns:
            ``cluster``, ``people``, ``share``, ``skills`` (labels of the characteristic skills, by lift),
            ``skill_uris``, ``lift``, ``nearest_target`` (the most common nearest target's label),
            ``suppressed``; ``attrs`` holds ``k`` and ``silhouette``.
        """
        from osaaminen.cohort.clusters import cluster_cohort

        return cluster_cohort(self, k=k, top_skills=top_skills, lang=lang)

    def cluster_members(self, *, k: int | None = None) -> pd.DataFrame:
        """Each person's cluster (``id``, ``cluster``): ids only; ``-1`` for no skill shared by enough people."""
        from osaaminen.cohort.clusters import assign_clusters

        return assign_clusters(self, k=k)

    # -- planning ---------------------------------------------------------------------------------------

    def design_courses(
        self,
        max_weeks: float | None = 12.0,
        n_courses: int = 3,
        threshold: float = 0.0,
        **kwargs: Any,
    ) -> CourseDesigns:
        """Course designs that unlock the most people; see :func:`osaaminen.cohort.courses.design_courses`."""
        from osaaminen.cohort.courses import design_courses

        return design_courses(self, max_weeks=max_weeks, n_courses=n_courses, threshold=threshold, **kwargs)

    def programme_demand(self, **kwargs: Any) -> pd.DataFrame:
        """How many people's recommended paths use each programme; see :mod:`osaaminen.cohort.employer`."""
        from osaaminen.cohort.employer import programme_demand

        return programme_demand(self, **kwargs)

    def candidates_for(self, need: str, **kwargs: Any) -> pd.DataFrame:
        """People closest to an employer's need; see :func:`osaaminen.cohort.employer.candidates_for`."""
        from osaaminen.cohort.employer import candidates_for

        return candidates_for(self, need, **kwargs)


class _Matrices:
    """Dense boolean views: people x required skills met, targets x required skills."""

    def __init__(self, cohort: Cohort) -> None:
        from osaaminen.paths import required_skills
        from osaaminen.paths.requirements import satisfied

        tax = cohort.taxonomy
        required = [required_skills(tax, t) for t in cohort.targets]
        self.skills: list[str] = list(dict.fromkeys(uri for req in required for uri in req))
        col = {uri: i for i, uri in enumerate(self.skills)}
        self.required = np.zeros((len(required), len(self.skills)), dtype=bool)
        for t, req in enumerate(required):
            self.required[t, [col[u] for u in req]] = True
        self.met = np.zeros((len(cohort), len(self.skills)), dtype=bool)
        for p, held in enumerate(cohort.held):
            hits = [col[u] for u in satisfied(tax, held) if u in col]
            self.met[p, hits] = True
        self.required_counts = self.required.sum(axis=1)
        self.held_counts = self.met.astype(np.int32) @ self.required.T.astype(np.int32)
        shares = self.held_counts / self.required_counts
        missing = self.required_counts[None, :] - self.held_counts
        # Largest share held, then fewest missing, then the earlier target (argmax takes the first);
        # -1 for a person who holds none of any target's required skills.
        key = shares - 1e-6 * missing / (1 + self.required_counts.max())
        self.nearest = np.argmax(key, axis=1) if len(cohort) else np.zeros(0, dtype=int)
        if len(cohort):
            self.nearest[self.held_counts.max(axis=1) == 0] = -1

    def missing(self, person: int, target: int) -> np.ndarray:
        """Column indices of the required skills of ``target`` that ``person`` lacks."""
        return np.flatnonzero(self.required[target] & ~self.met[person])


def _head(frame: pd.DataFrame, top: int | None) -> pd.DataFrame:
    if top is None:
        return frame
    out: pd.DataFrame = frame.head(top).copy()
    out.attrs.update(frame.attrs)
    return out
