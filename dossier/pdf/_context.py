"""State shared while converting one document: styles, counters, CSS registry, warnings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dossier.pdf._numbering import Numbering
from dossier.pdf._ooxml import El
from dossier.pdf._styles import Grid, css_decl
from dossier.pdf._stylesheet import StyleSheet


@dataclass
class Text:
    """A piece of run text with the run's own properties (char style + direct)."""

    text: str
    r: dict[str, object]


@dataclass
class Break:
    """`line` (w:br, w:cr) or `page` (w:br w:type=page)."""

    kind: str


@dataclass
class Raw:
    """Ready HTML (an image)."""

    html: str


@dataclass
class FieldRef:
    """PAGE / NUMPAGES inside a header or footer: becomes a CSS counter."""

    name: str
    r: dict[str, object]


Segment = Text | Break | Raw | FieldRef


@dataclass
class OpenField:
    """A complex field (fldChar begin … separate … end) being read."""

    instr: str = ""
    in_result: bool = False
    replaced: bool = False  # a counter was emitted instead of Word's cached result


@dataclass
class Context:
    """Everything the converters need about the document being converted."""

    doc_name: str
    sheet: StyleSheet
    numbering: Numbering
    grid: Grid
    part: Any  # python-docx Part whose relationships resolve r:embed / r:id
    blocks: Callable[[Context, El, str | None], str]  # (ctx, container, table style id)
    header_mode: bool = False
    rules: list[str] = field(default_factory=list)
    warnings: dict[str, int] = field(default_factory=dict)
    fields: list[OpenField] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    pending_break: bool = False  # a page break ended the previous paragraph
    footnotes: list[tuple[str, str]] = field(default_factory=list)  # (kind, id) in order
    images: dict[tuple[str, str], str] = field(default_factory=dict)
    _run_classes: dict[str, str] = field(default_factory=dict)
    _para_classes: dict[tuple[str | None, str | None], tuple[str, dict[str, str]]] = field(
        default_factory=dict)
    _cell_classes: dict[str, str] = field(default_factory=dict)

    def warn(self, label: str) -> None:
        """Count one unsupported element, reported once per kind with its count."""
        self.warnings[label] = self.warnings.get(label, 0) + 1

    def run_class(self, css: dict[str, str]) -> str:
        """Class for a run's direct formatting; identical formatting shares one rule."""
        return self._register(self._run_classes, css, "r")

    def cell_class(self, css: dict[str, str]) -> str:
        """Class for a table cell's borders, padding and shading."""
        return self._register(self._cell_classes, css, "c")

    def _register(self, table: dict[str, str], css: dict[str, str], prefix: str) -> str:
        decl = css_decl(css)
        name = table.get(decl)
        if name is None:
            name = table[decl] = f"{prefix}{len(table) + 1}"
            self.rules.append(f".{name}{{{decl}}}")
        return name

    def para_class(self, key: tuple[str | None, str | None],
                   css: Callable[[], dict[str, str]]) -> tuple[str, dict[str, str]]:
        """Class (and its CSS) for a (paragraph style, table style) pair: one full rule per pair."""
        hit = self._para_classes.get(key)
        if hit is None:
            raw = key[0] or "default"
            sid = "".join(c for c in raw if c.isascii() and (c.isalnum() or c in "-_"))
            name = f"p-{sid}" if sid == raw and sid[:1].isalpha() else f"p{len(self._para_classes) + 1}"
            if key[1] is not None:
                name += f"-t{len(self._para_classes) + 1}"
            hit = self._para_classes[key] = (name, css())
            self.rules.append(f".{name}{{{css_decl(hit[1])}}}")
        return hit
