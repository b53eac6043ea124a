"""Build step: ship the top-level `schemas/` (the single source of the published tables)
inside the wheel as `pipeline/schemas/`, where `pipeline.schema` finds it once installed.
Everything else about the package is declared in pyproject.toml."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SCHEMAS = Path(__file__).resolve().parent / "schemas"


class BuildPyWithSchemas(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib, "pipeline", "schemas")
        target.mkdir(parents=True, exist_ok=True)
        for path in sorted(SCHEMAS.glob("*.toml")):
            self.copy_file(str(path), str(target / path.name))

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        shipped = [str(Path(self.build_lib, "pipeline", "schemas", p.name)) for p in sorted(SCHEMAS.glob("*.toml"))]
        return super().get_outputs(include_bytecode) + shipped


setup(cmdclass={"build_py": BuildPyWithSchemas})
