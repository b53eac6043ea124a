"""How strip_site_chrome claims what is on a line: a line whole or piece by piece where a
space stands for a lost line break (`PieceClaims._claim_line`), a nav row's run of section
names, a lone key and value beside a row of the file's facts, runs of pieces at a long
line's edges, sentence and phrase rules inside a piece, and lines beside chrome
(`_claim_beside_chrome`). `sentence_units` cuts a piece into sentences; `line_claims`
settles which claims on a line take its break. Split out of site_chrome.py, whose
StripSiteChrome holds the rules and the matching (`match_line`, `match_sentence`,
`match_phrase`) these methods call.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.document import Span
from pipeline.metadata import key_column, upload_pairs
from pipeline.rulebook import Rule
from pipeline.stages.chrome_lines import LOST_BREAK, line_cover, merged, pieces_of
from pipeline.stages.chrome_rows import counter_row, row_tokens

_SENTENCE_END = re.compile(r"[。！？!?]")
_SHORT_PIECE = 40  # characters: a piece read as one sentence before its edges
# A line with spaces and no sentence end inside it, read whole by the sentence rules before
# its pieces: one sentence of the site's, its name spaced off (本文由 <user> 于 <date> 上传，
# 共 5 页，大小 47K) — no longer than a credit or a notice runs.
_SHORT_LINE = 60
_PIECE_OF_A_ROW = 16  # Han characters: more is a paragraph that lost its break, not a spaced part
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _read_whole(line: str, pieces: list[str]) -> bool:
    """Whether a line with spaces is read whole by the sentence rules first: a short one, or
    one no longer than `_SHORT_LINE` whose every piece is short in Han characters (a name
    spaced off in the site's sentence). A piece of prose before the site's words (正文…解决好
    查阅全文加微信…) is a paragraph that lost its break: read piece by piece."""
    return len(line) <= _SHORT_PIECE or len(line) <= _SHORT_LINE and all(
        len(_HAN.findall(p)) <= _PIECE_OF_A_ROW for p in pieces)


# Rows of the file's facts: a lone key and value beside one of their pieces is of the row.
_FACT_ROWS = frozenset({"upload_metadata", "file_name_line", "file_row", "widget_line", "counter_row"})
SENTENCE = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』)）]*|$)")
# A piece: a run without spaces, or one whose number has its size unit written apart (2.41 MB).
_PIECE = re.compile(r"\S*\d[ \t]+(?i:[kmgt]b)(?![A-Za-z0-9])\S*|\S+")
# A nav row's first link, and a section's name after it (a short word, no mark).
_HOME_LINKS = frozenset({"首页", "主页", "网站首页", "返回首页"})
_SECTION_NAME = re.compile(r"[\u4e00-\u9fff]{2,5}")
_SPACE = re.compile(r"\s")
_SEPARATORS = " \t\u3000|｜∣¦·•/／-–—―─━>»›→"


def sentence_units(view: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of view[start:end], split also at lost line breaks."""
    for m in SENTENCE.finditer(view, start, end):
        if m.end() <= m.start() or not view[m.start():m.end()].strip():
            continue
        s = m.start()
        if view.find(" ", s, m.end()) < 0:  # no run of spaces, no lost break
            yield s, m.end()
            continue
        for gap in LOST_BREAK.finditer(view, m.start(), m.end()):
            if view[s:gap.start()].strip():
                yield s, gap.start()
                s = gap.start()
        yield s, m.end()


def line_claims(text: str, start: int, end: int, claims: list[Span]) -> list[Span]:
    """Claims inside the line text[start:end]. A claim at the line's start takes the spaces
    after it, one at its end the spaces before it; when together they take all of the line,
    they take its break too (each claim keeps its rule)."""
    own = sorted(claims)
    if not text[start:own[0].start].strip():
        rest = text[own[0].end:end]
        # Up to the next claim at most: it may start on a space itself (a run of pieces).
        ceiling = own[1].start if len(own) > 1 else end
        own[0] = own[0]._replace(start=start, end=max(own[0].end, min(end - len(rest.lstrip(" ")), ceiling)))
    if not text[own[-1].end:end].strip():
        floor = own[-2].end if len(own) > 1 else start
        own[-1] = own[-1]._replace(start=max(floor, start + len(text[start:own[-1].start].rstrip(" "))), end=end)
    edges = [start] + [x for c in own for x in (c.start, c.end)] + [end]
    # What the claims leave between them counts only when it is more than separators (a
    # lone | between a banner and the widgets of one header row is not a line).
    if any(text[a:b].strip(_SEPARATORS) for a, b in zip(edges[::2], edges[1::2])):
        return own
    ends = [c.start for c in own[1:]] + [min(end + 1, len(text))]
    return [c._replace(end=e) for c, e in zip(own, ends)]


class PieceClaims:
    """The claiming methods of StripSiteChrome (a mixin: the rules, scans and matching
    methods are the stage's)."""

    def _claim_line(self, folded: str, start: int, end: int, edge: int, claim, possible: frozenset[str]) -> bool:
        """One line: whole when it is one piece; else whole first (a row of facts has
        spaces between its parts, a short sentence may too: 本文由 <user> 上传), then piece
        by piece, as it will read once pagination has put its breaks back."""
        pieces = pieces_of(folded, start, end)
        if len(pieces) > 1:
            line = folded[start:end].strip()
            hit = self.match_line(line, edge=edge, possible=possible) or (
                _read_whole(line, [folded[a:b] for a, b in pieces])
                and not _SENTENCE_END.search(line.rstrip("。！？!?”’」』)）"))
                and self.match_sentence(line, possible & self.sentence_scan_keys))
            if hit:
                claim(*hit, start, min(end + 1, len(folded)))
                return False
            pieces = self._claim_nav_run(folded, pieces, claim, possible)
        # A claim on one piece of several never takes the line's break by itself: whether
        # the break goes is settled for the whole line (line_claims). Returns True then.
        # One scan of the line tells which rules each piece holds literals of: a long line
        # (a page that lost its breaks) holds nearly every rule's, each piece a few.
        owns = self.line_scan(edge).keys_by_part(folded, start, end, pieces) if len(pieces) > 1 else [possible]
        for (ps, pe), own in zip(pieces, owns):
            if folded[ps:pe].strip():
                self._claim_piece(folded, ps, pe, end if len(pieces) == 1 else -1, edge, claim, possible, own)
        return len(pieces) > 1

    def _claim_nav_run(self, folded: str, pieces: list[tuple[int, int]], claim,
                       possible: frozenset[str]) -> list[tuple[int, int]]:
        """In a line that lost its breaks, a nav row's section names are pieces of their own
        (首页 本地 教育 健康): from the home page's link on, a run of two or more short names
        (two to five characters: 是, 的 are no sections) goes as one nav row. The pieces left
        to read one by one."""
        if "nav_row" not in possible:
            return pieces
        for k, (ps, pe) in enumerate(pieces):
            if folded[ps:pe] not in _HOME_LINKS:
                continue
            j = k + 1
            while j < len(pieces) and _SECTION_NAME.fullmatch(folded[pieces[j][0]:pieces[j][1]]):
                j += 1
            if j - k >= 3:
                claim(self.nav_rule, [], ps, pieces[j - 1][1])
                return pieces[:k] + pieces[j:]
        return pieces

    def _claim_lone_pairs(self, folded: str, start: int, end: int, claims: list[Span], claim, pieced: bool) -> None:
        """In a line that lost its breaks, a lone key and value of an upload row (上传：<user>)
        cut off from the rest of its row by a lost break, or of a row of the file's facts
        (大小：2.41 MB beside 文件名：….pdf 页数：8): a piece right before or after a piece
        such a row took, with a key that fills a column."""
        rows = [(c.start, c.end) for c in claims if c.rule in _FACT_ROWS]
        # (Read at its lost breaks, or, in a line the rules took by its edges, at its spaces.)
        pieces = pieces_of(folded, start, end) if pieced else [m.span() for m in _PIECE.finditer(folded, start, end)]
        for ps, pe in pieces:
            if any(a < pe and b > ps for a, b in [(c.start, c.end) for c in claims]):
                continue
            near = any(folded[pe:a].strip() == "" or folded[b:ps].strip() == "" for a, b in rows)
            piece = folded[ps:pe].strip()
            m = upload_pairs(piece)[0].fullmatch(piece)
            if near and m and m.group(2) and key_column(m.group(1)) not in (None, "author"):
                claim(self.upload_rule, [(key_column(m.group(1)), m.group(2))], ps, pe)

    def _claim_beside_chrome(self, folded: str, lines: list[tuple[int, int]], spans: list[Span], claim) -> None:
        """Chrome comes in blocks: a line that only the edge rules would take is taken when
        the line before or after it is chrome, and the block grows from there."""
        if not spans:
            return
        cover = line_cover(lines, merged(spans))
        chrome, touched = [c[0] for c in cover], [c[1] for c in cover]
        todo = [i for i in range(len(lines)) if not touched[i]
                and ((i > 0 and chrome[i - 1]) or (i + 1 < len(lines) and chrome[i + 1]))]
        while todo:
            i = todo.pop()
            if touched[i]:
                continue
            s, e = lines[i]
            hit = self.match_line(folded[s:e].strip(), beside_chrome=True)
            if hit and not (hit[0].name == "counter_row" and self._in_a_table(folded, lines, i)):
                claim(*hit, s, min(e + 1, len(folded)))
                chrome[i] = touched[i] = True
                todo += [j for j in (i - 1, i + 1) if 0 <= j < len(lines) and not touched[j]]

    def _in_a_table(self, folded: str, lines: list[tuple[int, int]], i: int) -> bool:
        """Rows of figures with as many cells one under the other are the author's table,
        not a counter row of the site's (2022年 | 1362户 / 2023年 | 1480户)."""
        def cells(j: int) -> int:
            line = folded[lines[j][0]:lines[j][1]].strip()
            return len(row_tokens(line)) if counter_row(line, self.widgets) else 0

        return any(0 <= j < len(lines) and cells(j) == cells(i) > 0 for j in (i - 1, i + 1))

    def _claim_piece(self, folded: str, start: int, end: int, line_end: int, edge: int, claim,
                     possible: frozenset[str], own: frozenset[str]) -> None:
        """Line rules on the whole piece, then on its edges, then sentence rules. `possible`:
        the rules whose literals the line holds; `own`: those whose literals the piece holds,
        for what is read inside the piece. What the sentence rules leave is no part of the
        line (sentences are taken out of it): it is read with `possible`, as the line."""
        whole = end == line_end
        hit = self.match_line(folded[start:end].strip(), edge=edge, possible=own)
        if hit:
            claim(*hit, start, min(end + 1, len(folded)) if whole else end)
            return
        piece = (start, end)
        if (sentence := self._one_sentence_of_the_sites(folded[start:end].strip(), own)) is not None:
            # Short and one sentence, the site's whole (开通VIP 全站资料免费下载): edge claims
            # would take its trigger word (开通VIP) and strand the rest.
            claim(*sentence, start, min(end + 1, len(folded)) if whole else end)
            return
        start, end, last = self._claim_edges(folded, start, end, claim, own, edge=edge if edge == 1 else 0)
        if last and 0 < len(folded[start:end].strip()) <= 2 and not _SENTENCE_END.search(folded[start:end]):
            # Edge claims that leave a word or two (共有 of 共有 3 条评论): the row was chrome.
            claim(*last, start, min(end + 1, len(folded)) if end == line_end else end)
            return
        if (start, end) != piece and folded[start:end].strip():
            # What the edges left is still at the page's edge (a slogan after a title footer).
            hit = self.match_line(folded[start:end].strip(), edge=edge, possible=own)
            if hit:
                claim(*hit, start, min(end + 1, len(folded)) if end == line_end else end)
                return
        self._claim_sentences(folded, start, end, line_end, claim, possible, own)

    def _one_sentence_of_the_sites(self, piece: str, own: frozenset[str]) -> tuple[Rule, list[tuple[str, str]]] | None:
        """The sentence rule that takes a short piece with spaces in it whole, when it is one
        sentence and no phrase of the site's sits at its end (that goes alone)."""
        if len(piece) > _SHORT_PIECE or not _SPACE.search(piece) or _SENTENCE_END.search(piece.rstrip("。！？!?")) \
                or not own & self.sentence_scan_keys or self.match_phrase(piece, own):
            return None
        return self.match_sentence(piece, own)

    def _claim_edges(self, folded: str, start: int, end: int, claim, possible: frozenset[str], edge: int = 0,
                     max_pieces: int = 10, max_chars: int = 120
                     ) -> tuple[int, int, tuple[Rule, list[tuple[str, str]]] | None]:
        """In a long line (a page that lost its line breaks), chrome at either end is set off
        by spaces: try line rules on runs of space-separated pieces from each end. Returns
        the part of the line left for the sentence rules, and the last rule that claimed an edge
        (with its facts: none for a second claim)."""
        if not _SPACE.search(folded, start, end):
            return start, end, None  # one piece at most: nothing set off by spaces
        pieces = [(m.start(), m.end()) for m in _PIECE.finditer(folded, start, end)]
        if len(pieces) < 2:
            return start, end, None
        last = None
        i = 0
        while i < len(pieces) - 1:
            best = None
            for j in range(i, min(i + max_pieces, len(pieces) - 1)):
                window = folded[pieces[i][0]:pieces[j][1]]
                if len(window) > max_chars:
                    break
                best = (j, hit) if (hit := self.match_line(window, edge=edge, possible=possible)) else best
            if best is None:
                break
            claim(*best[1], pieces[i][0], pieces[best[0] + 1][0])
            start, i, last = pieces[best[0] + 1][0], best[0] + 1, (best[1][0], [])
        k = len(pieces) - 1
        while k > i:
            best = None
            for j in range(k, max(k - max_pieces, i), -1):
                window = folded[pieces[j][0]:pieces[k][1]]
                if len(window) > max_chars:
                    break
                if hit := self.match_line(window, edge=edge, possible=possible):  # the shortest: end items are separate
                    best = (j, hit)
                    break
            if best is None:
                break
            claim(*best[1], pieces[best[0] - 1][1], pieces[k][1])
            end, k, last = pieces[best[0] - 1][1], best[0] - 1, (best[1][0], [])
        return start, end, last

    def _claim_sentences(self, folded: str, start: int, end: int, line_end: int, claim,
                         possible: frozenset[str], own: frozenset[str]) -> None:
        """Apply sentence rules inside one line, then the fallback line rules to what they
        left; a line left empty goes with its newline. `own`: the names the piece holds
        literals of (for the filter, a piece of `possible`)."""
        keys = possible & self.sentence_scan_keys
        if keys and not self.sentence_filter.may_match(folded[start:end], keys, present=own):
            # No sentence is taken, so what is left is the piece itself (as below).
            leftover = folded[start:end].strip()
            if not (leftover and self.match_line(leftover, fallback=True, possible=possible)):
                return
        hits, phrased = [], False
        # A rule is tried on a sentence when the line holds one of its literals (the prefilter
        # only ever rules out; a sentence holds no literal its line does not). With none on
        # the line the sentences are not read one by one: together they are the piece.
        units = list(sentence_units(folded, start, end)) if possible & self.sentence_scan_keys else []
        located = self.sentence_scan.located(folded[start:end]) if units else []
        for us, ue in units:
            own = self.sentence_scan.keys_within(located, us - start, ue - start)
            # A phrase of the site's after the author's words (…… 您已阅读30%) goes alone, even
            # where a sentence rule would take the whole sentence with the author's part.
            # (Or a label of the site's before them, 文档介绍：<the text>, goes alone.)
            phrase = self.match_phrase(folded[us:ue].rstrip(), own)
            authors = phrase and (folded[us:us + phrase[1]].strip() or folded[us + phrase[2]:ue].strip())
            hit = None if authors else self.match_sentence(folded[us:ue], own)
            if hit is None and phrase:
                # Only the phrase goes: the rest of the sentence is the author's.
                rule, at, to = phrase
                claim(rule, [], us + at, us + to)
                us, ue, phrased = (us, us + at, True) if at > 0 else (us + to, ue, True)
            hits.append((us, ue, hit))
        # What the sentence rules left is read as the line it will be once they are done
        # (when they took nothing, the line rules have already had that very text).
        leftover = "".join(folded[s:e] for s, e, h in hits if not h).strip() if units else folded[start:end].strip()
        took_some = any(h for *_, h in hits)
        fallback = None
        if leftover:
            fallback = (took_some and self.match_line(leftover, possible=possible)) or self.match_line(
                leftover, fallback=True, possible=possible)
        if fallback and not units:  # no sentence rule could take anything: the piece is the line
            claim(*fallback, start, min(end + 1, len(folded)) if end == line_end else end)
            return
        if fallback:
            hits = [(s, e, h or fallback) for s, e, h in hits]
        if not hits or not any(h for *_, h in hits):
            return
        whole_line = all(h for *_, h in hits) and not phrased
        for i, (s, e, hit) in enumerate(hits):
            if not hit:
                continue
            if whole_line and i == 0:
                s = start
            if whole_line and i == len(hits) - 1 and end == line_end:
                e = min(end + 1, len(folded))
            claim(*hit, s, e)
