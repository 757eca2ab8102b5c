"""PDF engines: every PDF is made from its .docx, so edits in Word/WPS reach the PDF.

Importing this package is cheap: WeasyPrint, python-docx and lxml load on first use.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from dossier.errors import Diagnostic, PdfError

__all__ = ["PdfJob", "docx_to_html", "html_to_pdf", "make_pdfs"]


@dataclass(frozen=True)
class PdfJob:
    """One .docx to turn into one PDF, with the PDF's document information.

    With the WeasyPrint engine, `docx` may also be an .html file that is already laid out for
    print (the completeness report), so it shares the worker pool with the documents.
    """

    docx: Path
    pdf: Path
    title: str | None = None
    author: str | None = None  # the company
    subject: str | None = None


def make_pdfs(jobs: Sequence[PdfJob], *, engine: Literal["weasyprint", "libreoffice"] = "weasyprint",
              workers: int | None = None, pdf_a: bool = False) -> list[Diagnostic]:
    """Make each job's PDF from its .docx (atomic writes); return warnings.

    Warnings name the document and each unsupported element. Raises `PdfError` with a Chinese
    message and a hint when a PDF cannot be made (no CJK font, soffice missing, bad .docx).
    """
    jobs = list(jobs)
    if not jobs:
        return []
    if engine == "weasyprint":
        from dossier.pdf import weasy

        return weasy.run(jobs, workers=workers, pdf_a=pdf_a)
    if engine == "libreoffice":
        from dossier.pdf import libreoffice

        return libreoffice.run(jobs, pdf_a=pdf_a)
    raise PdfError(f"未知的 PDF 引擎：{engine}", hint="可选 weasyprint（默认）或 libreoffice。")


def docx_to_html(docx: Path) -> tuple[str, list[Diagnostic]]:
    """Our .docx → HTML conversion (see `dossier.pdf.docx_html`)."""
    from dossier.pdf.docx_html import docx_to_html as convert

    return convert(docx)


def html_to_pdf(html: str, out: Path, *, base_url: Path, title: str | None = None,
                author: str | None = None, subject: str | None = None, pdf_a: bool = False) -> None:
    """Run the bare WeasyPrint step (benchmarks call it "the floor")."""
    from dossier.pdf.weasy import html_to_pdf as render

    render(html, out, base_url=base_url, title=title, author=author, subject=subject, pdf_a=pdf_a)
