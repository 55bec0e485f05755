"""The ``c2ckg`` command line: thin commands over the library functions."""
from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path

import click

from .kg_build.errors import BuildError

CORPUS_HELP = "Folder of source documents (env: C2CKG_CORPUS). Without it, provenance is document-level."
OUT_DEFAULT = "out"


class _Fail(click.ClickException):
    """Exit 1 with each line of the message on stderr as ``error: ...``."""

    def show(self, file=None) -> None:
        for line in self.message.splitlines():
            click.echo(f"error: {line}", err=True)


@contextlib.contextmanager
def _progress(stages: int, label: str):
    """Yield a ``step(name)`` callback drawing a progress bar on an interactive stderr."""
    if not sys.stderr.isatty():
        yield lambda _name: None
        return
    with click.progressbar(length=stages, label=label, file=sys.stderr, show_eta=False,
                           item_show_func=lambda s: s) as bar:
        yield lambda name: bar.update(1, name)


def _graph_option(func):
    return click.option("--graph", "graph_dir", default=OUT_DEFAULT, show_default=True,
                        envvar="C2CKG_OUT", type=click.Path(path_type=Path),
                        help="Build output folder (or a graph file) to read (env: C2CKG_OUT).")(func)


def _remember(ctx: click.Context, param: click.Parameter, value):
    if value is not None:
        ctx.meta[f"c2ckg.{param.name}"] = value
    return value


def _source_options(func):
    """``--store oxigraph:DIR`` and ``--endpoint URL``: read from a store instead of ``--graph``."""
    func = click.option("--endpoint", envvar="C2CKG_ENDPOINT", expose_value=False, callback=_remember,
                        metavar="URL", help="Read from this SPARQL 1.1 endpoint instead (env: C2CKG_ENDPOINT).")(func)
    return click.option("--store", envvar="C2CKG_STORE", expose_value=False, callback=_remember, metavar="oxigraph:DIR",
                        help="Read from this on-disk Oxigraph store instead (env: C2CKG_STORE).")(func)


def _source_store(*, timeout: float | None = 60.0):
    """The store ``--store`` or ``--endpoint`` names, or None (read ``--graph``); ``timeout``
    limits each answer of an endpoint."""
    from .graph.endpoint import RemoteStore
    from .graph.store import StoreError, open_store

    meta = click.get_current_context().meta
    spec, url = meta.get("c2ckg.store"), meta.get("c2ckg.endpoint")
    if spec and url:
        raise click.UsageError("give --store or --endpoint, not both")
    if url:
        store = RemoteStore(url, timeout=timeout)
        click.get_current_context().call_on_close(store.close)
        return store
    try:
        return open_store(spec) if spec else None
    except StoreError as exc:
        raise _Fail(str(exc)) from None


@contextlib.contextmanager
def _endpoint_errors():
    from .graph.endpoint import EndpointError

    try:
        yield
    except EndpointError as exc:
        raise _Fail(str(exc)) from None


def _load(graph_dir: Path):
    """The built graph, or all of the store ``--store``/``--endpoint`` names (one CONSTRUCT per graph)."""
    from .graph.export import GraphFileError, load
    from .graph.store import to_dataset

    store = _source_store()
    if store is not None:
        with _endpoint_errors():
            return to_dataset(store, complete=True)
    try:
        return load(graph_dir)
    except GraphFileError as exc:
        raise _Fail(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="c2c-kg")
def main() -> None:
    """Build and explore a knowledge graph of city-to-city environmental collaboration.

    \b
    Example:
      c2ckg build --corpus ../shared/corpus --out out
      c2ckg show Kitakyushu
    """


@main.command()
@click.option("--corpus", type=click.Path(path_type=Path), envvar="C2CKG_CORPUS", help=CORPUS_HELP)
@click.option("--out", type=click.Path(path_type=Path), default=OUT_DEFAULT, show_default=True,
              envvar="C2CKG_OUT", help="Folder for the outputs (env: C2CKG_OUT).")
@click.option("--data", type=click.Path(path_type=Path), default=None,
              help="Folder of curated YAML data (default: the data shipped with c2c-kg).")
@click.option("--extract/--no-extract", default=True, show_default=True,
              help="Read the documents for new entities and relations (graph res:graph/extracted).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.5, show_default=True,
              help="Extracted relations below this confidence go only to the review report.")
@click.option("--max-size", type=click.FloatRange(min=0.001), default=20.0, show_default=True,
              help="Skip (with a warning) documents larger than this many MB.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for reading documents (default: all cores).")
