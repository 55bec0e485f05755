"""The property graph for graph databases: Neo4j import CSV with a LOAD CSV script, and GraphML.

Both export the graph Cypher sees (``graph.property_graph``: entities labelled with their
class, relations typed in UPPER_SNAKE_CASE, ``Relation``, ``Evidence`` and ``Measurement``
nodes), so the ``.cypher`` named questions run the same in Neo4j.

``neo4j_files(H)`` returns ``nodes.csv`` and ``relationships.csv`` with the typed headers of
``neo4j-admin database import full`` (``key:ID``, ``year:int``, ``value:double``,
``aliases:string[]`` joined by ``|``, ``:LABEL``; ``:START_ID``, ``:END_ID``, ``:TYPE``), plus
``load.cypher``, which loads the same two files into a running database with LOAD CSV, and
``import.sh`` with the ``neo4j-admin`` command line. Every node carries its key (the entity
IRI, or ``<owner>#evidence-N`` and the like) as ``key``.

``graphml(H)`` writes GraphML through networkx: node attribute ``labels`` (``:City``, as
APOC writes it), edge attribute ``label`` (the type), lists joined by ``|``; the edge key
is the GraphML edge id, so ``networkx.read_graphml`` gives back ``graphml_graph(H)`` exactly.

Rows are sorted and columns fixed by the data, so the same graph gives the same bytes.

>>> _header("year", {int}), _header("aliases", {list}), _header("value", {int, float})
('year:int', 'aliases:string[]', 'value:double')
"""
from __future__ import annotations

import csv
import io
from decimal import Decimal

import networkx as nx

ARRAY_DELIMITER = "|"
NODES, RELATIONSHIPS, SCRIPT, IMPORT = "nodes.csv", "relationships.csv", "load.cypher", "import.sh"
_HIDDEN = ("__labels__",)


def _kind(value) -> type:
    if isinstance(value, bool):
        return bool
    if isinstance(value, (Decimal, float)):
        return float
    return type(value)


def _header(name: str, kinds: set) -> str:
    if kinds <= {int}:
        return f"{name}:int"
    if kinds <= {int, float}:
        return f"{name}:double"
    if kinds <= {bool}:
        return f"{name}:boolean"
    if kinds <= {list}:
        return f"{name}:string[]"
    return name


def _cell(value, header: str) -> str:
    if value is None:
        return ""
    if header.endswith(":string[]"):
        for item in value:
            if ARRAY_DELIMITER in str(item):
                raise ValueError(f"a list value holds the array delimiter {ARRAY_DELIMITER!r}: {item!r}")
        return ARRAY_DELIMITER.join(str(v) for v in value)
    if header.endswith(":double"):
        return repr(float(value))
    if header.endswith(":boolean"):
        return "true" if value else "false"
    return str(value)


def _columns(items) -> dict[str, str]:
    """attribute name -> typed header, for the attributes of ``items`` (dicts), sorted."""
    kinds: dict[str, set] = {}
    for data in items:
        for key, value in data.items():
            if key not in _HIDDEN and value is not None:
                kinds.setdefault(key, set()).add(_kind(value))
    return {key: _header(key, kinds[key]) for key in sorted(kinds)}


