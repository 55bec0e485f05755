"""The command line, run in-process; state checked through the library."""
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from c2ckg.cli import main
from c2ckg.graph.export import load

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture(scope="module")
def out(tmp_path_factory, corpus_dir):
    path = tmp_path_factory.mktemp("cli") / "build"
    result = CliRunner().invoke(main, ["build", "--corpus", str(corpus_dir), "--out", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_build_writes_outputs_and_summary(out):
    assert {p.name for p in out.iterdir()} == {"c2c-kg.ttl", "c2c-kg.trig", "build-report.json", "review-report.json"}
    assert len(load(out).default_graph) > 1000


def test_build_reads_corpus_from_environment(tmp_path, corpus_dir):
    result = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "b")], env={"C2CKG_CORPUS": str(corpus_dir)})
    assert result.exit_code == 0, result.output
    assert re.search(r"(\d+)/\1 locators resolved to sentences", result.output)


def test_failed_build_keeps_last_good_output(out, tmp_path, corpus_dir, data_copy):
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (data_copy / "zz.yaml").write_text("entities:\n  - {id: Bad Id, name: x, type: City}\n")
    result = CliRunner().invoke(main, ["build", "--corpus", str(corpus_dir), "--out", str(out), "--data", str(data_copy)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert re.fullmatch(r"error: .*zz.yaml:2: entity id 'Bad Id' is not a slug.*\n", result.output)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_missing_corpus_is_one_line(tmp_path):
    result = CliRunner().invoke(main, ["build", "--corpus", str(tmp_path / "nope"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "corpus folder not found" in result.output
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("fmt,needle", [("ttl", "@prefix c2c:"), ("nt", "<https://w3id.org/c2c-kg/resource/kitakyushu>"),
                                         ("jsonld", '"@id"'), ("trig", "graph/provenance> {"), ("nquads", "graph/provenance>")])
def test_export_formats(out, fmt, needle):
    result = CliRunner().invoke(main, ["export", "--format", fmt, "--graph", str(out)])
    assert result.exit_code == 0
    assert needle in result.output


def test_export_to_file(out, tmp_path):
    target = tmp_path / "g.nt"
    result = CliRunner().invoke(main, ["export", "--format", "nt", "--graph", str(out), "-o", str(target)])
    assert result.exit_code == 0
    assert len(target.read_text().splitlines()) == len(load(out).default_graph)


def test_validate_and_stats(out):
    result = CliRunner().invoke(main, ["validate", "--graph", str(out)])
    assert result.exit_code == 0 and "conforms" in result.output
    result = CliRunner().invoke(main, ["stats", "--graph", str(out), "--json"])
    assert result.exit_code == 0 and '"entities_by_class"' in result.output


def test_validate_fails_on_a_nonconforming_graph(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix c2c: <https://w3id.org/c2c-kg/ontology#> .\n"
                   "<http://x/a> a c2c:City ; c2c:received <http://x/b> .\n<http://x/b> a c2c:City .\n")
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "SHACL" in result.output and "Traceback" not in result.output


def test_show_prints_relations_with_evidence(out):
    result = CliRunner().invoke(main, ["show", "PPWSA", "--graph", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Phnom Penh Water Supply Authority  [")
    assert "Kitakyushu" in result.output and "[002_6fa685373c4dc005:" in result.output


def test_show_unknown_entity_suggests(out):
    result = CliRunner().invoke(main, ["show", "Kitakyusyu", "--graph", str(out)])
    assert result.exit_code == 1
    assert result.output.startswith("error: 'Kitakyusyu' matches no entity; closest: Kitakyushu")


def test_commands_without_a_build_say_so(tmp_path):
    result = CliRunner().invoke(main, ["stats", "--graph", str(tmp_path)])
    assert result.exit_code == 1 and "run `c2ckg build` first" in result.output


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help_with_example_and_readme_mention(name):
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert f"c2ckg {name}" in README.read_text(encoding="utf-8")
