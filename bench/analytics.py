"""Analytics at scale: centrality and influence paths on the synthetic graph, against plain
networkx run the same way, with the error of sampled betweenness against exact.

    python3 bench/analytics.py                # scale 1000 (several minutes, a few GB)
    python3 bench/analytics.py --scale 50     # quicker

The synthetic graph of ``graph/synth.py`` at scale 1000 is too big for an in-memory rdflib
Dataset, so its quads are streamed straight into the projection's MultiDiGraph
(``_project_quads``, checked here against ``project(synthesize(...))`` at a small scale).
Prints timings and ratios; asserts nothing about time.
"""
from __future__ import annotations

import argparse
import itertools
import os
import random
import time
from pathlib import Path

import networkx as nx

from c2ckg.graph.centrality import actor_graph, centrality
from c2ckg.graph.paths import influence_adjacency, influence_paths
from c2ckg.graph.projection import project
from c2ckg.graph.synth import synthesize, synthesize_quads
from c2ckg.kg_build.build import build
from c2ckg.ontology import C2C, relation_properties

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_QUALIFIERS = {str(C2C.year): "year", str(C2C.date): "date", str(C2C.startYear): "startYear",
               str(C2C.endYear): "endYear"}
_KINDS = (str(C2C.partnershipKind), str(C2C.supportMode))


def _project_quads(quads) -> nx.MultiDiGraph:
    """The projection's nodes and relation edges (with years, kinds, evidence) from quads."""
    ns = str(C2C)
    internal = {str(C2C.Relation), str(C2C.Measurement)}
    props = relation_properties()
    cls, label, rels, facts, derived, ev = {}, {}, {}, [], {}, {}
    for s, p, o, g in quads:
        if g is not None:
            if p == "http://www.w3.org/ns/prov#wasDerivedFrom":
                derived.setdefault(s, []).append(o)
            elif p in (str(C2C.document), str(C2C.sentenceText)):
                ev.setdefault(s, {})["document" if p == str(C2C.document) else "sentence"] = \
                    o.rsplit("/", 1)[-1] if isinstance(o, str) else o[0]
        elif p == RDF + "type":
            if o == str(C2C.Relation):
                rels.setdefault(s, {})
            elif isinstance(o, str) and o.startswith(ns) and o not in internal:
                cls[s] = min(cls.get(s, o), o)
        elif p == LABEL:
            label[s] = o[0]
        elif p in (RDF + "subject", RDF + "predicate", RDF + "object"):
            rels.setdefault(s, {})[p[len(RDF):]] = o
        elif p in _QUALIFIERS or p in _KINDS:
            rels.setdefault(s, {})[_QUALIFIERS.get(p, "kind")] = o[0] if isinstance(o, tuple) else o.rsplit("#", 1)[-1]
        elif p in (str(C2C.locatedIn), str(C2C.country)) and isinstance(o, str):
            facts.append((s, o))
    G = nx.MultiDiGraph()
    for n in sorted(n for n in cls if n in label):
        G.add_node(n, iri=n, label=label[n], cls=cls[n].rsplit("#", 1)[-1], aliases=[])
    for r in sorted(rels):
        d = dict(rels[r])
        if not {"subject", "predicate", "object"} <= d.keys():
            continue
        prop = d.pop("predicate").rsplit("#", 1)[-1]
        s, o = d.pop("subject"), d.pop("object")
        if prop not in props or s not in G or o not in G:
            continue
        evidence = sorted((ev.get(e, {}) for e in derived.get(r, [])), key=lambda x: x.get("document", ""))
        key, k = prop, 2
        while G.has_edge(s, o, key=key):
            key, k = f"{prop}#{k}", k + 1
        G.add_edge(s, o, key=key, prop=prop, relation=r, evidence=evidence, **d)
    for s, o in sorted(facts):
        if s in G and o in G and not G.has_edge(s, o, key="locatedIn"):
            G.add_edge(s, o, key="locatedIn", prop="locatedIn", evidence=[])
    return G


def _timed(func, *args, **kwargs):
    start = time.perf_counter()
    result = func(*args, **kwargs)
    return result, time.perf_counter() - start


def _influence_digraph(G: nx.MultiDiGraph) -> nx.DiGraph:
    """The influence hops of ``G`` as a plain DiGraph, for networkx's own path search."""
    dirs = relation_properties()
    D = nx.DiGraph()
    D.add_nodes_from(G)
    for u, v, p in G.edges(data="prop"):
        if dirs.get(p) in ("SubjectToObject", "BothWays"):
            D.add_edge(u, v)
        if dirs.get(p) in ("ObjectToSubject", "BothWays"):
            D.add_edge(v, u)
    return D


def _ranks(values):
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    for r, i in enumerate(order):
        ranks[i] = float(r)
    return ranks


def _spearman(a, b):
    import numpy as np

    return float(np.corrcoef(_ranks(a), _ranks(b))[0, 1])


def check_projection(base) -> None:
    quick = _project_quads(synthesize_quads(base, scale=3))
    real = project(synthesize(base, scale=3))
    same = sorted(quick.edges(keys=True)) == sorted(real.edges(keys=True)) and sorted(quick) == sorted(real)
    print(f"quad projection == project(synthesize(scale=3)): {same} "
          f"({real.number_of_nodes()} nodes, {real.number_of_edges()} edges)")