def _csv(header: list[str], rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _label(labels) -> str:
    return sorted(labels)[0]


def neo4j_files(H: nx.MultiDiGraph) -> dict[str, bytes]:
    """``nodes.csv``, ``relationships.csv``, ``load.cypher`` and ``import.sh`` for property graph ``H``."""
    nodes = sorted(H.nodes(data=True), key=lambda nd: nd[0])
    edges = sorted(H.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    node_cols = _columns(d for _, d in nodes)
    node_cols.pop("key", None)
    edge_cols = _columns(d for *_, d in edges)
    node_rows = [[n, *(_cell(d.get(k), h) for k, h in node_cols.items()), _label(d["__labels__"])]
                 for n, d in nodes]
    edge_rows = [[s, o, _label(d["__labels__"]), *(_cell(d.get(k), h) for k, h in edge_cols.items())]
                 for s, o, _k, d in edges]
    labels = sorted({row[-1] for row in node_rows})
    types = sorted({row[2] for row in edge_rows})
    return {
        NODES: _csv(["key:ID", *node_cols.values(), ":LABEL"], node_rows),
        RELATIONSHIPS: _csv([":START_ID", ":END_ID", ":TYPE", *edge_cols.values()], edge_rows),
        SCRIPT: _script(node_cols, edge_cols, labels, types).encode("utf-8"),
        IMPORT: _import_command().encode("utf-8"),
    }


def _value(header: str) -> str:
    field = f"row.`{header}`"
    if header.endswith(":int"):
        return f"toInteger({field})"
    if header.endswith(":double"):
        return f"toFloat({field})"
    if header.endswith(":boolean"):
        return f"toBoolean({field})"
    if header.endswith(":string[]"):
        return f"split({field}, '{ARRAY_DELIMITER}')"
    return field


def _sets(var: str, columns: dict[str, str]) -> str:
    return ",\n      ".join(f"{var}.`{name}` = {_value(h)}" for name, h in columns.items())


def _script(node_cols: dict, edge_cols: dict, labels: list[str], types: list[str]) -> str:
    lines = [
        "// c2c-kg into a running Neo4j 5 with LOAD CSV. Put nodes.csv and relationships.csv in the",
        "// database's import folder, then: cypher-shell -u neo4j -p PASSWORD -f load.cypher",
        "// Every statement commits in batches (CALL ... IN TRANSACTIONS); empty cells set nothing.",
        "CREATE CONSTRAINT c2c_key IF NOT EXISTS FOR (n:C2CNode) REQUIRE n.key IS UNIQUE;",
    ]
    for label in labels:
        lines += [
            f"LOAD CSV WITH HEADERS FROM 'file:///{NODES}' AS row",
            f"WITH row WHERE row.`:LABEL` = '{label}'",
            "CALL { WITH row",
            f"  CREATE (n:C2CNode:`{label}` {{key: row.`key:ID`}})",
            f"  SET {_sets('n', node_cols)}",
            "} IN TRANSACTIONS OF 10000 ROWS;",
        ]
    for rel_type in types:
        lines += [
            f"LOAD CSV WITH HEADERS FROM 'file:///{RELATIONSHIPS}' AS row",
            f"WITH row WHERE row.`:TYPE` = '{rel_type}'",
            "CALL { WITH row",
            "  MATCH (a:C2CNode {key: row.`:START_ID`}), (b:C2CNode {key: row.`:END_ID`})",
            f"  CREATE (a)-[r:`{rel_type}`]->(b)",
            f"  SET {_sets('r', edge_cols)}",
            "} IN TRANSACTIONS OF 10000 ROWS;",
        ]
    lines += [
        "// The helper label and its constraint go, leaving what neo4j-admin import makes.",
        "MATCH (n:C2CNode) CALL { WITH n REMOVE n:C2CNode } IN TRANSACTIONS OF 10000 ROWS;",
        "DROP CONSTRAINT c2c_key IF EXISTS;",
    ]
    return "\n".join(lines) + "\n"


def _import_command() -> str:
    return ("#!/bin/sh\n"
            "# c2c-kg into a new, stopped Neo4j 5 database (default: neo4j) with neo4j-admin.\n"
            "# Run from this folder: sh import.sh [DATABASE]\n"
            f"exec neo4j-admin database import full \"${{1:-neo4j}}\" --overwrite-destination \\\n"
            f"  --nodes={NODES} --relationships={RELATIONSHIPS} \\\n"
            f"  --array-delimiter='{ARRAY_DELIMITER}' --multiline-fields=true\n")


def graphml_graph(H: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``H`` with attributes GraphML can hold: labels and lists as text, numbers as numbers."""
    def plain(data: dict, label_key: str) -> dict:
        out = {}
        for key, value in sorted(data.items()):
            if value is None:
                continue
            if key == "__labels__":
                out[label_key] = ":" + ":".join(sorted(value)) if label_key == "labels" else _label(value)
            elif isinstance(value, (list, tuple, set)):
                out[key] = ARRAY_DELIMITER.join(str(v) for v in value)
            elif isinstance(value, Decimal):
                out[key] = float(value)
            else:
                out[key] = value
        return out

    # `value` is a float everywhere: GraphML declares one type per attribute.
    out = nx.MultiDiGraph()
    for n, d in sorted(H.nodes(data=True), key=lambda nd: nd[0]):
        attrs = plain(d, "labels")
        if "value" in attrs:
            attrs["value"] = float(attrs["value"])
        out.add_node(n, **attrs)
    for s, o, k, d in sorted(H.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2]))):
        out.add_edge(s, o, key=str(k), **plain(d, "label"))
    return out


def graphml(H: nx.MultiDiGraph) -> bytes:
    """GraphML of ``graphml_graph(H)`` (``networkx.read_graphml`` reads it back unchanged)."""
    buffer = io.BytesIO()
    nx.write_graphml(graphml_graph(H), buffer, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return buffer.getvalue()
