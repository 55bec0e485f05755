"""Text out of the document formats a corpus may hold: plain text, markdown, HTML and PDF.

Each reader returns the text and a title hint (the first heading), or raises ``Unreadable``
with a one-line reason. HTML goes through the standard library's ``html.parser``: only the
text of the page is kept, never what sits in ``<script>``, ``<style>`` and the like (see
docs/decisions/0004-extraction.md). PDF text comes from pypdf's text layer.

>>> text, title = read_html(b"<title>T</title><h1>Hi</h1><script>alert(1)</script><p>A &amp; B</p>")
>>> text, title
('# Hi\\n\\nA & B', 'T')
"""
from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")

# Elements whose content is never text of the page.
_HIDDEN = frozenset({"script", "style", "noscript", "template", "svg", "math", "iframe", "object",
                     "head", "select", "textarea", "button"})
_BLOCKS = frozenset({"p", "div", "section", "article", "main", "header", "footer", "aside", "nav",
                     "br", "li", "ul", "ol", "table", "tr", "blockquote", "pre", "dd", "dt", "dl",
                     "figure", "figcaption", "caption", "hr", "form", "address"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class Unreadable(Exception):
    """A document the build skips, with the reason as its message."""


def _decode(raw: bytes) -> str:
    if not raw.strip():
        raise Unreadable("empty file")
    if b"\x00" in raw[:8192]:
        raise Unreadable("binary file (NUL bytes), not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(f"not UTF-8 text (invalid byte 0x{raw[exc.start]:02x} at offset {exc.start})") from None


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:160]
    return None


def read_text(raw: bytes) -> tuple[str, str | None]:
    """Plain text or markdown; the title hint is the first heading, else the first line."""
    text = _decode(raw)
    heading = re.search(r"^#{1,6}\s+(\S.*)$", text, re.MULTILINE)
    return text, (heading.group(1).strip()[:160] if heading else _first_line(text))


class _PageText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._hidden = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._in_title = True
        elif tag in _HIDDEN and tag != "head":
            self._hidden += 1
        elif tag in _HEADINGS:
            self.parts.append("\n\n# ")
        elif tag in _BLOCKS:
            self.parts.append("\n\n" if tag in ("p", "div", "section", "table") else "\n")
        elif tag in ("td", "th"):
            self.parts.append(" | ")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag in _HIDDEN and tag != "head":
            self._hidden = max(0, self._hidden - 1)
        elif tag in _HEADINGS or tag in _BLOCKS:
            self.parts.append("\n\n" if tag in _HEADINGS or tag == "p" else "\n")

    def handle_data(self, data):
        if self._in_title:
            self.title.append(data)
        elif not self._hidden:
            self.parts.append(data)


def read_html(raw: bytes) -> tuple[str, str | None]:
    """The visible text of an HTML page, headings as ``# `` lines; title from ``<title>``."""
    page = _PageText()
    page.feed(_decode(raw))
    page.close()
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(page.parts).split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if not text:
        raise Unreadable("HTML page without text")
    title = " ".join("".join(page.title).split()) or None
    if title is None:
        heading = re.search(r"^# (\S.*)$", text, re.MULTILINE)
        title = heading.group(1) if heading else _first_line(text)
    return text, title


def read_pdf(raw: bytes) -> tuple[str, str | None]:
    """The text layer of a PDF, pages separated by blank lines."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(raw))
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
        meta_title = (reader.metadata.title if reader.metadata else None) or None
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise Unreadable(f"unreadable PDF ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})") from None
    text = "\n\n".join(p for p in pages if p)
    if not any(ch.isalnum() for ch in text):
        raise Unreadable("PDF without a text layer (scanned pages?): no text to read")
    return text, (str(meta_title).strip() or None) if meta_title else _first_line(text)


def read_document(path: Path, *, max_bytes: int) -> tuple[str, str | None]:
    """Text and title hint of ``path`` by its suffix; ``Unreadable`` says why it cannot be read."""
    size = path.stat().st_size
    if size > max_bytes:
        raise Unreadable(f"larger than the limit ({size:,} bytes > {max_bytes:,}; see --max-size)")
    raw = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return read_pdf(raw)
    if suffix in (".html", ".htm"):
        return read_html(raw)
    return read_text(raw)
