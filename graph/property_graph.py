"""The graph Cypher sees: the projection (``graph.projection``) as labelled nodes and typed edges.

The mapping (also in README.md, "Cypher"):

- every entity is a node labelled with its ontology class (``City``, ``Technology``...) with
  properties ``id`` (the slug: ``kitakyushu``), ``iri``, ``name`` (``rdfs:label``),
  ``aliases`` (list), ``class`` (the label again, as a value), ``description``, ``country``
  (the country's name), ``geonamesId``, ``wikidataId`` and the integers ``year``,
  ``startYear``, ``endYear``;
- every relation is an edge whose type is the ontology property in UPPER_SNAKE_CASE
  (``partnerOf`` -> ``PARTNER_OF``), from subject to object, with properties ``prop``
  (``partnerOf``), ``relation`` (the reified relation's IRI), ``year`` / ``startYear`` /
  ``endYear`` (integers), ``date`` (text), ``kind`` (partnership kind or support mode, as
  the ontology term name: ``MOU``, ``SisterCity``, ``Experts``) and ``note``; the same
  triple stated twice (another year or kind) is two edges, as in the projection;
- the reified relation itself is also a ``Relation`` node (properties ``iri``, ``prop`` and
  the qualifiers above) with ``SUBJECT`` and ``OBJECT`` edges to its ends, so a pattern
  can start from a relation (``(r:Relation {year: 2016})``);
- its evidence are ``Evidence`` nodes (``document``, ``title``, ``sentence``, ``start``,
  ``end``, ``context``) reached by ``WAS_DERIVED_FROM`` edges, as ``prov:wasDerivedFrom``;
- every quantity is a ``Measurement`` node (``quantity``, ``value``, ``unit``, ``year``,
  ``qualifier``) with an ``ABOUT`` edge to the entity it describes, a ``CONCERNS`` edge to
  its second entity if any, and ``WAS_DERIVED_FROM`` edges to its evidence.

Every node's key in the graph (the entity or relation IRI, ``<owner>#evidence-N``,
``<entity>#measurement-N``) is also its property ``key`` in the Cypher database
(``graph.cypher_db``). ``PROPERTIES`` lists the
properties of each kind of node and of the edges; ``INTEGERS`` those that are integers.

>>> upper_snake("partnerOf"), upper_snake("wasDerivedFrom")
('PARTNER_OF', 'WAS_DERIVED_FROM')
"""
from __future__ import annotations

import difflib
import re

import networkx as nx

LINK_TYPES = ("SUBJECT", "OBJECT", "WAS_DERIVED_FROM", "ABOUT", "CONCERNS")
NODE_KINDS = ("Relation", "Evidence", "Measurement")
_INTS = ("year", "startYear", "endYear")
INTEGERS = (*_INTS, "start", "end")
_QUALIFIERS = ("prop", "year", "startYear", "endYear", "date", "kind", "note")
PROPERTIES = {
    "entity": ("id", "iri", "name", "aliases", "class", "description", "country", "geonamesId",
               "wikidataId", *_INTS),
    "Relation": ("iri", *_QUALIFIERS),
    "Evidence": ("document", "title", "sentence", "start", "end", "context"),
    "Measurement": ("quantity", "value", "unit", "year", "qualifier"),
    "edge": ("relation", *_QUALIFIERS),
}


