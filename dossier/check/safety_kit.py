"""Keyword library and test banks: totals, coverage of the risks, per-risk minimums (TC260-003 §8)."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dossier.check.evaluation import Tally, tally_results
from dossier.check.report import Shortfall, Status
from dossier.check.risks import Catalog, Risk
from dossier.check.spreadsheets import (
    Sheet,
    SpreadsheetError,
    Table,
    describe_headers,
    find_table,
    read_sheets,
)
from dossier.check.thresholds import Thresholds

if TYPE_CHECKING:
    from dossier.profile import Loaded
    from dossier.profile.genai import Evaluation, GenaiService

MEASURE_MAX_ROWS = 2_000_000  # a sheet this long is reported invalid by the check, not read here

BANKS: dict[str, str] = {"generated": "生成内容测试题库", "refusal": "应拒答测试题库",
                         "non_refusal": "非拒答测试题库"}


@dataclass(frozen=True)
class Finding:
    """A result of a content check, before the report gives it a track and a citation."""

    key: str
    title: str
    status: Status
    detail: str
    action: str = ""
    shortfalls: tuple[Shortfall, ...] = ()
    figures: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class TestBankResult:
    """The findings on a test bank, plus the evaluation tallies its result columns hold."""

    findings: list[Finding]
    tallies: dict[str, Tally]


def _n(value: int) -> str:
    return f"{value:,}"


def _shortfalls(counts: Counter[str], risks: Iterable[Risk], need: Callable[[Risk], int]
                ) -> list[Shortfall]:
    return [Shortfall(r.id, r.name, counts[r.id], need(r)) for r in risks if counts[r.id] < need(r)]


def _describe(what: str, total: int, need_total: int, covered: int, of: int,
              shortfalls: Sequence[Shortfall], unit: str) -> str:
    parts = [f"{what}共 {_n(total)} {unit}（要求不少于 {_n(need_total)}）",
             f"覆盖 {of} 类风险中的 {covered} 类"]
    if shortfalls:
        parts.append(f"{len(shortfalls)} 类未达每类最低数量")
    return "，".join(parts[:2]) + ("；" + parts[2] if len(parts) > 2 else "") + "。"


def _unmatched_note(unmatched: Counter[str]) -> str:
    shown = "、".join(f"「{v}」×{c}" for v, c in unmatched.most_common(5))
    more = f" 等 {len(unmatched)} 种" if len(unmatched) > 5 else ""
    return f"{sum(unmatched.values()):,} 行的二级分类无法对应到附录 A 的风险：{shown}{more}"


def check_keyword_library(path: Path, kind: str, th: Thresholds, cat: Catalog) -> list[Finding]:
    """Total, coverage of the 17 risks, per-risk minimums, duplicates and blank rows."""
    try:
        sheets = read_sheets(path, kind, max_rows=th.max_rows)
    except SpreadsheetError as exc:
        return [Finding("", "", "invalid", exc.message, "修复文件后重新导出为 .xlsx。")]
    tables = [t for t in (find_table(s, ("keyword", "second"), ("first",)) for s in sheets) if t]
    if not tables:
        return [Finding("", "", "invalid",
                        f"找不到含“关键词”和“二级分类”列的表头；文件中的表头：{describe_headers(sheets)}。",
                        "按 关键词 / 一级分类 / 二级分类 三列整理，第一行为表头。")]
    # Whole-column operations (zip, set, Counter, compress) keep 100,000 rows well under a second.
    # Rows are counted by 二级分类 alone; only labels that need their 一级分类 (a bare "d)") are
    # counted again with it.
    unique_words: set[str] = set()
    pairs: Counter[tuple[str, str]] = Counter()  # (二级分类, 一级分类) → distinct keywords
    rows_by_label: Counter[tuple[str, str]] = Counter()
    filled = blanks = 0
    for table in tables:
        words, seconds = table.cols["keyword"], table.cols["second"]
        firsts = table.cols.get("first") or [""] * len(words)
        empty = words.count("")
        blanks += empty
        filled += len(words) - empty
        unique_words.update(words)
        has_word = list(map(bool, words))
        by_second = Counter(compress(seconds, has_word))
        if all(cat.match(sec) is not None for sec in by_second):
            keys: list[Any] = seconds  # 二级分类 alone names the risk
            rows_by_label.update({(sec, ""): n for sec, n in by_second.items()})
        else:
            keys = list(zip(seconds, firsts, strict=True))
            rows_by_label.update(compress(keys, has_word))
        distinct = set(zip(words, keys, strict=True)) - {("", k) for k in set(keys)}
        for key, n in Counter(map(itemgetter(1), distinct)).items():
            pairs[key if isinstance(key, tuple) else (key, "")] += n
    unique_words.discard("")
    risk_of = {label: cat.match(*label) for label in rows_by_label}
    counts: Counter[str] = Counter()
    unmatched: Counter[str] = Counter()
    for label, risk in risk_of.items():
        if risk is not None:
            counts[risk.id] += pairs[label]
        elif rows_by_label[label] > 0:
            unmatched[label[0] or "（空）"] += rows_by_label[label]
    seen = unique_words
    dupes = filled - len(unique_words)
    required = cat.in_categories(frozenset(th.keyword_per_category))
    shorts = _shortfalls(counts, required, lambda r: th.keyword_per_category.get(r.category, 0))
    covered = sum(1 for r in required if counts[r.id])
    total = len(seen)
    ok = total >= th.keyword_total and not shorts
    detail = _describe("关键词", total, th.keyword_total, covered, len(required), shorts, "个")
    per_cat = "、".join(f"{c} 每类不少于 {n}" for c, n in th.keyword_per_category.items())
    action = "" if ok else (f"补充关键词至不少于 {_n(th.keyword_total)} 个，覆盖 {len(required)} 类风险"
                            f"（{per_cat}），并保持每周更新。")
    figures = {"total": total, "covered": covered, "required_risks": len(required),
               "per_risk": {r.id: counts[r.id] for r in required},
               "duplicates": dupes, "blank_rows": blanks, "unmatched_rows": sum(unmatched.values())}
    out = [Finding("", "", "ok" if ok else "insufficient", detail, action, tuple(shorts), figures)]
    out.extend(_hygiene("keyword_library", "拦截关键词列表", dupes, blanks, unmatched, "关键词"))
    return out


def _hygiene(key: str, title: str, dupes: int, blanks: int, unmatched: Counter[str],
             unit: str) -> list[Finding]:
    notes = []
    if dupes:
        notes.append(f"{dupes:,} 个重复{unit}（只计一次）")
    if blanks:
        notes.append(f"{blanks:,} 个空行")
    if unmatched:
        notes.append(_unmatched_note(unmatched))
    if not notes:
        return []
    return [Finding(f"{key}.hygiene", f"{title}：数据质量", "warning", "；".join(notes) + "。",
                    "删除重复项和空行；二级分类写成附录 A 的编号和名称，如“A.2-d 地域歧视内容”。")]


def _classify_sheets(sheets: Sequence[Sheet]) -> dict[str, Table]:
    found: dict[str, Table] = {}
    leftovers: list[Table] = []
    for sheet in sheets:
        table = find_table(sheet, ("question",), ("seq", "first", "second", "answer", "result"))
        if table is None:
            continue
        name = sheet.name.replace(" ", "")
        if "非拒答" in name or "不拒答" in name:
            found.setdefault("non_refusal", table)
        elif "拒答" in name:
            found.setdefault("refusal", table)
        elif "生成" in name:
            found.setdefault("generated", table)
        else:
            leftovers.append(table)
    if "generated" not in found and leftovers:
        found["generated"] = leftovers[0]
    return found


def check_test_bank(path: Path, kind: str, th: Thresholds, cat: Catalog) -> TestBankResult:
    """Check the three banks: sizes, risk coverage, per-risk/aspect minimums, and their result tallies."""
    try:
        sheets = read_sheets(path, kind, max_rows=th.max_rows)
    except SpreadsheetError as exc:
        return TestBankResult([Finding("", "", "invalid", exc.message, "修复文件后重新导出为 .xlsx。")], {})
    tables = _classify_sheets(sheets)
    if not tables:
        return TestBankResult([Finding(
            "", "", "invalid",
            f"找不到含“测试题”列的工作表；文件中的表头：{describe_headers(sheets)}。",
            "按 序号 / 测试题 / 一级分类 / 二级分类 / 模型回答 / 研判结果 整理，"
            "分 生成内容测试题库、应拒答测试题库、非拒答测试题库 三个工作表。")], {})
    findings: list[Finding] = [Finding("", "", "ok", "可读取：" + "、".join(
        f"{BANKS[k]}（工作表「{t.sheet}」，{len(t):,} 行）" for k, t in tables.items()) + "。")]
    tallies: dict[str, Tally] = {}
    for bank, title in BANKS.items():
        table = tables.get(bank)
        if table is None:
            findings.append(Finding(bank, f"评估测试题集：{title}", "missing",
                                    f"测试题集中没有{title}工作表（工作表名称应含“{title[:-4]}”）。",
                                    f"增加名为“{title}”的工作表。"))
            continue
        if bank == "non_refusal":
            findings.append(_non_refusal(table, th, cat))
        else:
            findings.append(_risk_bank(bank, table, th, cat))
        tally = tally_results(bank, table)
        if tally is not None:
            tallies[bank] = tally
    return TestBankResult(findings, tallies)


def _questions(table: Table) -> tuple[list[int], int, int]:
    """Indexes of rows with a question, the number of duplicate questions, and blank rows."""
    seen: set[str] = set()
    rows, dupes, blanks = [], 0, table.blank_rows
    for i, q in enumerate(table.cols["question"]):
        if not q:
            blanks += 1 if any(table.cols[k][i] for k in table.cols) else 0
            continue
        dupes += q in seen
        seen.add(q)
        rows.append(i)
    return rows, dupes, blanks


def _risk_bank(bank: str, table: Table, th: Thresholds, cat: Catalog) -> Finding:
    title = BANKS[bank]
    per = th.generated_per_category if bank == "generated" else th.refusal_per_category
    need_total = th.generated_total if bank == "generated" else th.refusal_total
    rows, dupes, blanks = _questions(table)
    seconds = table.cols.get("second")
    firsts = table.cols.get("first")
    counts: Counter[str] = Counter()
    unmatched: Counter[str] = Counter()
    for i in rows:
        second = seconds[i] if seconds else ""
        first = firsts[i] if firsts else ""
        risk = cat.match(second, first) or (cat.match(first) if not second else None)
        if risk is None:
            unmatched[second or first or "（空）"] += 1
        else:
            counts[risk.id] += 1
    required = cat.in_categories(frozenset(per))
    shorts = _shortfalls(counts, required, lambda r: per.get(r.category, 0))
    covered = sum(1 for r in required if counts[r.id])
    ok = len(rows) >= need_total and not shorts
    detail = _describe(title, len(rows), need_total, covered, len(required), shorts, "题")
    if dupes or blanks or unmatched:
        notes = [f"{dupes:,} 道重复题" if dupes else "", f"{blanks:,} 个空行" if blanks else "",
                 _unmatched_note(unmatched) if unmatched else ""]
        detail += "另有" + "；".join(n for n in notes if n) + "。"
    per_cat = "、".join(f"{c} 每类不少于 {n}" for c, n in per.items())
    action = "" if ok else f"补充至不少于 {_n(need_total)} 题，覆盖 {len(required)} 类风险（{per_cat}）。"
    figures = {"total": len(rows), "covered": covered, "required_risks": len(required),
               "per_risk": {r.id: counts[r.id] for r in required}, "duplicates": dupes,
               "blank_rows": blanks, "unmatched_rows": sum(unmatched.values())}
    return Finding(bank, f"评估测试题集：{title}", "ok" if ok else "insufficient", detail, action,
                   tuple(shorts), figures)


def _non_refusal(table: Table, th: Thresholds, cat: Catalog) -> Finding:
    title = BANKS["non_refusal"]
    rows, dupes, blanks = _questions(table)
    counts: Counter[str] = Counter()
    aspects = [cat.aspect(a) for a in th.non_refusal_aspects]
    cache: dict[tuple[str, ...], str] = {}
    for i in rows:
        labels = tuple(table.cols[k][i] for k in ("second", "first") if k in table.cols)
        if labels not in cache:
            cache[labels] = next((a.name for label in labels for a in aspects if a.matches(label)), "")
        counts[cache[labels]] += 1
    need = th.non_refusal_per_aspect
    shorts = [Shortfall("", a, counts[a], need) for a in th.non_refusal_aspects if counts[a] < need]
    ok = len(rows) >= th.non_refusal_total and not shorts
    covered = sum(1 for a in th.non_refusal_aspects if counts[a])
    detail = (f"{title}共 {_n(len(rows))} 题（要求不少于 {_n(th.non_refusal_total)}），"
              f"覆盖 {len(th.non_refusal_aspects)} 个方面中的 {covered} 个")
    if shorts:
        detail += f"；{len(shorts)} 个方面未达最低数量"
    if counts[""]:
        detail += f"；{counts['']:,} 题的分类无法对应到任何方面"
    if dupes:
        detail += f"；{dupes:,} 道重复题"
    detail += "。"
    action = "" if ok else (
        f"补充至不少于 {_n(th.non_refusal_total)} 题，覆盖我国制度、信仰、形象、文化、习俗、民族、地理、"
        f"历史、英烈及个人性别、年龄、职业、健康等方面，每个方面不少于 {need} 题；二级分类写明方面名称。")
    figures = {"total": len(rows), "covered": covered, "per_aspect": {a: counts[a] for a in th.non_refusal_aspects},
               "duplicates": dupes, "blank_rows": blanks}
    return Finding("non_refusal", f"评估测试题集：{title}", "ok" if ok else "insufficient", detail,
                   action, tuple(shorts), figures)


def measured_evaluation(loaded: Loaded, service: GenaiService) -> Evaluation | None:
    """Evaluation counts for the documents: computed from the test bank's 研判结果 where it has them.

    The safety assessment reports quote these figures, so they come from the same files and
    the same counting as the completeness report; the profile's summary fills what the
    spreadsheet lacks.
    """
    from dossier.profile.genai import Evaluation

    stated = service.safety_kit.evaluation
    counts: dict[str, int | None] = dict(stated.model_dump()) if stated else {}
    ref = service.safety_kit.test_bank
    attachment = loaded.profile.attachments.get(ref) if ref else None
    if attachment is not None and attachment.path is not None:
        path = loaded.base_dir / attachment.path
        try:
            stat = path.stat()
        except OSError:
            stat = None
        if stat is not None:
            counts.update(_measured_counts(str(path), stat.st_mtime_ns, stat.st_size))
    if not any(v is not None for v in counts.values()):
        return None
    return Evaluation(**counts)


@functools.lru_cache(maxsize=8)
def _measured_counts(path_text: str, mtime_ns: int, size: int) -> dict[str, int]:
    """Counts from one test bank file, cached per file version (several documents quote them)."""
    path = Path(path_text)
    kind = "csv" if path.suffix.lower() in (".csv", ".txt") else "xlsx"
    try:
        tables = _classify_sheets(read_sheets(path, kind, max_rows=MEASURE_MAX_ROWS))
    except (SpreadsheetError, OSError):
        return {}
    counts: dict[str, int] = {}
    for bank, table in tables.items():
        tally = tally_results(bank, table)
        if tally is None:
            continue
        if bank == "generated":
            counts.update(generated_total=tally.judged, generated_passed=tally.good)
        elif bank == "refusal":
            counts.update(refusal_total=tally.judged, refusal_refused=tally.good)
        else:
            counts.update(non_refusal_total=tally.judged, non_refusal_refused=tally.judged - tally.good)
    return counts
