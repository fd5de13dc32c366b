"""Cache entries: keys, atomic writes, failures that must not break loading."""

from __future__ import annotations

from pathlib import Path

import osaaminen as osa
from osaaminen._cache import cache_entry, hash_key, write_entry


def test_hash_key_is_order_independent_and_content_sensitive() -> None:
    assert hash_key(a=1, b=[1, 2]) == hash_key(b=[1, 2], a=1)
    assert hash_key(a=1) != hash_key(a=2)


def test_entry_location_follows_the_config(tmp_path: Path) -> None:
    with osa.config_context(cache_dir=tmp_path):
        assert cache_entry("taxonomy", "abc") == tmp_path / "taxonomy" / "abc"


def test_write_entry_is_atomic(tmp_path: Path) -> None:
    entry = tmp_path / "ns" / "key"

    def write(folder: Path) -> None:
        (folder / "a.txt").write_text("a", encoding="utf-8")
        assert not entry.exists()  # nothing is visible until the whole entry is written

    assert write_entry(entry, write)
    assert (entry / "a.txt").read_text(encoding="utf-8") == "a"
    assert [p.name for p in entry.parent.iterdir()] == ["key"]  # no temporary folder left behind


def test_failed_write_leaves_nothing(tmp_path: Path) -> None:
    entry = tmp_path / "ns" / "key"

    def write(folder: Path) -> None:
        (folder / "half").write_text("x", encoding="utf-8")
        raise OSError("disk full")

    assert not write_entry(entry, write)
    assert list(entry.parent.iterdir()) == []


def test_existing_entry_is_replaced(tmp_path: Path) -> None:
    entry = tmp_path / "key"
    entry.mkdir()
    (entry / "old").write_text("old", encoding="utf-8")

    def write(folder: Path) -> None:
        (folder / "new").write_text("new", encoding="utf-8")

    assert write_entry(entry, write)
    assert sorted(p.name for p in entry.iterdir()) == ["new"]
