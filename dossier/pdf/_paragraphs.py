"""Paragraphs → <p> elements: one class per Word style, direct formatting as small diffs."""

from __future__ import annotations

from dossier.pdf._context import Break, Context, FieldRef, Raw, Segment, Text
from dossier.pdf._inline import inline
from dossier.pdf._numbering import Marker
from dossier.pdf._ooxml import El, child, fmt_pt, val
from dossier.pdf._styles import Props, css_decl, merge, paragraph_css, read_ppr, read_rpr, run_css

# What a property falls back to when direct formatting removes something the style sets.
_RESET = {"text-indent": "0", "margin-left": "0", "margin-right": "0", "margin-top": "0",
          "margin-bottom": "0", "font-weight": "normal", "font-style": "normal",
          "text-decoration": "none", "break-before": "auto", "break-after": "auto",
          "break-inside": "auto", "background-color": "transparent", "letter-spacing": "normal"}
_LIST_KEYS = ("numId", "ilvl")


def esc(s: str) -> str:
    """Escape text for HTML element content."""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _diff(full: dict[str, str], base: dict[str, str]) -> dict[str, str]:
    out = {k: v for k, v in full.items() if base.get(k) != v}
    for k in base:
        if k not in full:
            out[k] = _RESET.get(k, "initial")
    return out


class _Runs:
    """Turns run segments into spans, sharing one class per distinct formatting."""

    def __init__(self, ctx: Context, para_r: Props) -> None:
        self.ctx = ctx
        self.para_r = para_r
        self.base = run_css(para_r)
        self.cache: dict[tuple[tuple[str, object], ...], str] = {}

    def cls(self, r: Props) -> str:
        if not r:
            return ""
        key = tuple(sorted(r.items()))
        name = self.cache.get(key)
        if name is None:
            diff = _diff(run_css(merge(self.para_r, r)), self.base)
            name = self.cache[key] = self.ctx.run_class(diff) if diff else ""
        return name


def _marker_html(ctx: Context, runs: _Runs, m: Marker, p: Props) -> str:
    r = dict(m.r)
    if m.bullet:  # Symbol/Wingdings names would pick a font that lacks the Unicode bullet
        r.pop("ea", None)
        r.pop("ascii", None)
    css = _diff(run_css(merge(runs.para_r, r)), runs.base)
    first_ch, first = p.get("first_ch"), p.get("first")
    hang = ""
    if isinstance(first_ch, float) and first_ch < 0:
        hang = f"{-first_ch:.3g}em"
    elif isinstance(first, float) and first < 0:
        hang = fmt_pt(-first)
    if m.suffix == "tab" and hang:
        # The tab after the marker jumps to the hanging indent: a box that wide does the same.
        css.update({"display": "inline-block", "min-width": hang, "text-indent": "0"})
        suffix = ""
    else:
        suffix = {"tab": "\t", "space": " "}.get(m.suffix, "")
    cls = ctx.run_class(css) if css else ""
    open_tag = f'<span class="{cls}">' if cls else "<span>"
    return f"{open_tag}{esc(m.text)}</span>{suffix}"


def _chunks(runs: _Runs, segs: list[Segment]) -> list[str]:
    """HTML of the paragraph's content, split where page breaks are."""
    chunks: list[list[str]] = [[]]
    cur_cls: str | None = None
    buf: list[str] = []

    def flush() -> None:
        nonlocal cur_cls
        if buf:
            text = esc("".join(buf))
            chunks[-1].append(f'<span class="{cur_cls}">{text}</span>' if cur_cls else text)
            buf.clear()
        cur_cls = None

    for seg in segs:
        if isinstance(seg, Text):
            c = runs.cls(seg.r)
            if c != cur_cls:
                flush()
                cur_cls = c
            buf.append(seg.text)
        elif isinstance(seg, Break):
            flush()
            if seg.kind == "page":
                chunks.append([])
            else:
                chunks[-1].append("<br>")
        elif isinstance(seg, Raw):
            flush()
            chunks[-1].append(seg.html)
        elif isinstance(seg, FieldRef):
            continue  # counters only exist in page margin boxes
    flush()
    return ["".join(c) for c in chunks]


def paragraph(ctx: Context, el: El, table_sid: str | None = None) -> str:
    """HTML for one `w:p`, followed by any text boxes it anchors."""
    ppr = child(el, "pPr")
    sid = val(child(ppr, "pStyle"))
    if not ctx.sheet.exists(sid, "paragraph"):
        sid = ctx.sheet.default_para
    style_p, style_r = ctx.sheet.paragraph(sid, table_sid)
    cls, base_css = ctx.para_class((sid, table_sid), lambda: paragraph_css(style_p, style_r, ctx.grid))
    direct = read_ppr(ppr)
    marker: Marker | None = None
    num_id = direct.get("numId", style_p.get("numId"))
    if isinstance(num_id, str):
        ilvl = direct.get("ilvl", style_p.get("ilvl", 0))
        marker = ctx.numbering.next_marker(num_id, ilvl if isinstance(ilvl, int) else 0)
    segs: list[Segment] = []
    inline(ctx, el, segs)
    empty = not any(isinstance(s, Text | Raw) for s in segs)
    r = style_r
    if empty and ppr is not None and (mark := read_rpr(child(ppr, "rPr"), ctx.sheet.theme)):
        r = merge(style_r, {k: v for k, v in mark.items() if k in ("sz", "ea", "ascii")})
    p = merge(style_p, marker.p, direct) if marker else style_p if not direct else merge(style_p, direct)
    style_attr = ""
    if marker or r is not style_r or any(k not in _LIST_KEYS for k in direct):
        diff = _diff(paragraph_css(p, r, ctx.grid), base_css)
        if diff:
            style_attr = f' style="{css_decl(diff)}"'
    runs = _Runs(ctx, r)
    chunks = _chunks(runs, segs)
    if marker and marker.text:
        chunks[0] = _marker_html(ctx, runs, marker, p) + chunks[0]
    # Word (2013+) keeps the paragraph mark after a trailing page break on the old page:
    # the next paragraph, not an empty line, starts the new page.
    trailing_break = len(chunks) > 1 and not chunks[-1]
    if trailing_break:
        chunks.pop()
    html: list[str] = []
    for i, chunk in enumerate(chunks):
        if i == 0 and not chunk and len(chunks) > 1:
            continue  # a paragraph that starts with a page break: nothing before it
        brk = ";break-before:page" if i > 0 or ctx.pending_break else ""
        ctx.pending_break = False
        attr = style_attr
        if brk:
            attr = f' style="{style_attr[8:-1]}{brk}"' if style_attr else f' style="{brk[1:]}"'
        html.append(f'<p class="{cls}"{attr}>{chunk or "&#160;"}</p>')
    if trailing_break:
        ctx.pending_break = True
    if ctx.after:
        html.extend(ctx.after)
        ctx.after.clear()
    return "".join(html)
