"""`dossier check` on the examples and on inline profiles: table, JSON, exit codes; report writers."""

from __future__ import annotations

import json
import shutil
import struct
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_check_support import PDF, TODAY, plan_for, req, write_registration

from dossier.check import check_dossier, write_report
from dossier.check.filekinds import detect
from dossier.cli import cli
from dossier.plan_types import Deadline
from dossier.profile import load_profile

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
REGISTRATION = EXAMPLES / "llm-registration" / "profile.yaml"


def invoke(args: list[str]) -> Any:
    return CliRunner().invoke(cli, args)


@pytest.mark.skipif(not REGISTRATION.exists(), reason="example not written yet")
def test_registration_example_is_incomplete_with_a_thin_keyword_library() -> None:
    result = invoke(["check", str(REGISTRATION), "--json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["complete"] is False
    kw = next(i for i in data["items"] if i["id"].endswith("/keyword_library"))
    assert kw["status"] == "insufficient" and kw["track"] == "genai_registration"
    assert "覆盖 17 类风险中的 10 类" in kw["detail"]
    assert any(s["risk"] == "A.2-d" and s["have"] == 0 for s in kw["shortfalls"])
    hygiene = next(i for i in data["items"] if i["id"].endswith("keyword_library.hygiene"))
    assert "3 个重复关键词" in hygiene["detail"] and "2 个空行" in hygiene["detail"]
    statuses = {i["title"]: i["status"] for i in data["items"]}
    assert statuses["算法安全负责人工作证明"] == "missing"
    assert statuses["生成内容安全评估：抽检合格率"] == "ok"


@pytest.mark.skipif(not REGISTRATION.exists(), reason="example not written yet")
def test_terminal_table_groups_by_track() -> None:
    result = invoke(["check", str(REGISTRATION)])
    assert result.exit_code == 1
    assert "大模型登记（简绘AI写作）：" in result.stdout and "项齐全" in result.stdout
    assert "✗" in result.stdout and "✓" in result.stdout
    assert "A.2-d 地域歧视内容：0 / 100" in result.stdout
    assert "材料不完整" in result.stdout


def _complete(data: dict[str, Any]) -> None:
    """Declare the signed scans and screenshots the rulebook asks for beyond the starter's list."""
    extra = ["icp_certificate", "signed_commitment", "signed_responsibility", "signed_filing_form",
             "labelling_shot", "rights_shot", "governance_shot", "vendor_proof"]
    for key in extra:
        data["attachments"][key] = f"attachments/{key}.pdf"
    alg = data["algorithms"][0]
    alg["labelling"]["screenshots"] = ["labelling_shot"]
    alg["user_rights_screenshots"] = ["rights_shot"]
    alg["content_governance_screenshots"] = ["governance_shot"]
    for model in alg["models"]:
        if model.get("third_party"):
            model["third_party"]["evidence"] = ["vendor_proof"]


def test_complete_profile_exits_0(tmp_path: Path) -> None:
    profile = write_registration(tmp_path, edit=_complete)
    for key in ("icp_certificate", "signed_commitment", "signed_responsibility", "signed_filing_form",
                "labelling_shot", "rights_shot", "governance_shot", "vendor_proof"):
        (tmp_path / "attachments" / f"{key}.pdf").write_bytes(PDF)
    result = invoke(["check", str(profile), "--json", "--rules", "tc260-003-2024"])
    data = json.loads(result.stdout)
    blocking = [(i["id"], i["detail"]) for i in data["items"] if i["status"] not in ("ok", "warning")]
    assert blocking == []
    assert result.exit_code == 0 and data["complete"] is True
    assert data["rules_version"] == "tc260-003-2024"
    assert len({i["id"] for i in data["items"]}) == len(data["items"])
    # Deleting one attachment makes exactly that item missing and the exit code 1.
    (tmp_path / "attachments" / "privacy_policy.pdf").unlink()
    again = invoke(["check", str(profile), "--json", "--rules", "tc260-003-2024"])
    missing = [i["title"] for i in json.loads(again.stdout)["items"] if i["status"] == "missing"]
    assert again.exit_code == 1 and missing == ["隐私保护政策"]


def test_invalid_profile_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "profile.yaml"
    bad.write_text("company: [\n", encoding="utf-8")
    result = invoke(["check", str(bad)])
    assert result.exit_code == 2 and "YAML" in result.stderr and result.stdout == ""


def test_unknown_rules_version_exits_2(tmp_path: Path) -> None:
    profile = write_registration(tmp_path)
    result = invoke(["check", str(profile), "--rules", "nope-1"])
    assert result.exit_code == 2 and "nope-1" in result.stderr


def test_help_has_an_example() -> None:
    result = invoke(["check", "-h"])
    assert result.exit_code == 0 and "示例" in result.stdout and "--json" in result.stdout


# --- writers -----------------------------------------------------------------------------------


def _report(tmp_path: Path) -> Any:
    profile = write_registration(tmp_path / "p", keyword_counts={"A.2-d": 63})
    (profile.parent / "attachments" / "privacy_policy.pdf").unlink()
    loaded = load_profile(profile)
    plan = plan_for("示例助手", [req("privacy_policy", "隐私保护政策"),
                                 req("keyword_library", "拦截关键词列表", kinds=("xlsx",),
                                     check="keyword_library"),
                                 req("legal_rep_id", "法定代表人身份证件", check="expiry")],
                    deadline=Deadline(due=TODAY + timedelta(days=9), start=TODAY - timedelta(days=5),
                                      days=10, basis="上线后 10 个工作日内", overdue=False))
    return loaded, check_dossier(loaded, plan, today=TODAY)


def test_markdown_html_and_json_written_atomically(tmp_path: Path) -> None:
    loaded, report = _report(tmp_path)
    out = tmp_path / "out"
    paths = write_report(report, out, pdf=False)
    assert [p.name for p in paths] == ["完整性报告.md", "完整性报告.html", "完整性报告.json"]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in paths)  # no temp files left
    md = (out / "完整性报告.md").read_text("utf-8")
    assert "A.2-d 地域歧视内容：63 / 100" in md and "怎么办：" in md and "依据：" in md
    page = (out / "完整性报告.html").read_text("utf-8")
    assert '<html lang="zh-CN">' in page and "<svg" in page and 'role="progressbar"' in page
    assert "<link" not in page and "<script" not in page
    data = json.loads((out / "完整性报告.json").read_text("utf-8"))
    assert data == json.loads(json.dumps(report.to_json()))
    company = loaded.profile.company
    for person in (company.legal_representative, company.contact, company.algorithm_security_officer):
        for text in (md, page, json.dumps(data, ensure_ascii=False)):
            assert person.id_number not in text and person.mobile not in text


def test_html_escapes_markup(tmp_path: Path) -> None:
    from dossier.check.writers import render_html

    _, report = _report(tmp_path)
    import dataclasses

    page = render_html(dataclasses.replace(report, company="A&B<公司>"))
    assert "A&amp;B&lt;公司&gt;" in page and "A&B<公司>" not in page


@pytest.mark.pdf
def test_pdf_report(tmp_path: Path) -> None:
    _, report = _report(tmp_path)
    paths = write_report(report, tmp_path / "out")
    pdf = tmp_path / "out" / "完整性报告.pdf"
    assert pdf in paths and detect(pdf).kind == "pdf" and detect(pdf).problem is None


# --- file kinds --------------------------------------------------------------------------------


def _ole(tmp_path: Path, encrypted: bool) -> Path:
    path = tmp_path / ("enc.xlsx" if encrypted else "old.xls")
    body = ("EncryptionInfo" if encrypted else "Workbook").encode("utf-16-le")
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + body + b"\0" * 1000)
    return path


