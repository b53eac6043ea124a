"""HTML reports: one self-contained file each (inline CSS, SVG and script; nothing fetched).

Every piece of text that comes from the data (titles, paragraphs, rule names, reasons)
goes through `html.escape`, so a `<script>` inside a document shows as text and never
runs. The page's one script filters the documents by what is typed in the search box.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from pipeline.diff import ChangedDocument, VersionDiff
from pipeline.diff_render import (
    build_lines,
    capped,
    doc_label,
    document_counts,
    explanations,
    input_file_changed,
    summary_rows,
)
from pipeline.svg import bar_chart
from pipeline.textdiff import Hunk, trim

CSS = """
body{font-family:system-ui,sans-serif;margin:1.5em auto;max-width:1200px;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:3px 8px;vertical-align:top}
th{background:#f3f3f3;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}
del{background:#ffd7d5;color:#82071e;text-decoration:line-through}ins{background:#ccffd8;color:#055d20;text-decoration:none}
details.doc{border:1px solid #ddd;border-radius:4px;margin:.4em 0;padding:.3em .6em}
details.doc summary{cursor:pointer;font-weight:600}table.sbs{width:100%;table-layout:fixed}
table.sbs td{white-space:pre-wrap;word-break:break-all;font-size:14px}.why{color:#555;font-size:12px}
.changed{background:#fff5d6}input[type=search]{width:24em;padding:4px;font-size:14px}.muted{color:#777}
"""
FILTER_SCRIPT = """
document.getElementById('filter').addEventListener('input', function (ev) {
  var q = ev.target.value.toLowerCase(), shown = 0, items = document.querySelectorAll('[data-searchable]');
  items.forEach(function (el) {
    var hit = !q || el.textContent.toLowerCase().indexOf(q) >= 0;
    el.hidden = !hit; if (hit) { shown++; }
  });
  document.getElementById('filter-count').textContent = q ? shown + ' of ' + items.length + ' shown' : '';
});
"""


def e(value: Any) -> str:
    return escape(str(value), quote=True)


def e_code(line: str) -> str:
    """A sentence whose `names` are Markdown code spans, escaped, the spans as <code>."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", e(line))


def page(title: str, body: str, script: str = "") -> str:
    tail = f"<script>{script}</script>" if script else ""
    return (f'<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8"><title>{e(title)}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<style>{CSS}</style></head><body>\n{body}\n{tail}</body></html>\n")


def table(header: list[str], rows: list[list[Any]], numeric_from: int = 1, css: str = "") -> str:
    head = "".join(f"<th>{e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f'<td{" class=num" if i >= numeric_from else ""}>{e(c)}</td>'
                                    for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _side(hunk: Hunk, keep: str, context: int) -> str:
    tag = {"delete": "del", "insert": "ins"}
    out = []
    for p in trim(hunk.pieces, context):
        if p.op == "equal":
            out.append(e(p.text))
        elif p.op == keep:
            out.append(f"<{tag[p.op]}>{e(p.text)}</{tag[p.op]}>")
    return "".join(out)


def _document(c: ChangedDocument, context: int, input_changed: bool) -> str:
    fields = table(["field", "old", "new"], [[k, repr(a), repr(b)] for k, (a, b) in c.fields.items()], 9) \
        if c.fields else ""
    rows = []
    for h in c.hunks or []:
        where = (f"¶{h.old_line + 1 if h.old_line is not None else '–'} → "
                 f"¶{h.new_line + 1 if h.new_line is not None else '–'}")
        why = "<br>".join(e(line) for line in explanations(h, input_changed))
        rows.append(f'<tr><td>{_side(h, "delete", context)}</td><td>{_side(h, "insert", context)}</td></tr>'
                    f'<tr><td colspan="2" class="why">{e(where)} · {why}</td></tr>')
    sbs = (f'<table class="sbs"><thead><tr><th>old</th><th>new</th></tr></thead><tbody>{"".join(rows)}</tbody>'
           f"</table>") if rows else ""
    renamed = f" (was {e(doc_label(c.old))})" if c.renamed else ""
    n = sum(len(h.changes) for h in c.hunks or [])
    return (f'<details class="doc" data-searchable><summary>~ {e(doc_label(c.new))}{renamed} '
            f'{e(c.new.get("title") or "")} <span class="muted">({n} change(s) in {len(c.hunks or [])} '
            f"paragraph(s))</span></summary>{fields}{sbs}</details>")


def _edit_charts(d: VersionDiff, limit: int) -> str:
    stages = d.edits_by_stage
    stage_chart = bar_chart([s["stage"] for s in stages],
                            [("old", [s["old"]["applied"] for s in stages]), ("new", [s["new"]["applied"] for s in stages])],
                            "Edits applied per stage")
    rules = d.changed_rules or d.edits
    rules, more = capped(sorted(rules, key=lambda r: -max(r["old"]["applied"], r["new"]["applied"])), limit)
    rule_chart = bar_chart([f"{r['stage']}/{r['rule']}" for r in rules],
                           [("old", [r["old"]["applied"] for r in rules]), ("new", [r["new"]["applied"] for r in rules])],
                           "Edits applied per rule" + (" (rules whose counts changed)" if d.changed_rules else ""))
    rows = [[r["stage"], r["rule"], r["old"]["applied"], r["new"]["applied"], r["old"]["suggested"],
             r["new"]["suggested"]] for r in d.edits]
    note = f'<p class="muted">… and {more} more rules in the table.</p>' if more else ""
    return (f"<figure>{stage_chart}</figure><figure>{rule_chart}</figure>{note}<details><summary>All rules</summary>"
            + table(["stage", "rule", "old applied", "new applied", "old suggested", "new suggested"], rows, 2)
            + "</details>")


def _listing(d: VersionDiff, limit: int) -> str:
    out = []
    for sign, rows in (("+ added", d.added), ("− removed", d.removed)):
        shown, more = capped(rows, limit)
        out += [f"<li data-searchable>{e(sign)} {e(doc_label(r))} {e(r.get('title') or '')}</li>" for r in shown]
        out += [f"<li>… and {more} more</li>"] if more else []
    shown, more = capped(d.renamed, limit)
    out += [f"<li data-searchable>= {e(doc_label(a))} → {e(doc_label(b))} (renamed, same text)</li>" for a, b in shown]
    out += [f"<li>… and {more} more renamed</li>"] if more else []
    return f"<ul>{''.join(out)}</ul>" if out else ""


def render_diff_html(d: VersionDiff, limit: int = 20, context: int = 60) -> str:
    summary = table(["total", "old", "new", "change"], [[n, f"{a:,}", f"{b:,}", f"{c:+,}"]
                                                        for n, a, b, c in summary_rows(d)])
    build = "".join(f"<li>{e_code(line)}</li>" for line in build_lines(d)) or "<li>same pipeline, config and inputs</li>"
    shown = [c for c in d.changed if c.hunks is not None]
    hidden = len(d.changed) - len(shown)
    docs = "".join(_document(c, context, input_file_changed(d, c)) for c in shown)
    docs += f'<p class="muted">… and {hidden} more changed document(s) not shown (--show).</p>' if hidden else ""
    verdict = "The two versions differ." if d.differs else "No difference."
    body = f"""<h1>Diff {e(d.old)} → {e(d.new)}</h1>
<section id="summary"><h2>Summary</h2><p><strong>{e(verdict)}</strong> Documents: {e(document_counts(d))}.</p>
{summary}
<p class="muted">old: {e(d.old_manifest['version'])}, pipeline {e(d.old_manifest['pipeline_version'])};
new: {e(d.new_manifest['version'])}, pipeline {e(d.new_manifest['pipeline_version'])}</p></section>
<section id="build"><h2>Build</h2><ul>{build}</ul></section>
<section id="edits"><h2>Edits per stage and rule</h2>{_edit_charts(d, limit)}</section>
<section id="documents"><h2>Documents</h2>
<p><input id="filter" type="search" placeholder="Filter documents (source, title, text)…" aria-label="filter">
<span id="filter-count" class="muted"></span></p>{_listing(d, limit)}{docs}</section>"""
    return page(f"Diff {d.old} → {d.new}", body, FILTER_SCRIPT)
