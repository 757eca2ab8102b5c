"""styles.xml: docDefaults, paragraph/character/table styles and their basedOn chains."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from dossier.pdf._ooxml import El, W, child, twips_pt, val
from dossier.pdf._styles import Props, border_css, merge, read_ppr, read_rpr

_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")


@dataclass(frozen=True)
class TableLook:
    """What a table style contributes: borders, cell padding, and its text properties."""

    borders: dict[str, str] = field(default_factory=dict)
    margins: dict[str, float] = field(default_factory=dict)
    p: Props = field(default_factory=dict)
    r: Props = field(default_factory=dict)


def read_borders(el: El | None) -> dict[str, str]:
    """`w:tblBorders` / `w:tcBorders` → side → CSS border (start/end read as left/right)."""
    out: dict[str, str] = {}
    if el is None:
        return out
    for side in _SIDES + ("start", "end"):
        css = border_css(child(el, side))
        if css is not None:
            out[{"start": "left", "end": "right"}.get(side, side)] = css
    return out


def read_margins(el: El | None) -> dict[str, float]:
    """`w:tblCellMar` / `w:tcMar` → side → points."""
    out: dict[str, float] = {}
    if el is None:
        return out
    for side in ("top", "left", "bottom", "right", "start", "end"):
        m = child(el, side)
        if m is not None and (val(m, "type") in (None, "dxa")):
            pt = twips_pt(val(m, "w"))
            if pt is not None:
                out[{"start": "left", "end": "right"}.get(side, side)] = pt
    return out


class StyleSheet:
    """Resolves Word styles to flat property dicts, memoised per style id."""

    def __init__(self, styles: El | None, theme: dict[str, str]) -> None:
        self.theme = theme
        self._styles: dict[str, El] = {}
        self.default_para: str | None = None
        self.default_table: str | None = None
        self.names: dict[str, str] = {}
        defaults_p: Props = {}
        defaults_r: Props = {}
        if styles is not None:
            dd = child(styles, "docDefaults")
            if dd is not None:
                defaults_r = read_rpr(dd.find(f"{W}rPrDefault/{W}rPr"), theme)
                defaults_p = read_ppr(dd.find(f"{W}pPrDefault/{W}pPr"))
            for st in styles.iterfind(W + "style"):
                sid = st.get(W + "styleId")
                if not sid:
                    continue
                self._styles[sid] = st
                self.names[sid] = val(child(st, "name")) or sid
                if st.get(W + "default") in ("1", "true", "on"):
                    if st.get(W + "type") == "paragraph":
                        self.default_para = sid
                    elif st.get(W + "type") == "table":
                        self.default_table = sid
        self.defaults_p = defaults_p
        self.defaults_r = defaults_r
        if "sz" not in self.defaults_r:
            self.defaults_r["sz"] = 10.0  # Word's built-in default when nothing says otherwise

    def _chain(self, sid: str | None, kind: str) -> list[El]:
        """Styles from the root of the basedOn chain down to `sid` (cycles cut)."""
        out: list[El] = []
        seen: set[str] = set()
        while sid and sid not in seen and sid in self._styles:
            seen.add(sid)
            st = self._styles[sid]
            if st.get(W + "type") not in (kind, None):
                break
            out.append(st)
            sid = val(child(st, "basedOn"))
        return out[::-1]

    def exists(self, sid: str | None, kind: str) -> bool:
        """Whether a style id names a style of that type."""
        st = self._styles.get(sid or "")
        return st is not None and st.get(W + "type") == kind

    @functools.cache  # noqa: B019 - one StyleSheet per document, freed with it
    def paragraph(self, sid: str | None, table_sid: str | None = None) -> tuple[Props, Props]:
        """(paragraph props, run props) of a paragraph style: docDefaults < table style < style."""
        if not self.exists(sid, "paragraph"):
            sid = self.default_para
        chain = self._chain(sid, "paragraph")
        look = self.table(table_sid) if table_sid is not None else TableLook()
        p = merge(self.defaults_p, look.p, *(read_ppr(child(s, "pPr")) for s in chain))
        r = merge(self.defaults_r, look.r, *(read_rpr(child(s, "rPr"), self.theme) for s in chain))
        return p, r

    @functools.cache  # noqa: B019
    def character(self, sid: str | None) -> Props:
        """Run props a character style adds (no defaults: they come from the paragraph)."""
        if not self.exists(sid, "character"):
            return {}
        return merge(*(read_rpr(child(s, "rPr"), self.theme) for s in self._chain(sid, "character")))

    @functools.cache  # noqa: B019
    def table(self, sid: str | None) -> TableLook:
        """Borders, padding and text properties of a table style."""
        if not self.exists(sid, "table"):
            sid = self.default_table
        borders: dict[str, str] = {}
        margins: dict[str, float] = {}
        ps: list[Props] = []
        rs: list[Props] = []
        for st in self._chain(sid, "table"):
            tblpr = child(st, "tblPr")
            borders.update(read_borders(child(tblpr, "tblBorders")))
            margins.update(read_margins(child(tblpr, "tblCellMar")))
            ps.append(read_ppr(child(st, "pPr")))
            rs.append(read_rpr(child(st, "rPr"), self.theme))
        return TableLook(borders, margins, merge(*ps), merge(*rs))