def upper_snake(name: str) -> str:
    """``partnerOf`` -> ``PARTNER_OF``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).upper()


def _year(value):
    try:
        return int(str(value)[:4])
    except ValueError:
        return None


def _with_ints(attrs: dict) -> dict:
    for key in _INTS:
        if key in attrs:
            attrs[key] = _year(attrs[key])
    return attrs


def _evidence(H: nx.MultiDiGraph, owner: str, rows: list[dict]) -> None:
    for n, row in enumerate(rows, 1):
        key = f"{owner}#evidence-{n}"
        H.add_node(key, __labels__={"Evidence"}, **row)
        H.add_edge(owner, key, key="wasDerivedFrom", __labels__={"WAS_DERIVED_FROM"})


def property_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The labelled property graph of projection ``G`` (see the module docstring)."""
    H = nx.MultiDiGraph()
    for node, data in G.nodes(data=True):
        attrs = {k: v for k, v in data.items() if k not in ("label", "cls", "measurements")}
        attrs.update(name=data.get("label"), **{"class": data.get("cls")})
        H.add_node(node, __labels__={data.get("cls")}, **_with_ints(attrs))
    for s, o, key, data in G.edges(keys=True, data=True):
        attrs = _with_ints({k: v for k, v in data.items() if k != "evidence"})
        H.add_edge(s, o, key=key, __labels__={upper_snake(data["prop"])}, **attrs)
        rel = data.get("relation")
        if rel is None:
            continue
        quals = {k: v for k, v in attrs.items() if k != "relation"}
        H.add_node(rel, __labels__={"Relation"}, iri=rel, **quals)
        H.add_edge(rel, s, key="subject", __labels__={"SUBJECT"})
        H.add_edge(rel, o, key="object", __labels__={"OBJECT"})
        _evidence(H, rel, data.get("evidence", []))
    for node, data in G.nodes(data=True):
        for n, row in enumerate(data.get("measurements", []), 1):
            key = f"{node}#measurement-{n}"
            attrs = _with_ints({k: v for k, v in row.items() if k not in ("evidence", "concerns")})
            H.add_node(key, __labels__={"Measurement"}, **attrs)
            H.add_edge(key, node, key="about", __labels__={"ABOUT"})
            if row.get("concerns") in H:
                H.add_edge(key, row["concerns"], key="concerns", __labels__={"CONCERNS"})
            _evidence(H, key, row.get("evidence", []))
    return H


def index(H: nx.MultiDiGraph) -> dict:
    """Look-up tables over ``H`` (built once, kept in ``H.graph``): edges by type, nodes by
    label, and nodes by ``id``, ``iri``, ``name`` and ``class``."""
    if "_index" not in H.graph:
        by_type: dict[str, list] = {}
        for s, o, key, labels in H.edges(keys=True, data="__labels__"):
            for label in labels:
                by_type.setdefault(label, []).append((s, o, key))
        by_label: dict[str, list] = {}
        by_value: dict[tuple, list] = {}
        for node, data in H.nodes(data=True):
            for label in data.get("__labels__", ()):
                by_label.setdefault(label, []).append(node)
            for attr in ("id", "iri", "name", "class"):
                if attr in data:
                    by_value.setdefault((attr, data[attr]), []).append(node)
        H.graph["_index"] = {"type": by_type, "label": by_label, "value": by_value}
    return H.graph["_index"]


def find_node(H: nx.MultiDiGraph, name: str) -> str:
    """The entity node whose id, IRI (``res:id`` or full), name or alias is ``name``, in any case.

    Raises EntityNotFound (with the closest names) when none or several answer to it.
    """
    from ..ontology import RES
    from .describe import EntityNotFound

    idx = index(H)
    if "names" not in idx:
        table: dict[str, set] = {}
        for node, data in H.nodes(data=True):
            if "id" in data and not data.get("__labels__", set()) & set(NODE_KINDS):
                for key in (data["id"], data["iri"], "res:" + data["id"], data.get("name") or "",
                            *data.get("aliases", [])):
                    table.setdefault(key.casefold(), set()).add(node)
        idx["names"] = table
    table = idx["names"]
    key = name.strip().removeprefix("<").removesuffix(">").casefold()
    hits = sorted(table.get(key, set()))
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise EntityNotFound(name, sorted(H.nodes[h]["name"] for h in hits), ambiguous=True)
    labels = sorted({d["name"] for _, d in H.nodes(data=True) if d.get("name") and "id" in d
                     and str(d.get("iri", "")).startswith(str(RES))})
    close = [label for label in sorted(labels, key=len) if key in label.casefold()][:5]
    close += [label for label in difflib.get_close_matches(name.strip(), labels, n=5, cutoff=0.6) if label not in close]
    raise EntityNotFound(name, close[:5])
