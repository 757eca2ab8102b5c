"""Builders for the PDF tests and benchmarks: .docx fixtures made with python-docx.

No tests live here; pytest collects the module and finds none.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

RARE = "堃喆赟镕"
BODY_SENTENCES = [
    "本公司严格落实算法安全主体责任，建立健全算法机制机理审核、科技伦理审查、用户注册、信息发布审核等管理制度。",
    "算法安全负责人由公司分管技术工作的副总经理担任，对算法安全工作负总责，定期向公司管理层报告算法安全情况。",
    "公司设立算法安全专职机构，配备与服务规模相适应的专业人员，开展算法安全风险监测、评估和应急处置工作。",
    "针对推荐结果可能存在的信息茧房、诱导沉迷等风险，公司采取了人工干预和用户自主选择相结合的防范措施。",
    "用户可以便捷地关闭个性化推荐选项，选择不针对其个人特征的推荐内容，或删除用于算法推荐服务的用户标签。",
    "公司每季度开展一次算法安全自评估，形成书面评估报告，并根据评估结果及时调整和优化算法策略与模型参数。",
]


def png_bytes(w: int = 4, h: int = 3, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A tiny solid-colour PNG, made without Pillow."""
    raw = b"".join(b"\x00" + bytes(rgb) * w for _ in range(h))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def set_fonts(target: object, east_asia: str, size: float | None = None, bold: bool | None = None) -> None:
    """Give a style or run an East-Asian font (w:rFonts/@w:eastAsia), as the templates do."""
    font = target.font  # type: ignore[attr-defined]
    font.name = east_asia
    rpr = target.element.get_or_add_rPr()  # type: ignore[attr-defined]
    rfonts = rpr.get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), east_asia)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(theme), None)  # a theme reference would override the name
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold


def add_field(paragraph: Paragraph, instr: str, cached: str = "1") -> None:
    """A complex field (begin / instrText / separate / cached result / end)."""
    for xml in (
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
        f'<w:r {nsdecls("w")}><w:t>{cached}</w:t></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml))


def add_list(document: docx.document.Document, levels: list[tuple[str, str]]) -> int:
    """Add an abstract numbering with (numFmt, lvlText) per level; return its numId."""
    numbering = document.part.numbering_part.element
    ids = [int(n.get(qn("w:abstractNumId"))) for n in numbering.findall(qn("w:abstractNum"))]
    aid = max(ids, default=0) + 1
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{420 * (i + 1)}" w:hanging="420"/></w:pPr></w:lvl>'
        for i, (fmt, text) in enumerate(levels))
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">{lvls}</w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    nids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    nid = max(nids, default=0) + 1
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/></w:num>'))
    return nid