def build(corpus: Path | None, out: Path, data: Path | None, extract: bool, min_confidence: float,
          max_size: float, jobs: int | None) -> None:
    """Build the graph: Turtle, TriG with provenance, a build report and a review report.

    \b
    Example:
      c2ckg build --corpus ../shared/corpus --out out
      c2ckg build --corpus reports/ --max-size 50 --min-confidence 0.7
    """
    from .graph.export import write_build
    from .kg_build.build import build as run_build

    with _build_progress(corpus, extract) as (step, progress):
        try:
            result = run_build(data, corpus, step=step, progress=progress, extract_relations=extract,
                               min_confidence=min_confidence, max_bytes=int(max_size * 1024 * 1024), processes=jobs)
            step("writing")
            paths = write_build(result.dataset, result.report, out, review=result.review)
        except BuildError as exc:
            raise _Fail(str(exc)) from None
    for line in result.warnings:
        click.echo(f"warning: {line}", err=True)
    r = result.report
    click.echo(f"{r['entities']} entities, {r['statements']} relations, {r['measurements']} measurements; "
               f"{r['evidence']['resolved_to_sentences']}/{r['evidence']['locators']} locators resolved to sentences; "
               f"SHACL {'conforms' if r['shacl']['conforms'] else 'FAILS'}")
    if "extraction" in r:
        x = r["extraction"]
        click.echo(f"read from documents: {x['candidates']} new entities, {x['relations']} relations "
                   f"({', '.join(f'{n} {k}' for k, n in x['relations_by_status'].items())})")
    for path in paths:
        click.echo(f"wrote {path}")


# --- extraction (issue 3) ---

@contextlib.contextmanager
def _build_progress(corpus: Path | None, extract: bool):
    """A bar over the build's stages and, when it reads documents, each document twice."""
    from .kg_build.formats import SUFFIXES

    stages = (7 if extract else 6) if corpus else 4
    docs = 0
    if corpus and extract and Path(corpus).is_dir():
        docs = sum(1 for p in Path(corpus).iterdir() if p.suffix.lower() in SUFFIXES)
    with _progress(stages + 2 * docs, "building") as step:
        yield step, (lambda n: step("reading documents")) if docs else None


@main.command()
@click.argument("candidates", nargs=-1)
@click.option("--type", "entity_type", default=None, help="Correct the type guess (an ontology class).")
@click.option("--name", default=None, help="Correct the canonical name (the proposed one stays an alias).")
@click.option("--id", "entity_id", default=None, help="The catalog id (default: the slug of the name).")
@click.option("--data", type=click.Path(path_type=Path), default=None,
              help="Curated data folder to write promoted.yaml in (default: the shipped data).")
@click.option("--top", type=int, default=30, show_default=True, help="How many candidates to list.")
@_graph_option
def curate(candidates: tuple[str, ...], entity_type: str | None, name: str | None, entity_id: str | None,
           data: Path | None, top: int, graph_dir: Path) -> None:
    """List the new entity candidates of the last build, or promote some into the catalog.

    \b
    Example:
      c2ckg curate                                  # candidates, most mentioned first
      c2ckg curate "Asian Development Bank"         # promote it as proposed
      c2ckg curate candidate/da-nang --type City    # promote with a corrected type
    """
    from .kg_build.curation import entry, find_candidate, promote

    review = _review(graph_dir)
    if not candidates:
        for cand in review["candidates"][:top]:
            click.echo(f"{cand['mentions']:>4}  {cand['id']:<48} {cand['type']:<24} {cand['rule']:<9} {cand['name']}")
        click.echo(f"{len(review['candidates'])} candidates; promote one with `c2ckg curate NAME`", err=True)
        return
    try:
        for wanted in candidates:
            item = entry(find_candidate(review, wanted), entity_type=entity_type, name=name, entity_id=entity_id)
            path = promote(item, data_dir=data)
            click.echo(f"promoted {item['name']!r} as {item['type']} {item['id']!r} into {path}")
    except BuildError as exc:
        raise _Fail(str(exc)) from None


def _review(graph_dir: Path) -> dict:
    from .graph.export import REVIEW_FILE

    path = graph_dir / REVIEW_FILE if graph_dir.is_dir() else graph_dir
    if not path.exists():
        raise _Fail(f"{path}: no review report here (run `c2ckg build --corpus DIR` first)")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _Fail(f"{path}: not a review report ({exc})") from None


@main.command()
@click.option("--format", "fmt", type=click.Choice(["ttl", "nt", "jsonld", "trig", "nquads"]),
              default="ttl", show_default=True, help="Serialisation.")
