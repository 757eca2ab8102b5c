"""Filters and functions templates may use (the lint knows this list)."""

from __future__ import annotations

from datetime import date
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from dossier.clock import zh_date
from dossier.profile.algorithm import CATEGORY_TITLES, ROLE_TITLES
from dossier.profile.genai import MODE_TITLES
from dossier.render import _markdown
from dossier.render._env import Missing, state_of

STYLE_IDS = {"body": "Normal", "table": "TableText"}
MAX_WIDTH_MM, MAX_HEIGHT_MM = 140, 150


def _new_list(ctx: Context) -> Any:
    state = state_of(ctx)

    def new(start: int) -> int:
        num_id = state.next_num_id
        state.next_num_id += 1
        numbering = state.tpl.docx.part.numbering_part.element
        numbering.append(_markdown_num(num_id, start))
        return num_id

    return new


def _markdown_num(num_id: int, start: int) -> Any:
    from docx.oxml import parse_xml

    return parse_xml(
        '<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        f'w:numId="{num_id}"><w:abstractNumId w:val="{_markdown.DECIMAL_ABSTRACT_ID}"/>'
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'
    )


@pass_context
def md(ctx: Context, value: Any, style: str = "body") -> Markup:
    """Markdown text → Word paragraphs (use as `{{p value|md }}` or `{{p value|md('table') }}`)."""
    style_id = STYLE_IDS.get(style, style)
    if isinstance(value, Missing):
        text = state_of(ctx).placeholder(value)
        return Markup(_markdown.paragraph(_markdown.runs(text) if text else "", style_id))
    if isinstance(value, list | tuple):
        value = "\n".join(f"- {item}" for item in value)
    return Markup(_markdown.to_xml(str(value), style_id, _new_list(ctx)))


def _zh_date(value: Any) -> Any:
    return zh_date(value) if isinstance(value, date) else value


def _lookup(table: dict[str, str]) -> Any:
    def title(value: Any) -> Any:
        return value if isinstance(value, Missing) else table.get(str(value), str(value))

    return title


def _checkbox(value: Any) -> str:
    return "☑" if value else "☐"


def _rate(part: Any, total: Any, lower_is_better: bool = False) -> Any:
    """`96.5%（965/1000）`, rounded as the completeness report rounds (never flattering), or Missing."""
    from fractions import Fraction

    from dossier.check.evaluation import pct

    for operand in (part, total):
        if isinstance(operand, Missing):
            return operand
    if not total:
        return "—"
    return f"{pct(Fraction(part, total), down=not lower_is_better)}（{part}/{total}）"


def _cn(value: Any) -> str:
    """1 → 一, 12 → 十二 (headings such as （十二）)."""
    digits = "〇一二三四五六七八九"
    n = int(value)
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def _verdict(part: Any, total: Any, minimum: float | None = None, maximum: float | None = None) -> str:
    """符合 / 不符合 for a measured rate against a threshold; 待评估 when figures are missing."""
    if isinstance(part, Missing) or isinstance(total, Missing) or not total:
        return "待评估"
    value = part / total
    ok = (minimum is None or value >= minimum) and (maximum is None or value <= maximum)
    return "符合" if ok else "不符合"


def _join(values: Any, sep: str = "、") -> Any:
    if isinstance(values, Missing):
        return values
    return sep.join(str(v) for v in values)


@pass_context
def image(ctx: Context, ref: str | None, caption: str = "") -> Markup | str:
    """An attachment screenshot as an inline picture; a visible placeholder when the file is absent."""
    from docx.image.image import Image
    from docx.shared import Mm
    from docxtpl import InlineImage

    state = state_of(ctx)
    attachment = ctx["attachments"].get(ref) if isinstance(ref, str) else None
    path = state.base_dir / attachment.path if attachment and attachment.path else None
    if path is None or not path.is_file():
        state.placeholders.append(f"attachments.{ref}" if isinstance(ref, str) else caption)
        shown = f"{path.name}" if path else "文件未提供"
        return f"【待补充截图：{caption or ref}（{shown}）】"
    try:
        px = Image.from_file(str(path))
    except Exception:  # corrupt or unsupported image: say so in the document, do not crash
        state.placeholders.append(f"attachments.{ref}")
        return f"【截图无法读取：{caption or ref}（{path.name}）】"
    width_mm = MAX_WIDTH_MM
    height_mm = width_mm * px.px_height / max(px.px_width, 1)
    if height_mm > MAX_HEIGHT_MM:
        width_mm = width_mm * MAX_HEIGHT_MM / height_mm
    return Markup(str(InlineImage(state.tpl, str(path), width=Mm(width_mm))))


FILTERS: dict[str, Any] = {
    "md": md,
    "zh_date": _zh_date,
    "category_title": _lookup(CATEGORY_TITLES),
    "role_title": _lookup(ROLE_TITLES),
    "mode_title": _lookup(MODE_TITLES),
    "checkbox": _checkbox,
    "joined": _join,
    "cn": _cn,
}
def _verdicts(*results: str) -> str:
    """Combine several verdicts: 不符合 wins, then 待评估, else 符合."""
    if "不符合" in results:
        return "不符合"
    return "待评估" if "待评估" in results else "符合"


def _percent(value: Any) -> str:
    """0.95 → 95%, 0.9 → 90%, 0.965 → 96.5% (threshold display)."""
    return f"{float(value) * 100:g}%"


FILTERS["percent"] = _percent

GLOBALS: dict[str, Any] = {
    "image": image, "rate": _rate, "checkbox": _checkbox, "verdict": _verdict, "verdicts": _verdicts,
}


def install(env: Environment) -> None:
    """Register the filters and functions on `env`."""
    env.filters.update(FILTERS)
    env.globals.update(GLOBALS)
