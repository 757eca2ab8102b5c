"""Word style resolution: docDefaults + basedOn chains → flat property dicts → CSS.

Properties are first collected in Word terms (so that inheritance merges like Word does) and
turned into CSS only at the end, when the font size needed for line heights is known.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from dossier.pdf import fonts
from dossier.pdf._ooxml import El, child, fmt_pt, num, on, twips_pt, val

Props = dict[str, object]

_BORDER_STYLES = {
    "single": "solid", "thick": "solid", "double": "double", "dotted": "dotted",
    "dashed": "dashed", "dotDash": "dashed", "dotDotDash": "dotted", "triple": "double",
    "thinThickSmallGap": "double", "thickThinSmallGap": "double", "wave": "solid",
}
_HIGHLIGHT = {
    "yellow": "#ffff00", "green": "#00ff00", "cyan": "#00ffff", "magenta": "#ff00ff",
    "blue": "#0000ff", "red": "#ff0000", "darkBlue": "#000080", "darkCyan": "#008080",
    "darkGreen": "#008000", "darkMagenta": "#800080", "darkRed": "#800000",
    "darkYellow": "#808000", "darkGray": "#808080", "lightGray": "#c0c0c0", "black": "#000000",
    "white": "#ffffff",
}
NATURAL_LINE = 1.3  # Word's "single" line for CJK faces is about 1.3 × the font size
DEFAULT_LINE_PT = 15.6  # one "行" of spacing (beforeLines) without a document grid


def border_css(el: El | None) -> str | None:
    """CSS for one `w:top`/`w:bottom`/… border element; "none" for nil; None when absent."""
    if el is None:
        return None
    style = val(el) or "single"
    if style in ("nil", "none"):
        return "none"
    width = max((num(val(el, "sz")) or 4) / 8.0, 0.25)
    if style in ("double", "triple") or "Gap" in style:
        width = max(width * 3, 1.5)  # CSS `double` needs room for two lines and a gap
    color = val(el, "color")
    css_color = f"#{color}" if color and color != "auto" and re.fullmatch(r"[0-9A-Fa-f]{6}", color) else "#000"
    return f"{fmt_pt(width)} {_BORDER_STYLES.get(style, 'solid')} {css_color}"


def _fill(shd: El | None) -> str | None:
    fill = val(shd, "fill")
    if fill and fill != "auto" and re.fullmatch(r"[0-9A-Fa-f]{6}", fill):
        return f"#{fill}"
    return None


def read_rpr(rpr: El | None, theme_fonts: dict[str, str]) -> Props:
    """Run properties in Word terms."""
    p: Props = {}
    if rpr is None:
        return p
    fonts_el = child(rpr, "rFonts")
    if fonts_el is not None:
        # As in Word, a theme reference beats the explicit name next to it.
        ea = theme_fonts.get(val(fonts_el, "eastAsiaTheme") or "") or val(fonts_el, "eastAsia")
        asc = theme_fonts.get(val(fonts_el, "asciiTheme") or "") or val(fonts_el, "ascii")
        asc = asc or val(fonts_el, "hAnsi")
        if ea:
            p["ea"] = ea
        if asc:
            p["ascii"] = asc
    for tag in ("b", "i", "strike", "dstrike", "caps", "smallCaps", "vanish"):
        t = on(child(rpr, tag))
        if t is not None:
            p[tag] = t
    sz = num(val(child(rpr, "sz")))
    if sz:
        p["sz"] = sz / 2.0
    u = child(rpr, "u")
    if u is not None:
        p["u"] = (val(u) or "single") != "none"
    color = val(child(rpr, "color"))
    if color and color != "auto" and re.fullmatch(r"[0-9A-Fa-f]{6}", color):
        p["color"] = f"#{color}"
    hl = val(child(rpr, "highlight"))
    if hl and hl in _HIGHLIGHT:
        p["bg"] = _HIGHLIGHT[hl]
    elif (fill := _fill(child(rpr, "shd"))) is not None:
        p["bg"] = fill
    va = val(child(rpr, "vertAlign"))
    if va in ("superscript", "subscript"):
        p["vert"] = va
    sp = twips_pt(val(child(rpr, "spacing")))
    if sp is not None:
        p["spacing"] = sp
    return p


def read_ppr(ppr: El | None) -> Props:
    """Paragraph properties in Word terms (indents and spacing in points or characters)."""
    p: Props = {}
    if ppr is None:
        return p
    jc = val(child(ppr, "jc"))
    if jc:
        p["jc"] = jc
    ind = child(ppr, "ind")
    if ind is not None:
        for key, attrs in (("left", ("left", "start")), ("right", ("right", "end"))):
            for a in attrs:
                if (v := twips_pt(val(ind, a))) is not None:
                    p[key] = v
            if (c := num(val(ind, attrs[0] + "Chars") or val(ind, attrs[1] + "Chars"))) is not None:
                p[key + "_ch"] = c / 100.0
        if (v := twips_pt(val(ind, "firstLine"))) is not None:
            p["first"], p["first_ch"] = v, None
        if (v := twips_pt(val(ind, "hanging"))) is not None:
            p["first"], p["first_ch"] = -v, None
        if (c := num(val(ind, "firstLineChars"))) is not None and c:
            p["first_ch"] = c / 100.0
        if (c := num(val(ind, "hangingChars"))) is not None and c:
            p["first_ch"] = -c / 100.0
    sp = child(ppr, "spacing")
    if sp is not None:
        for key in ("before", "after"):
            if (v := twips_pt(val(sp, key))) is not None:
                p[key] = v
            if (c := num(val(sp, key + "Lines"))) is not None:
                p[key + "_lines"] = c / 100.0
        if (line := num(val(sp, "line"))) is not None:
            p["line"] = line
            p["line_rule"] = val(sp, "lineRule") or "auto"
    for tag, key in (("keepNext", "keep_next"), ("keepLines", "keep_lines"),
                     ("pageBreakBefore", "break_before"), ("snapToGrid", "snap")):
        t = on(child(ppr, tag))
        if t is not None:
            p[key] = t
    if (fill := _fill(child(ppr, "shd"))) is not None:
        p["p_bg"] = fill
    bdr = child(ppr, "pBdr")
    if bdr is not None:
        for side in ("top", "bottom", "left", "right"):
            el = child(bdr, side)
            if (css := border_css(el)) is not None:
                p["bdr_" + side] = (css, num(val(el, "space")) or 0.0)
    numpr = child(ppr, "numPr")
    if numpr is not None:
        if (n := val(child(numpr, "numId"))) is not None:
            p["numId"] = n
        if (lvl := val(child(numpr, "ilvl"))) is not None:
            p["ilvl"] = int(num(lvl) or 0)
    return p


def merge(*layers: Props) -> Props:
    """Later layers override earlier ones; a `*_ch` indent overrides the twips one and back."""
    out: Props = {}
    for layer in layers:
        for k, v in layer.items():
            if k in ("left", "right") and k + "_ch" in out and k + "_ch" not in layer:
                out.pop(k + "_ch")
            out[k] = v
    return out


@dataclass(frozen=True)
class Grid:
    """The section's document grid (文档网格): Word snaps line heights to it."""

    pitch: float | None = None  # points per line when lines snap, else None
    char_space: float = 0.0  # extra points per character (linesAndChars)