@click.option("--provenance/--no-provenance", default=None,
              help="Include the provenance graph (default: yes for trig/nquads, no otherwise).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="File to write (default: standard output).")
@_graph_option
@_source_options
def export(fmt: str, provenance: bool | None, output: Path | None, graph_dir: Path) -> None:
    """Export the built graph as Turtle, N-Triples, JSON-LD, TriG or N-Quads.

    With --store, Oxigraph's streaming serialisers write the store (not JSON-LD).

    \b
    Example:
      c2ckg export --format jsonld -o c2c-kg.jsonld
      c2ckg export --format nquads --graph out > c2c-kg.nq
      c2ckg export --store oxigraph:out/store --format ttl -o big.ttl
    """
    from .graph.export import serialize, write_atomic

    store = _source_store()
    if store is not None:
        _export_store(store, fmt, provenance, output)
        return
    data = serialize(_load(graph_dir), fmt, provenance=provenance)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_atomic(output, data)
        click.echo(f"wrote {output}", err=True)


@main.command()
@click.argument("file", required=False, type=click.Path(path_type=Path))
@_source_options
@_graph_option
def validate(file: Path | None, graph_dir: Path) -> None:
    """Check a graph against the SHACL shapes (exit 1 if it does not conform).

    \b
    Example:
      c2ckg validate                 # the graph in out/
      c2ckg validate my-graph.ttl
    """
    from .kg_build.validate import validate as run_validate

    result = run_validate(_load(file or graph_dir))
    if not result.conforms:
        raise _Fail("\n".join(f"SHACL: {v}" for v in result.violations) or "SHACL: does not conform")
    click.echo("conforms to the c2c-kg SHACL shapes")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@_source_options
@_graph_option
def stats(as_json: bool, graph_dir: Path) -> None:
    """Count entities by class, relations by property, evidence and triples.

    \b
    Example:
      c2ckg stats
      c2ckg stats --json
    """
    from .graph.stats import stats as count

    result = count(_load(graph_dir))
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    for key, value in result.items():
        if isinstance(value, dict):
            click.echo(f"{key}:")
            for name, n in value.items():
                click.echo(f"  {name:<28}{n:>6}")
        else:
            click.echo(f"{key:<30}{value:>6}")


@main.command()
@click.argument("entity")
@click.option("--evidence/--no-evidence", default=True, show_default=True,
              help="Print the sentence behind each relation.")
@_source_options
@_graph_option
def show(entity: str, evidence: bool, graph_dir: Path) -> None:
    """Show an entity: label, type, aliases, relations with years and evidence.

    ENTITY is an id, a name or an alias, in any case.

    \b
    Example:
      c2ckg show "City of Kitakyushu"
      c2ckg show PPWSA --no-evidence
    """
    from .graph.describe import EntityNotFound, describe, find_entity

    ds = _load(graph_dir)
    try:
        d = describe(ds, find_entity(ds, entity))
    except EntityNotFound as exc:
        raise _Fail(str(exc)) from None
    click.echo(f"{d.label}  [{', '.join(d.types)}]  <{d.iri}>")
    if d.aliases:
        click.echo(f"  also: {'; '.join(d.aliases)}")
    if d.comment:
        click.echo(f"  {d.comment}")
    for key, values in d.facts.items():
        click.echo(f"  {key}: {', '.join(values)}")
    if d.relations:
        click.echo("relations:")
    for hop in d.relations:
        arrow = f"--{hop.prop}-->" if hop.direction == "out" else f"<--{hop.prop}--"
        quals = ", ".join(f"{k} {v}" for k, v in hop.qualifiers.items() if k != "note")
        click.echo(f"  {arrow} {hop.other_label}" + (f"  ({quals})" if quals else ""))
        for ev in hop.evidence if evidence else []:
            where = f"{ev['document']}:{ev['start']}-{ev['end']}" if "start" in ev else ev["document"]
            click.echo(f"      [{where}] {ev.get('sentence', ev.get('locator', ''))}")
    if d.measurements:
        click.echo("quantities:")
    for m in d.measurements:
        qual = f"{m['qualifier']} " if "qualifier" in m else ""
        year = f" in {m['year']}" if "year" in m else ""
        click.echo(f"  {m.get('quantity')}: {qual}{m.get('value')} {m.get('unit')}{year}  [{m.get('document', '')}]")


# --- views (issue 6) ---

@main.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="HTML file to write.")
@click.option("--focus", "focus_name", metavar="ENTITY", help="Only ENTITY and its neighbourhood.")
@click.option("--hops", type=click.IntRange(1, 6), default=1, show_default=True, help="Neighbourhood size for --focus.")
@click.option("--path", "path_names", nargs=2, metavar="A B", help="The influence paths from A to B.")
@click.option("--k", type=click.IntRange(1, 50), default=5, show_default=True, help="Paths to draw with --path.")
@click.option("--diffusion", "technology", metavar="TECHNOLOGY", help="The spread of a technology or practice.")
@click.option("--query", "query_name", metavar="NAME", help="The entities a named SPARQL query returns.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Parameter of --query.")
@click.option("--map", "as_map", is_flag=True, help="Place cities at their coordinates.")
@click.option("--size-by", type=click.Choice(["none", "degree", "pagerank", "betweenness", "closeness", "eigenvector"]),
              default="degree", show_default=True, help="Centrality that sizes the nodes.")
@_source_options
@_graph_option
def view(output: Path, focus_name, hops, path_names, k, technology, query_name, params, as_map, size_by,
         graph_dir: Path) -> None:
    """Write an interactive HTML view (self-contained, works offline).

    \b
    Example:
      c2ckg view -o graph.html
      c2ckg view --focus "City of Kitakyushu" --hops 2 -o kitakyushu.html
      c2ckg view --path Kitakyushu "Ho Chi Minh City" -o path.html
      c2ckg view --diffusion "Takakura Method" -o takakura.html
      c2ckg view --map -o map.html
    """
    from .graph import views
    from .graph.export import write_atomic

    chosen = [x for x in (focus_name, path_names, technology, query_name, as_map) if x]
    if len(chosen) > 1:
        raise click.UsageError("choose one of --focus, --path, --diffusion, --query, --map")
    ds, G = _projection(graph_dir)
    sizes = {} if size_by == "none" else {"size_by": views.scores(G, size_by)}
    if focus_name:
        v = views.focus(G, _resolve(ds, focus_name), hops=hops, **sizes)
    elif path_names:
        from .graph.paths import influence_paths

        a, b = (_resolve(ds, n) for n in path_names)
        v = views.path_view(G, influence_paths(G, a, b, k=k), source=a, target=b, **sizes)
    elif technology:
        from .graph.diffusion import diffusion

        v = views.diffusion_view(G, diffusion(G, _resolve(ds, technology)), **sizes)
    elif query_name:
        v = views.query_view(G, _query_rows(ds, query_name, params), name=query_name, **sizes)
    elif as_map:
        v = views.map_view(G, **sizes)
    else:
        v = views.whole(G, **sizes)
    write_atomic(output, views.render(v).encode("utf-8"))
    click.echo(f"wrote {output} ({len(v.info['nodes'])} nodes, {len(v.info['edges'])} relations)")


