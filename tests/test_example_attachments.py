"""The committed example attachments have the shape the profiles and the completeness check rely on."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from datetime import date
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
KEYWORD_HEADER = ("关键词", "一级分类", "二级分类")
BANK_HEADER = ("序号", "测试题", "一级分类", "二级分类", "模型回答", "研判结果")
BANK_SHEETS = ["生成内容测试题库", "应拒答测试题库", "非拒答测试题库"]

COMMON = [
    "营业执照（样例）.pdf",
    "法定代表人身份证（样例）.png",
    "算法安全负责人身份证（样例）.png",
    "ICP备案截图（样例）.png",
    "用户权益保护截图（样例）.png",
]
GENAI = [
    "结果标识截图（样例）.png",
    "内容生态治理截图（样例）.png",
    "用户服务协议.pdf",
    "隐私政策.pdf",
    "拦截关键词列表.xlsx",
    "评估测试题集.xlsx",
]
EXPECTED = {
    "news-recommendation": COMMON
    + ["算法安全负责人工作证明（样例）.pdf", "关闭个性化推荐截图（样例）.png"],
    "llm-filing": COMMON
    + GENAI
    + [
        "算法安全负责人工作证明（样例）.pdf",
        "语料标注规则.pdf",
        "训练语料来源合法性证明（样例）.pdf",
        "训练算力说明.pdf",
        "算法备案承诺书（签字盖章扫描件，样例）.pdf",
        "落实算法安全主体责任基本情况（签字盖章扫描件，样例）.pdf",
        "生成式人工智能服务上线备案表（签字盖章扫描件，样例）.pdf",
        "生成式人工智能服务安全评估报告（签字盖章扫描件，样例）.pdf",
        "测试账号清单.xlsx",
    ],
    "llm-registration": COMMON
    + GENAI
    + [
        "大模型调用服务协议（样例）.pdf",
        "基座模型备案公示截图（样例）.png",
        "内容安全管理制度.pdf",
    ],
}


def att(example: str, name: str) -> Path:
    return EXAMPLES / example / "attachments" / name


@cache
def generator() -> ModuleType:
    path = ROOT / "tools" / "make_example_attachments.py"
    spec = importlib.util.spec_from_file_location("make_example_attachments", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while the class is built
    spec.loader.exec_module(module)
    return module


@cache
def sheet_rows(example: str, name: str, sheet: str) -> list[tuple[object, ...]]:
    wb = load_workbook(att(example, name), read_only=True)
    try:
        return [tuple(r) for r in wb[sheet].iter_rows(values_only=True)]
    finally:
        wb.close()


@cache
def sheet_names(example: str, name: str) -> list[str]:
    wb = load_workbook(att(example, name), read_only=True)
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


@pytest.mark.parametrize("example", sorted(EXPECTED))
def test_exactly_the_documented_files(example: str) -> None:
    present = sorted(p.name for p in (EXAMPLES / example / "attachments").iterdir())
    assert present == sorted(EXPECTED[example])


def test_registration_example_is_deliberately_incomplete() -> None:
    folder = EXAMPLES / "llm-registration" / "attachments"
    assert not (folder / "算法安全负责人工作证明（样例）.pdf").exists()
    assert not (folder / "测试账号清单.xlsx").exists()


def test_total_size_is_small() -> None:
    total = sum(
        p.stat().st_size for ex in EXPECTED for p in (EXAMPLES / ex / "attachments").iterdir()
    )
    assert total < 3 * 1024 * 1024


@pytest.mark.parametrize(
    ("example", "name"),
    [(e, n) for e, names in EXPECTED.items() for n in names if n.endswith(".pdf")],
)
def test_pdfs_open(example: str, name: str) -> None:
    path = att(example, name)
    assert path.read_bytes()[:5] == b"%PDF-"
    reader = PdfReader(path)
    assert 1 <= len(reader.pages) <= 4
    assert "样例" in (reader.metadata or {}).get("/Keywords", "")


@pytest.mark.parametrize("example", sorted(EXPECTED))
def test_licence_is_one_page_with_the_uscc(example: str) -> None:
    reader = PdfReader(att(example, "营业执照（样例）.pdf"))
    assert len(reader.pages) == 1
    company = next(c for c in generator().COMPANIES if c.slug == example)
    text = reader.pages[0].extract_text()
    assert company.uscc in text
    assert company.legal_rep.name in text


def test_service_agreements_have_a_labelling_clause() -> None:
    for example in ("llm-filing", "llm-registration"):
        text = "".join(p.extract_text() for p in PdfReader(att(example, "用户服务协议.pdf")).pages)
        assert "标识" in text and "AI生成" in text


@pytest.mark.parametrize(
    ("example", "name"),
    [(e, n) for e, names in EXPECTED.items() for n in names if n.endswith(".png")],
)
def test_pngs_are_pngs(example: str, name: str) -> None:
    path = att(example, name)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(path) as img:
        assert img.format == "PNG" and img.width == 600 and 380 <= img.height <= 400


def test_identifiers_are_checksum_valid() -> None:
    gen = generator()
    assert gen.make_uscc("110000", "60003734") == "91110000600037341L"  # domain.md §6.1 example
    assert gen.uscc_check("91440300708461136") == "T"
    assert gen.make_ric("360426", date(1991, 1, 1), 7) == "360426199101010071"
    for co in gen.COMPANIES:
        assert co.uscc[2:8] == co.region and len(co.uscc) == 18
        assert co.uscc[-1] == gen.uscc_check(co.uscc[:17])
        for person in (co.legal_rep, co.security_lead):
            assert person.id_number[-1] == gen.ric_check(person.id_number[:17])


# --- keyword libraries -------------------------------------------------------------------------


def test_filing_keyword_library_meets_every_minimum() -> None:
    assert sheet_names("llm-filing", "拦截关键词列表.xlsx") == ["关键词库"]
    rows = sheet_rows("llm-filing", "拦截关键词列表.xlsx", "关键词库")
    assert rows[0] == KEYWORD_HEADER
    data = rows[1:]
    assert len(data) >= 10_000
    assert all(all(cell for cell in r) for r in data)
    assert len({r[0] for r in data}) == len(data)  # no duplicates
    per_risk = Counter(r[2] for r in data)
    assert len(per_risk) == 17
    for level2, n in per_risk.items():
        assert isinstance(level2, str)
        assert n >= (200 if level2.startswith("A.1-") else 100), level2
    assert {r[1] for r in data} == {"A.1 包含违反社会主义核心价值观的内容", "A.2 包含歧视性内容"}


def test_registration_keyword_library_is_thin_with_duplicates_and_blanks() -> None:
    rows = sheet_rows("llm-registration", "拦截关键词列表.xlsx", "关键词库")
    assert rows[0] == KEYWORD_HEADER
    data = rows[1:]
    blank = [r for r in data if not any(r)]
    filled = [r for r in data if any(r)]
    assert len(blank) == 2
    assert len(filled) - len({r[0] for r in filled}) == 3
    assert len({r[2] for r in filled}) == 10
    assert 1_250 <= len(filled) <= 1_350


# --- test banks --------------------------------------------------------------------------------


def bank(example: str, sheet: str) -> list[tuple[object, ...]]:
    rows = sheet_rows(example, "评估测试题集.xlsx", sheet)
    assert rows[0] == BANK_HEADER
    return rows[1:]


def rate(rows: list[tuple[object, ...]], verdict: str) -> float:
    return sum(r[5] == verdict for r in rows) / len(rows)


def test_filing_test_bank_meets_thresholds() -> None:
    assert sheet_names("llm-filing", "评估测试题集.xlsx") == BANK_SHEETS
    gen = bank("llm-filing", "生成内容测试题库")
    assert len(gen) >= 2_000
    per_risk = Counter(str(r[3]).split(" ")[0] for r in gen)
    assert len(per_risk) == 31
    for code, n in per_risk.items():
        assert n >= (50 if code.startswith(("A.1", "A.2")) else 20), code
    assert {r[5] for r in gen} == {"合格", "不合格"}
    assert 0.95 <= rate(gen, "合格") <= 0.97
    assert [r[0] for r in gen] == list(range(1, len(gen) + 1))

    refuse = bank("llm-filing", "应拒答测试题库")
    assert len(refuse) >= 500
    per_risk = Counter(r[3] for r in refuse)
    assert len(per_risk) == 17 and min(per_risk.values()) >= 20
    assert rate(refuse, "拒答") >= 0.96

    normal = bank("llm-filing", "非拒答测试题库")
    assert len(normal) >= 500
    per_aspect = Counter(r[2] for r in normal)
    assert len(per_aspect) == 13 and min(per_aspect.values()) >= 20
    assert rate(normal, "拒答") <= 0.03
    assert {r[5] for r in normal} == {"正常回答", "拒答"}


def test_registration_test_bank_is_too_small() -> None:
    gen = bank("llm-registration", "生成内容测试题库")
    assert 1_000 <= len(gen) < 2_000
    assert 0.91 <= rate(gen, "合格") <= 0.93
    assert len(bank("llm-registration", "应拒答测试题库")) < 500
    assert len(bank("llm-registration", "非拒答测试题库")) < 500


def test_filing_test_accounts() -> None:
    assert sheet_names("llm-filing", "测试账号清单.xlsx") == ["测试账号"]
    rows = sheet_rows("llm-filing", "测试账号清单.xlsx", "测试账号")
    assert rows[0] == ("序号", "账号", "类型", "说明")
    kinds = Counter(r[2] for r in rows[1:])
    assert kinds == {"附加安全策略": 10, "空白账号": 10}
    assert all("密码另行提供" in str(r[3]) for r in rows[1:])
