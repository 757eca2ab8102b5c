"""Our .docx → HTML converter: lean HTML (one class per Word style) for WeasyPrint.

Covers what the dossier templates and ordinary edits use; anything else is reported as a
warning naming the document and the element, with its text kept where it has any.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from dossier.errors import Diagnostic, PdfError
from dossier.pdf._context import Context
from dossier.pdf._numbering import Numbering
from dossier.pdf._ooxml import El, W, child, etree, fmt_pt, local, twips_pt, val
from dossier.pdf._page import PageSetup, page_css, read_section
from dossier.pdf._paragraphs import esc, paragraph
from dossier.pdf._styles import theme_fonts
from dossier.pdf._stylesheet import StyleSheet
from dossier.pdf._tables import table
from dossier.pdf.fonts import SERIF

_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_QUIET = {"w:sectPr", "w:tcPr", "w:bookmarkStart", "w:bookmarkEnd", "w:proofErr",
          "w:permStart", "w:permEnd", "w:commentRangeStart", "w:commentRangeEnd", "w:sdtPr",
          "w:sdtEndPr", "w:moveFromRangeStart", "w:moveFromRangeEnd", "w:moveToRangeStart",
          "w:moveToRangeEnd", "w:del", "w:moveFrom", "w:customXmlInsRangeStart",
          "w:customXmlInsRangeEnd", "w:customXmlDelRangeStart", "w:customXmlDelRangeEnd", ""}


def _related_xml(part: Any, reltype: str) -> El | None:
    for rel in part.rels.values():
        if rel.reltype == _RT + reltype and not rel.is_external:
            target = rel.target_part
            element = getattr(target, "element", None)
            return element if element is not None else etree.fromstring(target.blob)
    return None


def blocks(ctx: Context, parent: El, table_sid: str | None) -> str:
    """HTML for the block children (paragraphs, tables) of a body, cell, text box or SDT."""
    out: list[str] = []
    for el in parent:
        name = local(el.tag)
        if name == "w:p":
            out.append(paragraph(ctx, el, table_sid))
        elif name == "w:tbl":
            out.append(table(ctx, el))
        elif name in ("w:sdt",):
            content = child(el, "sdtContent")
            if content is not None:
                out.append(blocks(ctx, content, table_sid))
        elif name in ("w:customXml", "w:ins", "w:moveTo"):
            out.append(blocks(ctx, el, table_sid))
        elif name == "w:altChunk":
            ctx.warn("嵌入文档（w:altChunk），未输出")
        elif name in _QUIET:
            continue
        else:
            ctx.warn(f"未知元素（{name}）" + ("，仅输出其文字" if el.find(f".//{W}t") is not None else ""))
            out.append(blocks(ctx, el, table_sid))
    return "".join(out)


def _footnotes(ctx: Context, doc_part: Any) -> str:
    notes = {"footnote": _related_xml(doc_part, "footnotes"), "endnote": _related_xml(doc_part, "endnotes")}
    out: list[str] = []
    for i, (kind, nid) in enumerate(ctx.footnotes, 1):
        root = notes.get(kind)
        note = None if root is None else root.find(f"{W}{kind}[@{W}id='{nid}']")
        text = "" if note is None else "".join(t.text or "" for t in note.iter(W + "t"))
        out.append(f"<p>[{i}] {esc(text)}</p>")
    return '<div style="margin-top:12pt">' + "".join(out) + "</div>" if out else ""


def _open(docx: Path) -> Any:
    import docx as python_docx  # deferred: keeps `import dossier.pdf` fast
    from docx.opc.exceptions import PackageNotFoundError

    if not docx.is_file():
        raise PdfError(f"找不到 {docx.name}（{docx}）。", file=docx, hint="先运行 dossier build 生成 .docx。")
    try:
        return python_docx.Document(str(docx))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError,
            etree.XMLSyntaxError, OSError) as exc:
        raise PdfError(f"无法读取 {docx.name}：不是有效的 Word（.docx）文件（{exc}）。", file=docx,
                       hint="用 Word 或 WPS 打开并另存为 .docx 后重试。") from exc


def docx_to_html(docx: Path) -> tuple[str, list[Diagnostic]]:
    """Convert one .docx to a self-contained HTML string (images as data URIs) plus warnings."""
    document = _open(docx)
    part = document.part
    theme = theme_fonts(_related_xml(part, "theme"))
    sheet = StyleSheet(_related_xml(part, "styles"), theme)
    settings = _related_xml(part, "settings")
    body = document.element.body
    final = read_section(child(body, "sectPr"))
    ctx = Context(docx.name, sheet, Numbering(_related_xml(part, "numbering"), theme),
                  final.grid, part, blocks)
    # Split the body into sections: a paragraph carrying a sectPr ends one.
    sections: list[tuple[list[str], El | None]] = [([], None)]
    for el in body:
        if local(el.tag) == "w:sectPr":
            continue
        sections[-1][0].append(blocks(ctx, [el], None) if local(el.tag) != "w:p" else paragraph(ctx, el))
        sect = el.find(f"{W}pPr/{W}sectPr") if local(el.tag) == "w:p" else None
        if sect is not None:
            sections[-1] = (sections[-1][0], sect)
            sections.append(([], None))
    setups: list[PageSetup] = []
    refs: tuple[tuple[str, str, str], ...] = ()
    for i, (_, sect) in enumerate(sections):
        if sect is None and i == len(sections) - 1:
            sect = child(body, "sectPr")
        setup = read_section(sect, refs)
        refs = setup.refs
        setups.append(setup)
    even_odd = child(settings, "evenAndOddHeaders") is not None
    mirror = child(settings, "mirrorMargins") is not None
    names: dict[tuple[object, ...], str] = {}
    page_rules: list[str] = []
    for i, setup in enumerate(setups):
        if setup.key() not in names:
            names[setup.key()] = f"s{len(names) + 1}"
            name = None if i == 0 else names[setup.key()]
            page_rules.append(page_css(ctx, setup, name, first_section=i == 0, even_odd=even_odd,
                                       mirror=mirror))
    body_html: list[str] = []
    for i, ((parts, _), setup) in enumerate(zip(sections, setups, strict=True)):
        name = names[setup.key()]
        style = f"page:{name}" if name != "s1" else ""
        if i > 0 and setup.start != "continuous":
            style += (";" if style else "") + "break-before:page"
        html = "".join(parts)
        body_html.append(f'<div style="{style}">{html}</div>' if style else html)
    body_html.append(_footnotes(ctx, part))
    tab = twips_pt(val(child(settings, "defaultTabStop"))) or 21.0
    base = (f"html{{font-family:\"{SERIF}\"}}body{{margin:0}}"
            f"p{{margin:0;white-space:pre-wrap;tab-size:{fmt_pt(tab)}}}"
            "td{padding:0}img{vertical-align:baseline}")
    title = esc(document.core_properties.title or docx.stem)
    css = base + "".join(page_rules) + "".join(ctx.rules)
    html = (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{css}</style></head><body>{''.join(body_html)}</body></html>")
    warnings = [
        Diagnostic(f"{docx.name}：不支持的元素 {label}" + (f"（共 {n} 处）" if n > 1 else ""),
                   file=docx, severity="warning")
        for label, n in ctx.warnings.items()
    ]
    return html, warnings


__all__ = ["docx_to_html"]
