"""Influence paths: the k shortest ways know-how, money or support can travel from one
entity to another.

A hop follows a relation in the direction its property's influence flows, as declared
once in the ontology (``c2c:influence``, read through ``relation_properties()``):
``supports`` from supporter to supported, ``deploys`` from the technology to the place,
``partnerOf`` both ways, ``addresses`` not at all. Paths are found on the projection's
influence adjacency (sorted successor and predecessor lists, built once per projection
and cached on it: ``influence_adjacency``), with Yen's algorithm over a bidirectional
breadth-first search; among paths of equal length the one whose node IRIs sort first
comes first, so the answer never depends on the order edges were loaded in.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_nodes_from("abcd", cls="City", label="")
>>> _ = G.add_edges_from([("a", "b", "supports", {"prop": "supports", "year": "2001"}),
...                        ("c", "b", "partnerOf", {"prop": "partnerOf"}),
...                        ("d", "c", "deploys", {"prop": "deploys"})])
>>> [p.nodes for p in influence_paths(G, "a", "d")]
[('a', 'b', 'c', 'd')]
>>> influence_paths(G, "d", "a")
[]
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass

import networkx as nx

from ..ontology import entity_classes, relation_properties

_FORWARD = frozenset({"SubjectToObject", "BothWays"})   # influence flows subject -> object
_BACKWARD = frozenset({"ObjectToSubject", "BothWays"})  # influence flows object -> subject
MAX_K = 100
MAX_HOPS = 50
_CACHE_KEY = "c2ckg.influence_adjacency"
_NONE: list[str] = []


@dataclass(frozen=True)
class Hop:
    """One step of a path: the relation that carries influence from ``source`` to ``target``.

    ``forward`` is False when the relation is stated the other way round (``target
    deploys source``); ``evidence`` is the relation's first evidence row (document,
    title, sentence, offsets) or None.
    """

    source: str
    target: str
    prop: str
    forward: bool
    year: str | None
    evidence: dict | None
    relations: int  # how many relations carry influence across this hop


@dataclass(frozen=True)
class Path:
    nodes: tuple[str, ...]
    hops: tuple[Hop, ...]

    def __len__(self) -> int:
        return len(self.hops)


def check_classes(names) -> frozenset[str]:
    """``names`` as a set of ontology class names; ValueError naming the first unknown one."""
    import difflib

    known = entity_classes()
    for name in names:
        if name not in known:
            close = difflib.get_close_matches(name, sorted(known), n=3, cutoff=0.5)
            hint = f"; closest: {', '.join(close)}" if close else f"; known: {', '.join(sorted(known))}"
            raise ValueError(f"unknown class {name!r}{hint}")
    return frozenset(names)


def influence_adjacency(G: nx.MultiDiGraph) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Influence successors and predecessors of the nodes of ``G``, each list sorted by IRI
    (nodes without any are left out).

    Built in one pass over the edges the first time a projection is queried and kept in
    ``G.__networkx_cache__``, which networkx empties whenever a node or edge is added or
    removed; every later query on the projection reuses it.
    """
    cache = getattr(G, "__networkx_cache__", None)
    if cache is not None and _CACHE_KEY in cache:
        return cache[_CACHE_KEY]
    dirs = relation_properties()
    succ: dict[str, set[str]] = {}
    pred: dict[str, set[str]] = {}
    for u, v, prop in G.edges(data="prop"):
        if u == v:
            continue
        direction = dirs.get(prop)
        if direction in _FORWARD:
            succ.setdefault(u, set()).add(v)
            pred.setdefault(v, set()).add(u)
        if direction in _BACKWARD:
            succ.setdefault(v, set()).add(u)
            pred.setdefault(u, set()).add(v)
    adjacency = ({n: sorted(s) for n, s in succ.items()}, {n: sorted(s) for n, s in pred.items()})
    if cache is not None:
        cache[_CACHE_KEY] = adjacency
    return adjacency


class _Influence:
    """The influence adjacency of one query: the projection's, less the nodes ``via`` excludes."""

    def __init__(self, G: nx.MultiDiGraph, via: frozenset[str] | None, ends: set[str]):
        self.G, self.via, self.ends = G, via, ends
        self.dirs = relation_properties()
        self._all_succ, self._all_pred = influence_adjacency(G)
        self._succ: dict[str, list[str]] = {}
        self._pred: dict[str, list[str]] = {}

    def allowed(self, n: str) -> bool:
        return self.via is None or n in self.ends or self.G.nodes[n].get("cls") in self.via

    def succ(self, n: str) -> list[str]:
        found = self._all_succ.get(n, _NONE)
        if self.via is None:
            return found
        if n not in self._succ:
            self._succ[n] = [v for v in found if self.allowed(v)]
        return self._succ[n]

    def pred(self, n: str) -> list[str]:
        found = self._all_pred.get(n, _NONE)
        if self.via is None:
            return found
        if n not in self._pred:
            self._pred[n] = [u for u in found if self.allowed(u)]
        return self._pred[n]


