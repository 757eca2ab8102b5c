"""Generative-AI services (大模型备案 / 大模型登记, domain.md §4)."""

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

Mode = Literal["self_developed", "fine_tuned", "api_call"]
MainFunction = Literal["人机对话", "文字生成", "图片生成", "声音合成", "视频合成", "代码生成或优化"]
MODE_TITLES: dict[str, str] = {
    "self_developed": "自研模型",
    "fine_tuned": "基于已有模型微调",
    "api_call": "调用已备案模型",
}


class BaseModelInfo(Model):
    """The filed model a service builds on or calls."""

    name: Text = Field(title="基座模型名称", description="已备案大模型的名称。")
    provider: Text = Field(title="备案主体", description="基座模型的备案单位。")
    filing_number: GenaiFilingNumber = Field(
        title="大模型备案号", description="基座模型的备案号（不是 S 开头的登记编号）。"
    )
    algorithm_filing_number: AlgorithmFilingNumber | None = Field(
        None, title="算法备案编号", description="基座模型提供方的网信算备编号。"
    )
    call_method: Literal["API", "私有化部署", "SDK", "其他"] = Field(
        "API", title="调用方式", description="API、私有化部署、SDK 或其他。"
    )
    evidence: list[AttachmentRef] = Field(
        default_factory=list, title="调用证明", description="调用协议、合同、控制台截图、公示截图的附件编号。"
    )


class ModelInfo(Model):
    """模型研制: the service's own model."""

    name: Text = Field(title="模型名称", description="模型名称。")
    version: Text | None = Field(None, title="版本", description="如 v2.1。")
    parameters: Text | None = Field(None, title="参数规模", description="如“70B”。")
    architecture: Text | None = Field(None, title="模型架构", description="如“Decoder-only Transformer，MoE”。")
    framework: Text | None = Field(None, title="训练框架", description="如 PyTorch、Megatron-LM。")


class Compute(Model):
    """Training or inference compute."""

    description: Markdown = Field(title="算力说明", description="服务器与加速卡型号、数量。")
    source: Literal["自建", "第三方云", "混合"] = Field(title="算力来源", description="自建、第三方云或混合。")
    location: Text | None = Field(None, title="所在地", description="机房或云区域所在地。")
    concurrency: Text | None = Field(None, title="并发能力", description="推理服务的并发能力。")


class CorpusSource(Model):
    """A training-corpus source with its proof of legality (TC260-003 §5.1)."""

    name: Text = Field(title="语料名称", description="数据集或来源名称。")
    type: Literal["开源", "自采", "商业", "用户输入"] = Field(title="来源类型", description="开源、自采、商业或用户输入。")
    scale: Text = Field(title="规模", description="存储规模或条数，如“1.2 TB / 3 亿条”。")
    foreign_share: float | None = Field(
        None, ge=0, le=1, title="境外语料占比", description="0 到 1 之间的小数。"
    )
    license: Text | None = Field(None, title="许可或授权", description="开源许可证名称或合同编号。")
    proof: list[AttachmentRef] = Field(
        default_factory=list, title="合法性证明", description="许可证、采购合同、采集记录、授权记录的附件编号。"
    )


class Annotation(Model):
    """标注 (TC260-003 §5.3)."""

    applicable: bool = Field(title="涉及标注", description="不涉及时在 reason 中说明理由。")
    volume: Text | None = Field(None, title="标注数量", description="如“功能性 50 万条、安全性 12 万条”。")
    annotators: Text | None = Field(None, title="标注人员", description="自有或外包，人数，培训考核。")
    reason: Text | None = Field(None, title="不涉及理由", description="不涉及标注时填写。")


class Evaluation(Model):
    """Summary figures of the safety evaluation, when no result spreadsheet is given."""

    generated_total: int | None = Field(None, ge=0, title="生成内容抽检数", description="抽检题数。")
    generated_passed: int | None = Field(None, ge=0, title="生成内容合格数", description="合格题数。")
    refusal_total: int | None = Field(None, ge=0, title="应拒答抽检数", description="抽检题数。")
    refusal_refused: int | None = Field(None, ge=0, title="应拒答拒答数", description="拒答题数。")
    non_refusal_total: int | None = Field(None, ge=0, title="非拒答抽检数", description="抽检题数。")
    non_refusal_refused: int | None = Field(None, ge=0, title="非拒答误拒数", description="被拒答题数。")
    corpus_manual_total: int | None = Field(None, ge=0, title="语料人工抽检数", description="人工抽检条数。")
    corpus_manual_passed: int | None = Field(None, ge=0, title="语料人工抽检合格数", description="合格条数。")


