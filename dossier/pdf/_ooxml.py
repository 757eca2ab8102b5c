"""Small helpers for reading WordprocessingML with lxml: namespaces, attributes, units."""

from __future__ import annotations

import importlib
from typing import Any

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "v": "urn:schemas-microsoft-com:vml",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
}
W = "{" + NS["w"] + "}"
R = "{" + NS["r"] + "}"

# lxml ships no type stubs (and pyproject does not list it): reach it untyped.
etree: Any = importlib.import_module("lxml.etree")

# lxml elements are untyped for mypy (python-docx ships no stubs); one alias keeps signatures honest.
El = Any


def w(tag: str) -> str:
    """Clark name of a `w:` tag or attribute."""
    return W + tag


def local(tag: object) -> str:
    """`w:p` style prefixed name of an element tag, for messages and dispatch."""
    if not isinstance(tag, str):  # comments and processing instructions
        return ""
    if tag.startswith("{"):
        uri, _, name = tag[1:].partition("}")
        for prefix, known in NS.items():
            if known == uri:
                return f"{prefix}:{name}"
        return name
    return tag


def val(el: El | None, attr: str = "val") -> str | None:
    """Return the `w:val` (or another `w:` attribute) of an element, or None."""
    if el is None:
        return None
    v = el.get(W + attr)
    return None if v is None else str(v)


def child(el: El | None, tag: str) -> El | None:
    """First `w:` child named `tag`."""
    return None if el is None else el.find(W + tag)


def on(el: El | None) -> bool | None:
    """Toggle property (`<w:b/>`, `<w:b w:val="0"/>`): None when absent."""
    if el is None:
        return None
    v = el.get(W + "val")
    return v is None or v.lower() not in ("0", "false", "off", "none")


def num(v: str | None) -> float | None:
    """Parse a number attribute leniently (Word writes ints, some tools floats)."""
    if v is None:
        return None
    try:
        return float(v)
    except ValueError:
        return None


def twips_pt(v: str | None) -> float | None:
    """Twentieths of a point → points."""
    n = num(v)
    return None if n is None else n / 20.0


def fmt_pt(pt: float) -> str:
    """CSS length in points, short: 16pt, 28.95pt."""
    return f"{pt:.2f}".rstrip("0").rstrip(".") + "pt"


def css_string(s: str) -> str:
    """Quote a string for CSS `content:` / `font-family`."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ") + '"'
