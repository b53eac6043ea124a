"""Command line: `python -m pipeline build | versions | edits | diff | explain | stats`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from pipeline.audit_cli import COMMANDS
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


for command in COMMANDS:  # edits, diff, explain, stats
    app.command()(command)


def main(prog_name: str | None = None) -> None:
    """Entry point of the `zh-docsite-dataset` console script and of `python -m pipeline`."""
    app(prog_name=prog_name)
