"""The rulebook: versioned data files validated into one `Rulebook`, cached per process.

Layout of a rulebook directory (the package's own is `dossier/rules/`):

- `common.yaml`  tracks, documents, attachments, deadlines, explanations, reminders;
- `risks.yaml`   the 31 risks of Appendix A and the 非拒答 aspects;
- `<version>.yaml` (any other `*.yaml`) the safety-kit thresholds of one standard version.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from dossier import clock
from dossier.errors import Diagnostic, InputError, RulebookError
from dossier.plan_types import TRACK_TITLES, Citation
from dossier.rules.models import (
    AttachmentRule,
    CitationRule,
    CommonFile,
    DocumentRule,
    RiskFile,
    RiskItem,
    ThresholdGroup,
    VersionFile,
)

RULES_DIR = Path(__file__).parent
RESERVED = frozenset({"common", "risks"})

# Which numeric keys each threshold group must give: the mechanism the check relies on.
REQUIRED_THRESHOLDS: dict[str, tuple[str, ...]] = {
    "keyword_library": ("covers", "total_min", "per_risk_min"),
    "generated_bank": ("covers", "total_min", "per_risk_min"),
    "refusal_bank": ("covers", "total_min", "per_risk_min"),
    "non_refusal_bank": ("total_min", "per_aspect_min"),
    "generated_eval": ("sample_min", "rate_min"),
    "refusal_eval": ("sample_min", "rate_min"),
    "non_refusal_eval": ("sample_min", "rate_max"),
    "corpus_manual": ("sample_min", "rate_min"),
    "corpus_technical": ("sample_share_min", "rate_min"),
    "test_accounts_filing": ("track", "with_strategy_min", "blank_min"),
    "test_accounts_registration": ("track", "with_strategy_min", "blank_min"),
}

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Risks:
    """Appendix A (31 risks in 5 categories) and the 非拒答 aspects, with name lookup."""

    data: RiskFile

    def ids(self, categories: list[str] | None = None) -> list[str]:
        """Risk ids (`A.1-a` …) of the given categories (`A.1` …), or all 31."""
        return [r.id for c in self.data.categories if categories is None or c.id in categories for r in c.risks]

    def get(self, risk_id: str) -> RiskItem:
        """The risk with this id."""
        return next(r for c in self.data.categories for r in c.risks if r.id == risk_id)

    def category_of(self, risk_id: str) -> str:
        """`A.1-a` → `A.1`."""
        return risk_id.split("-", 1)[0]

    def aspects(self) -> list[RiskItem]:
        """The aspects a 非拒答 bank must cover."""
        return list(self.data.non_refusal_aspects.items)

    def resolve(self, label: str) -> str | None:
        """Map a 二级分类 cell (id, full name, short name or alias) to a risk id, or None."""
        return _lookup(self._risk_index(), label)

    def resolve_aspect(self, label: str) -> str | None:
        """Map a 非拒答 category cell to an aspect id, or None."""
        return _lookup(self._aspect_index(), label)

    @functools.cached_property
    def _index(self) -> tuple[dict[str, str], dict[str, str]]:
        risks = {r.id: r for c in self.data.categories for r in c.risks}
        return _names(risks.values()), _names(self.data.non_refusal_aspects.items)

    def _risk_index(self) -> dict[str, str]:
        return self._index[0]

    def _aspect_index(self) -> dict[str, str]:
        return self._index[1]


def _norm(text: str) -> str:
    return re.sub(r"[\s　、，,。；;：:（）()\[\]]", "", text).replace("内容", "").lower()


def _names(items: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        for name in (item.id, item.name, item.short, *item.aliases):
            if name:
                out.setdefault(_norm(name), item.id)
    return out


def _lookup(index: dict[str, str], label: str) -> str | None:
    key = _norm(label)
    if key in index:
        return index[key]
    # "A.1-a 煽动颠覆…" or "A.1-a煽动…": a leading id wins.
    match = re.match(r"^(a\.\d-[a-z])", key)
    return index.get(match.group(1)) if match else None


@dataclass(frozen=True)
class Rulebook:
    """Everything `make_plan` and the check read, for one standard version."""

    version: str
    title: str
    effective_from: date
    note: str
    common: CommonFile
    thresholds: dict[str, ThresholdGroup]
    risks: Risks
    files: tuple[Path, ...]

    def citation(self, rule: CitationRule) -> Citation:
        """Resolve a rule's `source` key into a plan `Citation`."""
        return Citation(self.common.sources[rule.source], rule.clause, rule.confidence)

    def citations(self, rules: list[CitationRule]) -> tuple[Citation, ...]:
        """Resolve several citations."""
        return tuple(self.citation(r) for r in rules)

    def document(self, doc_id: str) -> DocumentRule:
        """The document rule with this id."""
        return self.common.documents[doc_id]

    def attachment(self, attachment_id: str) -> AttachmentRule:
        """The attachment rule with this id."""
        return self.common.attachments[attachment_id]

    def thresholds_json(self) -> dict[str, Any]:
        """The plain-dict form exposed on `Plan.thresholds` (shape documented in `dossier.plan`)."""
        out: dict[str, Any] = {}
        for group_id, group in self.thresholds.items():
            item = group.model_dump(exclude_none=True, exclude={"citation"})
            item["citation"] = str(self.citation(group.citation))
            item["confidence"] = group.citation.confidence
            if group.covers:
                item["covers_risks"] = self.risks.ids(group.covers)
            if group.per_aspect_min is not None:
                item["aspects"] = [a.name for a in self.risks.aspects()]
            out[group_id] = item
        return out


