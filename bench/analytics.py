"""Analytics at scale: centrality and influence paths on the synthetic graph, against plain
networkx run the same way, with the error of sampled betweenness against exact.

    python3 bench/analytics.py                # scale 1000 (about 40 minutes, ~6 GB, ~8 GB disk)
    python3 bench/analytics.py --memory       # the store in memory: ~15 minutes, ~17 GB
    python3 bench/analytics.py --scale 50     # quicker

The synthetic graph of ``graph/synth.py`` at scale 1000 is too big for an in-memory rdflib
Dataset, so its N-Quads are bulk-loaded into an Oxigraph store (on disk in a temporary
folder, or in memory) and ``project`` reads the store (checked here against ``project(synthesize(...))`` at a
small scale). Prints timings and ratios; asserts nothing about time.
"""
from __future__ import annotations

import argparse
import itertools
import os
import random
import tempfile
import time
from pathlib import Path

import networkx as nx

from c2ckg.graph.centrality import actor_graph, centrality
from c2ckg.graph.paths import influence_adjacency, influence_paths
from c2ckg.graph.projection import project
from c2ckg.graph.store import from_nquads
from c2ckg.graph.synth import synthesize, synthesize_nquads
from c2ckg.kg_build.build import build
from c2ckg.ontology import relation_properties


def _synthetic(base, *, scale: int, folder: str | None = None):
    """The projection of the scale-``scale`` synthetic graph, its N-Quads bulk-loaded into an
    Oxigraph store (on disk in ``folder``, else in memory) and projected from there."""
    return project(from_nquads(synthesize_nquads(base, scale=scale), path=folder))


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
    quick = _synthetic(base, scale=3)
    real = project(synthesize(base, scale=3))
    same = list(quick.nodes(data=True)) == list(real.nodes(data=True)) and \
        list(quick.edges(keys=True, data=True)) == list(real.edges(keys=True, data=True))
    print(f"projection of the store == project(synthesize(scale=3)): {same} "
          f"({real.number_of_nodes()} nodes, {real.number_of_edges()} edges)")


def sampling_error(base, *, scale: int, samples: int) -> None:
    A = actor_graph(_synthetic(base, scale=scale))
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


def at_scale(base, *, scale: int, pairs: int, seed: int, memory: bool = False) -> None:
    from c2ckg.graph.centrality import SAMPLES

    with tempfile.TemporaryDirectory(prefix="c2ckg-analytics-") as folder:
        G, t = _timed(_synthetic, base, scale=scale, folder=None if memory else folder)
    print(f"\nscale {scale}: {G.number_of_nodes()} entities, {G.number_of_edges()} relations "
          f"(synthesised, loaded and projected in {t:.0f} s)")
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
    parser.add_argument("--memory", action="store_true", help="hold the store in memory (faster, ~12 GB at 1000)")
    args = parser.parse_args()
    corpus = Path(os.environ.get("C2CKG_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus"))
    base = build(corpus_dir=corpus if corpus.is_dir() else None).dataset
    from c2ckg.graph.centrality import SAMPLES

    check_projection(base)
    sampling_error(base, scale=args.error_scale, samples=SAMPLES)
    at_scale(base, scale=args.scale, pairs=args.pairs, seed=args.seed, memory=args.memory)


if __name__ == "__main__":
    main()
