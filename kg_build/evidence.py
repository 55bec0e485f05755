"""Resolving curated locators to sentences of the corpus, with character offsets.

A locator is a short cue copied from one sentence. It resolves to the first sentence that
contains it and mentions both ends of the statement (the sentence plus ``span`` following
sentences). Anything that does not resolve is an error naming file, statement and why.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .catalog import Catalog, Evidence, Measurement, Statement
from .corpus import CorpusDocument
from .errors import BuildError, BuildErrors
from .mentions import Mention, MentionFinder, normalise
from .sentences import Sentence, split


# How far (in sentences) a caption or heading may sit above the sentence it introduces.
CONTEXT_REACH = 80


@dataclass(frozen=True)
class Located:
    """Where an evidence sits: document, offsets of its sentence(s), and their text.

    ``context`` is the (start, end, text) of the caption or heading the sentence sits
    under, when the curated evidence names one (a table row under its table's title).
    """

    doc: str
    start: int
    end: int
    text: str
    context: tuple[int, int, str] | None = None


@dataclass
class Resolution:
    located: dict[Evidence, Located]
    mentions: dict[str, list[Mention]]


class _Doc:
    def __init__(self, doc: CorpusDocument, finder: MentionFinder):
        self.doc = doc
        self.sentences: list[Sentence] = split(doc.text)
        self.starts = [s.start for s in self.sentences]
        self.mentions = finder.find(doc.text, nested=True)
        self.document_mentions = finder.find(doc.text)
        self.mention_starts = [m.start for m in self.mentions]
        self._squeezed, self._origin = _squeeze(doc.text)

    def find_cue(self, cue: str) -> list[tuple[int, int]]:
        """(start, end) offsets of every occurrence of ``cue`` (case and spacing ignored)."""
        needle = " ".join(normalise(cue).lower().split())
        hits, at = [], self._squeezed.find(needle)
        while at >= 0 and needle:
            end = at + len(needle) - 1
            hits.append((self._origin[at], self._origin[end] + 1))
            at = self._squeezed.find(needle, at + 1)
        return hits

    def sentence_at(self, offset: int) -> int | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return i
        return None

    def mentioned(self, start: int, end: int) -> set[str]:
        i = bisect.bisect_left(self.mention_starts, start)
        j = bisect.bisect_left(self.mention_starts, end)
        return {m.entity for m in self.mentions[i:j] if m.end <= end}


def _squeeze(text: str) -> tuple[str, list[int]]:
    """Lowercase ``text`` with each whitespace run as one space, and each char's origin."""
    chars: list[str] = []
    origin: list[int] = []
    for m in re.finditer(r"\s+|\S+", normalise(text)):
        if m.group()[0].isspace():
            chars.append(" ")
            origin.append(m.start())
        else:
            low = m.group().lower()
            if len(low) != len(m.group()):
                low = "".join(c.lower()[0] for c in m.group())
            chars.append(low)
            origin.extend(range(m.start(), m.end()))
    return "".join(chars), origin


def _ends(item: Statement | Measurement) -> list[str]:
    if isinstance(item, Statement):
        return [item.s, item.o]
    return [item.about] + ([item.subject] if item.subject else [])


def _describe(item: Statement | Measurement) -> str:
    if isinstance(item, Statement):
        return f"statement {item.s} {item.p} {item.o}"
    return f"measurement {item.quantity} of {item.about}"


def resolve(catalog: Catalog, corpus: dict[str, CorpusDocument]) -> Resolution:
    """Locate every evidence of ``catalog`` in ``corpus``; raise BuildErrors on any failure."""
    finder = MentionFinder({e.id: e.labels for e in catalog.entities.values()})
    docs = {doc_id: _Doc(doc, finder) for doc_id, doc in corpus.items()}
    located: dict[Evidence, Located] = {}
    errors: list[BuildError] = []
    for item in [*catalog.statements, *catalog.measurements]:
        ends = _ends(item)
        for ev in item.evidence:
            doc = docs.get(ev.doc)
            if doc is None:
                errors.append(ev.source.error(f"{_describe(item)}: document {ev.doc!r} is not in the corpus"))
                continue
            hit, why = _locate(doc, ev, ends, catalog)
            if hit is None:
                errors.append(ev.source.error(f"{_describe(item)}: {why}"))
            else:
                located[ev] = hit
    if errors:
        raise errors[0] if len(errors) == 1 else BuildErrors(errors)
    return Resolution(located, {doc_id: d.document_mentions for doc_id, d in docs.items()})


def _context(doc: _Doc, ev: Evidence, first: int) -> tuple[int, int] | None:
    """The nearest sentence at or above ``first`` (within reach) that holds the context cue."""
    best = None
    for start, _end in doc.find_cue(ev.context):
        i = doc.sentence_at(start)
        if i is not None and 0 <= first - i <= CONTEXT_REACH and (best is None or i > best):
            best = i
    if best is None:
        return None
    return doc.sentences[best].start, doc.sentences[best].end


def _locate(doc: _Doc, ev: Evidence, ends: list[str], catalog: Catalog) -> tuple[Located | None, str]:
    matches = doc.find_cue(ev.cue)
    if not matches:
        return None, f"locator {ev.cue!r} not found in {ev.doc}"
    missing: set[str] = set(ends)
    tried: set[int] = set()
    no_context = False
    for hit_start, hit_end in matches:
        first = doc.sentence_at(hit_start)
        if first is None or first in tried or doc.sentence_at(hit_end - 1) != first:
            continue
        tried.add(first)
        last = min(first + ev.span, len(doc.sentences) - 1)
        start, end = doc.sentences[first].start, doc.sentences[last].end
        mentioned = doc.mentioned(start, end)
        context = None
        if ev.context:
            context = _context(doc, ev, first)
            if context is None:
                no_context = True
                continue
            mentioned |= doc.mentioned(*context)
        lacking = set(ends) - mentioned
        if not lacking:
            ctx = (context[0], context[1], doc.doc.text[context[0]:context[1]]) if context else None
            return Located(ev.doc, start, end, doc.doc.text[start:end], ctx), ""
        missing = lacking if len(lacking) < len(missing) else missing
    if not tried:
        return None, f"locator {ev.cue!r} crosses a sentence boundary in {ev.doc}"
    if no_context and missing == set(ends):
        return None, f"context {ev.context!r} not found within {CONTEXT_REACH} sentences above {ev.cue!r} in {ev.doc}"
    names = ", ".join(f"{catalog.entities[e].name!r}" for e in sorted(missing))
    return None, f"the sentence found by {ev.cue!r} in {ev.doc} does not mention {names}"
