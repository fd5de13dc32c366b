"""Batch recognition on a Dask cluster, for cohorts beyond one machine (all job seekers in Finland, ~300k).

Each partition of a Dask DataFrame is recognised with
:meth:`~osaaminen.recognition.SkillRecogniser.recognise_many` (one encoder call per partition), through
``dask.dataframe.map_partitions``; the result is the same tidy table, lazily, and
:meth:`~osaaminen.cohort.Cohort.from_recognitions` turns it (computed) into a cohort. Dask is optional:
``pip install "osaaminen[dask]"``.

On threads (``distributed.LocalCluster(processes=False)``) every worker shares one recogniser and its
indexes. On processes or remote workers the recogniser travels to each worker: pass a factory instead,
a module-level function that builds the recogniser once per worker (wrap it in ``functools.cache``), so
each worker loads the taxonomy and encoder once.

Examples:
    >>> import dask.dataframe as dd
    >>> import pandas as pd
    >>> import osaaminen as osa
    >>> rec = osa.SkillRecogniser(osa.load_esco(languages=("fi", "en")), encoder=osa.HashingEncoder(dim=64))
    >>> texts = dd.from_pandas(pd.Series(["Trukkikortti.", "Hygieniapassi."], index=["a", "b"]), npartitions=2)
    >>> table = recognise_dask(rec, texts)  # lazy: .compute() runs it
    >>> list(table.columns)
    ['id', 'kind', 'uri', 'label', 'score', 'source', 'years', 'language']
"""

from __future__ import annotations

import uuid
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from osaaminen.exceptions import OsaaminenError

if TYPE_CHECKING:
    import pandas as pd

    from osaaminen.recognition import SkillRecogniser

__all__ = ["MissingDependencyError", "recognise_dask"]

_COLUMNS = ["id", "kind", "uri", "label", "score", "source", "years", "evidence", "start", "end", "language"]
_TEXT_COLUMNS = ("evidence", "start", "end")


class MissingDependencyError(OsaaminenError, ImportError):
    """An optional dependency is not installed; the message names the extra to install."""


def _dask_dataframe() -> Any:
    try:
        import dask.dataframe as dd
    except ImportError as err:
        raise MissingDependencyError(
            'recognise_dask needs Dask: pip install "osaaminen[dask]" (dask[dataframe] and distributed)'
        ) from err
    return dd


def recognise_dask(
    recogniser: SkillRecogniser | Callable[[], SkillRecogniser],
    texts: Any,
    *,
    text_column: str = "text",
    id_column: str | None = None,
    language: str | None = None,
    keep_evidence: bool = False,
) -> Any:
    """Recognise the texts of a Dask Series or DataFrame, partition by partition, into a lazy tidy table.

    Args:
        recogniser: A :class:`~osaaminen.recognition.SkillRecogniser`, or a function that returns one
            (called in each partition: cache it, see the module description).
        texts: A ``dask.dataframe`` Series of texts (its index gives the ids) or DataFrame.
        text_column: The text column of a DataFrame.
        id_column: The id column of a DataFrame (default: its index).
        language: Language of every text, or ``None`` to detect each.
        keep_evidence: Keep the ``evidence``, ``start`` and ``end`` columns (words of the texts). Off by
            default: a cohort needs only ids, skills and scores, and fewer copies of personal text travel.

    Returns:
        A ``dask.dataframe.DataFrame`` with the columns of ``recognise_many`` (less the evidence ones).

    Raises:
        MissingDependencyError: Dask is not installed.
        KeyError: A named column is missing.
    """
    dd = _dask_dataframe()
    import pandas as pd

    if isinstance(texts, dd.DataFrame):
        missing = [c for c in (text_column, id_column) if c is not None and c not in texts.columns]
        if missing:
            raise KeyError(f"the Dask DataFrame has no column(s) {missing}; its columns are {list(texts.columns)}")
    elif not isinstance(texts, dd.Series):
        raise TypeError(f"texts must be a dask.dataframe Series or DataFrame, not {type(texts).__name__}")
    columns = [c for c in _COLUMNS if keep_evidence or c not in _TEXT_COLUMNS]
    meta = pd.DataFrame(
        {c: pd.Series(dtype=float if c in ("score", "years", "start", "end") else object) for c in columns}
    )

    run = _Recognise(recogniser, columns, meta, text_column, id_column, language)
    return texts.map_partitions(run, meta=meta, token=run.token)


_SHARED: weakref.WeakValueDictionary[str, SkillRecogniser] = weakref.WeakValueDictionary()


def _recogniser_class() -> type[SkillRecogniser]:
    from osaaminen.recognition import SkillRecogniser

    return SkillRecogniser


class _Recognise:
    """The partition function; carries its own Dask token (a recogniser holds a lock and cannot be hashed)."""

    def __init__(
        self,
        recogniser: SkillRecogniser | Callable[[], SkillRecogniser],
        columns: list[str],
        meta: pd.DataFrame,
        text_column: str,
        id_column: str | None,
        language: str | None,
    ) -> None:
        self.recogniser: Any = recogniser
        self.columns = columns
        self.dtypes = {c: meta[c].dtype for c in columns}
        self.text_column = text_column
        self.id_column = id_column
        self.language = language
        self.token = f"osaaminen-recognise-{uuid.uuid4().hex}"

    def __dask_tokenize__(self) -> str:
        return self.token

    def __getstate__(self) -> dict[str, Any]:
        # Distributed pickles the graph even for threads; a recogniser (it holds a lock) stays behind in
        # this process and is found again by its token, a factory travels as it is.
        state = dict(self.__dict__)
        if isinstance(self.recogniser, _recogniser_class()):
            _SHARED[self.token] = self.recogniser
            state["recogniser"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        if self.recogniser is None:
            found = _SHARED.get(self.token)
            if found is None:
                raise OsaaminenError(
                    "a SkillRecogniser cannot travel to another process: on a process-based or remote Dask "
                    "cluster pass a factory (a module-level function, cached with functools.cache) instead"
                )
            self.recogniser = found

    def __call__(self, part: pd.DataFrame | pd.Series) -> pd.DataFrame:
        import pandas as pd

        rec = self.recogniser if isinstance(self.recogniser, _recogniser_class()) else self.recogniser()
        if isinstance(part, pd.DataFrame):
            series = part[self.text_column].fillna("")
            if self.id_column is not None:
                series.index = part[self.id_column]
        else:
            series = part.fillna("")
        table = rec.recognise_many(series, language=self.language)
        out: pd.DataFrame = table[self.columns].astype(self.dtypes)
        return out
