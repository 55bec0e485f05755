"""The named questions on synthetic graphs 10x, 100x and 1000x the real one: SPARQL on
Oxigraph (the query store) and Cypher on LadybugDB over the property graph, against plain
rdflib in-memory measured in the same run.

    python3 bench/queries.py                          # 10x, 100x, 1000x (about 25 min, ~12 GB)
    python3 bench/queries.py --scales 10 --repeat 3   # a quick look

Each question runs with the parameters of its header's example; a time is the median of
``--repeat`` runs after one warm-up run (rdflib: one run, stopped after ``--rdflib-timeout``
seconds). rdflib is measured up to ``--rdflib-max-scale`` (an rdflib Dataset of the 1000x
graph, 25 million triples, would not fit in memory here), Cypher up to
``--cypher-max-scale``. Loading times are printed too (for Cypher: the projection, then
filling the Ladybug database, once per graph and not part of the query times). The rows of each engine are counted:
a question whose engines disagree is marked ``DIFF``. Prints tables; asserts nothing.
"""
from __future__ import annotations

import argparse
import gc
import os
import shlex
import statistics
import time
from pathlib import Path

from rdflib import Literal as RdfLiteral
from rdflib import URIRef

from c2ckg import queries
from c2ckg.graph import cypher, sparql
from c2ckg.graph.deadline import QueryTimeout, call_with_timeout
from c2ckg.graph.cypher_db import database
from c2ckg.graph.projection import project
from c2ckg.graph.property_graph import index, property_graph
from c2ckg.graph.store import from_nquads
from c2ckg.graph.synth import synthesize, synthesize_nquads
from c2ckg.kg_build.build import build

REPO = Path(__file__).resolve().parents[1]


def _params(q) -> dict[str, str]:
    words = shlex.split(q.example)
    return dict(words[i + 1].split("=", 1) for i, w in enumerate(words) if w == "--param")


def _timed(fn, repeat: int) -> tuple[float, object]:
    result = fn()  # warm-up (and the answer)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _rdflib_term(term):
    """A pyoxigraph term as rdflib's (a plain string literal stays plain, as in the data)."""
    if type(term).__name__ == "NamedNode":
        return URIRef(term.value)
    if term.datatype.value.endswith("#string"):
        return RdfLiteral(term.value)
    return RdfLiteral(term.value, datatype=URIRef(term.datatype.value))


def _ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:,.0f}"


def run_scale(base, scale: int, args) -> None:
    print(f"\n== scale {scale}x ==", flush=True)
    start = time.perf_counter()
    store = from_nquads(synthesize_nquads(base, scale=scale, seed=args.seed))
    print(f"oxigraph: {len(store):,} quads generated and loaded in {time.perf_counter() - start:.1f} s", flush=True)
    ds = H = conn = None
    if scale <= max(args.rdflib_max_scale, args.cypher_max_scale):
        start = time.perf_counter()
        ds = synthesize(base, scale=scale, seed=args.seed)
        print(f"rdflib: dataset made in {time.perf_counter() - start:.1f} s", flush=True)
    if scale <= args.cypher_max_scale:
        start = time.perf_counter()
        H = property_graph(project(ds))
        index(H)
        print(f"cypher: projection and property graph ({H.number_of_nodes():,} nodes, "
              f"{H.number_of_edges():,} edges) in {time.perf_counter() - start:.1f} s", flush=True)
        start = time.perf_counter()
        conn = database(H)
        print(f"cypher: Ladybug database filled in {time.perf_counter() - start:.1f} s", flush=True)
    if scale > args.rdflib_max_scale:
        ds = None
    gc.collect()
    gc.freeze()  # the graphs are built: keep their objects out of the collector's walks
    header = f"{'question':<24}{'rows':>7}{'oxigraph ms':>13}{'rdflib ms':>11}{'rdflib/ox':>11}{'cypher ms':>11}{'cypher/ox':>11}"
    print(header)
    print("-" * len(header))
    worst = {"oxigraph": 0.0, "cypher": 0.0}
    for name in queries.names():
        q, cq = queries.get(name), queries.get(name, language="cypher")
        given = _params(q)
        bindings = queries.sparql_bindings(store, q, q.text, given)
        ox, result = _timed(lambda: sparql.query(store, q.text, bindings=bindings, timeout=None), args.repeat)
        counts = {len(result.rows)}
        worst["oxigraph"] = max(worst["oxigraph"], ox)
        rd = cy = None
        note = ""
        if ds is not None:
            init = {k: _rdflib_term(v) for k, v in bindings.items()}
            start = time.perf_counter()
            try:
                rows = call_with_timeout(lambda: list(ds.query(queries.load(name), initBindings=init)),
                                         args.rdflib_timeout)
                rd = time.perf_counter() - start
                counts.add(len(rows))
            except QueryTimeout:
                note = f"  rdflib stopped after {args.rdflib_timeout:g} s"
        if H is not None:
            values = queries.cypher_params(H, cq, cq.text, given)
            cy, answer = _timed(lambda: cypher.run(conn, cq.text, params=values, timeout=None), args.repeat)
            counts.add(len(answer.rows))
            worst["cypher"] = max(worst["cypher"], cy)
        ratio = f"{rd / ox:,.1f}" if rd is not None else (">" + f"{args.rdflib_timeout / ox:,.0f}" if note else "-")
        cratio = f"{cy / ox:,.1f}" if cy is not None else "-"
        flag = "" if len(counts) == 1 else "  DIFF"
        print(f"{name:<24}{len(result.rows):>7}{_ms(ox):>13}{_ms(rd):>11}{ratio:>11}{_ms(cy):>11}{cratio:>11}{flag}{note}",
              flush=True)
    print(f"slowest: oxigraph {_ms(worst['oxigraph'])} ms" + (f", cypher {_ms(worst['cypher'])} ms" if H is not None else ""))
    gc.unfreeze()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="10,100,1000", help="comma-separated scales")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rdflib-max-scale", type=int, default=100)
    parser.add_argument("--rdflib-timeout", type=float, default=60.0)
    parser.add_argument("--cypher-max-scale", type=int, default=100)
    parser.add_argument("--corpus", default=os.environ.get("C2CKG_CORPUS", REPO.parent / "shared" / "corpus"))
    args = parser.parse_args()
    base = build(corpus_dir=args.corpus, shacl=False).dataset
    print(f"real graph: {sum(len(g) for g in base.graphs()):,} triples; {len(queries.names())} named questions")
    for scale in (int(s) for s in args.scales.split(",")):
        run_scale(base, scale, args)


if __name__ == "__main__":
    main()
