"""Finding mentions of known entities in text with one Aho-Corasick automaton pass.

Names and aliases match case-insensitively on whole words, across typographic quotes, line
breaks and runs of spaces ("Hai  Phong", "Phnom\\n    Penh"; a blank line still parts two
names); acronym-like labels (no lowercase letter, such as "KITA" or "PPWSA") match
only in their exact case. Overlapping matches keep the longest.

>>> finder = MentionFinder({"hai-phong": ["Hai Phong", "Haiphong"], "kita": ["KITA"]})
>>> [(m.entity, m.surface) for m in finder.find("Haiphong’s port; KITA in Hai\\nPhong, not Kita.")]
[('hai-phong', 'Haiphong'), ('kita', 'KITA'), ('hai-phong', 'Hai\\nPhong')]
>>> [m.surface for m in MentionFinder({"a": ["Hai Phong"], "b": ["Hai Phong Port"]}).find("Hai Phong Port")]
['Hai Phong Port']
>>> [m.surface for m in MentionFinder({"a": ["Hai Phong"], "b": ["Hai Phong Port"]}).find("Hai Phong Port", nested=True)]
['Hai Phong Port', 'Hai Phong']
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from typing import NamedTuple

import ahocorasick

_SAME_LENGTH = {"’": "'", "‘": "'", "“": '"', "”": '"', "\n": " ", "\t": " ",
                "\r": " ", "\u00a0": " ", "–": "-", "—": "-"}


class Mention(NamedTuple):
    """One mention (a tuple: quick to make by the thousand)."""

    entity: str
    start: int
    end: int
    surface: str


def normalise(text: str) -> str:
    """Fold quotes, dashes and whitespace to plain ASCII, keeping every offset in place."""
    for char, plain in _SAME_LENGTH.items():  # str.replace is ten times faster than translate here
        if char in text:
            text = text.replace(char, plain)
    return text


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _is_acronym(label: str) -> bool:
    return not any(c.islower() for c in label) and sum(c.isupper() for c in label) >= 2


def _key(label: str) -> str:
    return re.sub(r"\s+", " ", normalise(label).strip())


_SPACES = re.compile(" {2,}")  # a run of spaces, whole


def _collapse(text: str, norm: str) -> tuple[str, tuple[list[int], list[int]] | None]:
    """``norm`` with each run of spaces that spans at most one line break of ``text`` made
    one space, and the shifts that map its offsets back to ``text``: for each run, the first
    offset after the space left (in the collapsed text), and how many characters were
    dropped up to there."""
    where: list[int] = []
    before: list[int] = []
    pieces: list[str] = []
    at = dropped = 0
    for run in _SPACES.finditer(norm):  # most runs are paragraph breaks, found at C speed
        a, b = run.span()
        if text.count("\n", a, b) <= 1:  # else a paragraph break, which parts two names
            pieces.append(norm[at:a + 1])
            where.append(a + 1 - dropped)  # the first offset after the space left
            dropped += b - a - 1
            before.append(dropped)
            at = b
    if not where:
        return norm, None
    pieces.append(norm[at:])
    return "".join(pieces), (where, before)


_LAST: list = [None, "", None, None, None, None]  # the last text prepared: normalised, lowercased, shifts, views


def _prepared(text: str, lowered: bool) -> tuple[str, str, tuple | None, str]:
    """``text`` normalised, its runs of spaces collapsed and (if ``lowered``) lowercased,
    with the word view of the text searched, kept for the next finder that reads the same
    text (a document passes through the catalog's and the gazetteer's). Only a text with
    two spaces in a row pays for the collapsing; most of a document's runs are paragraph
    breaks, which stay."""
    if _LAST[0] is not text:
        norm = normalise(text)
        norm, shifts = _collapse(text, norm) if "  " in norm else (norm, None)
        _LAST[:] = [text, norm, None, shifts, None, None]
    if lowered:
        if _LAST[2] is None:
            _LAST[2] = _lower(_LAST[1])
            _LAST[5] = _BREAK + word_view(_LAST[2]) + _BREAK
        return _LAST[1], _LAST[2], _LAST[3], _LAST[5]
    if _LAST[4] is None:
        _LAST[4] = _BREAK + word_view(_LAST[1]) + _BREAK
    return _LAST[1], "", _LAST[3], _LAST[4]


_BREAK = "\x00"
# Bytes -> ASCII letters and digits as they are, any other byte a word break.
_WORD_VIEW = bytes(c if 65 <= c <= 90 or 97 <= c <= 122 or 48 <= c <= 57 else 0 for c in range(256))


def word_view(text: str) -> str:
    """``text`` with ASCII letters and digits kept, any other letter or digit made ``\\x01``
    and every other character ``\\x00`` (a word break), offsets unchanged: an automaton
    whose words are views between two breaks finds whole words only, so it reports a few
    matches instead of every name inside a longer word, and it finds a superset of the
    names whose own characters match (checked after, where a name's view is not itself).

    >>> word_view("Hai-Phong’s Hà port") == "Hai\\x00Phong\\x00s\\x00H\\x01\\x00port"
    True
    """
    encoded = text.encode("ascii", "replace")  # one "?" for each character outside ASCII
    view = encoded.translate(_WORD_VIEW)
    if text.isascii():
        return view.decode("ascii")
    letters = bytearray(view)
    at = encoded.find(b"?")
    while at >= 0:  # few: names, quotation marks and question marks ("?" is no letter)
        if text[at].isalnum():
            letters[at] = 1
        at = encoded.find(b"?", at + 1)
    return letters.decode("ascii")


def _add_cased(add, norm: str, start: int, end: int, cased: tuple) -> None:
    """The acronyms among ``cased`` (spelling, entity ids) written at ``start`` in their exact case ("KITA", not "Kita")."""
    for spelling, exact_ids in cased:
        if norm.startswith(spelling, start):
            add((start, -end - 1, exact_ids))


class MentionFinder:
    """Finds mentions of many entities at once; build it once, call ``find`` per text.

    With ``case_sensitive`` every label matches in its exact case only (gazetteer names:
    "Nice" the city, not "nice").
    """

    def __init__(self, labels: Mapping[str, Iterable[str]], *, case_sensitive: bool = False):
        exact: dict[str, set[str]] = {}
        folded: dict[str, set[str]] = {}
        for entity, names in labels.items():
            for name in names:
                key = _key(str(name))
                if len(key) < 2:
                    continue
                if case_sensitive or _is_acronym(key):
                    exact.setdefault(key, set()).add(entity)
                else:
                    folded.setdefault(_lower(key), set()).add(entity)
        # One automaton, so one pass over the text: a case-sensitive finder's over the text
        # as written; otherwise over the lowercased text, where an acronym's entry carries
        # its exact spelling, checked on each match ("KITA", not "Kita"). The automaton reads
        # the text's word view (``word_view``), each name between two word breaks, so that
        # it reports whole words only; each entry holds the names behind one word-view key.
        self._case_sensitive = case_sensitive
        self._automaton = ahocorasick.Automaton()
        if case_sensitive:
            entries = {key: (tuple(sorted(ids)), ()) for key, ids in exact.items()}
        else:
            entries = {key: (tuple(sorted(ids)), ()) for key, ids in folded.items()}
            for key, ids in exact.items():
                names, cased = entries.get(_lower(key), ((), ()))
                entries[_lower(key)] = (names, (*cased, (key, tuple(sorted(ids)))))
        views: dict[str, list] = {}
        for key, (ids, cased) in entries.items():
            view = _BREAK + word_view(key) + _BREAK
            views.setdefault(view, []).append((key if view[1:-1] != key else None, ids, cased))
        for view, names in views.items():  # the first name flat: most views stand for one
            self._automaton.add_word(view, (len(view) - 2, *names[0], tuple(names[1:])))
        if entries:
            self._automaton.make_automaton()
        self._empty = not entries

    def find(self, text: str, *, nested: bool = False) -> list[Mention]:
        """All mentions in ``text``, in order, longest match winning where two overlap.

        With ``nested``, names inside longer names count too ("Kitakyushu" inside
        "Kitakyushu Eco-Town"), as they do when checking what a sentence mentions.
        """
        out: list[Mention] = []
        for start, end, ids in self._kept(text, nested):
            surface = text[start:end]
            if len(ids) == 1:  # most names name one entity: no list to build
                out.append(Mention(ids[0], start, end, surface))
            else:
                out += [Mention(e, start, end, surface) for e in ids]
        return out

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, entity) of each mention ``find`` gives, with no ``Mention`` made: for
        a caller that makes its own tuples of them (the extraction, by the thousand)."""
        if self._empty:
            return []
        candidates, shifts = self._matches(text)
        if shifts:  # offsets to map back: the general path
            return [(start, end, e) for start, end, ids in _kept(candidates, shifts, False) for e in ids]
        out: list[tuple[int, int, str]] = []
        add = out.append
        reach = -1
        for start, end, ids in candidates:  # ``_kept`` and the flattening in one loop
            if start < reach:
                continue
            reach = -end
            if len(ids) == 1:  # most names name one entity
                add((start, reach, ids[0]))
            else:
                out += [(start, reach, e) for e in ids]
        return out

    def _kept(self, text: str, nested: bool) -> list[tuple[int, int, tuple[str, ...]]]:
        """(start, end, entity ids) of the matches kept, offsets into ``text``."""
        if self._empty:
            return []
        return _kept(*self._matches(text), nested)

    def _matches(self, text: str) -> tuple[list[tuple[int, int, tuple[str, ...]]], tuple | None]:
        """(start, -end, entity ids) of every whole-word match in the normalised text, by
        start and the longest first, and the shifts that map its offsets back to ``text``."""
        norm, low, shifts, view = _prepared(text, not self._case_sensitive)
        candidates: list[tuple[int, int, tuple[str, ...]]] = []
        add = candidates.append
        haystack = norm if self._case_sensitive else low
        for at, (length, key, ids, cased, others) in self._automaton.iter(view):
            # ``at`` is the break after the name in the view, which has one more before: the
            # name ends (exclusive) at ``at - 1`` and starts at ``at - 1 - length``
            start = at - length - 1
            if key is None or haystack.startswith(key, start):  # else the view matched other spaces or punctuation
                if ids:
                    add((start, 1 - at, ids))
                if cased:
                    _add_cased(add, norm, start, at - 2, cased)
            if others:
                for key, ids, cased in others:
                    if key is None or haystack.startswith(key, start):
                        if ids:
                            add((start, 1 - at, ids))
                        _add_cased(add, norm, start, at - 2, cased)
        candidates.sort()  # by start, the longest first (ends are negated)
        return candidates, shifts


def _kept(candidates: list[tuple[int, int, tuple[str, ...]]], shifts: tuple | None,
          nested: bool) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, entity ids) of the ``candidates`` kept (all if ``nested``, else the
    longest where two overlap), offsets mapped back to the text by ``shifts``."""
    out: list[tuple[int, int, tuple[str, ...]]] = []
    reach = -1
    where, before = shifts or ((), ())
    k, runs = 0, len(where)
    for start, end, ids in candidates:
        end = -end
        if start < reach and not nested:
            continue
        reach = end
        if runs:  # back to offsets in ``text``, walking the collapsed runs along
            while k < runs and where[k] <= start:
                k += 1
            shift = before[k - 1] if k else 0
            start += shift
            end += before[bisect_right(where, end - 1) - 1] if k < runs and where[k] < end else shift
        out.append((start, end, ids))
    return out

