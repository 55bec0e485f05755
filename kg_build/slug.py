"""Slugs: the ids of entities, made from their names (``docs/data-format.md``, id rules).

>>> slugify("Overseas Environmental Cooperation Center, Japan")
'overseas-environmental-cooperation-center-japan'
>>> slugify("Đà Nẵng")
'da-nang'
"""
from __future__ import annotations

import re
import unicodedata


def slugify(name: str, *, max_words: int = 11) -> str:
    """Lowercase ASCII words of ``name`` joined by ``-`` (at most ``max_words`` of them)."""
    text = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    words = re.findall(r"[a-z0-9]+", text.encode("ascii", "ignore").decode().lower())
    return "-".join(words[:max_words]) or "unnamed"
