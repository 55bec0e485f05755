"""Stakeholder centrality and brokerage on the actor graph.

The actor graph is undirected and weighted. Its nodes are the actors of the projection:
entities whose class is an ``Agent`` in the ontology (cities, regions and countries as
governments, every kind of organisation), persons excepted. Two actors are tied

- directly, by any relation that carries influence (``supports``, ``partnerOf``,
  ``funds``...), each property counting 1 however often it is restated; ``locatedIn`` is
  geography, not collaboration, and does not tie;
- through the projects, programmes and agreements both take part in (any influence
  relation to or from it), each shared initiative adding ``1/(n-1)`` for its ``n`` actors
  (Newman's collaboration weighting of the bipartite projection). An initiative with
  more than ``max_members`` actors (50; the documents' largest has 9) ties nobody: a
  group that large says little about who works with whom, and its clique would swamp the
  graph.

Betweenness and closeness count hops; PageRank, eigenvector centrality, Burt's constraint
and effective size use the weights. Betweenness and closeness run a batched Brandes
search as sparse matrix products; on large graphs they start from a seeded sample of
``samples`` sources (betweenness then estimates, like networkx's ``k``). Degree and
PageRank are networkx's own. Rows are ordered by the first measure, ties broken by IRI.

>>> import networkx as nx
>>> A = nx.Graph([("hub", "a"), ("hub", "b"), ("hub", "c")])
>>> [(r["iri"], r["degree"], r["betweenness"]) for r in centrality(A, measures=["degree", "betweenness"])][:2]
[('hub', 1.0, 1.0), ('a', 0.333333333333, 0.0)]
"""
from __future__ import annotations

import math
from functools import cache

import networkx as nx

from ..ontology import C2C, entity_classes, ontology_graph, relation_properties
from .paths import check_classes

MEASURES = ("degree", "betweenness", "closeness", "pagerank", "eigenvector")
BROKERAGE = ("constraint", "effective_size")
INITIATIVE_CLASSES = ("Agreement", "Programme", "Project")
EXACT_UP_TO = 5000  # nodes; above this, betweenness and closeness sample their sources
SAMPLES = 100
MAX_MEMBERS = 50
_PAGERANK_TOL = 1e-10  # networkx's default 1e-6 (and 100 rounds) leaves errors near 1e-6


@cache
def actor_classes() -> frozenset[str]:
    """The ontology's classes of actors: every subclass of ``c2c:Agent`` but ``Person``."""
    from rdflib import RDFS

    g = ontology_graph()
    names = {str(c).rsplit("#", 1)[-1] for c in g.transitive_subjects(RDFS.subClassOf, C2C.Agent)}
    return frozenset(names & entity_classes() - {"Person"})


