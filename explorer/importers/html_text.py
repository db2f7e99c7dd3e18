"""HTML from other tools (TimelineJS headlines and text, spreadsheet cells) → plain text.

Entities are decoded, tags dropped, paragraphs and line breaks kept as line breaks, and the
content of ``script``, ``style``, ``iframe`` and the like dropped whole. Links are kept as
sources: their text stays in the text, their address becomes a :class:`Link`. Quotations
(``<blockquote>``, with an optional ``<cite>``) are taken out of the text as :class:`Quoted`.
Paragraphs of class ``explorer-meta`` (see :mod:`explorer.timelinejs`) give only their links.
Nothing markup-like survives, so imported text cannot inject anything into a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "hr", "section"}
_DROPPED = {"script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math", "head"}
#: Paragraphs of this class hold what explorer's TimelineJS export writes about an event
#: (actors, sources): their links are kept, their text is not read into the summary.
META_CLASS = "explorer-meta"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Link:
    """An absolute web address found in ``<a href>``, with the link's text."""

    url: str
    text: str


@dataclass(frozen=True)
class Quoted:
    """A ``<blockquote>``: its words, and its ``<cite>`` when there was one."""

    text: str
    cite: str | None


@dataclass
class PlainText:
    """What :func:`html_to_text` found: the text, its links and its quotations."""

    text: str
    links: list[Link] = field(default_factory=list)
    quotes: list[Quoted] = field(default_factory=list)


def web_address(url: str) -> str | None:
    """``url`` if it is an absolute http(s) address (``//host/...`` becomes https), else None:
    relative, ``javascript:`` and ``data:`` addresses are not kept as links.

    >>> web_address("//www.flickr.com/photos/x"), web_address("javascript:alert(1)")
    ('https://www.flickr.com/photos/x', None)
    """
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    return url if re.match(r"^https?://[^\s/]+", url, re.IGNORECASE) else None


def html_to_text(html: str) -> PlainText:
    """Plain text of an HTML fragment.

    >>> found = html_to_text('<p>Take <a href="https://e.org/ada">Ada &amp; co</a>.</p><p>Next</p>')
    >>> found.text, found.links
    ('Take Ada & co.\\n\\nNext', [Link(url='https://e.org/ada', text='Ada & co')])
    """
    if "<" not in html and "&" not in html:  # most spreadsheet cells: no parser needed
        return PlainText(_tidy(html))
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return PlainText(_tidy("".join(parser.out)), parser.links, parser.quotes)


def plain_line(html: str) -> str:
    """Plain text on one line (for titles and names)."""
    return " ".join(html_to_text(html).text.split())


def _tidy(text: str) -> str:
    text = _CONTROL.sub("", text.replace("\xa0", " "))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.links: list[Link] = []
        self.quotes: list[Quoted] = []
        self._dropping = 0
        self._link: tuple[str, list[str]] | None = None
        self._quote: list[str] | None = None
        self._cite: list[str] = []
        self._in_cite = False
        self._in_meta = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self._dropping += 1
        elif tag == "blockquote" and self._quote is None:
            self._quote = []
        elif tag == "cite" and self._quote is not None:
            self._in_cite = True
        elif tag == "a":
            href = web_address(dict(attrs).get("href") or "")
            self._link = (href, []) if href else None
        elif tag in _BLOCKS:
            self._in_meta = tag == "p" and META_CLASS in (dict(attrs).get("class") or "").split()
            self._write("\n\n" if tag == "p" else "\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._write("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self._dropping = max(0, self._dropping - 1)
        elif tag == "cite":
            self._in_cite = False
        elif tag == "blockquote" and self._quote is not None:
            self._end_quote()
        elif tag == "a" and self._link is not None:
            href, words = self._link
            self.links.append(Link(href, " ".join("".join(words).split()) or href))
            self._link = None
        elif tag in _BLOCKS:
            self._in_meta = self._in_meta and tag != "p"
            self._write("\n\n" if tag == "p" else "\n")

    def handle_data(self, data: str) -> None:
        if self._dropping:
            return
        if self._link is not None:
            self._link[1].append(data)
        if not self._in_meta:
            self._write(data)

    def _write(self, text: str) -> None:
        if self._in_cite and self._quote is not None:
            self._cite.append(text)
        elif self._quote is not None:
            self._quote.append(text)
        else:
            self.out.append(text)

    def _end_quote(self) -> None:
        words = _tidy("".join(self._quote or []))
        cite = _tidy(" ".join(self._cite)).replace("\n", " ") or None
        self._quote, self._cite, self._in_cite = None, [], False
        if words:
            self.quotes.append(Quoted(words, cite))
        elif cite:
            self.out.append(cite)

    def close(self) -> None:
        super().close()
        if self._quote is not None:  # an unclosed <blockquote>
            self._end_quote()
