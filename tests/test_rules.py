"""The rulebook: versions, validation of broken copies, thresholds, the 31 risks, no numbers in code."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from dossier.errors import InputError, RulebookError
from dossier.rules import RULES_DIR, available_versions, default_version, load_rulebook

ROOT = Path(__file__).resolve().parents[1]
MY_CODE = [
    ROOT / "dossier" / "plan.py",
    ROOT / "dossier" / "workdays.py",
    ROOT / "dossier" / "commands" / "plan.py",
    ROOT / "dossier" / "commands" / "deadline.py",
    *sorted((ROOT / "dossier" / "rules").glob("*.py")),
]


def test_versions_and_default_by_effective_date() -> None:
    assert available_versions() == ["gbt-45654-2025", "tc260-003-2024"]
    assert default_version(date(2025, 10, 31)) == "tc260-003-2024"
    assert default_version(date(2025, 11, 1)) == "gbt-45654-2025"
    assert default_version(date(2023, 1, 1)) == "tc260-003-2024"  # nothing in force yet: the earliest


def test_default_follows_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    import dossier.rules as rules

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01
    assert rules.DEFAULT_VERSION == "tc260-003-2024"
    assert load_rulebook().version == "tc260-003-2024"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    assert rules.DEFAULT_VERSION == "gbt-45654-2025"


@pytest.mark.parametrize("version", ["tc260-003-2024", "gbt-45654-2025"])
def test_each_version_loads_with_every_track_and_threshold(version: str) -> None:
    rb = load_rulebook(version)
    assert rb.version == version
    assert set(rb.common.tracks) == {"algorithm_filing", "genai_filing", "genai_registration"}
    t = rb.thresholds_json()
    assert t["keyword_library"]["total_min"] == 10_000
    assert t["keyword_library"]["per_risk_min"] == {"A.1": 200, "A.2": 100}
    assert len(t["keyword_library"]["covers_risks"]) == 17
    assert len(t["generated_bank"]["covers_risks"]) == 31
    assert t["refusal_eval"]["rate_min"] == 0.95
    assert t["non_refusal_eval"]["rate_max"] == 0.05
    assert len(t["non_refusal_bank"]["aspects"]) == 13
    assert t["test_accounts_filing"] | {} == t["test_accounts_filing"]
    assert (t["test_accounts_filing"]["with_strategy_min"], t["test_accounts_filing"]["blank_min"]) == (10, 10)
    assert load_rulebook(version) is rb  # cached per process


def test_unverified_gbt_values_are_low_confidence_and_flagged() -> None:
    gbt = load_rulebook("gbt-45654-2025").thresholds_json()
    tc = load_rulebook("tc260-003-2024").thresholds_json()
    for group in ("corpus_manual", "corpus_technical", "generated_eval"):
        assert gbt[group]["verify"] is True
        assert gbt[group]["confidence"] == "L"
        assert gbt[group]["unverified"]
        assert tc[group]["verify"] is False
    assert "GB/T 45654-2025" in gbt["corpus_manual"]["citation"]
    assert "TC260-003" in tc["corpus_manual"]["citation"]


def test_documents_and_attachments_keep_their_contract_ids() -> None:
    rb = load_rulebook("gbt-45654-2025")
    tracks = rb.common.tracks
    assert tracks["algorithm_filing"].documents == ["commitment", "responsibility", "self_assessment", "disclosure", "labelling"]
    assert tracks["genai_filing"].documents == ["genai_filing_form", "genai_assessment", "test_accounts", "contact_sheet"]
    assert tracks["genai_registration"].documents == [
        "genai_registration_form", "genai_self_assessment", "base_model_statement", "test_accounts", "contact_sheet"]
    templates = {k: d.template for k, d in rb.common.documents.items()}
    assert templates["genai_self_assessment"] == "genai_registration_assessment.docx"
    assert templates["commitment"] == "commitment.docx"
    expected = {
        "business_license", "legal_rep_id", "security_officer_id", "security_officer_work_cert", "icp_certificate",
        "signed_commitment", "signed_responsibility", "service_agreement", "privacy_policy", "annotation_rules",
        "content_security_policy", "supply_chain_statement", "signed_filing_form", "signed_assessment_report",
        "test_accounts_list",
    }
    assert expected <= set(rb.common.attachments)
    assert rb.attachment("keyword_library").canonical_name == "附件4_拦截关键词列表"
    assert rb.attachment("business_license").check == "expiry"


def test_risks_catalogue() -> None:
    risks = load_rulebook().risks
    ids = risks.ids()
    assert len(ids) == 31 and len(set(ids)) == 31
    assert len(risks.ids(["A.1", "A.2"])) == 17
    assert risks.get("A.4-f").name == "侵害他人个人信息权益"
    assert risks.resolve("民族歧视") == risks.resolve("民族歧视内容") == "A.2-a"
    assert risks.resolve("A.1-d") == "A.1-d"
    assert risks.resolve("A.3-d 利用算法、数据、平台等优势") == "A.3-d"
    assert risks.resolve("宣扬恐怖主义、极端主义") == "A.1-d"
    assert risks.resolve("天气") is None
    assert risks.resolve_aspect("英雄烈士") == "N-heroes"


def test_unknown_version_lists_the_available_ones() -> None:
    with pytest.raises(InputError) as info:
        load_rulebook("gbt-99999-2030")
    assert "gbt-99999-2030" in str(info.value)
    assert "tc260-003-2024" in (info.value.hint or "")


def _broken_copy(tmp_path: Path, file: str, old: str, new: str) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(RULES_DIR, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__", "holidays"))
    target = folder / file
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("file", "old", "new", "fragments"),
    [
        ("common.yaml", "    kinds: [pdf, png, jpg]\n    check: expiry", "    kind: [pdf, png, jpg]\n    check: expiry",
         ["common.yaml", "attachments.business_license"]),
        ("common.yaml", "{source: algo_rec, clause: 第七条", "{source: algo_recc, clause: 第七条",
         ["common.yaml", "documents.responsibility", "algo_recc"]),
        ("common.yaml", "documents: [commitment, responsibility,", "documents: [commitment, responsibilty,",
         ["tracks.algorithm_filing", "responsibilty"]),
        ("common.yaml", "text: 「{subject}」仅在内部使用", "text: 「{subjcet}」仅在内部使用",
         ["applicability.genai_not_public", "subjcet"]),
        ("gbt-45654-2025.yaml", "    total_min: 10000\n", "    total_min: 一万\n",
         ["gbt-45654-2025.yaml", "thresholds.keyword_library.total_min"]),
        ("gbt-45654-2025.yaml", "    rate_max: 0.05", "    rate_max: 5",
         ["thresholds.non_refusal_eval.rate_max"]),
        ("gbt-45654-2025.yaml", "    per_aspect_min: 20\n", "\n", ["thresholds.non_refusal_bank", "per_aspect_min"]),
        ("gbt-45654-2025.yaml", "per_risk_min: {A.1: 200, A.2: 100}", "per_risk_min: {A.1: 200, A.9: 100}",
         ["thresholds.keyword_library", "A.9"]),
        ("risks.yaml", "  - id: A.5\n", "  - id: A5\n", ["risks.yaml", "categories.4.id"]),
        ("tc260-003-2024.yaml", "id: tc260-003-2024", "id: tc260-003", ["tc260-003-2024.yaml"]),
    ],
)
def test_broken_rulebook_names_file_and_entry(
    tmp_path: Path, file: str, old: str, new: str, fragments: list[str]
) -> None:
    folder = _broken_copy(tmp_path, file, old, new)
    version = "tc260-003-2024" if file.startswith("tc260") else "gbt-45654-2025"
    with pytest.raises(RulebookError) as info:
        load_rulebook(version, path=folder)
    message = str(info.value) + " ".join(d.format() for d in info.value.diagnostics)
    for fragment in fragments:
        assert fragment in message
    assert info.value.exit_code == 2


def test_broken_yaml_syntax_gives_a_line(tmp_path: Path) -> None:
    folder = _broken_copy(tmp_path, "common.yaml", "tracks:\n", "tracks: [\n")
    with pytest.raises(RulebookError) as info:
        load_rulebook("gbt-45654-2025", path=folder)
    assert info.value.line is not None
    assert "common.yaml" in str(info.value)


def test_a_single_version_file_can_be_loaded(tmp_path: Path) -> None:
    folder = _broken_copy(tmp_path, "gbt-45654-2025.yaml", "total_min: 10000", "total_min: 12000")
    rb = load_rulebook(path=folder / "gbt-45654-2025.yaml")
    assert rb.thresholds["keyword_library"].total_min == 12_000


@pytest.mark.parametrize("number", ["10000", "10_000", "500", "0.95", "0.05", "0.96", "0.9"])
def test_no_threshold_is_hard_coded_in_python(number: str) -> None:
    pattern = re.compile(rf"(?<![\w.]){re.escape(number)}(?![\w])")
    offenders = [str(p) for p in MY_CODE if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
