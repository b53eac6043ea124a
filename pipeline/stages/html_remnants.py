"""What an HTML-to-text dump leaves of the markup's characters: character references
(`&nbsp;`, `&ldquo;`, `&#12290;`) written out instead of the characters they stand for. A
boilerplate-unaware scraper keeps them where a page double-escaped its text, often as the
indent of each paragraph (&nbsp;&nbsp;&nbsp;&nbsp;同志们：). repair_mojibake replaces each by
its character (rule `html_entity`), before any stage reads the layout or widens `;` to `；`."""

from __future__ import annotations

import html
import re

from pipeline.document import Span

# A well-formed reference: a name, a decimal or a hexadecimal number, closed by `;`.
_REFERENCE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
# No-break and other fixed-width spaces are a layout's: a plain space (a line's edges are trimmed later).
_SPACES = str.maketrans({"\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " "})


def entity_spans(text: str) -> list[Span]:
    """One edit per run of references that stand for characters; a name HTML does not know
    (AT&T;) is left as written."""
    spans: list[Span] = []
    if "&" not in text:
        return spans
    for m in _REFERENCE.finditer(text):
        char = html.unescape(m.group()).translate(_SPACES)
        if char == m.group() or not char or any(ord(c) < 32 and c not in "\t\n" for c in char):
            continue
        if spans and spans[-1].end == m.start():
            last = spans[-1]
            spans[-1] = last._replace(end=m.end(), after=last.after + char)
        else:
            spans.append(Span(m.start(), m.end(), char, "html_entity", evidence="html.unescape"))
    return spans
