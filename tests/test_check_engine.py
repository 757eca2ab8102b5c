"""check_dossier over a profile on disk: each status, masking, consistency and the JSON shape."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from test_check_support import (
    PDF,
    PNG,
    TODAY,
    plan_for,
    req,
    rulebook_thresholds,
    write_registration,
    write_xlsx,
)

from dossier.check import check_dossier
from dossier.check.report import STATUSES
from dossier.plan_types import Deadline
from dossier.profile import load_profile

SERVICE = "示例助手"
KIT = [
    req("keyword_library", "拦截关键词列表", kinds=("xlsx", "csv"), check="keyword_library"),
    req("test_bank", "评估测试题集", kinds=("xlsx",), check="test_bank"),
]


def run(path: Path, requirements: list[Any], **plan_kw: Any) -> dict[str, Any]:
    loaded = load_profile(path)
    report = check_dossier(loaded, plan_for(SERVICE, requirements, **plan_kw), today=TODAY)
    return report.to_json()


def by_title(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["title"]: item for item in result["items"]}


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    return write_registration(tmp_path)


def test_complete_dossier(profile: Path) -> None:
    result = run(profile, [req("business_license", "营业执照彩色扫描件", check="expiry"), *KIT])
    bad = [(i["title"], i["status"], i["detail"]) for i in result["items"] if i["status"] not in ("ok", "warning")]
    assert bad == [] and result["complete"] is True
    items = by_title(result)
    assert items["应拒答测试：拒答率"]["status"] == "ok"
    assert result["tracks"][0]["summary"].startswith("大模型登记（示例助手）：")


def test_json_shape_follows_the_design(profile: Path) -> None:
    result = run(profile, [req("business_license", "营业执照彩色扫描件")])
    assert isinstance(result["complete"], bool)
    for item in result["items"]:
        assert {"id", "title", "track", "status", "detail"} <= set(item)
        assert item["status"] in STATUSES
    assert len({i["id"] for i in result["items"]}) == len(result["items"])
    json.dumps(result, ensure_ascii=False)


def test_deleting_an_attachment_makes_it_missing(profile: Path) -> None:
    (profile.parent / "attachments" / "privacy_policy.pdf").unlink()
    item = by_title(run(profile, [req("privacy_policy", "隐私保护政策")]))["隐私保护政策"]
    assert item["status"] == "missing"
    assert "找不到文件 attachments/privacy_policy.pdf" in item["detail"]
    assert item["action"] == "上传隐私保护政策。" and item["citation"] == "《测试依据》第一条"


def test_declared_but_empty_and_undeclared_are_missing(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["attachments"]["privacy_policy"] = None

    path = write_registration(tmp_path, edit=edit)
    result = by_title(run(path, [req("privacy_policy", "隐私保护政策"), req("seal", "盖章文件", ref="")]))
    assert result["隐私保护政策"]["status"] == "missing" and "path: null" in result["隐私保护政策"]["detail"]
    assert result["盖章文件"]["status"] == "missing"


def test_optional_missing_is_a_warning(profile: Path) -> None:
    result = run(profile, [req("supply", "算力供应链安全说明", ref="", optional=True)])
    assert result["items"][0]["status"] == "warning" and result["complete"] is True


def test_wrong_kind_empty_and_corrupt_pdf_are_invalid(profile: Path) -> None:
    folder = profile.parent / "attachments"
    (folder / "service_agreement.pdf").write_bytes(PNG)
    (folder / "privacy_policy.pdf").write_bytes(b"")
    (folder / "content_security_policy.pdf").write_bytes(b"%PDF-1.4\ngarbage")
    result = by_title(run(profile, [req("service_agreement", "服务协议", kinds=("pdf",)),
                                     req("privacy_policy", "隐私保护政策"),
                                     req("content_security_policy", "内容安全管理制度")]))
    assert result["服务协议"]["status"] == "invalid" and "PNG 图片，应为PDF" in result["服务协议"]["detail"]
    assert "文件为空" in result["隐私保护政策"]["detail"]
    assert "PDF 已损坏" in result["内容安全管理制度"]["detail"]
    assert all(i["status"] == "invalid" for i in result.values() if i["kind"] == "attachment")


def test_expired_licence_and_id_copy(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["company"]["license_valid_until"] = "2026-05-31"
        data["company"]["legal_representative"]["id_valid_until"] = "2026-06-10"

    path = write_registration(tmp_path, edit=edit)
    (tmp_path / "attachments" / "legal_rep_id.pdf").write_bytes(PDF)
    data = run(path, [req("business_license", "营业执照彩色扫描件", check="expiry"),
                      req("legal_rep_id", "法定代表人身份证件", check="expiry")])
    items = by_title(data)
    assert items["营业执照彩色扫描件"]["status"] == "expired"
    assert "2026-05-31 过期" in items["营业执照彩色扫描件"]["detail"]
    rep = items["法定代表人身份证件"]
    assert rep["status"] == "warning" and "2026-06-10 到期" in rep["detail"]
    number = load_profile(path).profile.company.legal_representative.id_number
    assert number not in json.dumps(data, ensure_ascii=False)
    assert f"{number[:6]}********{number[-4:]}" in rep["detail"]


def test_plan_supplied_validity_wins(profile: Path) -> None:
    item = run(profile, [req("business_license", "营业执照", check="expiry", valid_until=date(2026, 1, 1))])
    assert item["items"][0]["status"] == "expired"


def test_thin_keyword_library_is_insufficient(tmp_path: Path) -> None:
    path = write_registration(tmp_path, keyword_counts={"A.1-a": 700, "A.2-d": 63})
    item = by_title(run(path, KIT))["拦截关键词列表"]
    assert item["status"] == "insufficient"
    assert "A.2-d 地域歧视内容：63 / 100" in item["detail"]
    assert {"risk": "A.2-d", "name": "地域歧视内容", "have": 63, "need": 100} in item["shortfalls"]
    assert "补充关键词" in item["action"]


def test_evaluation_from_profile_counts_when_bank_has_no_results(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["genai_services"][0]["safety_kit"]["evaluation"] = {
            "generated_total": 1000, "generated_passed": 900, "refusal_total": 1000,
            "refusal_refused": 949, "non_refusal_total": 300, "non_refusal_refused": 15}

    path = write_registration(tmp_path, edit=edit)
    bank = tmp_path / "attachments" / "测试题.xlsx"
    write_xlsx(bank, {"生成内容测试题库": [["序号", "测试题", "二级分类"], [1, "问", "A.1-a"]]})
    items = by_title(run(path, KIT))
    assert items["生成内容安全评估：抽检合格率"]["status"] == "ok"
    refusal = items["应拒答测试：拒答率"]
    assert refusal["status"] == "insufficient" and "94.9%" in refusal["detail"]
    assert "safety_kit.evaluation" in refusal["detail"]
    assert items["非拒答测试：误拒率"]["status"] == "ok"


def test_test_accounts_against_the_rulebook(profile: Path) -> None:
    accounts = req("test_accounts_list", "测试账号", ref="", check="test_accounts", optional=True)
    thresholds = {"test_accounts_registration": {"track": "genai_registration", "with_strategy_min": 1,
                                                  "blank_min": 2}}
    item = run(profile, [accounts], thresholds=thresholds)["items"][0]
    assert item["status"] == "insufficient" and "空白账号 1 个（要求不少于 2）" in item["detail"]
    assert run(profile, [accounts])["items"][0]["status"] == "ok"


def test_overdue_deadline_is_flagged(profile: Path) -> None:
    late = Deadline(due=TODAY - timedelta(days=3), start=TODAY - timedelta(days=20), days=10,
                    basis="上线后 10 个工作日内", overdue=True)
    result = run(profile, [], deadline=late)
    item = next(i for i in result["items"] if i["kind"] == "deadline")
    assert item["status"] == "warning" and "已过" in item["detail"]
    assert result["tracks"][0]["overdue"] is True


def test_icp_entity_and_modalities(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["company"]["icp_filings"][0]["entity"] = "别的公司"
        data["algorithms"][0]["data"]["output_modalities"] = ["文本", "图片"]
        data["algorithms"][0]["data"]["output_formats"] = ["txt", "mp3"]

    path = write_registration(tmp_path, edit=edit)
    loaded = load_profile(path)
    alg = loaded.profile.algorithms[0].name
    from dossier.plan_types import Plan, Track

    track = Track(track="algorithm_filing", subject=alg, reasons=(), citations=(), documents=(),
                  attachments=())
    plan = Plan("tc260-003-2024", (track,), thresholds=rulebook_thresholds())
    report = check_dossier(loaded, plan, today=TODAY).to_json()
    items = by_title(report)
    assert items["ICP 备案主体与备案主体一致"]["status"] == "invalid"
    assert "别的公司" in items["ICP 备案主体与备案主体一致"]["detail"]
    modal = items["输出数据类型与文件格式一致"]
    assert modal["status"] == "invalid"
    assert "“图片”没有对应的文件格式" in modal["detail"] and "mp3 对应“音频”" in modal["detail"]


def test_build_dir_lists_edited_documents(profile: Path, tmp_path: Path) -> None:
    build = tmp_path / "out"
    (build / "大模型登记").mkdir(parents=True)
    (build / "大模型登记" / "上线备案表.docx").write_bytes(b"x")
    (build / "大模型登记" / "上线备案表（新生成）.docx").write_bytes(b"y")
    report = check_dossier(load_profile(profile), plan_for(SERVICE, []), build_dir=build, today=TODAY)
    item = next(i for i in report.items if i.kind == "build")
    assert item.status == "warning" and item.track == "genai_registration" and item.subject == SERVICE
    assert "上线备案表（新生成）.docx" in item.detail


def test_scrub_masks_ids_and_mobiles_but_not_filing_numbers() -> None:
    from dossier.check.report import scrub

    text = "手机 13812345678，证件 11010819900101123X，网信算备110108823483901230031号"
    assert scrub(text) == "手机 138****5678，证件 110108********123X，网信算备110108823483901230031号"
