"""numbering.xml: list markers (1. / （一） / 甲 / •) computed the way Word counts them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dossier.pdf._ooxml import El, W, child, num, val
from dossier.pdf._styles import Props, read_ppr, read_rpr

_CN_DIGITS = "〇一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# Symbol/Wingdings private-use bullets → what they look like in Unicode.
_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf076": "❖", "\uf0fc": "✔",
            "\uf06e": "■", "\uf0a8": "◆", "\uf0b2": "◇", "\uf06c": "●", "\uf09f": "•"}


def chinese_counting(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 21 → 二十一, 105 → 一百零五 (Word's chineseCounting)."""
    if n <= 0:
        return str(n)
    if n >= 10000:
        return str(n)
    units = ["", "十", "百", "千"]
    digits = [int(d) for d in str(n)]
    out: list[str] = []
    zero = False
    for i, d in enumerate(digits):
        pos = len(digits) - 1 - i
        if d == 0:
            zero = True
            continue
        if zero and out:
            out.append("零")
        zero = False
        out.append(_CN_DIGITS[d] + units[pos])
    s = "".join(out)
    return s[1:] if s.startswith("一十") else s


def _roman(n: int) -> str:
    vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out, n = out + s, n - v
    return out


def _letters(n: int) -> str:
    # Word repeats the letter: 27 → AA, 28 → BB.
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def format_number(n: int, fmt: str) -> str:
    """One counter value in a Word `w:numFmt`."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "chineseLegalSimplified", "taiwaneseCounting"):
        return chinese_counting(n)
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(d)] for d in str(n))
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class Level:
    """One `w:lvl`: how its marker is written and indented."""

    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    suffix: str = "tab"
    legal: bool = False
    p: Props = field(default_factory=dict)
    r: Props = field(default_factory=dict)


@dataclass
class Marker:
    """A computed list marker for one paragraph."""

    text: str
    suffix: str
    p: Props
    r: Props
    bullet: bool


def _read_level(lvl: El, theme: dict[str, str]) -> Level:
    text_el = child(lvl, "lvlText")
    return Level(
        fmt=val(child(lvl, "numFmt")) or "decimal",
        text=(val(text_el) or "") if text_el is not None else "",
        start=int(num(val(child(lvl, "start"))) or 0) if child(lvl, "start") is not None else 1,
        suffix=val(child(lvl, "suff")) or "tab",
        legal=child(lvl, "isLgl") is not None,
        p=read_ppr(child(lvl, "pPr")),
        r=read_rpr(child(lvl, "rPr"), theme),
    )


class Numbering:
    """Counts list items across a document (counters per abstract list, restarts per `w:num`)."""

    def __init__(self, numbering: El | None, theme: dict[str, str]) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int], dict[int, Level]]] = {}
        self._counters: dict[str, list[int]] = {}
        self._started: set[tuple[str, int]] = set()
        if numbering is None:
            return
        for an in numbering.iterfind(W + "abstractNum"):
            levels = {int(num(lvl.get(W + "ilvl")) or 0): _read_level(lvl, theme)
                      for lvl in an.iterfind(W + "lvl")}
            self._abstract[an.get(W + "abstractNumId") or ""] = levels
        for n in numbering.iterfind(W + "num"):
            starts: dict[int, int] = {}
            overrides: dict[int, Level] = {}
            for ov in n.iterfind(W + "lvlOverride"):
                ilvl = int(num(ov.get(W + "ilvl")) or 0)
                so = num(val(child(ov, "startOverride")))
                if so is not None:
                    starts[ilvl] = int(so)
                if (lvl := child(ov, "lvl")) is not None:
                    overrides[ilvl] = _read_level(lvl, theme)
            self._nums[n.get(W + "numId") or ""] = (
                val(child(n, "abstractNumId")) or "", starts, overrides)

    def level(self, num_id: str, ilvl: int) -> Level | None:
        """Return the level definition a paragraph's numPr points at."""
        if num_id not in self._nums:
            return None
        abstract, _, overrides = self._nums[num_id]
        return overrides.get(ilvl) or self._abstract.get(abstract, {}).get(ilvl)

    def next_marker(self, num_id: str, ilvl: int) -> Marker | None:
        """Advance the counter for this paragraph and return its marker (None: not a list)."""
        if num_id in ("", "0") or num_id not in self._nums:
            return None
        abstract, starts, _ = self._nums[num_id]
        lvl = self.level(num_id, ilvl)
        if lvl is None:
            return None
        counters = self._counters.setdefault(abstract, [0] * 9)
        levels = [self.level(num_id, i) or Level() for i in range(9)]
        if ilvl in starts and (num_id, ilvl) not in self._started:
            self._started.add((num_id, ilvl))
            counters[ilvl] = starts[ilvl] - 1
        if counters[ilvl] == 0 and levels[ilvl].start != 1:
            counters[ilvl] = levels[ilvl].start - 1
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):  # a new item restarts every deeper level
            counters[deeper] = 0

        def sub(m: re.Match[str]) -> str:
            i = int(m.group(1)) - 1
            if not 0 <= i < 9:
                return ""
            value = counters[i] or levels[i].start
            fmt = "decimal" if lvl.legal and i < ilvl else levels[i].fmt
            return format_number(value, fmt)

        if lvl.fmt == "bullet":
            text = "".join(_BULLETS.get(c, "•" if "\ue000" <= c <= "\uf8ff" else c) for c in lvl.text)
        else:
            text = re.sub(r"%(\d)", sub, lvl.text)
        return Marker(text, lvl.suffix, lvl.p, lvl.r, lvl.fmt == "bullet")
