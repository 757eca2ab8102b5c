"""Drawings: pictures become <img> with data URIs; text boxes, charts, SmartArt are reported."""

from __future__ import annotations

import base64
import re

from dossier.pdf._context import Context
from dossier.pdf._ooxml import NS, El, R, etree, fmt_pt, local, num

_A = "{" + NS["a"] + "}"
_WP = "{" + NS["wp"] + "}"
_V = "{" + NS["v"] + "}"
_W = "{" + NS["w"] + "}"
_EMU_PER_PT = 12700.0
_WEB_IMAGES = {"image/png", "image/jpeg", "image/gif", "image/bmp", "image/svg+xml",
               "image/webp", "image/tiff"}


def graphic(ctx: Context, el: El) -> str:
    """HTML for a `w:drawing`, `w:pict` or `w:object`; unsupported parts are warned about."""
    name = local(el.tag)
    if name == "w:drawing":
        return "".join(_drawing(ctx, frame) for frame in el if local(frame.tag) in ("wp:inline", "wp:anchor"))
    if name == "w:object":
        ctx.warn("嵌入对象（w:object），仅输出其预览图")
    return _vml(ctx, el)


def _text_boxes(ctx: Context, el: El) -> bool:
    found = False
    for box in el.iter(_W + "txbxContent"):
        found = True
        ctx.warn("文本框（w:txbxContent），其文字按普通段落输出")
        ctx.after.append(ctx.blocks(ctx, box, None))
    return found


def _drawing(ctx: Context, frame: El) -> str:
    extent = frame.find(_WP + "extent")
    w = (num(extent.get("cx")) or 0) / _EMU_PER_PT if extent is not None else 0.0
    h = (num(extent.get("cy")) or 0) / _EMU_PER_PT if extent is not None else 0.0
    data = frame.find(f"{_A}graphic/{_A}graphicData")
    uri = (data.get("uri") or "") if data is not None else ""
    if uri.endswith("/chart"):
        ctx.warn("图表（c:chart），未输出")
        return ""
    if uri.endswith("/diagram"):
        ctx.warn("SmartArt（dgm:relIds），仅输出其文字")
        _smartart_text(ctx, data)
        return ""
    blips = list(frame.iter(_A + "blip"))
    has_text = _text_boxes(ctx, frame)
    if len(blips) == 1 and uri.endswith("/picture"):
        return _img(ctx, blips[0].get(R + "embed") or blips[0].get(R + "link"), w, h)
    if blips:  # a group or canvas holding several pictures: keep them, sizes are the picture's own
        return "".join(_img(ctx, b.get(R + "embed"), 0.0, 0.0) for b in blips)
    if not has_text:
        ctx.warn(f"图形（{uri.rsplit('/', 1)[-1] or 'drawing'}），未输出")
    return ""


def _smartart_text(ctx: Context, data: El) -> None:
    rel = next((e for e in data.iter() if local(e.tag).endswith(":relIds")), None)
    rid = rel.get(R + "dm") if rel is not None else None
    part = ctx.part.related_parts.get(rid) if rid else None
    if part is None:
        return
    try:
        root = etree.fromstring(part.blob)
    except etree.XMLSyntaxError:
        return
    texts = [t.text for t in root.iter(_A + "t") if t.text]
    if texts:
        ctx.after.append("".join(f"<p>{_esc(t)}</p>" for t in texts))


def _vml(ctx: Context, el: El) -> str:
    has_text = _text_boxes(ctx, el)
    out = []
    for img in el.iter(_V + "imagedata"):
        shape = img.getparent()
        style = shape.get("style") or "" if shape is not None else ""
        out.append(_img(ctx, img.get(R + "id"), _css_len(style, "width"), _css_len(style, "height")))
    if not out and not has_text and local(el.tag) == "w:pict":
        ctx.warn("VML 图形（w:pict），未输出")
    return "".join(out)


def _css_len(style: str, prop: str) -> float:
    m = re.search(rf"(?:^|;)\s*{prop}\s*:\s*([\d.]+)\s*(pt|in|px|cm|mm)?", style)
    if not m:
        return 0.0
    factor = {"pt": 1.0, "in": 72.0, "px": 0.75, "cm": 72 / 2.54, "mm": 72 / 25.4}.get(m.group(2) or "px", 1.0)
    return float(m.group(1)) * factor


def _img(ctx: Context, rid: str | None, w: float, h: float) -> str:
    if not rid:
        return ""
    key = (str(ctx.part.partname), rid)
    uri = ctx.images.get(key)
    if uri is None:
        part = ctx.part.related_parts.get(rid)
        if part is None:
            ctx.warn("图片（a:blip）链接到文件外部，未输出")
            return ""
        ctype = part.content_type
        if ctype not in _WEB_IMAGES:
            ctx.warn(f"图片格式（{ctype}），未输出")
            return ""
        uri = ctx.images[key] = f"data:{ctype};base64,{base64.b64encode(part.blob).decode('ascii')}"
    size = ""
    if w > 0 and h > 0:
        size = f' style="width:{fmt_pt(w)};height:{fmt_pt(h)}"'
    return f'<img src="{uri}" alt=""{size}>'


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
