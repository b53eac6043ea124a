"""`diff` for people: plain or coloured text (a terminal) and Markdown (a pull request).

Both read the same `VersionDiff`; the HTML report is in `report_html`. Long lists are cut
at `limit` entries with a count of the rest; changed documents are shown in detail up to
the number `add_details` filled in.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from rich.text import Text

from pipeline.changes import change_lines
from pipeline.diff import ChangedDocument, VersionDiff
from pipeline.textdiff import Change, Hunk, trim

STYLE = {"delete": "bold red strike", "insert": "bold green", "equal": ""}
MARK = {"delete": ("[-", "-]"), "insert": ("{+", "+}"), "equal": ("", "")}
MAX_CHANGES_SHOWN = 8  # per paragraph, in text and Markdown


def doc_label(row: dict[str, Any]) -> str:
    return f"{row['source']}#{row['doc_index']}"


def summary_rows(d: VersionDiff) -> list[tuple[str, int, int, int]]:
    return [(name, t["old"], t["new"], t["change"]) for name, t in d.totals.items()]


def build_lines(d: VersionDiff) -> list[str]:
    """Pipeline, config, inputs, schema, rejected and dropped files, card: one sentence each."""
    lines = [x for x in change_lines(d.old_manifest, d.new_manifest) if not x.startswith(("`", "Nothing"))]
    lines += [f"Schema of `{s['table']}`: column `{s['column']}` {s['change']}"
              + (f" ({s['old']} → {s['new']})" if s["change"] == "type" else "") + "." for s in d.schema]
    for kind in ("rejected", "dropped", "ignored"):
        p = d.problems[kind]
        lines += [f"Newly {kind}: {r['source']} ({r['reason']})." for r in p["added"]]
        lines += [f"No longer {kind}: {r['source']}." for r in p["removed"]]
    if d.card.get("metadata") or d.card.get("sections"):
        lines.append(f"Card: metadata {', '.join(d.card['metadata']) or 'unchanged'}; "
                     f"sections {', '.join(d.card['sections']) or 'unchanged'}.")
    return lines


def document_counts(d: VersionDiff) -> str:
    return (f"{len(d.added)} added, {len(d.removed)} removed, {len(d.changed)} changed, "
            f"{len(d.renamed)} renamed, {d.unchanged} unchanged")


def capped(items: list[Any], limit: int) -> tuple[list[Any], int]:
    return items[:limit], max(0, len(items) - limit)


def edit_line(e: dict[str, Any]) -> str:
    state = "applied" if e["applied"] else "suggested"
    side = f"{e['version']}: " if e.get("version") else ""
    return f"{side}{e['stage']}/{e['rule']} {state} {e['before']!r} → {e['after']!r}"


def _explanation(change: Change, input_changed: bool) -> str:
    if change.edits:
        return "; ".join(edit_line(e) for e in change.edits)
    return "the input file changed here" if input_changed else "no edit on this spot differs"


def input_file_changed(d: VersionDiff, c: ChangedDocument) -> bool:
    old_sha = d.old_manifest["inputs"].get(c.old["source"])
    return old_sha != d.new_manifest["inputs"].get(c.new["source"])


def explanations(hunk: Hunk, input_changed: bool = False) -> list[str]:
    """What explains each change of a paragraph; the same change made many times (every
    comma of a paragraph made full-width) is one line with a count."""
    counts = Counter((c.old, c.new, _explanation(c, input_changed)) for c in hunk.changes)
    return [f"{old!r} → {new!r}{f' ×{n}' if n > 1 else ''}: {why}" for (old, new, why), n in counts.items()]


def visible(text: str) -> str:
    """Line breaks, and a change that is only spaces, made visible."""
    text = text.replace("\n", "⏎")
    return text.replace(" ", "␣").replace("\t", "⇥") if not text.strip() else text


def hunk_lines(hunks: list[Hunk], context: int, colour: bool, input_changed: bool = False) -> Iterator[Text]:
    """Each changed paragraph on one line (at most MAX_CHANGES_SHOWN changes of it), then
    what explains its changes."""
    for h in hunks:
        where = f"¶{h.new_line + 1}" if h.new_line is not None else f"¶{h.old_line + 1} (old)"
        line = Text(f"    {where} ")
        changes, previous = 0, "equal"
        for p in trim(h.pieces, context):
            changes += p.op != "equal" and previous == "equal"
            previous = p.op
            if changes > MAX_CHANGES_SHOWN:
                line.append(f" … {len(h.changes) - MAX_CHANGES_SHOWN} more change(s)", style="dim")
                break
            text = visible(p.text)
            line.append(text if colour else f"{MARK[p.op][0]}{text}{MARK[p.op][1]}", style=STYLE[p.op] or None)
        if not h.pieces:
            line.append("(an empty paragraph)", style="dim")
        yield line
        for why in explanations(h, input_changed):
            yield Text(f"      ↳ {why}", style="dim")


def render_text(d: VersionDiff, limit: int = 20, context: int = 20, colour: bool = False) -> list[Text | str]:
    out: list[Text | str] = [Text(f"{d.old} → {d.new}", style="bold")]
    out += [f"  {line}" for line in build_lines(d)]
    out.append(Text(f"documents: {document_counts(d)}", style="bold"))
    for sign, rows in (("+", d.added), ("-", d.removed)):
        shown, more = capped(rows, limit)
        out += [Text(f"  {sign} {doc_label(r)} {r.get('title')!r}", style="green" if sign == "+" else "red")
                for r in shown]
        out += [f"  … and {more} more ({'added' if sign == '+' else 'removed'})"] if more else []
    shown, more = capped(d.renamed, limit)
    out += [f"  = {doc_label(a)} → {doc_label(b)} (renamed, same text)" for a, b in shown]
    out += [f"  … and {more} more renamed"] if more else []
    out.append(Text("totals:            old         new      change", style="bold"))
    out += [f"  {name:<14}{a:>10,}  {b:>10,}  {c:>+10,}" for name, a, b, c in summary_rows(d)]
    moved, more = capped(d.changed_rules, limit)
    if moved:
        out.append(Text("edits by rule (applied; suggested):", style="bold"))
        out += [f"  {e['stage']}/{e['rule']}: {e['old']['applied']} → {e['new']['applied']}"
                f"  ({e['old']['suggested']} → {e['new']['suggested']})" for e in moved]
        out += [f"  … and {more} more rules"] if more else []
    for c in d.changed:
        if c.hunks is None:
            continue
        renamed = f" (was {doc_label(c.old)})" if c.renamed else ""
        out.append(Text(f"~ {doc_label(c.new)}{renamed} {c.new.get('title')!r}", style="bold yellow"))
        out += [f"    {k}: {a!r} → {b!r}" for k, (a, b) in c.fields.items()]
        out += list(hunk_lines(c.hunks, context, colour, input_file_changed(d, c)))
    hidden = sum(1 for c in d.changed if c.hunks is None)
    if hidden:
        out.append(f"… and {hidden} more changed document(s) not shown (--show)")
    return out


def _md_code(text: str) -> str:
    """`text` as a Markdown code span, whatever backticks it holds."""
    fence = "`" * (max((len(s) for s in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _md_table(header: list[str], rows: list[list[Any]]) -> list[str]:
    cells = [[str(x).replace("|", "\\|") for x in row] for row in rows]
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] + ["| " + " | ".join(r) + " |" for r in cells]


def _md_documents(d: VersionDiff, limit: int) -> list[str]:
    out = [f"**{document_counts(d)}**", ""]
    for title, rows in (("Added", d.added), ("Removed", d.removed), ("Changed", [c.new for c in d.changed])):
        shown, more = capped(rows, limit)
        if shown:
            out += [f"{title}:", ""] + [f"- {_md_code(doc_label(r))} {r.get('title') or ''}" for r in shown]
            out += [f"- … and {more} more"] if more else []
            out.append("")
    shown, more = capped(d.renamed, limit)
    out += [f"- renamed {_md_code(doc_label(a))} → {_md_code(doc_label(b))}" for a, b in shown]
    return out + ([f"- … and {more} more renamed"] if more else [])


def _md_changed(d: VersionDiff, c: ChangedDocument, context: int) -> list[str]:
    out = [f"### {_md_code(doc_label(c.new))} {c.new.get('title') or ''}", ""]
    out += [f"- {_md_code(k)}: {_md_code(repr(a))} → {_md_code(repr(b))}" for k, (a, b) in c.fields.items()]
    body = [str(line) for line in hunk_lines(c.hunks or [], context, False, input_file_changed(d, c))]
    if body:
        fence = "~" * max(4, max((len(s) for s in re.findall("~+", "\n".join(body))), default=0) + 1)
        out += ["", fence] + [line[4:] for line in body] + [fence]
    return out + [""]


def render_markdown(d: VersionDiff, limit: int = 20, context: int = 20) -> str:
    out = [f"# Diff {_md_code(str(d.old))} → {_md_code(str(d.new))}", "",
           *_md_table(["total", "old", "new", "change"], [[n, f"{a:,}", f"{b:,}", f"{c:+,}"]
                                                          for n, a, b, c in summary_rows(d)]), "",
           "## Build", ""]
    out += [f"- {line}" for line in build_lines(d)] or ["- same pipeline, configuration and inputs"]
    out += ["", "## Documents", ""] + _md_documents(d, limit)
    rows, more = capped(d.changed_rules, limit)
    out += ["", "## Edits by rule (changed only)", ""]
    out += _md_table(["stage", "rule", "applied", "suggested"],
                     [[e["stage"], e["rule"], f"{e['old']['applied']} → {e['new']['applied']}",
                       f"{e['old']['suggested']} → {e['new']['suggested']}"] for e in rows]) if rows else ["None."]
    out += [f"\n… and {more} more rules"] if more else []
    shown = [c for c in d.changed if c.hunks is not None]
    if shown:
        out += ["", "## Changed documents", "", "`[-removed-]{+added+}`; ↳ the edits that explain each change.", ""]
        for c in shown:
            out += _md_changed(d, c, context)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).rstrip() + "\n"
