"""Small-cell suppression for cohort tables, as official statistics do.

A count of fewer than ``min_group_size`` people could point at someone, so it is never shown: the count
and every figure derived from it become missing, the row keeps ``suppressed=True``, and the table's
``attrs["note"]`` says what was done. Rows are kept (a planner sees that something was there) unless the
row itself would describe the small group, in which case the caller drops its descriptive columns too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DEFAULT_MIN_GROUP_SIZE", "note", "suppress"]

DEFAULT_MIN_GROUP_SIZE = 5
"""The smallest group an aggregated cohort output shows."""


def note(min_group_size: int, n_suppressed: int, lang: str = "en") -> str:
    """The sentence that tells a reader what was suppressed.

    Examples:
        >>> note(5, 2)
        'Groups of fewer than 5 people are not shown (2 suppressed).'
        >>> note(5, 0, "fi")
        'Alle 5 hengen ryhmiä ei näytetä (0 piilotettu).'
    """
    if lang == "fi":
        return f"Alle {min_group_size} hengen ryhmiä ei näytetä ({n_suppressed} piilotettu)."
    return f"Groups of fewer than {min_group_size} people are not shown ({n_suppressed} suppressed)."


def suppress(
    frame: pd.DataFrame,
    count: str,
    min_group_size: int,
    *,
    derived: Sequence[str] = (),
    hide: Sequence[str] = (),
) -> pd.DataFrame:
    """Blank the small cells of a table of counts.

    Args:
        frame: The table.
        count: The column of people counts.
        min_group_size: Counts below this (and above 0) are suppressed.
        derived: Columns computed from the count (shares), blanked with it.
        hide: Columns that describe the group itself (its characteristic skills, its ids), blanked too.

    Returns:
        A copy with ``count`` as a nullable integer, a ``suppressed`` column and ``attrs["note"]``.

    Examples:
        >>> import pandas as pd
        >>> out = suppress(pd.DataFrame({"skill": ["a", "b"], "people": [7, 2]}), "people", 5)
        >>> out["people"].tolist(), out["suppressed"].tolist()
        ([7, <NA>], [False, True])
        >>> out.attrs["note"]
        'Groups of fewer than 5 people are not shown (1 suppressed).'
    """
    out: pd.DataFrame = frame.copy()
    small = (out[count] > 0) & (out[count] < min_group_size)
    out[count] = out[count].astype("Int64").mask(small)
    import pandas as pd

    for column in (*derived, *hide):
        if column not in out.columns:
            continue
        if pd.api.types.is_numeric_dtype(out[column]) and not pd.api.types.is_bool_dtype(out[column]):
            out[column] = out[column].astype(float).mask(small)
        else:
            out[column] = out[column].astype(object).mask(small, None)
    out["suppressed"] = small.astype(bool)
    out.attrs["note"] = note(min_group_size, int(small.sum()))
    out.attrs["min_group_size"] = min_group_size
    return out
