"""`dossier plan` and `dossier deadline` through the CLI: stdout, stderr and exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import STARTERS, starter_data

from dossier.cli import cli

# 2026-10-01 00:00 UTC: after the recommendation starter's launch, before its deadline.
EPOCH_2026_10_01 = "1790812800"


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2026_10_01)
    monkeypatch.delenv("DOSSIER_HOLIDAYS", raising=False)


def test_plan_table_for_the_recommendation_starter(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["plan", str(STARTERS / "recommendation.yaml")])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for fragment in ("算法备案", "示例资讯个性化推荐算法", "2026-10-16", "星期五", "提醒", "预计周期", "公示信息链接"):
        assert fragment in out
    assert "已逾期" not in out
    assert "安全配套阈值" not in out  # no GenAI track, no safety kit
    assert result.stderr == ""


def test_plan_marks_overdue(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1793491200")  # 2026-11-01
    result = runner.invoke(cli, ["plan", str(STARTERS / "recommendation.yaml")])
    assert result.exit_code == 0
    assert "已逾期" in result.stdout


def test_plan_shows_unverified_thresholds_for_genai(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["plan", str(STARTERS / "llm-filing.yaml")])
    assert result.exit_code == 0, result.stderr
    assert "大模型备案" in result.stdout
    assert "安全配套阈值" in result.stdout
    assert "待核实" in result.stdout
    assert "未经标准原文核实" in result.stdout


def test_plan_json(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["plan", str(STARTERS / "llm-registration.yaml"), "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["rules_version"] == "gbt-45654-2025"
    assert sorted(t["track"] for t in data["tracks"]) == ["algorithm_filing", "genai_registration"]
    reg = next(t for t in data["tracks"] if t["track"] == "genai_registration")
    assert reg["deadline"] == "2026-12-15"
    assert reg["reasons"] and reg["citations"]
    assert "\\u" not in result.stdout  # ensure_ascii=False


def test_rules_option_and_profile_rules_select_the_version(
    runner: CliRunner, write_profile: Callable[..., Path]
) -> None:
    path = STARTERS / "llm-filing.yaml"
    result = runner.invoke(cli, ["plan", str(path), "--json", "--rules", "tc260-003-2024"])
    assert json.loads(result.stdout)["rules_version"] == "tc260-003-2024"
    data = starter_data("llm-filing")
    data["rules"] = "tc260-003-2024"
    result = runner.invoke(cli, ["plan", str(write_profile(data)), "--json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["rules_version"] == "tc260-003-2024"


def test_unknown_rules_version_exits_2_listing_versions(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["plan", str(STARTERS / "recommendation.yaml"), "--rules", "gbt-0000"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "gbt-0000" in result.stderr
    assert "gbt-45654-2025" in result.stderr and "tc260-003-2024" in result.stderr


def test_plan_of_a_missing_profile_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["plan", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "找不到档案文件" in result.stderr


def test_plan_lists_subjects_that_need_no_filing(runner: CliRunner, write_profile: Callable[..., Path]) -> None:
    data = starter_data()
    data["products"][0]["opinion_attribute"] = False
    result = runner.invoke(cli, ["plan", str(write_profile(data))])
    assert result.exit_code == 0, result.stderr
    assert "无须备案" in result.stdout
    assert "没有须办理的备案" in result.stdout


def test_plan_escapes_markup_in_names(runner: CliRunner, write_profile: Callable[..., Path]) -> None:
    data = starter_data()
    data["algorithms"][0]["name"] = "[bold]推荐&算法<1>"
    result = runner.invoke(cli, ["plan", str(write_profile(data))])
    assert result.exit_code == 0, result.stderr
    assert "[bold]推荐&算法<1>" in result.stdout


# ── deadline ─────────────────────────────────────────────────────────────────
def test_deadline_across_national_day(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["deadline", "2026-09-28", "--days", "10"])
    assert result.exit_code == 0, result.stderr
    assert "2026-10-16（星期五）" in result.stdout
    assert "国庆节 2026-10-01 至 2026-10-07" in result.stdout
    assert "2026-10-10" in result.stdout  # the make-up Saturday
    assert result.stderr == ""


def test_deadline_json(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["deadline", "2026-02-10", "--days", "10", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["due"] == "2026-03-02"
    assert data["weekday"] == "星期一"
    assert data["holidays"] == [{"name": "春节", "from": "2026-02-15", "to": "2026-02-23"}]
    assert data["makeup_days"] == ["2026-02-14", "2026-02-28"]
    assert data["estimated_years"] == []


def test_deadline_in_a_year_without_data_warns_loudly(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["deadline", "2026-12-28", "--days", "10"])
    assert result.exit_code == 0
    assert "2027-01-11" in result.stdout
    assert "2027 年没有节假日数据" in result.stderr


def test_deadline_with_a_holiday_file(runner: CliRunner, tmp_path: Path) -> None:
    file = tmp_path / "2027.yaml"
    file.write_text("year: 2027\nholidays:\n  - {name: 元旦, from: 2027-01-01}\n", encoding="utf-8")
    result = runner.invoke(cli, ["deadline", "2026-12-28", "--days", "10", "--holidays", str(file)])
    assert result.exit_code == 0, result.stderr
    assert "2027-01-12" in result.stdout
    assert "元旦" in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["2026-13-01", "--days", "10"], "日期格式不对"),
        (["2026/09/28", "--days", "10"], "YYYY-MM-DD"),
        (["tomorrow", "--days", "10"], "tomorrow"),
        (["2026-09-28", "--days", "-3"], "不能为负数"),
        (["2026-09-28", "--days", "ten"], "ten"),
        (["2026-09-28"], "--days"),
    ],
)
def test_deadline_bad_input_exits_2(runner: CliRunner, args: list[str], fragment: str) -> None:
    result = runner.invoke(cli, ["deadline", *args])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert fragment in result.stderr
