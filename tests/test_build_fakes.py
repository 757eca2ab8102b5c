"""Fakes and helpers shared by the build, bundle and manifest tests.

The fakes stand in for the slow or not-yet-stable stages (docx templates, PDF engine, report
PDF) so the orchestration can be tested in milliseconds; a few tests use the real ones.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import docx
import pytest

from dossier.errors import Diagnostic

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
REAL_TEMPLATES = (Path(__file__).resolve().parents[1] / "templates" / "docx" / "commitment.docx").is_file()


def copy_example(tmp_path: Path, name: str = "news-recommendation") -> Path:
    """Copy an example into tmp_path; return its profile path."""
    dst = tmp_path / name
    shutil.copytree(EXAMPLES / name, dst)
    return dst / "profile.yaml"


def docx_text(source: Path | bytes) -> str:
    """All paragraph text of a .docx."""
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    return "\n".join(p.text for p in docx.Document(stream).paragraphs)


def _subject_text(loaded: Any, spec: Any) -> str:
    profile = loaded.profile
    if spec.scope == "algorithm":
        alg = next(a for a in profile.algorithms if a.name == spec.subject)
        return str(alg.summary)
    if spec.scope == "service":
        return str(spec.subject)
    return str(profile.company.address)


_BASE: list[bytes] = []


def _base_docx() -> bytes:
    """A python-docx document with four marker paragraphs, made once (python-docx is slow)."""
    if not _BASE:
        document = docx.Document()
        for marker in ("@TITLE@", "@COMPANY@", "@SUBJECT@", "@EXTRA@"):
            document.add_paragraph(marker)
        buf = io.BytesIO()
        document.save(buf)
        _BASE.append(buf.getvalue())
    return _BASE[0]


def _fill(values: dict[str, str]) -> bytes:
    from xml.sax.saxutils import escape

    from dossier.render._engine import normalise_zip

    src = zipfile.ZipFile(io.BytesIO(_base_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "word/document.xml":
                text = data.decode("utf-8")
                for marker, value in values.items():
                    text = text.replace(marker, escape(value))
                data = text.encode("utf-8")
            dst.writestr(name, data)
    return normalise_zip(out.getvalue())


def fake_render_documents(loaded: Any, specs: Sequence[Any], *, templates_dir: Path | None = None,
                          draft: bool = False, rules_version: str | None = None) -> list[Any]:
    """Documents with the title, company name and one scope-specific field."""
    from dossier.render import RenderedDocument

    out = []
    for spec in specs:
        placeholders: tuple[str, ...] = ()
        extra = ""
        if draft and spec.id == "commitment":
            extra, placeholders = "【待补充：company.seal_date】", ("company.seal_date",)
        data = _fill({"@TITLE@": spec.title, "@COMPANY@": loaded.profile.company.name,
                      "@SUBJECT@": _subject_text(loaded, spec), "@EXTRA@": extra})
        out.append(RenderedDocument(spec, data, placeholders))
    return out


def fake_make_pdfs(jobs: Sequence[Any], *, engine: str = "weasyprint", workers: int | None = None,
                   pdf_a: bool = False) -> list[Diagnostic]:
    """A "PDF" carrying the .docx's text, so tests can see which file it was made from."""
    for job in jobs:
        source = Path(job.docx)  # the report's PDF comes from its .html
        text = source.read_text(encoding="utf-8") if source.suffix == ".html" else docx_text(source)
        Path(job.pdf).write_bytes(b"%PDF-1.7 fake\n" + text.encode("utf-8"))
    return []


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """Install the fakes; yields the folder of fake template files."""
    import dossier.check.writers
    import dossier.pdf
    import dossier.render

    templates = tmp_path / "_fake_templates"
    templates.mkdir()

    def template_path(name: str, templates_dir: Path | None = None) -> Path:
        for folder in (templates_dir, templates):
            if folder is not None and (folder / name).is_file():
                return folder / name
        (templates / name).write_bytes(name.encode())
        return templates / name

    monkeypatch.setattr(dossier.render, "render_documents", fake_render_documents)
    monkeypatch.setattr(dossier.render, "template_path", template_path)
    monkeypatch.setattr(dossier.pdf, "make_pdfs", fake_make_pdfs)
    monkeypatch.setattr(dossier.check.writers, "render_pdf", lambda html: b"%PDF-1.7 report\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 08:00 CST
    yield templates


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def edit_docx(path: Path, text: str) -> None:
    """Change a .docx the way the legal team would: open, add a paragraph, save."""
    document = docx.Document(str(path))
    document.add_paragraph(text)
    document.save(str(path))


def zip_names(data: bytes) -> list[str]:
    """Entry names of a zip."""
    return zipfile.ZipFile(io.BytesIO(data)).namelist()


class Run:
    """Exit code, stdout and stderr of one CLI run."""

    def __init__(self, code: int, stdout: str, stderr: str) -> None:
        self.exit_code, self.stdout, self.stderr = code, stdout, stderr

    def __repr__(self) -> str:
        return f"Run({self.exit_code}, stdout={self.stdout!r}, stderr={self.stderr!r})"


def run(*args: str | Path) -> Run:
    """Run `dossier ARGS` in process through CliRunner (errors become exit codes 1/2/3)."""
    from click.testing import CliRunner

    from dossier.cli import cli

    result = CliRunner().invoke(cli, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)