def _shortest(inf: _Influence, s: str, t: str, banned: set[str], cut: set[tuple[str, str]],
              limit: int) -> list[str] | None:
    """The shortest s-t path of at most ``limit`` hops whose node IRIs sort first, or None."""
    if s == t:
        return [s]
    dist_f, dist_b = {s: 0}, {t: 0}
    layers_f, front_f, front_b, depth_b = [[s]], [s], [t], 0
    best = None
    while front_f and front_b and len(layers_f) - 1 + depth_b < limit:
        if len(front_f) <= len(front_b):
            new = []
            for u in front_f:
                for v in inf.succ(u):
                    if v not in dist_f and v not in banned and (u, v) not in cut:
                        dist_f[v] = len(layers_f)
                        new.append(v)
            layers_f.append(new)
            front_f = new
            meet = [dist_f[v] + dist_b[v] for v in new if v in dist_b]
        else:
            new = []
            depth_b += 1
            for v in front_b:
                for u in inf.pred(v):
                    if u not in dist_b and u not in banned and (u, v) not in cut:
                        dist_b[u] = depth_b
                        new.append(u)
            front_b = new
            meet = [dist_f[u] + dist_b[u] for u in new if u in dist_f]
        if meet:
            best = min(meet)
            break
    if best is None:
        return None
    # Nodes of the forward layers that lie on a shortest path, found from the layer where
    # the backward distances take over; then walk from s taking the smallest good successor.
    pivot = max(0, best - depth_b)
    good = {v for v in layers_f[pivot] if dist_b.get(v) == best - pivot}
    for i in range(pivot - 1, -1, -1):
        good |= {u for u in layers_f[i] if any(v in good and dist_f.get(v) == i + 1 and (u, v) not in cut
                                                for v in inf.succ(u))}
    path = [s]
    for i in range(best):
        u = path[-1]
        if i < pivot:
            ok = (v for v in inf.succ(u) if v in good and dist_f.get(v) == i + 1 and (u, v) not in cut)
        else:
            ok = (v for v in inf.succ(u) if dist_b.get(v) == best - i - 1 and v not in banned and (u, v) not in cut)
        path.append(next(ok))
    return path


def _hop(G: nx.MultiDiGraph, dirs: dict[str, str], u: str, v: str) -> Hop:
    """The relation that best explains influence u -> v: directed before mutual, then dated,
    then earliest, then with a sentence."""
    rows = [(d, True) for d in G.get_edge_data(u, v, default={}).values() if dirs.get(d["prop"]) in _FORWARD]
    rows += [(d, False) for d in G.get_edge_data(v, u, default={}).values() if dirs.get(d["prop"]) in _BACKWARD]

    def rank(row):
        d, _fwd = row
        year = d.get("year") or d.get("startYear") or d.get("date")
        said = any("sentence" in e for e in d.get("evidence", []))
        return (dirs[d["prop"]] == "BothWays", year is None, year or "", not said, d["prop"], d.get("relation", ""))

    d, forward = min(rows, key=rank)
    evidence = next((e for e in d.get("evidence", []) if "sentence" in e), None)
    if evidence is None and d.get("evidence"):
        evidence = d["evidence"][0]
    year = d.get("year") or d.get("startYear") or (d.get("date") or "")[:4] or None
    return Hop(u, v, d["prop"], forward, year, evidence, len(rows))


def influence_paths(G: nx.MultiDiGraph, source: str, target: str, *, k: int = 5,
                    max_hops: int | None = None, via=None) -> list[Path]:
    """The ``k`` shortest influence paths from ``source`` to ``target`` (node IRIs of ``G``).

    ``max_hops`` bounds their length; ``via`` (class names) restricts the entities a path
    may pass through (its ends are always allowed). An empty list means no path.
    """
    for name, node in (("source", source), ("target", target)):
        if node not in G:
            raise ValueError(f"{name} {node!r} is not an entity of the graph")
    if not 1 <= k <= MAX_K:
        raise ValueError(f"k must be between 1 and {MAX_K}, not {k}")
    if max_hops is not None and not 1 <= max_hops <= MAX_HOPS:
        raise ValueError(f"max hops must be between 1 and {MAX_HOPS}, not {max_hops}")
    if source == target:
        raise ValueError("source and target are the same entity")
    inf = _Influence(G, check_classes(via) if via else None, {source, target})
    limit = MAX_HOPS if max_hops is None else max_hops
    first = _shortest(inf, source, target, set(), set(), limit)
    if first is None:
        return []
    found, seen, heap = [first], {tuple(first)}, []
    while len(found) < k:
        last = found[-1]
        for j in range(len(last) - 1):
            root = last[:j + 1]
            cut = {(p[j], p[j + 1]) for p in found if p[:j + 1] == root}
            spur = _shortest(inf, root[-1], target, set(root[:-1]), cut, limit - j)
            if spur is not None:
                candidate = tuple(root[:-1] + spur)
                if candidate not in seen:
                    seen.add(candidate)
                    heapq.heappush(heap, (len(candidate), candidate))
        if not heap:
            break
        found.append(list(heapq.heappop(heap)[1]))
    dirs = inf.dirs
    return [Path(tuple(p), tuple(_hop(G, dirs, u, v) for u, v in zip(p, p[1:]))) for p in found]
