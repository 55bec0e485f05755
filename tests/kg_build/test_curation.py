"""Building from new documents with the CLI, reviewing and promoting a candidate."""
import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from rdflib import RDF

from c2ckg.cli import main
from c2ckg.graph.export import load
from c2ckg.kg_build.catalog import load_catalog
from c2ckg.ontology import C2C, RES

# A tiny world of our own: two cities the shipped data also knows, and documents about them.
DATA = """
documents:
  - {id: notes, title: Notes}
entities:
  - {id: japan, name: Japan, type: Country, geonames: 1861060}
  - {id: yokohama, name: Yokohama, type: City, aliases: [Yokohama City], country: japan}
  - {id: da-nang, name: Da Nang, type: City}
"""
DOCS = {
    "sheet.md": "# Yokohama and Da Nang\n\nYokohama City and Da Nang signed a memorandum of understanding in 2013. "
                "The Lotus Bay Water Authority (LBWA) received experts from Yokohama.\n",
    "page.html": "<title>Page</title><p>The LBWA was funded by the Joint Harbour Fund.</p>"
                 "<script>document.write('Yokohama signed an MOU with Atlantis Agency')</script>",
    "empty.txt": "",
}


@pytest.fixture
def world(tmp_path):
    data, corpus = tmp_path / "data", tmp_path / "corpus"
    data.mkdir()
    corpus.mkdir()
    (data / "world.yaml").write_text(DATA, encoding="utf-8")
    for name, text in DOCS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    return data, corpus, tmp_path / "out"


def _build(data, corpus, out):
    return CliRunner().invoke(main, ["build", "--data", str(data), "--corpus", str(corpus), "--out", str(out)])


def test_build_reads_new_documents_and_warns_about_bad_ones(world):
    data, corpus, out = world
    result = _build(data, corpus, out)
    assert result.exit_code == 0, result.output
    assert "warning: " in result.output and "empty.txt: skipped: empty file" in result.output
    assert "Traceback" not in result.output
    ds = load(out)
    extracted = ds.graph(RES["graph/extracted"])
    assert (RES["yokohama"], C2C.partnerOf, RES["da-nang"]) in extracted
    assert (RES["yokohama"], C2C.partnerOf, RES["da-nang"]) not in ds.default_graph
    for name in ("c2c-kg.trig", "review-report.json"):  # nothing from a script
        assert "Atlantis" not in (out / name).read_text(encoding="utf-8")
    review = json.loads((out / "review-report.json").read_text(encoding="utf-8"))
    names = {c["name"]: c for c in review["candidates"]}
    assert names["Lotus Bay Water Authority"]["aliases"] == ["LBWA"]
    assert names["Lotus Bay Water Authority"]["documents"] == ["page", "sheet"]


def test_curate_lists_and_promotes_a_candidate_into_the_catalog(world):
    data, corpus, out = world
    assert _build(data, corpus, out).exit_code == 0
    listed = CliRunner().invoke(main, ["curate", "--graph", str(out)])
    assert listed.exit_code == 0 and "candidate/lotus-bay-water-authority" in listed.output
    result = CliRunner().invoke(main, ["curate", "LBWA", "--type", "Company", "--graph", str(out), "--data", str(data)])
    assert result.exit_code == 0, result.output
    entity = load_catalog(data).entities["lotus-bay-water-authority"]
    assert (entity.type, entity.aliases) == ("Company", ["LBWA"])
    assert _build(data, corpus, out).exit_code == 0
    ds = load(out)
    assert (RES["lotus-bay-water-authority"], RDF.type, C2C.Company) in ds.default_graph
    assert not list(ds.graph(RES["graph/extracted"]).subjects(RDF.type, C2C.Company))


def test_curate_refuses_unknown_candidates_and_types_in_one_line(world):
    data, corpus, out = world
    assert _build(data, corpus, out).exit_code == 0
    before = sorted(p.name for p in data.iterdir())
    for args in (["nothing-like-this"], ["LBWA", "--type", "Spaceship"]):
        result = CliRunner().invoke(main, ["curate", *args, "--graph", str(out), "--data", str(data)])
        assert result.exit_code == 1 and result.output.count("\n") == 1 and result.output.startswith("error: ")
    assert sorted(p.name for p in data.iterdir()) == before


def test_output_is_byte_identical_across_hash_seeds(world):
    data, corpus, _out = world
    outputs = []
    for seed in ("1", "2"):
        out = data.parent / f"out{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "c2ckg", "build", "--data", str(data), "--corpus", str(corpus),
                        "--out", str(out)], env=env, check=True, capture_output=True)
        outputs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert outputs[0] == outputs[1]