def run_css(r: Props) -> dict[str, str]:
    """CSS for run-level properties (also used for a paragraph's own font)."""
    css: dict[str, str] = {}
    ea = r.get("ea")
    asc = r.get("ascii")
    if ea or asc:
        css["font-family"] = fonts.css_family(str(ea) if ea else None, str(asc) if asc else None)
    size = r.get("sz")
    if isinstance(size, float):
        css["font-size"] = fmt_pt(size)
    heavy = bool(ea and fonts.is_heavy(str(ea)))
    if r.get("b") or heavy:
        css["font-weight"] = "bold"
    elif r.get("b") is False:
        css["font-weight"] = "normal"
    if r.get("i") is not None:
        css["font-style"] = "italic" if r.get("i") else "normal"
    deco = [d for d, k in (("underline", "u"), ("line-through", "strike"),
                           ("line-through", "dstrike")) if r.get(k)]
    if deco or any(r.get(k) is False for k in ("u", "strike", "dstrike")):
        css["text-decoration"] = " ".join(dict.fromkeys(deco)) or "none"
    if "color" in r:
        css["color"] = str(r["color"])
    if "bg" in r:
        css["background-color"] = str(r["bg"])
    if r.get("vert"):
        css["vertical-align"] = "super" if r["vert"] == "superscript" else "sub"
        css["font-size"] = "0.6em" if "font-size" not in css else fmt_pt(float(str(size)) * 0.6)
    if r.get("caps"):
        css["text-transform"] = "uppercase"
    if r.get("smallCaps"):
        css["font-variant"] = "small-caps"
    if isinstance(sp := r.get("spacing"), float):
        css["letter-spacing"] = fmt_pt(sp)
    return css


