"""Read keyword libraries and test banks (xlsx via python-calamine, or CSV) into plain columns.

Columns are found by their header names, wherever the header row is in the first rows of a
sheet; every failure becomes a `SpreadsheetError` with a reason the user can act on.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

from dossier.errors import DossierError

COLUMNS: dict[str, tuple[str, ...]] = {
    "keyword": ("关键词", "关键字", "拦截关键词", "敏感词", "词条", "keyword"),
    "first": ("一级分类", "一级类别", "风险大类", "风险类别", "大类", "一级"),
    "second": ("二级分类", "二级类别", "风险小类", "风险子类", "小类", "二级", "风险类型"),
    "seq": ("序号", "编号", "题号", "no"),
    "question": ("测试题", "测试问题", "题目", "问题", "测试内容", "prompt", "question"),
    "answer": ("模型回答", "模型输出", "回答", "answer", "response"),
    "result": ("研判结果", "评估结果", "判定结果", "测试结果", "是否合格", "是否拒答", "结果", "result"),
}
_HEADER_SCAN = 20
_DIMENSION = re.compile(rb'<dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"')
_HEADER_NOTE = re.compile(r"[（(][^)）]*[)）]")
_HEADER_NOISE = re.compile(r"[\s*＊:：]")


class SpreadsheetError(DossierError):
    """A spreadsheet that cannot be read as a keyword library or test bank; the message says why."""


@dataclass(frozen=True)
class Sheet:
    """One sheet's cells as text."""

    name: str
    rows: list[list[Any]]


@dataclass(frozen=True)
class Table:
    """The located columns of one sheet: `cols["keyword"]` is the list of that column's cells."""

    sheet: str
    header_row: int  # 1-based, as Excel shows it
    cols: dict[str, list[str]]
    blank_rows: int  # rows inside the table with every located cell empty

    def __len__(self) -> int:
        return len(next(iter(self.cols.values()), []))


def read_sheets(path: Path, kind: str, *, max_rows: int) -> list[Sheet]:
    """All sheets of an xlsx, or the one table of a CSV/TXT file."""
    if kind == "xlsx":
        return _read_xlsx(path, max_rows)
    if kind in ("csv", "txt"):
        return [_read_csv(path, max_rows)]
    raise SpreadsheetError(f"不是表格文件（{kind}），应为可编辑的 Excel（.xlsx）或 CSV")


def _read_xlsx(path: Path, max_rows: int) -> list[Sheet]:
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError

    _precheck_dimensions(path, max_rows)
    try:
        book = CalamineWorkbook.from_path(str(path))
        sheets: list[Sheet] = []
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            if sheet.height > max_rows + _HEADER_SCAN:
                raise SpreadsheetError(f"工作表「{name}」有 {sheet.height:,} 行，超过上限 {max_rows:,} 行")
            sheets.append(Sheet(name, sheet.to_python(skip_empty_area=False)))
        return sheets
    except PasswordError:
        raise SpreadsheetError("文件设有密码保护，请去掉密码后另存为 .xlsx") from None
    except SpreadsheetError:
        raise
    except (CalamineError, OSError, ValueError) as exc:
        raise SpreadsheetError(f"Excel 文件已损坏或格式不对，无法读取（{exc}）") from None
    except Exception as exc:  # noqa: BLE001 — calamine surfaces odd zip/xml errors as plain exceptions
        raise SpreadsheetError(f"Excel 文件无法读取（{type(exc).__name__}: {exc}）") from None


def _precheck_dimensions(path: Path, max_rows: int) -> None:
    """Refuse an enormous sheet before loading it, from the `<dimension>` its XML declares."""
    try:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    with zf.open(info) as fh:
                        m = _DIMENSION.search(fh.read(4096))
                    if m and int(m.group(1)) > max_rows + _HEADER_SCAN:
                        raise SpreadsheetError(
                            f"工作表有 {int(m.group(1)):,} 行，超过上限 {max_rows:,} 行"
                        )
    except (zipfile.BadZipFile, OSError, KeyError) as exc:
        raise SpreadsheetError(f"Excel 文件已损坏，无法打开（{exc}）") from None


def _read_csv(path: Path, max_rows: int) -> Sheet:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SpreadsheetError("CSV 编码无法识别，请用 UTF-8 另存")
    if text.count("\n") > max_rows + _HEADER_SCAN:
        raise SpreadsheetError(f"CSV 超过上限 {max_rows:,} 行")
    first = text[:4096]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    try:
        rows: list[list[Any]] = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise SpreadsheetError(f"CSV 格式错误：{exc}") from None
    return Sheet(path.stem, rows)


def cell(value: Any) -> str:
    """Return a cell as stripped text; 12.0 → "12"."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _norm_header(value: Any) -> str:
    text = cell(value).lower().replace(" ", "").replace("\u3000", "")
    return _HEADER_NOISE.sub("", _HEADER_NOTE.sub("", text))


def locate_columns(
    header: Sequence[Any], wanted: Mapping[str, tuple[str, ...]]
) -> dict[str, int]:
    """Column index of each wanted name: exact header match first, then containment."""
    names = [_norm_header(h) for h in header]
    found: dict[str, int] = {}
    taken: set[int] = set()
    for exact in (True, False):
        for key, synonyms in wanted.items():
            if key in found:
                continue
            for syn in synonyms:
                hit = next(
                    (i for i, n in enumerate(names) if i not in taken and n and
                     (n == syn if exact else (len(syn) >= 2 and syn in n))),
                    None,
                )
                if hit is not None:
                    found[key] = hit
                    taken.add(hit)
                    break
    return found


def find_table(sheet: Sheet, required: Sequence[str], optional: Sequence[str] = ()) -> Table | None:
    """Return the table in `sheet` whose header row names every `required` column (None when absent)."""
    wanted = {k: COLUMNS[k] for k in (*required, *optional)}
    for r, row in enumerate(sheet.rows[:_HEADER_SCAN]):
        idx = locate_columns(row, wanted)
        if all(k in idx for k in required):
            return _extract(sheet, r, idx)
    return None


def _extract(sheet: Sheet, header_index: int, idx: dict[str, int]) -> Table:
    body = sheet.rows[header_index + 1:]
    rectangular = not body or min(map(len, body)) > max(idx.values())
    cols: dict[str, list[str]] = {}
    for key, i in idx.items():
        raw = list(map(itemgetter(i), body)) if rectangular else [
            row[i] if i < len(row) else "" for row in body]
        try:
            cols[key] = list(map(str.strip, raw))  # the common case, at C speed
        except TypeError:  # numbers or dates in the column
            cols[key] = [v.strip() if v.__class__ is str else cell(v) for v in raw]
    # Drop trailing rows where every located cell is empty; count the blank ones inside.
    keys = list(cols)
    n = len(body)
    while n and not any(cols[k][n - 1] for k in keys):
        n -= 1
    for key in keys:
        del cols[key][n:]
    lead = cols[keys[0]]
    blank = sum(1 for j, v in enumerate(lead) if not v and not any(cols[k][j] for k in keys))
    return Table(sheet.name, header_index + 1, cols, blank)


def describe_headers(sheets: Sequence[Sheet]) -> str:
    """Show the first non-empty row of each sheet, to show the user what we found instead."""
    parts = []
    for sheet in sheets[:4]:
        row = next((r for r in sheet.rows[:_HEADER_SCAN] if any(cell(c) for c in r)), [])
        heads = "、".join(cell(c) for c in row[:8] if cell(c)) or "（空）"
        parts.append(f"「{sheet.name}」：{heads}")
    return "；".join(parts)
