"""Chinese working days: statutory holidays and make-up working days (调休) included.

Years 2004–2026 come from `chinese_calendar`; later years (or corrections) from holiday data
files: `dossier/rules/holidays/<year>.yaml`, plus files or folders named in the environment
variable `DOSSIER_HOLIDAYS` (separated by the OS path separator) or passed as `extra`.
A year without any data is counted by weekends alone and reported in `estimated_years`.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from dossier.errors import InputError, RulebookError

HOLIDAYS_DIR = Path(__file__).parent / "rules" / "holidays"
ENV_VAR = "DOSSIER_HOLIDAYS"
MAX_DAYS = 3650  # guards against typos such as --days 100000
WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

# chinese_calendar names its holidays in English.
_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


class _Range(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    name: str = Field(min_length=1)
    start: date = Field(alias="from")
    end: date | None = Field(None, alias="to")

    @model_validator(mode="after")
    def _ordered(self) -> _Range:
        if self.end is not None and self.end < self.start:
            raise ValueError("to 早于 from")
        return self


class _MakeUp(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    name: str = Field(min_length=1)
    day: date = Field(alias="date")


class _YearFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    year: int = Field(ge=1949, le=2200)
    source: str | None = None
    holidays: list[_Range] = Field(default_factory=list)
    workdays: list[_MakeUp] = Field(default_factory=list)


@dataclass(frozen=True)
class YearData:
    """One year's holidays (date → name) and make-up working days, from a data file."""

    year: int
    holidays: dict[date, str]
    workdays: dict[date, str]
    file: Path


@dataclass(frozen=True)
class Day:
    """How one date counts."""

    workday: bool
    holiday: str | None = None  # name of the statutory holiday it belongs to
    makeup: bool = False  # a weekend day worked in lieu (调休上班)
    estimated: bool = False  # no data for the year: weekends only


@dataclass(frozen=True)
class Calendar:
    """Working-day knowledge: data files first, then chinese_calendar, then weekends only."""

    years: dict[int, YearData] = field(default_factory=dict)

    def day(self, d: date) -> Day:
        """Classify `d`."""
        data = self.years.get(d.year)
        if data is not None:
            if d in data.holidays:
                return Day(False, holiday=data.holidays[d])
            if d in data.workdays:
                return Day(True, makeup=True)
            return Day(d.weekday() < 5)
        known = _from_chinese_calendar(d)
        return known if known is not None else Day(d.weekday() < 5, estimated=True)


def _from_chinese_calendar(d: date) -> Day | None:
    import chinese_calendar

    try:
        workday = bool(chinese_calendar.is_workday(d))
        is_holiday, name = chinese_calendar.get_holiday_detail(d)
    except NotImplementedError:
        return None
    if workday:
        return Day(True, makeup=d.weekday() >= 5)
    label = _HOLIDAY_NAMES.get(name, name) if (is_holiday and name) else None
    return Day(False, holiday=label)


@dataclass(frozen=True)
class Holiday:
    """A statutory holiday date skipped while counting."""

    day: date
    name: str


@dataclass(frozen=True)
class WorkdayResult:
    """`days` working days after `start` (the start day itself does not count)."""

    start: date
    days: int
    due: date
    estimated_years: tuple[int, ...] = ()  # counted by weekends only: no holiday data
    holidays: tuple[Holiday, ...] = ()  # holiday dates skipped on the way
    makeup_days: tuple[date, ...] = ()  # weekend days counted because they are worked in lieu

    def holiday_spans(self) -> list[tuple[str, date, date]]:
        """Skipped holidays merged into (name, first, last) runs of consecutive days."""
        spans: list[tuple[str, date, date]] = []
        for h in self.holidays:
            if spans and spans[-1][0] == h.name and spans[-1][2] + timedelta(days=1) == h.day:
                spans[-1] = (h.name, spans[-1][1], h.day)
            else:
                spans.append((h.name, h.day, h.day))
        return spans

    def to_json(self) -> dict[str, Any]:
        """The `deadline --json` shape."""
        return {
            "start": self.start.isoformat(),
            "days": self.days,
            "due": self.due.isoformat(),
            "weekday": weekday_zh(self.due),
            "estimated_years": list(self.estimated_years),
            "holidays": [
                {"name": name, "from": a.isoformat(), "to": b.isoformat()}
                for name, a, b in self.holiday_spans()
            ],
            "makeup_days": [d.isoformat() for d in self.makeup_days],
        }


