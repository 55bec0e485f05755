"""Finding mentions of known entities in text with one Aho-Corasick automaton pass.

Names and aliases match case-insensitively on whole words, across typographic quotes and
line breaks; acronym-like labels (no lowercase letter, such as "KITA" or "PPWSA") match
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


_LAST: list = [None, "", None]  # the last text prepared, its normalised and lowercased forms


def _prepared(text: str, lowered: bool) -> tuple[str, str]:
    """``text`` normalised and (if ``lowered``) also lowercased, kept for the next finder
    that reads the same text (a document passes through the catalog's and the gazetteer's)."""
    if _LAST[0] is not text:
        _LAST[:] = [text, normalise(text), None]
    if lowered and _LAST[2] is None:
        _LAST[2] = _lower(_LAST[1])
    return _LAST[1], _LAST[2] or ""


class MentionFinder:
    """Finds mentions of many entities at once; build it once, call ``find`` per text.

    With ``case_sensitive`` every label matches in its exact case only (gazetteer names:
    "Nice" the city, not "nice").
    """

    def __init__(self, labels: Mapping[str, Iterable[str]], *, case_sensitive: bool = False):
        self._exact = ahocorasick.Automaton()
        self._folded = ahocorasick.Automaton()
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
        for automaton, table in ((self._exact, exact), (self._folded, folded)):
            for key, ids in table.items():
                automaton.add_word(key, (len(key), tuple(sorted(ids))))
            if table:
                automaton.make_automaton()
        self._has = (bool(exact), bool(folded))

    def find(self, text: str, *, nested: bool = False) -> list[Mention]:
        """All mentions in ``text``, in order, longest match winning where two overlap.

        With ``nested``, names inside longer names count too ("Kitakyushu" inside
        "Kitakyushu Eco-Town"), as they do when checking what a sentence mentions.
        """
        norm, low = _prepared(text, self._has[1])
        candidates: list[tuple[int, int, tuple[str, ...]]] = []
        add = candidates.append
        for automaton, haystack, has in ((self._exact, norm, self._has[0]), (self._folded, low, self._has[1])):
            if not has:
                continue
            last = len(haystack) - 1
            for end, (length, ids) in automaton.iter(haystack):
                start = end - length + 1
                if (start > 0 and haystack[start - 1].isalnum()) or (end < last and haystack[end + 1].isalnum()):
                    continue
                add((start, end + 1, ids))
        candidates.sort(key=_order)
        out: list[Mention] = []
        reach = -1
        for start, end, ids in candidates:
            if start < reach and not nested:
                continue
            reach = end
            surface = text[start:end]
            out += [Mention(e, start, end, surface) for e in ids]
        return out


def _order(c: tuple[int, int, tuple[str, ...]]):
    return c[0], c[0] - c[1], c[2]
