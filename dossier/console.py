"""One output path: results on stdout, status and warnings on stderr, errors mapped to exit codes."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import Any

import click

from dossier.errors import Diagnostic, DossierError


@dataclass
class Console:
    """Where commands print; carries the -q/-v/--debug switches."""

    quiet: bool = False
    verbose: bool = False
    debug: bool = False

    def result(self, text: str) -> None:
        """Data the user asked for: stdout."""
        click.echo(text)

    def status(self, text: str) -> None:
        """Progress and status: stderr, silenced by -q."""
        if not self.quiet:
            click.echo(text, err=True)

    def detail(self, text: str) -> None:
        """Extra detail shown with -v."""
        if self.verbose and not self.quiet:
            click.echo(text, err=True)

    def warn(self, diagnostic: Diagnostic | str) -> None:
        """A warning: stderr, even with -q."""
        text = diagnostic.format() if isinstance(diagnostic, Diagnostic) else f"警告：{diagnostic}"
        click.echo(text, err=True)

    def rich(self) -> Any:
        """A rich console on stdout, without colour when not a TTY or NO_COLOR is set."""
        from rich.console import Console as RichConsole

        no_color = bool(os.environ.get("NO_COLOR")) or not sys.stdout.isatty()
        return RichConsole(no_color=no_color, highlight=False, soft_wrap=False, width=120 if not sys.stdout.isatty() else None)


def report_error(exc: DossierError) -> None:
    """Print a DossierError with its diagnostics and hint on stderr."""
    click.echo(f"错误：{exc}", err=True)
    for diag in exc.diagnostics:
        click.echo(f"  {diag.format()}", err=True)
    if exc.hint:
        click.echo(f"提示：{exc.hint}", err=True)


def handle_exception(exc: BaseException) -> int:
    """Print what went wrong on stderr and return the exit code; never a traceback."""
    if isinstance(exc, DossierError):
        report_error(exc)
        return exc.exit_code
    if isinstance(exc, BrokenPipeError):  # `dossier plan … | head`: the reader left, not an error
        return 0
    if isinstance(exc, KeyboardInterrupt):
        click.echo("已中断；已写入的文件保持原样。", err=True)
        return 130
    click.echo(f"内部错误：{type(exc).__name__}: {exc}", err=True)
    click.echo("提示：加 --debug 重新运行可查看详细信息；如是缺陷请附上该输出报告。", err=True)
    return 3
