"""Writing a graph to files: serialisations that are byte-identical for the same input,
written to a temporary file and renamed into place so a failure never leaves half a file.

>>> sorted(FORMATS)
['jsonld', 'nquads', 'nt', 'trig', 'ttl']
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from rdflib import Dataset, Graph

from ..ontology import bind_namespaces

# name -> (rdflib format, file suffix, holds named graphs)
FORMATS: dict[str, tuple[str, str, bool]] = {
    "ttl": ("turtle", ".ttl", False),
    "nt": ("nt", ".nt", False),
    "jsonld": ("json-ld", ".jsonld", False),
    "trig": ("trig", ".trig", True),
    "nquads": ("nquads", ".nq", True),
}
GRAPH_FILE = "c2c-kg.trig"
ASSERTED_FILE = "c2c-kg.ttl"
REPORT_FILE = "build-report.json"
REVIEW_FILE = "review-report.json"


class GraphFileError(Exception):
    """A graph file that is missing or cannot be parsed."""


def _asserted(ds: Dataset) -> Graph:
    g = bind_namespaces(Graph())
    g += ds.default_graph
    return g


def _canonical(ds: Dataset) -> Dataset:
    """A copy of ``ds`` whose graphs were created in a fixed order (default, then by IRI).

    rdflib writes graphs in the order the store first saw them; fixing that order makes the
    TriG output independent of how the dataset was assembled.
    """
    out = bind_namespaces(Dataset())
    out.default_graph.__iadd__(ds.default_graph)
    named = sorted((c for c in ds.graphs() if c.identifier != ds.default_graph.identifier),
                   key=lambda c: str(c.identifier))
    for ctx in named:
        if len(ctx):
            out.graph(ctx.identifier).__iadd__(ctx)
    return out


def _trig(ds: Dataset) -> str:
    """TriG with the default graph first and the named graphs by IRI.

    rdflib's TriG writer takes the graphs from a set, whose order changes from run to run
    once there are several named graphs; each graph is therefore written on its own and
    the pieces joined, under one block of prefixes.
    """
    prefixes: set[str] = set()
    bodies = []
    default = ds.default_graph.identifier
    named = sorted((c for c in ds.graphs() if c.identifier != default), key=lambda c: str(c.identifier))
    for ctx in [ds.default_graph, *named]:
        if not len(ctx):
            continue
        one = bind_namespaces(Dataset())
        target = one.default_graph if ctx.identifier == default else one.graph(ctx.identifier)
        target += ctx
        lines = one.serialize(format="trig").splitlines()
        prefixes.update(line for line in lines if line.startswith("@prefix"))
        bodies.append("\n".join(line for line in lines if not line.startswith("@prefix")).strip("\n"))
    return "\n".join(sorted(prefixes)) + "\n\n" + "\n\n".join(bodies) + "\n"


def _sorted_lines(data: str) -> str:
    lines = sorted({line for line in data.splitlines() if line.strip()})
    return "\n".join(lines) + ("\n" if lines else "")


def serialize(ds: Dataset, fmt: str, *, provenance: bool | None = None) -> bytes:
    """Serialise ``ds`` as ``fmt``; triple formats hold the asserted graph unless ``provenance``.

    Line formats are sorted and JSON-LD nodes ordered by ``@id`` so that output is stable.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(sorted(FORMATS))})")
    rdf_format, _suffix, quads = FORMATS[fmt]
    with_prov = quads if provenance is None else provenance
    source: Graph | Dataset = _canonical(ds) if with_prov else _asserted(ds)
    if with_prov and not quads and fmt != "jsonld":
        merged = bind_namespaces(Graph())
        for ctx in ds.graphs():
            merged += ctx
        source = merged
    text = _trig(source) if fmt == "trig" else source.serialize(format=rdf_format)
    if fmt in ("nt", "nquads"):
        text = _sorted_lines(text)
    elif fmt == "jsonld":
        text = _stable_jsonld(text)
    return text.encode("utf-8")


def _stable_jsonld(text: str) -> str:
    data = json.loads(text)

    def order(value):
        if isinstance(value, list):
            items = [order(v) for v in value]
            return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        if isinstance(value, dict):
            return {k: order(v) for k, v in value.items()}
        return value

    return json.dumps(order(data), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_atomic(path: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _json(data: dict) -> bytes:
    return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def write_build(ds: Dataset, report: dict, out_dir: Path | str, *, review: dict | None = None) -> list[Path]:
    """Write the asserted Turtle, the TriG with provenance, the build report and, when the
    build read documents, the extraction's review report.

    Everything is serialised before the first file is replaced, so a failure leaves the last
    good output untouched.
    """
    out = Path(out_dir)
    payloads = {
        ASSERTED_FILE: serialize(ds, "ttl"),
        GRAPH_FILE: serialize(ds, "trig"),
        REPORT_FILE: _json(report),
    }
    if review is not None:
        payloads[REVIEW_FILE] = _json(review)
    return [write_atomic(out / name, data) for name, data in payloads.items()]


def load(path: Path | str) -> Dataset:
    """Read a graph file written by ``write_build`` (or any TriG/N-Quads/Turtle file)."""
    path = Path(path)
    if path.is_dir():
        path = path / GRAPH_FILE
    if not path.exists():
        raise GraphFileError(f"{path}: no built graph here (run `c2ckg build` first)")
    fmt = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}.get(path.suffix)
    if fmt is None:
        raise GraphFileError(f"{path}: unknown graph file type {path.suffix!r}")
    ds = bind_namespaces(Dataset())
    try:
        if fmt in ("trig", "nquads", "json-ld"):
            ds.parse(path, format=fmt)
        else:
            ds.default_graph.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific types
        raise GraphFileError(f"{path}: cannot parse as {fmt}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None
    return ds
