"""Markdown (the subset profiles use) → WordprocessingML paragraphs in the template's styles.

Each line is a paragraph (Chinese prose in YAML block scalars is written one paragraph a line);
`- item` and `1. item` become real Word list paragraphs; `**bold**`, `*italic*` and `` `code` ``
become formatted runs. Nothing is left as literal asterisks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from dossier.render._env import clean_text

BULLET_NUM_ID = 10  # w:num of the bullet list defined by tools/make_templates.py
DECIMAL_ABSTRACT_ID = 11  # w:abstractNum of the decimal list; each ordered list gets its own w:num

_BULLET = re.compile(r"^[-*+•·]\s+(.*)$")
_ORDERED = re.compile(r"^(\d{1,3})(?:[.)]\s+|[、）]\s*)(.*)$")
_HEADING = re.compile(r"^#{1,6}\s+(.*)$")
_INLINE = re.compile(
    r"\*\*(?P<b1>.+?)\*\*|__(?P<b2>.+?)__|(?<![\w*])\*(?!\s)(?P<i>[^*]+?)(?<!\s)\*(?!\*)|`(?P<c>[^`]+)`"
)
_ESCAPED = re.compile(r"\\([\\*_`#\-])")


@dataclass(frozen=True)
class Block:
    """One paragraph-level element: kind is p, h, ul or ol."""

    kind: str
    text: str
    start: int = 1


def parse_blocks(text: str) -> list[Block]:
    """Split Markdown into paragraphs and list items; indented lines continue a list item."""
    blocks: list[Block] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if (m := _BULLET.match(line)) is not None:
            blocks.append(Block("ul", m.group(1)))
        elif (m := _ORDERED.match(line)) is not None:
            blocks.append(Block("ol", m.group(2), int(m.group(1))))
        elif (m := _HEADING.match(line)) is not None:
            blocks.append(Block("h", m.group(1)))
        elif raw[:1] in (" ", "\t") and blocks and blocks[-1].kind in ("ul", "ol"):
            last = blocks[-1]
            blocks[-1] = Block(last.kind, f"{last.text}{line}", last.start)
        else:
            blocks.append(Block("p", line))
    return blocks


def _run(text: str, props: str = "") -> str:
    text = _ESCAPED.sub(r"\1", clean_text(text))
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def runs(text: str, bold: bool = False) -> str:
    """Inline Markdown → `<w:r>` elements."""
    base = "<w:b/><w:bCs/>" if bold else ""
    out: list[str] = []
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            out.append(_run(text[pos : m.start()], base))
        if m.group("b1") or m.group("b2"):
            out.append(_run(m.group("b1") or m.group("b2"), "<w:b/><w:bCs/>"))
        elif m.group("i"):
            out.append(_run(m.group("i"), base + "<w:i/><w:iCs/>"))
        else:
            out.append(_run(m.group("c"), base + '<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/>'))
        pos = m.end()
    if pos < len(text):
        out.append(_run(text[pos:], base))
    return "".join(out)


def paragraph(content: str, style: str, num_id: int | None = None) -> str:
    """A `<w:p>` in `style` (optionally in list `num_id`) holding `content` runs."""
    numpr = f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>' if num_id else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{numpr}</w:pPr>{content}</w:p>'


def to_xml(text: str, style: str, new_list: Callable[[int], int]) -> str:
    """Markdown → paragraphs; `new_list(start)` returns a fresh numId for each ordered list."""
    out: list[str] = []
    current: int | None = None
    previous = ""
    for block in parse_blocks(text):
        if block.kind == "ol":
            if previous != "ol" or current is None:
                current = new_list(block.start)
            out.append(paragraph(runs(block.text), style, current))
        elif block.kind == "ul":
            out.append(paragraph(runs(block.text), style, BULLET_NUM_ID))
        else:
            out.append(paragraph(runs(block.text, bold=block.kind == "h"), style))
        previous = block.kind
    return "".join(out) or paragraph("", style)
