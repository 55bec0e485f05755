"""Communities of actors: Louvain on the weighted actor graph, with a fixed seed.

Each community lists its members (strongest first) and the sectors it works in: the
sectors its members address, directly or through the initiatives they take part in.
Communities come largest first, ties broken by their first member's IRI; the actor graph
is built in IRI order, so the same graph and seed always give the same communities.

>>> import networkx as nx
>>> A = nx.Graph()
>>> A.add_edges_from([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
>>> [c.members for c in communities(nx.MultiDiGraph(), actors=A)]
[['c', 'a', 'b'], ['x', 'y', 'z']]
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from .centrality import INITIATIVE_CLASSES, actor_graph


@dataclass
class Community:
    members: list[str]
    sectors: list[tuple[str, int]] = field(default_factory=list)  # (sector IRI, how many ties)


def _sectors(G: nx.MultiDiGraph, node: str) -> list[str]:
    if node not in G:
        return []
    return [v for _, v, p in G.out_edges(node, data="prop") if p == "addresses" and G.nodes[v].get("cls") == "Sector"]


def communities(G: nx.MultiDiGraph, *, actors: nx.Graph | None = None, classes=None,
                seed: int = 0, resolution: float = 1.0, min_size: int = 1) -> list[Community]:
    """Louvain communities of the actor graph of ``G`` (or of ``actors`` if given)."""
    if resolution <= 0:
        raise ValueError(f"resolution must be positive, not {resolution}")
    A = actors if actors is not None else actor_graph(G, classes=classes)
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(A))
    ordered.add_weighted_edges_from(sorted((min(u, v), max(u, v), w) for u, v, w in A.edges(data="weight", default=1.0)))
    found = nx.community.louvain_communities(ordered, weight="weight", seed=seed, resolution=resolution)
    strength = dict(ordered.degree(weight="weight"))
    out = []
    for group in found:
        if len(group) < min_size:
            continue
        members = sorted(group, key=lambda n: (-strength[n], n))
        counts: Counter[str] = Counter()
        for m in members:
            counts.update(_sectors(G, m))
            for _, v, p in G.out_edges(m, data="prop") if m in G else ():
                if G.nodes[v].get("cls") in INITIATIVE_CLASSES and p != "locatedIn":
                    counts.update(_sectors(G, v))
        out.append(Community(members, sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))))
    out.sort(key=lambda c: (-len(c.members), min(c.members)))
    return out
