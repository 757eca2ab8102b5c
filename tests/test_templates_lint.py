"""`dossier templates lint`: the shipped templates are clean; broken ones are reported with file and paragraph."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from docx import Document

from dossier.cli import cli
from dossier.render import lint_templates
from dossier.render._engine import REPO


def broken_template(path: Path) -> Path:
    doc = Document()
    doc.add_paragraph("主体：{{ company.nmae }}")
    split = doc.add_paragraph()
    split.add_run("{{ company.")
    split.add_run("uscc }}")
    doc.add_paragraph("{% if company.systems.ethics_review %}伦理")
    doc.add_paragraph("{{ company.systems.no_such_system.summary }}")
    doc.save(str(path))
    return path


def test_shipped_templates_are_clean() -> None:
    assert lint_templates(REPO) == []
    names = {p.name for p in REPO.glob("*.docx")}
    assert len(names) == 12


def test_cli_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(cli, ["templates", "lint", str(REPO)])
    assert ok.exit_code == 0, ok.output
    assert "12 个模板全部通过检查" in ok.stdout
    broken_template(tmp_path / "bad.docx")
    bad = runner.invoke(cli, ["templates", "lint", str(tmp_path)])
    assert bad.exit_code == 2
    assert "bad.docx" in bad.stdout
    assert "第 2 段" in bad.stdout and "被拆在几个文字块" in bad.stdout
    assert "没有对应的 {% endif %}" in bad.stdout


def test_unknown_fields_are_named(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("主体：{{ company.nmae }}")
    doc.add_paragraph("{{ company.systems.no_such_system.summary }}{{ algorithm.models[0].nmae }}")
    doc.add_paragraph("{% for m in algorithm.models %}{{ m.purpose }}{{ m.bogus }}{% endfor %}{{ doc.title }}")
    doc.save(str(tmp_path / "fields.docx"))
    messages = [d.format() for d in lint_templates(tmp_path)]
    joined = "\n".join(messages)
    assert "company.nmae" in joined and "Company 没有字段 nmae" in joined
    assert "no_such_system 不是允许的键" in joined or "company.systems.no_such_system" in joined
    assert "m.bogus" in joined and "m.purpose" not in joined
    assert "doc.title" not in joined
    assert all("fields.docx" in m for m in messages)


def test_help_has_example() -> None:
    result = CliRunner().invoke(cli, ["templates", "lint", "--help"])
    assert "示例" in result.stdout
