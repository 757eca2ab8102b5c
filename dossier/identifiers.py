"""Chinese identifiers: checksums and shapes (domain.md §6), as plain functions returning an error or None.

Written here rather than taken from python-stdnum because stdnum rejects letters in USCC
positions 1–2 (valid 'Y…'/'N…' codes) and knows none of the ICP, 网信算备 or GenAI number shapes.
"""

from __future__ import annotations

import re
from datetime import date

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
_USCC_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
# GB 32100 code table, first two characters (登记管理部门 + 机构类别); later additions vary.
KNOWN_USCC_PREFIXES = frozenset(
    "11 12 13 19 51 52 53 59 91 92 93 Y1".split()
)

_RIC_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_RIC_CHECK = "10X98765432"

_PROVINCE_ABBR = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝蜀川黔贵滇云藏陕陇甘青宁新"
ICP_FILING_RE = re.compile(rf"^[{_PROVINCE_ABBR}]ICP备\d{{6,10}}号(-\d+[AX]?)?$")
ICP_FILING_NO_HAO_RE = re.compile(rf"^[{_PROVINCE_ABBR}]ICP备\d{{6,10}}(-\d+[AX]?)?$")
TELECOM_LICENSE_RE = re.compile(
    rf"^([{_PROVINCE_ABBR}]|[{_PROVINCE_ABBR}]ICP证)?([A-D]\d(\.[A-D]\d)*-\d{{8}}(-\d+)?|\d{{6}})号?$"
)
ALGORITHM_FILING_RE = re.compile(r"^网信算备\d{21}号$")
GENAI_FILING_RE = re.compile(r"^[A-Z][A-Za-z]+-[A-Za-z0-9]+-\d{8}(\d{4})?$")
GENAI_REGISTRATION_RE = re.compile(r"^[A-Z][A-Za-z]+-[A-Za-z0-9]+-\d{8}S\d{4}$")
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+$")
REGION_CODE_RE = re.compile(r"^[1-8]\d{5}$")


def uscc_check_char(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters."""
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def uscc_error(value: str) -> str | None:
    """Why `value` is not a valid 统一社会信用代码, or None."""
    if len(value) != 18:
        return f"应为 18 位，实为 {len(value)} 位"
    bad = sorted({c for c in value if c not in USCC_CHARSET})
    if bad:
        return f"含有不允许的字符 {'、'.join(bad)}（不使用 I、O、Z、S、V，字母须大写）"
    if not _USCC_RE.match(value):
        return "第 3–8 位应为 6 位数字的登记管理机关行政区划码"
    expected = uscc_check_char(value[:17])
    if value[17] != expected:
        return f"校验位应为 {expected}，实为 {value[17]}"
    return None


def uscc_warning(value: str) -> str | None:
    """A non-fatal remark on a valid USCC (unknown authority/category code)."""
    if value[:2] not in KNOWN_USCC_PREFIXES:
        return f"登记管理部门及机构类别代码 {value[:2]} 不在 GB 32100 基本代码表中，请核对"
    return None


def ric_check_char(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    return _RIC_CHECK[sum(int(c) * w for c, w in zip(first17, _RIC_WEIGHTS, strict=True)) % 11]


def ric_error(value: str) -> str | None:
    """Why `value` is not a valid 居民身份证号码, or None."""
    if len(value) != 18:
        return f"应为 18 位，实为 {len(value)} 位"
    if not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        return "前 17 位应为数字，末位为数字或大写 X"
    try:
        date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return f"出生日期 {value[6:14]} 不是有效日期"
    expected = ric_check_char(value[:17])
    if value[17] != expected:
        return f"校验位应为 {expected}，实为 {value[17]}"
    return None


def mask_id(value: str) -> str:
    """Mask an ID-like number for terminal output and reports: 110108********1234."""
    if len(value) <= 8:
        return value[:1] + "*" * (len(value) - 1)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_mobile(value: str) -> str:
    """Mask a mobile number: 138****5678."""
    if len(value) < 8:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]
