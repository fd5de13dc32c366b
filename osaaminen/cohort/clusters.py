"""Clusters of similar profiles in a cohort, described by their characteristic skills.

**Features.** Each person is a binary vector of the skills they hold, restricted to skills at least
``min_group_size`` people hold (rarer ones could not be shown anyway), weighted by TF-IDF (a skill nearly
everyone holds says little) and scaled to unit length, so that k-means on them groups by cosine
similarity. Above 50 skills the vectors are first reduced to 50 dimensions (truncated SVD).

**k.** Given, or the k in 2..8 (at most one cluster per ``2 * min_group_size`` people) with the best
silhouette on at most 2,000 people.

**Description.** A skill's *lift* in a cluster is its share among the cluster's members divided by its
share in the whole cohort: a lift of 3 means three times as common as in the cohort. The characteristic
skills are those with the highest lift among the skills at least a quarter of the cluster holds and at
least ``min_group_size`` members hold.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from osaaminen.cohort.privacy import note

if TYPE_CHECKING:
    import pandas as pd

    from osaaminen.cohort.cohort import Cohort

__all__ = ["assign_clusters", "cluster_cohort"]

_MAX_K = 8
_SILHOUETTE_SAMPLE = 2000
_MIN_SHARE = 0.25
_SVD_DIMS = 50


def _features(cohort: Cohort) -> tuple[Any, list[str], np.ndarray]:
    """Binary person x skill matrix of the common skills, the skills, and the rows with any of them."""
    from scipy.sparse import csr_array

    counts: dict[str, int] = {}
    for held in cohort.held:
        for uri in held:
            counts[uri] = counts.get(uri, 0) + 1
    skills = sorted(uri for uri, n in counts.items() if n >= cohort.min_group_size)
    col = {uri: i for i, uri in enumerate(skills)}
    rows = [sorted(col[u] for u in held if u in col) for held in cohort.held]
    indptr = np.cumsum([0, *(len(r) for r in rows)])
    indices = np.array([i for r in rows for i in r], dtype=np.int64)
    matrix = csr_array((np.ones(len(indices)), indices, indptr), shape=(len(rows), len(skills)))
    active = np.diff(indptr) > 0
    return matrix, skills, active


def _labels(cohort: Cohort, k: int | None) -> tuple[np.ndarray, int, float | None, Any, list[str]]:
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.metrics import silhouette_score
    from sklearn.preprocessing import normalize

    matrix, skills, active = _features(cohort)
    labels = np.full(len(cohort), -1, dtype=int)
    n_active = int(active.sum())
    upper = min(_MAX_K, n_active // (2 * cohort.min_group_size))
    if k is not None and k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    if n_active == 0 or (k is None and upper < 2):
        labels[active] = 0
        return labels, 1 if n_active else 0, None, matrix, skills
    distinct = int(np.unique(matrix[active].toarray(), axis=0).shape[0])
    upper = min(upper, distinct)
    if distinct < 2:
        labels[active] = 0
        return labels, 1, None, matrix, skills
    x = TfidfTransformer().fit_transform(matrix[active])
    if x.shape[1] > _SVD_DIMS:
        x = TruncatedSVD(_SVD_DIMS, random_state=cohort.random_state).fit_transform(x)
    x = normalize(x)
    rng = np.random.default_rng(cohort.random_state)
    sample = rng.choice(n_active, size=min(n_active, _SILHOUETTE_SAMPLE), replace=False)
    best: tuple[float, int, np.ndarray] | None = None
    silhouette: float | None = None
    for n in [k] if k is not None else range(2, upper + 1):
        n = min(n, distinct)
        fitted = KMeans(n_clusters=n, n_init=4, random_state=cohort.random_state).fit_predict(x)
        separable = n >= 2 and len(set(fitted[sample])) >= 2
        score = float(silhouette_score(x[sample], fitted[sample])) if separable else -1.0
        if best is None or score > best[0]:
            best = (score, n, fitted)
    assert best is not None
    silhouette = best[0] if best[1] >= 2 else None
    labels[active] = best[2]
    return labels, best[1], silhouette, matrix, skills


def assign_clusters(cohort: Cohort, *, k: int | None = None) -> pd.DataFrame:
    """Each person's cluster: ``id``, ``cluster`` (``-1``: none of the common skills).

    Raises:
        ValueError: ``k`` below 1.
    """
    import pandas as pd

    labels = _labels(cohort, k)[0]
    frame: pd.DataFrame = pd.DataFrame({"id": cohort.ids, "cluster": labels})
    return frame


def cluster_cohort(cohort: Cohort, *, k: int | None = None, top_skills: int = 5, lang: str = "fi") -> pd.DataFrame:
    """The clusters of a cohort with their characteristic skills (see the module description).

    Raises:
        ValueError: ``k`` below 1.
    """
    import pandas as pd

    labels, n_clusters, silhouette, matrix, skills = _labels(cohort, k)
    dense = matrix.toarray().astype(bool) if len(skills) else np.zeros((len(cohort), 0), dtype=bool)
    overall = dense.mean(axis=0) if len(cohort) else np.zeros(len(skills))
    nearest = cohort.person_targets(lang=lang)["label"].to_numpy()
    rows: list[dict[str, Any]] = []
    hidden = 0
    for c in sorted(set(labels.tolist())):
        members = np.flatnonzero(labels == c)
        if len(members) < cohort.min_group_size:
            hidden += 1
            continue
        row: dict[str, Any] = {"cluster": int(c), "people": len(members), "share": len(members) / len(cohort)}
        if c == -1:
            row.update(skills="(ei yhteisiä osaamisia)" if lang == "fi" else "(no common skills)", skill_uris=())
            row.update(lift=(), nearest_target=None)
            rows.append(row)
            continue
        held = dense[members].sum(axis=0)
        share = held / len(members)
        lift = np.divide(share, overall, out=np.zeros_like(share, dtype=float), where=overall > 0)
        ok = (share >= _MIN_SHARE) & (held >= cohort.min_group_size)
        order = [i for i in np.lexsort((-share, -lift)) if ok[i]][:top_skills]
        row["skills"] = ", ".join(cohort.label(skills[i], lang) for i in order)
        row["skill_uris"] = tuple(skills[i] for i in order)
        row["lift"] = tuple(round(float(lift[i]), 2) for i in order)
        counts = pd.Series(nearest[members]).dropna().value_counts()
        common = len(counts) and counts.iloc[0] >= cohort.min_group_size
        row["nearest_target"] = str(counts.index[0]) if common else None
        rows.append(row)
    columns = ["cluster", "people", "share", "skills", "skill_uris", "lift", "nearest_target"]
    frame: pd.DataFrame = pd.DataFrame(rows, columns=columns).sort_values("people", ascending=False, kind="stable")
    frame = frame.reset_index(drop=True)
    frame["suppressed"] = False
    frame.attrs["note"] = note(cohort.min_group_size, hidden)
    frame.attrs["k"] = n_clusters
    frame.attrs["silhouette"] = silhouette
    frame.attrs["min_group_size"] = cohort.min_group_size
    return frame
