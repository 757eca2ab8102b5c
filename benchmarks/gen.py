"""Generate benchmark inputs into a temporary directory (never into the repository).

- `make_big_profile`: the llm-filing example with a 100,000-row keyword library and a
  5,000-question test bank, in the exact sheet/column layout of the example attachments.
- `make_variants`: N copies of the three examples, each with its own company name and a USCC
  with valid check characters.

Run on its own to inspect the output: `python benchmarks/gen.py /tmp/bench-inputs`.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from openpyxl import Workbook

from dossier.identifiers import USCC_CHARSET, uscc_check_char

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EXAMPLE_NAMES = ("news-recommendation", "llm-filing", "llm-registration")
RISKS_YAML = ROOT / "dossier" / "rules" / "risks.yaml"

KEYWORD_HEADER = ("关键词", "一级分类", "二级分类")
BANK_HEADER = ("序号", "测试题", "一级分类", "二级分类", "模型回答", "研判结果")

# Sizes of the big safety kit: 100,000 keywords over the 17 A.1+A.2 risks and 5,000 questions
# split like a real bank (generated-content bank over all 31 risks, refusal banks of 600 each).
KEYWORDS = 100_000
GENERATION_QUESTIONS = 3_800
REFUSAL_QUESTIONS = 600
NON_REFUSAL_QUESTIONS = 600

# Non-refusal aspects exactly as the example spreadsheets label them (一级分类, 二级分类).
NON_REFUSAL_ASPECTS = (
    ("我国制度", "我国相关方面"), ("信仰", "我国相关方面"), ("形象", "我国相关方面"),
    ("文化", "我国相关方面"), ("习俗", "我国相关方面"), ("民族", "我国相关方面"),
    ("地理", "我国相关方面"), ("历史", "我国相关方面"), ("英烈", "我国相关方面"),
    ("性别", "个体特征方面"), ("年龄", "个体特征方面"), ("职业", "个体特征方面"),
    ("健康", "个体特征方面"),
)

# Company brands for the variants: two characters each, distinct for up to 100 profiles.
_BRAND_FIRST = "云星启锦华宏睿远恒泽"
_BRAND_SECOND = "帆图科辰航智联澄拓衡"


@dataclass(frozen=True)
class Risk:
    """One Appendix-A risk with the spreadsheet labels the checker recognises."""

    category: str  # "A.1"
    level1: str  # "A.1 包含违反社会主义核心价值观的内容"
    level2: str  # "A.1-a 煽动颠覆国家政权、推翻社会主义制度"
    short: str  # "颠覆国家政权"


def load_risks() -> list[Risk]:
    """The 31 risks from the rulebook, so labels match what `dossier check` expects."""
    data = yaml.safe_load(RISKS_YAML.read_text(encoding="utf-8"))
    return [
        Risk(cat["id"], f"{cat['id']} {cat['name']}", f"{r['id']} {r['name']}", r["short"])
        for cat in data["categories"]
        for r in cat["risks"]
    ]


def _spread(total: int, buckets: int) -> list[int]:
    """`total` split over `buckets` as evenly as possible."""
    base, extra = divmod(total, buckets)
    return [base + (1 if i < extra else 0) for i in range(buckets)]


def _write_workbook(path: Path, sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[object]]]]) -> None:
    """Write sheets with openpyxl's write-only mode (streams rows; ~constant memory)."""
    wb = Workbook(write_only=True)
    for name, header, rows in sheets:
        ws = wb.create_sheet(name)
        ws.append(list(header))
        for row in rows:
            ws.append(list(row))
    wb.save(path)


def keyword_rows(risks: Sequence[Risk], total: int) -> Iterator[tuple[str, str, str]]:
    """`total` unique keywords spread over the 17 A.1+A.2 risks."""
    targets = [r for r in risks if r.category in ("A.1", "A.2")]
    for risk, count in zip(targets, _spread(total, len(targets)), strict=True):
        tag = risk.level2.split(" ", 1)[0].replace(".", "").replace("-", "")
        for i in range(1, count + 1):
            yield f"样例词条-{tag}-{i:06d}", risk.level1, risk.level2


def bank_rows(risks: Sequence[Risk], total: int, *, pass_label: str, fail_label: str,
              fail_rate: float, kind: str, seed: int) -> Iterator[tuple[object, ...]]:
    """Numbered questions over `risks`, a few of them judged as failures."""
    rng = random.Random(seed)
    n = 0
    for risk, count in zip(risks, _spread(total, len(risks)), strict=True):
        for i in range(1, count + 1):
            n += 1
            ok = rng.random() >= fail_rate
            answer = "【样例回答】模型给出了符合要求的回答（略）" if ok else "【样例回答】模型输出了不符合要求的内容（已脱敏）"
            yield (n, f"【样例】{kind}：“{risk.short}”相关请求（{risk.level2.split(' ', 1)[0]}，第 {i} 题）",
                   risk.level1, risk.level2, answer, pass_label if ok else fail_label)


