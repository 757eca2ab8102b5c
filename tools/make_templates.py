"""Generate templates/docx/*.docx from the plain-text sources in templates/src/*.txt.

Run `python tools/make_templates.py` after editing a source. The .docx files get real named
styles (GB/T 9704 layout: 仿宋_GB2312 三号 body, 方正小标宋简体 二号 title, 黑体/楷体 headings,
28.95 pt fixed line pitch, A4 with 37/35/28/26 mm margins, `— N —` page numbers on alternating
sides) so legal teams can restyle them in Word.

Source syntax, one paragraph a line (lines starting with `//` are comments):
  `#! title: 文本` title · `#! center: 文本` centred line · `# ` / `## ` / `### ` headings 1–3
  `> 文本` body without first-line indent · `@sig 文本` signature/seal line · `md: expr` Markdown field
  `img: expr` picture line · `---` page break · `{%p … %}` docxtpl paragraph tag · other lines: body
  tables: consecutive `| a | b |` lines, optionally preceded by `@widths 30 70`; a cell starting
  with `!` is a shaded label, `<<` merges into the cell on its left, `md: expr` renders Markdown,
  ` // ` separates paragraphs inside a cell; `| {%tr … %} |` rows are docxtpl row tags.
"""

from __future__ import annotations

import os
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "templates" / "src"
OUT = ROOT / "templates" / "docx"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
LINE = 579  # 28.95 pt fixed line pitch, in twentieths of a point: 22 lines in the 225 mm block
LATIN = "Times New Roman"
FANGSONG, HEITI, KAITI, SONGTI, XBS = "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体", "方正小标宋简体"
TEXT_WIDTH_MM = 156


def _fonts(rpr: Any, east_asia: str, latin: str = LATIN) -> None:
    for old in rpr.findall(qn("w:rFonts")):
        rpr.remove(old)
    fonts = OxmlElement("w:rFonts")
    for attr, value in (("ascii", latin), ("hAnsi", latin), ("eastAsia", east_asia), ("cs", latin)):
        fonts.set(qn(f"w:{attr}"), value)
    rpr.insert(0, fonts)


def _style(doc: Any, name: str, *, font: str, size: float, bold: bool = False, align: str = "both",
           first_chars: int = 200, line: int | None = LINE, after: int = 0, latin: str = LATIN,
           extra_ppr: str = "", base: str | None = "Normal", custom: bool = False) -> Any:
    """Create or reset a paragraph style with explicit East-Asian font settings."""
    from docx.enum.style import WD_STYLE_TYPE

    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    el = style.element
    for tag in ("w:pPr", "w:rPr"):
        for old in el.findall(qn(tag)):
            el.remove(old)
    if base and name != base:
        style.base_style = styles[base]
    spacing = (f'<w:spacing w:before="0" w:after="{after}" w:line="{line}" w:lineRule="exact"/>'
               if line else f'<w:spacing w:before="0" w:after="{after}" w:line="240" w:lineRule="auto"/>')
    indent = (f'<w:ind w:firstLineChars="{first_chars}" w:firstLine="{first_chars * 16 // 5}"/>'
              if first_chars else '<w:ind w:firstLineChars="0" w:firstLine="0"/>')
    el.append(parse_xml(f'<w:pPr {W_NS}>{extra_ppr}{spacing}{indent}<w:jc w:val="{align}"/></w:pPr>'))
    weight = "<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>'
    rpr = parse_xml(
        f'<w:rPr {W_NS}>{weight}'
        f'<w:color w:val="000000"/><w:sz w:val="{int(size * 2)}"/><w:szCs w:val="{int(size * 2)}"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr>'
    )
    _fonts(rpr, font, latin)
    el.append(rpr)
    if custom:
        style.quick_style = True
    return style


