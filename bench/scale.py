"""The whole stack at 1x, 10x, 100x and 1000x the real graph, against plain rdflib/networkx
measured in the same run.

    python3 bench/scale.py                        # 1x, 10x, 100x, 1000x (about an hour, ~10 GB disk)
    python3 bench/scale.py --scales 1 10          # a quick look

Steps, each timed in a fresh process per scale and stack so that peak memory (the process's
maximum resident set) belongs to that stack alone:

- build: the synthetic graph (``graph.synth``) written as N-Quads (ours) / made as an rdflib
  Dataset (rdflib's ``synthesize``);
- load: the N-Quads file bulk-loaded into an on-disk Oxigraph store (``graph.store.from_file``;
  ``--memory``: an in-memory one) / parsed by rdflib;
- export: the asserted triples as Turtle (``graph.store.dump``) / rdflib's Turtle serialiser;
- questions: every named question with its header's example (``graph.sparql.query`` on the
  store) / rdflib's SPARQL engine on the Dataset (stopped after ``--rdflib-timeout`` s);
- projection: ``project`` read straight from the store / ``project`` on the rdflib Dataset
  already in memory (with the memory the projection holds, ours);
- centrality: ``centrality(actor_graph(G), measures=[degree, pagerank])`` / networkx's
  ``degree_centrality`` and ``pagerank`` on the projection as an undirected graph.

rdflib stops at ``--rdflib-max-scale`` (default 100: a Dataset of the 1000x graph needs
~40 GB), its projection and networkx's centrality at ``--projection-max-scale`` (default 100);
ours runs every step at every scale. Prints a table of times, rates and ratios (rdflib time /
ours); asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"load": 200_000, "export": 100_000}  # triples per second at 1000x
QUESTION_TARGET = 1.0  # seconds, every named question at 1000x


def _params(q) -> dict[str, str]:
    words = shlex.split(q.example)
    return dict(words[i + 1].split("=", 1) for i, w in enumerate(words) if w == "--param")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _resident_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


def _timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def _base(path: Path):
    from c2ckg.graph.export import load

    return load(path)


def ours(args) -> dict:
    from c2ckg import queries
    from c2ckg.graph.centrality import actor_graph, centrality
    from c2ckg.graph.deadline import QueryTimeout
    from c2ckg.graph.endpoint import count
    from c2ckg.graph.projection import project
    from c2ckg.graph.sparql import query
    from c2ckg.graph.store import dump, from_file
    from c2ckg.graph.synth import synthesize_nquads

    out: dict = {}
    work = Path(args.work)
    base = _base(Path(args.base))
    nq = work / f"synth-{args.scale}.nq"

    def build():
        n = 0
        with open(nq, "w", encoding="utf-8", buffering=1 << 20) as fh:
            for line in synthesize_nquads(base, scale=args.scale, seed=0):
                fh.write(line)
                n += 1
        return n

    out["build"], quads = _timed(build)
    out["quads"] = quads
    folder = None if args.memory else work / f"store-{args.scale}"
    out["load"], store = _timed(lambda: from_file(nq, store_path=folder))
    triples = count(store)
    out["triples"] = triples
    out["export"], _ = _timed(lambda: dump(store, "ttl", str(work / f"export-{args.scale}.ttl")))
    (work / f"export-{args.scale}.ttl").unlink()
    times = {}
    for name in queries.names():
        q = queries.get(name)
        try:
            bindings = queries.sparql_bindings(store, q, q.text, _params(q))
            first, result = _timed(lambda: query(store, q.text, bindings=bindings, timeout=args.timeout))
            second = _timed(lambda: query(store, q.text, bindings=bindings, timeout=args.timeout))[0] if first < 10 else first
            times[name] = [min(first, second), len(result.rows)]
        except QueryTimeout:
            times[name] = [None, None]
    out["questions"] = times
    before = _resident_mb()
    out["projection"], G = _timed(lambda: project(store))
    out["projection_mb"] = _resident_mb() - before
    out["centrality"], _ = _timed(lambda: centrality(actor_graph(G), measures=["degree", "pagerank"]))
    out["peak_mb"] = _peak_mb()
    return out


def _rdflib_term(term, URIRef, Literal):
    """A pyoxigraph term as rdflib's (a plain string literal stays plain, as in the data)."""
    if type(term).__name__ == "NamedNode":
        return URIRef(term.value)
    datatype = term.datatype.value
    return Literal(term.value) if datatype.endswith("#string") else Literal(term.value, datatype=URIRef(datatype))


