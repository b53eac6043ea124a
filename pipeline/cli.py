"""Command line: `python -m pipeline build | versions | verify | edits | diff | explain | stats`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer

from pipeline.audit_cli import COMMANDS
from pipeline.config import ConfigError, load_config
from pipeline.executors import EXECUTORS
from pipeline.publish import CorruptVersion, dataset_name_problem, list_versions, read_manifest

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Turn raw Chinese document-site pages into a clean, versioned, auditable dataset.")


def _fail(message: str, code: int = 1) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _checked_name(name: str, option: str = "--name") -> str:
    problem = dataset_name_problem(name)
    if problem:
        raise typer.BadParameter(f"{name!r} {problem}", param_hint=option)
    return name


@app.command()
def build(
    input: Annotated[Path, typer.Option("--input", help="Folder of raw scraped files.")] = Path("seeds"),
    output: Annotated[Path, typer.Option("--output", help="Where dataset versions are published.")] = Path("data"),
    name: Annotated[Optional[str], typer.Option("--name", help="Dataset name (default: the input folder's name).")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="Pipeline TOML (default: built-in defaults).")] = None,
    progress: Annotated[Optional[bool], typer.Option(
        "--progress/--no-progress", help="Progress bars (default: when stderr is a terminal).")] = None,
    workers: Annotated[int, typer.Option(min=0, help="Worker processes (0: one per CPU core). Output is the same.")] = 0,
    strict: Annotated[bool, typer.Option("--strict", help="Fail (publish nothing) if any input is rejected.")] = False,
    allow_empty: Annotated[bool, typer.Option(
        "--allow-empty", help="Publish even when no document comes out (otherwise that fails).")] = False,
    repair: Annotated[bool, typer.Option(
        "--repair", help="If the newest version is corrupt, publish after the newest sound one.")] = False,
    follow_symlinks: Annotated[bool, typer.Option(
        "--follow-symlinks", help="Read symbolic links that lead out of the input folder.")] = False,
    keep_duplicates: Annotated[bool, typer.Option(
        "--keep-duplicates", help="Publish every copy, flagged in duplicate_* columns, not only the kept ones.")] = False,
    cache: Annotated[bool, typer.Option(
        "--cache/--no-cache", help="Keep each file's cleaned result for the next build (NAME/.cache).")] = True,
    executor: Annotated[str, typer.Option(
        help="local (this process or --workers processes) or ray (Ray Data; pip install '.[ray]').")] = "local",
    ray_address: Annotated[Optional[str], typer.Option(
        "--ray-address", help="A Ray cluster to run on (default: a local Ray instance).")] = None,
) -> None:
    """Clean INPUT and publish a new version under OUTPUT/NAME/v<N> (nothing if unchanged).

    Exit status: 0 published or unchanged; 1 nothing published because of the inputs
    (--strict, no document, corrupt newest version); 2 bad options or config."""
    from pipeline.runner import Build, BuildRefused, keep_pandas_out, use_system_allocator

    try:
        cfg = load_config(config)
    except ConfigError as exc:
        _fail(str(exc), 2)
    if not input.is_dir():
        raise typer.BadParameter(f"{input} is not a folder", param_hint="--input")
    if executor not in EXECUTORS:
        raise typer.BadParameter(f"{executor!r} is not one of {', '.join(EXECUTORS)}", param_hint="--executor")
    if keep_duplicates:  # a setting of the deduplicate stage, so it is part of the fingerprint
        if "deduplicate" not in cfg.stages:
            raise typer.BadParameter("the pipeline has no `deduplicate` stage", param_hint="--keep-duplicates")
        cfg.stage_settings.setdefault("deduplicate", {})["keep_duplicates"] = True
    name = _checked_name(input.resolve().name if name is None else name)
    use_system_allocator()
    keep_pandas_out()
    try:
        report = Build(input, output, name, cfg, progress=progress, workers=workers, strict=strict,
                       allow_empty=allow_empty, repair=repair, follow_symlinks=follow_symlinks, cache=cache,
                       executor=executor, ray_address=ray_address).run()
    except BuildRefused as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _fail("interrupted: nothing published (the draft was removed)", 130)
    typer.echo(report.summary())


@app.command()
def versions(
    output: Annotated[Path, typer.Option("--output", help="Folder of published datasets.")] = Path("data"),
    name: Annotated[Optional[str], typer.Option("--name", help="Only this dataset.")] = None,
) -> None:
    """List published versions with their row counts and pipeline version."""
    names = [_checked_name(name)] if name is not None else sorted(
        p.name for p in output.iterdir() if p.is_dir() and not dataset_name_problem(p.name)) if output.is_dir() else []
    for ds in names:
        for vdir in list_versions(output / ds):
            try:
                m = read_manifest(vdir)
            except CorruptVersion as exc:
                typer.echo(f"{vdir}  CORRUPT: {exc}")
                continue
            rows = m["rows"]
            typer.echo(f"{vdir}  documents={rows.get('documents')} sentences={rows.get('sentences')} "
                       f"edits={rows.get('edits')} pipeline={m['pipeline_version']} built={m.get('built_at')}")


@app.command()
def verify(
    version: Annotated[Optional[Path], typer.Argument(help="A version folder, e.g. data/seeds/v1.")] = None,
    all_versions: Annotated[bool, typer.Option("--all", help="Every version under --output.")] = False,
    output: Annotated[Path, typer.Option("--output", help="Folder of published datasets (with --all).")] = Path("data"),
) -> None:
    """Check published versions against their manifests, schemas and cards (exit 1 on any problem)."""
    from pipeline.verify import verify_version

    if (version is None) == (not all_versions):
        raise typer.BadParameter("give one VERSION folder or --all")
    if version is not None:
        if not (version / "manifest.json").is_file():
            _fail(f"{version} is not a published version (no manifest.json)", 2)
        folders = [version]
    else:
        folders = [v for ds in sorted(output.iterdir()) if ds.is_dir() for v in list_versions(ds)] \
            if output.is_dir() else []
        if not folders:
            _fail(f"no published version under {output}", 2)
    bad = 0
    for folder in folders:
        problems = verify_version(folder)
        bad += bool(problems)
        typer.echo(f"{folder}: {'ok' if not problems else f'{len(problems)} problem(s)'}")
        for problem in problems:
            typer.echo(f"  {problem}")
    if bad:
        raise typer.Exit(1)


for command in COMMANDS:  # edits, diff, explain, stats
    app.command()(command)


def main(prog_name: str | None = None) -> None:
    """Entry point of the `zh-docsite-dataset` console script and of `python -m pipeline`."""
    app(prog_name=prog_name)
