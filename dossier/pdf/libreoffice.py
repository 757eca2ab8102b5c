"""The optional LibreOffice engine: one headless batch call with a private profile and a timeout."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from dossier import clock
from dossier.errors import Diagnostic, PdfError
from dossier.fsutil import atomic_write_bytes
from dossier.pdf import fonts

if TYPE_CHECKING:
    from dossier.pdf import PdfJob

TIMEOUT = 120.0
_INSTALL_HINT = "安装 LibreOffice（apt-get install libreoffice-writer-nogui），或改用默认引擎 --pdf-engine weasyprint。"


def find_soffice() -> str | None:
    """Path of the soffice binary, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _pdf_date() -> str:
    now = clock.now()
    off = now.strftime("%z")
    return now.strftime("D:%Y%m%d%H%M%S") + f"{off[:3]}'{off[3:]}'"


def _stamp(data: bytes, job: PdfJob) -> bytes:
    """Set our metadata and drop LibreOffice's random /ID so SOURCE_DATE_EPOCH builds repeat."""
    import io

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    date = _pdf_date()
    meta = {"/Producer": "dossier / LibreOffice", "/CreationDate": date, "/ModDate": date}
    for key, value in (("/Title", job.title), ("/Author", job.author), ("/Subject", job.subject)):
        if value:
            meta[key] = value
    writer.metadata = meta
    writer._root_object[NameObject("/Lang")] = TextStringObject("zh-CN")
    writer._ID = None
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def run(jobs: list[PdfJob], *, pdf_a: bool = False, timeout: float = TIMEOUT) -> list[Diagnostic]:
    """Convert all jobs in one soffice call; write each PDF atomically to its job's path."""
    soffice = find_soffice()
    if soffice is None:
        raise PdfError("未找到 LibreOffice（soffice），无法用 libreoffice 引擎生成 PDF。", hint=_INSTALL_HINT)
    fonts.ensure_cjk_font()
    with tempfile.TemporaryDirectory(prefix="dossier-lo-") as tmp:
        root = Path(tmp)
        indir, outdir = root / "in", root / "out"
        indir.mkdir()
        # Unique names: two jobs may share a file name in different folders.
        inputs = []
        for i, job in enumerate(jobs):
            if not job.docx.is_file():
                raise PdfError(f"找不到 {job.docx}。", file=job.docx)
            target = indir / f"{i:03d}.docx"
            shutil.copyfile(job.docx, target)
            inputs.append(str(target))
        export = "pdf:writer_pdf_Export"
        if pdf_a:
            export += ':{"SelectPdfVersion":{"type":"long","value":"3"}}'
        cmd = [soffice, f"-env:UserInstallation={(root / 'profile').as_uri()}", "--headless",
               "--norestore", "--nologo", "--nodefault", "--nolockcheck",
               "--convert-to", export, "--outdir", str(outdir), *inputs]
        env = fonts.fontconfig_env()
        env["HOME"] = str(root)  # LibreOffice writes caches under HOME; keep them private too
        try:
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    env=env, start_new_session=True)
        except OSError as exc:
            raise PdfError(f"无法启动 LibreOffice：{exc}", hint=_INSTALL_HINT) from exc
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # soffice.bin is a child of the soffice script
            proc.communicate()
            raise PdfError(f"LibreOffice 在 {timeout:.0f} 秒内没有完成转换，已终止。",
                           hint="文件可能过大或损坏；可改用默认引擎 --pdf-engine weasyprint。") from None
        missing = [jobs[i] for i in range(len(jobs)) if not (outdir / f"{i:03d}.pdf").is_file()]
        if proc.returncode != 0 or missing:
            detail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"退出码 {proc.returncode}"]
            names = "、".join(j.docx.name for j in missing) or "全部文件"
            raise PdfError(f"LibreOffice 转换失败（{names}）：{detail[0]}",
                           file=missing[0].docx if missing else None,
                           hint="用 Word/WPS 打开检查该文件，或改用默认引擎 --pdf-engine weasyprint。")
        for i, job in enumerate(jobs):
            data = (outdir / f"{i:03d}.pdf").read_bytes()
            atomic_write_bytes(job.pdf, data if pdf_a else _stamp(data, job))
    return []
