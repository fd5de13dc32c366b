"""Catalogue files: reading and writing the JSON format, and its JSON Schema.

A catalogue is one or more UTF-8 JSON files, each an object with a ``"providers"`` list and a
``"programmes"`` list (either may be missing); ``taxonomies/programmes/README.md`` documents every field
and ``taxonomies/programmes/schema.json`` is the JSON Schema that editors can check a file against.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from osaaminen.exceptions import CatalogueError
from osaaminen.programmes.models import Programme, Provider

__all__ = ["CatalogueFile", "catalogue_schema", "find_catalogue_files", "read_catalogue_file", "write_catalogue_file"]

_Record = TypeVar("_Record", Provider, Programme)

SCHEMA_ID = "https://osaaminen.invalid/schemas/programme-catalogue-1.json"


class CatalogueFile(BaseModel):
    """The content of one catalogue file (the root of the JSON Schema)."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    schema_: str | None = None
    providers: tuple[Provider, ...] = ()
    programmes: tuple[Programme, ...] = ()


def catalogue_schema() -> dict[str, Any]:
    """The JSON Schema of a catalogue file, generated from the pydantic models.

    Examples:
        >>> schema = catalogue_schema()
        >>> sorted(schema["properties"])
        ['$schema', 'programmes', 'providers']
        >>> "duration_weeks" in schema["$defs"]["Programme"]["required"]
        True
    """
    schema = CatalogueFile.model_json_schema(mode="validation")
    for definition in schema.get("$defs", {}).values():
        _describe(definition)
    props = schema["properties"]
    props["$schema"] = {"type": "string", "description": "Path or URL of this JSON Schema, for editors."}
    del props["schema_"]
    schema["properties"] = dict(sorted(props.items()))
    schema["title"] = "osaaminen programme catalogue file"
    schema["description"] = (
        "Providers and programmes of an osaaminen programme catalogue; see taxonomies/programmes/README.md."
    )
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def _describe(definition: dict[str, Any]) -> None:
    """Cut a model's docstring down to its summary, and give each property its line of ``Attributes:``."""
    text = str(definition.get("description", ""))
    summary, _, rest = text.partition("\n\n")
    definition["description"] = summary.strip()
    attributes = rest.partition("Attributes:")[2].partition("\n\nExamples:")[0]
    described: dict[str, str] = {}
    name = ""
    for line in attributes.splitlines():
        stripped = line.strip()
        head, sep, tail = stripped.partition(": ")
        if sep and line.startswith("    ") and not line.startswith("        ") and head.isidentifier():
            name = head
            described[name] = tail
        elif name and stripped:
            described[name] += " " + stripped
    for key, prop in definition.get("properties", {}).items():
        if key in described:
            prop["description"] = described[key].replace("``", "'")


def find_catalogue_files(paths: str | Path | Sequence[str | Path]) -> list[Path]:
    """The catalogue files named by ``paths``: files as given, folders as their ``*.json`` files, sorted.

    ``schema.json`` files in a folder are skipped.

    Raises:
        CatalogueError: A path does not exist, or a folder holds no catalogue file.

    Examples:
        >>> find_catalogue_files("no/such/folder")
        Traceback (most recent call last):
        ...
        osaaminen.exceptions.CatalogueError: no/such/folder: no such file or folder
    """
    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    found: list[Path] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.glob("*.json") if p.name != "schema.json")
            if not files:
                raise CatalogueError("the folder holds no catalogue file (*.json)", file=path)
            found.extend(files)
        elif path.is_file():
            found.append(path)
        else:
            raise CatalogueError("no such file or folder", file=path)
    return found


def read_catalogue_file(path: str | Path) -> tuple[list[Provider], list[Programme], list[CatalogueError]]:
    """Read one file: its valid providers and programmes, and a problem for each record that is not valid.

    Records are validated one by one, so one bad programme does not hide the problems of the others.

    Raises:
        CatalogueError: The file is not UTF-8 JSON, or not an object with ``providers`` / ``programmes`` lists.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise CatalogueError(f"not UTF-8 text (byte {exc.start}); save the file as UTF-8", file=path) from exc
    except json.JSONDecodeError as exc:
        raise CatalogueError(f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}", file=path) from exc
    if not isinstance(data, dict):
        raise CatalogueError("a catalogue file is a JSON object with 'providers' and 'programmes' lists", file=path)
    unknown = sorted(set(data) - {"$schema", "providers", "programmes"})
    if unknown:
        raise CatalogueError(f"unknown top-level keys {unknown}; expected 'providers' and 'programmes'", file=path)
    providers = _records(data, "providers", Provider, path)
    programmes = _records(data, "programmes", Programme, path)
    problems = providers[1] + programmes[1]
    return providers[0], programmes[0], problems


def _records(
    data: dict[str, Any], key: str, model: type[_Record], path: Path
) -> tuple[list[_Record], list[CatalogueError]]:
    items = data.get(key, [])
    if not isinstance(items, list):
        raise CatalogueError(f"'{key}' must be a list of objects", file=path)
    records: list[_Record] = []
    problems: list[CatalogueError] = []
    kind = "programme" if model is Programme else "provider"
    for position, item in enumerate(items):
        ident = item.get("id") if isinstance(item, dict) else None
        ident = str(ident) if ident is not None else f"#{position + 1} (no id)"
        try:
            records.append(model.model_validate(item))
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                field = _field_name(error["loc"])
                problems.append(
                    CatalogueError(
                        f"{error['msg']} (value: {_short(error.get('input'))})"
                        + ("" if kind == "programme" else " [provider]"),
                        file=path,
                        programme=ident,
                        field=field or None,
                    )
                )
    return records, problems


def _field_name(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _short(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def write_catalogue_file(
    path: str | Path,
    programmes: Iterable[Programme] = (),
    providers: Iterable[Provider] = (),
    *,
    schema: str | None = None,
) -> Path:
    """Write providers and programmes as one catalogue file (UTF-8 JSON, one field per line, defaults left out).

    Args:
        path: The file to write.
        programmes: Programmes to write, in order.
        providers: Providers to write, in order.
        schema: A ``$schema`` reference to put at the top (a relative path to ``schema.json``).

    Examples:
        >>> import tempfile
        >>> from osaaminen.programmes.models import SkillLink
        >>> p = Programme(id="ea1", kind="short_course", name={"fi": "EA 1"}, providers=(),
        ...               teaches=(SkillLink(uri="urn:osaaminen:fi-card:ensiapukortti-ea1"),), duration_weeks=1)
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     out = write_catalogue_file(Path(tmp) / "c.json", [p])
        ...     read_catalogue_file(out)[1] == [p]
        True
    """
    payload: dict[str, Any] = {}
    if schema is not None:
        payload["$schema"] = schema
    payload["providers"] = [item.model_dump(mode="json", exclude_defaults=True) for item in providers]
    payload["programmes"] = [item.model_dump(mode="json", exclude_defaults=True) for item in programmes]
    path = Path(path)
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
