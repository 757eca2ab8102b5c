"""Profile + rulebook → Plan: which filings apply, why, with which documents, attachments and deadlines.

Pure: reads nothing but the rulebook (and holiday data through `dossier.workdays`). Every
decision is explained by a text of the rulebook's `applicability` section, with its citations.

`Plan.thresholds` is `Rulebook.thresholds_json()`: a dict from threshold group id to a flat dict
(every group: `title`, `citation` (str), `confidence` H/M/L/INFERRED, `verify` (bool),
`unverified` (list of key names not yet checked against the standard), optional `explanation`):

- `keyword_library`, `generated_bank`, `refusal_bank`: `covers` (["A.1", …]), `covers_risks`
  (["A.1-a", …]), `total_min` (int), `per_risk_min` ({"A.1": int, …}: minimum per risk of that
  category), optional `update` (text);
- `non_refusal_bank`: `total_min`, `per_aspect_min` (int), `aspects` (names of the 13 aspects);
- `generated_eval`, `refusal_eval`, `corpus_manual`: `sample_min` (int), `rate_min` (fraction);
- `non_refusal_eval`: `sample_min`, `rate_max` (fraction; the false-refusal rate);
- `corpus_technical`: `sample_share_min` (fraction of the corpus), `rate_min`;
- `test_accounts_filing`, `test_accounts_registration`: `track`, `with_strategy_min`, `blank_min`.

The values themselves live in `dossier/rules/*.yaml`, never here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from dossier import clock
from dossier.plan_types import (
    AttachmentRequirement,
    Citation,
    Deadline,
    DocumentSpec,
    NotRequired,
    Plan,
    Track,
    TrackId,
)
from dossier.profile import Profile
from dossier.profile.algorithm import CATEGORY_TITLES, ROLE_TITLES, Algorithm
from dossier.profile.genai import MODE_TITLES, GenaiService
from dossier.rules import Rulebook
from dossier.rules.models import THRESHOLD_KEY_TITLES, AttachmentRule, Condition, Message
from dossier.workdays import Calendar, add_working_days


def plan_profile(profile: Profile, rules_version: str | None = None) -> Plan:
    """Plan under the rulebook named by `rules_version` (e.g. `--rules`), the profile's `rules`, or today's."""
    from dossier.rules import load_rulebook

    return make_plan(profile, load_rulebook(rules_version or profile.rules))


def make_plan(
    profile: Profile, rulebook: Rulebook, *, today: date | None = None, calendar: Calendar | None = None
) -> Plan:
    """Decide every filing the profile needs under `rulebook`, as of `today` (default: the clock)."""
    return _Planner(profile, rulebook, today or clock.today(), calendar).run()


def cite_text(citations: tuple[Citation, ...] | list[Citation]) -> str:
    """`（依据：《…》第二十四条；《…》第十九条）`, or empty."""
    return f"（依据：{'；'.join(str(c) for c in citations)}）" if citations else ""


def _names(names: list[str]) -> str:
    return "、".join(f"「{n}」" for n in names)


@dataclass
class _Subject:
    """What a track is about: an algorithm or a GenAI service."""

    name: str
    algorithm: Algorithm | None = None
    service: GenaiService | None = None


@dataclass
class _Planner:
    profile: Profile
    rb: Rulebook
    today: date
    calendar: Calendar | None
    tracks: list[Track] = field(default_factory=list)
    not_required: list[NotRequired] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    reminders: list[str] = field(default_factory=list)

    # ── texts ────────────────────────────────────────────────────────────
    def msg(self, key: str, **values: str) -> tuple[str, tuple[Citation, ...]]:
        """A rulebook explanation, filled in, with its citations."""
        message: Message = getattr(self.rb.common.applicability, key)
        return message.text.format_map(_Blank(values)), self.rb.citations(message.citations)

    def note(self, key: str, **values: str) -> str:
        """A rulebook explanation as one line with its citations appended."""
        text, cites = self.msg(key, **values)
        return text + cite_text(cites)

    def warn(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)

    # ── decisions ────────────────────────────────────────────────────────
    def run(self) -> Plan:
        genai_tracks, linked = self.plan_services()
        for alg in self.profile.algorithms:
            self.plan_algorithm(alg, linked.get(alg.name, []))
        self.tracks.extend(genai_tracks)
        self.add_reminders()
        return Plan(
            rules_version=self.rb.version,
            tracks=tuple(self.tracks),
            not_required=tuple(self.not_required),
            warnings=tuple(self.warnings),
            reminders=tuple(self.reminders),
            thresholds=self.rb.thresholds_json(),
        )

    def plan_services(self) -> tuple[list[Track], dict[str, list[GenaiService]]]:
        tracks: list[Track] = []
        linked: dict[str, list[GenaiService]] = {}
        gen_algorithms = [a.name for a in self.profile.algorithms if a.category == "generation_synthesis"]
        for svc in self.profile.genai_services:
            if not svc.public or not svc.opinion_attribute:
                key = "genai_not_public" if not svc.public else "genai_no_opinion"
                text, cites = self.msg(key, subject=svc.name)
                self.not_required.append(NotRequired(svc.name, text, cites))
                continue
            reasons: list[tuple[str, tuple[Citation, ...]]] = []
            warnings: list[str] = []
            track_id: TrackId = "genai_filing"
            values = {"subject": svc.name, "mode": MODE_TITLES[svc.mode]}
            if svc.mode == "self_developed":
                reasons.append(self.msg("genai_self_developed", **values))
            elif svc.mode == "fine_tuned":
                reasons.append(self.msg("genai_fine_tuned", **values))
            elif svc.fine_tunes or svc.own_corpus:
                what = [w for w, on in (("微调或训练", svc.fine_tunes), ("大量自有语料", svc.own_corpus)) if on]
                reasons.append(self.msg("genai_moved_to_filing", items="、".join(what), **values))
                warnings.append(self.note("genai_moved_to_filing", items="、".join(what), **values))
            else:
                track_id = "genai_registration"
                reasons.append(self.msg("genai_api_call", **values))
            if svc.algorithm is not None:
                linked.setdefault(svc.algorithm, []).append(svc)
            elif gen_algorithms:
                warnings.append(self.note("genai_algorithm_unlinked", **values))
            else:
                warnings.append(self.note("genai_algorithm_missing", **values))
            strict = [d for d in svc.domains if any(k in d for k in self.rb.common.strict_domains)]
            if strict:
                warnings.append(self.note("genai_strict_domain", domains="、".join(strict), **values))
            self.reminders.append(self.note("genai_labelling", **values))
            deadline = self.deadline(track_id, svc.name, svc.launch_date, warnings)
            tracks.append(self.track(track_id, _Subject(svc.name, service=svc), reasons, deadline, warnings))
        return tracks, linked

    def plan_algorithm(self, alg: Algorithm, services: list[GenaiService]) -> None:
        products = [self.profile.product(n) for n in alg.products]
        public = [p for p in products if p.public]
        opinion = [p.name for p in public if p.opinion_attribute]
        values = {
            "subject": alg.name,
            "category": CATEGORY_TITLES[alg.category],
            "role": ROLE_TITLES[alg.role],
            "products": _names([p.name for p in public]),
            "opinion_products": _names(opinion),
            "services": _names([s.name for s in services]),
        }
        reasons: list[tuple[str, tuple[Citation, ...]]] = []
        if alg.role == "technical_supporter":
            reasons.append(self.msg("algorithm_technical_supporter", **values))
        elif opinion:
            reasons.append(self.msg("algorithm_opinion", **values))
        if services:
            reasons.append(self.msg("algorithm_for_genai", **values))
        if not reasons:
            key = "algorithm_no_opinion" if public else "algorithm_internal"
            text, cites = self.msg(key, **values)
            self.not_required.append(NotRequired(alg.name, text, cites))
            return
        if alg.category == "generation_synthesis":
            reasons.append(self.msg("algorithm_labelling", **values))
        warnings: list[str] = []
        if alg.filing_number:
            warnings.append(self.note("already_filed", number=alg.filing_number, **values))
            deadline = None
        else:
            launches = [d for d in (alg.launch_date, *(p.launch_date for p in products)) if d]
            if not launches:
                launches = [s.launch_date for s in services if s.launch_date]
            deadline = self.deadline("algorithm_filing", alg.name, min(launches, default=None), warnings)
        track = self.track("algorithm_filing", _Subject(alg.name, algorithm=alg), reasons, deadline, warnings)
        self.tracks.append(track)

    # ── pieces of a track ────────────────────────────────────────────────
    def deadline(self, track_id: TrackId, subject: str, launch: date | None, warnings: list[str]) -> Deadline | None:
        rule = self.rb.common.deadlines[track_id]
        if launch is None:
            warnings.append(self.note("launch_unknown", subject=subject))
            return None
        basis = rule.basis + cite_text(self.rb.citations(rule.citations))
        if rule.kind == "before_launch":
            overdue = self.today > launch
            if overdue:
                warnings.append(self.note("genai_launched_unfiled", subject=subject, launch=launch.isoformat()))
            return Deadline(due=launch, start=launch, days=0, basis=basis, overdue=overdue)
        days = rule.days or 0
        result = add_working_days(launch, days, calendar=self.calendar)
        if result.estimated_years:
            years = "、".join(str(y) for y in result.estimated_years)
            warnings.append(
                f"「{subject}」的期限按周末估算：{years} 年没有节假日数据，实际截止日可能更晚或更早；"
                f"可在 dossier/rules/holidays/ 或环境变量 DOSSIER_HOLIDAYS 指定的文件中补充该年的放假安排。"
            )
        return Deadline(
            due=result.due,
            start=launch,
            days=days,
            basis=basis,
            overdue=self.today > result.due,
            estimated_years=result.estimated_years,
        )

    def track(
        self,
        track_id: TrackId,
        subject: _Subject,
        reasons: list[tuple[str, tuple[Citation, ...]]],
        deadline: Deadline | None,
        warnings: list[str],
    ) -> Track:
        rule = self.rb.common.tracks[track_id]
        citations = list(self.rb.citations(rule.citations))
        for _, cites in reasons:
            citations.extend(c for c in cites if c not in citations)
        for text in warnings:
            self.warn(text)
        return Track(
            track=track_id,
            subject=subject.name,
            reasons=tuple(text for text, _ in reasons),
            citations=tuple(citations),
            documents=tuple(self.documents(rule.documents, rule.folder, subject)),
            attachments=tuple(self.attachments(rule.attachments, subject)),
            deadline=deadline,
            role=subject.algorithm.role if subject.algorithm else None,
            timeline=rule.timeline,
            warnings=tuple(warnings),
        )

    def documents(self, ids: list[str], folder: str, subject: _Subject) -> list[DocumentSpec]:
        out: list[DocumentSpec] = []
        for doc_id in ids:
            rule = self.rb.document(doc_id)
            if not _applies(rule.when, subject):
                continue
            per_subject = rule.scope != "entity"
            out.append(
                DocumentSpec(
                    id=doc_id,
                    title=rule.title,
                    template=rule.template,
                    scope=rule.scope,
                    folder=folder,
                    filename=f"{rule.title}（{subject.name}）" if per_subject else rule.title,
                    subject=subject.name if per_subject else None,
                    signatures=tuple(rule.signatures),
                    citations=self.rb.citations(rule.citations),
                )
            )
        return out

    def attachments(self, ids: list[str], subject: _Subject) -> list[AttachmentRequirement]:
        out: list[AttachmentRequirement] = []
        for att_id in ids:
            rule = self.rb.attachment(att_id)
            if _applies(rule.when, subject):
                out.extend(self.requirements(att_id, rule, subject))
        return out

    def requirements(self, att_id: str, rule: AttachmentRule, subject: _Subject) -> list[AttachmentRequirement]:
        """One requirement per referenced file; one with `ref=None` when the profile gives none."""
        groups: list[tuple[str, list[str]]]  # (title suffix, refs)
        alg, svc = subject.algorithm, subject.service
        source = rule.source
        if source == "attachments":
            groups = [("", [att_id] if att_id in self.profile.attachments else [])]
        elif source == "corpus_proof":
            corpus = svc.corpus if svc else []
            groups = [(f"：{c.name}", list(c.proof)) for c in corpus] or [("", [])]
        else:
            groups = [("", _refs(source, alg, svc))]
        out: list[AttachmentRequirement] = []
        total = sum(max(1, len(refs)) for _, refs in groups)
        for suffix, refs in groups:
            slots: list[str | None] = [*refs] or [None]
            for ref in slots:
                number = f"_{len(out) + 1}" if total > 1 else ""
                valid_until, valid_field = self.validity(rule, ref)
                out.append(
                    AttachmentRequirement(
                        id=att_id,
                        title=rule.title + suffix,
                        kinds=tuple(rule.kinds),
                        explanation=rule.explanation,
                        action=rule.action,
                        citations=self.rb.citations(rule.citations),
                        ref=ref,
                        subject=subject.name if rule.scope != "entity" else None,
                        check=rule.check,
                        canonical_name=rule.canonical_name + number,
                        optional=rule.optional,
                        valid_until=valid_until,
                        valid_until_field=valid_field,
                    )
                )
        return out

    def validity(self, rule: AttachmentRule, ref: str | None) -> tuple[date | None, str | None]:
        """The expiry date to check: the attachment's own `valid_until`, else the profile field."""
        own = self.profile.attachments[ref].valid_until if ref in self.profile.attachments else None
        if own is not None:
            return (own if isinstance(own, date) else None), f"attachments.{ref}.valid_until"
        if rule.valid_until is None:
            return None, None
        value: object = self.profile
        for part in rule.valid_until.split("."):
            value = getattr(value, part, None)
        return (value if isinstance(value, date) else None), rule.valid_until

    def add_reminders(self) -> None:
        planned = {t.track for t in self.tracks}
        if not planned:
            return
        common = self.rb.common
        for reminder in common.reminders:
            if planned & set(reminder.tracks):
                self.reminders.append(reminder.text + cite_text(self.rb.citations(reminder.citations)))
        for rule in common.deadlines.values():
            if rule.kind == "after_event":
                self.reminders.append(rule.basis + cite_text(self.rb.citations(rule.citations)))
        if planned & {"genai_filing", "genai_registration"}:
            pending = [
                f"{g['title']}（{'、'.join(THRESHOLD_KEY_TITLES.get(k, k) for k in g.get('unverified', []))}）"
                for g in self.rb.thresholds_json().values()
                if g.get("verify")
            ]
            if pending:
                self.warn(self.note("thresholds_unverified", subject=self.rb.version, items="；".join(pending)))


