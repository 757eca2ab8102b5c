"""The optional LibreOffice engine, and agreement between the two engines on every word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_pdf_support import RARE, feature_document, gbt_document

from dossier.pdf import PdfJob, make_pdfs
from dossier.pdf.libreoffice import find_soffice

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) not installed"),
]


def words(pdf: Path) -> str:
    """Letters, digits and hanzi only: engines may differ in spaces, tabs and bullet glyphs."""
    text = "".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages)
    return "".join(ch for ch in text if ch.isalnum())


def test_engines_agree_on_the_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    sources = [feature_document(tmp_path / "功能.docx"), gbt_document(tmp_path / "报告.docx", pages=3)]
    ours = [PdfJob(s, tmp_path / "wp" / f"{s.stem}.pdf", title=s.stem, author="A&B") for s in sources]
    theirs = [PdfJob(s, tmp_path / "lo" / f"{s.stem}.pdf", title=s.stem, author="A&B") for s in sources]
    make_pdfs(ours)
    assert make_pdfs(theirs, engine="libreoffice") == []
    for a, b in zip(ours, theirs, strict=True):
        wa, wb = words(a.pdf), words(b.pdf)
        # Page-number footers are text too; both engines print them, possibly in another order.
        assert re.sub(r"\d+", "", wa) == re.sub(r"\d+", "", wb)
        assert RARE in wb
        reader = PdfReader(str(b.pdf))
        assert reader.metadata is not None and reader.metadata.title == b.docx.stem
        assert str(reader.metadata["/CreationDate"]).startswith("D:20260101080000")
        assert len(reader.pages) == len(PdfReader(str(a.pdf)).pages)