def _query_rows(ds, name: str, params) -> list:
    """The rows of a named query, parameters typed by its header, on the store read from
    (``--store``/``--endpoint``) or on the built graph."""
    from . import queries
    from .graph.store import from_dataset

    for item in params:
        if "=" not in item or item.startswith("="):
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
    store = _source_store() or from_dataset(ds)
    with _query_errors(), _endpoint_errors():
        try:
            return _store_rows(store, name, dict(p.partition("=")[::2] for p in params))
        except queries.UnknownQuery as exc:
            raise _Fail(str(exc)) from None


def _store_rows(store, name: str, pairs: dict) -> list[tuple]:
    """The rows of named query ``name`` on a query store, as plain values."""
    from . import queries
    from .graph.sparql import query

    named = queries.get(name)
    result = query(store, named.text, bindings=queries.sparql_bindings(store, named, named.text, pairs))
    return [tuple(None if t is None else t.value for t in row) for row in result.rows]


@main.command()
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), required=True,
              help="Folder for index.html, the views and the charts.")
@_source_options
@_graph_option
def report(out_dir: Path, graph_dir: Path) -> None:
    """Write one HTML report: views, charts, top brokers and the partnership timeline.

    \b
    Example:
      c2ckg report -o report
    """
    from .graph.report import write_report

    _ds, G = _projection(graph_dir)
    paths = write_report(G, out_dir)
    click.echo(f"wrote {len(paths)} files to {out_dir} (open {out_dir / 'index.html'})")


# --- analytics (issue 5) ---

def _projection(graph_dir: Path):
    """The graph names resolve in and the projection: the built graph, or the labels of the
    store ``--store``/``--endpoint`` names and the projection read from it without rdflib."""
    from .graph.projection import project
    from .graph.store import to_dataset, to_store

    store = _source_store()
    if store is None:
        ds = _load(graph_dir)
        return ds, project(ds)
    with _endpoint_errors():
        local = to_store(store)
        return to_dataset(local, names=True), project(local)


def _resolve(ds, name: str) -> str:
    from .graph.describe import EntityNotFound, find_entity

    try:
        return str(find_entity(ds, name))
    except EntityNotFound as exc:
        raise _Fail(str(exc)) from None


