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


def _load(graph_dir: Path):
    from .graph.export import GraphFileError, load

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
def build(corpus: Path | None, out: Path, data: Path | None) -> None:
    """Build the graph: Turtle, TriG with provenance and a build report.

    \b
    Example:
      c2ckg build --corpus ../shared/corpus --out out
    """
    from .graph.export import write_build
    from .kg_build.build import build as run_build

    with _progress(6 if corpus else 4, "building") as step:
        try:
            result = run_build(data, corpus, step=step)
            step("writing")
            paths = write_build(result.dataset, result.report, out)
        except BuildError as exc:
            raise _Fail(str(exc)) from None
    r = result.report
    click.echo(f"{r['entities']} entities, {r['statements']} relations, {r['measurements']} measurements; "
               f"{r['evidence']['resolved_to_sentences']}/{r['evidence']['locators']} locators resolved to sentences; "
               f"SHACL {'conforms' if r['shacl']['conforms'] else 'FAILS'}")
    for path in paths:
        click.echo(f"wrote {path}")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["ttl", "nt", "jsonld", "trig", "nquads"]),
              default="ttl", show_default=True, help="Serialisation.")
@click.option("--provenance/--no-provenance", default=None,
              help="Include the provenance graph (default: yes for trig/nquads, no otherwise).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="File to write (default: standard output).")
@_graph_option
def export(fmt: str, provenance: bool | None, output: Path | None, graph_dir: Path) -> None:
    """Export the built graph as Turtle, N-Triples, JSON-LD, TriG or N-Quads.

    \b
    Example:
      c2ckg export --format jsonld -o c2c-kg.jsonld
      c2ckg export --format nquads --graph out > c2c-kg.nq
    """
    from .graph.export import serialize, write_atomic

    data = serialize(_load(graph_dir), fmt, provenance=provenance)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_atomic(output, data)
        click.echo(f"wrote {output}", err=True)


@main.command()
@click.argument("file", required=False, type=click.Path(path_type=Path))
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
