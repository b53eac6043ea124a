"""The shapes chrome_context gives a line by itself: the shape rules of its rule file
(counter, digit, byline, labelled, separated rows, buttons, more-links, prices, counts)
and its anchors (prose, dates, headings, titles), as tests on one stripped, folded line.
What the line's neighbours make of it is chrome_context's (`context_blocks.decide`)."""

from __future__ import annotations

import re

from pipeline.metadata import BARE_FACT, UPLOAD_FIELDS
from pipeline.rulebook import Rule
from pipeline.stages.chrome_cards import COUNT_OR_RATING, PRICE_FIELD, fact_row
from pipeline.stages.context_blocks import ANCHOR, SHAPE, UNDECIDED, fields_of
from pipeline.stages.context_page import LABEL, SECURITIES_HEADER, names_a_fact
from pipeline.stages.pagination_scans import LIST_START
from pipeline.stages.title_shapes import barred_title
from pipeline.titles import bundle_count, strip_tag

SENTENCE = re.compile(r"[。！？!?]")
DIGIT, _DIGIT_GROUP = re.compile(r"\d"), re.compile(r"\d+")
# A comma between clauses (not one that groups a number's thousands: 41,602).
# A line in round brackets with Chinese in it (（考试时间 100分钟　满分 120分）): the author's aside.
_ASIDE = re.compile(r"\([^()]*[\u4e00-\u9fff][^()]*\)")
_CLAUSE_COMMA = re.compile(r",(?!\d{3}(?!\d))|(?<!\d),")


def one_of(patterns) -> re.Pattern[str]:
    """One pattern for several: group names dropped (they may repeat), a leading (?i) kept
    as a scoped flag."""
    parts = []
    for p in patterns:
        p = re.sub(r"[(][?]P<[^>]+>", "(?:", p)
        parts.append(f"(?i:{p[4:]})" if p.startswith("(?i)") else f"(?:{p})")
    return re.compile("|".join(parts) or "(?!)")


_HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_HAN = re.compile(f"[{_HAN_CLASS}]")


def han_count(line: str) -> int:
    return len(_HAN.findall(line))


# A document's name and what the site says of its file (乡镇工作汇报 · 6页, 某某方案 | DOCX | 18KB).
_LISTED_FIELDS = re.compile(r"\s*[·•|｜]\s*")


# Cells of a row that lists several (two spaces or more apart), and a cell's fields (a space
# sets them apart there: 护理工作总结 6页 ￥3.80).
_CELLS = re.compile(r"[ \t]{2,}|\u3000{2,}")
_CELL_FIELDS = re.compile(r"\s*[·•|｜]\s*|\s+")


def listed_document(line: str) -> bool:
    """Other documents listed below the body: a title of six Han characters or more, then its
    file's facts only (pages, size, format, date), set apart by dots or bars; or a row of such
    cells, each a title and what the site says of it (its pages, rating, price, readers:
    乡镇工作汇报 4.5分 ￥2.00　　村级工作总结 6页 ￥1.50)."""
    name, *facts = _LISTED_FIELDS.split(line)
    if facts and _listed_name(name) and all(BARE_FACT.fullmatch(f.strip()) for f in facts):
        return True
    cells = _CELLS.split(line.strip())
    return len(cells) >= 2 and all(_listed_cell(c) for c in cells)


def _listed_name(name: str) -> bool:
    # (Not a labelled line, 附件：<name> · 1页: the author's attachment.)
    return han_count(name) >= 6 and not SENTENCE.search(name) and not re.search("[:：，,]", name)


def _listed_cell(cell: str) -> bool:
    name, *facts = _CELL_FIELDS.split(cell.strip())
    return bool(facts) and _listed_name(name) and all(
        BARE_FACT.fullmatch(f) or COUNT_OR_RATING.fullmatch(f) or PRICE_FIELD.fullmatch(f) for f in facts)


# A document's number alone on its line, as a judgment or an official document prints it under
# its issuer's name: the year in brackets, a code, a number and 号 ((2024)湘0791民初3418号, 芷府发[2025]3号).
_DOCUMENT_NUMBER = re.compile(r"[\u4e00-\u9fff]{0,10}\s*[(\[〔【]\s*\d{4}\s*[)\]〕】]"
                              r"\s*[\u4e00-\u9fff\dA-Za-z]{0,16}?\d+\s*号\s*")
_BLANKS_TO_FILL = re.compile(r"[＿_]{3,}|□|（\s{2,}）|\(\s{2,}\)")


def _names_a_contact(fields: list[str]) -> bool:
    """A row that names a person to contact (联系人：王某　电话：…, 经办人：…): the author's, for
    a site names no one under a key of its own but the uploader (上传人, 分享人)."""
    for f in fields:
        m = LABEL.match(f)
        key = m and (m.group(1) or m.group(2))
        if key and key.endswith("人") and key not in UPLOAD_FIELDS:
            return True
    return False


