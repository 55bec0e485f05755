"""The named query library: ``*.rq`` (SPARQL) files in this folder and their ``*.cypher`` twins.

Each file opens with a comment header (``#`` in SPARQL, ``//`` in Cypher)::

    # title: Partners of a city
    # description: The formal partnerships of a city ... (continued on lines
    #   that start with two spaces)
    # parameters: city (entity)
    # example: c2ckg query --name partners-of --param city=Kitakyushu

A parameter has a type: ``entity`` (an id, name or alias in any case, ``res:id`` or an
``<IRI>``), ``class`` (an ontology class name: ``City``), ``year`` or ``integer`` (a whole
number) or ``text``. Parameters are bound as RDF terms (SPARQL: a VALUES block built from
the terms, or rdflib's ``initBindings`` in ``run``), never pasted into the query text; for
Cypher they are the engine's own parameters, an entity given as its ``id``.

Query files carry no PREFIX lines: the prefixes of ``ontology.NAMESPACES`` are added when a
query is loaded, so namespace IRIs are written in one place only.

>>> q = get("partners-of")
>>> q.title, [(p.name, p.type) for p in q.parameters]
('Partners of a city', [('city', 'entity')])
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from importlib import resources

from rdflib import Dataset, URIRef
from rdflib.query import Result

from ..ontology import C2C, NAMESPACES

TYPES = ("entity", "class", "year", "integer", "text")
_SUFFIX = {"sparql": ".rq", "cypher": ".cypher"}


class UnknownQuery(LookupError):
    pass


class ParameterError(ValueError):
    """A parameter that the query does not take, is missing, or has a bad value."""


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    required: bool = True


@dataclass(frozen=True)
class NamedQuery:
    """A query of the library with its header."""

    name: str
    language: str  # "sparql" or "cypher"
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    example: str
    text: str  # the whole file (comments are ignored by both languages)


def _files(suffix: str) -> list[str]:
    return sorted(p.name[:-len(suffix)] for p in resources.files(__package__).iterdir() if p.name.endswith(suffix))


def names() -> list[str]:
    """Names of the SPARQL queries in the library.

    >>> "edge-evidence" in names()
    True
    """
    return _files(".rq")


def cypher_names() -> list[str]:
    """Names of the Cypher queries in the library."""
    return _files(".cypher")


def prologue() -> str:
    """PREFIX declarations for every namespace the project binds."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in NAMESPACES.items())


