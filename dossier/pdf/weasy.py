"""The WeasyPrint step: HTML → PDF with metadata, and a forked pool for whole dossiers."""

from __future__ import annotations

import functools
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dossier import clock
from dossier.errors import Diagnostic, PdfError
from dossier.fsutil import atomic_write_bytes
from dossier.pdf import fonts

if TYPE_CHECKING:
    from dossier.pdf import PdfJob

_HINT = "检查该 .docx 能否在 Word/WPS 中正常打开；或改用 --pdf-engine libreoffice。"


@functools.lru_cache(maxsize=1)
def _weasyprint() -> tuple[Any, Any]:
    """Import WeasyPrint once per process, after fontconfig is pointed at our aliases."""
    fonts.configure_fontconfig()
    import logging

    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    # WeasyPrint logs every CSS it ignores; our CSS is generated, so only errors matter.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return weasyprint, FontConfiguration()


def html_to_pdf(html: str, out: Path, *, base_url: Path, title: str | None = None,
                author: str | None = None, subject: str | None = None,
                pdf_a: bool = False) -> None:
    """Render HTML to `out` atomically; dates come from `dossier.clock` (SOURCE_DATE_EPOCH)."""
    data = render_pdf(html, base_url=base_url, title=title, author=author, subject=subject,
                      pdf_a=pdf_a)
    atomic_write_bytes(out, data)


def render_pdf(html: str, *, base_url: Path, title: str | None = None,
               author: str | None = None, subject: str | None = None,
               pdf_a: bool = False) -> bytes:
    """Call WeasyPrint and return the PDF bytes."""
    weasyprint, font_config = _weasyprint()
    document = weasyprint.HTML(string=html, base_url=str(base_url)).render(font_config=font_config)
    meta = document.metadata
    if title:
        meta.title = title
    if author:
        meta.authors = [author]
    if subject:
        meta.description = subject
    stamp = clock.now().replace(microsecond=0).isoformat()
    meta.created = meta.modified = stamp
    meta.lang = "zh-CN"
    meta.generator = f"dossier / WeasyPrint {weasyprint.__version__}"
    options: dict[str, Any] = {"uncompressed_pdf": False, "pdf_identifier": False}
    if pdf_a:
        options.update(pdf_variant="pdf/a-3b", pdf_identifier=True)  # PDF/A requires an /ID
    return bytes(document.write_pdf(**options))


def _job(job: PdfJob, pdf_a: bool) -> tuple[list[Diagnostic], dict[str, Any] | None]:
    """Convert one job; errors come back as plain data (our exceptions do not pickle)."""
    from dossier.pdf.docx_html import docx_to_html

    try:
        try:
            if job.docx.suffix.lower() in (".html", ".htm"):  # already HTML (the completeness report)
                html, warnings = job.docx.read_text(encoding="utf-8"), list[Diagnostic]()
            else:
                html, warnings = docx_to_html(job.docx)
        except PdfError:
            raise
        except Exception as exc:  # a converter bug must still name the document, not crash the pool
            raise PdfError(f"{job.docx.name} 转换为 HTML 时出错：{exc!r}", file=job.docx,
                           hint="请把该 .docx 附在问题报告中；可暂时改用 --pdf-engine libreoffice。") from exc
        try:
            data = render_pdf(html, base_url=job.docx.parent, title=job.title, author=job.author,
                              subject=job.subject, pdf_a=pdf_a)
        except Exception as exc:  # WeasyPrint raises many types; name the document instead
            raise PdfError(f"{job.docx.name} 转换为 PDF 失败：{exc}", file=job.docx, hint=_HINT) from exc
        atomic_write_bytes(job.pdf, data)
    except PdfError as exc:
        return [], {"message": exc.message, "file": exc.file, "hint": exc.hint}
    return warnings, None


def _start_method() -> str:
    # Fork shares the already-imported WeasyPrint and loaded fonts with the workers for free.
    return "fork" if sys.platform.startswith("linux") else "spawn"


def run(jobs: list[PdfJob], *, workers: int | None, pdf_a: bool) -> list[Diagnostic]:
    """Make every job's PDF, in a process pool when there is more than one."""
    check = fonts.start_cjk_check()
    _weasyprint()  # import in the parent so forked workers inherit it
    fonts.ensure_cjk_font(check)
    n = min(workers or min(os.cpu_count() or 1, 2), len(jobs))
    # Largest documents first, so the last one to finish is a small one.
    order = sorted(range(len(jobs)), reverse=True,
                   key=lambda i: jobs[i].docx.stat().st_size if jobs[i].docx.exists() else 0)
    ordered = [jobs[i] for i in order]
    if n <= 1:
        done = [_job(j, pdf_a) for j in ordered]
    else:
        ctx = multiprocessing.get_context(_start_method())
        with ProcessPoolExecutor(max_workers=n, mp_context=ctx) as pool:
            done = list(pool.map(_job, ordered, [pdf_a] * len(ordered)))
    results = [r for _, r in sorted(zip(order, done, strict=True), key=lambda t: t[0])]
    warnings: list[Diagnostic] = []
    errors: list[dict[str, Any]] = []
    for found, err in results:
        warnings.extend(found)
        if err is not None:
            errors.append(err)
    if errors:
        first = errors[0]
        raise PdfError(
            first["message"] + (f"（另有 {len(errors) - 1} 个文件失败）" if len(errors) > 1 else ""),
            file=first["file"], hint=first["hint"],
            diagnostics=[Diagnostic(e["message"], file=e["file"]) for e in errors],
        )
    return warnings
