"""The build dir's manifest: content hashes, edit detection, interrupted commits."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from test_build_fakes import copy_example, fakes, run, snapshot  # noqa: F401

from dossier.fsutil import sha256_bytes, sha256_file
from dossier.manifest import (
    BuildDir,
    FileEntry,
    Manifest,
    docx_content_hash,
    fresh_name,
    read_manifest,
    write_manifest,
)
from dossier.render._engine import normalise_zip


def _docx(text: str, year: int) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    document.core_properties.modified = document.core_properties.created = \
        __import__("datetime").datetime(year, 1, 1)
    buf = io.BytesIO()
    document.save(buf)
    return normalise_zip(buf.getvalue())


def test_content_hash_ignores_core_properties_only() -> None:
    a, b = _docx("承诺书正文", 2025), _docx("承诺书正文", 2026)
    assert sha256_bytes(a) != sha256_bytes(b)
    assert docx_content_hash(a) == docx_content_hash(b)
    assert docx_content_hash(_docx("承诺书正文（改）", 2025)) != docx_content_hash(a)
    assert docx_content_hash(b"not a zip") == sha256_bytes(b"not a zip")


def test_fresh_name() -> None:
    assert fresh_name("算法备案/算法备案承诺书.docx") == "算法备案/算法备案承诺书（新生成）.docx"
    assert fresh_name("完整性报告.pdf") == "完整性报告（新生成）.pdf"


def test_round_trip_and_unknown_keys(tmp_path: Path) -> None:
    m = Manifest("0.1.0", "tc260-003-2024", "profile.yaml", "a" * 64, "b" * 64,
                 files={"x.docx": FileEntry("x.docx", "c" * 64, 3, content_hash="d" * 64)})
    write_manifest(tmp_path, m)
    data = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    data["future_key"] = 1
    data["files"][0]["future_field"] = True
    (tmp_path / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    back = read_manifest(tmp_path)
    assert back is not None and back.files["x.docx"].content_hash == "d" * 64
    (tmp_path / "manifest.json").write_text("{broken", encoding="utf-8")
    assert read_manifest(tmp_path) is None


def test_build_dir_knows_ours_from_theirs(tmp_path: Path) -> None:
    (tmp_path / "a.docx").write_bytes(b"ours")
    (tmp_path / "b.docx").write_bytes(b"edited")
    (tmp_path / "c.docx").write_bytes(b"unknown")
    m = Manifest("v", "r", "p", "h", "b", files={
        "a.docx": FileEntry("a.docx", sha256_bytes(b"ours"), 4),
        "b.docx": FileEntry("b.docx", sha256_bytes(b"generated"), 9),
    })
    state = BuildDir(tmp_path, m)
    assert state.ours("a.docx") and not state.ours("b.docx") and not state.ours("c.docx")
    assert state.writable("a.docx") and state.writable("new.docx")
    assert state.place("b.docx", "b（新生成）.docx") == "b（新生成）.docx"
    assert BuildDir(tmp_path, m, force=True).place("b.docx", None) == "b.docx"


@pytest.mark.usefixtures("fakes")
def test_interrupted_commit_never_makes_our_files_look_edited(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import dossier.manifest

    profile = copy_example(tmp_path)
    assert run("build", profile, "--no-pdf").exit_code == 0
    out = profile.parent / "out"
    profile.write_text(profile.read_text(encoding="utf-8").replace("文三路", "文二路"), encoding="utf-8")
    real_write = dossier.manifest.write_manifest
    calls: list[int] = []

    def interrupted(build_dir: Path, manifest: Manifest) -> None:
        calls.append(1)
        if len(calls) == 2:  # the files are renamed into place; the final manifest never comes
            raise KeyboardInterrupt
        real_write(build_dir, manifest)

    monkeypatch.setattr(dossier.manifest, "write_manifest", interrupted)
    result = run("build", profile, "--no-pdf")
    assert result.exit_code != 0  # click reports the interrupt ("Aborted!")
    monkeypatch.setattr(dossier.manifest, "write_manifest", real_write)
    result = run("build", profile, "--no-pdf")
    assert result.exit_code == 0, result
    assert "人工修改" not in result.stdout
    assert not list(out.rglob("*（新生成）*"))
    data = read_manifest(out)
    assert data is not None and all(e.source == "generated" for e in data.files.values())
    for entry in data.files.values():
        assert sha256_file(out / entry.path) == entry.sha256


@pytest.mark.usefixtures("fakes")
def test_corrupt_manifest_is_treated_as_missing(tmp_path: Path) -> None:
    profile = copy_example(tmp_path)
    assert run("build", profile, "--no-pdf").exit_code == 0
    out = profile.parent / "out"
    (out / "manifest.json").write_text("not json", encoding="utf-8")
    result = run("build", profile, "--no-pdf")
    assert result.exit_code == 0
    assert not list(out.rglob("*（新生成）*"))
    assert read_manifest(out) is not None
    assert set(snapshot(out)) >= {"manifest.json", "算法备案/算法备案承诺书.docx"}
