"""PDFs made with WeasyPrint from .docx: text, order, fonts, metadata, reproducibility, edits."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from test_pdf_support import RARE, add_textbox, feature_document, gbt_styles

from dossier.errors import PdfError
from dossier.pdf import PdfJob, make_pdfs

pytestmark = pytest.mark.pdf

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
                                   reason="poppler-utils (pdftotext, pdffonts) not installed")


def pdf_text(pdf: Path) -> str:
    return "".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def feature_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("render")
    src = feature_document(folder / "功能测试.docx")
    job = PdfJob(src, folder / "功能测试.pdf", title="功能测试", author="北京堃喆科技有限公司 A&B", subject="测试")
    assert make_pdfs([job]) == []
    return job.pdf


def test_text_in_order_with_rare_characters(feature_pdf: Path) -> None:
    text = squash(pdf_text(feature_pdf))
    expected = ["测试文件A&B<测试>", f"第一段：罕见字{RARE}", "一级标题", "一、第一项", "二、第二项",
                "（1）子项甲", "三、第三项", "要点", "横向合并", "表头三", "纵向合并", "单元格", "末格",
                "第二页内容", "结尾"]
    pos = 0
    for item in expected:
        found = text.find(item, pos)
        assert found >= 0, f"{item!r} missing or out of order in {text!r}"
        pos = found + len(item)


def test_page_numbers_and_pages(feature_pdf: Path) -> None:
    pages = PdfReader(str(feature_pdf)).pages
    assert len(pages) == 3
    assert abs(float(pages[0].mediabox.width) - 595.3) < 1  # A4
    for n, page in enumerate(pages, 1):
        assert f"— {n} —" in (page.extract_text() or "")


@needs_poppler
def test_fonts_embedded_and_no_missing_glyphs(feature_pdf: Path) -> None:
    listing = subprocess.run(["pdffonts", str(feature_pdf)], capture_output=True, text=True, check=True).stdout
    rows = listing.splitlines()[2:]
    assert rows, listing
    for row in rows:
        assert row.split()[-5] == "yes", row  # the "emb" column
    assert "Noto-Serif-CJK-SC" in listing and "Noto-Sans-CJK-SC" in listing  # 仿宋 and 黑体 roles
    text = subprocess.run(["pdftotext", str(feature_pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert RARE in text


def test_metadata(feature_pdf: Path) -> None:
    reader = PdfReader(str(feature_pdf))
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "功能测试" and meta.author == "北京堃喆科技有限公司 A&B" and meta.subject == "测试"
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"


def test_source_date_epoch_makes_identical_pdfs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 08:00 CST
    src = feature_document(tmp_path / "a.docx")
    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    make_pdfs([PdfJob(src, first, title="t")])
    make_pdfs([PdfJob(src, second, title="t")])
    assert first.read_bytes() == second.read_bytes()
    meta = PdfReader(str(first)).metadata
    assert meta is not None and str(meta["/CreationDate"]).startswith("D:20260101080000")


def test_editing_the_docx_changes_the_pdf(tmp_path: Path) -> None:
    d = docx.Document()
    gbt_styles(d)
    d.add_paragraph("原有段落")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "单元格甲"
    table.cell(0, 1).text = "单元格乙"
    src, pdf = tmp_path / "编辑.docx", tmp_path / "编辑.pdf"
    d.save(str(src))
    make_pdfs([PdfJob(src, pdf)])
    before = pdf_text(pdf)
    assert "新增段落" not in before

    # The legal team edits the Word file: adds a paragraph and bolds a table cell.
    d = docx.Document(str(src))
    d.add_paragraph("新增段落（法务修改）")
    d.tables[0].cell(0, 1).paragraphs[0].runs[0].bold = True
    d.save(str(src))
    make_pdfs([PdfJob(src, pdf)])
    after = pdf_text(pdf)
    assert "新增段落（法务修改）" in after
    fonts = {str(f.get("/BaseFont")) for page in PdfReader(str(pdf)).pages
             for f in page["/Resources"]["/Font"].values()}
    assert any("Bold" in f for f in fonts), fonts


def test_several_jobs_in_parallel_with_warnings_per_document(tmp_path: Path) -> None:
    jobs = []
    for name in ("甲", "乙", "丙"):
        d = docx.Document()
        d.add_paragraph(f"文件{name}")
        if name == "乙":
            add_textbox(d.add_paragraph(), "框")
        src = tmp_path / f"{name}.docx"
        d.save(str(src))
        jobs.append(PdfJob(src, tmp_path / "out" / f"{name}.pdf"))
    warnings = make_pdfs(jobs, workers=2)
    for job, name in zip(jobs, ("甲", "乙", "丙"), strict=True):
        assert f"文件{name}" in pdf_text(job.pdf)
    assert [w.file for w in warnings] == [jobs[1].docx]
    assert not list((tmp_path / "out").glob(".tmp-*"))  # atomic writes leave no temp files


def test_pdf_a(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("归档")
    src = tmp_path / "a.docx"
    d.save(str(src))
    make_pdfs([PdfJob(src, tmp_path / "a.pdf")], pdf_a=True)
    root = PdfReader(str(tmp_path / "a.pdf")).trailer["/Root"]
    assert b"pdfaid:part" in root["/Metadata"].get_object().get_data()
    assert "/OutputIntents" in root


def test_missing_docx_is_a_pdf_error(tmp_path: Path) -> None:
    with pytest.raises(PdfError, match="不存在.docx"):
        make_pdfs([PdfJob(tmp_path / "不存在.docx", tmp_path / "x.pdf")])
    assert not (tmp_path / "x.pdf").exists()


def test_missing_soffice_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(PdfError) as info:
        make_pdfs([PdfJob(tmp_path / "a.docx", tmp_path / "a.pdf")], engine="libreoffice")
    assert "soffice" in info.value.message and info.value.hint
