"""Reading the source documents of a corpus folder (and its optional manifest.json).

A document's id is its file name without the extension. The text is read as UTF-8; the
build never stores a document's text in the repository, only locators into it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .errors import BuildError

TEXT_SUFFIXES = (".txt", ".md")


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


def _read(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BuildError(f"not UTF-8 text (invalid byte 0x{raw[exc.start]:02x} at offset {exc.start})",
                         path=str(path)) from None


def load_corpus(folder: Path | str) -> dict[str, CorpusDocument]:
    """Read every text document of ``folder``; raise BuildError if it is missing or empty."""
    root = Path(folder)
    if not root.exists():
        raise BuildError("corpus folder not found", path=str(root))
    if not root.is_dir():
        raise BuildError("corpus path is not a folder", path=str(root))
    manifest = _manifest(root)
    docs: dict[str, CorpusDocument] = {}
    for path in sorted(p for p in root.iterdir() if p.suffix.lower() in TEXT_SUFFIXES and p.is_file()):
        meta = manifest.get(path.name, {})
        docs[path.stem] = CorpusDocument(
            id=path.stem, path=path, text=_read(path), title=meta.get("title"),
            publisher=meta.get("publisher"), kind=meta.get("kind"), date=meta.get("date"))
    if not docs:
        raise BuildError(f"corpus folder has no documents ({', '.join(TEXT_SUFFIXES)})", path=str(root))
    return docs
