"""The osaaminen exception and warning family.

Every error derives from :class:`OsaaminenError` and from the builtin it resembles, so callers can catch
either. Messages say what was wrong, where (file, row, column) and what to do about it.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "EmptyTextWarning",
    "InputTooLongError",
    "ModelNotFoundError",
    "OsaaminenError",
    "OsaaminenWarning",
    "TaxonomyError",
    "TaxonomyWarning",
    "TextDecodingError",
    "UnknownConceptError",
    "UnknownLanguageError",
]


class OsaaminenError(Exception):
    """Base class of every error raised by osaaminen."""


class OsaaminenWarning(UserWarning):
    """Base class of every warning issued by osaaminen."""


class TaxonomyWarning(OsaaminenWarning):
    """Taxonomy data was usable but not clean (for example relations to concepts missing from the export)."""


class TaxonomyError(OsaaminenError, ValueError):
    """A taxonomy or extension file is malformed: missing column, bad encoding, duplicate or unknown URI.

    Attributes:
        file: The file at fault, when the error concerns one.
        row: The row at fault, counted as a spreadsheet does (the header is row 1).
        column: The column at fault.

    Examples:
        >>> err = TaxonomyError("duplicate URI", file="skills_en.csv", row=12, column="conceptUri")
        >>> str(err)
        'skills_en.csv, row 12, column conceptUri: duplicate URI'
        >>> isinstance(err, ValueError)
        True
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.file = str(file) if file is not None else None
        self.row = row
        self.column = column
        self.message = message
        where = [part for part in (self.file, _fmt("row", row), _fmt("column", column)) if part]
        super().__init__(f"{', '.join(where)}: {message}" if where else message)


class UnknownConceptError(OsaaminenError, KeyError):
    """A URI names no concept of the requested kind in the loaded taxonomy.

    Examples:
        >>> err = UnknownConceptError("http://example.org/x", kind="occupation")
        >>> str(err)
        "unknown occupation URI 'http://example.org/x': not in this taxonomy (check the URI and the ESCO version)"
        >>> isinstance(err, KeyError)
        True
    """

    def __init__(self, uri: str, *, kind: str = "concept", hint: str | None = None) -> None:
        self.uri = uri
        self.kind = kind
        self.message = f"unknown {kind} URI {uri!r}: " + (
            hint or "not in this taxonomy (check the URI and the ESCO version)"
        )
        super().__init__(self.message)

    def __str__(self) -> str:
        # KeyError would repr() the message and wrap it in quotes.
        return self.message


class UnknownLanguageError(OsaaminenError, ValueError):
    """A language code is not available (not bundled, not in the export, or not loaded)."""


def _fmt(name: str, value: object) -> str | None:
    return f"{name} {value}" if value is not None else None


class InputTooLongError(OsaaminenError, ValueError):
    """A text is longer than the documented limit for one work history.

    Attributes:
        length: The text's length in characters.
        limit: The limit in force.
    """

    def __init__(self, length: int, limit: int, *, index: int | None = None) -> None:
        self.length = length
        self.limit = limit
        self.index = index
        where = f"text {index}" if index is not None else "the text"
        super().__init__(
            f"{where} has {length:,} characters, over the limit of {limit:,} for one work history; "
            "split it into several texts (for example one per job), or raise the limit with max_chars=..."
        )


class TextDecodingError(OsaaminenError, UnicodeError):
    """Bytes given as text could not be decoded; the message names the encoding and the byte offset."""


class EmptyTextWarning(OsaaminenWarning):
    """A text was empty or only white space: it yields an empty result."""


class ModelNotFoundError(OsaaminenError, FileNotFoundError):
    """An encoder's model is not on this machine; osaaminen never downloads one.

    The message names what was looked for and how to provide a local copy.
    """


class CatalogueError(OsaaminenError, ValueError):
    """A programme catalogue is invalid: unknown skill, provider or programme, a cycle, a bad duration, a duplicate.

    One error can carry several problems (:attr:`problems`), so that a maintainer sees all of them at once.

    Attributes:
        file: The file at fault, when the problem is in one.
        programme: The id of the programme (or provider) at fault.
        field: The field at fault.
        problems: Every problem found, each a :class:`CatalogueError` with its own file, programme and field
            (just this error when there was only one).

    Examples:
        >>> err = CatalogueError("unknown skill URI 'x'", file="lahti.json", programme="p1", field="teaches")
        >>> str(err)
        "lahti.json, programme p1, field teaches: unknown skill URI 'x'"
        >>> isinstance(err, ValueError), len(err.problems)
        (True, 1)
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        programme: str | None = None,
        field: str | None = None,
        problems: tuple[CatalogueError, ...] = (),
    ) -> None:
        self.file = str(file) if file is not None else None
        self.programme = programme
        self.field = field
        self.message = message
        self.problems = problems or (self,)
        where = [part for part in (self.file, _fmt("programme", programme), _fmt("field", field)) if part]
        super().__init__(f"{', '.join(where)}: {message}" if where else message)

    @classmethod
    def collect(cls, problems: list[CatalogueError], *, limit: int = 50) -> CatalogueError:
        """One error reporting every problem in ``problems`` (the first ``limit`` in the message).

        Examples:
            >>> a = CatalogueError("duplicate id", programme="p1", field="id")
            >>> b = CatalogueError("duration must be > 0", programme="p2", field="duration_weeks")
            >>> err = CatalogueError.collect([a, b])
            >>> print(err)
            2 problems in the catalogue:
              - programme p1, field id: duplicate id
              - programme p2, field duration_weeks: duration must be > 0
            >>> (err.programme, err.field)
            ('p1', 'id')
        """
        if len(problems) == 1:
            return problems[0]
        lines = [f"  - {problem}" for problem in problems[:limit]]
        if len(problems) > limit:
            lines.append(f"  ... and {len(problems) - limit} more")
        first = problems[0]
        err = cls(
            f"{len(problems)} problems in the catalogue:\n" + "\n".join(lines),
            problems=tuple(problems),
        )
        err.file, err.programme, err.field = first.file, first.programme, first.field
        return err


class UnknownTargetError(UnknownConceptError):
    """A path target is not an occupation of the taxonomy (a typo, another ESCO version, or a skill URI).

    Examples:
        >>> err = UnknownTargetError("http://example.org/x")
        >>> isinstance(err, KeyError), err.kind
        (True, 'occupation')
    """

    def __init__(self, uri: str, *, hint: str | None = None) -> None:
        super().__init__(
            uri,
            kind="occupation",
            hint=hint
            or "not an occupation of this taxonomy; pick a target from osa.growth_targets() or taxonomy.occupations",
        )


class EmptyTargetError(OsaaminenError, ValueError):
    """A path target has no required skills, so there is nothing to plan towards."""


class InfeasiblePathError(OsaaminenError, LookupError):
    """The constraints of a path request leave no acceptable path; the message says what to relax.

    Attributes:
        relax: Names of the constraints to relax, most useful first.
    """

    def __init__(self, message: str, *, relax: tuple[str, ...] = ()) -> None:
        self.relax = relax
        self.message = message
        super().__init__(message)


__all__ += ["CatalogueError", "EmptyTargetError", "InfeasiblePathError", "UnknownTargetError"]
