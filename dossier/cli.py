"""The `dossier` command line: parses options, calls the library, formats results, maps errors to exit codes.

Commands live in `dossier.commands.<name>` and are imported only when invoked, so that
`dossier --help` stays fast (no WeasyPrint, docxtpl or pydantic import at start-up).
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from dossier import __version__

# name → (module:attribute, one-line summary shown by `dossier --help` without importing it)
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("dossier.commands.init:init_command", "生成一份带中文注释的起步档案。"),
    "validate": ("dossier.commands.validate:validate_command", "校验档案：列出全部错误及其行号。"),
    "plan": ("dossier.commands.plan:plan_command", "说明要办哪些备案、为什么、何时截止。"),
    "build": ("dossier.commands.build:build_command", "生成全部 Word、PDF 文件和完整性报告。"),
    "pdf": ("dossier.commands.pdf:pdf_command", "由 .docx（含修改后的）重新生成 PDF。"),
    "check": ("dossier.commands.check:check_command", "检查材料是否齐全、有效、达到阈值。"),
    "bundle": ("dossier.commands.bundle:bundle_command", "打包可提交的 zip（含 manifest.json）。"),
    "deadline": ("dossier.commands.deadline:deadline_command", "计算 N 个工作日后的日期（含调休）。"),
    "schema": ("dossier.commands.schema:schema_command", "输出档案的 JSON Schema。"),
    "templates": ("dossier.commands.templates:templates_group", "检查自定义模板（templates lint）。"),
}

CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class LazyGroup(click.Group):
    """A group that imports a command's module only when that command runs or shows its help."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target[0].split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attr)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; map DossierError and unexpected failures to messages and exit codes."""
        from dossier.console import handle_exception

        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception as exc:
            debug = bool(getattr(ctx.obj, "debug", False))
            if debug:
                raise
            ctx.exit(handle_exception(exc))

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, summary) for name, (_, summary) in COMMANDS.items()]
        with formatter.section("命令"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", message="dossier %(version)s", help="显示版本并退出。")
@click.option("-q", "--quiet", is_flag=True, help="只输出结果和错误。")
@click.option("-v", "--verbose", is_flag=True, help="输出更多过程信息。")
@click.option("--debug", is_flag=True, help="出错时显示完整的 Python 调用栈。")
@click.pass_context
def cli(ctx: click.Context, quiet: bool, verbose: bool, debug: bool) -> None:
    """dossier：一份 YAML 档案，生成算法备案、大模型备案/登记的全套材料。

    \b
    典型流程：
      dossier init --scenario llm-registration -o profile.yaml
      dossier plan profile.yaml
      dossier build profile.yaml -o out/
      dossier check profile.yaml
      dossier bundle profile.yaml -o 材料包.zip
    """
    from dossier.console import Console

    ctx.obj = Console(quiet=quiet, verbose=verbose, debug=debug)


def main(argv: list[str] | None = None) -> None:
    """Entry point; usage errors exit 2 as invalid input (click's own convention too)."""
    code: Any = 0
    try:
        cli.main(args=argv if argv is not None else sys.argv[1:], prog_name="dossier")
    except SystemExit as exc:
        code = exc.code
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        # `dossier plan … | head`: the reader left early; silence the final flush, keep the code.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(code)


__all__ = ["cli", "main"]
