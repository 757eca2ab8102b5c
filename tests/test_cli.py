"""The command line surface: help, version, init, schema, and that every command is documented."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier import __version__
from dossier.cli import COMMANDS, cli
from dossier.commands.schema import schema_text

ROOT = Path(__file__).resolve().parents[1]


def test_help_lists_every_command(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.stdout


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_help_with_an_example(runner: CliRunner, name: str) -> None:
    result = runner.invoke(cli, [name, "-h"])
    assert result.exit_code == 0, result.output
    assert "示例" in result.stdout


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.stdout.strip() == f"dossier {__version__}"


def test_help_does_not_import_heavy_libraries() -> None:
    code = "import sys; from dossier.cli import main\ntry:\n main(['--help'])\nexcept SystemExit: pass\n" \
        "heavy = [m for m in ('weasyprint', 'docxtpl', 'docx', 'pydantic', 'openpyxl', 'rich') if m in sys.modules]\n" \
        "print('HEAVY:' + ','.join(heavy))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "HEAVY:"


def test_unknown_command_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["frobnicate"])
    assert result.exit_code == 2
    assert "frobnicate" in result.stderr


@pytest.mark.parametrize("scenario", ["recommendation", "llm-filing", "llm-registration"])
def test_init_writes_a_starter_that_validates(runner: CliRunner, tmp_path: Path, scenario: str) -> None:
    target = tmp_path / "profile.yaml"
    result = runner.invoke(cli, ["init", "--scenario", scenario, "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "dossier validate" in result.stderr
    assert target.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    assert runner.invoke(cli, ["validate", str(target)]).exit_code == 0


def test_init_to_stdout(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["init"])
    assert result.exit_code == 0
    assert "company:" in result.stdout


def test_init_never_overwrites(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "profile.yaml"
    target.write_text("mine", encoding="utf-8")
    result = runner.invoke(cli, ["init", "-o", str(target)])
    assert result.exit_code == 2
    assert "不会覆盖" in result.stderr
    assert target.read_text(encoding="utf-8") == "mine"


def test_committed_schema_matches_the_model() -> None:
    committed = (ROOT / "schemas" / "profile.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "schemas/profile.schema.json 已过期：运行 dossier schema -o schemas/profile.schema.json"


def test_every_schema_field_has_a_chinese_title_and_description() -> None:
    schema = json.loads(schema_text())

    def walk(node: object, path: str) -> None:
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                assert prop.get("title"), f"{path}.{name} 缺少 title"
                assert prop.get("description"), f"{path}.{name} 缺少 description"
                assert any("\u4e00" <= ch <= "\u9fff" for ch in prop["title"]), f"{path}.{name} 的 title 不是中文"
            for key, value in node.items():
                walk(value, f"{path}.{key}")
        elif isinstance(node, list):
            for item in node:
                walk(item, path)

    walk(schema, "")


def test_schema_command_writes_the_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "s.json"
    assert runner.invoke(cli, ["schema", "-o", str(target)]).exit_code == 0
    assert target.read_text(encoding="utf-8") == schema_text()


def test_readme_documents_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        assert f"dossier {name}" in readme, f"README 没有介绍 dossier {name}"
