"""Font set-up shared by both engines: our fontconfig aliases, the CJK check, CSS font lists."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from dossier.errors import PdfError

FONTS_CONF = Path(__file__).with_name("fonts.conf")
SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"
INSTALL_HINT = "请安装 fonts-noto-cjk：apt-get install fonts-noto-cjk"

# Names whose role is a sans face (黑体 family); everything else falls back to the serif.
_SANS_MARKERS = ("黑", "hei", "雅黑", "yahei", "等线", "dengxian", "sans", "pingfang", "arial", "calibri")
_BOLD_MARKERS = ("小标宋", "xiaobiaosong")


def configure_fontconfig() -> None:
    """Point fontconfig at our alias file; must run before Pango/fontconfig first loads.

    A user's own FONTCONFIG_FILE wins: they may have a better mapping than ours.
    """
    os.environ.setdefault("FONTCONFIG_FILE", str(FONTS_CONF))


def fontconfig_env() -> dict[str, str]:
    """Environment for child processes (soffice, fc-list) that should see our aliases."""
    env = dict(os.environ)
    env.setdefault("FONTCONFIG_FILE", str(FONTS_CONF))
    return env


_checked = False


def start_cjk_check() -> subprocess.Popen[str] | None:
    """Start `fc-list :lang=zh` in the background (it overlaps WeasyPrint's import)."""
    fc_list = shutil.which("fc-list")
    if _checked or fc_list is None:
        return None
    try:
        return subprocess.Popen([fc_list, ":lang=zh", "family"], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True, env=fontconfig_env())
    except OSError:
        return None


def ensure_cjk_font(proc: subprocess.Popen[str] | None = None) -> None:
    """Fail once per process, clearly, when no font covers Chinese: PDFs would show tofu boxes."""
    global _checked
    if _checked:
        return
    proc = proc or start_cjk_check()
    out: str | None = None
    if proc is not None:
        try:
            out, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
    if out is None:
        out = "found" if _font_files_present() else ""
    if not out.strip():
        raise PdfError("没有找到任何中文字体，PDF 会缺字。", hint=INSTALL_HINT)
    _checked = True


def reset_cjk_check() -> None:
    """Forget the cached result (tests change the font environment)."""
    global _checked
    _checked = False


def _font_files_present() -> bool:
    # No fc-list (minimal containers): look for the usual font files instead.
    roots = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts"]
    return any(
        root.is_dir() and any(
            p.name.lower().startswith(("notoserifcjk", "notosanscjk", "fandol", "wqy", "sourcehan"))
            for p in root.rglob("*"))
        for root in roots)


def is_sans(name: str) -> bool:
    """Whether a (possibly proprietary) font name plays a 黑体/sans role."""
    low = name.lower()
    return any(m in low for m in _SANS_MARKERS)


def is_heavy(name: str) -> bool:
    """小标宋 has no free equivalent; we stand in the bold serif."""
    low = name.lower()
    return any(m in low for m in _BOLD_MARKERS)


def css_family(east_asia: str | None, ascii_font: str | None = None) -> str:
    """CSS font-family list: the document's font names, then a Noto face that always has the glyph.

    The East-Asian name goes first: Pango tries families in order and a Latin face found first
    would be asked for nothing, while an unknown Latin name could be resolved by fontconfig to
    the *sans* CJK face for `lang=zh-CN`, stealing every Chinese character from the 仿宋 alias.
    """
    names: list[str] = []
    for n in (east_asia, ascii_font if east_asia is None else None):
        if n and n not in names:
            names.append(n)
    role = names[0] if names else ""
    names.append(SANS if is_sans(role) else SERIF)
    return ", ".join('"' + n.replace('"', "") + '"' for n in names)
