"""The filing entity (主体): company data, responsible people, security team and management systems."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from dossier import identifiers as ids
from dossier.profile.types import (
    Email,
    IcpFilingNumber,
    Markdown,
    Mobile,
    Model,
    RegionCode,
    ResidentId,
    TelecomLicense,
    Text,
    Url,
    Uscc,
    ValidUntil,
)

IdType = Literal[
    "居民身份证",
    "港澳居民来往内地通行证",
    "台湾居民来往大陆通行证",
    "护照",
    "外国人永久居留身份证",
]

SystemId = Literal[
    "self_assessment",
    "monitoring",
    "emergency_response",
    "violation_handling",
    "mechanism_review",
    "ethics_review",
    "user_registration",
    "content_review",
    "data_security",
    "anti_fraud",
    "security_assessment",
    "rumor_refutation",
    "complaints",
    "content_labelling",
    "user_tags",
    "special_groups",
    "log_retention",
]


class Person(Model):
    """A natural person named in the forms: legal representative, officers, contact."""

    name: Text = Field(title="姓名", description="与身份证件一致的姓名。")
    id_type: IdType = Field(
        "居民身份证",
        title="证件类型",
        description="居民身份证时校验号码的校验位和出生日期；其他证件只做非空检查。",
    )
    id_number: ResidentId = Field(title="证件号码", description="证件号码；终端输出和报告中会打码。")
    id_valid_until: ValidUntil | None = Field(
        None, title="证件有效期至", description="用于检查证件是否过期；长期有效写“长期”。"
    )
    mobile: Mobile = Field(title="手机号码", description="11 位中国大陆手机号码。")
    email: Email = Field(title="电子邮箱", description="工作邮箱。")
    position: Text = Field(title="职务", description="在本单位的职务，如“首席技术官”。")

    @model_validator(mode="after")
    def _id_checksum(self) -> Person:
        if self.id_type == "居民身份证":
            problem = ids.ric_error(self.id_number)
            if problem:
                raise ValueError(f"证件号码（居民身份证）{problem}")
        return self


class Region(Model):
    """Where the entity is registered; decides the 属地 CAC office."""

    province: Text = Field(title="省（自治区、直辖市）", description="如“北京市”“广东省”。")
    city: str | None = Field(None, title="市/区", description="如“海淀区”“广州市天河区”。")
    code: RegionCode = Field(title="行政区划代码", description="GB/T 2260 的 6 位代码，如 110108。")


class IcpFiling(Model):
    """One ICP 备案 (website, App or mini-program)."""

    number: IcpFilingNumber = Field(
        title="ICP 备案号", description="如 京ICP备2023031661号-3A（App 以 A 结尾，小程序以 X 结尾）。"
    )
    entity: Text = Field(
        title="备案主体名称", description="ICP 备案的主办单位；应与算法备案主体一致。"
    )
    covers: list[Text] = Field(
        default_factory=list, title="对应产品", description="此备案号覆盖的产品名称。"
    )


class TechMeasure(Model):
    """A row of the 算法安全技术保障措施 table."""

    measure: Text = Field(title="措施", description="如“内容安全审核接口”“日志留存”。")
    method: Markdown = Field(title="具体方式", description="怎样落实，规模、频率和工具。")


class SecurityTeam(Model):
    """算法安全专职机构 (domain.md §3.2 一)."""

    name: Text = Field(title="机构名称", description="如“算法安全管理委员会”。")
    established: str | None = Field(None, title="设立时间", description="如“2024年3月”。")
    structure: Markdown = Field(
        title="机构设置", description="组成与分工：领导小组、管理、研发、监测等，组长一般为算法安全负责人。"
    )
    duties: Markdown = Field(title="负责人职责", description="算法安全负责人的职责。")
    requirements: Markdown = Field(
        title="工作人员任职要求", description="学历、专业、经验、培训与考核要求。"
    )
    staff_now: int = Field(ge=0, title="现有专职人员数", description="当前专职人数。")
    staff_planned: int | None = Field(
        None, ge=0, title="计划配备人数", description="随服务规模计划配备的人数。"
    )
    monitors: int | None = Field(
        None, ge=0, title="监看人员数", description="内容监看人员数（TC260-003 第 7 章要求与服务规模相适应）。"
    )
    tech_measures: list[TechMeasure] = Field(
        default_factory=list,
        title="技术保障措施",
        description="措施与具体方式，如内容安全接口、人工审核、日志留存不少于六个月、数据备份。",
    )


class SystemInfo(Model):
    """One management system (制度) the entity has in place."""

    name: Text | None = Field(None, title="制度名称", description="留空时使用规则库中的标准名称。")
    adopted: str | None = Field(None, title="发布时间", description="如“2024年5月”。")
    summary: Markdown = Field(title="主要内容", description="制度要点，可用 Markdown 列表。")
    measures: list[Text] = Field(
        default_factory=list, title="技术保障措施", description="落实该制度的技术手段。"
    )
    owner: Text | None = Field(None, title="责任部门", description="牵头执行的部门或岗位。")


class EmergencyScenario(Model):
    """A row of the 应急处置 table: scenario → steps → responsible person."""

    scenario: Text = Field(title="事件情形", description="如“大规模违法信息传播”。")
    steps: Markdown = Field(title="处置步骤", description="发现、研判、处置、上报、复盘。")
    owner: Text = Field(title="责任人", description="岗位或姓名，须 24 小时可联系。")


class ViolationRule(Model):
    """A row of the 违法违规处置 table."""

    type: Literal["数据使用", "信息安全", "用户权益保护", "算法安全", "其他"] = Field(
        title="违规类型", description="数据使用、信息安全、用户权益保护、算法安全或其他。"
    )
    situation: Text = Field(title="违规情形", description="具体情形。")
    handling: Markdown = Field(title="处置措施", description="对内对外的处置办法。")


class Company(Model):
    """主体信息 (domain.md §2.4 A) plus what the entity documents need."""

    name: Text = Field(title="主体名称", description="与营业执照一致的单位全称。")
    uscc: Uscc = Field(title="统一社会信用代码", description="18 位，按 GB 32100 校验。")
    entity_type: Literal["企业", "事业单位", "社会团体", "民办非企业单位", "个体工商户", "其他"] = (
        Field("企业", title="主体类型", description="营业执照上的主体类型。")
    )
    region: Region = Field(title="注册地（属地）", description="决定受理的属地网信办。")
    registered_address: Text = Field(title="证件地址（住所）", description="营业执照上的住所。")
    address: Text = Field(title="详细地址（办公地址）", description="实际办公地址。")
    website: Url | None = Field(None, title="网址", description="单位官网。")
    mau: int = Field(ge=0, title="月活跃用户量", description="主体全部服务的月活跃用户量。")
    established: str | None = Field(None, title="成立日期", description="营业执照上的成立日期。")
    license_valid_until: ValidUntil = Field(
        title="营业执照有效期至", description="营业期限的截止日期；无固定期限写“长期”。"
    )
    business_scope: str | None = Field(None, title="经营范围", description="营业执照上的经营范围摘要。")
    legal_representative: Person = Field(title="法定代表人", description="签署承诺书与备案表。")
    algorithm_security_officer: Person = Field(
        title="算法安全负责人", description="算法安全专职机构负责人，签署自评估报告。"
    )
    security_assessment_officer: Person | None = Field(
        None, title="安全评估负责人", description="大模型备案的安全评估总负责人，签署上线备案表和安全评估报告。"
    )
    legality_assessment_officer: Person | None = Field(
        None, title="合法性评估负责人", description="大模型安全评估中合法性评估部分的负责人（TC260-003 第 9.1 条）。"
    )
    contact: Person = Field(title="联系人", description="备案工作的日常联系人。")
    icp_filings: list[IcpFiling] = Field(
        default_factory=list, title="ICP 备案", description="网站、App、小程序的 ICP 备案信息。"
    )
    telecom_license: TelecomLicense | None = Field(
        None, title="增值电信业务经营许可证", description="持有时填写，如 浙B2-20080101。"
    )
    security_team: SecurityTeam = Field(
        title="算法安全专职机构", description="《落实算法安全主体责任基本情况》第一部分的内容来源。"
    )
    systems: dict[SystemId, SystemInfo] = Field(
        default_factory=dict,
        title="管理制度",
        description="已建立的制度，键为制度编号（self_assessment、monitoring、emergency_response 等）。",
    )
    emergency_scenarios: list[EmergencyScenario] = Field(
        default_factory=list, title="应急处置预案", description="事件情形、处置步骤、责任人。"
    )
    violation_rules: list[ViolationRule] = Field(
        default_factory=list, title="违法违规处置规则", description="违规类型、情形、处置措施。"
    )