def _names(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


def _evidence_line(ev: dict | None) -> str | None:
    if not ev:
        return None
    where = f"{ev['document']}:{ev['start']}-{ev['end']}" if "start" in ev else ev.get("document", "")
    return f"[{where}] {ev.get('sentence', ev.get('locator', ''))}"


def _save(fig, path: Path) -> None:
    try:
        fig.savefig(path, dpi=120)
    except OSError as exc:
        raise _Fail(f"cannot write {path}: {exc.strerror or exc}") from None
    click.echo(f"wrote {path}", err=True)


@main.command()
@click.argument("source")
@click.argument("target")
@click.option("--k", "k", type=int, default=5, show_default=True, help="How many paths (1-100).")
@click.option("--max-hops", type=int, default=None, help="Longest path to consider (1-50; default 50).")
@click.option("--via", default=None, help="Only pass through entities of these classes (comma-separated).")
@click.option("--evidence/--no-evidence", default=True, show_default=True, help="Print the sentence behind each hop.")
@_source_options
@_graph_option
def paths(source: str, target: str, k: int, max_hops: int | None, via: str | None, evidence: bool,
          graph_dir: Path) -> None:
    """The k shortest influence paths from SOURCE to TARGET, hop by hop with evidence.

    Hops follow each relation the way the ontology says influence flows (supports: from
    supporter to supported; deploys: from technology to place; partnerOf: both ways).

    \b
    Example:
      c2ckg paths Kitakyushu "Quang Ninh Province"
      c2ckg paths KITA Surabaya --k 3 --max-hops 4 --via City,NGO,Technology
    """
    from .graph.paths import influence_paths

    ds, G = _projection(graph_dir)
    a, b = _resolve(ds, source), _resolve(ds, target)
    try:
        found = influence_paths(G, a, b, k=k, max_hops=max_hops, via=_names(via))
    except ValueError as exc:
        raise _Fail(str(exc)) from None
    label = lambda n: G.nodes[n]["label"]  # noqa: E731
    if not found:
        click.echo(f"no path from {label(a)} to {label(b)} within {max_hops or 50} hops")
        return
    for i, path in enumerate(found, 1):
        click.echo(f"{i}. {' -> '.join(label(n) for n in path.nodes)}  ({len(path)} hop{'s' if len(path) > 1 else ''})")
        for hop in path.hops:
            s, o = (hop.source, hop.target) if hop.forward else (hop.target, hop.source)
            more = f", +{hop.relations - 1} more" if hop.relations > 1 else ""
            click.echo(f"   {label(s)} --{hop.prop}--> {label(o)}  ({hop.year or 'year not stated'}{more})")
            line = _evidence_line(hop.evidence) if evidence else None
            if line:
                click.echo(f"      {line}")


@main.command("centrality")
@click.option("--measure", type=click.Choice(["degree", "betweenness", "pagerank", "eigenvector", "closeness", "all"]),
              default="degree", show_default=True, help="Measure to rank by (all: every measure, ranked by degree).")
@click.option("--classes", default=None, help="Actor classes to keep (comma-separated; default: every actor class).")
@click.option("--top", type=int, default=20, show_default=True, help="How many actors to list.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--plot", type=click.Path(path_type=Path), default=None, help="Also write a PNG bar chart here.")
@click.option("--samples", type=int, default=None,
              help="Sources for betweenness and closeness (default: all up to 5000 actors, else 100).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for sampled sources.")
@_source_options
@_graph_option
def centrality_command(measure: str, classes: str | None, top: int, fmt: str, plot: Path | None,
                       samples: int | None, seed: int, graph_dir: Path) -> None:
    """Stakeholder centrality and brokerage (Burt's constraint, effective size) of actors.

    The actor graph ties actors by direct relations and by the projects, programmes and
    agreements they share.

    \b
    Example:
      c2ckg centrality --top 10
      c2ckg centrality --measure all --classes City,LocalGovernment --format csv
      c2ckg centrality --measure betweenness --plot betweenness.png
    """
    import csv as csv_module

    from .graph.centrality import actor_graph, centrality

    if top < 1:
        raise _Fail(f"--top must be at least 1, not {top}")
    _ds, G = _projection(graph_dir)
    try:
        rows = centrality(actor_graph(G, classes=_names(classes)), measures=[measure], samples=samples, seed=seed)
    except ValueError as exc:
        raise _Fail(str(exc)) from None
    shown = rows[:top]
    columns = [c for c in shown[0] if c not in ("iri", "label", "cls")] if shown else []
    if fmt == "json":
        click.echo(json.dumps(shown, indent=2, ensure_ascii=False))
    elif fmt == "csv":
        writer = csv_module.DictWriter(sys.stdout, fieldnames=["rank", "iri", "label", "cls", *columns],
                                       lineterminator="\n")
        writer.writeheader()
        writer.writerows({"rank": i, **r} for i, r in enumerate(shown, 1))
    else:
        click.echo(f"{'#':>3}  {'actor':<48}{'class':<26}" + "".join(f"{c:>15}" for c in columns))
        for i, r in enumerate(shown, 1):
            cells = "".join(f"{'-' if r[c] is None else format(r[c], '.4f'):>15}" for c in columns)
            click.echo(f"{i:>3}  {r['label'][:46]:<48}{r['cls']:<26}{cells}")
    if plot is not None:
        from .graph.charts import centrality_chart

        _save(centrality_chart(rows, columns[0] if columns else "degree", top=top), plot)


@main.command("diffusion")
@click.argument("technology")
@click.option("--plot", type=click.Path(path_type=Path), default=None, help="Also write a PNG timeline here.")
@click.option("--evidence/--no-evidence", default=True, show_default=True, help="Print the sentence behind each step.")
@_source_options
@_graph_option
def diffusion_command(technology: str, plot: Path | None, evidence: bool, graph_dir: Path) -> None:
    """How a technology or practice spread: developers, first introduction, where, when, through whom.

    \b
    Example:
      c2ckg diffusion U-BCF
      c2ckg diffusion "Takakura composting method" --plot takakura.png
    """
    from .graph.diffusion import diffusion, spread_order

    ds, G = _projection(graph_dir)
    try:
        d = diffusion(G, _resolve(ds, technology))
    except ValueError as exc:
        raise _Fail(str(exc)) from None
    label = lambda n: G.nodes[n]["label"]  # noqa: E731
    click.echo(f"{label(d.technology)}  [{G.nodes[d.technology]['cls']}]")
    for o in d.origins:
        role = "developed by" if o.prop == "developedBy" else f"{o.prop} by" if o.prop != "implements" else "carried by"
        click.echo(f"  {role} {label(o.node)}" + (f" ({o.year})" if o.year else ""))
        line = _evidence_line(o.evidence) if evidence else None
        if line:
            click.echo(f"      {line}")
    if not d.arrivals:
        click.echo("  no introduction or spread recorded")
    for depth, a in spread_order(d):
        what = "introduced first in" if a.first else "spread to"
        at = f" at {', '.join(label(n) for n in a.at)}" if a.at else ""
        through = f" through {', '.join(label(n) for n in a.through)}" if a.through else ""
        click.echo(f"{'  ' * depth}{a.year or '(year not stated)'}  {what} {label(a.place)}{at}{through}")
        line = _evidence_line(a.evidence) if evidence else None
        if line:
            click.echo(f"{'  ' * depth}    {line}")
    if plot is not None:
        from .graph.charts import diffusion_chart

        _save(diffusion_chart(G, d), plot)


@main.command("communities")
@click.option("--classes", default=None, help="Actor classes to keep (comma-separated; default: every actor class).")
@click.option("--seed", type=int, default=0, show_default=True, help="Louvain seed.")
@click.option("--resolution", type=float, default=1.0, show_default=True, help="Louvain resolution (>0).")
@click.option("--min-size", type=int, default=2, show_default=True, help="Leave out smaller communities.")
@_source_options
@_graph_option
def communities_command(classes: str | None, seed: int, resolution: float, min_size: int, graph_dir: Path) -> None:
    """Communities of actors (Louvain, fixed seed), with their members and sectors.

    \b
    Example:
      c2ckg communities
      c2ckg communities --classes City,LocalGovernment,Company --seed 1
    """
    from .graph.communities import communities

    _ds, G = _projection(graph_dir)
    try:
        found = communities(G, classes=_names(classes), seed=seed, resolution=resolution, min_size=min_size)
    except ValueError as exc:
        raise _Fail(str(exc)) from None
    label = lambda n: G.nodes[n]["label"]  # noqa: E731
    for i, c in enumerate(found, 1):
        click.echo(f"community {i} ({len(c.members)} actors)")
        click.echo(f"  members: {'; '.join(label(m) for m in c.members)}")
        sectors = ", ".join(f"{label(s)} ({n})" for s, n in c.sectors[:6])
        click.echo(f"  sectors: {sectors or 'none stated'}")


@main.command("timeline")
@click.option("--entity", default=None, help="Only what this entity took part in (id, name or alias).")
@_source_options
@_graph_option
def timeline_command(entity: str | None, graph_dir: Path) -> None:
    """Events, agreements, projects and programmes by year.

    \b
    Example:
      c2ckg timeline
      c2ckg timeline --entity "Hai Phong"
    """
    from .graph.timeline import timeline

    ds, G = _projection(graph_dir)
    years = timeline(G, entity=_resolve(ds, entity) if entity else None)
    if not years:
        click.echo("nothing dated or undated to list")
    for y in years:
        click.echo(y.year or "year not stated")
        for item in y.items:
            span = f" (until {item.end})" if item.end and item.end != y.year else ""
            ties = f"  ({', '.join(item.ties)})" if item.ties else ""
            click.echo(f"  {item.cls:<10} {item.label}{span}{ties}")


# --- querying (issue 4) ---

class _SyntaxFail(_Fail):
    """A query that does not parse: exit 2, like a usage error."""

    exit_code = 2


def _query_options(func):
    """Options shared by ``query`` and ``cypher``."""
    for option in reversed([
        click.argument("text", required=False),
        click.option("--file", "query_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="Read the query from this file."),
        click.option("--name", "query_name", help="Run this named query (`c2ckg queries` lists them)."),
        click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
                     help="Bind a parameter (repeatable), e.g. --param city=Kitakyushu."),
        click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "markdown"]),
                     default="table", show_default=True, help="Output format."),
        click.option("--timeout", type=float, default=30.0, show_default=True,
                     help="Stop the query after this many seconds."),
        _graph_option,
        _source_options,
    ]):
        func = option(func)
    return func


