"""Spreadsheet and profile builders shared by the check tests (no tests here)."""

from __future__ import annotations

import copy
import tempfile
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from openpyxl import Workbook

from dossier.check.risks import Risk, catalog
from dossier.plan_types import AttachmentRequirement, Citation, Deadline, Plan, Track

STARTERS = Path(__file__).resolve().parents[1] / "dossier" / "starters"
KEYWORD_HEADER = ["关键词", "一级分类", "二级分类"]
BANK_HEADER = ["序号", "测试题", "一级分类", "二级分类", "模型回答", "研判结果"]
ASPECTS = ["我国制度", "信仰", "形象", "文化", "习俗", "民族", "地理", "历史", "英烈",
           "个人性别", "个人年龄", "个人职业", "个人健康"]
TODAY = date(2026, 6, 1)


def risks(*categories: str) -> list[Risk]:
    return [r for r in catalog().risks if not categories or r.category in categories]


def label(r: Risk) -> str:
    return f"{r.id} {r.name}"


def write_xlsx(path: Path, sheets: dict[str, Iterable[Sequence[Any]]]) -> Path:
    wb = Workbook(write_only=True)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
    wb.save(path)
    return path


def keyword_rows(counts: dict[str, int], *, labeller: Callable[[Risk], str] = label,
                 tag: str = "") -> list[list[str]]:
    by_id = {r.id: r for r in catalog().risks}
    rows = [KEYWORD_HEADER]
    for rid, n in counts.items():
        r = by_id[rid]
        rows.extend([f"{tag}{rid}词{i}", r.category, labeller(r)] for i in range(n))
    return rows


def full_keyword_counts(total: int = 10_000) -> dict[str, int]:
    """Every one of the 17 risks at its minimum, the rest spread round-robin to reach `total`."""
    counts = {r.id: (200 if r.category == "A.1" else 100) for r in risks("A.1", "A.2")}
    ids = list(counts)
    i = 0
    while sum(counts.values()) < total:
        counts[ids[i % len(ids)]] += 1
        i += 1
    return counts


def bank_rows(counts: dict[str, int], results: Sequence[str] = ("合格",)) -> list[list[Any]]:
    by_id = {r.id: r for r in catalog().risks}
    rows: list[list[Any]] = [BANK_HEADER]
    n = 0
    for key, count in counts.items():
        r = by_id.get(key)
        for i in range(count):
            n += 1
            first, second = (r.category, label(r)) if r else ("非拒答", key)
            rows.append([n, f"{key}问题{i}", first, second, "回答", results[n % len(results)]])
    return rows


def full_bank(path: Path, *, refusal: Sequence[str] = ("拒答",), normal: Sequence[str] = ("正常回答",),
              generated: Sequence[str] = ("合格",)) -> Path:
    gen = {r.id: (70 if r.category in ("A.1", "A.2") else 60) for r in risks()}
    ref = {r.id: 30 for r in risks("A.1", "A.2")}
    non = {a: 40 for a in ASPECTS}
    return write_xlsx(path, {
        "生成内容测试题库（A.1–A.5）": bank_rows(gen, generated),
        "应拒答测试题库": bank_rows(ref, refusal),
        "非拒答测试题库": bank_rows(non, normal),
    })


# --- profiles and plans ------------------------------------------------------------------------

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]"
       b"/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
       b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
       b"0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n165\n%%EOF\n")
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
       b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00"
       b"\x00IEND\xaeB`\x82")


_CACHE: dict[str, bytes] = {}


def cached(name: str, make: Callable[[Path], Path]) -> bytes:
    """The bytes of a generated spreadsheet, made once per test session."""
    if name not in _CACHE:
        with tempfile.TemporaryDirectory() as tmp:
            _CACHE[name] = make(Path(tmp) / f"{name}.xlsx").read_bytes()
    return _CACHE[name]


def registration_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((STARTERS / "llm-registration.yaml").read_text("utf-8"))
    return copy.deepcopy(data)


def write_registration(folder: Path, *, keyword_counts: dict[str, int] | None = None,
                       edit: Callable[[dict[str, Any]], None] | None = None) -> Path:
    """The llm-registration starter with every attachment present and a complete safety kit."""
    data = registration_data()
    files = folder / "attachments"
    files.mkdir(parents=True, exist_ok=True)
    for key in list(data["attachments"]):
        if key == "keyword_library":
            if keyword_counts is None:
                (files / "关键词.xlsx").write_bytes(cached("keywords", lambda p: write_xlsx(
                    p, {"关键词库": keyword_rows(full_keyword_counts())})))
            else:
                write_xlsx(files / "关键词.xlsx", {"关键词库": keyword_rows(keyword_counts)})
            data["attachments"][key] = "attachments/关键词.xlsx"
        elif key == "test_bank":
            (files / "测试题.xlsx").write_bytes(cached("bank", full_bank))
            data["attachments"][key] = "attachments/测试题.xlsx"
        else:
            (files / f"{key}.pdf").write_bytes(PDF)
            data["attachments"][key] = f"attachments/{key}.pdf"
    if edit is not None:
        edit(data)
    path = folder / "profile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def req(id: str, title: str, *, kinds: tuple[str, ...] = ("pdf", "png", "jpg"), ref: str | None = None,
        check: str | None = None, optional: bool = False, valid_until: date | None = None
        ) -> AttachmentRequirement:
    return AttachmentRequirement(
        id=id, title=title, kinds=kinds, explanation="说明", action=f"上传{title}。",
        citations=(Citation("测试依据", "第一条"),), ref=ref if ref is not None else id, check=check,
        optional=optional, valid_until=valid_until,
    )


def plan_for(service: str, requirements: Sequence[AttachmentRequirement], *,
             deadline: Deadline | None = None, thresholds: dict[str, Any] | None = None) -> Plan:
    track = Track(track="genai_registration", subject=service, reasons=("测试",), citations=(),
                  documents=(), attachments=tuple(requirements), deadline=deadline,
                  timeline="约 30 个工作日")
    return Plan(rules_version="tc260-003-2024", tracks=(track,), thresholds=rulebook_thresholds(thresholds))


def rulebook_thresholds(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The real tc260-003-2024 thresholds, with the groups a test replaces."""
    from dossier.rules import load_rulebook

    return {**load_rulebook("tc260-003-2024").thresholds_json(), **(overrides or {})}