def _check(name: str, language: str) -> None:
    known = names() if language == "sparql" else cypher_names()
    if name not in known:
        close = difflib.get_close_matches(name, known, n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else " (c2ckg queries lists them)"
        raise UnknownQuery(f"no named query {name!r}{hint}")


def _header(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    key = None
    for line in text.splitlines():
        m = re.match(r"\s*(?:#|//)\s?(.*)$", line)
        if not m:
            break
        field = re.match(r"(title|description|parameters|example):\s*(.*)", m[1])
        if field:
            key = field[1]
            fields[key] = field[2].strip()
        elif key and m[1].startswith(" "):
            fields[key] += " " + m[1].strip()
    return fields


def _parameters(spec: str) -> tuple[Parameter, ...]:
    out = []
    for m in re.finditer(r"([A-Za-z_]\w*)\s*\(([^)]*)\)", spec):
        words = [w.strip().lower() for w in m[2].split(",")]
        kind = {"iri": "entity"}.get(words[0], words[0])
        if kind not in TYPES:
            raise ValueError(f"parameter {m[1]!r} has unknown type {words[0]!r} (known: {', '.join(TYPES)})")
        out.append(Parameter(m[1], kind, "optional" not in words))
    return tuple(out)


def get(name: str, *, language: str = "sparql") -> NamedQuery:
    """Named query ``name`` in ``language`` ("sparql" or "cypher"), with its header."""
    _check(name, language)
    text = resources.files(__package__).joinpath(name + _SUFFIX[language]).read_text(encoding="utf-8")
    head = _header(text)
    return NamedQuery(name, language, head.get("title", name), head.get("description", ""),
                      _parameters(head.get("parameters", "")), head.get("example", ""), text)


def load(name: str) -> str:
    """The text of named query ``name``, with the prefixes prepended."""
    _check(name, "sparql")
    body = resources.files(__package__).joinpath(f"{name}.rq").read_text(encoding="utf-8")
    return prologue() + body


def run(ds: Dataset, name: str, **params: URIRef) -> Result:
    """Run named query ``name`` over rdflib ``ds`` with ``params`` bound to its variables.

    The parameters are bound as on Oxigraph (``graph.sparql.bind``: a VALUES block written
    from the terms in every WHERE group, subqueries' included), so both engines answer alike.
    """
    from ..graph.sparql import bind

    return ds.query(bind(load(name), params)[0])


def _split(query: NamedQuery | None, params: dict[str, str], used: set[str], marker: str):
    """Check the given parameter names against the query; yield (name, type, value)."""
    if query is not None:
        declared = {p.name: p for p in query.parameters}
        for key in params:
            if key not in declared:
                takes = ", ".join(declared) or "no parameters"
                raise ParameterError(f"unknown parameter {key!r} for {query.name} (it takes: {takes})")
        for p in query.parameters:
            if p.required and p.name not in params:
                raise ParameterError(f"missing parameter {p.name!r} for {query.name} ({p.name}: {p.type})")
        return [(k, declared[k].type, v) for k, v in params.items()]
    for key in params:
        if key not in used:
            raise ParameterError(f"unknown parameter {key!r}: the query has no {marker}{key}")
    return [(k, None, v) for k, v in params.items()]


def _number(name: str, value: str, kind: str) -> int:
    try:
        return int(value.strip())
    except ValueError:
        raise ParameterError(f"parameter {name!r} must be {'a year' if kind == 'year' else 'a whole number'}, "
                             f"not {value!r}") from None


def _class(name: str, value: str) -> str:
    from ..ontology import entity_classes

    local = value.strip().removeprefix("c2c:")
    known = sorted(entity_classes())
    if local not in known:
        close = difflib.get_close_matches(local, known, n=3)
        raise ParameterError(f"parameter {name!r}: {value!r} is not a class"
                             + (f" (did you mean {', '.join(close)}?)" if close else f" (known: {', '.join(known)})"))
    return local


def sparql_bindings(store, query: NamedQuery | None, text: str, params: dict[str, str]) -> dict:
    """The RDF terms (pyoxigraph) for ``params`` of ``query`` (or of ad-hoc ``text``)."""
    from pyoxigraph import Literal, NamedNode

    from ..graph.sparql import find_entity, parse_term, variables

    out = {}
    for key, kind, value in _split(query, params, variables(text), "?"):
        if kind == "entity":
            out[key] = find_entity(store, value)
        elif kind == "class":
            out[key] = NamedNode(str(C2C) + _class(key, value))
        elif kind in ("year", "integer"):
            out[key] = Literal(_number(key, value, kind))
        elif kind == "text":
            out[key] = Literal(value)
        else:
            out[key] = parse_term(value)
    return out


def cypher_params(H, query: NamedQuery | None, text: str, params: dict[str, str]) -> dict:
    """The Python values for ``params`` of Cypher ``query`` (or of ad-hoc ``text``)."""
    from ..graph.cypher import parameters
    from ..graph.property_graph import find_node

    out: dict[str, object] = {}
    for key, kind, value in _split(query, params, parameters(text), "$"):
        if kind == "entity":
            out[key] = H.nodes[find_node(H, value)]["id"]
        elif kind == "class":
            out[key] = _class(key, value)
        elif kind in ("year", "integer"):
            out[key] = _number(key, value, kind)
        elif kind == "text" or not re.fullmatch(r"-?\d+(\.\d+)?", value.strip()):
            out[key] = value[1:-1] if kind is None and len(value) > 1 and value[0] == value[-1] == '"' else value
        else:
            out[key] = float(value) if "." in value else int(value)
    return out
