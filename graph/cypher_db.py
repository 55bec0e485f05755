"""The property graph (``graph.property_graph``) as a LadybugDB database, for Cypher.

``database(H)`` creates the schema and bulk-loads ``H``:

- one node table per label: every ontology class (``City``, ``Plan``... also those without
  nodes in ``H``, so a query may name them), ``Relation``, ``Evidence`` and ``Measurement``,
  with the properties of their kind (``property_graph.PROPERTIES``; a property found in the
  data beyond those is added too) and the node's key in ``H`` as ``key``; the primary key is
  ``_node``, the node's number in ``H`` (integers make the load several times faster than
  IRIs; query results leave it out);
- one relationship table per type (``PARTNER_OF``, ``SUBJECT``...), with every FROM/TO label
  pair that occurs and the edge properties (``prop``, ``relation``, ``year``...); a type of
  the ontology with no edge in ``H`` gets a table too (with a placeholder pair), so a query
  on it answers nothing instead of failing.

Property types: ``year``, ``startYear``, ``endYear``, ``start``, ``end`` are INT64,
``value`` is DOUBLE, ``aliases`` is STRING[], the rest STRING. Data goes in through
``COPY FROM`` CSV files written to a temporary folder (removed afterwards); aliases are
loaded as one string joined by U+001F and split by the database, because the CSV reader's
list syntax cannot escape commas or quotes inside an element. The database lives in memory,
or in folder ``path``.

>>> _column_type("year"), _column_type("aliases"), _column_type("note")
('INT64', 'STRING[]', 'STRING')
"""
from __future__ import annotations

import tempfile
from decimal import Decimal
from functools import cache
from pathlib import Path

import networkx as nx

from .property_graph import INTEGERS, LINK_TYPES, NODE_KINDS, PROPERTIES, upper_snake

_SEPARATOR = "\x1f"
_OPTIONS = "HEADER=false, QUOTE='\"', ESCAPE='\"', PARALLEL=false"


@cache
def vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """Node labels and relationship types the mapping can produce."""
    from ..ontology import entity_classes, relation_properties

    types = {upper_snake(p) for p in relation_properties()} | {"LOCATED_IN", *LINK_TYPES}
    return frozenset(set(entity_classes()) | set(NODE_KINDS)), frozenset(types)


def _column_type(name: str, sample=None) -> str:
    if name == "aliases" or isinstance(sample, (list, tuple)):
        return "STRING[]"
    if name in INTEGERS or (isinstance(sample, int) and not isinstance(sample, bool)):
        return "INT64"
    if name == "value" or isinstance(sample, (float, Decimal)):
        return "DOUBLE"
    if isinstance(sample, bool):
        return "BOOLEAN"
    return "STRING"


def _kind(label: str) -> str:
    return label if label in NODE_KINDS else "entity"


def _columns(items, declared: tuple[str, ...]) -> dict[str, str]:
    """Column name -> type: the declared properties, then any other found in ``items``."""
    columns = {name: _column_type(name) for name in declared}
    for data in items:
        for name, value in data.items():
            if name not in columns and name != "__labels__" and value is not None:
                columns[name] = _column_type(name, value)
    return columns


def _text(value) -> str:
    return '"' + str(value).replace('"', '""') + '"'


def _cell(value, kind: str) -> str:
    """``value`` as a CSV field of a ``kind`` column: empty for None (read as null), numbers
    bare, text quoted (so an empty text stays one), a list joined by U+001F.

    >>> _cell(None, "STRING"), _cell("", "STRING"), _cell(1979, "INT64"), _cell(["a, b", "c"], "STRING[]")
    ('', '""', '1979', '"a, b\\x1fc"')
    """
    if value is None:
        return ""
    if kind == "STRING":
        return _text(value)
    if kind == "STRING[]":
        return _text(_SEPARATOR.join(map(str, value))) if value else ""
    if kind == "DOUBLE":
        return repr(float(value))
    return str(value)


def _quote(name: str) -> str:
    return f"`{name}`"


def _write(path: Path, lines) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        f.writelines(lines)


