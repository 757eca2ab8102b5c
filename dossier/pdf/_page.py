"""Section properties → @page rules; headers and footers → margin boxes with page counters."""

from __future__ import annotations

from dataclasses import dataclass, field

from dossier.pdf._context import Break, Context, FieldRef, Segment, Text
from dossier.pdf._inline import inline
from dossier.pdf._ooxml import NS, El, R, W, child, css_string, fmt_pt, twips_pt, val
from dossier.pdf._styles import Grid, merge, read_ppr, run_css

_A4 = (595.3, 841.9)
_MC_FALLBACK = "{" + NS["mc"] + "}Fallback"
_POSITIONS = ("left", "center", "right")


@dataclass(frozen=True)
class PageSetup:
    """One section's page: size and margins in points, header/footer relationship ids."""

    width: float = _A4[0]
    height: float = _A4[1]
    top: float = 72.0
    right: float = 90.0
    bottom: float = 72.0
    left: float = 90.0
    header: float = 42.5
    footer: float = 49.6
    title_pg: bool = False
    refs: tuple[tuple[str, str, str], ...] = ()  # (header|footer, default|first|even, rId)
    start: str = "nextPage"
    grid: Grid = field(default_factory=Grid)

    def key(self) -> tuple[object, ...]:
        """Sections with equal keys can share one CSS page."""
        return (self.width, self.height, self.top, self.right, self.bottom, self.left,
                self.header, self.footer, self.title_pg, self.refs)


def read_section(sect: El | None, inherited: tuple[tuple[str, str, str], ...] = ()) -> PageSetup:
    """Parse a `w:sectPr`; header/footer references missing here are inherited (as Word does)."""
    if sect is None:
        return PageSetup(refs=inherited)
    sz, mar = child(sect, "pgSz"), child(sect, "pgMar")

    def m(attr: str, default: float) -> float:
        v = twips_pt(val(mar, attr))
        return abs(v) if v is not None else default

    own = {(local_kind, val(ref, "type") or "default"): ref.get(R + "id") or ""
           for local_kind in ("header", "footer")
           for ref in sect.iterfind(f"{W}{local_kind}Reference")}
    refs = dict(((k, t), rid) for k, t, rid in inherited)
    refs.update(own)
    grid_el = child(sect, "docGrid")
    gtype = val(grid_el, "type")
    pitch = twips_pt(val(grid_el, "linePitch")) if gtype in ("lines", "linesAndChars", "snapToChars") else None
    char_space = 0.0
    if gtype in ("linesAndChars", "snapToChars") and (cs := val(grid_el, "charSpace")):
        char_space = round(int(cs) / 4096.0, 2) if cs.lstrip("-").isdigit() else 0.0
    return PageSetup(
        width=twips_pt(val(sz, "w")) or _A4[0],
        height=twips_pt(val(sz, "h")) or _A4[1],
        top=m("top", 72.0), right=m("right", 90.0), bottom=m("bottom", 72.0),
        left=m("left", 90.0) + m("gutter", 0.0), header=m("header", 42.5), footer=m("footer", 49.6),
        title_pg=child(sect, "titlePg") is not None and val(child(sect, "titlePg")) not in ("0", "false"),
        refs=tuple(sorted((k, t, rid) for (k, t), rid in refs.items())),
        start=val(child(sect, "type")) or "nextPage",
        grid=Grid(pitch, char_space),
    )


