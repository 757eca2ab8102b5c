"""The .docx → HTML converter: structure, styles, lists, tables, warnings. No PDF rendering."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from test_pdf_support import RARE, add_textbox, feature_document

from dossier.errors import PdfError
from dossier.pdf import docx_to_html, fonts
from dossier.pdf._numbering import chinese_counting, format_number


@pytest.fixture(scope="module")
def feature(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = feature_document(tmp_path_factory.mktemp("feat") / "功能测试.docx")
    html, warnings = docx_to_html(path)
    assert warnings == []
    return path, html


def test_html_is_chinese_and_escaped(feature: tuple[Path, str]) -> None:
    _, html = feature
    assert html.startswith('<!DOCTYPE html><html lang="zh-CN">')
    assert "测试文件 A&amp;B &lt;测试&gt;" in html
    assert RARE in html


def test_one_rule_per_style_and_fonts_end_in_noto(feature: tuple[Path, str]) -> None:
    _, html = feature
    css = html[html.index("<style>"):html.index("</style>")]
    assert css.count(".p-Normal{") == 1
    normal = re.search(r"\.p-Normal\{([^}]*)\}", css)
    assert normal is not None
    rule = normal.group(1)
    assert 'font-family:"仿宋_GB2312", "Noto Serif CJK SC"' in rule
    assert "font-size:16pt" in rule and "line-height:28.95pt" in rule and "text-indent:2em" in rule
    assert re.search(r'\.p-Heading1\{font-family:"黑体", "Noto Sans CJK SC"', css)
    # 小标宋 has no free face: the bold serif stands in.
    assert re.search(r'\.p-Title\{font-family:"方正小标宋简体", "Noto Serif CJK SC";font-size:22pt;font-weight:bold', css)
    # Paragraphs use classes, not repeated inline fonts.
    assert "font-family" not in html[html.index("<body>"):]


def test_lists_tables_images_breaks(feature: tuple[Path, str]) -> None:
    _, html = feature
    body = html[html.index("<body>"):]
    text = re.sub(r"<[^>]+>", "", body)
    for marker in ("一、第一项", "二、第二项", "（1）子项甲", "三、第三项", "•要点"):
        assert marker in text
    assert re.search(r'<td class="c\d+" colspan="2"><p [^>]*>横向合并</p></td>', body)
    assert re.search(r'<td class="c\d+" rowspan="2"><p [^>]*>纵向合并</p></td>', body)
    assert "table-layout:fixed" in body and "<colgroup>" in body
    assert 'src="data:image/png;base64,' in body
    assert re.search(r'style="[^"]*break-before:page[^"]*">第二页内容', body)


def test_page_setup_and_numbers(feature: tuple[Path, str]) -> None:
    _, html = feature
    assert "@page{size:595.3pt 841.9pt;margin:104.9pt 73.7pt 99.2pt 79.35pt}" in html
    odd = re.search(r"@page:right\{@bottom-right\{([^}]*)\}", html)
    even = re.search(r"@page:left\{@bottom-left\{([^}]*)\}", html)
    assert odd and even
    assert 'content:"— " counter(page) " —"' in odd.group(1)
    assert "font-size:14pt" in odd.group(1) and '"宋体"' in odd.group(1)


def _doc_with(tmp_path: Path, body_xml: str, name: str = "杂项.docx") -> Path:
    d = docx.Document()
    p = d.add_paragraph()
    for el in parse_xml(f'<w:p {nsdecls("w")}>{body_xml}</w:p>'):
        p._p.append(el)
    path = tmp_path / name
    d.save(str(path))
    return path


def test_tracked_changes_sdt_links_tabs(tmp_path: Path) -> None:
    xml = (
        '<w:r><w:t>保留</w:t></w:r>'
        '<w:ins w:id="1" w:author="a"><w:r><w:t>插入</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>'
        '<w:sdt><w:sdtContent><w:r><w:t>控件</w:t></w:r></w:sdtContent></w:sdt>'
        '<w:hyperlink w:anchor="x"><w:r><w:t>链接</w:t></w:r></w:hyperlink>'
        '<w:r><w:tab/><w:t>制表</w:t><w:softHyphen/><w:br/><w:t>换行</w:t></w:r>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>'
    )
    html, warnings = docx_to_html(_doc_with(tmp_path, xml))
    assert warnings == []
    body = html[html.index("<body>"):]
    assert "保留插入控件链接\t制表\u00ad<br>换行" in body
    assert "删除" not in body and "隐藏" not in body


def test_unsupported_element_is_named_and_its_text_kept(tmp_path: Path) -> None:
    d = docx.Document()
    add_textbox(d.add_paragraph("正文"), "框内文字")
    path = tmp_path / "带文本框.docx"
    d.save(str(path))
    html, warnings = docx_to_html(path)
    assert "框内文字" in html
    assert len(warnings) == 1
    w = warnings[0]
    assert w.severity == "warning" and w.file == path
    assert "带文本框.docx" in w.message and "文本框" in w.message and "w:txbxContent" in w.message


def test_equation_warns_and_keeps_text(tmp_path: Path) -> None:
    xml = ('<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math">'
           '<m:r><m:t>E=mc2</m:t></m:r></m:oMath>')
    html, warnings = docx_to_html(_doc_with(tmp_path, xml))
    assert "E=mc2" in html
    assert any("m:oMath" in w.message for w in warnings)


def test_not_a_docx_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "坏文件.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(PdfError, match="坏文件.docx"):
        docx_to_html(bad)


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"),
                                         (21, "二十一"), (105, "一百零五"), (110, "一百一十")])
def test_chinese_counting(n: int, text: str) -> None:
    assert chinese_counting(n) == text


def test_number_formats() -> None:
    assert format_number(3, "ideographTraditional") == "丙"
    assert format_number(2, "decimalEnclosedCircle") == "②"
    assert format_number(4, "upperRoman") == "IV"
    assert format_number(28, "lowerLetter") == "bb"


def test_import_is_light() -> None:
    code = ("import sys, dossier.pdf; "
            "print(any(m in sys.modules for m in ('weasyprint', 'docx', 'lxml')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="fc-match (fontconfig) not installed")
@pytest.mark.parametrize(("name", "family", "style"), [
    ("仿宋_GB2312", "Serif CJK SC", "Regular"), ("楷体_GB2312", "", "Regular"),
    ("黑体", "Sans CJK SC", "Regular"), ("方正小标宋简体", "Serif CJK SC", "Bold")])
def test_fontconfig_aliases(name: str, family: str, style: str) -> None:
    env = {"FONTCONFIG_FILE": str(fonts.FONTS_CONF), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(["fc-match", name], capture_output=True, text=True, env=env).stdout
    assert "DejaVu" not in out and "Liberation" not in out  # never a Latin fallback
    assert family in out and style in out


def test_no_cjk_font_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if shutil.which("fc-list") is None:
        pytest.skip("fc-list (fontconfig) not installed")
    empty = tmp_path / "empty.conf"
    empty.write_text('<?xml version="1.0"?><fontconfig><dir>/nonexistent</dir></fontconfig>')
    monkeypatch.setenv("FONTCONFIG_FILE", str(empty))
    fonts.reset_cjk_check()
    try:
        with pytest.raises(PdfError) as info:
            fonts.ensure_cjk_font()
        assert info.value.hint and "fonts-noto-cjk" in info.value.hint
    finally:
        fonts.reset_cjk_check()
