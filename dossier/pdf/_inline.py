"""Inline content of a paragraph (runs, fields, tracked changes, SDTs) → segments."""

from __future__ import annotations

from dossier.pdf import _media
from dossier.pdf._context import Break, Context, FieldRef, OpenField, Raw, Segment, Text
from dossier.pdf._ooxml import NS, El, W, child, local, val
from dossier.pdf._styles import Props, merge, read_rpr

# Containers whose children are ordinary inline content.
_TRANSPARENT = {"w:hyperlink", "w:ins", "w:moveTo", "w:smartTag", "w:customXml", "w:dir",
                "w:bdo", "w:fldSimple"}
# Markup with no visible content of its own.
_IGNORED = {"w:pPr", "w:bookmarkStart", "w:bookmarkEnd", "w:proofErr", "w:permStart",
            "w:permEnd", "w:commentRangeStart", "w:commentRangeEnd", "w:del", "w:moveFrom",
            "w:moveFromRangeStart", "w:moveFromRangeEnd", "w:moveToRangeStart",
            "w:moveToRangeEnd", "w:customXmlInsRangeStart", "w:customXmlInsRangeEnd",
            "w:customXmlDelRangeStart", "w:customXmlDelRangeEnd", "w:sdtPr", "w:sdtEndPr"}
_PAGE_FIELDS = {"PAGE": "page", "NUMPAGES": "pages", "SECTIONPAGES": "pages"}
_MATH = "{" + NS["m"] + "}"
_MC = "{" + NS["mc"] + "}"


def _field_name(instr: str) -> str:
    return (instr.split() or [""])[0].upper()


def inline(ctx: Context, parent: El, out: list[Segment]) -> None:
    """Append the segments of `parent`'s inline children to `out`."""
    for el in parent:
        name = local(el.tag)
        if name == "w:r":
            _run(ctx, el, out)
        elif name in _TRANSPARENT:
            if name == "w:fldSimple" and ctx.header_mode:
                fname = _field_name(el.get(W + "instr") or "")
                if fname in _PAGE_FIELDS:
                    first = el.find(f"{W}r/{W}rPr")
                    out.append(FieldRef(_PAGE_FIELDS[fname], _run_props(ctx, first)))
                    continue
            inline(ctx, el, out)
        elif name == "w:sdt":
            content = child(el, "sdtContent")
            if content is not None:
                inline(ctx, content, out)
        elif name in ("m:oMath", "m:oMathPara"):
            ctx.warn("公式（m:oMath），仅输出其文字")
            text = "".join(t.text or "" for t in el.iter(_MATH + "t"))
            out.append(Text(text, {}))
        elif name in _IGNORED or name == "":
            continue
        elif any(True for _ in el.iter(W + "t")):
            ctx.warn(f"未知元素（{name}），仅输出其文字")
            inline(ctx, el, out)


def _run_props(ctx: Context, rpr: El | None) -> Props:
    if rpr is None:
        return {}
    style = ctx.sheet.character(val(child(rpr, "rStyle")))
    direct = read_rpr(rpr, ctx.sheet.theme)
    return merge(style, direct) if style else direct


def _visible(ctx: Context) -> bool:
    """Text is shown only in a field's result part, and not where we print a counter instead."""
    return all(f.in_result and not f.replaced for f in ctx.fields)


def _run(ctx: Context, run: El, out: list[Segment]) -> None:
    r = _run_props(ctx, child(run, "rPr"))
    if r.get("vanish"):
        return  # hidden text is not printed by Word either
    _run_items(ctx, run, r, out)


def _run_items(ctx: Context, items: El, r: Props, out: list[Segment]) -> None:
    for el in items:
        name = local(el.tag)
        if name == "w:t":
            if el.text and _visible(ctx):
                out.append(Text(el.text, r))
        elif name == "w:fldChar":
            _fld_char(ctx, val(el, "fldCharType") or "", r, out)
        elif name == "w:instrText":
            if ctx.fields and not ctx.fields[-1].in_result:
                ctx.fields[-1].instr += el.text or ""
        elif not _visible(ctx):
            continue
        elif name in ("w:tab", "w:ptab"):
            out.append(Text("\t", r))
        elif name == "w:br":
            kind = val(el, "type")
            out.append(Break("page" if kind == "page" else "line"))
        elif name == "w:cr":
            out.append(Break("line"))
        elif name == "w:softHyphen":
            out.append(Text("\u00ad", r))
        elif name == "w:noBreakHyphen":
            out.append(Text("\u2011", r))
        elif name == "w:sym":
            code = val(el, "char") or ""
            try:
                ch = chr(int(code, 16))
            except ValueError:
                continue
            if "\uf000" <= ch <= "\uf0ff":  # Symbol/Wingdings code points shifted into the PUA
                ch = chr(ord(ch) - 0xF000)
            out.append(Text(ch, r))
        elif name in ("w:drawing", "w:pict", "w:object"):
            html = _media.graphic(ctx, el)
            if html:
                out.append(Raw(html))
        elif name == "mc:AlternateContent":
            # Word writes the same object twice (modern Choice, VML Fallback): take one only.
            choice = el.find(_MC + "Choice")
            if choice is None:
                choice = el.find(_MC + "Fallback")
            if choice is not None:
                _run_items(ctx, choice, r, out)
        elif name in ("w:footnoteReference", "w:endnoteReference"):
            kind = "footnote" if name == "w:footnoteReference" else "endnote"
            ctx.footnotes.append((kind, el.get(W + "id") or ""))
            ctx.warn("脚注/尾注（w:footnoteReference），已移到文末")
            out.append(Text(f"[{len(ctx.footnotes)}]", merge(r, {"vert": "superscript"})))
        elif name == "w:commentReference":
            ctx.warn("批注（w:commentReference），未输出")
        elif name in ("w:rPr", "w:lastRenderedPageBreak", "w:delText", "w:delInstrText",
                      "w:annotationRef", "w:footnoteRef", "w:endnoteRef", "w:separator",
                      "w:continuationSeparator", "w:dayShort", "w:monthShort", "w:yearShort",
                      "w:dayLong", "w:monthLong", "w:yearLong"):
            continue
        elif any(True for _ in el.iter(W + "t")):
            ctx.warn(f"未知元素（{name}），仅输出其文字")
            out.append(Text("".join(t.text or "" for t in el.iter(W + "t")), r))


def _fld_char(ctx: Context, kind: str, r: Props, out: list[Segment]) -> None:
    if kind == "begin":
        ctx.fields.append(OpenField())
    elif kind == "separate" and ctx.fields:
        f = ctx.fields[-1]
        f.in_result = True
        _maybe_counter(ctx, f, r, out)
    elif kind == "end" and ctx.fields:
        f = ctx.fields.pop()
        if not f.in_result:
            _maybe_counter(ctx, f, r, out)


def _maybe_counter(ctx: Context, f: OpenField, r: Props, out: list[Segment]) -> None:
    name = _field_name(f.instr)
    if ctx.header_mode and name in _PAGE_FIELDS and all(
            g.in_result and not g.replaced for g in ctx.fields if g is not f):
        f.replaced = True
        out.append(FieldRef(_PAGE_FIELDS[name], r))
