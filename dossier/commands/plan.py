from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from dossier.commands.common import console_of, load, profile_argument, rules_option

if TYPE_CHECKING:
    from dossier.plan_types import Plan, Track


@click.command("plan")
@profile_argument
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（字段说明见 README 的“plan --json”一节）。")
@rules_option
@click.pass_context
def plan_command(ctx: click.Context, profile: Path, as_json: bool, rules_version: str | None) -> None:
    """说明要办哪些备案、为什么、要准备哪些文件和附件、何时截止。

    \b
    示例：
      dossier plan profile.yaml
      dossier plan profile.yaml --json
      dossier plan profile.yaml --rules tc260-003-2024
    """
    from dossier.plan import plan_profile

    console = console_of(ctx)
    loaded = load(console, profile)
    plan = plan_profile(loaded.profile, rules_version)
    if as_json:
        console.result(json.dumps(plan.to_json(), ensure_ascii=False, indent=2))
        return
    from dossier.rules import load_rulebook

    rulebook = load_rulebook(plan.rules_version)  # cached: the one plan_profile used
    _render(console.rich(), plan, f"{rulebook.version}（{rulebook.title}）")


def _render(out: Any, plan: Plan, rules_title: str) -> None:
    from rich.markup import escape
    from rich.table import Table

    out.print(f"规则库：{escape(rules_title)}")
    if plan.tracks:
        table = Table(title="须办理的备案", show_lines=True)
        for header in ("备案类型", "对象", "原因", "文件", "附件", "截止日期"):
            # Names and dates must stay whole so that they can be searched for and copied.
            table.add_column(header, overflow="fold", no_wrap=header in ("备案类型", "对象", "截止日期"))
        for track in plan.tracks:
            table.add_row(
                track.title + (f"\n（{_role(track)}）" if track.role else ""),
                escape(track.subject),
                escape("\n".join(track.reasons)),
                escape("\n".join(f"•{d.filename}" for d in track.documents)),
                escape("\n".join(_attachment_line(a.title, a.ref, a.optional) for a in track.attachments)),
                _deadline_cell(track),
            )
        out.print(table)
    else:
        out.print("档案中没有须办理的备案。")
    timelines = [f"{title}：{timeline}" for title, timeline in {t.title: t.timeline for t in plan.tracks}.items()]
    for heading, items, mark in (
        ("无须备案", [f"{n.subject}：{n.reason}" for n in plan.not_required], "•"),
        ("[bold red]警告[/bold red]", list(plan.warnings), "⚠"),
        ("提醒", list(plan.reminders), "•"),
        ("预计周期", timelines, "•"),
    ):
        if items:
            out.print(f"\n[bold]{heading}[/bold]")
            out.print(_bullets(items, mark))
    if any(t.track != "algorithm_filing" for t in plan.tracks):
        _render_thresholds(out, plan)


def _bullets(items: list[str], mark: str) -> Any:
    """A two-column grid, so that long Chinese lines wrap under their text, not under the bullet."""
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3, justify="right")
    grid.add_column(overflow="fold")
    for item in items:
        grid.add_row(mark, Text(item))
    return grid


def _role(track: Track) -> str:
    from dossier.profile.algorithm import ROLE_TITLES

    return ROLE_TITLES.get(track.role or "", track.role or "")


def _attachment_line(title: str, ref: str | None, optional: bool) -> str:
    flags = ("（可选）" if optional else "") + ("" if ref else "（档案未提供）")
    return f"•{title}{flags}"


def _deadline_cell(track: Track) -> str:
    from dossier.workdays import weekday_zh

    d = track.deadline
    if d is None:
        return "上线前完成" if track.track != "algorithm_filing" else "未知（缺上线日期）"
    text = f"{d.due.isoformat()}（{weekday_zh(d.due)}）"
    text += f"\n上线日 {d.start.isoformat()}\n+{d.days} 个工作日" if d.days else "\n上线前完成"
    if d.estimated_years:
        text += "\n⚠ 按周末估算"
    if d.overdue:
        text += "\n[bold red]已逾期[/bold red]"
    return text


def _render_thresholds(out: Any, plan: Plan) -> None:
    from rich.table import Table

    table = Table(title=f"安全配套阈值（{plan.rules_version}）", show_lines=False)
    for header in ("项目", "要求", "出处", "置信度", "核实"):
        table.add_column(header, overflow="fold")
    planned = {t.track for t in plan.tracks}
    for group in plan.thresholds.values():
        if group.get("track") not in (None, *planned):
            continue
        table.add_row(
            group["title"],
            _requirement(group),
            group["citation"],
            group["confidence"],
            "[bold yellow]待核实[/bold yellow]" if group.get("verify") else "",
        )
    out.print(table)


def _requirement(group: dict[str, Any]) -> str:
    """A threshold group as one readable line."""
    parts: list[str] = []
    if "total_min" in group:
        parts.append(f"总数 ≥ {group['total_min']}")
    for category, minimum in group.get("per_risk_min", {}).items():
        parts.append(f"{category} 每种风险 ≥ {minimum}")
    if "per_aspect_min" in group:
        parts.append(f"每个方面 ≥ {group['per_aspect_min']}")
    if "sample_min" in group:
        parts.append(f"抽检 ≥ {group['sample_min']}")
    if "sample_share_min" in group:
        parts.append(f"抽检比例 ≥ {group['sample_share_min']:.0%}")
    if "rate_min" in group:
        parts.append(f"比率 ≥ {group['rate_min']:.0%}")
    if "rate_max" in group:
        parts.append(f"比率 ≤ {group['rate_max']:.0%}")
    if "with_strategy_min" in group:
        parts.append(f"附加安全策略账号 ≥ {group['with_strategy_min']}，空白账号 ≥ {group['blank_min']}")
    if group.get("unverified"):
        from dossier.rules.models import THRESHOLD_KEY_TITLES

        parts.append(f"待核实：{'、'.join(THRESHOLD_KEY_TITLES.get(k, k) for k in group['unverified'])}")
    return "；".join(parts)
