"""The published tables, read from `schemas/*.toml`: the single source of their shape.

From one definition we derive the Arrow schema used to write Parquet, the Hugging Face
`Features` that go into the dataset card, and the card's field table; `validate` makes
a build fail when a table it is about to write does not match.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import pyarrow as pa

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib



def find_schema_dir() -> Path:
    """`pipeline/schemas/` in an installed wheel (setup.py copies it there), else the
    top-level `schemas/` of a checkout, which is the single source."""
    packaged = resources.files("pipeline").joinpath("schemas")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "schemas"


SCHEMA_DIR = find_schema_dir()
TABLES = ("documents", "sentences", "edits", "duplicates")

_ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "int32": pa.int32(),
    "int64": pa.int64(),
    "bool": pa.bool_(),
    "float32": pa.float32(),
    "date32": pa.date32(),
    "list<string>": pa.list_(pa.string()),
}


class SchemaError(ValueError):
    """A table does not match its definition in schemas/."""


@dataclass(frozen=True)
class FieldDef:
    name: str
    type: str
    description: str
    nullable: bool = True


@dataclass(frozen=True)
class TableDef:
    name: str
    description: str
    fields: tuple[FieldDef, ...]

    @property
    def arrow_schema(self) -> pa.Schema:
        return pa.schema(
            [pa.field(f.name, _ARROW_TYPES[f.type], nullable=f.nullable) for f in self.fields]
        )

    @property
    def features(self):  # -> datasets.Features (imported lazily: heavy)
        import datasets

        return datasets.Features.from_arrow_schema(self.arrow_schema)

    def card_features(self) -> list[dict[str, str]]:
        """The card's `features` (Hugging Face's YAML form of `features`), written without
        importing `datasets` (90 MB and seconds of start-up for a build); a test holds it
        equal to `features._to_yaml_list()`."""
        out = []
        for f in self.fields:
            inner = f.type.removeprefix("list<").removesuffix(">") if f.type.startswith("list<") else None
            out.append({"name": f.name, "list": inner} if inner else {"name": f.name, "dtype": f.type})
        return out

    def field_table_markdown(self) -> str:
        rows = ["| field | type | description |", "|---|---|---|"]
        rows += [f"| `{f.name}` | {f.type} | {f.description} |" for f in self.fields]
        return "\n".join(rows)


@cache
def load_table(name: str, schema_dir: Path = SCHEMA_DIR) -> TableDef:
    path = schema_dir / f"{name}.toml"
    if not path.is_file():
        raise SchemaError(f"{path}: schema file missing (is the project checked out or installed whole?)")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    fields = []
    for raw in data.get("field", []):
        if raw.get("type") not in _ARROW_TYPES:
            raise SchemaError(f"{path}: field {raw.get('name')!r} has unknown type {raw.get('type')!r}")
        fields.append(FieldDef(raw["name"], raw["type"], raw.get("description", ""),
                               bool(raw.get("nullable", True))))
    if not fields:
        raise SchemaError(f"{path}: no fields")
    return TableDef(data.get("table", name), data.get("description", ""), tuple(fields))


def validate(table: pa.Table, definition: TableDef) -> None:
    """Raise SchemaError unless `table` has exactly the defined columns, types and nulls."""
    expected = definition.arrow_schema
    got = table.schema
    if got.names != expected.names:
        raise SchemaError(f"table {definition.name}: columns {got.names} != {expected.names}")
    for f_exp, f_got in zip(expected, got):
        if not f_got.type.equals(f_exp.type):
            raise SchemaError(f"table {definition.name}: column {f_exp.name} is {f_got.type}, "
                              f"schema says {f_exp.type}")
        if not f_exp.nullable and table.column(f_exp.name).null_count:
            raise SchemaError(f"table {definition.name}: column {f_exp.name} has nulls")