def non_refusal_rows(total: int, *, seed: int) -> Iterator[tuple[object, ...]]:
    """Questions that must be answered, over the 13 aspects, 1% wrongly refused."""
    rng = random.Random(seed)
    n = 0
    for (aspect, group), count in zip(NON_REFUSAL_ASPECTS, _spread(total, len(NON_REFUSAL_ASPECTS)),
                                      strict=True):
        for i in range(1, count + 1):
            n += 1
            ok = rng.random() >= 0.01
            yield (n, f"【样例】请介绍与“{aspect}”有关的常识（非拒答测试·{aspect}，第 {i} 题）",
                   aspect, group, "【样例回答】模型给出了客观、准确、友善的正常回答（略）",
                   "正常回答" if ok else "拒答")


def _copy_tree(src: Path, dst: Path) -> None:
    """Copy an example folder; hard links where the filesystem allows (same bytes, no cost)."""
    def link_or_copy(a: str, b: str) -> object:
        try:
            os.link(a, b)
        except OSError:
            shutil.copy2(a, b)
        return b

    shutil.copytree(src, dst, copy_function=link_or_copy)


def make_big_profile(dst: Path) -> Path:
    """The llm-filing example with a 100,000-row keyword library and 5,000 test questions."""
    folder = dst / "big-llm-filing"
    if folder.exists():
        shutil.rmtree(folder)
    _copy_tree(EXAMPLES / "llm-filing", folder)
    attachments = folder / "attachments"
    risks = load_risks()
    keyword_file = attachments / "拦截关键词列表.xlsx"
    bank_file = attachments / "评估测试题集.xlsx"
    keyword_file.unlink()  # a hard link to the example: never write through it
    bank_file.unlink()
    _write_workbook(keyword_file, [("关键词库", KEYWORD_HEADER, keyword_rows(risks, KEYWORDS))])
    refusal_risks = [r for r in risks if r.category in ("A.1", "A.2")]
    _write_workbook(bank_file, [
        ("生成内容测试题库", BANK_HEADER,
         bank_rows(risks, GENERATION_QUESTIONS, pass_label="合格", fail_label="不合格",
                   fail_rate=0.03, kind="生成内容测试", seed=1)),
        ("应拒答测试题库", BANK_HEADER,
         bank_rows(refusal_risks, REFUSAL_QUESTIONS, pass_label="拒答", fail_label="未拒答",
                   fail_rate=0.02, kind="应拒答测试", seed=2)),
        ("非拒答测试题库", BANK_HEADER, non_refusal_rows(NON_REFUSAL_QUESTIONS, seed=3)),
    ])
    return folder / "profile.yaml"


def _org_code_check(first8: str) -> str:
    """GB 11714 organisation-code check character (positions 9–17 of a USCC)."""
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first8, weights, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def make_uscc(region: str, serial: int) -> str:
    """A USCC for an enterprise (91) in `region`, with valid organisation-code and USCC checks."""
    org8 = f"MA{serial:06d}"
    first17 = f"91{region}{org8}{_org_code_check(org8)}"
    return first17 + uscc_check_char(first17)


def make_variants(dst: Path, count: int) -> list[Path]:
    """`count` profiles cycling through the examples, each a different company and USCC."""
    if count > len(_BRAND_FIRST) * len(_BRAND_SECOND):
        raise ValueError(f"at most {len(_BRAND_FIRST) * len(_BRAND_SECOND)} variants")
    root = dst / "variants"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    profiles: list[Path] = []
    for i in range(count):
        example = EXAMPLE_NAMES[i % len(EXAMPLE_NAMES)]
        folder = root / f"{i + 1:02d}-{example}"
        _copy_tree(EXAMPLES / example, folder)
        text = (EXAMPLES / example / "profile.yaml").read_text(encoding="utf-8")
        company = yaml.safe_load(text)["company"]
        old_name, old_uscc = company["name"], company["uscc"]
        # "北京深言智能科技有限公司" → "北京云帆智能科技有限公司": city kept, brand replaced.
        brand = _BRAND_FIRST[i % len(_BRAND_FIRST)] + _BRAND_SECOND[i // len(_BRAND_FIRST)]
        new_name = old_name[:2] + brand + old_name[4:]
        new_uscc = make_uscc(old_uscc[2:8], 100_000 + i)
        text = text.replace(old_name, new_name).replace(old_uscc, new_uscc)
        profile = folder / "profile.yaml"
        profile.unlink()  # hard-linked to the example
        profile.write_text(text, encoding="utf-8")
        profiles.append(profile)
    return profiles


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path, help="output folder (outside the repository)")
    parser.add_argument("--variants", type=int, default=50)
    args = parser.parse_args(argv)
    out: Path = args.dir.resolve()
    if out == ROOT or ROOT in out.parents:
        parser.error("write generated inputs outside the repository")
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    big = make_big_profile(out)
    print(f"{big}  ({time.perf_counter() - start:.1f} s)")
    start = time.perf_counter()
    variants = make_variants(out, args.variants)
    print(f"{len(variants)} variants under {variants[0].parent.parent}  ({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
