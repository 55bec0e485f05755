import pytest

from c2ckg.kg_build.build import build
from c2ckg.kg_build.corpus import load_corpus
from c2ckg.kg_build.errors import BuildError


def test_reads_the_real_corpus_with_manifest(corpus_dir):
    docs = load_corpus(corpus_dir)
    assert len(docs) == 5
    report = docs["002_6fa685373c4dc005"]
    assert report.title.startswith("Actions for a Sustainable Society")
    assert "Kitakyushu" in report.text


def test_missing_corpus_folder(tmp_path):
    with pytest.raises(BuildError, match=r"nope: corpus folder not found"):
        build(corpus_dir=tmp_path / "nope")


def test_empty_corpus_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(BuildError, match=r"empty: corpus folder has no documents"):
        build(corpus_dir=tmp_path / "empty")


def test_non_utf8_document(corpus_copy):
    (corpus_copy / "zz_latin1.txt").write_bytes("Kitakyushu caf\xe9".encode("latin-1"))
    with pytest.raises(BuildError, match=r"zz_latin1.txt: not UTF-8 text \(invalid byte 0xe9 at offset 14\)"):
        build(corpus_dir=corpus_copy)


def test_cited_document_absent_from_corpus(corpus_copy):
    (corpus_copy / "004_5aa18e922e639e7b.txt").unlink()
    with pytest.raises(BuildError) as err:
        build(corpus_dir=corpus_copy)
    assert "document '004_5aa18e922e639e7b' is not in the corpus" in str(err.value)
    first = str(err.value).splitlines()[0]
    assert ".yaml:" in first
