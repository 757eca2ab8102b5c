from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from dossier.commands.common import console_of


def profile_schema() -> dict[str, Any]:
    """The JSON Schema of the profile, as committed in schemas/profile.schema.json."""
    from dossier.profile import Profile

    schema = Profile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://dossier.invalid/schemas/profile.schema.json"
    return schema


def schema_text() -> str:
    """The schema serialised the way it is committed (stable key order, UTF-8, trailing newline)."""
    return json.dumps(profile_schema(), ensure_ascii=False, indent=2) + "\n"


@click.command("schema")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="写入文件而不是标准输出。")
@click.pass_context
def schema_command(ctx: click.Context, output: Path | None) -> None:
    """输出档案的 JSON Schema（每个字段都有中文标题和说明），供编辑器补全与校验。

    \b
    示例：
      dossier schema -o schemas/profile.schema.json
    """
    text = schema_text()
    if output is None:
        click.echo(text, nl=False)
        return
    from dossier.fsutil import atomic_write_text

    atomic_write_text(output, text)
    console_of(ctx).status(f"已写入 {output}")