class Shapes:
    """The shape rules of the rule file, and its anchors, as tests on one stripped, folded line."""

    def __init__(self, rules: dict[str, Rule], anchors: dict, page_numbers: Rule, doc_types: list[str]) -> None:
        self.x = {name: rule.extra for name, rule in rules.items()}
        self.rules = rules
        self.page_number = one_of(p.pattern for p in page_numbers.patterns)
        self.buttons, self.more, self.byline_date = (one_of(p.pattern for p in rules[name].patterns)
                                                     for name in ("bracket_buttons", "more_link", "byline_row"))
        self.max_short = int(self.x["between_chrome"].get("max_short_chars", 30))
        self.price = one_of(p.pattern for p in rules["price_offer"].patterns)
        self.count_line = one_of(p.pattern for p in rules["count_line"].patterns)
        self.max_price = int(self.x["price_offer"].get("max_chars", 24))
        self.min_prose_han = int(anchors.get("prose_min_han", 6))
        # Enough Han characters, found without counting them all in a long line.
        self.enough_han = re.compile(f"(?:[^{_HAN_CLASS}]*[{_HAN_CLASS}]){{{self.min_prose_han}}}")
        self.title_min_han = int(anchors.get("title_min_han", 4))
        self.title_min_han_share = float(anchors.get("title_min_han_share", 0.6))
        self.date = one_of(anchors.get("date_line", []))
        kinds = "|".join(map(re.escape, sorted(doc_types, key=len, reverse=True)))
        self.doc_title = re.compile(rf"(?:{kinds})(?:\([^()]{{1,12}}\))?") if kinds else re.compile("(?!)")

    def is_prose(self, line: str) -> bool:
        """A sentence: 。！？ in the line and enough Han characters."""
        return bool(SENTENCE.search(line)) and bool(self.enough_han.match(line))

    def classify(self, line: str, below_body: bool) -> tuple[str, str]:
        """(class, shape or kind) of a stripped, folded line that is not prose."""
        if self.date.fullmatch(line):
            return ANCHOR, "date_line"
        if self.page_number.fullmatch(line):
            return SHAPE, "page_number_line"
        shape = self.chrome_shape(line)
        if shape:
            return SHAPE, shape
        if below_body and listed_document(line):
            return SHAPE, "listed_document"
        if LIST_START.match(line):
            return ANCHOR, "heading"
        if bundle_count(line) > 1:
            return ANCHOR, "title"  # the page's title saying it bundles several documents (2篇 …)
        if below_body and 2 <= len(line) <= 3 and han_count(line) == len(line):
            return ANCHOR, "name"  # a signature
        if len(line) > self.max_short and not line.endswith((":", "：")):
            return ANCHOR, "long_line"
        if self.title_shaped(line) and (below_body or not names_a_fact(line)):
            # Above the body it is the title or a subtitle; below it, verse, a signature or a
            # heading, unless it names a kind of document: another document's title.
            if below_body and any(m.end() == len(line) for m in self.doc_title.finditer(line)):
                return UNDECIDED, "document_title"
            return ANCHOR, "title"
        return UNDECIDED, ""

    def title_shaped(self, line: str) -> bool:
        """Mostly Han, one field, not a lead-in or label (a title ends in no colon); a
        bracketed tag before it ([经验交流] <title>) is the site's and not counted."""
        line = strip_tag(line)
        han = han_count(line)
        fields = fields_of(line)
        # One field; or a name and its kind of document apart by one space (<课题> 教学设计).
        # Or a headline after its series by a bar (title_shapes.barred_title).
        one_title = len(fields) == 1 or len(fields) == 2 and line.count(" ") == 1 \
            and any(m.end() == len(line) and m.start() >= line.index(" ") for m in self.doc_title.finditer(line)) \
            or barred_title(line)
        return han >= self.title_min_han and han >= self.title_min_han_share * len(line) \
            and one_title and not line.endswith(":")

    def chrome_shape(self, line: str) -> str:
        """The name of the chrome shape this line has, or ''."""
        if SENTENCE.search(line) or _CLAUSE_COMMA.search(line) or _ASIDE.fullmatch(line):
            return ""
        x = self.x
        if self.buttons.fullmatch(line):
            return "bracket_buttons"
        if len(line) <= self.max_short and self.more.search(line):
            return "more_link"
        if len(line) <= self.max_price and self.price.search(line):
            return "price_offer"
        if self.count_line.fullmatch(line):
            return "count_line"
        if len(line) <= 60 and fact_row(line):
            return "fact_row"
        if len(line) <= 60 and len(line.split()) >= 2 and self.byline_date.search(line):
            return "byline_row"
        if _DOCUMENT_NUMBER.fullmatch(line):
            return ""  # the document's own number (a judgment's 案号, an official document's 文号)
        visible = len(line) - line.count(" ")
        digits = len(DIGIT.findall(line))
        if len(line) <= 60 and digits >= float(x["digit_row"].get("min_digit_share", 0.4)) * visible \
                and len(_DIGIT_GROUP.findall(line)) >= int(x["digit_row"].get("min_numbers", 3)):
            return "digit_row"
        fields = fields_of(line)
        if len(fields) >= 2 and _BLANKS_TO_FILL.search(line):
            return ""  # fields left blank to fill in (姓名：＿＿＿＿) are the document's form, no site's row
        if len(fields) >= 2 and all(LABEL.match(f) for f in fields) and not SECURITIES_HEADER.match(line) \
                and not _names_a_contact(fields):
            return "labelled_row"
        if len(fields) >= 2 and all(len(f) <= int(x["counter_row"].get("max_field_chars", 12)) for f in fields):
            with_digits = sum(bool(DIGIT.search(f)) for f in fields)
            if with_digits >= 2 and with_digits >= float(x["counter_row"].get("min_digit_share", 0.66)) * len(fields):
                return "counter_row"
        # (A heading set in spaced letters, 供 货 合 同, is no row of fields.)
        if len(fields) >= int(x["separated_row"].get("min_fields", 3)) and all(
                len(f) <= int(x["separated_row"].get("max_field_chars", 10)) for f in fields) \
                and not all(len(f) == 1 for f in fields):
            return "separated_row"
        return ""
