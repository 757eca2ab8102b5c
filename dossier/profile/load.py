"""Load a profile: YAML → pydantic `Profile`, with every problem reported at once as file:line:col."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from dossier import clock
from dossier import identifiers as ids
from dossier.errors import Diagnostic, ProfileError
from dossier.profile.model import Profile

Loc = tuple[str | int, ...]
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONSTRUCTOR = yaml.SafeLoader("")

_MESSAGES = {
    "missing": "缺少必填字段",
    "extra_forbidden": "未知字段（拼写错误？可用字段见 dossier schema）",
    "string_type": "应为文本",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "date_type": "应为日期，格式 YYYY-MM-DD",
    "date_parsing": "应为日期，格式 YYYY-MM-DD",
    "date_from_datetime_parsing": "应为日期，格式 YYYY-MM-DD",
    "date_from_datetime_inexact": "应为日期（不含时间），格式 YYYY-MM-DD",
    "list_type": "应为列表（每项以 - 开头）",
    "dict_type": "应为映射（键: 值）",
    "model_type": "应为映射（键: 值）",
    "model_attributes_type": "应为映射（键: 值）",
    "string_pattern_mismatch": "格式不对，只能使用字母、数字、下划线和连字符",
}


@dataclass
class Loaded:
    """A validated profile together with where it came from and its non-fatal warnings."""

    profile: Profile
    path: Path
    warnings: list[Diagnostic] = field(default_factory=list)
    marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    @property
    def base_dir(self) -> Path:
        """The folder attachment paths are relative to."""
        return self.path.parent

    def locate(self, loc: Loc) -> tuple[int | None, int | None]:
        """Line and column of the deepest known YAML node on `loc`."""
        return _locate(self.marks, loc)


def load_profile(path: Path, *, require_attachments: bool = False) -> Loaded:
    """Read, parse and validate `path`; raise `ProfileError` listing every problem at once.

    With `require_attachments`, an attachment path that does not exist is an error (the
    `validate` command); otherwise it is a warning and the completeness report lists it as missing.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProfileError("找不到档案文件", file=path, hint="检查路径，或用 dossier init 生成一份") from None
    except IsADirectoryError:
        raise ProfileError("这是一个文件夹，不是档案文件", file=path) from None
    except UnicodeDecodeError as exc:
        raise ProfileError(f"文件不是 UTF-8 编码（第 {exc.start} 字节）", file=path, hint="用 UTF-8 另存") from None
    except OSError as exc:
        raise ProfileError(f"无法读取档案文件：{exc.strerror}", file=path) from None
    data, marks = parse_yaml(text, path)
    if data is None:
        raise ProfileError("档案文件是空的", file=path, hint="用 dossier init 生成一份起步档案")
    if not isinstance(data, dict):
        raise ProfileError("档案的顶层应为映射（company:、products: …）", file=path, line=1)
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        diags = [_diagnostic(err, path, marks) for err in exc.errors(include_url=False)]
        raise ProfileError(f"档案有 {len(diags)} 处错误", file=path, diagnostics=diags) from None
    loaded = Loaded(profile, path, marks=marks)
    errors, warnings = _check_files_and_dates(loaded, require_attachments)
    if errors:
        raise ProfileError(f"档案有 {len(errors)} 处错误", file=path, diagnostics=errors)
    loaded.warnings = warnings
    return loaded