def _query_text(language: str, text: str | None, query_file: Path | None, query_name: str | None, params):
    """(named query or None, query text, parameters as a dict) from the command's options."""
    from . import queries

    given = [x for x in (text, query_file, query_name) if x]
    if len(given) != 1:
        raise _Fail("give exactly one query: inline TEXT, --file FILE or --name NAME")
    pairs = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise _Fail(f"--param {item!r}: write NAME=VALUE")
        pairs[key.strip()] = value
    if query_name:
        try:
            named = queries.get(query_name, language=language)
        except queries.UnknownQuery as exc:
            raise _Fail(str(exc)) from None
        return named, named.text, pairs
    if query_file:
        return None, query_file.read_text(encoding="utf-8"), pairs
    return None, text, pairs


@contextlib.contextmanager
def _query_errors():
    from .graph.cypher import CypherError, CypherSyntaxError
    from .graph.deadline import QueryTimeout
    from .graph.describe import EntityNotFound
    from .graph.sparql import SparqlSyntaxError
    from .queries import ParameterError

    try:
        yield
    except (SparqlSyntaxError, CypherSyntaxError) as exc:
        raise _SyntaxFail(str(exc)) from None
    except QueryTimeout as exc:
        raise _Fail(f"{exc} (--timeout sets the limit)") from None
    except (CypherError, ParameterError, EntityNotFound) as exc:
        raise _Fail(str(exc)) from None