def actor_graph(G: nx.MultiDiGraph, *, classes=None, max_members: int = MAX_MEMBERS) -> nx.Graph:
    """The weighted actor graph of the projection ``G`` (see the module docstring).

    Edge attributes: ``weight``, ``direct`` (how many properties tie the pair directly)
    and ``shared`` (how many initiatives they share).
    """
    import numpy as np

    kinds = check_classes(classes) if classes else actor_classes()
    dirs = relation_properties()
    carries = {p for p, d in dirs.items() if d != "NoInfluence" and p != "locatedIn"}
    actors = sorted(n for n, c in G.nodes(data="cls") if c in kinds)
    index = {n: i for i, n in enumerate(actors)}
    initiatives = {n: i for i, n in enumerate(sorted(n for n, c in G.nodes(data="cls") if c in INITIATIVE_CLASSES))}
    direct, members = set(), set()
    for u, v, prop in G.edges(data="prop"):
        if prop not in carries or u == v:
            continue
        a, b = index.get(u), index.get(v)
        if a is not None and b is not None:
            direct.add((min(a, b), max(a, b), prop))
        elif a is not None and v in initiatives:
            members.add((initiatives[v], a))
        elif b is not None and u in initiatives:
            members.add((initiatives[u], b))
    n = len(actors)
    pairs = np.array(sorted((a, b) for a, b, _p in direct), dtype=np.int64).reshape(-1, 2)
    direct_keys, direct_counts = np.unique(pairs[:, 0] * n + pairs[:, 1], return_counts=True)
    keys, weights = [direct_keys], [direct_counts.astype(float)]
    shared_keys = []
    groups: dict[int, list[int]] = {}
    for init, a in sorted(members):
        groups.setdefault(init, []).append(a)
    for group in groups.values():
        if 1 < len(group) <= max_members:
            i, j = np.triu_indices(len(group), k=1)
            g = np.array(group, dtype=np.int64)
            shared_keys.append(g[i] * n + g[j])
            weights.append(np.full(len(i), 1.0 / (len(group) - 1)))
    keys += shared_keys
    all_keys = np.concatenate(keys) if keys else np.zeros(0, dtype=np.int64)
    unique, where = np.unique(all_keys, return_inverse=True)
    weight = np.bincount(where, weights=np.concatenate(weights), minlength=len(unique))
    n_direct = np.zeros(len(unique), dtype=np.int64)
    n_direct[np.searchsorted(unique, direct_keys)] = direct_counts
    shared = np.zeros(len(unique), dtype=np.int64)
    if shared_keys:
        np.add.at(shared, np.searchsorted(unique, np.concatenate(shared_keys)), 1)
    A = nx.Graph()
    A.add_nodes_from((u, {"label": G.nodes[u].get("label", u), "cls": G.nodes[u].get("cls")}) for u in actors)
    A.add_edges_from((actors[k // n], actors[k % n], {"weight": float(w), "direct": int(d), "shared": int(s)})
                     for k, w, d, s in zip(unique.tolist(), weight.tolist(), n_direct.tolist(), shared.tolist()))
    return A


def _matrix(A: nx.Graph, nodes: list[str], weighted: bool):
    M = nx.to_scipy_sparse_array(A, nodelist=nodes, weight="weight" if weighted else None, format="csr")
    if M.diagonal().any():  # self-loops tie nobody; setdiag would rebuild a loop-free matrix
        M.setdiag(0)
    M.eliminate_zeros()
    M.sort_indices()
    return M


def _brandes(M, sources, *, batch: int = 32):
    """Betweenness sums, distance sums and reach counts from ``sources`` (unweighted)."""
    import numpy as np

    n = M.shape[0]
    bc, dsum, reach = np.zeros(n), np.zeros(n), np.zeros(n)
    for start in range(0, len(sources), batch):
        src = np.asarray(sources[start:start + batch])
        cols = np.arange(len(src))
        depth = np.full((n, len(src)), -1, dtype=np.int32)
        depth[src, cols] = 0
        sigma = np.zeros((n, len(src)))
        sigma[src, cols] = 1.0
        front, level = sigma.copy(), 0
        while True:
            nxt = M @ front
            new = (nxt > 0) & (depth < 0)
            if not new.any():
                break
            level += 1
            nxt *= new
            depth[new] = level
            sigma += nxt
            front = nxt
        reached = depth > 0
        dsum += np.where(reached, depth, 0).sum(axis=1)
        reach += reached.sum(axis=1)
        delta = np.zeros_like(sigma)
        for d in range(level, 0, -1):
            at = depth == d
            coef = np.divide(1.0 + delta, sigma, out=np.zeros_like(sigma), where=at)
            delta += np.where(depth == d - 1, sigma * (M @ coef), 0.0)
        delta[src, cols] = 0.0
        bc += delta.sum(axis=1)
    return bc, dsum, reach


def _paths_measures(M, samples: int | None, seed: int):
    """Betweenness and closeness (networkx's normalisations) over hops of ``M``."""
    import numpy as np

    n = M.shape[0]
    k = n if samples is None or samples >= n else samples
    sources = np.arange(n) if k == n else np.sort(np.random.default_rng(seed).choice(n, k, replace=False))
    bc, dsum, reach = _brandes(M, sources)
    scale = n / k if k else 0.0
    between = bc * scale / ((n - 1) * (n - 2)) if n > 2 else np.zeros(n)
    reach, dsum = reach * scale, dsum * scale
    close = np.divide(reach * reach, dsum * (n - 1), out=np.zeros(n), where=dsum > 0) if n > 1 else np.zeros(n)
    return between, close


def _aligned(values: dict, nodes: list[str]):
    import numpy as np

    return np.array([values[u] for u in nodes], dtype=float)


def _eigenvector(M, *, max_iter: int = 1000, tol: float = 1e-9):
    """networkx's power iteration (x <- x + Mx, Euclidean norm), on a sparse matrix."""
    import numpy as np

    n = M.shape[0]
    x = np.ones(n) / n
    for _ in range(max_iter):
        last = x
        x = last + M @ last
        x = x / (np.linalg.norm(x) or 1.0)
        if np.abs(x - last).sum() < n * tol:
            break
    return x


def _triangles(M):
    """Every (directed edge e = (i, j), common neighbour q) of the symmetric matrix ``M``,
    found by walking the smaller of the two neighbour lists: arrays e, w_iq, w_jq."""
    import numpy as np

    n = M.shape[0]
    indptr, indices, data = M.indptr, M.indices, M.data
    deg = np.diff(indptr)
    rows = np.repeat(np.arange(n), deg)
    swap = deg[rows] > deg[indices]
    small, other = np.where(swap, indices, rows), np.where(swap, rows, indices)
    counts = deg[small].astype(np.int64)
    edge = np.repeat(np.arange(len(rows)), counts)
    pos = np.repeat(indptr[small].astype(np.int64), counts)
    pos += np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    keys = rows.astype(np.int64) * n + indices
    want = other[edge].astype(np.int64) * n + indices[pos]
    loc = np.minimum(np.searchsorted(keys, want), len(keys) - 1)
    hit = keys[loc] == want
    edge, pos, loc = edge[hit], pos[hit], loc[hit]
    flip = swap[edge]  # the walked side was j: data[pos] is w_jq and data[loc] is w_iq
    w_iq = np.where(flip, data[loc], data[pos])
    w_jq = np.where(flip, data[pos], data[loc])
    return edge, w_iq, w_jq, indices[pos]


def _brokerage(M):
    """Burt's constraint and effective size (networkx's weighted formulas), vectorised."""
    import numpy as np

    n = M.shape[0]
    M = M.tocsr()
    M.sort_indices()
    deg = np.diff(M.indptr)
    rows = np.repeat(np.arange(n), deg)
    strength = np.bincount(rows, weights=M.data, minlength=n)
    top = np.zeros(n)
    np.maximum.at(top, rows, M.data)
    edge, w_iq, w_jq, q = _triangles(M)
    i, j = rows[edge], M.indices[edge]
    indirect = np.bincount(edge, weights=(w_iq / strength[i]) * (w_jq / strength[q]), minlength=len(rows))
    redundant = np.bincount(edge, weights=(w_iq / strength[i]) * (w_jq / top[j]), minlength=len(rows))
    direct = M.data / strength[rows] if len(rows) else np.zeros(0)
    constraint = np.bincount(rows, weights=(direct + indirect) ** 2, minlength=n)
    esize = np.bincount(rows, weights=1.0 - redundant, minlength=n)
    constraint[deg == 0] = math.nan
    esize[deg == 0] = math.nan
    return constraint, esize


def centrality(A: nx.Graph, *, measures=("degree",), brokerage: bool = True,
               samples: int | None = None, seed: int = 0) -> list[dict]:
    """One row per node of ``A``: iri, label, cls, the ``measures`` and brokerage.

    ``samples`` caps the sources of betweenness and closeness (default: every node up to
    ``EXACT_UP_TO`` nodes, else ``SAMPLES``), drawn with ``seed``.
    """
    import numpy as np

    measures = list(MEASURES) if "all" in measures else list(dict.fromkeys(measures))
    for m in measures:
        if m not in MEASURES:
            raise ValueError(f"unknown measure {m!r}; known: {', '.join(MEASURES)}, all")
    if samples is not None and samples < 1:
        raise ValueError(f"samples must be at least 1, not {samples}")
    nodes = sorted(A)
    n = len(nodes)
    if samples is None and n > EXACT_UP_TO:
        samples = SAMPLES
    values: dict[str, np.ndarray] = {}
    if n:
        # networkx is faster than a sparse matrix of our own for degree (1.2 s against 7.0 s
        # on the 1000x synthetic actor graph, bench/analytics.py) and PageRank (3.4 s against
        # 10.7 s), so it does those; it follows A's node order, which actor_graph sorts by IRI.
        if "degree" in measures:
            values["degree"] = _aligned(nx.degree_centrality(A), nodes)
        if "pagerank" in measures:
            values["pagerank"] = _aligned(nx.pagerank(A, weight="weight", tol=_PAGERANK_TOL, max_iter=1000), nodes)
        # Hand-written where networkx is much slower on the same graph: sampled betweenness
        # x7.8 (61 s against 474 s), eigenvector x7.9 (8.5 s against 67 s), brokerage x2100
        # (14 s against networkx's constraint on 50 nodes scaled to all, about 8 hours).
        if {"betweenness", "closeness", "eigenvector"} & set(measures) or brokerage:
            W = _matrix(A, nodes, weighted=True)
            if {"betweenness", "closeness"} & set(measures):
                M = W.copy()
                M.data[:] = 1.0
                values["betweenness"], values["closeness"] = _paths_measures(M, samples, seed)
            if "eigenvector" in measures:
                values["eigenvector"] = _eigenvector(W)
            if brokerage:
                values["constraint"], values["effective_size"] = _brokerage(W)
    columns = [m for m in measures] + (list(BROKERAGE) if brokerage else [])
    rows = []
    for i, u in enumerate(nodes):
        row = {"iri": u, "label": A.nodes[u].get("label", u), "cls": A.nodes[u].get("cls")}
        for c in columns:
            value = float(values[c][i]) if n else math.nan
            row[c] = None if math.isnan(value) else round(value, 12)
        rows.append(row)
    first = columns[0] if columns else "iri"
    rows.sort(key=lambda r: (r[first] is None, -r[first] if isinstance(r[first], float) else 0, r["iri"]))
    return rows
