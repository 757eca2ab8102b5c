"""`dossier templates …`: tools for custom docx templates."""

from __future__ import annotations

from pathlib import Path

import click

from dossier.commands.common import console_of


@click.group("templates")
def templates_group() -> None:
    """检查自定义 Word 模板。

    \b
    示例：
      dossier templates lint my-templates/
    """


@templates_group.command("lint")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False, exists=True), metavar="DIR")
@click.pass_context
def lint_command(ctx: click.Context, directory: Path) -> None:
    """检查 DIR 中的 .docx 模板：不存在的字段、被拆开的标签、不配对的 {% %} 块。

    有问题时退出码为 2，全部通过时为 0。

    \b
    示例：
      dossier templates lint templates/docx
      dossier build profile.yaml --templates my-templates/
    """
    from dossier.render.lint import lint_templates

    console = console_of(ctx)
    problems = lint_templates(directory)
    count = len(list(directory.glob("*.docx")))
    for problem in problems:
        console.result(problem.format())
    if problems:
        console.status(f"{count} 个模板中发现 {len(problems)} 处问题。")
        ctx.exit(2)
    console.result(f"{count} 个模板全部通过检查。")
