from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from dossier.commands.build import pdf_a_option, pdf_engine_option
from dossier.commands.common import console_of
from dossier.errors import InputError

NEW_MARK = "（新生成）"


@click.command("pdf")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...",
                type=click.Path(path_type=Path, exists=True))
@pdf_engine_option
@pdf_a_option
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="并行生成 PDF 的进程数。")
@click.pass_context
def pdf_command(ctx: click.Context, paths: tuple[Path, ...], pdf_engine: str, pdf_a: bool,
                jobs: int | None) -> None:
    """由 .docx（含法务修改后的）重新生成 PDF，PDF 放在 .docx 旁边。

    PATH 可以是 .docx 文件，也可以是构建目录：构建目录中按 manifest.json 找到全部文件
    （包括改过的），跳过 Word 锁文件 ~$*.docx 和“（新生成）”副本（除非直接点名）。
    在构建目录中时，同时更新 manifest.json 中 PDF 的 SHA-256。

    \b
    示例：
      dossier pdf out/
      dossier pdf out/算法备案/算法备案承诺书.docx --pdf-engine libreoffice
    """
    from dossier.pdf import PdfJob, make_pdfs

    console = console_of(ctx)
    targets = collect(paths)
    if not targets:
        raise InputError("没有找到要转换的 .docx 文件", hint="给出 .docx 文件或 dossier build 的输出文件夹")
    jobs_ = [PdfJob(d, d.with_suffix(".pdf"), title=d.stem) for d in targets]
    console.status(f"正在生成 {len(jobs_)} 个 PDF…")
    for diag in make_pdfs(jobs_, engine=pdf_engine, workers=jobs, pdf_a=pdf_a):  # type: ignore[arg-type]
        console.warn(diag)
    record(targets, pdf_engine)
    for job in jobs_:
        console.result(f"已生成 {job.pdf}")


def collect(paths: tuple[Path, ...]) -> list[Path]:
    """The .docx files to convert: named files as given, build dirs via their manifest."""
    from dossier.manifest import read_manifest

    out: list[Path] = []
    for path in paths:
        if path.is_file():
            if path.suffix.lower() != ".docx":
                raise InputError("不是 .docx 文件", file=path)
            out.append(path)
            continue
        manifest = read_manifest(path)
        if manifest is not None:
            found = [path / e.path for e in manifest.files.values() if e.kind == "docx" and not e.fresh]
        else:
            found = [p for p in path.rglob("*.docx") if not p.relative_to(path).parts[0].startswith(".")]
        out += sorted(p for p in found if p.is_file() and not p.name.startswith("~$") and NEW_MARK not in p.name)
    unique: dict[Path, Path] = {p.resolve(): p for p in out}
    return list(unique.values())


def record(docx_files: list[Path], engine: str) -> None:
    """Update the PDF entries of the build dirs' manifests the converted files belong to."""
    from dossier.fsutil import sha256_file
    from dossier.manifest import FileEntry, find_build_dir, read_manifest, write_manifest

    by_dir: dict[Path, list[Path]] = {}
    for docx in docx_files:
        build_dir = find_build_dir(docx.resolve().parent)
        if build_dir is not None:
            by_dir.setdefault(build_dir, []).append(docx.resolve())
    for build_dir, files in by_dir.items():
        manifest = read_manifest(build_dir)
        if manifest is None:
            continue
        for docx in files:
            rel = docx.relative_to(build_dir).as_posix()
            entry = manifest.files.get(rel)
            if entry is None or entry.kind != "docx" or entry.fresh:
                continue
            pdf, pdf_rel = docx.with_suffix(".pdf"), rel[: -len(".docx")] + ".pdf"
            manifest.files[pdf_rel] = FileEntry(
                pdf_rel, sha256_file(pdf), pdf.stat().st_size, kind="pdf", document=entry.document,
                title=entry.title, made_from=sha256_file(docx), engine=engine,
            )
            if manifest.files[pdf_rel].made_from != entry.sha256 and entry.source == "generated":
                manifest.files[rel] = replace(entry, source="edited", sha256=sha256_file(docx),
                                              size=docx.stat().st_size, content_hash=None)
                manifest.build_hash = ""  # the next build must notice the edit and report it
        write_manifest(build_dir, manifest)
