"""Diffusion of a technology or practice: who developed it, where it was introduced first,
where it spread, when and through whom, as a time-ordered tree.

Read from the projection with the ontology's influence directions: the technology's
*origins* are the entities whose influence flows into it (``developedBy`` names its
developers, ``implements`` those who carry it), its *arrivals* the entities its influence
flows to (``introducedIn``, ``spreadTo``, ``deploys``). An arrival at a facility, project
or programme counts for the place that one is located in; arrivals are grouped by place,
dated by the earliest year stated for them, and the carriers of a place are the actors
behind the projects that brought it there (or behind the technology itself). The first
introductions hang under the technology; every later place hangs under the first
introduction in its country (or the first of all).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from ..ontology import relation_properties
from .centrality import actor_classes

_PLACES = ("City", "Region", "Country")  # most specific first
_CONTAINERS = ("Facility", "Project", "Programme")


@dataclass(frozen=True)
class Origin:
    node: str
    prop: str
    year: str | None
    evidence: dict | None


@dataclass
class Arrival:
    """The technology's arrival at a place: when, by which relations, at what, through whom."""

    place: str
    year: str | None
    props: list[str]
    at: list[str]                 # facilities, projects or programmes the relations name
    through: list[str]            # actors that carried it there
    evidence: dict | None
    parent: str | None = None     # the place it came from; None under the technology
    first: bool = False


@dataclass
class Diffusion:
    technology: str
    origins: list[Origin] = field(default_factory=list)
    arrivals: list[Arrival] = field(default_factory=list)

    def children(self, parent: str | None) -> list[Arrival]:
        return [a for a in self.arrivals if a.parent == parent]


def _year(data: dict) -> str | None:
    value = data.get("year") or data.get("startYear") or (data.get("date") or "")[:4]
    return value or None


def _first_sentence(rows) -> dict | None:
    rows = list(rows)
    return next((e for e in rows if "sentence" in e), rows[0] if rows else None)


def _influence(G: nx.MultiDiGraph, node: str, *, out: bool):
    """(other, prop, edge data) for every relation carrying influence away from (``out``)
    or into ``node``."""
    dirs = relation_properties()
    away, toward = ({"SubjectToObject", "BothWays"}, {"ObjectToSubject", "BothWays"})
    if not out:
        away, toward = toward, away
    for _, v, d in G.out_edges(node, data=True):
        if dirs.get(d["prop"]) in away:
            yield v, d["prop"], d
    for u, _, d in G.in_edges(node, data=True):
        if dirs.get(d["prop"]) in toward:
            yield u, d["prop"], d


def _locations(G: nx.MultiDiGraph, node: str) -> list[str]:
    """The places a facility, project or programme is located in, most specific first."""
    places = {v for _, v, d in G.out_edges(node, data=True)
              if d["prop"] == "locatedIn" and G.nodes[v].get("cls") in _PLACES}
    return sorted(places, key=lambda v: (_PLACES.index(G.nodes[v]["cls"]), v))


def _country(G: nx.MultiDiGraph, place: str) -> str:
    return G.nodes[place].get("country") or G.nodes[place].get("label", place)


def _carrier_classes() -> frozenset[str]:
    return actor_classes() | {"Person"}


def _developers(d: Diffusion) -> set[str]:
    return {o.node for o in d.origins if o.prop == "developedBy"}


def diffusion(G: nx.MultiDiGraph, technology: str) -> Diffusion:
    """The diffusion tree of ``technology`` (a node IRI of ``G``)."""
    if technology not in G:
        raise ValueError(f"{technology!r} is not an entity of the graph")
    cls = G.nodes[technology].get("cls")
    if cls != "Technology":
        raise ValueError(f"{G.nodes[technology].get('label', technology)} is a {cls}, not a Technology")
    result = Diffusion(technology)
    for other, prop, d in sorted(_influence(G, technology, out=False), key=lambda t: (t[1] != "developedBy", t[0], t[1])):
        if not any(o.node == other and o.prop == prop for o in result.origins):
            result.origins.append(Origin(other, prop, _year(d), _first_sentence(d.get("evidence", []))))
    carriers = [o.node for o in result.origins if G.nodes[o.node].get("cls") in _carrier_classes()]
    carriers_of_tech = sorted(set([c for c in carriers if c not in _developers(result)] or carriers))
    by_place: dict[str, Arrival] = {}
    containers: list[tuple[str, list[str]]] = []  # (container, the places it is located in)
    for other, prop, d in sorted(_influence(G, technology, out=True), key=lambda t: (t[0], t[1], _year(t[2]) or "")):
        cls = G.nodes[other].get("cls")
        where = [other] if cls in _PLACES else _locations(G, other) if cls in _CONTAINERS else []
        if not where:
            continue
        place = where[0]
        if cls in _CONTAINERS:
            containers.append((other, where))
        year = _year(d) or (G.nodes[other].get("year") or G.nodes[other].get("startYear") if cls in _CONTAINERS else None)
        arrival = by_place.setdefault(place, Arrival(place, None, [], [], [], None))
        if prop not in arrival.props:
            arrival.props.append(prop)
        if place != other and other not in arrival.at:
            arrival.at.append(other)
        if year and (arrival.year is None or year < arrival.year):
            arrival.year = year
        if arrival.evidence is None or (year and year == arrival.year):
            arrival.evidence = _first_sentence(d.get("evidence", [])) or arrival.evidence
    for place, arrival in by_place.items():
        near = [c for c, where in containers if place in where] or \
               [c for c, where in containers
                if any(G.nodes[p]["cls"] == "Country" and _country(G, p) == _country(G, place) for p in where)]
        actors = {u for c in near for u, _prop, _d in _influence(G, c, out=False)
                  if G.nodes[u].get("cls") in _carrier_classes()}
        arrival.through = sorted(actors) or carriers_of_tech
    arrivals = sorted(by_place.values(), key=lambda a: (a.year is None and "introducedIn" not in a.props,
                                                        "introducedIn" not in a.props, a.year or "9999", a.place))
    firsts = [a for a in arrivals if "introducedIn" in a.props] or arrivals[:1]
    for a in firsts:
        a.first = True
        a.through = sorted(set(a.through) | set(carriers_of_tech))
    for a in arrivals:
        if not a.first:
            same = [f for f in firsts if _country(G, f.place) == _country(G, a.place) and f.place != a.place]
            a.parent = (same or firsts)[0].place
    result.arrivals = arrivals
    return result


def spread_order(d: Diffusion) -> list[tuple[int, Arrival]]:
    """The arrivals depth-first in tree order, each with its depth (1 under the technology)."""
    out: list[tuple[int, Arrival]] = []

    def walk(parent, depth):
        for a in d.children(parent):
            out.append((depth, a))
            walk(a.place, depth + 1)

    walk(None, 1)
    return out
