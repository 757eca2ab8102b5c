from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from dossier.commands.common import console_of
from dossier.errors import InputError


@click.command("deadline")
@click.argument("start_date", metavar="START_DATE")
@click.option("-d", "--days", type=int, required=True, metavar="N", help="工作日数（不含起始日当天）。")
@click.option(
    "--holidays",
    type=click.Path(path_type=Path),
    default=None,
    help="补充的节假日数据文件或文件夹（格式见 dossier/rules/holidays/README.md）。",
)
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
@click.pass_context
def deadline_command(ctx: click.Context, start_date: str, days: int, holidays: Path | None, as_json: bool) -> None:
    """计算 START_DATE 之后第 N 个工作日（按法定节假日和调休，起始日当天不计）。

    \b
    示例：
      dossier deadline 2026-09-28 --days 10      # 上线后 10 个工作日内备案
      dossier deadline 2027-01-28 --days 10 --holidays 2027.yaml
    """
    from dossier.workdays import add_working_days, load_calendar, weekday_zh

    try:
        start = date.fromisoformat(start_date.strip())
    except ValueError:
        raise InputError(
            f"日期格式不对或不存在：{start_date}", hint="请写成 YYYY-MM-DD，例如 2026-09-28"
        ) from None
    if days < 0:
        raise InputError(f"工作日数不能为负数：{days}", hint="例如 --days 10")
    result = add_working_days(start, days, calendar=load_calendar(holidays))
    console = console_of(ctx)
    if as_json:
        console.result(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        console.result(f"{start.isoformat()} 之后第 {days} 个工作日：{result.due.isoformat()}（{weekday_zh(result.due)}）")
        for name, first, last in result.holiday_spans():
            span = first.isoformat() if first == last else f"{first.isoformat()} 至 {last.isoformat()}"
            console.result(f"  跳过假日：{name} {span}")
        for day in result.makeup_days:
            console.result(f"  调休上班（计入）：{day.isoformat()}（{weekday_zh(day)}）")
    if result.estimated_years:
        years = "、".join(str(y) for y in result.estimated_years)
        console.warn(
            f"{years} 年没有节假日数据，只按周末估算，实际截止日可能不同！"
            "请在 dossier/rules/holidays/ 添加该年文件，或用 --holidays / 环境变量 DOSSIER_HOLIDAYS 指定。"
        )