def weekday_zh(d: date) -> str:
    """星期一 … 星期日."""
    return WEEKDAYS[d.weekday()]


def add_working_days(start: date, days: int, *, calendar: Calendar | None = None) -> WorkdayResult:
    """The date `days` Chinese working days after `start`; `start` itself does not count."""
    if days < 0:
        raise InputError(f"工作日数不能为负数：{days}", hint="例如 --days 10")
    if days > MAX_DAYS:
        raise InputError(f"工作日数过大：{days}（上限 {MAX_DAYS}）")
    cal = calendar if calendar is not None else load_calendar()
    current, counted = start, 0
    estimated: set[int] = set()
    holidays: list[Holiday] = []
    makeups: list[date] = []
    while counted < days:
        current += timedelta(days=1)
        info = cal.day(current)
        if info.estimated:
            estimated.add(current.year)
        if info.workday:
            counted += 1
            if info.makeup:
                makeups.append(current)
        elif info.holiday:
            holidays.append(Holiday(current, info.holiday))
    return WorkdayResult(start, days, current, tuple(sorted(estimated)), tuple(holidays), tuple(makeups))


def load_calendar(extra: Path | None = None) -> Calendar:
    """The package's holiday files, then `DOSSIER_HOLIDAYS`, then `extra` (later files win)."""
    paths: list[Path] = [HOLIDAYS_DIR]
    paths += [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p.strip()]
    if extra is not None:
        paths.append(extra)
    return _calendar(tuple(p.resolve() for p in paths))


@functools.cache
def _calendar(paths: tuple[Path, ...]) -> Calendar:
    years: dict[int, YearData] = {}
    for path in paths:
        if path.is_dir():
            files = sorted(path.glob("*.yaml")) + sorted(path.glob("*.yml"))
        elif path.is_file():
            files = [path]
        else:
            raise InputError(f"找不到节假日数据：{path}", hint=f"检查环境变量 {ENV_VAR} 或 --holidays 的路径")
        for file in files:
            data = _read_year(file)
            years[data.year] = data
    return Calendar(years)


def _read_year(path: Path) -> YearData:
    import yaml

    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RulebookError(f"无法读取节假日文件：{exc}", file=path) from None
    except yaml.YAMLError as exc:
        raise RulebookError(f"节假日文件 YAML 语法错误：{exc}", file=path) from None
    try:
        parsed = _YearFile.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        entry = ".".join(str(p) for p in err["loc"]) or "（根）"
        raise RulebookError(f"节假日文件条目 {entry} 有误：{err['msg']}", file=path,
                            hint="格式见 dossier/rules/holidays/README.md") from None
    holidays: dict[date, str] = {}
    for item in parsed.holidays:
        d = item.start
        while d <= (item.end or item.start):
            holidays[d] = item.name
            d += timedelta(days=1)
    workdays = {m.day: m.name for m in parsed.workdays}
    stray = sorted(d for d in [*holidays, *workdays] if d.year != parsed.year)
    if stray:
        raise RulebookError(f"日期 {stray[0].isoformat()} 不在 year: {parsed.year} 内", file=path,
                            hint="每个文件只写一年；跨年的日期放到对应年份的文件中")
    both = sorted(set(holidays) & set(workdays))
    if both:
        raise RulebookError(f"日期 {both[0].isoformat()} 同时是假日和调休上班日", file=path)
    return YearData(parsed.year, holidays, workdays, path)