def number(paragraph: Paragraph, num_id: int, ilvl: int = 0) -> None:
    """Attach a paragraph to a list."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def add_textbox(paragraph: Paragraph, text: str) -> None:
    """A DrawingML text box (wps:txbx) anchored in the paragraph, as Word writes one."""
    xml = (
        f'<w:r {nsdecls("w", "wp", "a")} xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<w:drawing><wp:inline><wp:extent cx="914400" cy="457200"/><wp:docPr id="99" name="文本框 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>'
        '</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')
    paragraph._p.append(parse_xml(xml))


def _page_footer(paragraph: Paragraph, align: WD_ALIGN_PARAGRAPH, indent_side: str) -> None:
    paragraph.alignment = align
    ind = parse_xml(f'<w:ind {nsdecls("w")} w:{indent_side}Chars="100" w:{indent_side}="280"/>')
    paragraph._p.get_or_add_pPr().append(ind)
    dash = paragraph.add_run("— ")
    set_fonts(dash, "宋体", 14)
    add_field(paragraph, "PAGE")
    for r in paragraph.runs:
        set_fonts(r, "宋体", 14)
    tail = paragraph.add_run(" —")
    set_fonts(tail, "宋体", 14)


def gbt_styles(document: docx.document.Document) -> None:
    """GB/T 9704 page (A4, 37/35/28/26 mm) and 三号仿宋 body with 28.95 pt fixed lines."""
    sec = document.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    sec.footer_distance = Mm(21)
    normal = document.styles["Normal"]
    set_fonts(normal, "仿宋_GB2312", 16)
    pf = normal.paragraph_format
    pf.line_spacing = Pt(28.95)
    pf.space_after = Pt(0)
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    normal.element.get_or_add_pPr().append(
        parse_xml(f'<w:ind {nsdecls("w")} w:firstLineChars="200" w:firstLine="640"/>'))
    title = document.styles["Title"]
    set_fonts(title, "方正小标宋简体", 22, bold=False)
    title.font.color.rgb = None
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.space_after = Pt(0)
    title.element.get_or_add_pPr()
    for name, face in (("Heading 1", "黑体"), ("Heading 2", "楷体_GB2312")):
        st = document.styles[name]
        set_fonts(st, face, 16, bold=False)
        st.font.color.rgb = None
        st.paragraph_format.space_before = Pt(0)
        st.paragraph_format.space_after = Pt(0)
        st.paragraph_format.line_spacing = Pt(28.95)
    # Odd pages: number at the right; even pages: at the left (GB/T 9704 §7.5).
    document.settings.odd_and_even_pages_header_footer = True
    _page_footer(sec.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT, "right")
    _page_footer(sec.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT, "left")


def gbt_document(path: Path, pages: int = 10, company: str = "北京堃喆科技有限公司") -> Path:
    """A realistic formal document of about `pages` pages: headings, lists, a table, a signature."""
    d = docx.Document()
    gbt_styles(d)
    d.add_paragraph(f"{company}算法安全自评估报告", style="Title")
    d.add_paragraph("")
    chapters = max(1, pages // 2)
    cn = "一二三四五六七八九十"
    for c in range(chapters):
        d.add_paragraph(f"{cn[c % 10]}、算法安全管理制度与技术措施（第{c + 1}部分）", style="Heading 1")
        for s in range(2):
            d.add_paragraph(f"（{cn[s]}）{'风险识别与评估' if s == 0 else '防范措施与应急处置'}", style="Heading 2")
            for k in range(3):
                d.add_paragraph("".join(BODY_SENTENCES[(c + s + k + j) % len(BODY_SENTENCES)]
                                        for j in range(2)) + f"联系人：{RARE}。")
        if c % 2 == 0:
            t = d.add_table(rows=5, cols=4)
            t.style = "Table Grid"
            for i, h in enumerate(("序号", "风险类别", "防范措施", "责任部门")):
                t.cell(0, i).text = h
            for r in range(1, 5):
                t.cell(r, 0).text = str(r)
                t.cell(r, 1).text = ("违法不良信息", "算法歧视", "信息茧房", "诱导沉迷")[r - 1]
                t.cell(r, 2).text = "建立人工审核与模型识别相结合的双重审核机制，按日更新特征库。"
                t.cell(r, 3).text = "安全部"
            t.cell(3, 3).merge(t.cell(4, 3))
            t.cell(3, 3).text = "技术部"
    d.add_paragraph("")
    sign = d.add_paragraph(company)
    sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    date = d.add_paragraph("2026年3月5日")
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.save(str(path))
    return path


def feature_document(path: Path) -> Path:
    """Small document exercising every converter feature the tests check."""
    d = docx.Document()
    gbt_styles(d)
    d.add_paragraph("测试文件 A&B <测试>", style="Title")
    p = d.add_paragraph("第一段：")
    r = p.add_run(f"罕见字{RARE}")
    r.bold = True
    head = d.add_paragraph("一级标题", style="Heading 1")
    head.paragraph_format.keep_with_next = True
    nid = add_list(d, [("chineseCounting", "%1、"), ("decimal", "（%2）")])
    for i, text in enumerate(("第一项", "第二项", "子项甲", "第三项")):
        item = d.add_paragraph(text)
        number(item, nid, 1 if text == "子项甲" else 0)
        del i
    bullets = add_list(d, [("bullet", "\uf0b7")])
    number(d.add_paragraph("要点"), bullets)
    t = d.add_table(rows=3, cols=3)
    t.style = "Table Grid"
    t.cell(0, 0).merge(t.cell(0, 1)).text = "横向合并"
    t.cell(1, 0).merge(t.cell(2, 0)).text = "纵向合并"
    t.cell(0, 2).text = "表头三"
    t.cell(1, 1).text = "单元格"
    t.cell(2, 2).text = "末格"
    pic = d.add_paragraph()
    pic.add_run().add_picture(_png_file(path.parent), width=Mm(20))
    d.add_page_break()
    d.add_paragraph("第二页内容")
    sec = d.add_section(WD_SECTION.NEW_PAGE)
    del sec
    d.add_paragraph("结尾")
    d.save(str(path))
    return path


def _png_file(folder: Path) -> str:
    png = folder / "red.png"
    png.write_bytes(png_bytes())
    return str(png)
