"""Exports parse back to the same graph, are byte-identical across runs, and are atomic."""
import os
import subprocess
import sys

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from c2ckg.graph.export import FORMATS, GraphFileError, load, serialize, write_atomic, write_build


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_each_format_round_trips(built, fmt):
    data = serialize(built.dataset, fmt)
    rdf_format, _suffix, quads = FORMATS[fmt]
    if quads:
        back = Dataset()
        back.parse(data=data.decode(), format=rdf_format)
        for ctx in built.dataset.graphs():
            assert isomorphic(back.graph(ctx.identifier), ctx), ctx.identifier
    else:
        back = Graph().parse(data=data.decode(), format=rdf_format)
        assert isomorphic(back, built.dataset.default_graph)


def test_jsonld_with_provenance_keeps_named_graphs(built):
    back = Dataset()
    back.parse(data=serialize(built.dataset, "jsonld", provenance=True).decode(), format="json-ld")
    assert sum(len(c) for c in back.graphs()) == sum(len(c) for c in built.dataset.graphs())


def test_build_output_is_byte_identical_across_processes(tmp_path, corpus_dir):
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "c2ckg", "build", "--corpus", str(corpus_dir), "--out", str(out)],
                       check=True, env=env, capture_output=True)
        subprocess.run([sys.executable, "-m", "c2ckg", "export", "--format", "jsonld", "--graph", str(out),
                        "-o", str(out / "g.jsonld")], check=True, env=env, capture_output=True)
        outs.append(out)
    names = sorted(p.name for p in outs[0].iterdir())
    assert names == ["build-report.json", "c2c-kg.trig", "c2c-kg.ttl", "g.jsonld", "review-report.json"]
    for name in names:
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


def test_write_atomic_leaves_old_file_when_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "graph.ttl"
    target.write_text("old")

    def boom(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_write_build_then_load(built, tmp_path):
    write_build(built.dataset, built.report, tmp_path)
    back = load(tmp_path)
    assert len(back.default_graph) == len(built.dataset.default_graph)


def test_load_reports_missing_and_broken_files(tmp_path):
    with pytest.raises(GraphFileError, match="no built graph here"):
        load(tmp_path)
    broken = tmp_path / "bad.ttl"
    broken.write_text("@prefix x: <http://x/> .\nx:a x:b \n")
    with pytest.raises(GraphFileError, match=r"bad.ttl: cannot parse as turtle"):
        load(broken)


def test_serialisation_does_not_depend_on_insertion_order():
    from rdflib import URIRef

    def make(order):
        ds = Dataset()
        for name in order:
            g = ds.default_graph if name == "default" else ds.graph(URIRef(f"http://x/{name}"))
            g.add((URIRef(f"http://x/s-{name}"), URIRef("http://x/p"), URIRef("http://x/o")))
        return ds

    for fmt in ("trig", "nquads"):
        assert serialize(make(["default", "b", "a"]), fmt) == serialize(make(["a", "b", "default"]), fmt)
