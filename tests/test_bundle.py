"""`dossier bundle`: deterministic zip, numbered per-track layout, manifest, refusals."""

from __future__ import annotations

import io
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from test_build_fakes import copy_example, docx_text, edit_docx, fakes, run  # noqa: F401

from dossier.errors import InputError
from dossier.fsutil import sha256_bytes

pytestmark = pytest.mark.usefixtures("fakes")
DRAFT_ZIP = "杭州澜图信息科技有限公司_备案材料_20260101（草稿）.zip"


def complete(profile: Path) -> None:
    """Provide the attachments the news example leaves missing, so its dossier is complete."""
    data = yaml.safe_load(profile.read_text(encoding="utf-8"))
    data["attachments"]["signed_commitment"] = "attachments/营业执照（样例）.pdf"
    data["attachments"]["signed_responsibility"] = "attachments/营业执照（样例）.pdf"
    for algorithm in data["algorithms"]:
        algorithm["content_governance_screenshots"] = ["screenshot_user_rights"]
    profile.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def read_zip(path: Path) -> tuple[zipfile.ZipFile, dict]:
    zf = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    return zf, json.loads(zf.read("manifest.json"))


def test_bundle_is_byte_identical_and_manifest_matches(tmp_path: Path) -> None:
    a = copy_example(tmp_path)
    assert run("bundle", a, "--allow-incomplete", "-o", tmp_path / "a.zip").exit_code == 0
    first = (tmp_path / "a（草稿）.zip").read_bytes()
    again = run("bundle", a, "--allow-incomplete", "-o", tmp_path / "b.zip")  # up to date: no rebuild
    assert again.exit_code == 0 and (tmp_path / "b（草稿）.zip").read_bytes() == first
    shutil.rmtree(a.parent / "out")  # from scratch: everything rendered and made again
    assert run("bundle", a, "--allow-incomplete", "-o", tmp_path / "c.zip").exit_code == 0
    assert (tmp_path / "c（草稿）.zip").read_bytes() == first

    zf, manifest = read_zip(tmp_path / "a（草稿）.zip")
    names = zf.namelist()
    assert names == sorted(names)
    listed = {e["path"]: e for e in manifest["files"]}
    assert set(listed) == set(names) - {"manifest.json"}
    for name, entry in listed.items():
        data = zf.read(name)
        assert entry["sha256"] == sha256_bytes(data) and entry["size"] == len(data)
    assert manifest["draft"] is True and manifest["complete"] is False
    assert manifest["dossier_version"] and manifest["rules_version"] and len(manifest["profile_hash"]) == 64
    for info in zf.infolist():
        assert info.date_time == (2026, 1, 1, 8, 0, 0)
        assert info.external_attr >> 16 == 0o100644
        assert info.compress_type == zipfile.ZIP_DEFLATED
        if not info.filename.isascii():
            assert info.flag_bits & 0x800
        assert not info.filename.startswith("/") and ".." not in info.filename.split("/")


def test_layout_numbered_folders_and_canonical_names(tmp_path: Path) -> None:
    profile = copy_example(tmp_path)
    result = run("bundle", profile, "--allow-incomplete")
    assert result.exit_code == 0, result
    zip_path = profile.parent / DRAFT_ZIP
    assert str(zip_path) in result.stdout
    zf, manifest = read_zip(zip_path)
    names = set(zf.namelist())
    entity = "算法备案/1_主体信息/"
    assert {entity + n for n in ("算法备案承诺书.docx", "算法备案承诺书.pdf", "营业执照.pdf",
                                 "法定代表人身份证件.png", "ICP备案证明.png")} <= names
    step2 = "算法备案/2_算法信息（澜图新闻个性化推荐算法）/"
    assert {step2 + "拟公示内容（澜图新闻个性化推荐算法）.docx", step2 + "用户权益保护截图_1.png"} <= names
    assert "算法备案/3_算法信息（澜图热榜排序算法）/拟公示内容（澜图热榜排序算法）.pdf" in names
    assert {"完整性报告.md", "完整性报告.pdf", "完整性报告.json"} <= names
    sources = {e["path"]: e["source"] for e in manifest["files"]}
    assert sources[entity + "营业执照.pdf"] == "attachment"
    assert sources[entity + "算法备案承诺书.docx"] == "generated"


def test_genai_tracks_use_numbered_submission_folders(tmp_path: Path) -> None:
    profile = copy_example(tmp_path, "llm-registration")
    result = run("bundle", profile, "--allow-incomplete", "-o", tmp_path / "登记.zip")
    assert result.exit_code == 0, result
    names = set(zipfile.ZipFile(tmp_path / "登记（草稿）.zip").namelist())
    assert any(n.startswith("大模型登记/0_登记备案表/") and n.endswith(".docx") for n in names)
    assert "大模型登记/4_拦截关键词库/附件4_拦截关键词列表.xlsx" in names
    assert any(n.startswith("大模型登记/1_调用已备案大模型情况说明及证明材料/附件1_") for n in names)


