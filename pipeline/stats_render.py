"""`stats VERSION`: the numbers of stats.json as text, and as an HTML page with plots."""

from __future__ import annotations

from typing import Any

from pipeline.report_html import FILTER_SCRIPT, e, page, table
from pipeline.svg import bar_chart, histogram

LENGTH_LABELS = {"document_chars": "characters per document", "sentences_per_document": "sentences per document",
                 "tokens_per_document": "jieba tokens per document"}


def _quantile_row(name: str, dist: dict[str, Any]) -> list[Any]:
    if not dist.get("count"):
        return [name, 0, "", "", "", "", ""]
    q = dist["quantiles"]
    return [name, f"{dist['count']:,}", f"{dist['min']:,.0f}", f"{q['p25']:,.0f}", f"{q['p50']:,.0f}",
            f"{q['p75']:,.0f}", f"{dist['max']:,.0f}"]


def _distributions(stats: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    rows = [(LENGTH_LABELS.get(k, k), v) for k, v in stats["lengths"].items()]
    return rows + [(f"column `{k}`", v) for k, v in stats["columns"].items() if k != "n_chars"]


def _rule_rows(stats: dict[str, Any]) -> list[list[Any]]:
    return [[r["stage"], r["rule"], r["applied"], r["suggested"], r["chars_removed"]] for r in stats["edits"]["by_rule"]]


def render_stats_text(stats: dict[str, Any], limit: int = 20) -> list[str]:
    t = stats["totals"]
    out = [f"version {stats.get('version')}: " + ", ".join(f"{k} {v:,}" for k, v in t.items()),
           "", f"{'distribution':<34}{'count':>8}{'min':>9}{'p25':>9}{'median':>9}{'p75':>9}{'max':>9}"]
    out += ["{:<34}{:>8}{:>9}{:>9}{:>9}{:>9}{:>9}".format(*_quantile_row(n, d)) for n, d in _distributions(stats)]
    out += ["", f"{'edits by stage':<34}{'applied':>9}{'suggested':>10}{'removed':>9}"]
    out += [f"  {s:<32}{v['applied']:>9,}{v['suggested']:>10,}{v['chars_removed']:>9,}"
            for s, v in stats["edits"]["by_stage"].items()]
    rules = sorted(stats["edits"]["by_rule"], key=lambda r: -(r["applied"] + r["suggested"]))
    out += ["", f"top rules (of {len(rules)}):"]
    out += [f"  {r['stage'] + '/' + r['rule']:<40}{r['applied']:>8,} applied{r['suggested']:>6,} suggested"
            for r in rules[:limit]]
    for kind in ("dropped_by_reason", "rejected_by_reason"):
        reasons = stats.get(kind, {})
        out.append(f"{kind.replace('_', ' ')}: " + (", ".join(f"{k} {v}" for k, v in reasons.items()) or "none"))
    f = stats.get("files", {})
    out.append(f"Parquet on disk {f.get('download_size', 0):,} bytes, in memory {f.get('dataset_size', 0):,} bytes")
    return out


def _histograms(stats: dict[str, Any]) -> str:
    figures = []
    for name, dist in _distributions(stats):
        if dist.get("count"):
            h = dist["histogram"]
            figures.append(f"<figure>{histogram(h['edges'], h['counts'], name, name)}</figure>")
    return "".join(figures)


def render_stats_html(stats: dict[str, Any], title: str, limit: int = 30) -> str:
    t = stats["totals"]
    totals = table(["total", "value"], [[k, f"{v:,}"] for k, v in t.items()])
    dists = table(["distribution", "count", "min", "p25", "median", "p75", "max"],
                  [_quantile_row(n, d) for n, d in _distributions(stats)])
    stages = stats["edits"]["by_stage"]
    stage_chart = bar_chart(list(stages), [("applied", [v["applied"] for v in stages.values()]),
                                           ("suggested", [v["suggested"] for v in stages.values()])],
                            "Edits per stage")
    rules = sorted(stats["edits"]["by_rule"], key=lambda r: -(r["applied"] + r["suggested"]))[:limit]
    rule_chart = bar_chart([f"{r['stage']}/{r['rule']}" for r in rules],
                           [("applied", [r["applied"] for r in rules]), ("suggested", [r["suggested"] for r in rules])],
                           f"Edits per rule (top {len(rules)})")
    reasons = [[kind.split("_")[0], reason, n] for kind in ("dropped_by_reason", "rejected_by_reason")
               for reason, n in stats.get(kind, {}).items()]
    body = f"""<h1>{e(title)}</h1>
<section id="summary"><h2>Summary</h2>{totals}</section>
<section id="lengths"><h2>Distributions</h2>{dists}{_histograms(stats)}</section>
<section id="edits"><h2>Edits</h2><figure>{stage_chart}</figure><figure>{rule_chart}</figure>
<p><input id="filter" type="search" placeholder="Filter rules…" aria-label="filter"> <span id="filter-count"></span></p>
{_rule_table(stats)}</section>
<section id="problems"><h2>Dropped and rejected</h2>
{table(["what", "reason", "count"], reasons, 2) if reasons else "<p>None.</p>"}</section>"""
    return page(title, body, FILTER_SCRIPT)


def _rule_table(stats: dict[str, Any]) -> str:
    rows = "".join("<tr data-searchable>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>"
                   for row in _rule_rows(stats))
    return ("<table><thead><tr><th>stage</th><th>rule</th><th>applied</th><th>suggested</th>"
            f"<th>characters removed</th></tr></thead><tbody>{rows}</tbody></table>")
