"""Command line: `python -m pipeline build | versions | edits | diff`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from pipeline.config import ConfigError, load_config
from pipeline.publish import list_versions, read_manifest

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn raw Chinese document-site pages into a clean, versioned, auditable dataset.")


@app.command()
def build(
    input: Annotated[Path, typer.Option("--input", help="Folder of raw scraped files.")] = Path("seeds"),
    output: Annotated[Path, typer.Option("--output", help="Where dataset versions are published.")] = Path("data"),
    name: Annotated[Optional[str], typer.Option("--name", help="Dataset name (default: the input folder's name).")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="Pipeline TOML (default: built-in defaults).")] = None,
    progress: Annotated[Optional[bool], typer.Option(
        "--progress/--no-progress", help="Progress bars (default: when stderr is a terminal).")] = None,
    workers: Annotated[int, typer.Option(help="Worker processes (0: one per CPU core). Output is the same.")] = 1,
) -> None:
    """Clean INPUT and publish a new version under OUTPUT/NAME/v<N> (nothing if unchanged)."""
    from pipeline.runner import Build

    try:
        cfg = load_config(config)
    except ConfigError as exc:
        raise typer.BadParameter(str(exc), param_hint="--config") from exc
    if not input.is_dir():
        raise typer.BadParameter(f"{input} is not a folder", param_hint="--input")
    report = Build(input, output, name or input.resolve().name, cfg, progress=progress, workers=workers).run()
    for r in report.rejected:
        typer.echo(f"rejected {r['source']}: {r['reason']}", err=True)
    typer.echo(report.summary())


@app.command()
def versions(
    output: Annotated[Path, typer.Option("--output", help="Folder of published datasets.")] = Path("data"),
    name: Annotated[Optional[str], typer.Option("--name", help="Only this dataset.")] = None,
) -> None:
    """List published versions with their row counts and pipeline version."""
    names = [name] if name else sorted(p.name for p in output.iterdir() if p.is_dir()) if output.is_dir() else []
    for ds in names:
        for vdir in list_versions(output / ds):
            m = read_manifest(vdir)
            rows = m["rows"]
            typer.echo(f"{vdir}  documents={rows['documents']} sentences={rows['sentences']} "
                       f"edits={rows['edits']} pipeline={m['pipeline_version']} built={m['built_at']}")


@app.command()
def edits(
    version: Annotated[Path, typer.Argument(help="A version folder, e.g. data/seeds/v1.")],
    stage: Annotated[Optional[str], typer.Option(help="Only this stage.")] = None,
    rule: Annotated[Optional[str], typer.Option(help="Only this rule.")] = None,
    source: Annotated[Optional[str], typer.Option(help="Only documents of this source file.")] = None,
    suggested: Annotated[bool, typer.Option("--suggested", help="Only suggestions (not applied).")] = False,
    context: Annotated[int, typer.Option(help="Characters of context either side.")] = 8,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 50,
) -> None:
    """List the edits of a published version, with context, filtered by stage, rule and source."""
    from pipeline.review import iter_edit_reviews

    for shown, line in enumerate(iter_edit_reviews(version, stage, rule, source, suggested, context)):
        if shown >= limit:
            break
        typer.echo(line)


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="Older version folder, e.g. data/seeds/v1.")],
    new: Annotated[Path, typer.Argument(help="Newer version folder, e.g. data/seeds/v2.")],
    show: Annotated[int, typer.Option(help="Changed documents to show in full.")] = 3,
    context: Annotated[int, typer.Option(help="Unchanged paragraphs shown around a change.")] = 1,
) -> None:
    """What changed between two versions: documents added, removed and changed, and edits by rule."""
    from pipeline.diff import diff_versions

    for folder in (old, new):
        if not (folder / "manifest.json").is_file():
            raise typer.BadParameter(f"{folder} is not a published version (no manifest.json)")
    for line in diff_versions(old, new).lines(show=show, context=context):
        typer.echo(line)


def main(prog_name: str | None = None) -> None:
    """Entry point of the `zh-docsite-dataset` console script and of `python -m pipeline`."""
    app(prog_name=prog_name)
