"""The audit commands: `edits`, `diff`, `explain`, `stats` (registered on the app in cli.py).

Versions are given as folders (`data/seeds/v2`) or as names (`v2`, under `--output` and
`--name`, or the only dataset there). Errors are one line naming the problem, exit
code 2; `diff` exits 0 when the versions do not differ and 1 when they do, like diff(1).
"""

from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from itertools import islice
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.text import Text

from pipeline.publish import VERSION_DIR, list_versions

OutputOpt = Annotated[Path, typer.Option("--output", help="Folder of published datasets (for version names).")]
NameOpt = Annotated[Optional[str], typer.Option("--name", help="Dataset name (default: the only one in --output).")]
OutOpt = Annotated[Optional[Path], typer.Option("--out", "-o", help="Write the report to this file, not stdout.")]
ColorOpt = Annotated[Optional[bool], typer.Option("--color/--no-color", help="Colour (default: stdout is a terminal).")]


class DiffFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"
    html = "html"


class EditsFormat(str, Enum):
    text = "text"
    jsonl = "jsonl"
    csv = "csv"


class TextOrJson(str, Enum):
    text = "text"
    json = "json"


def _dataset_dir(output: Path, name: str | None) -> Path:
    if name:
        return output / name
    found = sorted(p for p in output.iterdir() if p.is_dir() and list_versions(p)) if output.is_dir() else []
    if len(found) != 1:
        names = ", ".join(p.name for p in found) or "none"
        raise typer.BadParameter(f"{output} holds {len(found)} datasets ({names}): give --name or a version folder")
    return found[0]


def resolve_version(arg: str, output: Path, name: str | None) -> Path:
    """A version folder, or a version name (`v3`) looked up under OUTPUT/NAME."""
    path = Path(arg)
    if (path / "manifest.json").is_file():
        return path
    if VERSION_DIR.match(arg) and not path.exists():
        dataset = _dataset_dir(output, name)
        if (dataset / arg / "manifest.json").is_file():
            return dataset / arg
        known = ", ".join(p.name for p in list_versions(dataset)) or "none"
        raise typer.BadParameter(f"{arg}: no such version in {dataset} (versions: {known})")
    if path.is_dir():
        raise typer.BadParameter(f"{path} is not a published version (no manifest.json)")
    raise typer.BadParameter(f"{arg}: no such version folder or version name")


def _emit(lines: list[Text | str], out: Path | None, colour: bool | None) -> None:
    if out is not None:
        out.write_text("\n".join(str(x) for x in lines) + "\n", encoding="utf-8")
        return
    console = Console(force_terminal=bool(colour), no_color=not colour, highlight=False, soft_wrap=True)
    for line in lines:
        console.print(line if isinstance(line, Text) else Text(line))


