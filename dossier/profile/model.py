"""The root of the profile: one YAML file describing the company, its products, algorithms and services."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from pydantic import Field, field_validator, model_validator

from dossier.profile.algorithm import Algorithm
from dossier.profile.entity import Company
from dossier.profile.genai import GenaiService
from dossier.profile.product import Product
from dossier.profile.types import Model, RelativePath, Text, ValidUntil


class Attachment(Model):
    """A file attached to the dossier; `path: null` declares it missing on purpose (待补充)."""

    path: RelativePath | None = Field(
        title="文件路径", description="相对于档案文件所在文件夹；为空表示尚未提供（待补充）。"
    )
    valid_until: ValidUntil | None = Field(
        None, title="有效期至", description="证照类附件的有效期，用于检查是否过期。"
    )
    note: Text | None = Field(None, title="备注", description="给法务同事的说明。")


class Profile(Model):
    """档案：一家企业及其产品、算法和生成式人工智能服务。"""

    rules: Text | None = Field(
        None, title="规则版本", description="规则库版本，如 tc260-003-2024 或 gbt-45654-2025；留空取现行版本。"
    )
    company: Company = Field(title="主体信息", description="备案主体。")
    products: list[Product] = Field(default_factory=list, title="产品", description="使用算法的产品。")
    algorithms: list[Algorithm] = Field(default_factory=list, title="算法", description="需要备案的算法。")
    genai_services: list[GenaiService] = Field(
        default_factory=list, title="生成式人工智能服务", description="需要大模型备案或登记的服务。"
    )
    attachments: dict[str, Attachment] = Field(
        default_factory=dict,
        title="附件",
        description="附件编号 → 路径（相对于档案文件夹）；写 null 表示尚未提供。",
    )

    @field_validator("attachments", mode="before")
    @classmethod
    def _short_attachment_form(cls, value: Any) -> Any:
        # `id: path` and `id: null` are the everyday forms; `id: {path: …, valid_until: …}` the long one.
        if not isinstance(value, dict):
            return value
        return {
            key: {"path": item} if item is None or isinstance(item, str) else item
            for key, item in value.items()
        }

    @model_validator(mode="after")
    def _references_resolve(self) -> Profile:
        problems: list[str] = []
        for what, names in (
            ("产品名称", [p.name for p in self.products]),
            ("算法名称", [a.name for a in self.algorithms]),
            ("服务名称", [s.name for s in self.genai_services]),
        ):
            dupes = [n for n, c in Counter(names).items() if c > 1]
            if dupes:
                problems.append(f"{what}重复：{'、'.join(dupes)}")
        products = {p.name for p in self.products}
        algorithms = {a.name: a for a in self.algorithms}
        for alg in self.algorithms:
            for name in alg.products:
                if name not in products:
                    problems.append(f"算法「{alg.name}」引用的产品「{name}」不在 products 中")
            if alg.role == "service_provider" and not alg.products:
                problems.append(f"算法「{alg.name}」是服务提供者，须在 products 中列出它服务的产品")
        for svc in self.genai_services:
            for name in svc.products:
                if name not in products:
                    problems.append(f"服务「{svc.name}」引用的产品「{name}」不在 products 中")
            if svc.algorithm is not None:
                alg_ref = algorithms.get(svc.algorithm)
                if alg_ref is None:
                    problems.append(f"服务「{svc.name}」引用的算法「{svc.algorithm}」不在 algorithms 中")
                elif alg_ref.category != "generation_synthesis":
                    problems.append(f"服务「{svc.name}」对应的算法「{svc.algorithm}」应为生成合成类")
        for where, ref in self.attachment_refs():
            if ref not in self.attachments:
                problems.append(f"{where} 引用的附件「{ref}」不在 attachments 中")
        if problems:
            raise ValueError("；".join(problems))
        return self

    def attachment_refs(self) -> Iterator[tuple[str, str]]:
        """Every attachment id the profile refers to, with a readable place."""
        for i, alg in enumerate(self.algorithms):
            place = f"algorithms[{i}]（{alg.name}）"
            if alg.labelling:
                for ref in alg.labelling.screenshots:
                    yield place, ref
            for ref in (*alg.user_rights_screenshots, *alg.content_governance_screenshots):
                yield place, ref
            for model in alg.models:
                if model.third_party:
                    for ref in model.third_party.evidence:
                        yield place, ref
        for i, svc in enumerate(self.genai_services):
            place = f"genai_services[{i}]（{svc.name}）"
            if svc.base_model:
                for ref in svc.base_model.evidence:
                    yield place, ref
            for source in svc.corpus:
                for ref in source.proof:
                    yield place, ref
            kit = svc.safety_kit
            for maybe in (kit.keyword_library, kit.test_bank):
                if maybe:
                    yield place, maybe

    def product(self, name: str) -> Product:
        """The product called `name` (validation guarantees it exists)."""
        return next(p for p in self.products if p.name == name)