def _refs(source: str, alg: Algorithm | None, svc: GenaiService | None) -> list[str]:
    """The attachment ids a profile section refers to, for list-valued sources."""
    if alg is not None:
        if source == "labelling_screenshots":
            return list(alg.labelling.screenshots) if alg.labelling else []
        if source == "user_rights_screenshots":
            return list(alg.user_rights_screenshots)
        if source == "content_governance_screenshots":
            return list(alg.content_governance_screenshots)
        if source == "third_party_evidence":
            return [ref for m in alg.models if m.third_party for ref in m.third_party.evidence]
    if svc is not None:
        kit = svc.safety_kit
        if source == "keyword_library":
            return [kit.keyword_library] if kit.keyword_library else []
        if source == "test_bank":
            return [kit.test_bank] if kit.test_bank else []
        if source == "base_model_evidence":
            return list(svc.base_model.evidence) if svc.base_model else []
    return []


def _applies(when: Condition | None, subject: _Subject) -> bool:
    """Whether a document or attachment rule's condition holds for this subject."""
    if when is None:
        return True
    alg, svc = subject.algorithm, subject.service
    checks: list[bool] = []
    if when.categories is not None:
        checks.append(alg is not None and alg.category in when.categories)
    if when.third_party_model is not None:
        uses = alg is not None and any(m.third_party for m in alg.models)
        checks.append(uses == when.third_party_model)
    if when.annotation_applicable is not None:
        applicable = svc is not None and (svc.annotation is None or svc.annotation.applicable)
        checks.append(applicable == when.annotation_applicable)
    if when.has_base_model is not None:
        checks.append((svc is not None and svc.base_model is not None) == when.has_base_model)
    return all(checks)


class _Blank(dict[str, str]):
    """Format values where a placeholder the caller did not fill stays visible, never crashes."""

    def __missing__(self, key: str) -> str:
        return f"{{{key}}}"


__all__ = ["cite_text", "make_plan"]
