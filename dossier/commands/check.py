from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from dossier.commands.common import console_of, load, profile_argument, rules_option

if TYPE_CHECKING:
    from dossier.check import Report

_MARKS = {"ok": ("✓", "green"), "warning": ("!", "yellow")}


@click.command("check")
@profile_argument
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（字段说明见 README 的“check --json”一节）。")
@rules_option
@click.pass_context
def check_command(ctx: click.Context, profile: Path, as_json: bool, rules_version: str | None) -> None:
    """检查材料是否齐全、有效、达到阈值；齐全时退出码为 0，不齐全为 1。

    \b
    示例：
      dossier check examples/llm-registration/profile.yaml
      dossier check profile.yaml --json > 完整性.json
      dossier check profile.yaml --rules gbt-45654-2025
    """
    import json

    from dossier.check import check_dossier
    from dossier.plan import plan_profile

    console = console_of(ctx)
    loaded = load(console, profile)
    plan = plan_profile(loaded.profile, rules_version)
    report = check_dossier(loaded, plan)
    if as_json:
        console.result(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        _print_table(console.rich(), report)
    if not report.complete:
        raise click.exceptions.Exit(1)


def _print_table(out: object, report: Report) -> None:
    """Print one rich table per track, then the per-track summaries and the verdict."""
    from rich.table import Table
    from rich.text import Text

    from dossier.check.report import STATUS_TITLES

    console = out  # a rich Console
    for (info, items), summary in zip(report.groups(), report.summaries(), strict=True):
        heading = f"{info.title}（{info.subject}）" if info.subject else info.title
        if info.due:
            heading += f" · 备案期限 {info.due.isoformat()}" + ("（已逾期）" if info.overdue else "")
        table = Table(title=heading, title_justify="left", show_lines=False, expand=True)
        table.add_column("", width=2, no_wrap=True)
        table.add_column("材料 / 检查项", ratio=2, overflow="fold")
        table.add_column("状态", no_wrap=True)
        table.add_column("说明与处理", ratio=5, overflow="fold")
        for item in items:
            mark, style = _MARKS.get(item.status, ("✗", "red"))
            body = Text(item.detail)
            if item.shortfalls:
                body.append("\n" + "\n".join(f"  · {s}" for s in item.shortfalls))
            if item.action:
                body.append(f"\n→ {item.action}", style="cyan")
            if item.citation:
                body.append(f"\n依据：{item.citation}", style="dim")
            table.add_row(Text(mark, style=style), item.title,
                          Text(STATUS_TITLES[item.status], style=style), body)
        console.print(table)  # type: ignore[attr-defined]
        console.print(summary.line())  # type: ignore[attr-defined]
        console.print()  # type: ignore[attr-defined]
    verdict = "材料齐全。" if report.complete else (
        f"材料不完整：{sum(1 for i in report.items if i.blocking)} 项待处理。")
    console.print(Text(verdict, style="bold green" if report.complete else "bold red"))  # type: ignore[attr-defined]
