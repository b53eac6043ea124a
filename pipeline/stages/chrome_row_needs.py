"""What the logic line rules of strip_site_chrome need on a line (`logic_conditions`), read
from their code in chrome_rows.py and the pair patterns in metadata.py, for `ClaimFilter`
(site_chrome_filter.py): a condition any line they claim meets, cheap to test.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.literals import _dfa, without_assertions
from pipeline.loosened import claim_condition
from pipeline.metadata import URL
from pipeline.stages.chrome_rows import _FILE_FIELD, _ID_AT, _KEY_AT, _SENTENCE_PUNCT, _WIDGET_SPLIT, MAX_CHARS
from pipeline.stages.site_chrome_pieces import _SPACE


@dataclass(frozen=True)
class Condition:
    """A pattern one of whose matches any claim of a rule leaves in the line (or in its
    rewrite), within a run without spaces of at most `max_run` characters if given;
    `pattern` None: the rule may claim on any line. A run that holds a match of one of
    the patterns of each of `ruled_out` (one for each way the rule reads a line, cheapest
    first) is no part of a view it takes."""

    pattern: re.Pattern[str] | None
    max_run: int | None = None
    ruled_out: tuple[tuple[re.Pattern[str], ...], ...] = ()


def alternation(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(set(words), key=len, reverse=True))))


def _row_word(widgets: frozenset[str]) -> str:
    """A run of letters no row of widgets, counters or buttons holds: Han and Latin letters
    (no field separator (`_WIDGET_SPLIT`), figure or colon or arrow a label ends with is
    one), more than the longest token of a row has (a widget label, two run together (8), a
    counter's label (5, then a sign and a currency), a menu's label or item (6, 10), a
    field of counted fields (16), a Latin button (12)) and the few characters of a price's
    verb that `_SPACED_UNIT` takes out (2), with a bracket at each end (a wrapped row)."""
    longest = max([16, *(len(w) for w in widgets if not _SPACE.search(w))]) + 2 + 2
    return rf"[\u4e00-\u9fffA-Za-z]{{{longest + 1},}}"


def _not_a_token(widgets: frozenset[str]) -> str:
    """A character no token of a row of widgets and counters holds, nor a separator: not in
    a widget label, and none a counter (`COUNTER`) is written with (a Han label and unit,
    a Latin unit, a sign, a currency, a figure, its point or comma, 万, k), nor a colon or
    arrow a label ends with (`_LABEL_END`)."""
    letters = "".join(sorted({re.escape(c) for w in widgets for c in w}))
    return rf"[^{_SEPARATORS}{letters}\u4e00-\u9fff\d:+\-¥￥$.,A-Za-z>»›]"


_SEPARATORS = _WIDGET_SPLIT.pattern[1:-2]  # (the class of `_WIDGET_SPLIT`, without its brackets)
_SENTENCE = "[" + re.escape("".join(sorted(_SENTENCE_PUNCT))) + "]"


# What follows a key of an upload pair with a value (`UPLOAD_PAIR` and `OTHER_UPLOAD_PAIRS`
# in metadata.py): a bracket and a colon, a colon, nothing after 于 (上传于), a date, or a
# bar or a slash; then the value's first character (a row reads only pairs with a value).
_AFTER_KEY = re.compile(r"[】\]]\s*:?\s*[^\s|｜,，。;；]|\s*:\s*[^\s|｜,，。;；]|(?<=于)\s*[^\s|｜,，。;；]|\s*\d"
                        r"|\s*[|/]\s*[^\s|,，。;；·•»/]")


class ValuedPair:
    """Whether a text holds a key of an upload pair (`_KEY_AT`, or an id key: it ends in 编号
    or ID, `_ID_AT`) with a value after it. Which keys the text holds, one Aho-Corasick scan
    of its bytes tells (an alternation of 200 keys is tried at every character); what
    follows each of their places is matched."""

    def __init__(self) -> None:
        import ahocorasick_rs

        self.fallback = re.compile(f"(?:{_KEY_AT.pattern}|{_ID_AT.pattern})(?:{_AFTER_KEY.pattern})")
        self.keys = sorted(set(_KEY_AT.pattern.split("|")) | set(_ID_AT.pattern.split("|")))
        self.plain = not any(c in k for k in self.keys for c in ".^$*+?{}[]\\()")  # no pattern syntax in a key
        self.automaton = ahocorasick_rs.BytesAhoCorasick([k.encode("utf-8") for k in self.keys],
                                                         matchkind=ahocorasick_rs.MatchKind.Standard, implementation=_dfa())

    def __reduce__(self):
        return (ValuedPair, ())

    def search(self, text: str) -> bool:
        if not self.plain:
            return self.fallback.search(text) is not None
        found = {i for i, _, _ in self.automaton.find_matches_as_indexes(text.encode("utf-8", "surrogatepass"),
                                                                          overlapping=True)}
        for i in found:
            key = self.keys[i]
            at = text.find(key)
            while at >= 0:
                if _AFTER_KEY.match(text, at + len(key)):
                    return True
                at = text.find(key, at + 1)
        return False


def logic_conditions(widgets: frozenset[str]) -> dict[str, list[Condition]]:
    r"""What each logic line rule (`StripSiteChrome.logic`) needs, read from chrome_rows:
    - widget_line, counter_row: a widget label (a token that is one or two of them, a
      menu's label, a field of counted fields) or a figure `\d` (every counter holds one),
      in a run with no word longer than a row's (`_row_word`), and either nothing but
      what tokens are written with (`_not_a_token`) or, for widget_line's menus and
      counted fields, no sentence's punctuation (`_SENTENCE_PUNCT`);
    - toolbar_row: a widget label, the same way, with no punctuation and no figure;
    - url_line: a URL; file_row: a file's name (its first field);
    - upload_metadata, file_fact_line: a key with a value (`_key_value_pairs`: a row reads
      only pairs with a value, `ValuedPair`)."""
    widget = alternation(widgets)
    # (Not every `str.isdigit` figure: a row without a `\d` holds counters none, so a widget.)
    widget_or_figure = re.compile(rf"\d|{widget.pattern}")
    # Read as tokens, each a widget or a counter (`widget_line`, `counter_row`); as a menu
    # or as counted fields, and as a toolbar, with no sentence's punctuation (nor figure).
    word, sentence = re.compile(_row_word(widgets)), re.compile(_SENTENCE)
    as_tokens = (re.compile(_not_a_token(widgets)), word)
    as_fields = (sentence, word)
    as_buttons = (re.compile(rf"{_SENTENCE}|\d"), word)
    valued_pair = ValuedPair()
    return {
        "widget_line": [Condition(widget_or_figure, MAX_CHARS["widget_line"], (as_tokens, as_fields))],
        "counter_row": [Condition(widget_or_figure, MAX_CHARS["counter_row"], (as_tokens,))],
        "toolbar_row": [Condition(widget, MAX_CHARS["toolbar_row"], (as_buttons,))],
        "url_line": [Condition(without_assertions(URL), MAX_CHARS["url_line"])],
        "file_row": [Condition(claim_condition(_FILE_FIELD))],
        "upload_metadata": [Condition(valued_pair)],  # type: ignore[arg-type]
        "file_fact_line": [Condition(valued_pair)],  # type: ignore[arg-type]
    }