def available_versions(directory: Path | None = None) -> list[str]:
    """The rulebook versions found in `directory` (default: the package's rules)."""
    folder = directory or RULES_DIR
    return sorted(p.stem for p in folder.glob("*.yaml") if p.stem not in RESERVED)


def default_version(on: date | None = None, directory: Path | None = None) -> str:
    """The version in force on `on` (default today): the latest whose effective date has passed."""
    day = on or clock.today()
    headers = [_version_file(_version_path(v, directory)) for v in available_versions(directory)]
    if not headers:
        raise RulebookError("规则库中没有任何版本文件", file=directory or RULES_DIR)
    in_force = [h for h in headers if h.effective_from <= day]
    chosen = max(in_force, key=lambda h: h.effective_from) if in_force else min(headers, key=lambda h: h.effective_from)
    return chosen.id


def load_rulebook(version: str | None = None, *, path: Path | None = None) -> Rulebook:
    """Load and validate a rulebook version (default: the one in force today).

    `path` overrides the package's rules: a directory laid out like `dossier/rules/`, or a single
    version file (its `common.yaml` and `risks.yaml` are then taken from the same directory
    when present, else from the package). An unknown version raises `InputError`.
    """
    if path is not None and path.is_file():
        return _load(path.resolve(), _sibling(path, "common.yaml"), _sibling(path, "risks.yaml"))
    directory = path.resolve() if path is not None else RULES_DIR
    chosen = version or default_version(directory=directory)
    versions = available_versions(directory)
    if chosen not in versions:
        raise InputError(
            f"未知的规则库版本：{chosen}",
            hint=f"可用版本：{'、'.join(versions) or '（无）'}",
        )
    return _load(directory / f"{chosen}.yaml", directory / "common.yaml", directory / "risks.yaml")


def __getattr__(name: str) -> str:
    # DEFAULT_VERSION depends on today's date, so it is computed when first asked for.
    if name == "DEFAULT_VERSION":
        return default_version()
    raise AttributeError(name)


def _sibling(path: Path, name: str) -> Path:
    candidate = path.parent / name
    return candidate.resolve() if candidate.is_file() else RULES_DIR / name


def _version_path(version: str, directory: Path | None) -> Path:
    return (directory or RULES_DIR) / f"{version}.yaml"


@functools.cache
def _load(version_path: Path, common_path: Path, risks_path: Path) -> Rulebook:
    common = _read(common_path, CommonFile)
    version = _version_file(version_path)
    risks = _read(risks_path, RiskFile)
    thresholds = {**common.thresholds, **version.thresholds}
    _cross_check(common, version, risks, thresholds, common_path, version_path, risks_path)
    return Rulebook(
        version=version.id,
        title=version.title,
        effective_from=version.effective_from,
        note=version.note,
        common=common,
        thresholds=thresholds,
        risks=Risks(risks),
        files=(common_path, version_path, risks_path),
    )


