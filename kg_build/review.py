"""The review report of a build: what the extraction proposes, for a person to check.

New entity candidates with their counts and example sentences, extracted relations grouped
by the rule that found them (with their status against the curated data), and the
capitalised names that matched nothing. ``c2ckg curate`` reads it to promote a candidate.
"""
from __future__ import annotations

import bisect
from collections import Counter, defaultdict

from .extraction import Extraction
from .merge import Extracted

EXAMPLES = 3
UNMATCHED = 200


def _sentence(extraction: Extraction, doc: str, start: int) -> dict:
    sentences = extraction.sentences[doc]
    i = max(0, bisect.bisect_right([s.start for s in sentences], start) - 1)
    sent = sentences[i] if sentences else None
    text = " ".join(sent.text.split()) if sent else ""
    return {"document": doc, "sentence": i, "start": sent.start if sent else start,
            "end": sent.end if sent else start, "text": text}


def review(extraction: Extraction, facts: list[Extracted], *, min_confidence: float) -> dict:
    """The review report as plain data (JSON-ready, in a fixed order)."""
    candidates = []
    for key, ent in extraction.entities.items():
        examples, seen = [], set()
        for doc, start, _end in ent.mentions:
            ex = _sentence(extraction, doc, start)
            if (doc, ex["sentence"]) not in seen and len(examples) < EXAMPLES:
                seen.add((doc, ex["sentence"]))
                examples.append(ex)
        candidates.append({
            "id": key, "name": ent.name, "type": ent.type, "rule": ent.rule, "aliases": ent.aliases,
            "geonames": ent.geonames, "iso": ent.iso, "mentions": len(ent.mentions),
            "documents": sorted({m[0] for m in ent.mentions}),
            "offsets": [[d, a, b] for d, a, b in ent.mentions[:50]], "examples": examples})
    candidates.sort(key=lambda c: (-c["mentions"], c["id"]))
    by_rule: dict[str, list] = defaultdict(list)
    for fact in facts:
        for doc, hit in fact.evidence:
            by_rule[hit.rule].append({
                "s": fact.s, "p": fact.p, "o": fact.o, "kind": fact.kind, "year": hit.year,
                "confidence": hit.confidence, "status": fact.status, "document": doc,
                "start": hit.sentence.start, "end": hit.sentence.end, "sentence": " ".join(hit.sentence.text.split())})
    below = defaultdict(int)
    for doc_hits in extraction.hits.values():
        for hit in doc_hits:
            if hit.confidence < min_confidence:
                below[hit.rule] += 1
    rules = {}
    for rule in sorted(set(by_rule) | set(below)):
        rows = sorted(by_rule.get(rule, []), key=lambda r: (r["document"], r["start"], r["s"], r["o"]))
        statuses = Counter(r["status"] for r in rows)
        rules[rule] = {"count": len(rows), "below_threshold": below.get(rule, 0),
                       "by_status": dict(sorted(statuses.items())), "relations": rows}
    unmatched = sorted(extraction.unmatched.items(), key=lambda kv: (-kv[1], kv[0]))[:UNMATCHED]
    return {
        "min_confidence": min_confidence,
        "summary": {
            "candidates": len(candidates),
            "candidates_by_rule": dict(sorted(Counter(c["rule"] for c in candidates).items())),
            "relations": len(facts),
            "relations_by_status": dict(sorted(Counter(f.status for f in facts).items())),
            "unmatched_names": len(extraction.unmatched),
        },
        "candidates": candidates,
        "relations_by_rule": rules,
        "unmatched": [{"name": n, "count": c, "documents": sorted(extraction.unmatched_docs[n])} for n, c in unmatched],
    }
