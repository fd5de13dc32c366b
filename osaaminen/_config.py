"""Global configuration: cache directory, bundled data directory, progress bars, default language.

Settings are read from keyword arguments first; ``None`` means "use the global configuration", which is
set with :func:`set_config`, temporarily with :func:`config_context`, or from the environment
(``OSAAMINEN_CACHE_DIR``, ``OSAAMINEN_DATA_DIR``).
"""

from __future__ import annotations

import contextvars
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

__all__ = ["config_context", "get_config", "set_config"]


@dataclass(frozen=True)
class Config:
    """The global settings.

    Attributes:
        cache_dir: Where derived data (parsed taxonomies, embeddings) is cached. ``None``:
            ``$OSAAMINEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/osaaminen``, else ``~/.cache/osaaminen``.
        data_dir: Where the bundled ``taxonomies/`` folder is. ``None``: ``$OSAAMINEN_DATA_DIR``, else the
            copy inside the installed package, else the source checkout's ``taxonomies/``.
        show_progress_bar: ``None`` follows the logging level (shown when INFO is enabled).
        default_language: ISO 639-1 code used when a function is given no language.
    """

    cache_dir: Path | None = None
    data_dir: Path | None = None
    show_progress_bar: bool | None = None
    default_language: str = "fi"


_config: contextvars.ContextVar[Config] = contextvars.ContextVar(
    "osaaminen_config",
    default=Config(),  # noqa: B039 - Config is a frozen dataclass
)


def get_config() -> Config:
    """Return the configuration in force.

    Examples:
        >>> get_config().default_language
        'fi'
    """
    return _config.get()


def set_config(**settings: Any) -> None:
    """Change the global configuration.

    Args:
        **settings: Fields of :class:`Config` to change.

    Raises:
        TypeError: For an unknown setting; the message lists the valid ones.

    Examples:
        >>> set_config(default_language="en")
        >>> get_config().default_language
        'en'
        >>> set_config(default_language="fi")
    """
    _config.set(_updated(_config.get(), settings))


@contextmanager
def config_context(**settings: Any) -> Iterator[Config]:
    """Change the configuration inside a ``with`` block only.

    Examples:
        >>> with config_context(default_language="sv") as cfg:
        ...     cfg.default_language
        'sv'
        >>> get_config().default_language
        'fi'
    """
    token = _config.set(_updated(_config.get(), settings))
    try:
        yield _config.get()
    finally:
        _config.reset(token)


def cache_dir() -> Path:
    """Resolve the cache directory (not created here)."""
    configured = get_config().cache_dir
    if configured is not None:
        return Path(configured)
    if env := os.environ.get("OSAAMINEN_CACHE_DIR"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "osaaminen"


def _updated(config: Config, settings: dict[str, Any]) -> Config:
    valid = {f.name for f in fields(Config)}
    unknown = sorted(set(settings) - valid)
    if unknown:
        raise TypeError(f"unknown setting(s) {unknown}; valid settings: {sorted(valid)}")
    for key in ("cache_dir", "data_dir"):
        if settings.get(key) is not None:
            settings[key] = Path(settings[key])
    return replace(config, **settings)
