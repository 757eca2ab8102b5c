"""`check_dossier`: plan + profile + files on disk → `Report`. Reads files, writes nothing."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path

from dossier import clock
from dossier.check import attachments as att
from dossier.check.consistency import check_consistency
from dossier.check.evaluation import Tally, judge, judge_accounts, tallies_from_profile
from dossier.check.report import GENERAL, Item, Report, Status, TrackInfo
from dossier.check.risks import Catalog, catalog
from dossier.check.safety_kit import (
    Finding,
    TestBankResult,
    check_keyword_library,
    check_test_bank,
)
from dossier.check.thresholds import Thresholds
from dossier.plan_types import TRACK_TITLES, AttachmentRequirement, Plan, Track
from dossier.profile import Loaded
from dossier.profile.genai import GenaiService

NEW_MARK = "（新生成）"


@dataclasses.dataclass
class _Context:
    loaded: Loaded
    plan: Plan
    today: date
    th: Thresholds
    cat: Catalog
    keyword_cache: dict[Path, list[Finding]] = dataclasses.field(default_factory=dict)
    bank_cache: dict[Path, TestBankResult] = dataclasses.field(default_factory=dict)

    def service(self, name: str | None) -> GenaiService | None:
        return next((s for s in self.loaded.profile.genai_services if s.name == name), None)


def check_dossier(loaded: Loaded, plan: Plan, *, build_dir: Path | None = None,
                  today: date | None = None) -> Report:
    """Check every attachment, safety-kit threshold and consistency rule the plan requires."""
    with _gc_paused():
        return _check(loaded, plan, build_dir, today)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    # A 100,000-row sheet allocates ~10⁶ short-lived objects; cyclic GC passes over them would
    # double the time (measured), and none of them form cycles. Restored on the way out.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _check(loaded: Loaded, plan: Plan, build_dir: Path | None, today: date | None) -> Report:
    ctx = _Context(loaded, plan, today or clock.today(), Thresholds.from_plan(plan), catalog())
    items: list[Item] = []
    for track in plan.tracks:
        for req in track.attachments:
            items.extend(_requirement(ctx, track, req))
        if track.deadline is not None and track.deadline.overdue:
            items.append(_overdue(track))
    items.extend(_consistency(ctx))
    if build_dir is not None:
        items.extend(_build_items(plan, build_dir))
    infos = tuple(
        TrackInfo(t.track, t.subject, t.deadline.start if t.deadline else None,
                  t.deadline.due if t.deadline else None,
                  bool(t.deadline and t.deadline.overdue), t.timeline)
        for t in plan.tracks
    )
    return Report(loaded.profile.company.name, loaded.path.name, plan.rules_version, ctx.today,
                  tuple(_unique_ids(items)), infos)


def _unique_ids(items: list[Item]) -> list[Item]:
    seen: dict[str, int] = {}
    out = []
    for item in items:
        n = seen[item.id] = seen.get(item.id, 0) + 1
        out.append(item if n == 1 else dataclasses.replace(item, id=f"{item.id}#{n}"))
    return out


def _cite(req: AttachmentRequirement) -> str:
    return "；".join(str(c) for c in req.citations)


def _item(track: Track, req: AttachmentRequirement, status: Status, detail: str, *,
          key: str = "", title: str = "", action: str | None = None, kind: str = "attachment",
          file: str | None = None, finding: Finding | None = None,
          citation: str | None = None) -> Item:
    subject = track.subject
    ref = f"/{req.ref}" if req.ref and req.ref != req.id else ""
    return Item(
        id=f"{track.track}/{subject}/{req.id}{ref}" + (f"/{key}" if key else ""),
        title=title or req.title,
        track=track.track,
        status=status,
        detail=detail,
        subject=subject,
        citation=_cite(req) if citation is None else citation,
        action=(req.action if status != "ok" else "") if action is None else action,
        kind=kind,
        file=file,
        shortfalls=finding.shortfalls if finding else (),
        figures=finding.figures if finding else {},
    )


def _requirement(ctx: _Context, track: Track, req: AttachmentRequirement) -> list[Item]:
    profile = ctx.loaded.profile
    svc = ctx.service(req.subject or track.subject)
    if req.check == "test_accounts":
        status, detail, action = judge_accounts(list(svc.test_accounts) if svc else [],
                                                ctx.th.accounts(track.track))
        if status == "missing" and req.optional:
            status = "warning"
        return [_item(track, req, status, detail, action=action or None, kind="safety_kit")]
    if req.ref is None and svc is not None:
        kit_ref = {"keyword_library": svc.safety_kit.keyword_library,
                   "test_bank": svc.safety_kit.test_bank}.get(req.check or "")
        if kit_ref is not None:
            req = dataclasses.replace(req, ref=kit_ref)
    state = att.locate(req, profile, ctx.loaded.base_dir, max_bytes=ctx.th.max_file_bytes)
    if state.status != "ok" or state.path is None or state.kind is None:
        status = "warning" if state.status == "missing" and req.optional else state.status
        detail = state.detail + ("（可选材料）" if req.optional and status == "warning" else "")
        items = [_item(track, req, status, detail, file=state.relpath)]
        if req.check == "test_bank" and svc is not None and svc.safety_kit.evaluation is not None:
            items.extend(_evaluation(ctx, track, req, {}, svc))
        return items
    expired = att.expiry(req, profile, ctx.today, warn_days=ctx.th.expiry_warning_days)
    if expired is not None:
        return [_item(track, req, expired[0], f"{state.detail[:-1]}；{expired[1]}", file=state.relpath,
                      action="上传有效期内的证件扫描件，并更新档案中的有效期。")]
    if req.check == "keyword_library":
        found = ctx.keyword_cache.get(state.path)
        if found is None:
            found = ctx.keyword_cache[state.path] = check_keyword_library(
                state.path, state.kind, ctx.th, ctx.cat)
        return _findings(track, req, state, found, ctx.th)
    if req.check == "test_bank":
        bank = ctx.bank_cache.get(state.path)
        if bank is None:
            bank = ctx.bank_cache[state.path] = check_test_bank(state.path, state.kind, ctx.th, ctx.cat)
        items = _findings(track, req, state, bank.findings, ctx.th)
        if bank.findings[0].status != "invalid":
            items.extend(_evaluation(ctx, track, req, bank.tallies, svc))
        return items
    return [_item(track, req, "ok", state.detail, file=state.relpath)]


_GROUPS = {"generated": "generated_bank", "refusal": "refusal_bank",
           "non_refusal": "non_refusal_bank", "keyword_library.hygiene": "keyword_library"}


def _findings(track: Track, req: AttachmentRequirement, state: att.FileState,
              found: list[Finding], th: Thresholds) -> list[Item]:
    head, rest = found[0], found[1:]
    cite = th.citation("keyword_library", _cite(req)) if req.check == "keyword_library" else None
    items = [_item(track, req, head.status, f"{state.detail} {head.detail}", citation=cite,
                   action=head.action or None, kind="safety_kit", file=state.relpath, finding=head)]
    for f in rest:
        group = _GROUPS.get(f.key)
        items.append(_item(track, req, f.status, f.detail, key=f.key, title=f.title,
                           action=f.action, kind="safety_kit", file=state.relpath, finding=f,
                           citation=th.citation(group, _cite(req)) if group else None))
    return items


def _evaluation(ctx: _Context, track: Track, req: AttachmentRequirement, tallies: Mapping[str, Tally],
                svc: GenaiService | None) -> list[Item]:
    summary = tallies_from_profile(svc.safety_kit.evaluation if svc else None)
    out = []
    for bank in ("generated", "refusal", "non_refusal"):
        tally = tallies.get(bank) or summary.get(bank)
        result = judge(bank, tally, ctx.th)
        out.append(Item(
            id=f"{track.track}/{track.subject}/{result.key}", title=result.title, track=track.track,
            status=result.status, detail=result.detail, subject=track.subject,
            citation=ctx.th.citation(f"{bank}_eval", _cite(req)), action=result.action, kind="evaluation",
            figures=dict(result.figures),
        ))
    return out


def _overdue(track: Track) -> Item:
    assert track.deadline is not None
    d = track.deadline
    return Item(
        id=f"{track.track}/{track.subject}/deadline", title="备案期限", track=track.track,
        status="warning", subject=track.subject, kind="deadline",
        detail=f"备案期限 {d.due.isoformat()}（{d.basis}）已过。",
        citation="；".join(str(c) for c in track.citations[:1]),
        action="尽快提交备案；在材料中如实说明上线时间，不要改写上线日期。",
    )


def _consistency(ctx: _Context) -> list[Item]:
    tracks = ctx.plan.tracks
    out = []
    for remark in check_consistency(ctx.loaded.profile, ctx.plan, ctx.today):
        if remark.subject is None:
            chosen = next((t for t in tracks if t.track == "algorithm_filing"), tracks[0] if tracks else None)
        else:
            chosen = next((t for t in tracks if t.subject == remark.subject), None)
            if chosen is None:
                continue  # a subject that needs no filing: nothing to keep consistent
        track_id = chosen.track if chosen else GENERAL
        subject = chosen.subject if chosen else None
        out.append(Item(
            id=f"{track_id}/{subject or ''}/{remark.key}", title=remark.title, track=track_id,
            status=remark.status, detail=remark.detail, subject=subject, citation=remark.citation,
            action=remark.action, kind="consistency",
        ))
    return out


def _build_items(plan: Plan, build_dir: Path) -> list[Item]:
    """Documents the user edited, for which the build wrote a （新生成） version beside them."""
    by_folder = {title: track_id for track_id, title in TRACK_TITLES.items()}
    out = []
    for new in sorted(build_dir.rglob(f"*{NEW_MARK}.docx")):
        edited = new.with_name(new.name.replace(NEW_MARK, ""))
        if not edited.exists():
            continue
        rel = new.relative_to(build_dir)
        track_id = by_folder.get(rel.parts[0], GENERAL) if len(rel.parts) > 1 else GENERAL
        candidates = [t for t in plan.tracks if t.track == track_id]
        track = next((t for t in candidates if t.subject in new.name), candidates[0] if candidates else None)
        out.append(Item(
            id=f"{track_id}/{track.subject if track else ''}/build/{rel.as_posix()}",
            title=f"已修改的文件：{edited.stem}", track=track.track if track else GENERAL,
            status="warning", subject=track.subject if track else None, kind="build",
            file=rel.as_posix(),
            detail=f"{edited.name} 已被修改，未覆盖；按档案新生成的版本另存为 {new.name}。",
            action="对比两个文件，把需要的更新合并到已修改的文件后删除（新生成）版本。",
        ))
    return out
