"""The floor of a build, measured in one warm process: docxtpl render + bare WeasyPrint.

`run.py` starts this as a subprocess (so WeasyPrint's memory never sits in the harness) and
reads one JSON object from stdout:

    python benchmarks/floor.py PROFILE BUILD_DIR --runs N

BUILD_DIR is a finished `dossier build` of PROFILE. Its .docx files are converted to HTML once
with dossier's converter (`dossier.pdf.docx_to_html`, timed separately, not part of the floor);
each run then times

- `render`: `dossier.render.render_documents` for every document of the plan (docxtpl), and
- `weasyprint`: `weasyprint.HTML(string=html, base_url=…).write_pdf()` for every HTML, one
  after the other, with nothing else around it (no metadata, no atomic write, no pool).

Everything is imported and one untimed warm-up pass runs first, so the floor excludes
interpreter start-up, imports and font loading: it is what no implementation can beat.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from statistics import median
from typing import Any


def _html_inputs(build_dir: Path) -> list[Path]:
    """The .docx documents of a build (not kept edits, not the staging folder)."""
    return sorted(p for p in build_dir.rglob("*.docx")
                  if not any(part.startswith(".") for part in p.relative_to(build_dir).parts))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="docxtpl render + bare WeasyPrint floor")
    parser.add_argument("profile", type=Path)
    parser.add_argument("build_dir", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    # Same fonts as dossier's own WeasyPrint step, so both lay out the same glyphs.
    from dossier.pdf import fonts

    fonts.configure_fontconfig()
    import weasyprint

    from dossier.build import make_build_plan
    from dossier.pdf import docx_to_html
    from dossier.profile import load_profile
    from dossier.render import render_documents

    loaded = load_profile(args.profile.resolve())
    specs = make_build_plan(loaded, None).documents()

    docx_files = _html_inputs(args.build_dir)
    start = time.perf_counter()
    htmls: list[tuple[Path, str]] = [(p, docx_to_html(p)[0]) for p in docx_files]
    convert_seconds = time.perf_counter() - start
    report_html = args.build_dir / "完整性报告.html"
    if report_html.exists():  # the build also prints its report, from this HTML
        htmls.append((report_html, report_html.read_text(encoding="utf-8")))

    def render_pass() -> float:
        t0 = time.perf_counter()
        render_documents(loaded, specs)
        return time.perf_counter() - t0

    def weasy_pass() -> tuple[float, int]:
        t0 = time.perf_counter()
        pages = 0
        for path, html in htmls:
            document = weasyprint.HTML(string=html, base_url=str(path.parent)).render()
            pages += len(document.pages)
            document.write_pdf()
        return time.perf_counter() - t0, pages

    render_pass()  # warm-up: imports, template compilation, fonts
    _, pages = weasy_pass()
    renders: list[float] = []
    weasys: list[float] = []
    for _ in range(args.runs):
        renders.append(render_pass())
        weasys.append(weasy_pass()[0])
    result: dict[str, Any] = {
        "documents": len(specs),
        "docx_files": len(docx_files),
        "pdfs": len(htmls),
        "pages": pages,
        "render_s": median(renders),
        "weasyprint_s": median(weasys),
        "floor_s": median(r + w for r, w in zip(renders, weasys, strict=True)),
        "convert_once_s": convert_seconds,
        "weasyprint_version": weasyprint.__version__,
        "fontconfig_file": os.environ.get("FONTCONFIG_FILE", ""),
    }
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