class SafetyKit(Model):
    """安全配套: keyword library, test banks, evaluation results (TC260-003 §8–9)."""

    keyword_library: AttachmentRef | None = Field(
        None, title="拦截关键词列表", description="Excel/CSV 附件编号；列为 关键词、一级分类、二级分类。"
    )
    test_bank: AttachmentRef | None = Field(
        None,
        title="评估测试题集",
        description="Excel 附件编号；工作表 生成内容测试题库、应拒答测试题库、非拒答测试题库。",
    )
    evaluation: Evaluation | None = Field(
        None, title="评估结果汇总", description="测试题集没有 模型回答/研判结果 列时填写。"
    )
    classifier: Markdown | None = Field(None, title="分类模型", description="内容安全分类模型的说明。")
    keyword_update: Text | None = Field(None, title="关键词库更新频率", description="如“每周更新”。")


class TestAccount(Model):
    """A test account for reviewers (passwords are handed over separately, never in the profile)."""

    account: Text = Field(title="账号", description="登录名。")
    strategy: Literal["附加安全策略", "空白账号"] = Field(
        title="账号类型", description="附加安全策略，或未附加策略的空白账号。"
    )
    note: Text | None = Field(None, title="说明", description="用途或限制。")


class GenaiService(Model):
    """A generative-AI service to be filed (备案) or registered (登记)."""

    name: Text = Field(title="服务名称", description="上线备案表中的模型/服务名称。")
    mode: Mode = Field(
        title="模型来源", description="self_developed 自研；fine_tuned 微调；api_call 仅调用已备案模型。"
    )
    functions: list[MainFunction] = Field(
        min_length=1, title="主要功能", description="人机对话、文字生成、图片生成、声音合成、视频合成、代码生成或优化。"
    )
    domains: list[Text] = Field(
        default_factory=list, title="限定领域", description="留空表示未限定领域；如“金融”“医疗”“教育”。"
    )
    public: bool = Field(True, title="面向境内公众", description="仅内部使用的不适用暂行办法。")
    opinion_attribute: bool = Field(
        title="具有舆论属性或社会动员能力", description="决定是否需要备案或登记。"
    )
    fine_tunes: bool = Field(
        False, title="进行微调或训练", description="调用模式下若做了微调、训练或优化，需改走备案。"
    )
    own_corpus: bool = Field(
        False, title="加入大量自有语料", description="调用模式下若加入大量自有语料，可能被认定为新模型。"
    )
    summary: Markdown = Field(title="服务简介", description="服务做什么，面向谁。")
    products: list[Text] = Field(default_factory=list, title="承载产品", description="`products` 中的产品名称。")
    algorithm: Text | None = Field(
        None, title="对应算法", description="`algorithms` 中对应的生成合成类算法名称。"
    )
    launch_date: date | None = Field(None, title="上线日期", description="计划或实际上线日期。")
    model: ModelInfo | None = Field(None, title="模型信息", description="自研或微调时填写。")
    base_model: BaseModelInfo | None = Field(
        None, title="基座模型", description="微调或调用模式必填：已备案模型的名称、备案主体和备案号。"
    )
    training_compute: Compute | None = Field(None, title="训练算力", description="自研或微调时填写。")
    inference_compute: Compute | None = Field(None, title="推理算力", description="推理服务算力。")
    corpus: list[CorpusSource] = Field(
        default_factory=list, title="训练语料", description="每个语料来源及其合法性证明。"
    )
    annotation: Annotation | None = Field(None, title="语料标注", description="标注情况。")
    safety_kit: SafetyKit = Field(
        default_factory=SafetyKit, title="安全配套", description="关键词库、测试题集与评估结果。"
    )
    test_accounts: list[TestAccount] = Field(
        default_factory=list, title="测试账号", description="供审核部门使用的测试账号。"
    )
    monitors: int | None = Field(None, ge=0, title="监看人员数", description="与服务规模相适应的监看人员。")
    complaint_channel: Text | None = Field(None, title="投诉举报渠道", description="入口位置与处理时限。")
    minors_measures: Markdown | None = Field(None, title="未成年人保护", description="防沉迷或限制未成年人使用的措施。")
    training_opt_out: Markdown | None = Field(
        None, title="训练退出机制", description="用户关闭输入用于训练的方式（TC260-003 第 7 章）。"
    )

    @model_validator(mode="after")
    def _base_model_when_needed(self) -> GenaiService:
        if self.mode in ("api_call", "fine_tuned") and self.base_model is None:
            raise ValueError(f"模型来源为 {self.mode}（{MODE_TITLES[self.mode]}）时须填写 base_model（基座模型）")
        if self.mode in ("self_developed", "fine_tuned") and self.model is None:
            raise ValueError(f"模型来源为 {self.mode}（{MODE_TITLES[self.mode]}）时须填写 model（模型信息）")
        return self
