"""The curated catalog: entities, statements and measurements read from YAML data files.

Each item remembers the file and line it came from, so every problem can be reported as
``file:line: what``. See ``docs/data-format.md`` for the format.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from ..ontology import C2C, controlled_values, entity_classes, relation_properties
from .errors import BuildError, BuildErrors

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_ENTITY_KEYS = {"id", "name", "type", "aliases", "country", "located_in", "geonames",
                "wikidata", "year", "start", "end", "description"}
_STATEMENT_KEYS = {"s", "p", "o", "kind", "year", "date", "start", "end", "note", "evidence"}
_MEASUREMENT_KEYS = {"about", "quantity", "value", "unit", "year", "qualifier", "subject",
                     "evidence", "note"}
_EVIDENCE_KEYS = {"doc", "cue", "span", "context"}
_DOCUMENT_KEYS = {"id", "title", "kind", "publisher", "date"}
_QUALIFIERS = {"more-than", "about", "less-than", "up-to", "at-least", "nearly"}
_TOP_KEYS = {"entities", "statements", "measurements", "documents", "extra_aliases", "context_aliases"}


@dataclass(frozen=True)
class Source:
    """Where an item was declared."""

    path: str
    line: int

    def error(self, message: str) -> BuildError:
        return BuildError(message, path=self.path, line=self.line)


@dataclass
class Entity:
    id: str
    name: str
    type: str
    source: Source
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    located_in: str | None = None
    geonames: str | None = None
    wikidata: str | None = None
    year: int | None = None
    start: int | None = None
    end: int | None = None
    description: str | None = None
    # aliases that name it only where its place is also named ("PDAM", "Environment Bureau")
    context_aliases: frozenset[str] = frozenset()

    @property
    def labels(self) -> list[str]:
        """Canonical name first, then aliases, without repeats."""
        return list(dict.fromkeys([self.name, *self.aliases]))


@dataclass(frozen=True)
class Evidence:
    doc: str
    cue: str | None
    span: int
    source: Source
    context: str | None = None  # cue of a caption or heading that the sentence belongs under


@dataclass
class Statement:
    s: str
    p: str
    o: str
    source: Source
    evidence: list[Evidence]
    kind: str | None = None
    year: int | None = None
    date: str | None = None
    start: int | None = None
    end: int | None = None
    note: str | None = None

    @property
    def key(self) -> tuple:
        """What makes two statements the same fact (their evidence is then merged)."""
        return (self.s, self.p, self.o, self.kind, self.year, self.date, self.start, self.end)


@dataclass
class Measurement:
    about: str
    quantity: str
    value: int | float
    unit: str
    source: Source
    evidence: list[Evidence]
    year: int | None = None
    qualifier: str | None = None
    subject: str | None = None
    note: str | None = None


@dataclass
class Document:
    id: str
    title: str
    source: Source
    kind: str | None = None
    publisher: str | None = None
    date: str | None = None


@dataclass
class Catalog:
    entities: dict[str, Entity]
    statements: list[Statement]
    measurements: list[Measurement]
    documents: dict[str, Document]


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available


class _LineLoader(_SafeLoader):
    """A safe loader that records the line of every mapping under ``__line__``."""


def _construct_mapping(loader, node, deep=False):
    mapping = _SafeLoader.construct_mapping(loader, node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def default_data_dir() -> Path:
    """The curated data shipped with the package."""
    return Path(str(resources.files(__package__).joinpath("data")))


def _read_yaml(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise BuildError(f"not UTF-8 text (byte {exc.start})", path=str(path)) from None
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise BuildError(f"malformed YAML: {problem}", path=str(path),
                         line=mark.line + 1 if mark else None) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise BuildError("expected a mapping with entities/statements/measurements", path=str(path), line=1)
    return data


def _year(value, src: Source, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1000 <= value <= 2999:
        raise src.error(f"{what} must be a four-digit year, got {value!r}")
    return value


def _date(value, src: Source) -> str | None:
    if value is None:
        return None
    if isinstance(value, _dt.date):
        value = value.isoformat()
    value = str(value)
    if not _DATE.match(value):
        raise src.error(f"date must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return value


def _check_keys(item, allowed: set[str], src: Source, what: str) -> None:
    if not isinstance(item, dict):
        raise src.error(f"each {what} must be a mapping, got {item!r}")
    unknown = sorted(set(item) - allowed - {"__line__"})
    if unknown:
        raise src.error(f"unknown field {unknown[0]!r} in {what} (allowed: {', '.join(sorted(allowed))})")


def _text(item: dict, key: str, src: Source, what: str, *, required: bool = True) -> str | None:
    value = item.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise src.error(f"{what} has no {key!r}")
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise src.error(f"{key!r} of {what} must be text, got {value!r}")
    return value.strip()


def _entity(item: dict, src: Source) -> Entity:
    _check_keys(item, _ENTITY_KEYS, src, "entity")
    eid = _text(item, "id", src, "entity")
    if not _ID.match(eid):
        raise src.error(f"entity id {eid!r} is not a slug (lowercase letters, digits and '-')")
    etype = _text(item, "type", src, f"entity {eid!r}")
    if etype not in entity_classes():
        raise src.error(f"unknown type {etype!r} for entity {eid!r} (known: {', '.join(sorted(entity_classes()))})")
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, (str, int)) for a in aliases):
        raise src.error(f"aliases of {eid!r} must be a list of names")
    return Entity(
        id=eid, name=_text(item, "name", src, f"entity {eid!r}"), type=etype, source=src,
        aliases=[str(a).strip() for a in aliases if str(a).strip()],
        country=_text(item, "country", src, eid, required=False),
        located_in=_text(item, "located_in", src, eid, required=False),
        geonames=_text(item, "geonames", src, eid, required=False),
        wikidata=_text(item, "wikidata", src, eid, required=False),
        year=_year(item.get("year"), src, "year"), start=_year(item.get("start"), src, "start"),
        end=_year(item.get("end"), src, "end"),
        description=_text(item, "description", src, eid, required=False),
    )


def _evidence(items, src: Source, what: str) -> list[Evidence]:
    if not items:
        raise src.error(f"{what} has no evidence")
    if not isinstance(items, list):
        raise src.error(f"evidence of {what} must be a list")
    out = []
    for ev in items:
        esrc = Source(src.path, ev.get("__line__", src.line) if isinstance(ev, dict) else src.line)
        _check_keys(ev, _EVIDENCE_KEYS, esrc, "evidence")
        span = ev.get("span", 0)
        if not isinstance(span, int) or not 0 <= span <= 2:
            raise esrc.error(f"span must be 0, 1 or 2, got {span!r}")
        out.append(Evidence(doc=_text(ev, "doc", esrc, "evidence"),
                            cue=_text(ev, "cue", esrc, "evidence"), span=span, source=esrc,
                            context=_text(ev, "context", esrc, "evidence", required=False)))
    return out


def _statement(item: dict, src: Source) -> Statement:
    _check_keys(item, _STATEMENT_KEYS, src, "statement")
    what = f"statement {item.get('s')} {item.get('p')} {item.get('o')}"
    prop = _text(item, "p", src, what)
    if prop not in relation_properties():
        raise src.error(f"unknown property {prop!r} (known: {', '.join(sorted(relation_properties()))})")
    kind = _text(item, "kind", src, what, required=False)
    if kind is not None:
        allowed = {"partnerOf": C2C.PartnershipKind, "supports": C2C.SupportMode}.get(prop)
        if allowed is None:
            raise src.error(f"{what}: 'kind' is only for partnerOf and supports")
        if kind not in controlled_values(allowed):
            raise src.error(f"unknown kind {kind!r} for {prop} (known: {', '.join(controlled_values(allowed))})")
    elif prop == "partnerOf":
        raise src.error(f"{what}: partnerOf needs a kind ({', '.join(controlled_values(C2C.PartnershipKind))})")
    return Statement(
        s=_text(item, "s", src, what), p=prop, o=_text(item, "o", src, what), source=src,
        evidence=_evidence(item.get("evidence"), src, what), kind=kind,
        year=_year(item.get("year"), src, "year"), date=_date(item.get("date"), src),
        start=_year(item.get("start"), src, "start"), end=_year(item.get("end"), src, "end"),
        note=_text(item, "note", src, what, required=False),
    )


def _measurement(item: dict, src: Source) -> Measurement:
    _check_keys(item, _MEASUREMENT_KEYS, src, "measurement")
    what = f"measurement of {item.get('about')}"
    value = item.get("value")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise src.error(f"{what}: value must be a number, got {value!r}")
    qualifier = _text(item, "qualifier", src, what, required=False)
    if qualifier is not None and qualifier not in _QUALIFIERS:
        raise src.error(f"{what}: unknown qualifier {qualifier!r} (known: {', '.join(sorted(_QUALIFIERS))})")
    return Measurement(
        about=_text(item, "about", src, what), quantity=_text(item, "quantity", src, what),
        value=value, unit=_text(item, "unit", src, what), source=src,
        evidence=_evidence(item.get("evidence"), src, what),
        year=_year(item.get("year"), src, "year"), qualifier=qualifier,
        subject=_text(item, "subject", src, what, required=False),
        note=_text(item, "note", src, what, required=False),
    )


def _document(item: dict, src: Source) -> Document:
    _check_keys(item, _DOCUMENT_KEYS, src, "document")
    did = _text(item, "id", src, "document")
    return Document(id=did, title=_text(item, "title", src, f"document {did}"), source=src,
                    kind=_text(item, "kind", src, did, required=False),
                    publisher=_text(item, "publisher", src, did, required=False),
                    date=_date(item.get("date"), src))


def _items(data: dict, key: str, path: Path):
    items = data.get(key) or []
    if not isinstance(items, list):
        raise BuildError(f"{key!r} must be a list", path=str(path), line=1)
    for item in items:
        line = item.get("__line__", 1) if isinstance(item, dict) else 1
        yield item, Source(str(path), line)


def load_catalog(data_dir: Path | str | None = None) -> Catalog:
    """Read every ``*.yaml`` file of ``data_dir`` (default: the shipped data) into a Catalog.

    Raises BuildError (one line per problem) for malformed files, unknown fields, types,
    properties or kinds, duplicate ids and references to undeclared entities or documents.
    """
    root = Path(data_dir) if data_dir is not None else default_data_dir()
    if not root.is_dir():
        raise BuildError("data folder not found", path=str(root))
    files = sorted(root.glob("*.yaml"))
    if not files:
        raise BuildError("no *.yaml data files in the data folder", path=str(root))
    entities: dict[str, Entity] = {}
    statements: list[Statement] = []
    measurements: list[Measurement] = []
    documents: dict[str, Document] = {}
    extra: list[tuple[dict, Source]] = []
    contextual: list[tuple[dict, Source]] = []
    for path in files:
        data = _read_yaml(path)
        unknown = sorted(set(data) - _TOP_KEYS - {"__line__"})
        if unknown:
            raise BuildError(f"unknown top-level key {unknown[0]!r} (allowed: {', '.join(sorted(_TOP_KEYS))})",
                             path=str(path), line=1)
        for item, src in _items(data, "entities", path):
            ent = _entity(item, src)
            if ent.id in entities:
                first = entities[ent.id].source
                raise src.error(f"duplicate entity id {ent.id!r} (first declared at {first.path}:{first.line})")
            entities[ent.id] = ent
        for item, src in _items(data, "documents", path):
            doc = _document(item, src)
            if doc.id in documents:
                raise src.error(f"duplicate document id {doc.id!r}")
            documents[doc.id] = doc
        statements += [_statement(item, src) for item, src in _items(data, "statements", path)]
        measurements += [_measurement(item, src) for item, src in _items(data, "measurements", path)]
        extra += list(_items(data, "extra_aliases", path))
        contextual += list(_items(data, "context_aliases", path))
    catalog = Catalog(entities, statements, measurements, documents)
    _apply_extra_aliases(catalog, extra)
    _apply_context_aliases(catalog, contextual)
    _check_references(catalog)
    return catalog


def _apply_extra_aliases(catalog: Catalog, extra: list[tuple[dict, Source]]) -> None:
    for item, src in extra:
        _check_keys(item, {"id", "aliases"}, src, "extra_aliases entry")
        ent = catalog.entities.get(item.get("id"))
        if ent is None:
            raise src.error(f"extra_aliases for unknown entity {item.get('id')!r}")
        ent.aliases = list(dict.fromkeys([*ent.aliases, *(str(a).strip() for a in item.get("aliases") or [])]))


def _apply_context_aliases(catalog: Catalog, items: list[tuple[dict, Source]]) -> None:
    """Mark aliases as context-dependent: generic names ("PDAM", "Department of Natural
    Resources and Environment") that stand for this entity only in a document that also names
    the place it is ``located_in``. Each must be an alias of an entity that has a place."""
    for item, src in items:
        _check_keys(item, {"id", "aliases"}, src, "context_aliases entry")
        ent = catalog.entities.get(item.get("id"))
        if ent is None:
            raise src.error(f"context_aliases for unknown entity {item.get('id')!r}")
        if ent.located_in is None:
            raise src.error(f"context_aliases of {ent.id!r} need its located_in (the place that gives the context)")
        names = [str(a).strip() for a in item.get("aliases") or []]
        for name in names:
            if name not in ent.aliases:
                raise src.error(f"context alias {name!r} is not an alias of {ent.id!r}")
        ent.context_aliases = ent.context_aliases | frozenset(names)


def _check_references(catalog: Catalog) -> None:
    errors: list[BuildError] = []
    known = catalog.entities

    def need(ref, src: Source, role: str, *, types: set[str] | None = None):
        if ref is None:
            return
        if ref not in known:
            close = _closest(ref, known)
            hint = f" (did you mean {close!r}?)" if close else ""
            errors.append(src.error(f"unknown entity {ref!r} as {role}{hint}"))
        elif types and known[ref].type not in types:
            errors.append(src.error(f"{role} {ref!r} must be a {' or '.join(sorted(types))}, not {known[ref].type}"))

    for ent in known.values():
        need(ent.country, ent.source, f"country of {ent.id}", types={"Country"})
        need(ent.located_in, ent.source, f"located_in of {ent.id}")
    for st in catalog.statements:
        need(st.s, st.source, "subject")
        need(st.o, st.source, "object")
        if st.s == st.o:
            errors.append(st.source.error(f"statement relates {st.s!r} to itself"))
    for m in catalog.measurements:
        need(m.about, m.source, "about")
        need(m.subject, m.source, "subject")
    for item in [*catalog.statements, *catalog.measurements]:
        for ev in item.evidence:
            if ev.doc not in catalog.documents:
                errors.append(ev.source.error(f"unknown document {ev.doc!r} (not in documents.yaml)"))
    if errors:
        raise errors[0] if len(errors) == 1 else BuildErrors(errors)


def _closest(ref: str, known) -> str | None:
    import difflib

    found = difflib.get_close_matches(ref, list(known), n=1, cutoff=0.75)
    return found[0] if found else None
