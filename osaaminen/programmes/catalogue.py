"""The :class:`Catalogue`: a validated collection of programmes and providers, with lookups and filters."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from osaaminen.exceptions import CatalogueError
from osaaminen.programmes.files import find_catalogue_files, read_catalogue_file
from osaaminen.programmes.models import Mode, Programme, ProgrammeKind, Provider

if TYPE_CHECKING:
    import pandas as pd

    from osaaminen.taxonomy import Taxonomy

__all__ = ["Catalogue"]

_FRAME_COLUMNS = (
    "id",
    "kind",
    "level",
    "name_fi",
    "name_en",
    "providers",
    "skills",
    "duration_weeks",
    "hours",
    "credits",
    "credit_unit",
    "cost_eur",
    "languages",
    "mode",
    "municipality",
    "admission",
    "start_dates",
    "target_groups",
    "requires_skills",
    "requires_programmes",
    "part_of",
    "contains",
    "estimated",
)


class Catalogue:
    """A validated collection of programmes and the providers that offer them.

    Build one with :meth:`from_records`, :meth:`from_files` or :func:`osaaminen.programmes.load_programmes`
    (the bundled Lahti-region catalogue). Validation checks that ids are unique, that every provider,
    prerequisite, ``part_of`` and ``contains`` id exists, that prerequisites and containment have no
    cycles, and (given a taxonomy) that every skill URI is known; it reports every problem at once in
    one :class:`~osaaminen.exceptions.CatalogueError`.

    Attributes:
        programmes: The programmes, in file order.
        providers: Providers by id.
        files: The files the catalogue was read from (empty for one built from records).

    Examples:
        >>> from osaaminen.programmes import Catalogue, Programme, Provider, SkillLink
        >>> salpaus = Provider(id="salpaus", name="Koulutuskeskus Salpaus", municipality="Lahti", kind="vocational")
        >>> course = Programme(id="ea1", kind="short_course", name={"fi": "Ensiapukurssi EA 1"},
        ...                    providers=("salpaus",), duration_weeks=0.4, municipality="Lahti",
        ...                    teaches=(SkillLink(uri="urn:osaaminen:fi-card:ensiapukortti-ea1"),))
        >>> cat = Catalogue.from_records([course], [salpaus])
        >>> len(cat), "ea1" in cat, cat["ea1"].label()
        (1, True, 'Ensiapukurssi EA 1')
        >>> [p.id for p in cat.teaching("urn:osaaminen:fi-card:ensiapukortti-ea1")]
        ['ea1']
    """

    def __init__(
        self,
        programmes: Sequence[Programme],
        providers: dict[str, Provider],
        *,
        files: tuple[Path, ...] = (),
    ) -> None:
        # Not validated: use from_records / from_files. filter() builds sub-catalogues through here.
        self.programmes: tuple[Programme, ...] = tuple(programmes)
        self.providers: dict[str, Provider] = dict(providers)
        self.files = files
        self._index = {p.id: p for p in self.programmes}
        self._by_skill: dict[str, list[Programme]] = {}
        for programme in self.programmes:
            for uri in dict.fromkeys(programme.skill_uris):
                self._by_skill.setdefault(uri, []).append(programme)

    # -- construction ---------------------------------------------------------------------------------

    @classmethod
    def from_records(
        cls,
        programmes: Iterable[Programme | dict[str, Any]],
        providers: Iterable[Provider | dict[str, Any]] = (),
        *,
        taxonomy: Taxonomy | None = None,
    ) -> Catalogue:
        """A catalogue from programme and provider records (models or plain dicts), validated.

        Args:
            programmes: :class:`Programme` records, or dicts with the same fields.
            providers: :class:`Provider` records or dicts; every provider id a programme names must be here.
            taxonomy: When given, every skill URI (``teaches`` and ``requires_skills``) must be in it.

        Raises:
            CatalogueError: Every problem found (see the class description).

        Examples:
            >>> Catalogue.from_records([{"id": "x", "kind": "trial", "name": {"fi": "Työkokeilu"},
            ...                          "providers": ["nobody"], "teaches": [], "duration_weeks": 4}])
            Traceback (most recent call last):
            ...
            osaaminen.exceptions.CatalogueError: programme x, field providers: unknown provider 'nobody' ...
        """
        problems: list[CatalogueError] = []
        records: list[tuple[Programme, Path | None]] = []
        for position, item in enumerate(programmes):
            parsed = _parse(Programme, item, position, problems)
            if parsed is not None:
                records.append((parsed, None))
        known: list[tuple[Provider, Path | None]] = []
        for position, provider_item in enumerate(providers):
            parsed_provider = _parse(Provider, provider_item, position, problems)
            if parsed_provider is not None:
                known.append((parsed_provider, None))
        return cls._validated(records, known, problems, taxonomy=taxonomy, files=())

    @classmethod
    def from_files(cls, paths: str | Path | Sequence[str | Path], *, taxonomy: Taxonomy | None = None) -> Catalogue:
        """A catalogue from one or more catalogue files or folders of them, validated together.

        Programmes in one file may refer to programmes and providers in another. The format is
        documented in ``taxonomies/programmes/README.md``.

        Args:
            paths: A file, a folder (its ``*.json`` files except ``schema.json``), or a list of them.
            taxonomy: When given, every skill URI must be in it.

        Raises:
            CatalogueError: Every problem found; each names the file, the programme id and the field.

        Examples:
            >>> from osaaminen.programmes import bundled_programmes_dir
            >>> cat = Catalogue.from_files(bundled_programmes_dir() / "lahti")
            >>> len(cat) > 300
            True
        """
        files = find_catalogue_files(paths)
        problems: list[CatalogueError] = []
        records: list[tuple[Programme, Path | None]] = []
        known: list[tuple[Provider, Path | None]] = []
        for file in files:
            providers, programmes, file_problems = read_catalogue_file(file)
            problems.extend(file_problems)
            records.extend((p, file) for p in programmes)
            known.extend((p, file) for p in providers)
        return cls._validated(records, known, problems, taxonomy=taxonomy, files=tuple(files))

    @classmethod
    def _validated(
        cls,
        records: list[tuple[Programme, Path | None]],
        known: list[tuple[Provider, Path | None]],
        problems: list[CatalogueError],
        *,
        taxonomy: Taxonomy | None,
        files: tuple[Path, ...],
    ) -> Catalogue:
        providers: dict[str, Provider] = {}
        for provider, file in known:
            if provider.id in providers:
                problems.append(CatalogueError("duplicate provider id", file=file, programme=provider.id, field="id"))
            providers[provider.id] = provider
        where: dict[str, Path | None] = {}
        programmes: list[Programme] = []
        for programme, file in records:
            if programme.id in where:
                first = where[programme.id]
                problems.append(
                    CatalogueError(
                        "duplicate programme id" + (f" (first defined in {first})" if first else ""),
                        file=file,
                        programme=programme.id,
                        field="id",
                    )
                )
                continue
            where[programme.id] = file
            programmes.append(programme)
        problems.extend(_reference_problems(programmes, providers, where, taxonomy))
        problems.extend(_cycle_problems(programmes, where))
        if problems:
            raise CatalogueError.collect(problems)
        return cls(programmes, providers, files=files)

    # -- lookups --------------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.programmes)

    def __iter__(self) -> Iterator[Programme]:
        return iter(self.programmes)

    def __contains__(self, programme_id: object) -> bool:
        return isinstance(programme_id, str) and programme_id in self._index

    def __getitem__(self, programme_id: str) -> Programme:
        try:
            return self._index[programme_id]
        except KeyError:
            raise KeyError(f"no programme {programme_id!r} in this catalogue") from None

    def __repr__(self) -> str:
        kinds: dict[str, int] = {}
        for programme in self.programmes:
            kinds[programme.kind] = kinds.get(programme.kind, 0) + 1
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
        return f"<Catalogue: {len(self)} programmes ({counts}), {len(self.providers)} providers>"

    def provider(self, provider_id: str) -> Provider:
        """The provider with this id.

        Raises:
            KeyError: No such provider.

        Examples:
            >>> from osaaminen.programmes import load_programmes
            >>> load_programmes().provider("salpaus").kind
            'vocational'
        """
        try:
            return self.providers[provider_id]
        except KeyError:
            raise KeyError(f"no provider {provider_id!r} in this catalogue") from None

    def teaching(self, uri: str) -> list[Programme]:
        """The programmes that teach the skill ``uri``, in catalogue order (empty if none).

        Examples:
            >>> from osaaminen.programmes import load_programmes
            >>> cat = load_programmes()
            >>> any(p.kind == "short_course" for p in cat.teaching("urn:osaaminen:fi-card:trukkikortti"))
            True
        """
        return list(self._by_skill.get(uri, ()))

    @property
    def skill_uris(self) -> frozenset[str]:
        """Every skill URI some programme teaches."""
        return frozenset(self._by_skill)

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the content (programmes and providers, in order): caches of derived data key on it.

        Examples:
            >>> from osaaminen.programmes import load_programmes
            >>> len(load_programmes().fingerprint)
            64
        """
        payload = {
            "providers": [p.model_dump(mode="json") for p in self.providers.values()],
            "programmes": [p.model_dump(mode="json") for p in self.programmes],
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()

    # -- views ----------------------------------------------------------------------------------------

    def filter(
        self,
        *,
        municipality: str | Sequence[str] | None = None,
        language: str | Sequence[str] | None = None,
        mode: Mode | Sequence[Mode] | None = None,
        kind: ProgrammeKind | Sequence[ProgrammeKind] | None = None,
    ) -> Catalogue:
        """The programmes that match every given criterion, as a catalogue (providers are all kept).

        Args:
            municipality: Programmes taught in this municipality (or any of these), plus those taught
                nowhere in particular (``municipality`` is ``None``: online programmes).
            language: Programmes taught in this language (or any of these).
            mode: Programmes with this mode (or any of these).
            kind: Programmes of this kind (or any of these).

        References to programmes that the filter left out (``part_of``, ``contains``,
        ``requires_programmes``) are kept as they are; check them with ``id in catalogue``.

        Examples:
            >>> from osaaminen.programmes import load_programmes
            >>> cat = load_programmes()
            >>> sub = cat.filter(kind="short_course", language="fi")
            >>> 0 < len(sub) < len(cat) and all(p.kind == "short_course" for p in sub)
            True
        """
        municipalities = _as_set(municipality)
        languages = _as_set(language)
        modes = _as_set(mode)
        kinds = _as_set(kind)
        kept = [
            p
            for p in self.programmes
            if (municipalities is None or p.municipality is None or p.municipality in municipalities)
            and (languages is None or not languages.isdisjoint(p.languages))
            and (modes is None or p.mode in modes)
            and (kinds is None or p.kind in kinds)
        ]
        return type(self)(kept, self.providers, files=self.files)

    def to_frame(self) -> pd.DataFrame:
        """One row per programme: id, kind, level, names, providers, skill URIs and every scalar field.

        Examples:
            >>> from osaaminen.programmes import load_programmes
            >>> frame = load_programmes().to_frame()
            >>> list(frame.columns[:4])
            ['id', 'kind', 'level', 'name_fi']
        """
        import pandas as pd

        rows = []
        for p in self.programmes:
            row: dict[str, Any] = {name: getattr(p, name, None) for name in _FRAME_COLUMNS}
            row["name_fi"] = p.name.get("fi")
            row["name_en"] = p.name.get("en")
            row["skills"] = p.skill_uris
            rows.append(row)
        frame: pd.DataFrame = pd.DataFrame(rows, columns=list(_FRAME_COLUMNS))
        return frame


def _parse(model: type[Programme] | type[Provider], item: object, position: int, problems: list[CatalogueError]) -> Any:
    if isinstance(item, model):
        return item
    from pydantic import ValidationError

    try:
        return model.model_validate(item)
    except ValidationError as exc:
        ident = item.get("id") if isinstance(item, dict) else None
        label = str(ident) if ident is not None else f"#{position + 1} (no id)"
        for error in exc.errors(include_url=False):
            field = ".".join(str(part) for part in error["loc"]) or None
            problems.append(CatalogueError(error["msg"], programme=label, field=field))
        return None


def _reference_problems(
    programmes: list[Programme],
    providers: dict[str, Provider],
    where: dict[str, Path | None],
    taxonomy: Taxonomy | None,
) -> Iterator[CatalogueError]:
    for p in programmes:
        file = where[p.id]
        for provider_id in p.providers:
            if provider_id not in providers:
                yield CatalogueError(
                    f"unknown provider {provider_id!r} (add it to the providers of a catalogue file)",
                    file=file,
                    programme=p.id,
                    field="providers",
                )
        for field in ("requires_programmes", "part_of", "contains"):
            for other in getattr(p, field):
                if other not in where:
                    yield CatalogueError(f"unknown programme {other!r}", file=file, programme=p.id, field=field)
                elif other == p.id:
                    yield CatalogueError("a programme cannot refer to itself", file=file, programme=p.id, field=field)
        if taxonomy is not None:
            for field, uris in (("teaches", p.skill_uris), ("requires_skills", p.requires_skills)):
                for uri in uris:
                    if uri not in taxonomy:
                        yield CatalogueError(
                            f"unknown skill URI {uri!r} (not in the taxonomy {taxonomy.version})",
                            file=file,
                            programme=p.id,
                            field=field,
                        )


def _cycle_problems(programmes: list[Programme], where: dict[str, Path | None]) -> Iterator[CatalogueError]:
    requires: nx.DiGraph[str] = nx.DiGraph()
    containment: nx.DiGraph[str] = nx.DiGraph()
    for p in programmes:
        requires.add_edges_from((p.id, other) for other in p.requires_programmes if other in where and other != p.id)
        containment.add_edges_from((p.id, other) for other in p.contains if other in where and other != p.id)
        containment.add_edges_from((other, p.id) for other in p.part_of if other in where and other != p.id)
    for graph, field, what in (
        (requires, "requires_programmes", "prerequisites"),
        (containment, "contains", "containment (contains / part_of)"),
    ):
        for component in nx.strongly_connected_components(graph):
            if len(component) < 2:
                continue
            cycle = [u for u, _ in nx.find_cycle(graph.subgraph(component))]
            first = cycle[0]
            yield CatalogueError(
                f"cycle in {what}: {' -> '.join([*cycle, first])}",
                file=where[first],
                programme=first,
                field=field,
            )


def _as_set(value: str | Sequence[str] | None) -> frozenset[str] | None:
    if value is None:
        return None
    return frozenset([value] if isinstance(value, str) else value)
