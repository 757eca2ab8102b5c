"""Rendering: every template from the starter and from inline LLM profiles, safely and reproducibly."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from docx import Document
from test_render_support import (
    ALGORITHM,
    ENTITY,
    FILING,
    REGISTRATION,
    headings,
    llm_data,
    load,
    spec,
    text_of,
)

from dossier.errors import TemplateError
from dossier.profile import Loaded
from dossier.render import render_documents, template_path

ODD_NAME = "A&B <测试> 科技（堃喆赟）"


def tiny_png(width: int = 40, height: int = 80) -> bytes:
    raw = b"".join(b"\x00" + b"\xcc\xdd\xee" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def filing(tmp_path_factory: pytest.TempPathFactory) -> Loaded:
    folder = tmp_path_factory.mktemp("filing")
    (folder / "shots").mkdir()
    (folder / "shots" / "label.png").write_bytes(tiny_png())
    return load(folder, llm_data("self_developed"))


@pytest.fixture(scope="module")
def registration(tmp_path_factory: pytest.TempPathFactory) -> Loaded:
    return load(tmp_path_factory.mktemp("registration"), llm_data("api_call"))


def render(loaded: Loaded, name: str, **kwargs: object) -> bytes:
    [doc] = render_documents(loaded, [spec(name, loaded)], **kwargs)  # type: ignore[arg-type]
    return doc.data


def test_starter_renders_the_algorithm_filing_documents(tmp_path: Path) -> None:
    from conftest import starter_data

    loaded = load(tmp_path, starter_data("recommendation"))
    specs = [spec(name, loaded) for name in (*ENTITY, *ALGORITHM)]
    for doc in render_documents(loaded, specs):
        text = text_of(doc.data)
        assert "{{" not in text and "{%" not in text, doc.spec.template
        assert loaded.profile.company.name in text
        assert loaded.profile.company.uscc in text
        if doc.spec.scope == "algorithm":
            assert loaded.profile.algorithms[0].name in text


@pytest.mark.parametrize("name", (*ENTITY, *ALGORITHM, "labelling", *FILING))
def test_llm_filing_profile_renders(filing: Loaded, name: str) -> None:
    text = text_of(render(filing, name))
    assert "{{" not in text and "{%" not in text
    assert filing.profile.company.name in text or name == "test_accounts"


@pytest.mark.parametrize("name", REGISTRATION)
def test_api_call_profile_renders_registration_documents(registration: Loaded, name: str) -> None:
    text = text_of(render(registration, name))
    assert "{{" not in text
    assert "Beijing-DeepseekChat-202404280016" in text


def test_odd_company_name_survives_in_every_document(tmp_path: Path) -> None:
    data = llm_data("api_call")
    data["company"]["name"] = ODD_NAME
    loaded = load(tmp_path, data)
    names = (*ENTITY, *ALGORITHM, "labelling", "genai_assessment", *REGISTRATION)
    for doc in render_documents(loaded, [spec(n, loaded) for n in names], draft=True):
        assert ODD_NAME in text_of(doc.data), doc.spec.template
        assert Document(io.BytesIO(doc.data)).core_properties.author == ODD_NAME


def test_self_assessment_has_cover_table_and_six_chapters(filing: Loaded) -> None:
    data = render(filing, "self_assessment")
    assert headings(data) == ["一、算法情况", "二、服务情况", "三、风险研判", "四、风险防控情况",
                              "五、安全评估结论", "六、其他应当说明的情况"]
    text = text_of(data)
    for label in ("主体名称", "统一社会信用代码", "算法类型", "评估算法描述", "评估算法风险描述",
                  "8. 其他违法违规风险", "真实性声明", "算法安全负责人（签名）", "Beijing-DeepseekChat-202404280016"):
        assert label in text
    assert "生成合成类" in text and "☑已上线" in text


def test_technical_supporter_gets_technical_service_chapter(tmp_path: Path) -> None:
    data = llm_data()
    data["algorithms"][-1].update(role="technical_supporter", products=[],
                                  technical_service={"method": ["API"], "clients": "企业客户"})
    data["genai_services"][0]["algorithm"] = None
    loaded = load(tmp_path, data)
    chapters = headings(render(loaded, "self_assessment", draft=True))
    assert "二、技术服务情况" in chapters and "二、服务情况" not in chapters


def test_responsibility_covers_every_system(filing: Loaded) -> None:
    data = render(filing, "responsibility")
    level3 = "\n".join(headings(data, 3))
    for system in ("算法机制机理审核", "科技伦理审查", "用户注册", "信息发布审核", "数据安全和个人信息保护",
                   "反电信网络诈骗", "安全评估监测", "安全事件应急处置", "辟谣机制", "用户申诉与投诉举报",
                   "生成合成内容标识", "用户标签", "未成年人、老年人、劳动者和消费者", "日志留存",
                   "信息安全监测", "数据安全监测", "用户个人信息安全监测", "算法安全监测"):
        assert system in level3, system
    level2 = headings(data, 2)
    assert level2[:5] == ["（一）算法安全专职机构设置", "（二）算法安全专职机构负责人基本信息",
                          "（三）算法安全工作人员任职要求", "（四）算法安全工作人员配备规模",
                          "（五）算法安全技术保障措施"]
    assert "（五）其他制度" in level2
    # the officer's data appears in full, as the form requires
    assert filing.profile.company.algorithm_security_officer.id_number in text_of(data)


def test_filing_forms_have_all_field_groups(filing: Loaded, registration: Loaded) -> None:
    assert headings(render(filing, "genai_filing_form")) == [
        "一、基本信息", "二、模型研制", "三、服务与安全防范", "四、自愿承诺"]
    assert headings(render(registration, "genai_registration_form")) == [
        "一、基本信息", "二、所调用已备案大模型", "三、服务与安全防范", "四、自愿承诺"]
    text = text_of(render(filing, "genai_assessment"))
    for needle in ("二、语料安全评估", "三、模型安全评估", "四、安全措施评估", "不适用",
                   "合法性评估负责人（签字）", "安全评估负责人（签字）", "法定代表人（签字）"):
        assert needle in text


def test_missing_fields_are_one_error_or_draft_placeholders(tmp_path: Path) -> None:
    data = llm_data()
    del data["company"]["security_assessment_officer"]
    del data["genai_services"][0]["inference_compute"]
    loaded = load(tmp_path, data)
    with pytest.raises(TemplateError) as info:
        render(loaded, "genai_filing_form")
    fields = {d.field for d in info.value.diagnostics}
    assert {"company.security_assessment_officer.name", "genai_services[0].inference_compute"} <= fields
    assert "genai_filing_form.docx" in str(info.value) and "安全评估负责人" in str(info.value)
    [doc] = render_documents(loaded, [spec("genai_filing_form", loaded)], draft=True)
    assert "company.security_assessment_officer.name" in doc.placeholders
    assert "【待补充：安全评估负责人·姓名】" in text_of(doc.data)


def test_markdown_becomes_word_formatting(filing: Loaded) -> None:
    doc = Document(io.BytesIO(render(filing, "self_assessment")))
    flow = [p for p in doc.paragraphs if "输入审核" in p.text and p._p.pPr.numPr is not None]
    assert flow, "ordered Markdown list should become numbered paragraphs"
    bold = [r.text for p in flow for r in p.runs if r.bold]
    assert "输入审核" in bold and "**" not in flow[0].text


def test_screenshots_are_images_or_visible_placeholders(filing: Loaded) -> None:
    doc = Document(io.BytesIO(render(filing, "labelling")))
    assert len(doc.inline_shapes) == 1
    text = text_of(render(filing, "self_assessment"))
    assert "【待补充截图：用户权益保护截图" in text


def test_reproducible_with_source_date_epoch(filing: Loaded, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    first, second = render(filing, "responsibility"), render(filing, "responsibility")
    assert first == second
    props = Document(io.BytesIO(first)).core_properties
    assert props.title == "responsibility" and props.created.year == 2026


def test_template_dir_override_wins(tmp_path: Path) -> None:
    assert template_path("commitment.docx").is_file()
    (tmp_path / "commitment.docx").write_bytes(template_path("commitment.docx").read_bytes())
    assert template_path("commitment.docx", tmp_path) == tmp_path / "commitment.docx"
    with pytest.raises(TemplateError):
        template_path("nope.docx", tmp_path)
