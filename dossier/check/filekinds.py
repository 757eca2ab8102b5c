"""Detect a file's kind by its magic bytes, not its name, and say why a file is unusable."""

from __future__ import annotations

import logging
import zipfile
from dataclasses import dataclass
from pathlib import Path

KIND_TITLES: dict[str, str] = {
    "pdf": "PDF",
    "png": "PNG 图片",
    "jpg": "JPG 图片",
    "webp": "WebP 图片",
    "xlsx": "Excel（.xlsx）",
    "docx": "Word（.docx）",
    "csv": "CSV",
    "txt": "文本",
    "zip": "ZIP 压缩包",
    "ole": "旧版 Office 文件（.xls/.doc）",
    "encrypted": "加密的 Office 文件",
    "empty": "空文件",
    "unknown": "无法识别的格式",
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_MARKERS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
MAX_UNZIPPED = 1 << 30  # 1 GiB: beyond this an Office file is a zip bomb, not a spreadsheet


@dataclass(frozen=True)
class Detected:
    """A file's kind, and the reason it cannot be used (None when it can)."""

    kind: str
    problem: str | None = None

    @property
    def title(self) -> str:
        """Chinese name of the kind."""
        return KIND_TITLES.get(self.kind, self.kind)


def detect(path: Path, *, max_bytes: int = 200 * 1024 * 1024) -> Detected:
    """Kind of `path` by content; `problem` says why it is unusable (empty, corrupt, encrypted…)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8192)
    except OSError as exc:
        return Detected("unknown", f"无法读取：{exc.strerror or exc}")
    if size == 0:
        return Detected("empty", "文件为空（0 字节）")
    if size > max_bytes:
        return Detected("unknown", f"文件过大（{size / 1048576:.0f} MB，上限 {max_bytes // 1048576} MB）")
    if head.startswith(b"%PDF-"):
        return Detected("pdf", _pdf_problem(path))
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Detected("png", None if len(head) >= 24 and head[12:16] == b"IHDR" else "PNG 文件头损坏")
    if head.startswith(b"\xff\xd8\xff"):
        return Detected("jpg")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Detected("webp")
    if head.startswith(_OLE_MAGIC):
        return _ole(path)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip(path)
    return _text(path, head)


def _pdf_problem(path: Path) -> str | None:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            return "PDF 设有打开密码，审核人员无法查看，请去掉密码后重新导出"
        if len(reader.pages) == 0:
            return "PDF 没有页面"
    except Exception as exc:  # noqa: BLE001 — pypdf raises many kinds for broken files
        return f"PDF 已损坏，无法打开（{type(exc).__name__}）"
    return None


def _ole(path: Path) -> Detected:
    data = path.read_bytes()
    if any(marker in data for marker in _ENCRYPTION_MARKERS):
        return Detected("encrypted", "文件设有密码保护（加密的 Office 文件），请去掉密码后另存为 .xlsx")
    return Detected("ole", "旧版 Office 格式（.xls/.doc），请另存为 .xlsx 或 .docx")


def _zip(path: Path) -> Detected:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            if sum(i.file_size for i in infos) > MAX_UNZIPPED:
                return Detected("zip", "解压后超过 1 GB，疑似压缩炸弹，拒绝读取")
            if "[Content_Types].xml" in names:
                types = zf.read("[Content_Types].xml").decode("utf-8", "replace")
                if "spreadsheetml" in types or "xl/workbook.xml" in names:
                    return Detected("xlsx")
                if "wordprocessingml" in types or "word/document.xml" in names:
                    return Detected("docx")
            return Detected("zip")
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        return Detected("zip", f"压缩结构已损坏，无法打开（{exc}）")


def _text(path: Path, head: bytes) -> Detected:
    if b"\x00" in head:
        return Detected("unknown", "无法识别的二进制格式")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            sample = head.decode(encoding)
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # a cut multi-byte character at the end is fine
                continue
            sample = head[: exc.start].decode(encoding)
        kind = "csv" if path.suffix.lower() == ".csv" or _looks_tabular(sample) else "txt"
        return Detected(kind)
    return Detected("unknown", "文本编码无法识别（应为 UTF-8 或 GB18030）")


def _looks_tabular(sample: str) -> bool:
    lines = [line for line in sample.splitlines()[:5] if line.strip()]
    return bool(lines) and all(("," in line or "\t" in line) for line in lines)
