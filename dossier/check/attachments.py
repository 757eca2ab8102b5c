"""Attachments on disk: declared, present, of an accepted kind, readable, and not expired."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from dossier.check.filekinds import KIND_TITLES, Detected, detect
from dossier.check.report import Status
from dossier.plan_types import AttachmentRequirement
from dossier.profile.entity import Person
from dossier.profile.model import Profile

# Which person an ID-copy attachment belongs to, by words in its requirement id.
_PERSON_KEYS: tuple[tuple[str, str, str], ...] = (
    ("legal", "legal_representative", "法定代表人"),
    ("legality", "legality_assessment_officer", "合法性评估负责人"),
    ("assessment", "security_assessment_officer", "安全评估负责人"),
    ("security_officer", "algorithm_security_officer", "算法安全负责人"),
    ("algorithm_officer", "algorithm_security_officer", "算法安全负责人"),
    ("contact", "contact", "联系人"),
)


@dataclass(frozen=True)
class FileState:
    """Outcome of the file part of an attachment check."""

    status: Status
    detail: str
    path: Path | None = None
    relpath: str | None = None
    kind: str | None = None


def _kinds(kinds: tuple[str, ...]) -> str:
    return "、".join(KIND_TITLES.get(k, k) for k in kinds) or "任意格式"


def locate(req: AttachmentRequirement, profile: Profile, base_dir: Path,
           *, max_bytes: int) -> FileState:
    """Find the requirement's file and check its kind; no content checks yet."""
    ref = req.ref
    if ref is None:
        return FileState("missing", f"档案 attachments 中没有登记此附件（编号 {req.id}）。")
    att = profile.attachments.get(ref)
    if att is None:
        return FileState("missing", f"档案 attachments 中没有编号为 {ref} 的附件。")
    if att.path is None:
        return FileState("missing", f"附件 {ref} 已登记但尚未提供文件（path: null，待补充）。")
    rel = att.path
    path = base_dir / rel
    base = Path(os.path.realpath(base_dir))
    if not Path(os.path.realpath(path)).is_relative_to(base):
        return FileState("invalid", f"{rel} 指向档案文件夹之外，不予读取。", relpath=rel)
    if not path.exists():
        return FileState("missing", f"找不到文件 {rel}。", relpath=rel)
    if not path.is_file():
        return FileState("invalid", f"{rel} 不是文件。", relpath=rel)
    found: Detected = detect(path, max_bytes=max_bytes)
    if found.problem:
        return FileState("invalid", f"{rel}：{found.problem}。", path, rel, found.kind)
    if req.kinds and found.kind not in req.kinds:
        return FileState("invalid", f"{rel} 的格式为{found.title}，应为{_kinds(req.kinds)}。",
                         path, rel, found.kind)
    return FileState("ok", f"{rel}（{found.title}）。", path, rel, found.kind)


def person_for(req: AttachmentRequirement, profile: Profile) -> tuple[Person, str] | None:
    """Find the person whose ID copy this requirement is, judged by its id (e.g. legal_rep_id)."""
    key = f"{req.id} {req.ref or ''}".lower()
    words = set(key.replace("-", "_").replace(" ", "_").split("_"))
    if not words & {"id", "idcard", "ids"} and "证件" not in req.title and "身份" not in req.title:
        return None
    for word, attr, title in _PERSON_KEYS:
        if word in key:
            person = getattr(profile.company, attr)
            return (person, title) if isinstance(person, Person) else None
    return None


def expiry(req: AttachmentRequirement, profile: Profile, today: date,
           *, warn_days: int) -> tuple[Status, str] | None:
    """Expired / expiring soon for licences and ID copies; None when no validity applies."""
    att = profile.attachments.get(req.ref) if req.ref else None
    until = req.valid_until or (att.valid_until if att else None)
    what = req.title
    if until is None and ("license" in req.id or "营业执照" in req.title):
        until, what = profile.company.license_valid_until, "营业执照"
    found = person_for(req, profile)
    if found is not None:
        person, role = found
        until = until or person.id_valid_until
        what = f"{role} {person.name}（{person.id_number}）的身份证件"
    if until is None or until == "长期":
        return None
    assert isinstance(until, date)
    if until < today:
        return "expired", f"{what}已于 {until.isoformat()} 过期。"
    if until <= today + timedelta(days=warn_days):
        return "warning", f"{what}将于 {until.isoformat()} 到期，请在提交前确认有效。"
    return None
