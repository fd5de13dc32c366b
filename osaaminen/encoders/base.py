"""The :class:`Encoder` protocol and the argument checks and progress-bar policy every encoder shares.

An encoder turns texts into L2-normalised float32 rows, so that a dot product is a cosine similarity.
Anything with an ``id``, a ``dim`` and an ``encode`` method of the right shape is an encoder: the
recogniser depends on this protocol only, never on a particular backend.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal, Protocol, cast, get_args, runtime_checkable

import numpy as np

from osaaminen._config import get_config
from osaaminen.exceptions import ModelNotFoundError

__all__ = [
    "ENCODE_KWARGS",
    "EncodeKind",
    "Encoder",
    "ModelNotFoundError",
    "batches",
    "check_encode_args",
    "progress",
    "resolve_progress_bar",
]

EncodeKind = Literal["query", "passage"]
"""What a text is for: ``"query"`` for the text searched with (a work history), ``"passage"`` for
the texts searched in (skill labels and descriptions). Asymmetric models such as e5 embed the two
differently; symmetric ones ignore the difference."""

KINDS: tuple[str, ...] = get_args(EncodeKind)

ENCODE_KWARGS: tuple[str, ...] = ("kind", "batch_size", "show_progress_bar")
"""The keyword arguments of :meth:`Encoder.encode`."""


@runtime_checkable
class Encoder(Protocol):
    """Turns texts into unit-length vectors.

    ``isinstance(obj, Encoder)`` checks that the members exist, not their signatures.

    Attributes:
        id: A stable identifier of the model *and* of everything that changes its output (model file,
            version, prefixes). Embedding caches are keyed by it, so it must change whenever the
            vectors would.
        dim: The length of each vector.
    """

    @property
    def id(self) -> str:
        """A stable identifier of the model and everything that changes its output."""
        ...

    @property
    def dim(self) -> int:
        """The length of each vector."""
        ...

    def encode(
        self,
        texts: Sequence[str],
        *,
        kind: EncodeKind = "query",
        batch_size: int = 64,
        show_progress_bar: bool | None = None,
    ) -> np.ndarray:
        """Embed ``texts``.

        Args:
            texts: The texts; a list even for one text.
            kind: ``"query"`` for the texts searched with, ``"passage"`` for those searched in.
            batch_size: How many texts go to the model at once.
            show_progress_bar: ``None`` follows the configuration and the logging level (see
                :func:`resolve_progress_bar`).

        Returns:
            A float32 array of shape ``(len(texts), dim)`` with L2-normalised rows; ``(0, dim)`` for
            no texts.
        """
        ...


def check_encode_args(
    texts: object,
    *,
    kind: object = "query",
    batch_size: object = 64,
    extra: Mapping[str, Any] | None = None,
    method: str = "encode",
) -> list[str]:
    """Validate the arguments of :meth:`Encoder.encode` and return the texts as a list.

    Args:
        texts: Should be a sequence of ``str`` (a list, a tuple, a numpy array or a pandas Series).
        kind: Should be one of ``"query"``, ``"passage"``.
        batch_size: Should be an integer of at least 1.
        extra: Keyword arguments the method did not recognise; any is an error.
        method: The method's name, for the messages.

    Returns:
        The texts, as a new list.

    Raises:
        TypeError: For a bare string, a non-sequence, an item that is not a string, or an unknown
            keyword argument (the message lists the valid ones).
        ValueError: For an unknown ``kind`` or a ``batch_size`` below 1.

    Examples:
        >>> check_encode_args(("a", "b"), kind="passage")
        ['a', 'b']
        >>> check_encode_args("a")
        Traceback (most recent call last):
        ...
        TypeError: encode() takes a sequence of texts, not a single str; pass a list: encode(['a'])
    """
    if extra:
        raise TypeError(
            f"{method}() got unexpected keyword argument(s) {sorted(extra)}; "
            f"valid keyword arguments: {list(ENCODE_KWARGS)}"
        )
    if kind not in KINDS:
        raise ValueError(f"{method}(): kind must be one of {list(KINDS)}, got {kind!r}")
    if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)):
        raise TypeError(f"{method}(): batch_size must be an int, got {type(batch_size).__name__}")
    if batch_size < 1:
        raise ValueError(f"{method}(): batch_size must be at least 1, got {batch_size}")
    if isinstance(texts, str):
        shown = repr(texts) if len(texts) <= 40 else repr(texts[:37]) + "..."
        raise TypeError(f"{method}() takes a sequence of texts, not a single str; pass a list: {method}([{shown}])")
    if isinstance(texts, (bytes, bytearray)):
        raise TypeError(f"{method}() takes a sequence of str, not bytes; decode the bytes and pass a list of str")
    if not (isinstance(texts, Sequence) or (hasattr(texts, "__len__") and hasattr(texts, "__getitem__"))) or (
        isinstance(texts, Mapping)
    ):
        raise TypeError(
            f"{method}() takes a sequence of texts (a list, a tuple, a numpy array or a pandas Series), "
            f"got {type(texts).__name__}"
        )
    items: list[str] = []
    for index, item in enumerate(cast("Iterable[object]", texts)):
        if not isinstance(item, str):
            raise TypeError(f"{method}(): texts[{index}] is {type(item).__name__}, not str")
        items.append(item)
    return items


def resolve_progress_bar(show_progress_bar: bool | None) -> bool:
    """Whether to show a progress bar.

    An explicit ``True``/``False`` wins. ``None`` uses ``osaaminen.get_config().show_progress_bar``
    when that is set, and otherwise shows one only when the ``osaaminen`` logger is enabled at INFO
    (or lower) *and* standard error is a terminal.

    Examples:
        >>> resolve_progress_bar(False)
        False
        >>> import osaaminen as osa
        >>> with osa.config_context(show_progress_bar=True):
        ...     resolve_progress_bar(None)
        True
    """
    if show_progress_bar is not None:
        return bool(show_progress_bar)
    configured = get_config().show_progress_bar
    if configured is not None:
        return configured
    if not logging.getLogger("osaaminen").isEnabledFor(logging.INFO):
        return False
    stderr = sys.stderr
    try:
        return stderr is not None and stderr.isatty()
    except (AttributeError, ValueError):  # a replaced or closed stream
        return False


def batches(texts: Sequence[str], batch_size: int) -> Iterator[Sequence[str]]:
    """Consecutive slices of at most ``batch_size`` texts.

    Examples:
        >>> list(batches(["a", "b", "c"], 2))
        [['a', 'b'], ['c']]
    """
    for start in range(0, len(texts), batch_size):
        yield texts[start : start + batch_size]


def progress(total: int, *, show: bool, desc: str) -> Any:
    """A tqdm bar over ``total`` texts (``update(n)`` after each batch), or a silent stand-in."""
    if not show:
        return _NoProgress()
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="text", leave=False)


class _NoProgress:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass

    def __enter__(self) -> _NoProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        pass