def sampling_error(base, *, scale: int, samples: int) -> None:
    A = actor_graph(_project_quads(synthesize_quads(base, scale=scale)))
    exact, t_exact = _timed(centrality, A, measures=["betweenness"], brokerage=False, samples=len(A))
    sampled, t_sampled = _timed(centrality, A, measures=["betweenness"], brokerage=False, samples=samples)
    reference, t_nx = _timed(nx.betweenness_centrality, A)
    e = {r["iri"]: r["betweenness"] for r in exact}
    s = {r["iri"]: r["betweenness"] for r in sampled}
    nodes = sorted(e)
    top = [r["iri"] for r in exact[:20]]
    print(f"\nbetweenness on the scale-{scale} actor graph ({A.number_of_nodes()} actors, {A.number_of_edges()} ties)")
    print(f"  exact: ours {t_exact:.2f} s, networkx {t_nx:.2f} s (x{t_nx / t_exact:.1f}); "
          f"max |ours - networkx| = {max(abs(e[n] - reference[n]) for n in nodes):.1e}")
    print(f"  sampled from {samples} sources ({t_sampled:.2f} s) against exact: "
          f"max abs error {max(abs(e[n] - s[n]) for n in nodes):.4f} (top value {exact[0]['betweenness']:.4f}), "
          f"mean relative error on the top 20 {sum(abs(e[n] - s[n]) / e[n] for n in top) / 20:.1%}, "
          f"Spearman {_spearman([e[n] for n in nodes], [s[n] for n in nodes]):.3f}, "
          f"top-10 overlap {len(set(top[:10]) & {r['iri'] for r in sampled[:10]})}/10")


def at_scale(base, *, scale: int, pairs: int, seed: int) -> None:
    from c2ckg.graph.centrality import SAMPLES

    G, t = _timed(_project_quads, synthesize_quads(base, scale=scale))
    print(f"\nscale {scale}: {G.number_of_nodes()} entities, {G.number_of_edges()} relations (synthesised and projected in {t:.0f} s)")
    A, t_actor = _timed(actor_graph, G)
    print(f"actor graph: {A.number_of_nodes()} actors, {A.number_of_edges()} ties in {t_actor:.1f} s")
    ours = {}
    for measure in ("degree", "betweenness", "pagerank", "eigenvector"):
        _rows, ours[measure] = _timed(centrality, A, measures=[measure], brokerage=False)
    _rows, ours["brokerage"] = _timed(centrality, A, measures=["degree"])
    rows, total = _timed(centrality, A, measures=["all"])
    print(f"centrality --measure all: {total:.1f} s, with the actor graph {total + t_actor:.1f} s "
          f"(betweenness and closeness from {SAMPLES} sources); top by degree: {rows[0]['label']}")
    rng = random.Random(seed)
    k_nx = 10
    theirs = {"degree": _timed(nx.degree_centrality, A)[1],
              "betweenness": _timed(nx.betweenness_centrality, A, k=k_nx, seed=seed)[1] * SAMPLES / k_nx,
              "pagerank": _timed(nx.pagerank, A, weight="weight")[1],
              "eigenvector": _timed(nx.eigenvector_centrality, A, weight="weight", max_iter=1000)[1]}
    some = rng.sample(sorted(A), 50)
    theirs["brokerage"] = _timed(nx.constraint, A, nodes=some, weight="weight")[1] * len(A) / 50
    for measure, t_ours in ours.items():
        note = {"betweenness": f" (networkx: {k_nx} sources, scaled to {SAMPLES})",
                "brokerage": " (networkx: constraint on 50 nodes, scaled; its vectorised effective size is dense n x n)"}
        print(f"  {measure:<12} ours {t_ours:7.2f} s   networkx {theirs[measure]:8.1f} s   x{theirs[measure] / t_ours:6.1f}"
              f"{note.get(measure, '')}")
    D, t_d = _timed(_influence_digraph, G)
    _adjacency, t_adj = _timed(influence_adjacency, G)
    print(f"paths (k=5): networkx needs the influence DiGraph first ({t_d:.1f} s); ours builds its influence "
          f"adjacency once per projection ({t_adj:.1f} s, cached on it)")
    kita = "https://w3id.org/c2c-kg/resource/kitakyushu"
    queries = [(kita, "https://w3id.org/c2c-kg/resource/quang-ninh-province")]
    nodes = sorted(G)
    while len(queries) < pairs:
        a, b = rng.choice(nodes), rng.choice(nodes)
        if a != b and nx.has_path(D, a, b):
            queries.append((a, b))
    for a, b in queries:
        found, t_ours = _timed(influence_paths, G, a, b, k=5)
        theirs_paths, t_nx = _timed(lambda: list(itertools.islice(nx.shortest_simple_paths(D, a, b), 5)))
        same = [len(p) for p in found] == [len(p) - 1 for p in theirs_paths]
        print(f"  {G.nodes[a]['label'][:28]:<28} -> {G.nodes[b]['label'][:28]:<28} hops {[len(p) for p in found]}  "
              f"ours {t_ours * 1000:7.1f} ms  networkx {t_nx * 1000:7.1f} ms  x{t_nx / t_ours:5.1f}  same lengths: {same}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1000)
    parser.add_argument("--error-scale", type=int, default=10, help="scale small enough for exact betweenness")
    parser.add_argument("--pairs", type=int, default=6)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    corpus = Path(os.environ.get("C2CKG_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus"))
    base = build(corpus_dir=corpus if corpus.is_dir() else None).dataset
    from c2ckg.graph.centrality import SAMPLES

    check_projection(base)
    sampling_error(base, scale=args.error_scale, samples=SAMPLES)
    at_scale(base, scale=args.scale, pairs=args.pairs, seed=args.seed)


if __name__ == "__main__":
    main()
