"""Algorithms to be filed (算法基础属性 / 详细属性, domain.md §2.4 B–C, §3.3–3.4)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from dossier.profile.types import (
    AlgorithmFilingNumber,
    AttachmentRef,
    GenaiFilingNumber,
    Markdown,
    Model,
    Text,
)

Category = Literal[
    "generation_synthesis",
    "personalized_push",
    "ranking_selection",
    "search_filtering",
    "dispatch_decision",
]
Role = Literal["service_provider", "technical_supporter"]
Modality = Literal["文本", "图片", "音频", "视频", "虚拟场景", "代码", "结构化数据", "行为数据", "其他"]

CATEGORY_TITLES: dict[str, str] = {
    "generation_synthesis": "生成合成类",
    "personalized_push": "个性化推送类",
    "ranking_selection": "排序精选类",
    "search_filtering": "检索过滤类",
    "dispatch_decision": "调度决策类",
}
ROLE_TITLES: dict[str, str] = {"service_provider": "服务提供者", "technical_supporter": "技术支持者"}


class Disclosure(Model):
    """《拟公示内容》: plain-language text that will be published (算法推荐规定 Art. 16)."""

    principle: Markdown = Field(title="算法基本原理", description="通俗说明算法如何工作，不写商业秘密。")
    mechanism: Markdown = Field(title="算法运行机制", description="输入、处理、输出与人工干预的环节。")
    scenarios: Markdown = Field(title="算法应用场景", description="在哪些产品和功能中使用。")
    purpose: Markdown = Field(title="算法目的意图", description="为用户和社会解决什么问题。")
    publicity: Markdown | None = Field(None, title="算法公示情况", description="选填：已在何处公示。")


class AlgorithmData(Model):
    """算法数据: sources, modalities, formats, sensitive data."""

    sources: list[Text] = Field(min_length=1, title="数据来源", description="线上数据和训练数据的来源。")
    input_modalities: list[Modality] = Field(min_length=1, title="输入数据类型", description="文本、图片、音频等。")
    output_modalities: list[Modality] = Field(min_length=1, title="输出数据类型", description="文本、图片、音频等。")
    output_formats: list[Text] = Field(
        min_length=1, title="输出文件格式", description="如 txt、json、png、mp3；须与输出数据类型对应。"
    )
    biometric: bool = Field(title="涉及生物识别信息", description="是否处理人脸、声纹等生物识别信息。")
    identity: bool = Field(False, title="涉及身份信息", description="是否处理身份证件等身份信息。")
    training_data: Markdown | None = Field(None, title="训练数据", description="训练数据集的来源、规模与更新。")
    scale: Text | None = Field(None, title="数据规模", description="如“日均处理 2000 万条”。")


class ThirdPartyModel(Model):
    """A model provided by another company, with its filing numbers and evidence."""

    provider: Text = Field(title="提供方", description="第三方模型的备案主体。")
    algorithm_filing_number: AlgorithmFilingNumber | None = Field(
        None, title="算法备案编号", description="网信算备 + 21 位数字 + 号。"
    )
    genai_filing_number: GenaiFilingNumber | None = Field(
        None, title="大模型备案号", description="如 Beijing-DeepseekChat-202404280016。"
    )
    evidence: list[AttachmentRef] = Field(
        default_factory=list, title="佐证材料", description="合同、公示截图等附件编号。"
    )


class AlgorithmModel(Model):
    """One model used inside the algorithm (算法模型)."""

    name: Text = Field(title="模型名称", description="模型名称与版本。")
    type: Text = Field(title="模型类型", description="如“Transformer 解码器”“双塔召回模型”。")
    purpose: Text = Field(title="模型作用", description="在算法流程中的作用。")
    metrics: Text | None = Field(None, title="评价指标", description="如准确率、召回率、安全合格率。")
    update_cycle: Text | None = Field(None, title="更新频率", description="如“每周增量训练”。")
    third_party: ThirdPartyModel | None = Field(
        None, title="第三方模型", description="调用他人模型时填写提供方和备案号。"
    )


class Intervention(Model):
    """干预策略: review of inputs and outputs."""

    input_review: Markdown = Field(title="输入审核", description="对用户输入的审核方式与范围。")
    output_review: Markdown = Field(title="输出审核", description="对输出内容的审核方式与范围。")
    manual: Markdown | None = Field(None, title="人工干预", description="人工干预的环节与规则。")


class Risk(Model):
    """A risk and its mitigation (算法风险与防范机制)."""

    risk: Literal["算法滥用", "算法漏洞", "算法恶意利用", "数据泄露", "违法不良信息", "其他"] = Field(
        title="风险类别", description="算法滥用、算法漏洞、算法恶意利用、数据泄露、违法不良信息或其他。"
    )
    description: Markdown = Field(title="风险描述", description="表现、影响和可能性。")
    measures: Markdown = Field(title="防范措施", description="已采取的措施。")


class Labelling(Model):
    """结果标识: explicit and implicit labels (深度合成规定 Art. 16–17; 标识办法)."""

    explicit: Markdown = Field(title="显式标识", description="文字、声音、图形等用户可感知的标识方式与位置。")
    implicit: Markdown | None = Field(None, title="隐式标识", description="文件元数据中的标识（GB 45438）。")
    screenshots: list[AttachmentRef] = Field(
        default_factory=list, title="标识截图", description="结果标识截图的附件编号。"
    )


class TechnicalService(Model):
    """技术服务方式 for technical supporters (domain.md §2.4 E)."""

    method: list[Literal["API", "SDK", "私有化部署", "其他"]] = Field(
        min_length=1, title="服务方式", description="API、SDK、私有化部署或其他。"
    )
    clients: Markdown = Field(title="服务对象", description="向哪些客户、以何种方式提供技术。")


class Algorithm(Model):
    """An algorithm of one of the five categories."""

    name: Text = Field(title="算法名称", description="在备案表、拟公示内容和自评估报告中完全一致。")
    category: Category = Field(title="算法类型", description="五类之一。")
    role: Role = Field(
        "service_provider", title="填报角色", description="技术支持者仅适用于生成合成类。"
    )
    domains: list[Text] = Field(min_length=1, title="应用领域", description="如“新闻资讯”“智能对话”。")
    scenarios: Markdown = Field(title="使用场景", description="算法在哪些场景下被调用。")
    summary: Markdown = Field(title="算法简介", description="一段话说明算法是什么、做什么。")
    flow: Markdown = Field(title="算法流程", description="各环节及其性质（规则、模型、人工干预、合规检查）。")
    disclosure: Disclosure = Field(title="拟公示内容", description="将在备案公示页公开的内容。")
    data: AlgorithmData = Field(title="算法数据", description="数据来源、类型、格式和敏感数据。")
    models: list[AlgorithmModel] = Field(min_length=1, title="算法模型", description="算法使用的每个模型。")
    intervention: Intervention = Field(title="干预策略", description="输入与输出审核。")
    risks: list[Risk] = Field(min_length=1, title="风险与防范", description="风险研判与防控措施。")
    products: list[Text] = Field(
        default_factory=list, title="服务的产品", description="`products` 中的产品名称。"
    )
    launch_date: date | None = Field(None, title="算法上线时间", description="留空时取所服务产品的最早上线日期。")
    labelling: Labelling | None = Field(
        None, title="结果标识", description="生成合成类必填：显式、隐式标识与截图。"
    )
    user_rights_screenshots: list[AttachmentRef] = Field(
        default_factory=list, title="用户权益保护截图", description="知情、选择、关闭推荐等界面的截图附件编号。"
    )
    content_governance_screenshots: list[AttachmentRef] = Field(
        default_factory=list, title="内容生态治理截图", description="举报、审核等界面的截图附件编号。"
    )
    technical_service: TechnicalService | None = Field(
        None, title="技术服务方式", description="技术支持者填写。"
    )
    deployment: Text | None = Field(None, title="软硬件设施及部署位置", description="如“自建机房（北京）”。")
    filing_number: AlgorithmFilingNumber | None = Field(
        None, title="已有备案编号", description="已备案算法办理变更时填写。"
    )

    @model_validator(mode="after")
    def _role_fits_category(self) -> Algorithm:
        if self.role == "technical_supporter" and self.category != "generation_synthesis":
            raise ValueError("只有生成合成类算法可以以技术支持者身份备案（深度合成规定第十九条）")
        if self.role == "technical_supporter" and self.technical_service is None:
            raise ValueError("技术支持者须填写 technical_service（技术服务方式）")
        if self.category == "generation_synthesis" and self.labelling is None:
            raise ValueError("生成合成类算法须填写 labelling（结果标识，深度合成规定第十六、十七条）")
        return self
