"""The completeness report: one item per requirement checked, grouped by track."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from dossier.identifiers import mask_id, mask_mobile
from dossier.plan_types import TRACK_TITLES

Status = Literal["ok", "missing", "invalid", "expired", "insufficient", "warning"]
STATUSES: tuple[Status, ...] = ("ok", "missing", "invalid", "expired", "insufficient", "warning")
BLOCKING: frozenset[str] = frozenset({"missing", "invalid", "expired", "insufficient"})
STATUS_TITLES: dict[str, str] = {
    "ok": "齐全",
    "missing": "缺失",
    "invalid": "无效",
    "expired": "已过期",
    "insufficient": "不足",
    "warning": "提醒",
}
GENERAL = "general"
GENERAL_TITLE = "通用检查"

_ID_RE = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")
_MOBILE_RE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def scrub(text: str) -> str:
    """Mask every ID number and mobile number in `text` (reports never carry them in full)."""
    text = _ID_RE.sub(lambda m: mask_id(m.group(0)), text)
    return _MOBILE_RE.sub(lambda m: mask_mobile(m.group(0)), text)


@dataclass(frozen=True)
class Shortfall:
    """One risk (or aspect) below its minimum: `A.2-d 地域歧视内容：63 / 100`."""

    key: str
    name: str
    have: int
    need: int

    def __str__(self) -> str:
        return f"{self.key} {self.name}：{self.have} / {self.need}".replace("  ", " ").strip()


@dataclass(frozen=True)
class Item:
    """One line of the report."""

    id: str
    title: str
    track: str
    status: Status
    detail: str
    subject: str | None = None
    citation: str = ""
    action: str = ""
    kind: str = "attachment"  # attachment, safety_kit, evaluation, consistency, deadline, build
    file: str | None = None
    shortfalls: tuple[Shortfall, ...] = ()
    figures: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "detail", scrub(self.detail))
        object.__setattr__(self, "action", scrub(self.action))

    @property
    def track_title(self) -> str:
        """Chinese name of the item's track."""
        return TRACK_TITLES.get(self.track, GENERAL_TITLE)

    @property
    def full_detail(self) -> str:
        """The detail with every shortfall spelled out (what `check --json` puts in `detail`)."""
        if not self.shortfalls:
            return self.detail
        return f"{self.detail}明细：" + "；".join(str(s) for s in self.shortfalls) + "。"

    @property
    def subject_key(self) -> str:
        """Group key: track and subject."""
        return f"{self.track}:{self.subject or ''}"

    @property
    def blocking(self) -> bool:
        """Whether this item keeps the dossier incomplete."""
        return self.status in BLOCKING

    def to_json(self) -> dict[str, Any]:
        """Return the item as in `check --json`."""
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "track": self.track,
            "track_title": self.track_title,
            "subject": self.subject,
            "status": self.status,
            "detail": self.full_detail,
            "citation": self.citation,
            "action": self.action,
            "kind": self.kind,
            "file": self.file,
        }
        if self.shortfalls:
            out["shortfalls"] = [
                {"risk": s.key, "name": s.name, "have": s.have, "need": s.need}
                for s in self.shortfalls
            ]
        if self.figures:
            out["figures"] = dict(self.figures)
        return out


@dataclass(frozen=True)
class TrackInfo:
    """What the report shows about one track besides its items: subject and dates."""

    track: str
    subject: str
    launch: date | None = None
    due: date | None = None
    overdue: bool = False
    review: str = ""

    @property
    def title(self) -> str:
        """Chinese name of the track."""
        return TRACK_TITLES.get(self.track, GENERAL_TITLE)

    @property
    def key(self) -> str:
        """Group key: track and subject."""
        return f"{self.track}:{self.subject}"


@dataclass(frozen=True)
class Summary:
    """Counts for one track (or the general group)."""

    track: str
    title: str
    subject: str
    total: int
    done: int
    counts: dict[str, int]

    def line(self) -> str:
        """`大模型登记（客服助手）：12 项中 9 项齐全`."""
        who = f"（{self.subject}）" if self.subject else ""
        return f"{self.title}{who}：{self.total} 项中 {self.done} 项齐全"


@dataclass(frozen=True)
class Report:
    """The completeness report of one profile under one plan."""

    company: str
    profile: str
    rules_version: str
    today: date
    items: tuple[Item, ...]
    tracks: tuple[TrackInfo, ...] = ()

    @property
    def complete(self) -> bool:
        """True when no item is missing, invalid, expired or insufficient."""
        return not any(item.blocking for item in self.items)

    def groups(self) -> list[tuple[TrackInfo, list[Item]]]:
        """Items grouped by track and subject, in plan order; the general group last."""
        out: list[tuple[TrackInfo, list[Item]]] = []
        for info in self.tracks:
            mine = [i for i in self.items if i.track == info.track and i.subject_key == info.key]
            out.append((info, mine))
        known = {info.key for info in self.tracks}
        rest = [i for i in self.items if i.subject_key not in known]
        if rest:
            out.append((TrackInfo(GENERAL, ""), rest))
        return out

    def summaries(self) -> list[Summary]:
        """One summary per group."""
        out = []
        for info, items in self.groups():
            counts: dict[str, int] = {s: sum(1 for i in items if i.status == s) for s in STATUSES}
            done = counts["ok"] + counts["warning"]
            out.append(Summary(info.track, info.title, info.subject, len(items), done, counts))
        return out

    def counts(self) -> dict[str, int]:
        """Items per status over the whole report."""
        return {s: sum(1 for i in self.items if i.status == s) for s in STATUSES}

    def to_json(self) -> dict[str, Any]:
        """Return the documented `check --json` object (design.md §4) plus summaries and dates."""
        summaries = {(s.track, s.subject): s for s in self.summaries()}
        tracks = []
        for info, _items in self.groups():
            s = summaries[(info.track, info.subject)]
            tracks.append({
                "track": info.track,
                "title": info.title,
                "subject": info.subject or None,
                "total": s.total,
                "done": s.done,
                "counts": s.counts,
                "summary": s.line(),
                "launch_date": info.launch.isoformat() if info.launch else None,
                "deadline": info.due.isoformat() if info.due else None,
                "overdue": info.overdue,
                "review": info.review,
            })
        return {
            "complete": self.complete,
            "company": self.company,
            "profile": self.profile,
            "rules_version": self.rules_version,
            "date": self.today.isoformat(),
            "counts": self.counts(),
            "tracks": tracks,
            "items": [item.to_json() for item in self.items],
        }