@functools.cache
def _version_file(path: Path) -> VersionFile:
    data = _read(path, VersionFile)
    if data.id != path.stem:
        raise RulebookError(f"id: {data.id} 与文件名 {path.stem} 不一致", file=path)
    return data


def _read(path: Path, model: type[M]) -> M:
    from dossier.errors import ProfileError
    from dossier.profile.load import parse_yaml

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RulebookError(f"无法读取规则库文件：{exc.strerror}", file=path) from None
    try:
        data, marks = parse_yaml(text, path)
    except ProfileError as exc:
        raise RulebookError(exc.message, file=path, line=exc.line, diagnostics=exc.diagnostics) from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        diags = []
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            line = next((marks[loc[:end]][0] for end in range(len(loc), -1, -1) if loc[:end] in marks), None)
            entry = ".".join(str(part) for part in loc) or "（根）"
            diags.append(Diagnostic(err["msg"], file=path, line=line, field=entry))
        first = diags[0]
        raise RulebookError(
            f"规则库条目 {first.field} 有误：{first.message}"
            + (f"（共 {len(diags)} 处）" if len(diags) > 1 else ""),
            file=path,
            line=first.line,
            diagnostics=diags,
            hint="对照同一文件中的其他条目修改；字段说明见文件开头的注释",
        ) from None


def _cross_check(
    common: CommonFile,
    version: VersionFile,
    risks: RiskFile,
    thresholds: dict[str, ThresholdGroup],
    common_path: Path,
    version_path: Path,
    risks_path: Path,
) -> None:
    """References between entries: unknown ids are errors that name the entry."""

    def fail(path: Path, entry: str, message: str) -> None:
        raise RulebookError(f"规则库条目 {entry} 有误：{message}", file=path)

    known = set(common.sources)

    def cites(path: Path, entry: str, rules: list[CitationRule]) -> None:
        for rule in rules:
            if rule.source not in known:
                fail(path, entry, f"出处 {rule.source} 不在 common.yaml 的 sources 中")

    for track_id in TRACK_TITLES:
        if track_id not in common.tracks:
            fail(common_path, f"tracks.{track_id}", "缺少这一备案类型")
        if track_id not in common.deadlines:
            fail(common_path, f"deadlines.{track_id}", "缺少这一备案类型的期限")
    for track_id, track in common.tracks.items():
        cites(common_path, f"tracks.{track_id}", track.citations)
        for doc_id in track.documents:
            if doc_id not in common.documents:
                fail(common_path, f"tracks.{track_id}.documents", f"文件 {doc_id} 未在 documents 中定义")
        for att_id in track.attachments:
            if att_id not in common.attachments:
                fail(common_path, f"tracks.{track_id}.attachments", f"附件 {att_id} 未在 attachments 中定义")
    for doc_id, doc in common.documents.items():
        cites(common_path, f"documents.{doc_id}", doc.citations)
    for att_id, att in common.attachments.items():
        cites(common_path, f"attachments.{att_id}", att.citations)
    for name, deadline in common.deadlines.items():
        cites(common_path, f"deadlines.{name}", deadline.citations)
    for name in type(common.applicability).model_fields:
        cites(common_path, f"applicability.{name}", getattr(common.applicability, name).citations)
    for i, reminder in enumerate(common.reminders):
        cites(common_path, f"reminders[{i}]", reminder.citations)
    cites(risks_path, "citation", [risks.citation, risks.non_refusal_aspects.citation])
    categories = {c.id for c in risks.categories}
    for group_id, keys in REQUIRED_THRESHOLDS.items():
        group = thresholds.get(group_id)
        if group is None:
            fail(version_path, f"thresholds.{group_id}", "缺少这一组阈值")
            continue
        for key in keys:
            if getattr(group, key) is None:
                fail(version_path, f"thresholds.{group_id}", f"缺少 {key}")
    for group_id, group in thresholds.items():
        where = version_path if group_id in version.thresholds else common_path
        cites(where, f"thresholds.{group_id}", [group.citation])
        for cat in [*(group.covers or []), *(group.per_risk_min or {})]:
            if cat not in categories:
                fail(where, f"thresholds.{group_id}", f"风险类别 {cat} 不在 risks.yaml 中")
