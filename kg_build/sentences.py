"""Split a document's text into sentences with character offsets.

The corpus mixes prose from PDF conversion (paragraphs broken across lines and even across
blank lines), markdown headings, bullet lists and tables. A sentence ends at ``.``, ``!`` or
``?`` followed by space (except after a known abbreviation), at the end of a heading or
bullet line; a table row is one sentence whatever its cells hold; and at a line break unless the text plainly runs on (the line ends in a
lowercase word or a comma and the next starts in lowercase; or, in a text wrapped at a fixed
width, a full-width line stops mid-sentence and the next follows it; or an indented line
carries on a bullet).

>>> [s.text for s in split("Kitakyushu helped Dalian. It sent experts, e.g. Mr. Sato.\\n# Next")]
['Kitakyushu helped Dalian.', 'It sent experts, e.g. Mr. Sato.', '# Next']
>>> [s.text for s in split("cooperation between the\\n\\ntwo cities began.")]
['cooperation between the\\n\\ntwo cities began.']
"""
from __future__ import annotations

import bisect
import re
from typing import NamedTuple

_ABBREVIATIONS = frozenset(
    "e.g i.e mr mrs ms dr prof co ltd inc corp no nos vol fig st jr sr vs approx dept "
    "u.s u.k u.n jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_END = re.compile(r"[.!?][\"'”’)\]]*(?:<sup>[^<]{0,20}</sup>|\[\d+\])?(?=\s)")
_BLOCK_LINE = re.compile(r"^\s*(?:#|[-•・*▼◀【]|\d+[.)]\s|\(\d+\))|\t|\|")


class Sentence(NamedTuple):
    """One sentence: its text and where it sits in the document (a tuple: quick to make)."""

    start: int
    end: int
    text: str


_ALNUM = re.compile(r"[^\W_]")
_LABEL_NUMBER = re.compile(r"(?:Table|Figure|Fig|Box|Chapter|Section|No)\.?\s+[\d.]*\d$", re.IGNORECASE)


_LAST_WORD = re.compile(r"([A-Za-z.]+)$")
_LETTERS = re.compile(r"[A-Za-z.]+")
_SOFT_END = frozenset("abcdefghijklmnopqrstuvwxyz,;(-–")
_SOFT_START = re.compile(r"[a-z(“\"0-9]")


_LONGEST = max(len(a) for a in _ABBREVIATIONS)


def _is_abbreviation(text: str, dot: int) -> bool:
    tail = text[dot - _LONGEST - 1:dot] if dot > _LONGEST else ""
    if tail.isalpha() and tail.isascii():  # a word longer than any abbreviation: most sentence ends
        return False
    if text[dot - 1:dot].isdigit():  # "Table 4.3. Examples of..." is one caption
        return bool(_LABEL_NUMBER.search(text[max(0, dot - 24):dot]))
    before = text[max(0, dot - 12):dot]
    if not before or before[-1].isspace():
        return False
    last = before.rsplit(None, 1)[-1]  # the word before the dot, most often all letters
    word = last if _LETTERS.fullmatch(last) else (m.group(1) if (m := _LAST_WORD.search(before)) else None)
    if not word:
        return False
    token = word.lower().strip(".")
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


_FINAL = frozenset(".!?:;\"”’)]|*")
_BULLET = re.compile(r"\s*(?:[-•*]|\d+[.)])\s")


def _wrap_width(lines: list[str]) -> int | None:
    """The width a text was wrapped at, if it was: most of its long lines are nearly as
    long as its longest (a text with a paragraph a line has no such width)."""
    long = sorted(len(line) for line in lines if len(line) >= 40)
    if len(long) < 4:
        return None
    width = long[len(long) * 9 // 10]
    near = sum(1 for n in long if n >= 0.75 * width)
    return width if width <= 160 and near >= 0.6 * len(long) else None


def _runs_on(before: str, after: str, *, wrapped: int = 0) -> bool:
    """Whether a line break between ``before`` and ``after`` is a soft wrap: the line ends
    in a lowercase word or a comma and the next starts in lowercase; or the text is
    ``wrapped`` at a fixed width, the next line follows without a blank line and this one,
    nearly that long, stops mid-sentence ("... Centre for Environmental\nTechnology
    Transfer"); or the next line, indented, carries on a bullet."""
    if after[:1] in " \t" and _BULLET.match(before) and not _BULLET.match(after):
        return True  # "- Experts from ...\n  Agency on ...": one bullet
    end = before.rstrip()[-1:]
    if end in _SOFT_END and _SOFT_START.match(after.lstrip()):
        pass
    elif not (wrapped and len(before) >= 0.75 * wrapped and end not in _FINAL and after.lstrip()[:1].isalnum()):
        return False  # the cheap tests first: most lines end a sentence
    return not (_BLOCK_LINE.match(after) or _BLOCK_LINE.match(before))


def _occurrences(text: str, chars: str) -> list[int]:
    """Every offset of any of ``chars`` in ``text``, in order: ``str.find`` skips to each at C
    speed, where a regular expression starting on a set of characters tests every offset."""
    out: list[int] = []
    for char in chars:
        find, at = text.find, text.find(char)
        while at >= 0:
            out.append(at)
            at = find(char, at + 1)
    out.sort()
    return out


def _ends(text: str):
    """The matches of ``_END`` in ``text``, as ``finditer`` gives them: tried only where a
    ``.``, ``!`` or ``?`` stands, the only characters a match starts with."""
    after = 0
    for at in _occurrences(text, ".!?"):
        if at >= after and (m := _END.match(text, at)):
            after = m.end()
            yield m


def _cuts(text: str) -> list[int]:
    cuts = {0, len(text)}
    for m in _ends(text):
        if text[m.start()] == "." and _is_abbreviation(text, m.start()):
            continue
        cuts.add(m.end())
    content: list[tuple[int, str]] = []  # (start, line) of each line with something on it
    at = 0
    for line in text.split("\n"):
        if line.strip():
            content.append((at, line))
        at += len(line) + 1
    width = _wrap_width([line for _at, line in content])
    for (a, prev), (b, nxt) in zip(content, content[1:]):
        adjacent = b == a + len(prev) + 1
        if not _runs_on(prev, nxt, wrapped=width if adjacent else 0):
            cuts.add(a + len(prev))
    return _keep_table_rows_whole(content, cuts)


def _keep_table_rows_whole(content: list[tuple[int, str]], cuts: set[int]) -> list[int]:
    """A table row (a line with tabs or ``|``) is one sentence: its cells state one fact."""
    rows = [(a, a + len(line)) for a, line in content if "\t" in line or "|" in line]
    if not rows:
        return sorted(cuts)
    starts = [r[0] for r in rows]
    kept = set()
    for cut in cuts:
        i = bisect.bisect_right(starts, cut) - 1
        if i >= 0 and rows[i][0] < cut < rows[i][1]:
            continue
        kept.add(cut)
    kept |= {a for a, _ in rows} | {b for _, b in rows}
    return sorted(kept)


_new = tuple.__new__  # a Sentence made as a tuple, without the Python call of its __new__


def split(text: str) -> list[Sentence]:
    """Return the sentences of ``text`` in order, stripped, with offsets into ``text``."""
    out: list[Sentence] = []
    cuts = _cuts(text)
    for a, b in zip(cuts, cuts[1:]):
        chunk = text[a:b]
        stripped = chunk.strip(" \t\n\r|")
        if not _ALNUM.search(stripped):
            continue
        start = a + chunk.index(stripped)
        out.append(_new(Sentence, (start, start + len(stripped), stripped)))
    return out