@main.command("query")
@_query_options
def query_command(text, query_file, query_name, params, fmt, timeout, graph_dir) -> None:
    """Run SPARQL on the built graph: inline TEXT, --file FILE or --name NAME.

    Parameters are bound as RDF terms, never pasted into the query; the project prefixes
    (c2c:, res:, rdfs:, skos:, prov:...) need no PREFIX lines. ASK prints true or false;
    CONSTRUCT and DESCRIBE print Turtle.

    \b
    Example:
      c2ckg query --name partners-of --param city=Kitakyushu
      c2ckg query 'SELECT ?name WHERE { ?c a c2c:City ; rdfs:label ?name }' --format csv
      c2ckg query --file my.rq --format json
    """
    from .graph.endpoint import RemoteStore
    from .graph.export import GraphFileError
    from .graph.results import render
    from .graph.sparql import query
    from .graph.store import from_file
    from .queries import sparql_bindings

    named, body, pairs = _query_text("sparql", text, query_file, query_name, params)
    try:
        store = _source_store(timeout=timeout) or from_file(graph_dir)
    except GraphFileError as exc:
        raise _Fail(str(exc)) from None
    remote = isinstance(store, RemoteStore)  # the endpoint's answer is timed by its HTTP client
    with _query_errors(), _endpoint_errors():
        result = query(store, body, bindings=sparql_bindings(store, named, body, pairs),
                       timeout=None if remote else timeout)
    click.echo(render(result, fmt), nl=False)


@main.command("cypher")
@_query_options
def cypher_command(text, query_file, query_name, params, fmt, timeout, graph_dir) -> None:
    """Run Cypher on the property graph of the built graph (LadybugDB, in memory).

    Node labels are ontology classes, relationship types the properties in UPPER_SNAKE_CASE
    (PARTNER_OF), node properties the literal values (name, id, year, aliases...); see the
    README for the whole mapping. $name parameters are bound from --param by the engine,
    never pasted into the query; queries only read.

    \b
    Example:
      c2ckg cypher --name partners-of --param city=Kitakyushu
      c2ckg cypher 'MATCH (t:Technology)-[r:SPREAD_TO]->(p) RETURN t.name, p.name, r.year'
    """
    from .graph.cypher import check, run
    from .graph.property_graph import property_graph
    from .graph.results import render
    from .queries import cypher_params

    named, body, pairs = _query_text("cypher", text, query_file, query_name, params)
    with _query_errors():
        check(body)  # before the graph is loaded: a typo fails fast
        H = property_graph(_projection(graph_dir)[1])
        result = run(H, body, params=cypher_params(H, named, body, pairs), timeout=timeout)
    click.echo(render(result, fmt), nl=False)


@main.command("queries")
def queries_command() -> None:
    """List the named queries: name, parameters, title and description.

    \b
    Example:
      c2ckg queries
      c2ckg query --name technology-spread --param technology=U-BCF
    """
    from . import queries

    twins = set(queries.cypher_names())
    for name in queries.names():
        q = queries.get(name)
        params = ", ".join(f"{p.name} ({p.type})" for p in q.parameters) or "no parameters"
        languages = "SPARQL + Cypher" if name in twins else "SPARQL"
        click.echo(f"{name}  [{params}; {languages}]")
        click.echo(f"    {q.title}: {q.description}")
        click.echo(f"    e.g. {q.example}")