def database(H: nx.MultiDiGraph, *, path: str | Path | None = None):
    """A ``ladybug.Connection`` to a new database holding property graph ``H``
    (in memory, or in folder ``path``)."""
    import ladybug

    conn = ladybug.Connection(ladybug.Database(None if path is None else str(path)))
    labels, types = vocabulary()
    label_of = {node: next(iter(data["__labels__"])) for node, data in H.nodes(data=True)}
    number = {node: n for n, node in enumerate(H)}
    nodes: dict[str, list] = {label: [] for label in labels}
    for node, label in label_of.items():
        nodes.setdefault(label, []).append(node)
    schema = {kind: _columns((H.nodes[n] for label, keys in nodes.items() if _kind(label) == kind
                              for n in keys), PROPERTIES[kind]) for kind in ("entity", *NODE_KINDS)}
    edges: dict[tuple[str, str, str], list] = {}
    for s, o, data in H.edges(data=True):
        for rel_type in data["__labels__"]:
            edges.setdefault((rel_type, label_of[s], label_of[o]), []).append((s, o, data))
    edge_columns = _columns((d for rows in edges.values() for _, _, d in rows), PROPERTIES["edge"])
    edge_decl = ", ".join(f"{_quote(c)} {t}" for c, t in edge_columns.items())
    for label in sorted(nodes):
        columns = schema[_kind(label)]
        decl = ", ".join(f"{_quote(c)} {'STRING' if c == 'aliases' else t}" for c, t in columns.items())
        conn.execute(f"CREATE NODE TABLE {_quote(label)}(_node INT64 PRIMARY KEY, `key` STRING, {decl})")
    pairs: dict[str, list[tuple[str, str]]] = {t: [] for t in types}
    for rel_type, src, dst in sorted(edges):
        pairs.setdefault(rel_type, []).append((src, dst))
    for rel_type, ends in sorted(pairs.items()):
        ends = ends or [("Relation", "Relation")]  # a type without edges: a table that stays empty
        froms = ", ".join(f"FROM {_quote(a)} TO {_quote(b)}" for a, b in ends)
        conn.execute(f"CREATE REL TABLE {_quote(rel_type)}({froms}, {edge_decl})")
    with tempfile.TemporaryDirectory(prefix="c2ckg-cypher-") as tmp:
        for n, (label, keys) in enumerate(sorted(nodes.items())):
            if not keys:
                continue
            columns = schema[_kind(label)]
            file = Path(tmp) / f"nodes-{n}.csv"
            typed = list(columns.items())
            _write(file, (",".join([str(number[key]), _text(key), *[_cell(data.get(c), t) for c, t in typed]]) + "\n"
                          for key in keys for data in (H.nodes[key],)))
            names = ", ".join(["_node", "`key`", *map(_quote, columns)])
            conn.execute(f"COPY {_quote(label)}({names}) FROM '{file.as_posix()}' ({_OPTIONS})")
        for n, ((rel_type, src, dst), rows) in enumerate(sorted(edges.items())):
            file = Path(tmp) / f"edges-{n}.csv"
            typed = list(edge_columns.items())
            _write(file, (",".join([str(number[s]), str(number[o]), *[_cell(d.get(c), t) for c, t in typed]]) + "\n"
                          for s, o, d in rows))
            conn.execute(f"COPY {_quote(rel_type)} FROM '{file.as_posix()}' "
                         f"(from='{src}', to='{dst}', {_OPTIONS})")
    for label in sorted(nodes):
        if "aliases" in schema[_kind(label)]:
            _split_aliases(conn, label)
    return conn


def _split_aliases(conn, label: str) -> None:
    """Turn the joined ``aliases`` text of table ``label`` into a list (empty when none)."""
    table = _quote(label)
    conn.execute(f"ALTER TABLE {table} RENAME aliases TO _aliases")
    conn.execute(f"ALTER TABLE {table} ADD aliases STRING[]")
    conn.execute(f"MATCH (n:{table}) SET n.aliases = CASE WHEN n._aliases IS NULL THEN CAST([] AS STRING[]) "
                 "ELSE string_split(n._aliases, $sep) END", {"sep": _SEPARATOR})
    conn.execute(f"ALTER TABLE {table} DROP _aliases")