def baseline(args) -> dict:
    from rdflib import Dataset, Literal, URIRef

    import networkx as nx
    from c2ckg import queries
    from c2ckg.graph.deadline import QueryTimeout, call_with_timeout
    from c2ckg.graph.projection import project
    from c2ckg.graph.store import from_dataset
    from c2ckg.graph.synth import synthesize

    out: dict = {}
    base = _base(Path(args.base))
    out["build"], ds = _timed(lambda: synthesize(base, scale=args.scale, seed=0))
    del ds
    nq = Path(args.work) / f"synth-{args.scale}.nq"

    def parse():
        d = Dataset()
        d.parse(nq, format="nquads")
        return d

    out["load"], ds = _timed(parse)
    out["export"], _ = _timed(lambda: ds.default_graph.serialize(format="turtle"))
    times = {}
    if args.scale <= args.rdflib_questions_max_scale:
        small = from_dataset(base)  # parameters resolved once, as rdflib terms
        for name in queries.names():
            q = queries.get(name)
            terms = queries.sparql_bindings(small, q, q.text, _params(q))
            init = {k: _rdflib_term(v, URIRef, Literal) for k, v in terms.items()}
            text = queries.load(name)
            try:
                times[name] = [_timed(lambda: call_with_timeout(lambda: len(list(ds.query(text, initBindings=init))),
                                                                args.rdflib_timeout))[0], None]
            except QueryTimeout:
                times[name] = [None, None]
    out["questions"] = times
    if args.scale <= args.projection_max_scale:
        out["projection"], G = _timed(lambda: project(ds))

        def plain():
            H = nx.Graph(G)
            return nx.degree_centrality(H), nx.pagerank(H)

        out["centrality"], _ = _timed(plain)
    out["peak_mb"] = _peak_mb()
    return out


def _child(stack: str, scale: int, args, base: Path, work: Path) -> dict | None:
    cmd = [sys.executable, __file__, "--worker", stack, "--scale", str(scale), "--base", str(base), "--work", str(work),
           "--timeout", str(args.timeout), "--rdflib-timeout", str(args.rdflib_timeout),
           "--projection-max-scale", str(args.projection_max_scale),
           "--rdflib-questions-max-scale", str(args.rdflib_questions_max_scale), *(["--memory"] if args.memory else [])]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        print(f"  {stack} at {scale}x failed: {done.stderr.strip().splitlines()[-1:]}", flush=True)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def _fmt_s(seconds) -> str:
    return "-" if seconds is None else f"{seconds:,.2f} s" if seconds >= 1 else f"{seconds * 1000:,.0f} ms"


def _ratio(theirs, mine) -> str:
    return "-" if theirs is None or mine in (None, 0) else f"{theirs / mine:,.1f}x"