def test_incomplete_dossier_is_refused(tmp_path: Path) -> None:
    profile = copy_example(tmp_path)
    result = run("bundle", profile)
    assert result.exit_code == 1
    assert "材料不完整" in result.stderr and "项齐全" in result.stderr
    assert "--allow-incomplete" in result.stderr
    assert result.stdout == ""
    assert not list(profile.parent.glob("*.zip"))


def test_complete_dossier_bundles_without_draft_mark(tmp_path: Path) -> None:
    profile = copy_example(tmp_path)
    complete(profile)
    result = run("bundle", profile)
    assert result.exit_code == 0, result
    zip_path = profile.parent / "杭州澜图信息科技有限公司_备案材料_20260101.zip"
    _, manifest = read_zip(zip_path)
    assert manifest["draft"] is False and manifest["complete"] is True
    assert "草稿" not in result.stdout


def test_edited_document_goes_into_the_bundle(tmp_path: Path) -> None:
    profile = copy_example(tmp_path)
    complete(profile)
    assert run("build", profile).exit_code == 0
    edit_docx(profile.parent / "out" / "算法备案" / "算法备案承诺书.docx", "法务补充条款")
    result = run("bundle", profile)
    assert result.exit_code == 0, result
    assert "算法备案承诺书.docx" in result.stdout
    zf, manifest = read_zip(profile.parent / "杭州澜图信息科技有限公司_备案材料_20260101.zip")
    entity = "算法备案/1_主体信息/"
    assert "法务补充条款" in docx_text(zf.read(entity + "算法备案承诺书.docx"))
    assert "法务补充条款" in zf.read(entity + "算法备案承诺书.pdf").decode("utf-8")
    sources = {e["path"]: e["source"] for e in manifest["files"]}
    assert sources[entity + "算法备案承诺书.docx"] == "edited"
    assert not any("新生成" in n for n in zf.namelist())


def test_symlink_out_of_profile_folder_is_refused(tmp_path: Path) -> None:
    profile = copy_example(tmp_path)
    link = profile.parent / "attachments" / "营业执照（样例）.pdf"
    link.unlink()
    os.symlink("/etc/passwd", link)
    result = run("bundle", profile, "--allow-incomplete")
    assert result.exit_code == 2
    assert "档案文件夹之外" in result.stderr
    assert not list(profile.parent.rglob("*.zip"))


def test_symlink_swapped_in_after_loading_is_refused_at_read_time(tmp_path: Path) -> None:
    from dossier.bundle import bundle
    from dossier.profile import load_profile

    profile = copy_example(tmp_path)
    loaded = load_profile(profile)  # the file was fine when the profile was loaded
    link = profile.parent / "attachments" / "营业执照（样例）.pdf"
    link.unlink()
    os.symlink("/etc/passwd", link)
    with pytest.raises(InputError, match="档案文件夹之外"):
        bundle(loaded, profile.parent / "out", tmp_path / "x.zip", allow_incomplete=True)
    assert not list(tmp_path.rglob("*.zip"))
    secret = Path("/etc/passwd").read_bytes()[:32]
    for path in tmp_path.rglob("*"):
        if path.is_file() and not path.is_symlink():
            assert secret not in path.read_bytes()


def test_helper_files_stay_out_and_unlisted_attachments_go_to_other(tmp_path: Path) -> None:
    profile = copy_example(tmp_path)
    att = profile.parent / "attachments"
    (att / "说明.txt").write_text("内部说明，勿提交", encoding="utf-8")
    (att / ".DS_Store").write_bytes(b"\0\0")
    (att / "补充说明材料.pdf").write_bytes((att / "营业执照（样例）.pdf").read_bytes())
    text = profile.read_text(encoding="utf-8").replace(
        "  signed_commitment: null",
        "  internal_notes: attachments/说明.txt\n  extra_evidence: attachments/补充说明材料.pdf\n  signed_commitment: null")
    profile.write_text(text, encoding="utf-8")
    result = run("bundle", profile, "--allow-incomplete")
    assert result.exit_code == 0, result
    names = zipfile.ZipFile(profile.parent / DRAFT_ZIP).namelist()
    assert "其他材料/补充说明材料.pdf" in names
    assert not any("说明.txt" in n or "DS_Store" in n for n in names)
    assert "说明.txt" in result.stderr  # said what was left out


@pytest.mark.parametrize("name", ["a/b", "..", "x\\y", "../../etc", "a\x00b", "  .hidden"])
def test_safe_name_never_escapes(name: str) -> None:
    from dossier.bundle import safe_name

    out = safe_name(name)
    assert "/" not in out and "\\" not in out and out not in ("", ".", "..") and "\x00" not in out
