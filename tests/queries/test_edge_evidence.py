from c2ckg import queries
from c2ckg.ontology import C2C, RES


def test_edge_evidence_returns_documents_sentences_and_offsets(built, corpus_dir):
    rows = list(queries.run(built.dataset, "edge-evidence", a=RES["kitakyushu"],
                            b=RES["iskandar-regional-development-authority"]))
    assert rows
    mou = [r for r in rows if r.predicate == C2C.partnerOf]
    assert mou
    row = mou[0]
    text = (corpus_dir / f"{row.document}.txt").read_text(encoding="utf-8")
    assert " ".join(text[int(row.start):int(row.end)].split()) == str(row.sentence)
    assert "Memorandum of Understanding" in str(row.sentence)


def test_unknown_query_suggests(built):
    import pytest

    with pytest.raises(queries.UnknownQuery, match="did you mean edge-evidence"):
        queries.load("edge-evidenc")
