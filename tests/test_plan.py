"""make_plan: which tracks apply and why, documents, attachments, deadlines, warnings, reminders."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest
from conftest import starter_data

from dossier.plan import make_plan
from dossier.plan_types import Plan
from dossier.profile import Profile
from dossier.rules import load_rulebook

TODAY = date(2026, 9, 1)


@pytest.fixture(autouse=True)
def _no_user_holidays(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DOSSIER_HOLIDAYS", raising=False)


def plan_of(data: dict[str, Any], today: date = TODAY, version: str = "gbt-45654-2025") -> Plan:
    return make_plan(Profile.model_validate(data), load_rulebook(version), today=today)


def kinds(plan: Plan) -> list[tuple[str, str]]:
    return [(t.track, t.subject) for t in plan.tracks]


def all_text(plan: Plan) -> str:
    return "\n".join([*plan.warnings, *(t.reasons[0] for t in plan.tracks), *(n.reason for n in plan.not_required)])


# ── the three example kinds ─────────────────────────────────────────────────
@pytest.mark.parametrize(
    ("scenario", "expected"),
    [
        ("recommendation", {"algorithm_filing"}),
        ("llm-filing", {"genai_filing", "algorithm_filing"}),
        ("llm-registration", {"genai_registration", "algorithm_filing"}),
    ],
)
def test_starters_plan_to_the_expected_tracks(scenario: str, expected: set[str]) -> None:
    plan = plan_of(starter_data(scenario))
    assert {t.track for t in plan.tracks} == expected
    for track in plan.tracks:
        assert track.reasons and track.citations and track.documents and track.attachments
        assert track.timeline
        assert all(c.confidence in {"H", "M", "L", "INFERRED"} for c in track.citations)
    assert plan.not_required == ()
    assert plan.thresholds["keyword_library"]["covers"] == ["A.1", "A.2"]


def test_recommendation_documents_and_filenames() -> None:
    plan = plan_of(starter_data())
    (track,) = plan.tracks
    assert track.role == "service_provider"
    assert [d.id for d in track.documents] == ["commitment", "responsibility", "self_assessment", "disclosure"]
    by_id = {d.id: d for d in track.documents}
    assert by_id["self_assessment"].filename == "算法安全自评估报告（示例资讯个性化推荐算法）"
    assert by_id["self_assessment"].subject == "示例资讯个性化推荐算法"
    assert by_id["commitment"].filename == "算法备案承诺书" and by_id["commitment"].subject is None
    assert by_id["commitment"].signatures == ("法定代表人签字", "单位盖章")
    assert {d.folder for d in track.documents} == {"算法备案"}
    assert "舆论属性" in track.reasons[0]
    assert any("第二十四条" in str(c) for c in track.citations)


def test_generation_algorithm_gets_labelling_and_entity_documents_appear_once() -> None:
    plan = plan_of(starter_data("llm-filing"))
    alg = next(t for t in plan.tracks if t.track == "algorithm_filing")
    assert "labelling" in [d.id for d in alg.documents]
    assert any("标识" in r for r in alg.reasons)
    genai = next(t for t in plan.tracks if t.track == "genai_filing")
    assert [d.id for d in genai.documents] == ["genai_filing_form", "genai_assessment", "test_accounts", "contact_sheet"]
    assert next(d for d in genai.documents if d.id == "genai_assessment").signatures == (
        "法定代表人签字", "评估总负责人签字", "合法性评估负责人签字")
    assert {d.folder for d in genai.documents} == {"大模型备案"}
    files = [(d.folder, d.filename) for d in plan.documents()]
    assert len(files) == len(set(files))
    assert any("标识" in r for r in plan.reminders)


def test_registration_documents() -> None:
    plan = plan_of(starter_data("llm-registration"))
    reg = next(t for t in plan.tracks if t.track == "genai_registration")
    assert [d.template for d in reg.documents] == [
        "genai_registration_form.docx", "genai_registration_assessment.docx", "base_model_statement.docx",
        "test_accounts.docx", "contact_sheet.docx"]
    assert reg.documents[0].filename == "生成式人工智能调用已备案大模型上线备案表（示例助手）"


# ── attachments resolved against the profile ───────────────────────────────
def test_attachment_refs_come_from_the_profile() -> None:
    plan = plan_of(starter_data("llm-registration"))
    reg = next(t for t in plan.tracks if t.track == "genai_registration")
    atts = {a.id: a for a in reg.attachments}
    assert atts["keyword_library"].ref == "keyword_library"
    assert atts["keyword_library"].check == "keyword_library"
    assert atts["keyword_library"].canonical_name == "附件4_拦截关键词列表"
    assert atts["keyword_library"].kinds == ("xlsx", "csv")
    assert atts["test_bank"].check == "test_bank"
    assert atts["base_model_evidence"].ref == "base_model_contract"
    assert atts["content_security_policy"].ref == "content_security_policy"
    assert atts["business_license"].check == "expiry"
    assert atts["business_license"].valid_until_field == "company.license_valid_until"
    assert atts["test_accounts_list"].check == "test_accounts"
    assert "annotation_rules" not in atts  # a registration track has no annotation rules


def test_missing_references_resolve_to_none() -> None:
    data = starter_data("llm-registration")
    data["genai_services"][0]["safety_kit"] = {}
    del data["attachments"]["keyword_library"], data["attachments"]["test_bank"]
    reg = next(t for t in plan_of(data).tracks if t.track == "genai_registration")
    atts = {a.id: a for a in reg.attachments}
    assert atts["keyword_library"].ref is None and atts["test_bank"].ref is None
    alg = next(t for t in plan_of(data).tracks if t.track == "algorithm_filing")
    assert {a.id: a.ref for a in alg.attachments}["icp_certificate"] is None


def test_expiry_dates_are_resolved() -> None:
    data = starter_data()
    data["company"]["license_valid_until"] = "2030-06-30"
    data["company"]["legal_representative"]["id_valid_until"] = "2027-01-01"
    data["attachments"]["security_officer_id"] = {"path": "id.pdf", "valid_until": "2026-12-31"}
    atts = {a.id: a for a in plan_of(data).tracks[0].attachments}
    assert atts["business_license"].valid_until == date(2030, 6, 30)
    assert atts["legal_rep_id"].valid_until == date(2027, 1, 1)
    assert atts["security_officer_id"].valid_until == date(2026, 12, 31)
    assert atts["security_officer_id"].valid_until_field == "attachments.security_officer_id.valid_until"


def test_corpus_proof_one_requirement_per_source() -> None:
    data = starter_data("llm-filing")
    svc = data["genai_services"][0]
    svc["corpus"].append({"name": "采购语料", "type": "商业", "scale": "1 TB", "proof": []})
    genai = next(t for t in plan_of(data).tracks if t.track == "genai_filing")
    proofs = [a for a in genai.attachments if a.id == "corpus_proof"]
    assert len(proofs) == len(svc["corpus"])
    assert proofs[-1].ref is None and proofs[-1].title.endswith("采购语料")
    assert len({a.canonical_name for a in proofs}) == len(proofs)


# ── applicability rules, table-driven ────────────────────────────────────────
def _internal(d: dict[str, Any]) -> None:
    d["products"][0]["public"] = False


def _no_opinion(d: dict[str, Any]) -> None:
    d["products"][0]["opinion_attribute"] = False


@pytest.mark.parametrize(
    ("scenario", "change", "tracks", "not_required", "text"),
    [
        ("recommendation", _internal, [], ["示例资讯个性化推荐算法"], "不向公众提供"),
        ("recommendation", _no_opinion, [], ["示例资讯个性化推荐算法"], "不具有舆论属性"),
        ("llm-filing", lambda d: d["genai_services"][0].update(public=False),
         ["algorithm_filing"], ["示例助手"], "不向境内公众提供"),
        ("llm-filing", lambda d: d["genai_services"][0].update(opinion_attribute=False),
         ["algorithm_filing"], ["示例助手"], "舆论属性"),
        ("llm-registration", lambda d: d["genai_services"][0].update(fine_tunes=True),
         ["algorithm_filing", "genai_filing"], [], "由大模型登记改为大模型备案"),
        ("llm-registration", lambda d: d["genai_services"][0].update(own_corpus=True),
         ["algorithm_filing", "genai_filing"], [], "自有语料"),
        ("llm-registration", lambda d: d["genai_services"][0].update(domains=["互联网金融"]),
         ["algorithm_filing", "genai_registration"], [], "审核尤为严格"),
        ("llm-filing", lambda d: d["genai_services"][0].update(domains=["医疗健康咨询"]),
         ["algorithm_filing", "genai_filing"], [], "医疗健康咨询"),
        ("llm-registration", lambda d: d["genai_services"][0].update(algorithm=None),
         ["algorithm_filing", "genai_registration"], [], "未指明对应的生成合成类算法"),
    ],
)
def test_applicability(scenario: str, change: Any, tracks: list[str], not_required: list[str], text: str) -> None:
    data = starter_data(scenario)
    change(data)
    plan = plan_of(data)
    assert sorted(t.track for t in plan.tracks) == sorted(tracks)
    assert [n.subject for n in plan.not_required] == not_required
    assert text in all_text(plan)
    for item in plan.not_required:
        assert item.citations
    if scenario == "llm-filing" and not_required and "不向境内公众提供" in text:
        assert any("第二条" in str(c) for c in plan.not_required[0].citations)


def test_fine_tuning_warning_and_track_for_api_app() -> None:
    data = starter_data("llm-registration")
    data["genai_services"][0]["fine_tunes"] = True
    plan = plan_of(data)
    genai = next(t for t in plan.tracks if t.track == "genai_filing")
    assert any("登记" in w and "备案" in w for w in genai.warnings)
    assert "base_model_evidence" in [a.id for a in genai.attachments]


def test_genai_linked_algorithm_is_filed_even_if_its_product_says_no_opinion() -> None:
    data = starter_data("llm-registration")
    for product in data["products"]:
        product["opinion_attribute"] = False
    plan = plan_of(data)
    alg = next(t for t in plan.tracks if t.track == "algorithm_filing")
    assert any("生成式人工智能服务" in r for r in alg.reasons)


def test_service_without_any_generation_algorithm_warns() -> None:
    data = starter_data("llm-registration")
    data["genai_services"][0]["algorithm"] = None
    data["algorithms"] = []
    plan = plan_of(data)
    assert [t.track for t in plan.tracks] == ["genai_registration"]
    assert any("没有生成合成类算法" in w for w in plan.warnings)


def test_technical_supporter_files_without_products() -> None:
    data = starter_data("llm-filing")
    alg = copy.deepcopy(next(a for a in data["algorithms"] if a["category"] == "generation_synthesis"))
    alg.update(name="示例基座模型技术支持算法", role="technical_supporter", products=[],
               launch_date="2026-09-28", technical_service={"method": ["API"], "clients": "面向企业客户提供接口。"})
    data["algorithms"].append(alg)
    plan = plan_of(data)
    track = next(t for t in plan.tracks if t.subject == "示例基座模型技术支持算法")
    assert track.role == "technical_supporter"
    assert "技术支持者" in track.reasons[0]
    assert any("深度合成" in str(c) and "第十九条" in str(c) for c in track.citations)
    assert track.deadline is not None and track.deadline.due == date(2026, 10, 16)


# ── deadlines ────────────────────────────────────────────────────────────────
@pytest.mark.parametrize(
    ("launch", "today", "due", "overdue", "estimated"),
    [
        ("2026-09-28", date(2026, 9, 1), date(2026, 10, 16), False, ()),
        ("2026-09-28", date(2026, 10, 16), date(2026, 10, 16), False, ()),
        ("2026-09-28", date(2026, 10, 17), date(2026, 10, 16), True, ()),
        ("2026-02-10", date(2026, 3, 1), date(2026, 3, 2), False, ()),
        ("2026-12-28", date(2026, 12, 1), date(2027, 1, 11), False, (2027,)),
    ],
)
def test_algorithm_deadline(launch: str, today: date, due: date, overdue: bool, estimated: tuple[int, ...]) -> None:
    data = starter_data()
    data["products"][0]["launch_date"] = launch
    plan = plan_of(data, today=today)
    deadline = plan.tracks[0].deadline
    assert deadline is not None
    assert (deadline.due, deadline.overdue, deadline.estimated_years) == (due, overdue, estimated)
    assert deadline.days == 10 and "第二十四条" in deadline.basis
    assert any("按周末估算" in w for w in plan.warnings) == bool(estimated)
    assert plan.to_json()["tracks"][0]["deadline"] == due.isoformat()


def test_algorithm_launch_date_wins_over_products_and_earliest_product_counts() -> None:
    data = starter_data()
    data["products"].append(copy.deepcopy(data["products"][0]) | {"name": "示例资讯极速版", "launch_date": "2026-09-30"})
    data["algorithms"][0]["products"].append("示例资讯极速版")
    assert plan_of(data).tracks[0].deadline.due == date(2026, 10, 16)  # type: ignore[union-attr]
    data["algorithms"][0]["launch_date"] = "2026-06-01"
    assert plan_of(data).tracks[0].deadline.due == date(2026, 6, 15)  # type: ignore[union-attr]


def test_missing_launch_date_means_no_deadline_and_a_warning() -> None:
    data = starter_data()
    del data["products"][0]["launch_date"]
    plan = plan_of(data)
    assert plan.tracks[0].deadline is None
    assert any("未填写上线日期" in w for w in plan.warnings)


@pytest.mark.parametrize(("today", "overdue"), [(date(2026, 12, 1), False), (date(2026, 12, 16), True)])
def test_genai_must_file_before_launch(today: date, overdue: bool) -> None:
    plan = plan_of(starter_data("llm-registration"), today=today)
    reg = next(t for t in plan.tracks if t.track == "genai_registration")
    assert reg.deadline is not None
    assert reg.deadline.due == date(2026, 12, 15) and reg.deadline.days == 0
    assert reg.deadline.overdue is overdue
    assert "上线提供服务前" in reg.deadline.basis
    assert any("暂停服务" in w for w in plan.warnings) is overdue


def test_already_filed_algorithm_is_prepared_as_a_change() -> None:
    data = starter_data()
    data["algorithms"][0]["filing_number"] = "网信算备310115823483902260011号"
    plan = plan_of(data)
    assert plan.tracks[0].deadline is None
    assert any("变更" in w for w in plan.warnings)


# ── thresholds, reminders, versions ─────────────────────────────────────────
def test_unverified_thresholds_warned_only_under_gbt_with_a_genai_track() -> None:
    assert any("未经标准原文核实" in w for w in plan_of(starter_data("llm-filing")).warnings)
    assert not any("未经标准原文核实" in w for w in plan_of(starter_data("llm-filing"), version="tc260-003-2024").warnings)
    assert not any("未经标准原文核实" in w for w in plan_of(starter_data()).warnings)


def test_reminders_cover_display_duty_app_stores_local_office_and_penalties() -> None:
    text = "\n".join(plan_of(starter_data("llm-registration")).reminders)
    for fragment in ("备案编号", "公示信息链接", "模型名称", "应用商店", "属地网信办", "罚款", "20 个工作日"):
        assert fragment in text
    assert "模型名称" not in "\n".join(plan_of(starter_data()).reminders)


def test_plan_json_shape() -> None:
    out = plan_of(starter_data("llm-filing")).to_json()
    assert out["rules_version"] == "gbt-45654-2025"
    track = out["tracks"][0]
    assert set(track) >= {"track", "subject", "reasons", "citations", "documents", "attachments", "deadline"}
    assert isinstance(out["warnings"], list)