@main.command("synth")
@click.option("--scale", type=click.IntRange(min=1), required=True, help="About how many times the real graph.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed: the same seed gives the same graph.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="TriG file to write.")
@_graph_option
def synth_command(scale: int, seed: int, output: Path, graph_dir: Path) -> None:
    """Write a synthetic graph about SCALE times the built one, in the same shape (TriG).

    \b
    Example:
      c2ckg synth --scale 10 -o out/synth-10.trig
      c2ckg query --graph out/synth-10.trig --name partners-of --param city=Kitakyushu
    """
    from .graph.export import write_atomic
    from .graph.synth import synthesize_trig

    write_atomic(output, synthesize_trig(_load(graph_dir), scale=scale, seed=seed))
    click.echo(f"wrote {output}", err=True)


# --- stores and endpoints (issue 7) ---

def _export_store(store, fmt: str, provenance: bool | None, output: Path | None) -> None:
    """``export`` from a store: streamed by Oxigraph into a temporary file renamed into place."""
    import os
    import tempfile

    from .graph.endpoint import RemoteStore
    from .graph.store import dump

    if fmt == "jsonld" or isinstance(store, RemoteStore):
        raise _Fail("export from --store writes ttl, nt, trig or nquads (use query CONSTRUCT for an --endpoint)")
    if output is None:
        dump(store, fmt, sys.stdout.buffer, provenance=provenance)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
    os.close(fd)
    try:
        dump(store, fmt, tmp, provenance=provenance)
        os.replace(tmp, output)
    finally:
        Path(tmp).unlink(missing_ok=True)
    click.echo(f"wrote {output}", err=True)


@main.command("push")
@click.option("--endpoint", metavar="URL", help="SPARQL 1.1 query endpoint of the target store (counts what arrived).")
@click.option("--gsp", metavar="URL", help="Its Graph Store Protocol URL (default: beside --endpoint, "
                                            "Oxigraph's layout: .../query -> .../store).")
@click.option("--store", "store_spec", metavar="oxigraph:DIR", help="Push into this on-disk Oxigraph store instead.")
@click.option("--graph", "into", metavar="IRI", help="Put the asserted triples in this named graph "
                                                      "(default: the store's default graph).")
@click.option("--mode", type=click.Choice(["replace", "merge"]), default="replace", show_default=True,
              help="replace: each target graph holds exactly the pushed triples; merge: add to it.")
@click.option("--chunk", type=click.IntRange(min=1000), default=500_000, show_default=True,
              help="Triples per request for large graphs.")
@click.option("--timeout", type=float, default=300.0, show_default=True, help="Seconds to wait for each request.")
@click.option("--from", "graph_dir", default=OUT_DEFAULT, show_default=True, envvar="C2CKG_OUT",
              type=click.Path(path_type=Path), help="Build output folder (or a graph file) to push (env: C2CKG_OUT).")
def push_command(endpoint, gsp, store_spec, into, mode, chunk, timeout, graph_dir) -> None:
    """Upload the built graph to a triple store in bulk (SPARQL 1.1 Graph Store Protocol).

    One request per graph (PUT to replace, POST to merge; large graphs in chunks), then a
    count of what the store holds. Provenance stays in its named graph.

    \b
    Example:
      c2ckg push --endpoint http://127.0.0.1:7878/query
      c2ckg push --endpoint http://localhost:3030/ds/query --gsp http://localhost:3030/ds/data --mode merge
      c2ckg push --store oxigraph:out/store && c2ckg query --store oxigraph:out/store --name awards
    """
    from .graph.export import GraphFileError
    from .graph.push import gsp_for, load_into, push
    from .graph.store import from_file, open_store

    if bool(endpoint or gsp) == bool(store_spec):
        raise click.UsageError("give --endpoint URL (or --gsp URL) or --store oxigraph:DIR")
    try:
        source = from_file(graph_dir)
        if store_spec:
            report = load_into(open_store(store_spec, create=True), source, into=into, mode=mode)
        else:
            with _endpoint_errors():
                report = push(source, gsp=gsp or gsp_for(endpoint), endpoint=endpoint, into=into, mode=mode,
                              chunk=chunk, timeout=timeout)
    except GraphFileError as exc:
        raise _Fail(str(exc)) from None
    for line in report.lines():
        click.echo(line)
    click.echo(f"pushed {report.sent:,} triples in {report.requests} request{'s' * (report.requests != 1)}")


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port (0: any free one).")
@click.option("--timeout", type=float, default=30.0, show_default=True, help="Stop a query after this many seconds (503).")
@click.option("--cors", is_flag=True, help="Allow cross-origin requests (Access-Control-Allow-Origin: *).")
@click.option("--threads", type=click.IntRange(1, 64), default=4, show_default=True, help="Worker threads.")
@_graph_option
@_source_options
def serve_command(host, port, timeout, cors, threads, graph_dir) -> None:
    """Serve the graph read-only: a SPARQL 1.1 endpoint at /sparql and the HTML views at /view.

    Results as JSON, XML, CSV or TSV, CONSTRUCT as Turtle or JSON-LD, by the Accept header;
    updates are refused (403). Stop it with Ctrl-C.

    \b
    Example:
      c2ckg serve --port 8000
      curl -H 'Accept: text/csv' 'http://127.0.0.1:8000/sparql' --data-urlencode 'query=SELECT * WHERE { ?s a c2c:City }'
      c2ckg query --endpoint http://127.0.0.1:8000/sparql --name awards
    """
    from .graph.export import GraphFileError
    from .graph.serve import is_loopback, server
    from .graph.store import from_file

    try:
        store = _source_store() or from_file(graph_dir)
    except GraphFileError as exc:
        raise _Fail(str(exc)) from None
    try:
        httpd = server(store, host=host, port=port, timeout=timeout, cors=cors, threads=threads, named=_store_rows)
    except OSError as exc:
        raise _Fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    if not is_loopback(host):
        click.echo(f"warning: listening on {host}: other machines can query this graph", err=True)
    click.echo(f"serving on http://{host}:{httpd.effective_port}/sparql (views at /view); Ctrl-C stops", err=True)
    try:
        httpd.run()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.close()


@main.command("property-graph")
@click.option("--format", "fmt", type=click.Choice(["neo4j", "graphml"]), required=True,
              help="neo4j: a folder of import CSV, load.cypher and import.sh; graphml: one GraphML file.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="Folder (neo4j) or file (graphml).")
@_graph_option
@_source_options
def property_graph_command(fmt: str, output: Path, graph_dir: Path) -> None:
    """Export the property graph (the one Cypher sees) for Neo4j or as GraphML.

    \b
    Example:
      c2ckg property-graph --format neo4j -o out/neo4j && sh out/neo4j/import.sh
      c2ckg property-graph --format graphml -o out/c2c-kg.graphml
    """
    from .graph.export import write_atomic
    from .graph.interop import graphml, neo4j_files
    from .graph.property_graph import property_graph

    H = property_graph(_projection(graph_dir)[1])
    files = {output.name: graphml(H)} if fmt == "graphml" else neo4j_files(H)
    folder = output.parent if fmt == "graphml" else output
    for name, data in files.items():
        write_atomic(folder / name, data)
    click.echo(f"wrote {', '.join(str(folder / n) for n in files)} ({H.number_of_nodes():,} nodes, "
               f"{H.number_of_edges():,} relationships)", err=True)
