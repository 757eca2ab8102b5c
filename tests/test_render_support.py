"""Shared helpers for the render tests: inline LLM profiles, specs, and reading .docx text."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import yaml
from conftest import starter_data
from docx import Document

from dossier.plan_types import DocumentSpec
from dossier.profile import Loaded, load_profile

ENTITY = ("commitment", "responsibility", "contact_sheet")
ALGORITHM = ("self_assessment", "disclosure")
FILING = ("genai_filing_form", "genai_assessment", "test_accounts")
REGISTRATION = ("genai_registration_form", "genai_registration_assessment", "base_model_statement")

GEN_ALGORITHM: dict[str, Any] = {
    "name": "示例助手生成合成算法",
    "category": "generation_synthesis",
    "role": "service_provider",
    "domains": ["智能对话"],
    "scenarios": "用户在对话框输入问题时生成回答。",
    "summary": "基于大语言模型，根据用户输入生成文本回答。",
    "flow": "1. **输入审核**（规则 + 模型）\n2. **生成**（模型）\n3. **输出审核**（规则 + 人工）",
    "disclosure": {"principle": "根据上下文预测下一个词。", "mechanism": "输入审核、生成、输出审核。",
                   "scenarios": "示例助手对话。", "purpose": "帮助用户获取信息。"},
    "data": {"sources": ["用户输入"], "input_modalities": ["文本"], "output_modalities": ["文本"],
             "output_formats": ["txt"], "biometric": False},
    "models": [{"name": "示例大模型 v1", "type": "Transformer 解码器", "purpose": "生成回答",
                "third_party": {"provider": "某模型公司", "genai_filing_number": "Beijing-DeepseekChat-202404280016"}}],
    "intervention": {"input_review": "关键词与分类模型审核输入。", "output_review": "对输出进行实时安全检测。"},
    "risks": [{"risk": "违法不良信息", "description": "可能生成不良信息。", "measures": "输入输出双重审核。"}],
    "products": ["示例助手"],
    "labelling": {"explicit": "回答下方标注“内容由人工智能生成”。", "screenshots": ["label_shot"]},
}
PRODUCT: dict[str, Any] = {
    "name": "示例助手", "service_forms": ["App"], "url": "https://ai.example.com",
    "access_path": ["打开 App", "对话"], "functions": [{"name": "智能问答", "description": "回答问题。"}],
    "audience": "面向公众的个人用户", "opinion_attribute": True, "real_name": True,
    "launch_date": "2026-10-01",
}
SERVICE: dict[str, Any] = {
    "name": "示例助手", "functions": ["人机对话", "文字生成"], "opinion_attribute": True,
    "summary": "面向公众的智能问答助手。", "products": ["示例助手"], "algorithm": "示例助手生成合成算法",
    "test_accounts": [{"account": "review01", "strategy": "附加安全策略"},
                      {"account": "review02", "strategy": "空白账号"}],
    "inference_compute": {"description": "8 张推理卡", "source": "第三方云"},
}
OFFICER = {"name": "赵示例", "id_number": "360426199101010071", "mobile": "13800000004",
           "email": "a@example.com", "position": "首席安全官"}


def llm_data(mode: str = "self_developed") -> dict[str, Any]:
    """The recommendation starter plus a generation algorithm and one GenAI service in `mode`."""
    data = starter_data("recommendation")
    data["company"]["security_assessment_officer"] = dict(OFFICER)
    data["company"]["legality_assessment_officer"] = dict(OFFICER, name="孙示例", position="法务总监")
    data["products"].append(dict(PRODUCT))
    data["algorithms"].append(dict(GEN_ALGORITHM))
    service = dict(SERVICE, mode=mode)
    if mode == "api_call":
        service["base_model"] = {"name": "某大模型", "provider": "某模型公司",
                                 "filing_number": "Beijing-DeepseekChat-202404280016"}
    else:
        service["model"] = {"name": "示例大模型", "parameters": "7B", "architecture": "Decoder-only"}
        service["training_compute"] = {"description": "64 张加速卡", "source": "自建"}
        service["annotation"] = {"applicable": False, "reason": "未开展标注"}
    data["genai_services"] = [service]
    data["attachments"]["label_shot"] = "shots/label.png"
    return data


def load(path_dir: Path, data: dict[str, Any]) -> Loaded:
    """Write `data` as profile.yaml into `path_dir` and load it."""
    path = path_dir / "profile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_profile(path)


def spec(name: str, loaded: Loaded, subject: str | None = None) -> DocumentSpec:
    """A DocumentSpec for template `name`, its subject taken from the profile when not given."""
    profile = loaded.profile
    scope = "entity" if name in ENTITY else "algorithm" if name in (*ALGORITHM, "labelling") else "service"
    if subject is None and scope == "algorithm":
        subject = profile.algorithms[-1].name
    if subject is None and scope == "service":
        subject = profile.genai_services[0].name
    return DocumentSpec(id=name, title=name, template=f"{name}.docx", scope=scope,  # type: ignore[arg-type]
                        folder="x", filename=name, subject=subject)


def text_of(data: bytes) -> str:
    """All paragraph and table text of a .docx, one paragraph a line."""
    doc = Document(io.BytesIO(data))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                lines.extend(p.text for p in cell.paragraphs)
    return "\n".join(lines)


def headings(data: bytes, level: int = 1) -> list[str]:
    """Texts of the paragraphs in style Heading `level`."""
    doc = Document(io.BytesIO(data))
    return [p.text for p in doc.paragraphs if p.style is not None and p.style.name == f"Heading {level}"]
