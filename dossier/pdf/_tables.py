"""Tables → <table> with fixed layout, colgroup widths from tblGrid, rowspan/colspan, borders."""

from __future__ import annotations

from dataclasses import dataclass, field

from dossier.pdf._context import Context
from dossier.pdf._ooxml import El, W, child, fmt_pt, local, num, twips_pt, val
from dossier.pdf._stylesheet import read_borders, read_margins

_DEFAULT_MARGINS = {"top": 0.0, "bottom": 0.0, "left": 5.4, "right": 5.4}  # Word: 108 twips


@dataclass
class _Cell:
    el: El
    col: int
    span: int
    rowspan: int = 1
    row: int = 0


@dataclass
class _Row:
    el: El
    cells: list[_Cell] = field(default_factory=list)


def _unwrap(parent: El, tag: str) -> list[El]:
    """Children named `tag`, looking through SDTs and customXml wrappers."""
    out: list[El] = []
    for el in parent:
        name = local(el.tag)
        if name == tag:
            out.append(el)
        elif name == "w:sdt" and (content := child(el, "sdtContent")) is not None:
            out.extend(_unwrap(content, tag))
        elif name == "w:customXml":
            out.extend(_unwrap(el, tag))
    return out


def _layout(tbl: El) -> list[_Row]:
    """Rows with each cell's grid column and spans; vMerge continuations fold into rowspan."""
    rows: list[_Row] = []
    owner: dict[int, _Cell] = {}  # grid column → the cell currently covering it vertically
    for r_i, tr in enumerate(_unwrap(tbl, "w:tr")):
        row = _Row(tr)
        col = int(num(val(tr.find(f"{W}trPr/{W}gridBefore"))) or 0)
        for tc in _unwrap(tr, "w:tc"):
            tcpr = child(tc, "tcPr")
            span = max(1, int(num(val(child(tcpr, "gridSpan"))) or 1))
            vm = child(tcpr, "vMerge")
            if vm is not None and (val(vm) or "continue") == "continue" and col in owner:
                top = owner[col]
                top.rowspan = r_i - top.row + 1
            else:
                cell = _Cell(tc, col, span, row=r_i)
                row.cells.append(cell)
                for c in range(col, col + span):
                    owner[c] = cell
            col += span
        rows.append(row)
    return rows


def table(ctx: Context, tbl: El) -> str:
    """HTML for one `w:tbl`."""
    tblpr = child(tbl, "tblPr")
    sid = val(child(tblpr, "tblStyle"))
    if not ctx.sheet.exists(sid, "table"):
        sid = ctx.sheet.default_table
    look = ctx.sheet.table(sid)
    borders = {**look.borders, **read_borders(child(tblpr, "tblBorders"))}
    margins = {**_DEFAULT_MARGINS, **look.margins, **read_margins(child(tblpr, "tblCellMar"))}
    grid = [twips_pt(val(gc, "w")) or 0.0 for gc in tbl.iterfind(f"{W}tblGrid/{W}gridCol")]
    rows = _layout(tbl)
    ncols = max([len(grid)] + [c.col + c.span for r in rows for c in r.cells])
    grid += [0.0] * (ncols - len(grid))
    total = sum(grid)
    tstyle = ["border-collapse:collapse", "table-layout:fixed"]
    if total:
        tstyle.append(f"width:{fmt_pt(total)}")
    jc = val(child(tblpr, "jc"))
    if jc == "center":
        tstyle.append("margin-left:auto;margin-right:auto")
    elif jc in ("right", "end"):
        tstyle.append("margin-left:auto;margin-right:0")
    elif (ind := twips_pt(val(child(tblpr, "tblInd"), "w"))) is not None and ind:
        tstyle.append(f"margin-left:{fmt_pt(ind)}")
    if ctx.pending_break:
        tstyle.append("break-before:page")
        ctx.pending_break = False
    html = [f'<table style="{";".join(tstyle)}">']
    if total:
        html.append("<colgroup>" + "".join(f'<col style="width:{fmt_pt(g)}">' for g in grid) + "</colgroup>")
    nrows = len(rows)
    head = 0
    while head < nrows and child(child(rows[head].el, "trPr"), "tblHeader") is not None:
        head += 1
    for r_i, row in enumerate(rows):
        if r_i == 0 and head:
            html.append("<thead>")
        trpr = child(row.el, "trPr")
        tr_css = []
        height = twips_pt(val(child(trpr, "trHeight")))
        if height:
            tr_css.append(f"height:{fmt_pt(height)}")
        if child(trpr, "cantSplit") is not None:
            tr_css.append("break-inside:avoid")
        html.append(f'<tr style="{";".join(tr_css)}">' if tr_css else "<tr>")
        for cell in row.cells:
            html.append(_cell(ctx, cell, sid, borders, margins, r_i, nrows, ncols))
        html.append("</tr>")
        if head and r_i == head - 1:
            html.append("</thead>")
    html.append("</table>")
    return "".join(html)


def _cell(ctx: Context, cell: _Cell, sid: str | None, borders: dict[str, str],
          margins: dict[str, float], r_i: int, nrows: int, ncols: int) -> str:
    tcpr = child(cell.el, "tcPr")
    own = read_borders(child(tcpr, "tcBorders"))
    last_row = r_i + cell.rowspan >= nrows
    sides = {
        "top": own.get("top") or borders.get("top" if r_i == 0 else "insideH"),
        "bottom": own.get("bottom") or borders.get("bottom" if last_row else "insideH"),
        "left": own.get("left") or borders.get("left" if cell.col == 0 else "insideV"),
        "right": own.get("right") or borders.get("right" if cell.col + cell.span >= ncols else "insideV"),
    }
    css: dict[str, str] = {}
    if len({v for v in sides.values()}) == 1 and sides["top"]:
        css["border"] = str(sides["top"])
    else:
        for side, b in sides.items():
            if b:
                css[f"border-{side}"] = b
    pad = {**margins, **read_margins(child(tcpr, "tcMar"))}
    css["padding"] = " ".join(fmt_pt(pad.get(s, 0.0)) for s in ("top", "right", "bottom", "left"))
    va = val(child(tcpr, "vAlign"))
    css["vertical-align"] = {"center": "middle", "bottom": "bottom"}.get(va or "", "top")
    fill = val(child(tcpr, "shd"), "fill")
    if fill and fill != "auto" and len(fill) == 6:
        css["background-color"] = f"#{fill}"
    attrs = f' class="{ctx.cell_class(css)}"'
    if cell.span > 1:
        attrs += f' colspan="{cell.span}"'
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    return f"<td{attrs}>{ctx.blocks(ctx, cell.el, sid)}</td>"
