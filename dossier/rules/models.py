"""Pydantic models of the rulebook's data files (`common.yaml`, `<version>.yaml`, `risks.yaml`).

Every model forbids unknown keys, so a typo in a data file is an error that names the entry.
"""

from __future__ import annotations

import string
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from dossier.plan_types import TrackId
from dossier.profile.algorithm import Category

Confidence = Literal["H", "M", "L", "INFERRED"]
Scope = Literal["entity", "algorithm", "service"]
FileKind = Literal["pdf", "png", "jpg", "xlsx", "csv", "docx"]
CheckKind = Literal["keyword_library", "test_bank", "expiry", "test_accounts"]
AttachmentSource = Literal[
    "attachments",
    "keyword_library",
    "test_bank",
    "base_model_evidence",
    "corpus_proof",
    "labelling_screenshots",
    "user_rights_screenshots",
    "content_governance_screenshots",
    "third_party_evidence",
]
ValidityField = Literal[
    "company.license_valid_until",
    "company.legal_representative.id_valid_until",
    "company.algorithm_security_officer.id_valid_until",
    "company.security_assessment_officer.id_valid_until",
    "company.contact.id_valid_until",
]
DeadlineKind = Literal["after_launch", "before_launch", "after_event"]

PLACEHOLDERS = frozenset(
    {"subject", "products", "opinion_products", "services", "algorithm", "domains", "role",
     "category", "mode", "launch", "number", "items"}
)


# Chinese names of the threshold keys, for messages and tables.
THRESHOLD_KEY_TITLES: dict[str, str] = {
    "total_min": "总数下限",
    "per_risk_min": "每种风险下限",
    "per_aspect_min": "每个方面下限",
    "sample_min": "抽检数下限",
    "sample_share_min": "抽检比例下限",
    "rate_min": "比率下限",
    "rate_max": "比率上限",
    "with_strategy_min": "附加安全策略账号数",
    "blank_min": "空白账号数",
    "update": "更新频率",
}


class RuleModel(BaseModel):
    """Base of every rulebook model: unknown keys are errors; values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class CitationRule(RuleModel):
    """Where a rule comes from: a key of `sources`, the article or clause, and a confidence tag."""

    source: str = Field(min_length=1)
    clause: str = ""
    confidence: Confidence


class Condition(RuleModel):
    """When a document or attachment applies; every given condition must hold."""

    categories: list[Category] | None = None
    third_party_model: bool | None = None
    annotation_applicable: bool | None = None
    has_base_model: bool | None = None


class DocumentRule(RuleModel):
    """A document rendered from a docx template."""

    title: str = Field(min_length=1)
    template: str = Field(pattern=r"^[A-Za-z0-9_\-]+\.docx$")
    scope: Scope
    signatures: list[str] = Field(default_factory=list)
    explanation: str = Field(min_length=1)
    citations: list[CitationRule] = Field(min_length=1)
    when: Condition | None = None


class AttachmentRule(RuleModel):
    """A file the user provides."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    title: str = Field(min_length=1)
    scope: Scope
    source: AttachmentSource = Field("attachments", alias="from")
    kinds: list[FileKind] = Field(min_length=1)
    check: CheckKind | None = None
    valid_until: ValidityField | None = None
    canonical_name: str = Field(min_length=1)
    optional: bool = False
    action: str = Field(min_length=1)
    explanation: str = Field(min_length=1)
    citations: list[CitationRule] = Field(min_length=1)
    when: Condition | None = None


class TrackRule(RuleModel):
    """One of the three filing tracks and what it consists of."""

    title: str = Field(min_length=1)
    folder: str = Field(min_length=1)
    citations: list[CitationRule] = Field(min_length=1)
    timeline: str = Field(min_length=1)
    documents: list[str] = Field(min_length=1)
    attachments: list[str] = Field(min_length=1)


class DeadlineRule(RuleModel):
    """A time limit, in Chinese working days where `days` is given."""

    kind: DeadlineKind
    days: int | None = Field(None, ge=0)
    basis: str = Field(min_length=1)
    citations: list[CitationRule] = Field(min_length=1)

    @model_validator(mode="after")
    def _days_when_counted(self) -> DeadlineRule:
        if self.kind != "before_launch" and self.days is None:
            raise ValueError(f"kind 为 {self.kind} 时须给出 days（工作日数）")
        return self


