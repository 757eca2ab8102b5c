from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import click

from dossier.commands.common import console_of
from dossier.errors import InputError

SCENARIOS = ("recommendation", "llm-filing", "llm-registration")


def starter_text(scenario: str) -> str:
    """The commented starter profile of a scenario."""
    return files("dossier").joinpath("starters", f"{scenario}.yaml").read_text(encoding="utf-8")


@click.command("init")
@click.option(
    "--scenario",
    type=click.Choice(SCENARIOS),
    default="recommendation",
    show_default=True,
    help="recommendation：推荐类算法备案；llm-filing：自研大模型备案；llm-registration：调用已备案模型登记。",
)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="写入文件（不会覆盖已有文件）。")
@click.pass_context
def init_command(ctx: click.Context, scenario: str, output: Path | None) -> None:
    """生成一份带中文注释、可直接通过校验的起步档案。

    \b
    示例：
      dossier init --scenario llm-registration -o profile.yaml
      dossier init > profile.yaml
    """
    text = starter_text(scenario)
    if output is None:
        click.echo(text, nl=False)
        return
    if output.exists():
        raise InputError("文件已存在，不会覆盖", file=output, hint="换一个文件名，或先移走原文件")
    from dossier.fsutil import atomic_write_text

    atomic_write_text(output, text)
    console_of(ctx).status(f"已写入 {output}；下一步：dossier validate {output}")
