"""On-disk caches of derived data: location, keys, atomic writes.

Entries live under the configured cache directory, one folder per entry, named by a key that hashes
everything the entry was derived from (content, not file names), so a stale entry is never found. An
entry appears atomically: it is written to a temporary folder and renamed into place.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from osaaminen._config import cache_dir

__all__ = ["cache_entry", "hash_key", "write_entry"]

logger = logging.getLogger(__name__)


def hash_key(**parts: Any) -> str:
    """A short stable hash of JSON-serialisable ``parts``.

    Examples:
        >>> hash_key(a=1, b=["x"]) == hash_key(b=["x"], a=1)
        True
    """
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:32]


def cache_entry(namespace: str, key: str) -> Path:
    """The folder of one cache entry (it may not exist)."""
    return cache_dir() / namespace / key


def write_entry(entry: Path, write: Callable[[Path], None]) -> bool:
    """Create ``entry`` atomically by calling ``write(temporary_folder)``, then renaming it into place.

    A failure to write (read-only or full disk) is logged and reported as ``False``: caching is an
    optimisation, never a reason to fail.
    """
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{entry.name}.", dir=entry.parent))
    except OSError as exc:
        logger.info("cache not written (%s): %s", entry, exc)
        return False
    try:
        write(tmp)
        if entry.exists():
            shutil.rmtree(entry, ignore_errors=True)  # a corrupt entry being replaced
        tmp.replace(entry)
        return True
    except OSError as exc:
        # Another process may have won the race; its entry is as good as ours.
        logger.info("cache not written (%s): %s", entry, exc)
        return entry.exists()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
