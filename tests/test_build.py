"""`dossier build`: layout, manifest, safe rebuilds, atomic failure, --strict/--draft/--force."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from test_build_fakes import copy_example, docx_text, edit_docx, fakes, run, snapshot  # noqa: F401

from dossier.errors import PdfError, TemplateError
from dossier.fsutil import sha256_file

pytestmark = pytest.mark.usefixtures("fakes")

DOCS = ["算法备案承诺书", "落实算法安全主体责任基本情况", "算法安全自评估报告（澜图新闻个性化推荐算法）",
        "拟公示内容（澜图新闻个性化推荐算法）", "算法安全自评估报告（澜图热榜排序算法）", "拟公示内容（澜图热榜排序算法）"]


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def test_build_writes_layout_report_and_manifest(tmp_path: Path) -> None:
    profile = copy_example(tmp_path)
    result = run("build", profile, "--no-pdf")
    assert result.exit_code == 0, result
    out = profile.parent / "out"
    assert f"已生成：{out}" in result.stdout
    assert "完整性：不完整" in result.stdout
    assert "正在生成" in result.stderr and "已生成" not in result.stderr
    for name in DOCS:
        assert (out / "算法备案" / f"{name}.docx").is_file()
        assert not (out / "算法备案" / f"{name}.pdf").exists()
    for ext in ("md", "html", "json"):
        assert (out / f"完整性报告.{ext}").is_file()
    data = manifest(out)
    assert data["dossier_version"] and data["rules_version"] and len(data["profile_hash"]) == 64
    assert data["profile_hash"] == sha256_file(profile)
    listed = {e["path"] for e in data["files"]}
    assert listed == set(snapshot(out)) - {"manifest.json"}
    for entry in data["files"]:
        assert sha256_file(out / entry["path"]) == entry["sha256"]
        assert (out / entry["path"]).stat().st_size == entry["size"]
        assert entry["source"] == "generated"
    docx_entries = [e for e in data["files"] if e["kind"] == "docx"]
    assert all(len(e["input_hash"]) == 64 and len(e["content_hash"]) == 64 for e in docx_entries)


def test_pdfs_follow_docx_and_unchanged_rebuild_does_nothing(tmp_path: Path) -> None:
    profile = copy_example(tmp_path)
    assert run("build", profile).exit_code == 0
    out = profile.parent / "out"
    assert "杭州澜图信息科技有限公司" in (out / "算法备案" / "算法备案承诺书.pdf").read_text(encoding="utf-8")
    before = {p: (out / p).stat().st_mtime_ns for p in snapshot(out)}
    result = run("build", profile)
    assert result.exit_code == 0
    assert "无变化" in result.stdout
    assert {p: (out / p).stat().st_mtime_ns for p in snapshot(out)} == before


def test_one_field_changed_rewrites_only_affected_documents(tmp_path: Path) -> None:
    profile = copy_example(tmp_path)
    assert run("build", profile).exit_code == 0
    out = profile.parent / "out"
    old = snapshot(out)
    data = yaml.safe_load(profile.read_text(encoding="utf-8"))
    data["algorithms"][0]["summary"] += "（已更新）"
    profile.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run("build", profile)
    assert result.exit_code == 0, result
    new = snapshot(out)
    changed = {p for p in new if old.get(p) != new[p]} - {"manifest.json"}
    changed_docs = {p for p in changed if p.startswith("算法备案/")}
    assert changed_docs == {"算法备案/算法安全自评估报告（澜图新闻个性化推荐算法）.docx",
                            "算法备案/算法安全自评估报告（澜图新闻个性化推荐算法）.pdf",
                            "算法备案/拟公示内容（澜图新闻个性化推荐算法）.docx",
                            "算法备案/拟公示内容（澜图新闻个性化推荐算法）.pdf"}
    assert "（已更新）" in docx_text(out / "算法备案" / "拟公示内容（澜图新闻个性化推荐算法）.docx")
    assert not {p for p in changed if p.startswith("完整性报告")}  # same findings: report kept


def test_edited_docx_is_kept_pdf_follows_it_and_fresh_rendering_sits_beside(tmp_path: Path) -> None:
    profile = copy_example(tmp_path)
    assert run("build", profile).exit_code == 0
    out = profile.parent / "out"
    edited = out / "算法备案" / "算法备案承诺书.docx"
    edit_docx(edited, "法务补充：本承诺书一式两份。")
    edited_bytes = edited.read_bytes()

    result = run("build", profile)
    assert result.exit_code == 0, result
    fresh = out / "算法备案" / "算法备案承诺书（新生成）.docx"
    assert edited.read_bytes() == edited_bytes
    assert "法务补充" not in docx_text(fresh) and "算法备案承诺书" in docx_text(fresh)
    assert "法务补充" in (out / "算法备案" / "算法备案承诺书.pdf").read_text(encoding="utf-8")
    assert not (out / "算法备案" / "算法备案承诺书（新生成）.pdf").exists()
    assert "经人工修改，已保留" in result.stdout and "算法备案承诺书（新生成）.docx" in result.stdout
    report = json.loads((out / "完整性报告.json").read_text(encoding="utf-8"))
    notes = [i for i in report["items"] if i["kind"] == "build"]
    assert len(notes) == 1 and "算法备案承诺书（新生成）.docx" in notes[0]["detail"]
    assert "算法备案承诺书（新生成）" in (out / "完整性报告.md").read_text(encoding="utf-8")
    entry = next(e for e in manifest(out)["files"] if e["path"] == "算法备案/算法备案承诺书.docx")
    assert entry["source"] == "edited" and entry["sha256"] == sha256_file(edited)

    again = run("build", profile)  # stable: the edit stays the user's, nothing to do
    assert "无变化" in again.stdout and "算法备案承诺书（新生成）.docx" in again.stdout
    assert edited.read_bytes() == edited_bytes


def test_force_overwrites_edited_file_after_saying_so(tmp_path: Path) -> None:
    profile = copy_example(tmp_path)
    assert run("build", profile, "--no-pdf").exit_code == 0
    out = profile.parent / "out"
    edited = out / "算法备案" / "算法备案承诺书.docx"
    edit_docx(edited, "法务补充")
    assert run("build", profile, "--no-pdf").exit_code == 0
    result = run("build", profile, "--no-pdf", "--force")
    assert result.exit_code == 0
    assert "覆盖" in result.stderr and "算法备案承诺书.docx" in result.stderr
    assert "法务补充" not in docx_text(edited)
    assert not (out / "算法备案" / "算法备案承诺书（新生成）.docx").exists()
    entry = next(e for e in manifest(out)["files"] if e["path"] == "算法备案/算法备案承诺书.docx")
    assert entry["source"] == "generated"


def test_files_not_in_manifest_are_left_alone(tmp_path: Path) -> None:
    profile = copy_example(tmp_path)
    assert run("build", profile, "--no-pdf").exit_code == 0
    out = profile.parent / "out"
    note = out / "算法备案" / "法务备注.txt"
    note.write_text("请勿删除", encoding="utf-8")
    profile.write_text(profile.read_text(encoding="utf-8").replace("文三路", "文二路"), encoding="utf-8")
    assert run("build", profile, "--no-pdf", "--force").exit_code == 0
    assert note.read_text(encoding="utf-8") == "请勿删除"
    assert "文二路" in docx_text(out / "算法备案" / "算法备案承诺书.docx")


def test_existing_identical_file_without_manifest_is_adopted(tmp_path: Path) -> None:
    profile = copy_example(tmp_path)
    assert run("build", profile, "--no-pdf").exit_code == 0
    out = profile.parent / "out"
    (out / "manifest.json").unlink()
    assert run("build", profile, "--no-pdf").exit_code == 0
    assert not list(out.rglob("*（新生成）*"))


@pytest.mark.parametrize("stage", ["render", "pdf"])
def test_failed_build_leaves_previous_build_untouched(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch, stage: str) -> None:
    import dossier.pdf
    import dossier.render

    profile = copy_example(tmp_path)
    assert run("build", profile).exit_code == 0
    out = profile.parent / "out"
    before = snapshot(out)
    profile.write_text(profile.read_text(encoding="utf-8").replace("文三路", "文二路"), encoding="utf-8")
    real_render, real_pdfs = dossier.render.render_documents, dossier.pdf.make_pdfs

    def failing_render(loaded, specs, **kw):  # type: ignore[no-untyped-def]
        real_render(loaded, specs[:2], **kw)  # half the documents render, then a template breaks
        raise TemplateError("模板 self_assessment.docx 第 3 段：未知变量 foo")

    def failing_pdfs(jobs, **kw):  # type: ignore[no-untyped-def]
        real_pdfs(jobs[:1], **kw)
        raise PdfError("没有可用的中文字体")

    if stage == "render":
        monkeypatch.setattr(dossier.render, "render_documents", failing_render)
    else:
        monkeypatch.setattr(dossier.pdf, "make_pdfs", failing_pdfs)
    result = run("build", profile)
    assert result.exit_code == 2
    assert ("未知变量" if stage == "render" else "中文字体") in result.stderr
    assert result.stdout == ""
    assert snapshot(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_strict_fails_on_incomplete_dossier(tmp_path: Path) -> None:
    profile = copy_example(tmp_path)
    result = run("build", profile, "--no-pdf", "--strict")
    assert result.exit_code == 1
    assert "--strict" in result.stderr and "材料不完整" in result.stderr
    assert (profile.parent / "out" / "完整性报告.md").is_file()  # the report is still written


def test_draft_lists_placeholders(tmp_path: Path) -> None:
    profile = copy_example(tmp_path)
    result = run("build", profile, "--no-pdf", "--draft")
    assert result.exit_code == 0
    assert "待补充占位" in result.stdout and "company.seal_date" in result.stdout
    report = json.loads((profile.parent / "out" / "完整性报告.json").read_text(encoding="utf-8"))
    assert any("company.seal_date" in i["detail"] and i["status"] == "missing" for i in report["items"])


def test_output_option_and_several_profiles(tmp_path: Path) -> None:
    first = copy_example(tmp_path / "a")
    second = copy_example(tmp_path / "b")
    target = tmp_path / "全部材料"
    result = run("build", first, second, "-o", target, "--no-pdf", "-j", "1")
    assert result.exit_code == 0, result
    dirs = sorted(p.name for p in target.iterdir())
    assert len(dirs) == 2 and all((target / d / "manifest.json").is_file() for d in dirs)
    assert result.stdout.count("已生成") == 2


def test_several_profiles_in_parallel_processes(tmp_path: Path) -> None:
    first = copy_example(tmp_path / "a")
    second = copy_example(tmp_path / "b")
    (second.parent / "profile.yaml").rename(second.parent / "乙公司.yaml")
    result = run("build", first, second.parent / "乙公司.yaml", "-o", tmp_path / "out", "--no-pdf", "-j", "2")
    assert result.exit_code == 0, result
    assert {p.name for p in (tmp_path / "out").iterdir()} == {"profile", "乙公司"}


def test_several_profiles_report_each_failure(tmp_path: Path) -> None:
    good = copy_example(tmp_path / "a")
    bad = tmp_path / "bad.yaml"
    bad.write_text("company: [\n", encoding="utf-8")
    result = run("build", good, bad, "-o", tmp_path / "out", "--no-pdf", "-j", "1")
    assert result.exit_code == 2
    assert "已生成" in result.stdout and "YAML" in result.stderr


def test_help_documents_default_output() -> None:
    result = run("build", "--help")
    assert result.exit_code == 0
    assert "out/" in result.stdout and "示例" in result.stdout


def test_unknown_profile_is_input_error(tmp_path: Path) -> None:
    result = run("build", tmp_path / "missing.yaml")
    assert result.exit_code == 2
    assert result.stdout == ""


def test_deleted_fresh_copy_is_not_offered_again_until_inputs_change(tmp_path: Path) -> None:
    profile = copy_example(tmp_path)
    assert run("build", profile, "--no-pdf").exit_code == 0
    out = profile.parent / "out"
    edit_docx(out / "算法备案" / "算法备案承诺书.docx", "法务补充")
    assert run("build", profile, "--no-pdf").exit_code == 0
    fresh = out / "算法备案" / "算法备案承诺书（新生成）.docx"
    fresh.unlink()  # merged by hand
    result = run("build", profile, "--no-pdf")
    assert result.exit_code == 0 and not fresh.exists()
    assert "经人工修改，已保留" in result.stdout
    profile.write_text(profile.read_text(encoding="utf-8").replace("文三路", "文二路"), encoding="utf-8")
    assert run("build", profile, "--no-pdf").exit_code == 0
    assert "文二路" in docx_text(fresh)
    assert "法务补充" in docx_text(out / "算法备案" / "算法备案承诺书.docx")
