"""Split a document's text into sentences with character offsets.

The corpus mixes prose from PDF conversion (paragraphs broken across lines and even across
blank lines), markdown headings, bullet lists and tables. A sentence ends at ``.``, ``!`` or
``?`` followed by space (except after a known abbreviation), at the end of a heading, table
row or bullet line, and at a line break unless the text plainly runs on (the line ends in a
lowercase word or a comma and the next starts in lowercase).

>>> [s.text for s in split("Kitakyushu helped Dalian. It sent experts, e.g. Mr. Sato.\\n# Next")]
['Kitakyushu helped Dalian.', 'It sent experts, e.g. Mr. Sato.', '# Next']
>>> [s.text for s in split("cooperation between the\\n\\ntwo cities began.")]
['cooperation between the\\n\\ntwo cities began.']
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = frozenset(
    "e.g i.e mr mrs ms dr prof co ltd inc corp no nos vol fig st jr sr vs approx dept "
    "u.s u.k u.n jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_END = re.compile(r"[.!?][\"'”’)\]]*(?:<sup>[^<]{0,20}</sup>|\[\d+\])?(?=\s)")
_BLOCK_LINE = re.compile(r"^\s*(?:#|[-•・*▼◀【]|\d+[.)]\s|\(\d+\))|\t|\|")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text and where it sits in the document."""

    start: int
    end: int
    text: str


def _is_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"([A-Za-z.]+)$", text[max(0, dot - 12):dot])
    if not word:
        return False
    token = word.group(1).lower().strip(".")
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _runs_on(before: str, after: str) -> bool:
    """Whether a line break between ``before`` and ``after`` is a soft wrap."""
    if not before or not after or _BLOCK_LINE.match(after) or _BLOCK_LINE.match(before):
        return False
    return bool(re.search(r"[a-z,;(\-–]$", before.rstrip())) and bool(
        re.match(r"[a-z(“\"0-9]", after.lstrip())
    )


def _cuts(text: str) -> list[int]:
    cuts = {0, len(text)}
    for m in _END.finditer(text):
        if text[m.start()] == "." and _is_abbreviation(text, m.start()):
            continue
        cuts.add(m.end())
    lines = list(re.finditer(r"[^\n]*", text))
    content = [m for m in lines if m.group().strip()]
    for prev, nxt in zip(content, content[1:]):
        if not _runs_on(prev.group(), nxt.group()):
            cuts.add(prev.end())
        for part in re.finditer(r"[^\t|]+", nxt.group()):
            if "\t" in nxt.group() or "|" in nxt.group():
                cuts.add(nxt.start() + part.start())
                cuts.add(nxt.start() + part.end())
    for line in content[:1]:
        for part in re.finditer(r"[^\t|]+", line.group()):
            if "\t" in line.group() or "|" in line.group():
                cuts.add(line.start() + part.start())
                cuts.add(line.start() + part.end())
    return sorted(cuts)


def split(text: str) -> list[Sentence]:
    """Return the sentences of ``text`` in order, stripped, with offsets into ``text``."""
    out: list[Sentence] = []
    cuts = _cuts(text)
    for a, b in zip(cuts, cuts[1:]):
        chunk = text[a:b]
        stripped = chunk.strip(" \t\n\r|")
        if not stripped or not any(ch.isalnum() for ch in stripped):
            continue
        start = a + chunk.index(stripped)
        out.append(Sentence(start, start + len(stripped), stripped))
    return out
