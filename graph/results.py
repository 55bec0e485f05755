"""Query results, from SPARQL or Cypher, and their text formats.

A Result holds rows of RDF terms (pyoxigraph ``NamedNode``, ``Literal``, ``BlankNode`` or
None for unbound). Cypher values become literals: strings ``xsd:string``, integers
``xsd:integer``, floats ``xsd:double``, booleans ``xsd:boolean``, lists and maps their JSON
text. ``render`` writes a Result as:

- ``table``: aligned columns, IRIs shortened with the project prefixes (``res:kitakyushu``),
  literals as their text; a cell is cut at 80 characters (the other formats keep it whole);
- ``csv`` and ``tsv``: SPARQL 1.1 Query Results CSV and TSV;
- ``json``: SPARQL 1.1 Query Results JSON;
- ``markdown``: a pipe table, shortened like ``table``.

An ASK result renders as ``true`` or ``false`` (JSON: ``{"head": {}, "boolean": ...}``); a
CONSTRUCT or DESCRIBE result renders as Turtle whatever the format.

>>> r = from_python(["name", "year"], [("Dalian", 1979), ("Phnom Penh", None)])
>>> print(render(r, "table"), end="")
name        year
----------  ----
Dalian      1979
Phnom Penh
>>> print(render(r, "markdown"), end="")
| name | year |
|---|---|
| Dalian | 1979 |
| Phnom Penh |  |
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..ontology import NAMESPACES

FORMATS = ("table", "csv", "tsv", "json", "markdown")
CELL_WIDTH = 80
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


@dataclass
class Result:
    """Rows (``select``), a truth value (``ask``) or triples (``graph``)."""

    kind: str
    columns: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    triples: list = field(default_factory=list)

    def values(self) -> list[tuple]:
        """The rows as plain Python values: IRIs as strings, literals as their text.

        >>> from_python(["n"], [(3,)]).values()
        [('3',)]
        """
        return [tuple(None if t is None else t.value for t in row) for row in self.rows]


def python_term(value):
    """The RDF term a Cypher value stands for (see the module docstring)."""
    from pyoxigraph import Literal, NamedNode

    if value is None:
        return None
    if isinstance(value, Decimal):
        return Literal(str(value), datatype=NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))
    if isinstance(value, (bool, int, float, str)):
        return Literal(value)
    return Literal(json.dumps(value, sort_keys=True, ensure_ascii=False, default=str))


def from_python(columns: list[str], rows: list[tuple]) -> Result:
    """A select Result from rows of plain Python values."""
    return Result("select", list(columns), [tuple(python_term(v) for v in row) for row in rows])


def short(term) -> str:
    """A term as a person reads it: a prefixed name, an ``<IRI>`` or a literal's text."""
    from pyoxigraph import Literal, NamedNode

    if term is None:
        return ""
    if isinstance(term, NamedNode):
        iri = term.value
        for prefix, ns in NAMESPACES.items():
            if iri.startswith(str(ns)) and _LOCAL.fullmatch(iri[len(str(ns)):]):
                return f"{prefix}:{iri[len(str(ns)):]}"
        return f"<{iri}>"
    if isinstance(term, Literal):
        return term.value
    return str(term)


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= CELL_WIDTH else text[:CELL_WIDTH - 3] + "..."


def _json_term(term) -> dict:
    from pyoxigraph import BlankNode, NamedNode

    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != _XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def _turtle(triples: list) -> str:
    from pyoxigraph import RdfFormat, serialize

    prefixes = {p: str(ns) for p, ns in NAMESPACES.items()}
    data = serialize(sorted(triples, key=str), format=RdfFormat.TURTLE, prefixes=prefixes)
    return data.decode("utf-8")


def render(result: Result, fmt: str = "table") -> str:
    """``result`` as text in format ``fmt`` (one of FORMATS), ending in a newline."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    if result.kind == "graph":
        return _turtle(result.triples)
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
        return "true\n" if result.boolean else "false\n"
    if fmt == "json":
        bindings = [{c: _json_term(t) for c, t in zip(result.columns, row) if t is not None} for row in result.rows]
        data = {"head": {"vars": result.columns}, "results": {"bindings": bindings}}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        if fmt == "csv":
            writer = csv.writer(buffer, lineterminator="\r\n")
            writer.writerow(result.columns)
            writer.writerows([["" if t is None else t.value for t in row] for row in result.rows])
        else:
            buffer.write("\t".join(f"?{c}" for c in result.columns) + "\n")
            for row in result.rows:
                buffer.write("\t".join("" if t is None else str(t) for t in row) + "\n")
        return buffer.getvalue()
    cells = [[_cut(short(t)) for t in row] for row in result.rows]
    if fmt == "markdown":
        lines = ["| " + " | ".join(result.columns) + " |", "|" + "---|" * len(result.columns)]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in cells]
        return "\n".join(lines) + "\n"
    widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(result.columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(result.columns, widths)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)) for row in cells]
    return "\n".join(line.rstrip() for line in lines) + "\n"
