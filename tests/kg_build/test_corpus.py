import re

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


def test_non_utf8_document_is_skipped_with_a_warning(corpus_copy):
    (corpus_copy / "zz_latin1.txt").write_bytes("Kitakyushu caf\xe9".encode("latin-1"))
    warnings = []
    docs = load_corpus(corpus_copy, warn=warnings.append)
    assert "zz_latin1" not in docs and len(docs) == 5
    assert len(warnings) == 1
    assert re.fullmatch(r".*zz_latin1.txt: skipped: not UTF-8 text \(invalid byte 0xe9 at offset 14\)", warnings[0])


@pytest.mark.parametrize("name,content,reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.md", b"  \n\n", "empty file"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
    ("scanned.pdf", None, "PDF without a text layer"),
    ("broken.pdf", b"%PDF-1.4 not really a pdf", "unreadable PDF"),
    ("scripts.html", b"<html><script>var a = 1;</script></html>", "HTML page without text"),
])
def test_unreadable_documents_are_skipped_and_named(tmp_path, name, content, reason):
    from fpdf import FPDF

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text("Yokohama works with Da Nang.", encoding="utf-8")
    if content is None:  # a PDF with a page and no text at all, like a scan without OCR
        pdf = FPDF()
        pdf.add_page()
        pdf.rect(10, 10, 50, 50)
        content = bytes(pdf.output())
    (folder / name).write_bytes(content)
    warnings = []
    docs = load_corpus(folder, warn=warnings.append)
    assert list(docs) == ["good"]
    assert len(warnings) == 1 and name in warnings[0] and reason in warnings[0]


def test_document_over_the_size_limit_is_skipped(tmp_path):
    (tmp_path / "small.txt").write_text("Osaka and Ho Chi Minh City.", encoding="utf-8")
    (tmp_path / "huge.txt").write_text("Osaka. " * 400, encoding="utf-8")
    warnings = []
    docs = load_corpus(tmp_path, max_bytes=1000, warn=warnings.append)
    assert list(docs) == ["small"]
    assert "huge.txt: skipped: larger than the limit (2,800 bytes > 1,000" in warnings[0]


def test_every_format_is_read_and_untitled_documents_get_a_title(tmp_path):
    from fpdf import FPDF

    (tmp_path / "a.md").write_text("Intro line\n\n# Kawasaki and Bandung\n\nText.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("\n\nFirst line here\nMore.", encoding="utf-8")
    (tmp_path / "c.html").write_bytes(
        b"<html><head><title>Page title</title><style>p{color:red}</style></head>"
        b"<body><h1>Head</h1><script>document.write('Tokyo')</script><p>Osaka &amp; Hue.</p></body></html>")
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Yokohama supports Da Nang.")
    (tmp_path / "d.pdf").write_bytes(bytes(pdf.output()))
    docs = load_corpus(tmp_path)
    assert {k: d.title for k, d in docs.items()} == {
        "a": "Kawasaki and Bandung", "b": "First line here", "c": "Page title", "d": "Yokohama supports Da Nang."}
    assert "Tokyo" not in docs["c"].text and "color" not in docs["c"].text
    assert "Osaka & Hue." in docs["c"].text
    assert "Yokohama supports Da Nang." in docs["d"].text


def test_cited_document_absent_from_corpus(corpus_copy):
    (corpus_copy / "004_5aa18e922e639e7b.txt").unlink()
    with pytest.raises(BuildError) as err:
        build(corpus_dir=corpus_copy)
    assert "document '004_5aa18e922e639e7b' is not in the corpus" in str(err.value)
    first = str(err.value).splitlines()[0]
    assert ".yaml:" in first