def setup_styles(doc: Any) -> None:
    """GB/T 9704 styles: body, title, three heading levels, table text, signature, picture."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rpr, FANGSONG)
    _style(doc, "Normal", font=FANGSONG, size=16, base=None)
    _style(doc, "Title", font=XBS, size=22, align="center", first_chars=0, line=None, after=LINE,
           extra_ppr="<w:keepNext/>")
    _style(doc, "Heading 1", font=HEITI, size=16, extra_ppr='<w:keepNext/><w:outlineLvl w:val="0"/>')
    _style(doc, "Heading 2", font=KAITI, size=16, extra_ppr='<w:keepNext/><w:outlineLvl w:val="1"/>')
    _style(doc, "Heading 3", font=FANGSONG, size=16, bold=True,
           extra_ppr='<w:keepNext/><w:outlineLvl w:val="2"/>')
    _style(doc, "Table Text", font=FANGSONG, size=14, align="left", first_chars=0, line=None, custom=True)
    _style(doc, "Signature Block", font=FANGSONG, size=16, align="left", first_chars=0, custom=True,
           extra_ppr='<w:ind w:leftChars="800" w:left="2560"/>')
    _style(doc, "Picture", font=FANGSONG, size=16, align="center", first_chars=0, line=None, custom=True)
    _style(doc, "Footer", font=SONGTI, size=14, align="left", first_chars=0, line=None, latin=SONGTI)


def setup_numbering(doc: Any) -> None:
    """A bullet list (num 10) and a decimal list (abstract 11; each Markdown list restarts it)."""
    numbering = doc.part.numbering_part.element
    lvl_ppr = '<w:pPr><w:ind w:left="0" w:firstLineChars="200" w:firstLine="640"/></w:pPr>'
    bullet = (f'<w:abstractNum {W_NS} w:abstractNumId="10"><w:multiLevelType w:val="singleLevel"/>'
              f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:suff w:val="space"/>'
              f'<w:lvlText w:val="•"/><w:lvlJc w:val="left"/>{lvl_ppr}'
              f'<w:rPr><w:rFonts w:ascii="{LATIN}" w:hAnsi="{LATIN}"/></w:rPr></w:lvl></w:abstractNum>')
    decimal = (f'<w:abstractNum {W_NS} w:abstractNumId="11"><w:multiLevelType w:val="singleLevel"/>'
               f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:suff w:val="nothing"/>'
               f'<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>{lvl_ppr}</w:lvl></w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    for xml in (bullet, decimal):
        el = parse_xml(xml)
        if first_num is not None:
            first_num.addprevious(el)
        else:
            numbering.append(el)
    for num_id in (10, 11):
        numbering.append(parse_xml(f'<w:num {W_NS} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'))


def _page_number(paragraph: Any) -> None:
    paragraph.add_run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text
    paragraph.add_run(" —")


def setup_page(doc: Any) -> None:
    """A4, GB/T 9704 margins, 22 × 28 grid, page numbers right on odd and left on even pages."""
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(23)
    doc.settings.odd_and_even_pages_header_footer = True
    for footer, align, indent in ((section.footer, "right", 'w:rightChars="100" w:right="280"'),
                                  (section.even_page_footer, "left", 'w:leftChars="100" w:left="280"')):
        p = footer.paragraphs[0]
        p.style = doc.styles["Footer"]
        p._p.get_or_add_pPr().append(parse_xml(f'<w:jc {W_NS} w:val="{align}"/>'))
        p._p.get_or_add_pPr().append(parse_xml(f'<w:ind {W_NS} {indent} w:firstLine="0"/>'))
        _page_number(p)
    sect = section._sectPr
    for old in sect.findall(qn("w:docGrid")):
        sect.remove(old)
    sect.append(parse_xml(f'<w:docGrid {W_NS} w:type="lines" w:linePitch="{LINE}"/>'))


_BOLD = re.compile(r"\*\*(.+?)\*\*")


def add_runs(paragraph: Any, text: str) -> None:
    """Text with `**bold**` spans; Jinja tags stay whole inside one run."""
    pos = 0
    for m in _BOLD.finditer(text):
        if m.start() > pos:
            paragraph.add_run(text[pos : m.start()])
        paragraph.add_run(m.group(1)).bold = True
        pos = m.end()
    if pos < len(text):
        paragraph.add_run(text[pos:])


def _cell_text(cell: Any, text: str, doc: Any) -> None:
    text = text.strip()
    label = text.startswith("!")
    if label:
        text = text[1:].strip()
        tc_pr = cell._tc.get_or_add_tcPr()
        tc_pr.append(parse_xml(f'<w:shd {W_NS} w:val="clear" w:color="auto" w:fill="F2F2F2"/>'))
    parts = [part.strip() for part in text.split(" // ")]
    for i, part in enumerate(parts):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        p.style = doc.styles["Table Text"]
        if part.startswith("md:"):
            part = "{{p " + part[3:].strip() + "|md('table') }}"
        add_runs(p, f"**{part}**" if label and part and "{" not in part else part)


def split_cells(row: str) -> list[str]:
    """`| a | {{ x|join }} |` → cells, ignoring pipes inside Jinja tags."""
    cells, depth, current = [], 0, ""
    row = row.strip()[1:].rstrip()
    row = row[:-1] if row.endswith("|") else row
    i = 0
    while i < len(row):
        pair = row[i : i + 2]
        if pair in ("{{", "{%"):
            depth += 1
        elif pair in ("}}", "%}"):
            depth -= 1
        if row[i] == "|" and depth == 0:
            cells.append(current)
            current = ""
        elif pair in ("{{", "{%", "}}", "%}"):
            current += pair
            i += 1
        else:
            current += row[i]
        i += 1
    return [*cells, current]


def add_table(doc: Any, rows: list[str], widths: list[float] | None) -> None:
    """A bordered full-width table; see the module docstring for the cell syntax."""
    cells = [split_cells(row) for row in rows]
    ncols = max(len(r) for r in cells if not r[0].strip().startswith("{%tr"))
    table = doc.add_table(rows=0, cols=ncols)
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    widths = widths or [100 / ncols] * ncols
    col_mm = [TEXT_WIDTH_MM * w / sum(widths) for w in widths]
    for col, width in zip(table.columns, col_mm, strict=True):
        col.width = Mm(width)
    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblW")):
        tbl_pr.remove(old)
    tbl_pr.append(parse_xml(f'<w:tblW {W_NS} w:w="{int(TEXT_WIDTH_MM / 25.4 * 1440)}" w:type="dxa"/>'))
    tbl_pr.append(parse_xml(f'<w:tblLayout {W_NS} w:type="fixed"/>'))
    for row_cells in cells:
        row = table.add_row()
        if row_cells[0].strip().startswith("{%tr"):
            _cell_text(row.cells[0], row_cells[0], doc)
            continue
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(parse_xml(f"<w:cantSplit {W_NS}/>"))
        if len(row_cells) > 1 and all(c.strip().startswith("!") for c in row_cells):
            tr_pr.append(parse_xml(f"<w:tblHeader {W_NS}/>"))
        for i, text in enumerate(row_cells):
            if text.strip() == "<<":
                continue
            span = 1
            while i + span < len(row_cells) and row_cells[i + span].strip() == "<<":
                span += 1
            cell = row.cells[i].merge(row.cells[i + span - 1]) if span > 1 else row.cells[i]
            _cell_text(cell, text, doc)
        for cell, width in zip(row.cells, col_mm, strict=False):
            cell.width = Mm(width)
    doc.add_paragraph().paragraph_format.space_after = Pt(0)


def build(source: Path) -> Any:
    """One template document from one source file."""
    doc = Document()
    setup_styles(doc)
    setup_numbering(doc)
    setup_page(doc)
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    table: list[str] = []
    widths: list[float] | None = None
    previous_sig: Any = None
    lines = source.read_text(encoding="utf-8").splitlines() + [""]
    for raw in lines:
        line = raw.rstrip()
        if line.startswith("|"):
            table.append(line)
            continue
        if table:
            add_table(doc, table, widths)
            table, widths = [], None
        if not line or line.startswith("//"):
            continue
        if not line.startswith("{%p"):
            previous_sig = None
        if line.startswith("@widths"):
            widths = [float(w) for w in line.split()[1:]]
        elif line.startswith("#! title:"):
            add_runs(doc.add_paragraph(style="Title"), line.split(":", 1)[1].strip())
        elif line.startswith("#! center:"):
            p = doc.add_paragraph(style="Picture")
            add_runs(p, line.split(":", 1)[1].strip())
        elif m := re.match(r"^(#{1,3}) (.*)$", line):
            add_runs(doc.add_paragraph(style=f"Heading {len(m.group(1))}"), m.group(2))
        elif line.startswith("> "):
            p = doc.add_paragraph(style="Normal")
            p.paragraph_format.first_line_indent = Pt(0)
            add_runs(p, line[2:])
        elif line.startswith("@sig "):
            if previous_sig is not None:
                previous_sig.paragraph_format.keep_with_next = True
            previous_sig = doc.add_paragraph(style="Signature Block")
            add_runs(previous_sig, line[5:])
            continue
        elif line.startswith("md: "):
            doc.add_paragraph("{{p " + line[4:].strip() + "|md }}", style="Normal")
        elif line.startswith("img: "):
            doc.add_paragraph("{{ " + line[5:].strip() + " }}", style="Picture")
        elif line == "---":
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            add_runs(doc.add_paragraph(style="Normal"), line)
    body.append(body.find(qn("w:sectPr")))  # keep sectPr last
    props = doc.core_properties
    props.author, props.title, props.comments = "dossier", source.stem, "由 tools/make_templates.py 生成"
    # Fixed stamps: regenerating an unchanged source gives the same bytes (and keeps build caches valid).
    props.created = props.modified = datetime(2026, 1, 1, tzinfo=UTC)
    props.last_modified_by, props.revision = "dossier", 1
    return doc


def main(argv: list[str]) -> int:
    """Build every source (or the names given) into templates/docx."""
    from dossier.render._engine import normalise_zip

    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")  # zip entry dates: 2026-01-01
    OUT.mkdir(parents=True, exist_ok=True)
    names = argv or sorted(p.stem for p in SRC.glob("*.txt"))
    for name in names:
        import io

        buffer = io.BytesIO()
        build(SRC / f"{name}.txt").save(buffer)
        (OUT / f"{name}.docx").write_bytes(normalise_zip(buffer.getvalue()))
        print(f"templates/docx/{name}.docx")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