class Message(RuleModel):
    """An explanation shown in the plan, with placeholders such as `{subject}`."""

    text: str = Field(min_length=1)
    citations: list[CitationRule] = Field(default_factory=list)

    @model_validator(mode="after")
    def _known_placeholders(self) -> Message:
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(self.text) if name is not None}
        except ValueError as exc:
            raise ValueError(f"文本中的花括号不成对：{exc}") from None
        unknown = names - PLACEHOLDERS
        if unknown:
            raise ValueError(
                f"未知占位符 {', '.join(sorted(unknown))}；可用：{', '.join(sorted(PLACEHOLDERS))}"
            )
        return self


class Applicability(RuleModel):
    """The texts `make_plan` uses to explain each decision (keys are fixed; texts are free)."""

    algorithm_opinion: Message
    algorithm_technical_supporter: Message
    algorithm_for_genai: Message
    algorithm_internal: Message
    algorithm_no_opinion: Message
    algorithm_labelling: Message
    genai_not_public: Message
    genai_no_opinion: Message
    genai_self_developed: Message
    genai_fine_tuned: Message
    genai_api_call: Message
    genai_moved_to_filing: Message
    genai_algorithm_unlinked: Message
    genai_algorithm_missing: Message
    genai_strict_domain: Message
    genai_labelling: Message
    launch_unknown: Message
    already_filed: Message
    genai_launched_unfiled: Message
    thresholds_unverified: Message


class Reminder(RuleModel):
    """A display duty or practical advice, shown when one of `tracks` is planned."""

    text: str = Field(min_length=1)
    tracks: list[TrackId] = Field(min_length=1)
    citations: list[CitationRule] = Field(default_factory=list)


class ThresholdGroup(RuleModel):
    """One group of safety-kit thresholds; which numeric keys a group needs is fixed in rulebook.py."""

    title: str = Field(min_length=1)
    citation: CitationRule
    explanation: str | None = None
    verify: bool = False
    unverified: list[str] = Field(default_factory=list)
    track: TrackId | None = None
    covers: list[str] | None = None
    total_min: int | None = Field(None, ge=0)
    per_risk_min: dict[str, int] | None = None
    per_aspect_min: int | None = Field(None, ge=0)
    sample_min: int | None = Field(None, ge=0)
    sample_share_min: float | None = Field(None, ge=0, le=1)
    rate_min: float | None = Field(None, ge=0, le=1)
    rate_max: float | None = Field(None, ge=0, le=1)
    with_strategy_min: int | None = Field(None, ge=0)
    blank_min: int | None = Field(None, ge=0)
    update: str | None = None

    @model_validator(mode="after")
    def _unverified_names_fields(self) -> ThresholdGroup:
        bad = [key for key in self.unverified if key not in type(self).model_fields or getattr(self, key) is None]
        if bad:
            raise ValueError(f"unverified 中的 {', '.join(bad)} 不是本组已给出的阈值")
        if self.unverified and not self.verify:
            raise ValueError("列出了 unverified 时须同时写 verify: true")
        return self


class CommonFile(RuleModel):
    """`common.yaml`: everything that does not change with the standard version."""

    sources: dict[str, str] = Field(min_length=1)
    tracks: dict[TrackId, TrackRule]
    documents: dict[str, DocumentRule]
    attachments: dict[str, AttachmentRule]
    deadlines: dict[str, DeadlineRule]
    applicability: Applicability
    strict_domains: list[str] = Field(default_factory=list)
    reminders: list[Reminder] = Field(default_factory=list)
    thresholds: dict[str, ThresholdGroup] = Field(default_factory=dict)


class VersionFile(RuleModel):
    """`<version>.yaml`: the thresholds of one standard version."""

    id: str = Field(pattern=r"^[a-z0-9\-]+$")
    title: str = Field(min_length=1)
    effective_from: date
    note: str = ""
    thresholds: dict[str, ThresholdGroup]


class RiskItem(RuleModel):
    """One of the 31 risks (`A.1-a`), or one 非拒答 aspect."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    short: str | None = None
    aliases: list[str] = Field(default_factory=list)


class RiskCategory(RuleModel):
    """A.1 … A.5."""

    id: str = Field(pattern=r"^A\.\d$")
    name: str = Field(min_length=1)
    short: str = Field(min_length=1)
    risks: list[RiskItem] = Field(min_length=1)


class AspectList(RuleModel):
    """The aspects a 非拒答 test bank must cover."""

    citation: CitationRule
    items: list[RiskItem] = Field(min_length=1)


class RiskFile(RuleModel):
    """`risks.yaml`: Appendix A and the 非拒答 aspects."""

    citation: CitationRule
    categories: list[RiskCategory] = Field(min_length=1)
    non_refusal_aspects: AspectList
