"""Locators resolve to sentences that name both ends; otherwise the build fails clearly."""
import pytest
from rdflib import RDF, RDFS, SKOS
from rdflib.namespace import PROV

from c2ckg.kg_build.assemble import PROVENANCE_GRAPH
from c2ckg.kg_build.build import build
from c2ckg.kg_build.corpus import load_corpus
from c2ckg.kg_build.errors import BuildError
from c2ckg.kg_build.mentions import MentionFinder
from c2ckg.ontology import C2C

DOC = "000_81d69efab477d17e"


def test_every_evidence_points_at_its_sentence_in_the_document(built, corpus_dir):
    docs = load_corpus(corpus_dir)
    prov = [built.dataset.graph(PROVENANCE_GRAPH)]  # curated evidence (extracted: test_merge.py)
    checked = 0
    for ctx in prov:
        for ev in ctx.subjects(RDF.type, C2C.Evidence):
            doc_id = str(ctx.value(ev, C2C.document)).rsplit("/", 1)[-1]
            start, end = int(ctx.value(ev, C2C.startOffset)), int(ctx.value(ev, C2C.endOffset))
            text = docs[doc_id].text[start:end]
            assert " ".join(text.split()) == str(ctx.value(ev, C2C.sentenceText))
            cue = str(ctx.value(ev, C2C.locator)).lower().split()[0]
            assert cue in text.lower()
            checked += 1
    # identical statements declared in two files share evidence nodes
    assert 0.95 * built.report["evidence"]["locators"] <= checked <= built.report["evidence"]["locators"]


def test_every_relation_sentence_mentions_both_ends(built):
    ds = built.dataset
    g = ds.default_graph
    labels = {}
    for s in set(g.subjects(RDFS.label, None)):
        labels[s] = [str(x) for x in [*g.objects(s, RDFS.label), *g.objects(s, SKOS.altLabel)]]
    finder = MentionFinder(labels)
    relations = list(g.subjects(RDF.type, C2C.Relation))
    assert len(relations) > 300
    for rel in relations:
        ends = {g.value(rel, RDF.subject), g.value(rel, RDF.object)}
        for ctx in ds.graphs():
            for ev in ctx.objects(rel, PROV.wasDerivedFrom):
                sentence = str(ctx.value(ev, C2C.sentenceText))
                context = str(ctx.value(ev, C2C.contextText) or "")
                named = {m.entity for text in (sentence, context) for m in finder.find(text, nested=True)}
                assert ends <= named, (rel, sentence)


def _statement(data_copy, cue, o="iskandar-regional-development-authority"):
    (data_copy / "zz.yaml").write_text(f"""statements:
  - s: kitakyushu
    p: partnerOf
    o: {o}
    kind: mou
    evidence:
      - doc: {DOC}
        cue: {cue}
""", encoding="utf-8")


def test_locator_that_is_not_in_the_document_fails(data_copy, corpus_dir):
    _statement(data_copy, "signed a treaty of eternal friendship")
    with pytest.raises(BuildError) as err:
        build(data_copy, corpus_dir, shacl=False)
    assert "zz.yaml:7:" in str(err.value)
    assert "locator 'signed a treaty of eternal friendship' not found in 000_81d69efab477d17e" in str(err.value)


def test_sentence_that_does_not_mention_both_ends_fails(data_copy, corpus_dir):
    _statement(data_copy, "signed a Memorandum of Understanding", o="dalian")
    with pytest.raises(BuildError) as err:
        build(data_copy, corpus_dir, shacl=False)
    assert "zz.yaml:7: statement kitakyushu partnerOf dalian" in str(err.value)
    assert "does not mention 'Dalian'" in str(err.value)


def test_valid_statement_gets_offsets(data_copy, corpus_dir):
    _statement(data_copy, "signed a Memorandum of Understanding")
    result = build(data_copy, corpus_dir, shacl=False)
    ds = result.dataset
    sentences = {str(o) for c in ds.graphs() for o in c.objects(None, C2C.sentenceText)}
    assert any("Iskandar Regional Development Authority (IRDA) signed a Memorandum" in s for s in sentences)


def test_without_corpus_provenance_is_document_level(built_without_corpus):
    ds = built_without_corpus.dataset
    assert not any(True for c in ds.graphs() for _ in c.triples((None, C2C.sentenceText, None)))
    docs = {o for c in ds.graphs() for o in c.objects(None, C2C.document)}
    assert len(docs) == 5
    assert built_without_corpus.report["evidence"]["unresolved"][0].startswith("not checked")


def _table_statement(data_copy, context_line):
    (data_copy / "zz.yaml").write_text(f"""statements:
  - s: kitakyushu
    p: partnerOf
    o: hai-phong
    kind: sister-city
    date: 2014-04
    evidence:
      - doc: 002_6fa685373c4dc005
        cue: April 2014 Hai Phong Sister city agreement
{context_line}""", encoding="utf-8")


def test_table_row_needs_its_caption_as_context(data_copy, corpus_dir):
    _table_statement(data_copy, "")
    with pytest.raises(BuildError, match="does not mention 'Kitakyushu'"):
        build(data_copy, corpus_dir, shacl=False)


def test_table_row_with_caption_context_resolves_and_keeps_both_offsets(data_copy, corpus_dir):
    _table_statement(data_copy, "        context: Examples of cooperation agreements between Kitakyushu\n")
    result = build(data_copy, corpus_dir, shacl=False)
    text = (corpus_dir / "002_6fa685373c4dc005.txt").read_text(encoding="utf-8")
    ds = result.dataset
    rows = [(ctx, ev) for ctx in ds.graphs() for ev in ctx.subjects(C2C.contextLocator, None)
            if "Kitakyushu" in str(ctx.value(ev, C2C.contextLocator))
            and str(ctx.value(ev, C2C.locator)).startswith("April 2014")]
    assert len(rows) == 1
    ctx, ev = rows[0]
    start, end = int(ctx.value(ev, C2C.contextStartOffset)), int(ctx.value(ev, C2C.contextEndOffset))
    assert "Table 4.3" in text[start:end]
    row_start = int(ctx.value(ev, C2C.startOffset))
    assert text[row_start:].startswith("April 2014\tHai Phong\tSister city agreement")


def test_context_that_is_not_above_the_row_fails(data_copy, corpus_dir):
    _table_statement(data_copy, "        context: Fifteen pilot projects in the\n")
    with pytest.raises(BuildError, match="context 'Fifteen pilot projects in the' not found within 80 sentences"):
        build(data_copy, corpus_dir, shacl=False)
