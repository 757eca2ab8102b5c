"""Loading and validating profiles: every problem at once, as file:line, exit 2, never a traceback."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.cli import cli
from dossier.errors import ProfileError
from dossier.profile import load_profile
from tests.conftest import starter_data

WriteProfile = Callable[..., Path]


def validate(runner: CliRunner, path: Path) -> tuple[int, str, str]:
    result = runner.invoke(cli, ["validate", str(path)])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("scenario", ["recommendation", "llm-filing", "llm-registration"])
def test_every_starter_validates(runner: CliRunner, write_profile: WriteProfile, scenario: str) -> None:
    code, out, err = validate(runner, write_profile(starter_data(scenario)))
    assert code == 0, err
    assert out.startswith("档案有效：上海示例信息技术有限公司")


def test_wrong_uscc_checksum_names_file_line_field_and_fix(runner: CliRunner, write_profile: WriteProfile) -> None:
    data = starter_data()
    data["company"]["uscc"] = "91310115MA1K4XYR0Q"
    path = write_profile(data)
    code, out, err = validate(runner, path)
    assert code == 2
    assert out == ""
    assert f"{path}:3:3: company.uscc（统一社会信用代码）: 校验位应为 P，实为 Q" in err
    assert "Traceback" not in err


def test_all_problems_are_reported_at_once(runner: CliRunner, write_profile: WriteProfile) -> None:
    data = starter_data()
    data["company"]["mau"] = "很多"
    data["company"]["legal_representative"]["mobile"] = "12345"
    data["company"]["contact"]["positon"] = "经理"
    data["algorithms"][0]["category"] = "recommendation"
    code, _, err = validate(runner, write_profile(data))
    assert code == 2
    assert "档案有 4 处错误" in err
    assert "company.mau（月活跃用户量）: 应为整数" in err
    assert "company.legal_representative.mobile（手机号码）" in err
    assert "company.contact.positon: 未知字段" in err
    assert "algorithms[0].category（算法类型）: 应为 'generation_synthesis'" in err


def test_resident_id_checksum_is_skipped_for_passports(runner: CliRunner, write_profile: WriteProfile) -> None:
    data = starter_data()
    data["company"]["contact"].update(id_type="护照", id_number="E12345678")
    assert validate(runner, write_profile(data))[0] == 0
    data["company"]["contact"]["id_type"] = "居民身份证"
    code, _, err = validate(runner, write_profile(data))
    assert code == 2
    assert "证件号码（居民身份证）应为 18 位" in err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "档案文件是空的"),
        ("company: [\n", "YAML 语法错误"),
        ("- a\n- b\n", "档案的顶层应为映射"),
        ("company:\n  name: a\n  name: b\n", "键 name 重复出现"),
        ("\ufffe\x00\x81", "YAML"),
    ],
)
def test_malformed_files_exit_2_with_a_message(
    runner: CliRunner, write_profile: WriteProfile, text: str, message: str
) -> None:
    code, out, err = validate(runner, write_profile(text))
    assert code == 2
    assert out == ""
    assert message in err
    assert "Traceback" not in err


def test_non_utf8_file_is_reported(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes("company:\n  name: 示例\n".encode("gbk"))
    code, _, err = validate(runner, path)
    assert code == 2
    assert "UTF-8" in err


def test_missing_profile_file(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = validate(runner, tmp_path / "nope.yaml")
    assert code == 2
    assert "找不到档案文件" in err


def test_technical_supporter_only_for_generation_synthesis(runner: CliRunner, write_profile: WriteProfile) -> None:
    data = starter_data()
    data["algorithms"][0]["role"] = "technical_supporter"
    code, _, err = validate(runner, write_profile(data))
    assert code == 2
    assert "只有生成合成类算法可以以技术支持者身份备案" in err


def test_api_call_service_must_name_its_base_model(runner: CliRunner, write_profile: WriteProfile) -> None:
    data = starter_data("llm-registration")
    del data["genai_services"][0]["base_model"]
    code, _, err = validate(runner, write_profile(data))
    assert code == 2
    assert "须填写 base_model（基座模型）" in err


def test_references_must_resolve(runner: CliRunner, write_profile: WriteProfile) -> None:
    data = starter_data("llm-registration")
    data["algorithms"][0]["products"] = ["不存在的产品"]
    data["genai_services"][0]["safety_kit"]["keyword_library"] = "kw_typo"
    data["products"].append(dict(data["products"][0]))
    code, _, err = validate(runner, write_profile(data))
    assert code == 2
    assert "产品名称重复：示例助手" in err
    assert "引用的产品「不存在的产品」不在 products 中" in err
    assert "引用的附件「kw_typo」不在 attachments 中" in err


def test_function_description_is_limited_to_500_characters(runner: CliRunner, write_profile: WriteProfile) -> None:
    data = starter_data()
    data["products"][0]["functions"][0]["description"] = "字" * 501
    code, _, err = validate(runner, write_profile(data))
    assert code == 2
    assert "不能超过 500 字，实为 501 字" in err


@pytest.mark.parametrize("path", ["../secret.pdf", "/etc/passwd", "a/../../b.pdf"])
def test_attachment_paths_cannot_leave_the_profile_folder(
    runner: CliRunner, write_profile: WriteProfile, path: str
) -> None:
    data = starter_data()
    data["attachments"]["business_license"] = path
    code, _, err = validate(runner, write_profile(data))
    assert code == 2
    assert "attachments.business_license" in err


def test_symlink_pointing_out_of_the_folder_is_refused(write_profile: WriteProfile, tmp_path: Path) -> None:
    data = starter_data()
    data["attachments"]["business_license"] = "licence.pdf"
    path = write_profile(data)
    os.symlink("/etc/hostname", tmp_path / "licence.pdf")
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert "指向档案文件夹之外" in info.value.diagnostics[0].message


def test_missing_attachment_file_fails_validate_but_not_loading_for_the_report(
    runner: CliRunner, write_profile: WriteProfile
) -> None:
    data = starter_data()
    data["attachments"]["business_license"] = "营业执照.pdf"
    path = write_profile(data)
    code, _, err = validate(runner, path)
    assert code == 2
    assert "找不到附件文件 营业执照.pdf" in err
    loaded = load_profile(path)
    assert any("完整性报告将列为缺失" in w.message for w in loaded.warnings)


def test_launch_date_in_the_future_is_a_warning(
    runner: CliRunner, write_profile: WriteProfile, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    code, out, err = validate(runner, write_profile(starter_data()))
    assert code == 0
    assert "products[0].launch_date（上线日期）: 警告：服务状态为已上线，但上线日期 2026-09-28 晚于今天" in err


def test_invalid_date_is_an_error(runner: CliRunner, write_profile: WriteProfile) -> None:
    data = starter_data()
    data["products"][0]["launch_date"] = "2026-02-30"
    code, _, err = validate(runner, write_profile(data))
    assert code == 2
    assert "products[0].launch_date（上线日期）" in err


def test_licence_validity_accepts_a_date_or_changqi(runner: CliRunner, write_profile: WriteProfile) -> None:
    data = starter_data()
    data["company"]["license_valid_until"] = "2040-01-01"
    assert validate(runner, write_profile(data))[0] == 0
    data["company"]["license_valid_until"] = "永久"
    code, _, err = validate(runner, write_profile(data))
    assert code == 2
    assert "company.license_valid_until（营业执照有效期至）: 应为日期（YYYY-MM-DD）或“长期”" in err


def test_special_characters_survive_loading(write_profile: WriteProfile) -> None:
    data = starter_data()
    data["company"]["name"] = "A&B <测试> 科技（堃喆赟）"
    loaded = load_profile(write_profile(data))
    assert loaded.profile.company.name == "A&B <测试> 科技（堃喆赟）"
