"""Chinese working days: holidays, make-up days, years without data, user holiday files."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.errors import InputError, RulebookError
from dossier.workdays import add_working_days, load_calendar, weekday_zh

HOLIDAYS_2027 = """\
year: 2027
source: 测试用数据（非真实安排）
holidays:
  - {name: 元旦, from: 2027-01-01}
  - {name: 春节, from: 2027-02-05, to: 2027-02-11}
workdays:
  - {name: 春节调休, date: 2027-02-13}
"""


@pytest.fixture(autouse=True)
def _no_user_holidays(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DOSSIER_HOLIDAYS", raising=False)


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # National Day 2026: Oct 1–7 off, Sat Oct 10 worked in lieu.
        (date(2026, 9, 28), 10, date(2026, 10, 16)),
        (date(2026, 9, 30), 1, date(2026, 10, 8)),
        (date(2026, 10, 9), 1, date(2026, 10, 10)),
        # Spring Festival 2026: Feb 15–23 off, Sat Feb 14 and Sat Feb 28 worked.
        (date(2026, 2, 10), 10, date(2026, 3, 2)),
        (date(2026, 2, 13), 1, date(2026, 2, 14)),
        # National Day 2025: Oct 1–8 off, Sun Sep 28 and Sat Oct 11 worked.
        (date(2025, 9, 26), 6, date(2025, 10, 11)),
        # Spring Festival 2025: Jan 28–Feb 4 off, Sun Jan 26 and Sat Feb 8 worked.
        (date(2025, 1, 24), 3, date(2025, 2, 5)),
        # Ordinary weeks; the start day never counts, zero days is the start itself.
        (date(2026, 6, 1), 5, date(2026, 6, 8)),
        (date(2026, 6, 6), 1, date(2026, 6, 8)),
        (date(2026, 6, 1), 0, date(2026, 6, 1)),
    ],
)
def test_working_days_across_holidays(start: date, days: int, due: date) -> None:
    result = add_working_days(start, days)
    assert result.due == due
    assert result.estimated_years == ()


def test_national_day_2026_lists_the_holiday_and_the_makeup_day() -> None:
    result = add_working_days(date(2026, 9, 28), 10)
    assert result.holiday_spans() == [("国庆节", date(2026, 10, 1), date(2026, 10, 7))]
    assert result.makeup_days == (date(2026, 10, 10),)
    assert weekday_zh(result.due) == "星期五"


def test_year_without_data_counts_weekends_only_and_says_so() -> None:
    result = add_working_days(date(2026, 12, 28), 10)
    # 2027-01-01 (a Friday, surely a holiday) is counted as a working day: an estimate.
    assert result.due == date(2027, 1, 11)
    assert result.estimated_years == (2027,)
    assert result.to_json()["estimated_years"] == [2027]


def test_holiday_file_for_2027_is_honoured(tmp_path: Path) -> None:
    (tmp_path / "2027.yaml").write_text(HOLIDAYS_2027, encoding="utf-8")
    calendar = load_calendar(tmp_path)
    result = add_working_days(date(2026, 12, 28), 10, calendar=calendar)
    assert result.due == date(2027, 1, 12)
    assert result.estimated_years == ()
    spring = add_working_days(date(2027, 2, 4), 2, calendar=calendar)
    assert spring.due == date(2027, 2, 13)  # Feb 5–11 off, Feb 12 (Fri), Sat Feb 13 worked
    assert spring.makeup_days == (date(2027, 2, 13),)


def test_holiday_file_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file = tmp_path / "my-holidays.yaml"
    file.write_text(HOLIDAYS_2027, encoding="utf-8")
    monkeypatch.setenv("DOSSIER_HOLIDAYS", str(file))
    assert add_working_days(date(2026, 12, 31), 1).due == date(2027, 1, 4)


def test_a_data_file_overrides_chinese_calendar(tmp_path: Path) -> None:
    (tmp_path / "2026.yaml").write_text("year: 2026\nholidays:\n  - {name: 测试假, from: 2026-06-08}\n", encoding="utf-8")
    result = add_working_days(date(2026, 6, 5), 1, calendar=load_calendar(tmp_path))
    assert result.due == date(2026, 6, 9)
    assert result.holiday_spans() == [("测试假", date(2026, 6, 8), date(2026, 6, 8))]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("year: 2027\nholidays:\n  - {name: 元旦, form: 2027-01-01}\n", "holidays.0"),
        ("year: 2027\nholidays:\n  - {name: 元旦, from: 2026-12-31}\n", "2026-12-31"),
        ("year: 2027\nholidays: [{name: a, from: 2027-01-01}]\nworkdays: [{name: b, date: 2027-01-01}]\n", "同时"),
        ("year: [\n", "YAML"),
    ],
)
def test_broken_holiday_file_names_file_and_entry(tmp_path: Path, text: str, fragment: str) -> None:
    file = tmp_path / "2027.yaml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(RulebookError) as info:
        load_calendar(file)
    assert fragment in str(info.value)
    assert "2027.yaml" in str(info.value)


def test_missing_holiday_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        load_calendar(tmp_path / "nope.yaml")


@pytest.mark.parametrize("days", [-1, -10, 100_000])
def test_bad_day_counts_are_input_errors(days: int) -> None:
    with pytest.raises(InputError):
        add_working_days(date(2026, 1, 5), days)


@settings(max_examples=60, deadline=None)
@given(start=st.dates(date(2004, 1, 1), date(2026, 11, 30)), days=st.integers(0, 30))
def test_due_is_exactly_n_working_days_later(start: date, days: int) -> None:
    calendar = load_calendar()
    result = add_working_days(start, days, calendar=calendar)
    between = [start + timedelta(days=i) for i in range(1, (result.due - start).days + 1)]
    assert sum(calendar.day(d).workday for d in between) == days
    assert days == 0 or calendar.day(result.due).workday