def parse_yaml(text: str, path: Path) -> tuple[Any, dict[Loc, tuple[int, int]]]:
    """Parse YAML into plain data plus a map from each node's path to its (line, column)."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise ProfileError(f"YAML 语法错误：{exc.problem or exc.context}", file=path, line=line,
                           hint="检查缩进（只用空格）、冒号后的空格和引号是否成对") from None
    except yaml.YAMLError as exc:
        raise ProfileError(f"YAML 无法解析：{exc}", file=path) from None
    if root is None:
        return None, {}
    marks: dict[Loc, tuple[int, int]] = {}
    dupes: list[Diagnostic] = []
    data = _construct(root, (), marks, dupes, path)
    if dupes:
        raise ProfileError(f"档案有 {len(dupes)} 处重复的键", file=path, diagnostics=dupes)
    return data, marks


def _construct(node: Any, loc: Loc, marks: dict[Loc, tuple[int, int]],
               dupes: list[Diagnostic], path: Path) -> Any:
    marks[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            if key in out:
                dupes.append(Diagnostic(f"键 {key} 重复出现", file=path,
                                        line=key_node.start_mark.line + 1,
                                        column=key_node.start_mark.column + 1,
                                        field=_dotted((*loc, key))))
            child = (*loc, key)
            out[key] = _construct(value_node, child, marks, dupes, path)
            marks[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, (*loc, i), marks, dupes, path) for i, item in enumerate(node.value)]
    # Scalars: PyYAML's resolver already tagged them (dates, ints, bools, null); construct by tag.
    if node.tag == "tag:yaml.org,2002:str":
        return node.value
    return _CONSTRUCTOR.construct_object(node, deep=True)


def _locate(marks: dict[Loc, tuple[int, int]], loc: Loc) -> tuple[int | None, int | None]:
    for end in range(len(loc), -1, -1):
        if loc[:end] in marks:
            return marks[loc[:end]]
    return None, None


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def field_title(loc: Loc) -> str | None:
    """The Chinese title of the field at `loc`, walking the pydantic models."""
    model: Any = Profile
    title: str | None = None
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        if isinstance(model, type) and issubclass(model, BaseModel):
            info = model.model_fields.get(str(part))
            if info is None:
                return title
            title = info.title
            model = _inner_model(info.annotation)
        else:
            model = None
    return title


def _inner_model(annotation: Any) -> Any:
    stack = [annotation]
    while stack:
        item = stack.pop()
        if isinstance(item, type) and issubclass(item, BaseModel):
            return item
        stack.extend(getattr(item, "__args__", ()))
    return None


def _diagnostic(err: Any, path: Path, marks: dict[Loc, tuple[int, int]]) -> Diagnostic:
    loc: Loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith(("function-", "lax-"))))
    kind = err["type"]
    if kind == "value_error":
        message = str(err["msg"]).removeprefix("Value error, ")
    elif kind == "literal_error":
        expected = str(err["ctx"]["expected"]).replace("' or '", "', '").replace("', '", "'、'")
        message = f"应为 {expected} 之一"
    elif kind == "too_short":
        message = f"至少需要 {err['ctx']['min_length']} 项"
    elif kind == "string_too_short":
        message = "不能为空"
    elif kind == "string_too_long":
        message = f"不能超过 {err['ctx']['max_length']} 字，实为 {len(err['input'])} 字"
    elif kind in ("greater_than_equal", "greater_than"):
        message = f"应不小于 {err['ctx'].get('ge', err['ctx'].get('gt'))}"
    elif kind in ("less_than_equal", "less_than"):
        message = f"应不大于 {err['ctx'].get('le', err['ctx'].get('lt'))}"
    else:
        message = _MESSAGES.get(kind, str(err["msg"]))
    # A value that fails a union (e.g. date | 长期) reports per branch; name the field once.
    if loc and loc[-1] in ("date", "literal['长期']", "str"):
        loc = loc[:-1]
        message = "应为日期（YYYY-MM-DD）或“长期”" if kind in ("date_from_datetime_parsing", "literal_error", "date_parsing", "date_type") else message
    line, col = _locate(marks, loc)
    title = None if kind == "extra_forbidden" else field_title(loc)
    return Diagnostic(message, file=path, line=line, column=col,
                      field=_dotted(loc) or "（顶层）", title=title)


def _check_files_and_dates(loaded: Loaded, require: bool) -> tuple[list[Diagnostic], list[Diagnostic]]:
    errors: list[Diagnostic] = []
    warnings: list[Diagnostic] = []
    profile, base = loaded.profile, loaded.base_dir.resolve()

    def diag(loc: Loc, message: str, *, warn: bool) -> None:
        line, col = loaded.locate(loc)
        d = Diagnostic(message, file=loaded.path, line=line, column=col, field=_dotted(loc),
                       title=field_title(loc), severity="warning" if warn else "error")
        (warnings if warn else errors).append(d)

    for key, att in profile.attachments.items():
        if att.path is None:
            continue
        loc: Loc = ("attachments", key)
        target = base / att.path
        resolved = Path(os.path.realpath(target))
        if not resolved.is_relative_to(base):
            diag(loc, f"附件路径 {att.path} 指向档案文件夹之外（符号链接？），不予读取", warn=False)
        elif not target.exists():
            diag(loc, f"找不到附件文件 {att.path}" + ("" if require else "，完整性报告将列为缺失"),
                 warn=not require)
        elif target.is_dir():
            diag(loc, f"附件路径 {att.path} 是文件夹，应为文件", warn=False)
    warn_uscc = ids.uscc_warning(profile.company.uscc)
    if warn_uscc:
        diag(("company", "uscc"), warn_uscc, warn=True)
    today = clock.today()
    for i, product in enumerate(profile.products):
        # A planned launch (未上线) is normal; a product marked live with a future date is a typo.
        if product.status == "已上线" and product.launch_date and product.launch_date > today:
            diag(("products", i, "launch_date"),
                 f"服务状态为已上线，但上线日期 {product.launch_date} 晚于今天；请核对日期或把 status 改为 未上线",
                 warn=True)
    return errors, warnings
