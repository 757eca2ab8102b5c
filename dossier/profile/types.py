"""Reusable field types, declared once (style.md §7): identifiers, dates, text, attachment references."""

from __future__ import annotations

from datetime import date
from pathlib import PurePosixPath, PureWindowsPath
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from dossier import identifiers as ids


class Model(BaseModel):
    """Base of every profile model: unknown keys are errors, strings are stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


def _check(fn: Any) -> Any:
    def validate(value: str) -> str:
        problem = fn(value)
        if problem:
            raise ValueError(problem)
        return value

    return validate


def _regex(pattern: Any, what: str, example: str) -> Any:
    def validate(value: str) -> str:
        if not pattern.match(value):
            raise ValueError(f"不是有效的{what}（示例：{example}）")
        return value

    return validate


def _upper(value: Any) -> Any:
    return value.strip().upper() if isinstance(value, str) else value


def _as_str(value: Any) -> Any:
    # YAML reads 13812345678 or 110108 as int; identifiers are text.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Text = Annotated[str, Field(min_length=1)]
"""A non-empty line of text."""

Markdown = Annotated[str, Field(min_length=1)]
"""Free text; paragraphs, lists and **bold** in Markdown become real Word formatting."""

Uscc = Annotated[str, BeforeValidator(_upper), AfterValidator(_check(ids.uscc_error))]
ResidentId = Annotated[str, BeforeValidator(_as_str), BeforeValidator(_upper)]
Mobile = Annotated[
    str,
    BeforeValidator(_as_str),
    AfterValidator(_regex(ids.MOBILE_RE, "手机号码", "13812345678")),
]
Email = Annotated[str, AfterValidator(_regex(ids.EMAIL_RE, "电子邮箱", "name@example.com"))]
RegionCode = Annotated[
    str,
    BeforeValidator(_as_str),
    AfterValidator(_regex(ids.REGION_CODE_RE, "6 位行政区划代码", "110108")),
]
IcpFilingNumber = Annotated[
    str, AfterValidator(_regex(ids.ICP_FILING_RE, "ICP 备案号", "京ICP备2023031661号-3A"))
]
TelecomLicense = Annotated[
    str, AfterValidator(_regex(ids.TELECOM_LICENSE_RE, "增值电信业务经营许可证编号", "浙B2-20080101"))
]
AlgorithmFilingNumber = Annotated[
    str,
    AfterValidator(
        _regex(ids.ALGORITHM_FILING_RE, "算法备案编号", "网信算备110108823483901230031号")
    ),
]
GenaiFilingNumber = Annotated[
    str,
    AfterValidator(
        _regex(ids.GENAI_FILING_RE, "大模型备案号", "Beijing-DeepseekChat-202404280016")
    ),
]
GenaiRegistrationNumber = Annotated[
    str,
    AfterValidator(
        _regex(ids.GENAI_REGISTRATION_RE, "大模型登记上线编号", "Guangdong-Plaud-20251229S0027")
    ),
]
def _url(value: str) -> str:
    if not value.startswith(("http://", "https://")) or len(value) < 11:
        raise ValueError("网址应以 http:// 或 https:// 开头，例如 https://www.example.com")
    return value


Url = Annotated[str, AfterValidator(_url)]
AttachmentRef = Annotated[
    str,
    Field(pattern=r"^[A-Za-z0-9_\-]+$", description="`attachments` 中某一附件的编号"),
]
"""The id of an entry in the profile's `attachments` map."""


def _relative_path(value: str) -> str:
    if not value:
        raise ValueError("路径不能为空")
    if PurePosixPath(value).is_absolute() or PureWindowsPath(value).is_absolute():
        raise ValueError("附件路径须相对于档案文件所在文件夹，不能是绝对路径")
    if ".." in PurePosixPath(value.replace("\\", "/")).parts:
        raise ValueError("附件路径不能包含 ..，不能指向档案文件夹之外")
    return value


RelativePath = Annotated[str, AfterValidator(_relative_path)]

ValidUntil = date | Literal["长期"]
"""A validity end date, or 长期 for documents without an end."""