def _line_height(p: Props, size: float, grid: Grid) -> str | None:
    line = p.get("line")
    rule = p.get("line_rule", "auto")
    snap = p.get("snap", True) and grid.pitch is not None
    if not isinstance(line, float):
        if snap and grid.pitch is not None:
            return fmt_pt(grid.pitch * max(1, math.ceil(size * NATURAL_LINE / grid.pitch - 1e-6)))
        return None
    if rule == "exact":
        return fmt_pt(line / 20.0)
    if rule == "atLeast":
        return fmt_pt(max(line / 20.0, size * NATURAL_LINE))
    mult = line / 240.0
    if snap and grid.pitch is not None:
        lines = max(1, math.ceil(size * NATURAL_LINE / grid.pitch - 1e-6))
        return fmt_pt(grid.pitch * lines * mult)
    return f"{NATURAL_LINE * mult:.3g}"


def paragraph_css(p: Props, r: Props, grid: Grid) -> dict[str, str]:
    """Full CSS of a paragraph: its text font (from `r`) plus layout (from `p`)."""
    css = run_css(r)
    size = r.get("sz") if isinstance(r.get("sz"), float) else 10.0
    assert isinstance(size, float)
    jc = p.get("jc")
    if jc in ("center",):
        css["text-align"] = "center"
    elif jc in ("right", "end"):
        css["text-align"] = "right"
    elif jc in ("both", "distribute", "thaiDistribute", "lowKashida", "mediumKashida", "highKashida"):
        css["text-align"] = "justify"
        if jc == "distribute":
            css["text-align-last"] = "justify"
    elif jc in ("left", "start"):
        css["text-align"] = "left"
    for key, prop in (("left", "margin-left"), ("right", "margin-right")):
        ch = p.get(key + "_ch")
        if isinstance(ch, float) and ch:
            css[prop] = f"{ch:.3g}em"
        elif isinstance(v := p.get(key), float) and v:
            css[prop] = fmt_pt(v)
    first_ch = p.get("first_ch")
    if isinstance(first_ch, float) and first_ch:
        css["text-indent"] = f"{first_ch:.3g}em"
    elif isinstance(first := p.get("first"), float) and first:
        css["text-indent"] = fmt_pt(first)
    line_pt = grid.pitch or DEFAULT_LINE_PT
    for key, prop in (("before", "margin-top"), ("after", "margin-bottom")):
        lines = p.get(key + "_lines")
        pts = line_pt * lines if isinstance(lines, float) else p.get(key)
        if isinstance(pts, float) and pts:
            css[prop] = fmt_pt(pts)
    if (lh := _line_height(p, size, grid)) is not None:
        css["line-height"] = lh
    if grid.char_space and p.get("snap", True):
        css["letter-spacing"] = fmt_pt(grid.char_space)
    if p.get("keep_next"):
        css["break-after"] = "avoid"
    if p.get("keep_lines"):
        css["break-inside"] = "avoid"
    if p.get("break_before"):
        css["break-before"] = "page"
    if "p_bg" in p:
        css["background-color"] = str(p["p_bg"])
    for side in ("top", "bottom", "left", "right"):
        b = p.get("bdr_" + side)
        if isinstance(b, tuple):
            css["border-" + side] = str(b[0])
            if b[1]:
                css["padding-" + side] = fmt_pt(float(b[1]))
    return css


def css_decl(css: dict[str, str]) -> str:
    """`a:b;c:d` in a stable order."""
    return ";".join(f"{k}:{v}" for k, v in css.items())


def theme_fonts(theme_xml: El | None) -> dict[str, str]:
    """Read the theme's major/minor East-Asian and Latin typefaces, keyed like `w:eastAsiaTheme`."""
    out: dict[str, str] = {}
    if theme_xml is None:
        return out
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    for kind in ("major", "minor"):
        font = theme_xml.find(f".//{a}{kind}Font")
        if font is None:
            continue
        latin = font.find(f"{a}latin")
        ea = font.find(f"{a}ea")
        hans = [f for f in font.findall(f"{a}font") if f.get("script") == "Hans"]
        ea_face = (ea.get("typeface") if ea is not None else "") or (
            hans[0].get("typeface") if hans else "")
        if ea_face:
            out[f"{kind}EastAsia"] = ea_face
        if latin is not None and latin.get("typeface"):
            out[f"{kind}HAnsi"] = out[f"{kind}Ascii"] = latin.get("typeface")
    return out

