"""Reading the source documents of a corpus folder (and its optional manifest.json).

A document's id is its file name without the extension; .txt, .md, .html and .pdf files are
read (``formats.py``). A document without a manifest entry still goes in, titled by its
first heading or line. A file that cannot be read (empty, binary, too large, not UTF-8, a
PDF without text) is skipped with one warning naming it; the rest of the corpus is read.
The build never stores a document's text in the repository, only locators into it.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import BuildError
from .formats import SUFFIXES, Unreadable, read_document

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class CorpusDocument:
    id: str
    path: Path
    text: str
    title: str | None = None
    publisher: str | None = None
    kind: str | None = None
    date: str | None = None


def _manifest(root: Path) -> dict[str, dict]:
    path = root / "manifest.json"
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise BuildError(f"malformed manifest: {exc.args[0] if exc.args else exc}",
                         path=str(path), line=line) from None
    docs = data.get("documents", []) if isinstance(data, dict) else []
    return {str(d["file"]): d for d in docs if isinstance(d, dict) and "file" in d}


def load_corpus(folder: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES,
                warn: Callable[[str], None] | None = None) -> dict[str, CorpusDocument]:
    """Read every document of ``folder``; raise BuildError if it is missing or has none.

    Files that cannot be read are skipped; ``warn`` gets one ``file: reason`` line for each.
    """
    say = warn or (lambda _line: None)
    root = Path(folder)
    if not root.exists():
        raise BuildError("corpus folder not found", path=str(root))
    if not root.is_dir():
        raise BuildError("corpus path is not a folder", path=str(root))
    manifest = _manifest(root)
    docs: dict[str, CorpusDocument] = {}
    for path in sorted(p for p in root.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file()):
        if path.stem in docs:
            say(f"{path}: skipped: same document id as {docs[path.stem].path.name}")
            continue
        try:
            text, title = read_document(path, max_bytes=max_bytes)
        except (Unreadable, OSError) as exc:
            say(f"{path}: skipped: {exc}")
            continue
        meta = manifest.get(path.name, {})
        docs[path.stem] = CorpusDocument(
            id=path.stem, path=path, text=text, title=meta.get("title") or title or path.stem,
            publisher=meta.get("publisher"), kind=meta.get("kind"), date=meta.get("date"))
    if not docs:
        raise BuildError(f"corpus folder has no documents ({', '.join(SUFFIXES)})", path=str(root))
    return docs
