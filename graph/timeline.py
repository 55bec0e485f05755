"""Events, agreements and projects by year.

An item's year is its own (``year``, else ``startYear``), else the earliest year of the
relations that name it (the year an agreement was signed, an event hosted). With
``entity``, only the items related to that entity, each with the relations that tie them:
``signed`` when the entity signed the item, ``\u2190 locatedIn`` when the item is located
in the entity.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("k", cls="City", label="Kitakyushu")
>>> G.add_node("a", cls="Agreement", label="Sister city agreement")
>>> G.add_node("e", cls="Event", label="Forum", year="1997")
>>> _ = G.add_edge("k", "a", key="signed", prop="signed", year="2014")
>>> [(y.year, [i.label for i in y.items]) for y in timeline(G)]
[('1997', ['Forum']), ('2014', ['Sister city agreement'])]
>>> [i.ties for y in timeline(G, entity="k") for i in y.items]
[['signed']]
"""
from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

KINDS = ("Event", "Agreement", "Project", "Programme")


@dataclass
class Item:
    node: str
    label: str
    cls: str
    year: str | None
    end: str | None = None
    ties: list[str] = field(default_factory=list)  # relations to the entity, when one is given


@dataclass
class Year:
    year: str | None  # None for the undated items, listed last
    items: list[Item]


def _edge_year(d: dict) -> str | None:
    value = d.get("year") or d.get("startYear") or (d.get("date") or "")[:4]
    return value or None


def timeline(G: nx.MultiDiGraph, *, entity: str | None = None, kinds=KINDS) -> list[Year]:
    """Items of the ``kinds`` classes grouped by year, oldest first, undated last."""
    if entity is not None and entity not in G:
        raise ValueError(f"{entity!r} is not an entity of the graph")
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise ValueError(f"unknown item kind {unknown[0]!r}; known: {', '.join(KINDS)}")
    if entity is None:
        candidates = {n: [] for n, c in G.nodes(data="cls") if c in kinds}
    else:
        candidates = {}
        for _, v, k in G.out_edges(entity, keys=True):
            candidates.setdefault(v, []).append(k.split("#")[0])
        for u, _, k in G.in_edges(entity, keys=True):
            candidates.setdefault(u, []).append("\u2190 " + k.split("#")[0])
        candidates = {n: ties for n, ties in candidates.items() if G.nodes[n].get("cls") in kinds}
    items = []
    for node, ties in candidates.items():
        attrs = G.nodes[node]
        year = attrs.get("year") or attrs.get("startYear")
        if year is None:
            years = [_edge_year(d) for _, _, d in G.in_edges(node, data=True)]
            years += [_edge_year(d) for _, _, d in G.out_edges(node, data=True)]
            year = min((y for y in years if y), default=None)
        items.append(Item(node, attrs.get("label", node), attrs.get("cls"), year, attrs.get("endYear"),
                          sorted(set(ties))))
    groups: dict[str | None, list[Item]] = {}
    for item in sorted(items, key=lambda i: (KINDS.index(i.cls), i.label.casefold(), i.node)):
        groups.setdefault(item.year, []).append(item)
    return [Year(y, groups[y]) for y in sorted(groups, key=lambda y: (y is None, y or ""))]