def test_file_kinds(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.save(tmp_path / "a.xlsx")
    (tmp_path / "a.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 20)
    (tmp_path / "a.csv").write_text("关键词,一级分类\n词,A.1\n", encoding="utf-8")
    (tmp_path / "a.bin").write_bytes(struct.pack("<4I", 0, 1, 2, 3))
    (tmp_path / "a.pdf").write_bytes(PDF)
    assert detect(tmp_path / "a.xlsx").kind == "xlsx"
    assert detect(tmp_path / "a.jpg").kind == "jpg"
    assert detect(tmp_path / "a.csv").kind == "csv"
    assert detect(tmp_path / "a.pdf") == detect(tmp_path / "a.pdf") and detect(tmp_path / "a.pdf").problem is None
    assert detect(tmp_path / "a.bin").problem is not None
    enc = detect(_ole(tmp_path, True))
    assert enc.kind == "encrypted" and "密码" in (enc.problem or "")
    assert detect(_ole(tmp_path, False)).kind == "ole"


def test_password_protected_spreadsheet_is_an_invalid_item(tmp_path: Path) -> None:
    profile = write_registration(tmp_path)
    shutil.copy(_ole(tmp_path, True), tmp_path / "attachments" / "关键词.xlsx")
    plan = plan_for("示例助手", [req("keyword_library", "拦截关键词列表", kinds=("xlsx",),
                                     check="keyword_library")])
    item = check_dossier(load_profile(profile), plan, today=TODAY).items[0]
    assert item.status == "invalid" and "密码" in item.detail
