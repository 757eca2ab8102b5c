"""Shared fixtures: the starter profiles as data, and a writer for inline profile variants."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

STARTERS = Path(__file__).resolve().parents[1] / "dossier" / "starters"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    # Nothing a test does may touch the real home folder (LibreOffice profiles, caches).
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))


def starter_data(scenario: str = "recommendation") -> dict[str, Any]:
    """A starter profile as a plain dict, ready to be modified by a test."""
    data: dict[str, Any] = yaml.safe_load((STARTERS / f"{scenario}.yaml").read_text(encoding="utf-8"))
    return copy.deepcopy(data)


@pytest.fixture
def write_profile(tmp_path: Path) -> Callable[..., Path]:
    """Write a profile (dict or YAML text) into tmp_path and return its path."""

    def write(data: dict[str, Any] | str, name: str = "profile.yaml") -> Path:
        path = tmp_path / name
        text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        return path

    return write