def _write(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")


def _colour(color: bool | None) -> bool:
    return sys.stdout.isatty() if color is None else color


def _fail(exc: Exception) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(2)


def diff(
    old: Annotated[Optional[str], typer.Argument(help="Older version: folder or name (default: second newest).")] = None,
    new: Annotated[Optional[str], typer.Argument(help="Newer version: folder or name (default: newest).")] = None,
    format: Annotated[DiffFormat, typer.Option("--format", help="text, markdown, json or html.")] = DiffFormat.text,
    output: OutputOpt = Path("data"),
    name: NameOpt = None,
    show: Annotated[int, typer.Option(help="Changed documents shown in detail.")] = 10,
    limit: Annotated[int, typer.Option(help="Entries shown per list before '… and N more'.")] = 20,
    context: Annotated[int, typer.Option(help="Unchanged characters shown either side of a change.")] = 20,
    out: OutOpt = None,
    color: ColorOpt = None,
) -> None:
    """What changed between two versions: documents, text inside paragraphs, edits, build. Exit 0 same, 1 differ."""
    from pipeline.diff import add_details, diff_versions
    from pipeline.diff_render import render_markdown, render_text
    from pipeline.report_html import render_diff_html

    if (old is None) != (new is None):
        raise typer.BadParameter("give two versions, or none for the two newest")
    if old is None:
        versions = list_versions(_dataset_dir(output, name))
        if len(versions) < 2:
            raise typer.BadParameter("fewer than two versions to compare")
        a, b = versions[-2], versions[-1]
    else:
        a, b = resolve_version(old, output, name), resolve_version(str(new), output, name)
    try:
        d = diff_versions(a, b)
        add_details(d, show)
        if format is DiffFormat.json:
            _write(json.dumps(d.to_json(), ensure_ascii=False, indent=1, default=str) + "\n", out)
        elif format is DiffFormat.markdown:
            _write(render_markdown(d, limit, context), out)
        elif format is DiffFormat.html:
            _write(render_diff_html(d, limit, max(context, 60)), out)
        else:
            _emit(render_text(d, limit, context, _colour(color) and out is None), out, _colour(color))
    except (OSError, ValueError, KeyError) as exc:
        raise _fail(exc) from exc
    raise typer.Exit(1 if d.differs else 0)


def edits(
    version: Annotated[str, typer.Argument(help="A version: folder (data/seeds/v1) or name (v1).")],
    stage: Annotated[Optional[str], typer.Option(help="Only this stage.")] = None,
    rule: Annotated[Optional[str], typer.Option(help="Only this rule.")] = None,
    source: Annotated[Optional[str], typer.Option(help="Only documents of this source file.")] = None,
    suggested: Annotated[bool, typer.Option("--suggested", help="Only suggestions (not applied).")] = False,
    context: Annotated[int, typer.Option(help="Characters of context either side.")] = 8,
    limit: Annotated[Optional[int], typer.Option(help="At most this many rows (text default 50; jsonl, csv: all).")] = None,
    format: Annotated[EditsFormat, typer.Option("--format", help="text, jsonl or csv.")] = EditsFormat.text,
    count: Annotated[bool, typer.Option("--count", help="Count the matching edits per stage and rule.")] = False,
    output: OutputOpt = Path("data"),
    name: NameOpt = None,
) -> None:
    """List the edits of a published version, with context, filtered by stage, rule and source."""
    from pipeline.review import RECORD_FIELDS, ReviewError, check_filters, count_records, edit_records, review_line

    path = resolve_version(version, output, name)
    try:
        check_filters(path, stage, rule)
    except ReviewError as exc:
        raise typer.BadParameter(str(exc)) from exc
    records = edit_records(path, stage, rule, source, suggested, context)
    if count:
        rows: list[dict] = count_records(records)
        fields = ("stage", "rule", "applied", "suggested")
    else:
        cap = limit if limit is not None else (50 if format is EditsFormat.text else None)
        rows = list(islice(records, cap))
        fields = RECORD_FIELDS
    if format is EditsFormat.jsonl:
        for r in rows:
            typer.echo(json.dumps(r, ensure_ascii=False))
    elif format is EditsFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(fields), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    elif count:
        typer.echo(f"{'stage/rule':<44}{'applied':>9}{'suggested':>11}")
        for r in rows:
            typer.echo(f"{r['stage'] + '/' + r['rule']:<44}{r['applied']:>9,}{r['suggested']:>11,}")
    else:
        for r in rows:
            typer.echo(review_line(r))


def explain(
    raw_file: Annotated[Path, typer.Argument(help="One raw scraped file.")],
    config: Annotated[Optional[Path], typer.Option("--config", help="Pipeline TOML (default: built-in).")] = None,
    corpus: Annotated[Optional[Path], typer.Option(help="Folder the corpus stage observes first (default: the file).")]
    = None,
    format: Annotated[TextOrJson, typer.Option("--format", help="text or json.")] = TextOrJson.text,
    limit: Annotated[int, typer.Option(help="Changed paragraphs shown per stage.")] = 20,
    context: Annotated[int, typer.Option(help="Unchanged characters shown either side of a change.")] = 20,
    color: ColorOpt = None,
) -> None:
    """One raw file through the stages: what each stage changed, and which rule did it."""
    from pipeline.config import ConfigError, load_config
    from pipeline.explain import explain_file, render_explain_text

    if not raw_file.is_file():
        raise typer.BadParameter(f"{raw_file} is not a file", param_hint="RAW_FILE")
    try:
        cfg = load_config(config)
    except ConfigError as exc:
        raise typer.BadParameter(str(exc), param_hint="--config") from exc
    try:
        steps, docs = explain_file(raw_file, cfg, corpus)
    except Exception as exc:  # the file is rejected by a stage: say which and why, as a build would
        raise _fail(ValueError(f"{raw_file} is rejected: {type(exc).__name__}: {exc}")) from exc
    if format is TextOrJson.json:
        result = {"file": str(raw_file), "stages": [s.as_json() for s in steps],
                  "documents": [{"doc_index": d.doc_index, "title": d.title, "text": d.text,
                                 "truncated": bool(d.flags.get("truncated"))} for d in docs]}
        typer.echo(json.dumps(result, ensure_ascii=False, indent=1, default=str))
        return
    _emit(render_explain_text(steps, docs, limit, context, _colour(color)), None, _colour(color))


def stats(
    version: Annotated[str, typer.Argument(help="A version: folder (data/seeds/v1) or name (v1).")],
    html: Annotated[bool, typer.Option("--html", help="An HTML page with plots (to --out or stdout).")] = False,
    format: Annotated[TextOrJson, typer.Option("--format", help="text or json (stats.json).")] = TextOrJson.text,
    out: OutOpt = None,
    output: OutputOpt = Path("data"),
    name: NameOpt = None,
) -> None:
    """A version's statistics: totals, length distributions, edits per stage and rule, drops."""
    from pipeline.stats import load_stats
    from pipeline.stats_render import render_stats_html, render_stats_text

    path = resolve_version(version, output, name)
    try:
        numbers = load_stats(path)
    except (OSError, ValueError, KeyError) as exc:
        raise _fail(exc) from exc
    if html:
        _write(render_stats_html(numbers, f"Statistics of {path}"), out)
    elif format is TextOrJson.json:
        _write(json.dumps(numbers, ensure_ascii=False, indent=1) + "\n", out)
    else:
        _emit([Text(line) for line in render_stats_text(numbers)], out, False)


COMMANDS = (edits, diff, explain, stats)
