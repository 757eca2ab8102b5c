"""The plan's data: which tracks apply, with reasons, documents, attachments and deadlines.

Plain frozen dataclasses, produced by `dossier.plan.make_plan` and consumed by render, check
and bundle. `Plan.to_json()` is the documented `plan --json` shape (design.md §4).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

TrackId = Literal["algorithm_filing", "genai_filing", "genai_registration"]
Scope = Literal["entity", "algorithm", "service"]

TRACK_TITLES: dict[str, str] = {
    "algorithm_filing": "算法备案",
    "genai_filing": "大模型备案",
    "genai_registration": "大模型登记",
}


@dataclass(frozen=True)
class Citation:
    """A legal or standard source: `《互联网信息服务算法推荐管理规定》第二十四条`."""

    source: str
    clause: str = ""
    confidence: str = "H"  # H / M / L / INFERRED, as tagged in domain.md

    def __str__(self) -> str:
        return f"《{self.source}》{self.clause}"


@dataclass(frozen=True)
class DocumentSpec:
    """One document to render from a docx template."""

    id: str  # rulebook id, e.g. "commitment", "self_assessment"
    title: str  # 算法备案承诺书
    template: str  # file name in templates/docx, e.g. "commitment.docx"
    scope: Scope
    folder: str  # track folder in the build dir, e.g. "算法备案"
    filename: str  # without extension: "算法安全自评估报告（澜图个性化推荐算法）"
    subject: str | None = None  # algorithm or service name for per-subject documents
    signatures: tuple[str, ...] = ()  # who signs/seals: "法定代表人签字", "单位盖章", …
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class AttachmentRequirement:
    """An attachment a track needs, resolved against the profile."""

    id: str  # rulebook id, e.g. "business_license", "keyword_library"
    title: str  # 营业执照扫描件
    kinds: tuple[str, ...]  # accepted file kinds by magic bytes: pdf, png, jpg, xlsx, csv, docx
    explanation: str  # short Chinese why
    action: str  # what to do: 上传加盖公章的扫描件…
    citations: tuple[Citation, ...] = ()
    ref: str | None = None  # the profile attachment id that provides it (None: not provided)
    subject: str | None = None  # per-service/per-algorithm attachments name their subject
    check: str | None = None  # special check: keyword_library, test_bank, expiry, test_accounts
    canonical_name: str | None = None  # file name in the bundle, e.g. 附件4_拦截关键词列表
    optional: bool = False
    valid_until: date | None = None  # expiry to check (check == "expiry"); None: none known or 长期
    valid_until_field: str | None = None  # where it came from: company.license_valid_until, …


@dataclass(frozen=True)
class Deadline:
    """A filing deadline counted in Chinese working days."""

    due: date
    start: date
    days: int
    basis: str  # 上线后 10 个工作日内（算法推荐规定第二十四条）
    overdue: bool
    estimated_years: tuple[int, ...] = ()  # years without holiday data: weekends only


@dataclass(frozen=True)
class Track:
    """One filing the company must make, for one subject."""

    track: TrackId
    subject: str  # algorithm or service name
    reasons: tuple[str, ...]
    citations: tuple[Citation, ...]
    documents: tuple[DocumentSpec, ...]
    attachments: tuple[AttachmentRequirement, ...]
    deadline: Deadline | None = None
    role: str | None = None  # service_provider / technical_supporter for algorithm filing
    timeline: str = ""  # expected review duration, e.g. 约 30 个工作日（法定）
    warnings: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        """Chinese name of the track."""
        return TRACK_TITLES[self.track]


@dataclass(frozen=True)
class NotRequired:
    """A subject that needs no filing, and why."""

    subject: str
    reason: str
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class Plan:
    """Everything the profile has to file, under one rules version."""

    rules_version: str
    tracks: tuple[Track, ...]
    not_required: tuple[NotRequired, ...] = ()
    warnings: tuple[str, ...] = ()
    reminders: tuple[str, ...] = ()  # display duties, labelling duties, practical advice
    thresholds: dict[str, Any] = field(default_factory=dict)  # safety-kit thresholds of the rulebook

    def documents(self) -> list[DocumentSpec]:
        """Every document to render once: entity documents shared by several tracks appear once."""
        seen: dict[tuple[str, str], DocumentSpec] = {}
        for track in self.tracks:
            for doc in track.documents:
                seen.setdefault((doc.folder, doc.filename), doc)
        return list(seen.values())

    def to_json(self) -> dict[str, Any]:
        """The stable `plan --json` shape."""
        return {
            "rules_version": self.rules_version,
            "tracks": [
                {
                    "track": t.track,
                    "title": t.title,
                    "subject": t.subject,
                    "role": t.role,
                    "reasons": list(t.reasons),
                    "citations": [str(c) for c in t.citations],
                    "documents": [d.title for d in t.documents],
                    "attachments": [a.title for a in t.attachments],
                    "deadline": t.deadline.due.isoformat() if t.deadline else None,
                    "overdue": bool(t.deadline and t.deadline.overdue),
                    "timeline": t.timeline,
                    "warnings": list(t.warnings),
                }
                for t in self.tracks
            ],
            "not_required": [{"subject": n.subject, "reason": n.reason} for n in self.not_required],
            "warnings": list(self.warnings),
            "reminders": list(self.reminders),
            "thresholds": self.thresholds,
        }
