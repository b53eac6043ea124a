"""Whether a text stops mid-sentence (split_documents' `ends_mid_sentence`): the last line of
its prose has no sentence's end. Passed over first: trailing title-shaped lines without a
comma (a footer or a link the chrome rules left, a signature). Not a cut: a closing line of
an official document (附件, 抄送 …), a signature run into the last sentence on a page that
lost its line breaks (…特此通知。某某办公室2024年3月1日, …。记录人：某某), the last item of a list whose items end without a
sentence's end (references), a row of cells set apart by wide gaps, a text that readers
replied under (the page showed it whole).
"""

from __future__ import annotations

import re

from pipeline.charsets import PARAGRAPH_END
from pipeline.document import Document, removed_lines
from pipeline.rulebook import Rule
from pipeline.stages.title_shapes import DATE_LINE, is_title_shaped

# Punctuation inside a sentence: a trailing line holding it is prose, not a title.
_PROSE_MARKS = set("，,、；;")
# An item of a list: a numbered point or a reference ([3] …).
_LIST_ITEM = re.compile(r"\s*(?:[\[［]\d+[\]］]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]"
                        r"|\d+(?:、|[.．](?!\d)))")
_SENTENCE_ENDS = "。！？!?；;…"
# The gap between cells of a row: an ideographic space or two spaces and more.
_CELL_GAP = re.compile(r"\u3000+|[ \t]{2,}")
# A signature after a document's last sentence: who signs (an office, a person, a role's label
# and a name; not a clause, so no comma and nothing ending in a preposition, 截至2024年3月) and
# when; or a role's label and a name alone (记录人：某某).
_SIGNER = r"[^，,、；;。！？!?：:]{0,30}?(?<![至于在到从自截止\d])"
_SIGNATURE = re.compile(rf"(?:[\u4e00-\u9fff]{{1,6}}[：:]\s*)?{_SIGNER}\s*{DATE_LINE.pattern}"
                        r"|[\u4e00-\u9fff]{1,5}人[：:]\s*[^，,、；;。！？!?：:\d]{1,10}")
_LAST_SENTENCE_END = re.compile(r".*[。！？!?；;…]")
# The shapes chrome_context gives readers' posts.
_READERS = frozenset({"reader_post", "stamped_post"})


def stops_mid_sentence(doc: Document, rule: Rule) -> bool:
    """Whether the page's text was cut short: its last line of prose stops mid-sentence."""
    lines = doc.text.rstrip().split("\n")[-int(rule.extra.get("max_trailing_lines", 3)) - 1:]
    while len(lines) > 1 and is_title_shaped(lines[-1], int(rule.extra.get("max_title_chars", 50))) \
            and not set(lines[-1]) & _PROSE_MARKS:
        lines.pop()
    last = lines[-1].strip()
    if not last or last.startswith(prefixes := tuple(rule.extra.get("complete_line_prefixes", []))):
        return False
    if _ends_with_a_closing(last, prefixes):
        return False
    if len(lines) > 1 and all(_LIST_ITEM.match(line) for line in lines[-2:]) \
            and lines[-2].rstrip()[-1:] not in _SENTENCE_ENDS:
        return False
    if len(_CELL_GAP.split(last)) >= 3:
        return False
    end = len(doc.text.rstrip())
    if any(p >= end and rule_name in _READERS for p, rule_name in removed_lines(doc, ["chrome_context"])):
        return False
    return len(last) >= int(rule.extra.get("min_last_line_chars", 20)) and last[-1] not in PARAGRAPH_END


def _ends_with_a_closing(line: str, prefixes: tuple[str, ...]) -> bool:
    """Whether what follows the line's last sentence is a closing the page ran into it: a
    signature with its date, a role and a name, or a closing line (附件：…)."""
    sentences = _LAST_SENTENCE_END.match(line)
    tail = line[sentences.end():].strip() if sentences else ""
    return bool(tail) and (tail.startswith(prefixes) or bool(_SIGNATURE.fullmatch(tail)))
