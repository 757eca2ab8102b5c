"""`dossier pdf`, and builds with the real templates and PDF engine (few, slower)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from test_build_fakes import (  # noqa: F401
    REAL_TEMPLATES,
    copy_example,
    docx_text,
    edit_docx,
    fakes,
    run,
    snapshot,
)

from dossier.fsutil import sha256_file


@pytest.mark.usefixtures("fakes")
def test_pdf_command_on_build_dir_uses_manifest_and_edited_files(tmp_path: Path) -> None:
    profile = copy_example(tmp_path)
    assert run("build", profile, "--no-pdf").exit_code == 0
    out = profile.parent / "out"
    commitment = out / "算法备案" / "算法备案承诺书.docx"
    edit_docx(commitment, "法务修改：增加盖章日期")
    shutil.copy(commitment, out / "算法备案" / "~$算法备案承诺书.docx")  # Word's lock file
    result = run("pdf", out)
    assert result.exit_code == 0, result
    assert result.stdout.count("已生成") == 6
    assert "法务修改" in (out / "算法备案" / "算法备案承诺书.pdf").read_text(encoding="utf-8")
    assert not (out / "算法备案" / "~$算法备案承诺书.pdf").exists()
    entries = {e["path"]: e for e in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]}
    pdf_entry = entries["算法备案/算法备案承诺书.pdf"]
    assert pdf_entry["sha256"] == sha256_file(out / "算法备案" / "算法备案承诺书.pdf")
    assert pdf_entry["made_from"] == sha256_file(commitment)
    assert entries["算法备案/算法备案承诺书.docx"]["source"] == "edited"

    before = (out / "算法备案" / "算法备案承诺书.pdf").read_bytes()
    rebuilt = run("build", profile)
    assert rebuilt.exit_code == 0
    assert "算法备案承诺书（新生成）.docx" in rebuilt.stdout  # the build notices and reports the edit
    assert (out / "算法备案" / "算法备案承诺书.pdf").read_bytes() == before


@pytest.mark.usefixtures("fakes")
def test_pdf_command_converts_named_files_even_fresh_copies(tmp_path: Path) -> None:
    target = tmp_path / "算法备案承诺书（新生成）.docx"
    edit_docx_source = tmp_path / "src.docx"
    import docx

    document = docx.Document()
    document.add_paragraph("单独的文件")
    document.save(str(edit_docx_source))
    edit_docx_source.rename(target)
    result = run("pdf", target)
    assert result.exit_code == 0, result
    assert "单独的文件" in target.with_suffix(".pdf").read_text(encoding="utf-8")


def test_pdf_command_rejects_other_files(tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("x", encoding="utf-8")
    result = run("pdf", other)
    assert result.exit_code == 2
    assert "不是 .docx" in result.stderr


needs_templates = pytest.mark.skipif(not REAL_TEMPLATES, reason="templates/docx not built")


@needs_templates
def test_real_templates_rebuild_touches_only_changed_documents(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    profile = copy_example(tmp_path)
    assert run("build", profile, "--no-pdf").exit_code in (0,)
    out = profile.parent / "out"
    first = snapshot(out)
    assert "无变化" in run("build", profile, "--no-pdf").stdout
    data = yaml.safe_load(profile.read_text(encoding="utf-8"))
    data["algorithms"][1]["summary"] += "（修订）"
    profile.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert run("build", profile, "--no-pdf").exit_code == 0
    changed = {p for p, b in snapshot(out).items() if first.get(p) != b and p.endswith(".docx")}
    assert changed and all("澜图热榜排序算法" in p for p in changed)


@pytest.mark.pdf
@needs_templates
def test_real_pdf_follows_the_edited_docx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf import PdfReader

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    profile = copy_example(tmp_path)
    assert run("build", profile, "--no-pdf").exit_code == 0
    commitment = profile.parent / "out" / "算法备案" / "算法备案承诺书.docx"
    edit_docx(commitment, "法务补充条款甲乙丙")
    result = run("pdf", commitment)
    assert result.exit_code == 0, result
    text = "".join(page.extract_text() for page in PdfReader(commitment.with_suffix(".pdf")).pages)
    assert "法务补充条款甲乙丙" in text.replace(" ", "")
    assert "法务补充条款甲乙丙" in docx_text(commitment)