def _box(ctx: Context, part_el: El, kind: str, setup: PageSetup) -> tuple[str, str] | None:
    """(position, declarations) of the margin box a header/footer part fills, or None if empty."""
    contents: list[str] = []
    decl: dict[str, str] = {}
    pos = "left"
    for p in part_el.iter(W + "p"):
        if any(a.tag == _MC_FALLBACK for a in p.iterancestors()):
            continue  # the VML copy of a text box we read from mc:Choice
        segs: list[Segment] = []
        inline(ctx, p, segs)
        tokens: list[str] = []
        lead_tabs = 0
        first_r: dict[str, object] | None = None
        for s in segs:
            if isinstance(s, Text):
                text = s.text
                if not tokens and text.strip("\t") == "":
                    lead_tabs += text.count("\t")
                    continue
                tokens.append(css_string(text.replace("\t", "  ")))
                first_r = s.r if first_r is None else first_r
            elif isinstance(s, FieldRef):
                tokens.append(f"counter({s.name})")
                first_r = s.r if first_r is None else first_r
            elif isinstance(s, Break) and tokens:
                tokens.append('"\\A "')
        if not tokens:
            continue
        if not contents:
            ppr = child(p, "pPr")
            style_p, style_r = ctx.sheet.paragraph(val(child(ppr, "pStyle")))
            pp = merge(style_p, read_ppr(ppr))
            jc = pp.get("jc")
            # Word's Header/Footer styles centre with a tab stop and right-align with a second one.
            pos = ("center" if jc == "center" or lead_tabs == 1 else
                   "right" if jc in ("right", "end") or lead_tabs >= 2 else "left")
            decl = {k: v for k, v in run_css(merge(style_r, first_r or {})).items()
                    if k in ("font-family", "font-size", "font-weight", "font-style", "color")}
            for side in ("left", "right"):
                ch, pt = pp.get(side + "_ch"), pp.get(side)
                if isinstance(ch, float) and ch:
                    decl[f"padding-{side}"] = f"{ch:.3g}em"
                elif isinstance(pt, float) and pt > 0:
                    decl[f"padding-{side}"] = fmt_pt(pt)
        else:
            tokens.insert(0, '"\\A "')
        contents.extend(tokens)
    if not contents:
        return None
    decl["content"] = " ".join(contents)
    decl["text-align"] = pos
    decl["white-space"] = "pre"
    if kind == "header":
        decl.update({"vertical-align": "top", "padding-top": fmt_pt(setup.header)})
    else:
        decl.update({"vertical-align": "bottom", "padding-bottom": fmt_pt(setup.footer)})
    return pos, ";".join(f"{k}:{v}" for k, v in decl.items())


def _boxes(ctx: Context, setup: PageSetup, variant: str, explicit: bool) -> str:
    """Margin-box rules for one variant (default/first/even); `explicit` also clears empty boxes."""
    refs = {(k, t): rid for k, t, rid in setup.refs}
    out: list[str] = []
    for kind, edge in (("header", "top"), ("footer", "bottom")):
        rid = refs.get((kind, variant))
        box = None
        if rid and (part := ctx.part.related_parts.get(rid)) is not None:
            saved, ctx.part, ctx.header_mode = ctx.part, part, True
            try:
                box = _box(ctx, part.element, kind, setup)
            finally:
                ctx.part, ctx.header_mode = saved, False
                ctx.fields.clear()
                ctx.after.clear()
        for pos in _POSITIONS:
            if box is not None and box[0] == pos:
                out.append(f"@{edge}-{pos}{{{box[1]}}}")
            elif explicit:
                out.append(f"@{edge}-{pos}{{content:none}}")
    return "".join(out)


def page_css(ctx: Context, setup: PageSetup, name: str | None, *, first_section: bool,
             even_odd: bool, mirror: bool) -> str:
    """Build the @page rules of one section (GB/T 9704: odd pages number right, even pages left)."""
    sel = "@page" + (f" {name}" if name else "")
    rules = [
        f"{sel}{{size:{fmt_pt(setup.width)} {fmt_pt(setup.height)};margin:{fmt_pt(setup.top)} "
        f"{fmt_pt(setup.right)} {fmt_pt(setup.bottom)} {fmt_pt(setup.left)}}}"
    ]
    # Odd pages are CSS :right pages (page 1 is a right page), even pages :left; giving each
    # its own boxes avoids clearing the other's, and every margin box costs layout time.
    if even_odd:
        rules.append(f"{sel}:right{{{_boxes(ctx, setup, 'default', False)}}}")
        rules.append(f"{sel}:left{{{_boxes(ctx, setup, 'even', False)}}}")
    else:
        rules.append(f"{sel}{{{_boxes(ctx, setup, 'default', False)}}}")
    if mirror:
        rules.append(f"{sel}:left{{margin-left:{fmt_pt(setup.right)};margin-right:{fmt_pt(setup.left)}}}")
    if setup.title_pg and first_section:
        rules.append(f"{sel}:first{{{_boxes(ctx, setup, 'first', True)}}}")
    return "".join(r for r in rules if not r.endswith("{}"))