def report(scale: int, a: dict, b: dict | None) -> None:
    n = a["triples"]
    quads = a["quads"]
    print(f"\n== {scale}x: {quads:,} quads ({n:,} asserted triples) ==")
    print(f"{'step':<22}{'ours':>12}{'rate (ours)':>20}{'rdflib/networkx':>18}{'ratio':>10}")
    rows = [("build (synthesise)", "build", quads), ("load (bulk)", "load", quads), ("export Turtle", "export", n),
            ("projection", "projection", None), ("centrality", "centrality", None)]
    for label, key, size in rows:
        if key not in a:
            continue
        rate = f"{size / a[key]:,.0f} triples/s" if size else ""
        theirs = b.get(key) if b else None
        print(f"{label:<22}{_fmt_s(a[key]):>12}{rate:>20}{_fmt_s(theirs):>18}{_ratio(theirs, a[key]):>10}")
    qa = a["questions"]
    qb = (b or {}).get("questions", {})
    ok = [t for t, _ in qa.values() if t is not None]
    print(f"{'named questions':<22}{'median ' + _fmt_s(statistics.median(ok)) if ok else '-':>12}"
          f"{'slowest ' + _fmt_s(max(ok)) if ok else '':>20}"
          f"{(str(sum(t is None for t, _ in qb.values())) + ' of ' + str(len(qb)) + ' stopped') if qb else '-':>18}")
    for name, (t, rows_) in sorted(qa.items()):
        theirs = qb.get(name, [None])[0] if qb else None
        flag = "" if t is not None and t < QUESTION_TARGET else "  OVER 1 s" if t is not None else "  STOPPED"
        print(f"  {name:<20}{_fmt_s(t):>12}{(str(rows_) + ' rows') if rows_ is not None else '':>20}"
              f"{(_fmt_s(theirs) if theirs is not None else ('stopped' if qb else '-')):>18}{_ratio(theirs, t):>10}{flag}")
    print(f"{'peak memory':<22}{a['peak_mb']:>9,.0f} MB{'':>20}{(format(b['peak_mb'], ',.0f') + ' MB') if b else '-':>18}")
    if "projection_mb" in a:
        print(f"{'projection held':<22}{a['projection_mb']:>9,.0f} MB")
    if scale >= 1000:
        for key, target in TARGETS.items():
            size = quads if key == "load" else n
            rate = size / a[key]
            print(f"target {key}: {rate:,.0f} triples/s against {target:,}: {'met' if rate >= target else 'NOT met'}")
        slow = [k for k, (t, _) in qa.items() if t is None or t >= QUESTION_TARGET]
        print(f"target questions under 1 s: {'met' if not slow else 'NOT met: ' + ', '.join(sorted(slow))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100, 1000])
    parser.add_argument("--timeout", type=float, default=30.0, help="Limit per named question, ours (s).")
    parser.add_argument("--rdflib-timeout", type=float, default=10.0, help="Limit per named question, rdflib (s).")
    parser.add_argument("--rdflib-max-scale", type=int, default=100)
    parser.add_argument("--rdflib-questions-max-scale", type=int, default=10)
    parser.add_argument("--projection-max-scale", type=int, default=100,
                        help="Largest scale for the rdflib projection and networkx centrality (ours: every scale).")
    parser.add_argument("--memory", action="store_true",
                        help="Load into an in-memory Oxigraph store instead of an on-disk one (~12 GB at 1000x).")
    parser.add_argument("--work", type=Path, default=None, help="Folder for the files and stores (default: a temp dir).")
    parser.add_argument("--worker", choices=["ours", "rdflib"], help=argparse.SUPPRESS)
    parser.add_argument("--scale", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--base", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps((ours if args.worker == "ours" else baseline)(args)))
        return
    from c2ckg.graph.export import write_build
    from c2ckg.kg_build.build import build

    work = args.work or Path(tempfile.mkdtemp(prefix="c2ckg-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    result = build(corpus_dir=corpus if corpus.is_dir() else None)
    write_build(result.dataset, result.report, work / "base")
    base = work / "base" / "c2c-kg.trig"
    try:
        for scale in args.scales:
            print(f"[{time.strftime('%H:%M:%S')}] {scale}x ...", flush=True)
            a = _child("ours", scale, args, base, work)
            b = _child("rdflib", scale, args, base, work) if a and scale <= args.rdflib_max_scale else None
            if a:
                report(scale, a, b)
            (work / f"synth-{scale}.nq").unlink(missing_ok=True)
            shutil.rmtree(work / f"store-{scale}", ignore_errors=True)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
