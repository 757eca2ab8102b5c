from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dossier.commands.common import console_of, load, rules_option
from dossier.errors import DossierError, IncompleteError, InputError

if TYPE_CHECKING:
    from dossier.build import BuildOptions, BuildResult
    from dossier.console import Console

PDF_ENGINES = ("weasyprint", "libreoffice")

templates_option = click.option(
    "--templates", "templates_dir", metavar="DIR",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="自定义模板文件夹：其中的同名 .docx 模板优先于内置模板。",
)
pdf_engine_option = click.option(
    "--pdf-engine", type=click.Choice(PDF_ENGINES), default="weasyprint", show_default=True,
    help="由 .docx 生成 PDF 的引擎；libreoffice 需已安装 soffice。",
)
pdf_a_option = click.option("--pdf-a", is_flag=True, help="生成 PDF/A-3b（长期归档格式）。")


@click.command("build")
@click.argument("profiles", nargs=-1, required=True, metavar="PROFILE...",
                type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", "out_dir", metavar="DIR", type=click.Path(path_type=Path, file_okay=False),
              help="输出文件夹。默认：档案所在文件夹下的 out/；多个档案时须指定，每个档案一个子文件夹。")
@templates_option
@pdf_engine_option
@pdf_a_option
@click.option("--no-pdf", is_flag=True, help="只生成 Word 文件和报告，不生成 PDF。")
@click.option("--draft", is_flag=True, help="草稿：缺少的内容以【待补充：字段】占位，不报错；报告列出这些占位。")
@click.option("--strict", is_flag=True, help="材料不完整或有任何警告时以退出码 1 结束。")
@click.option("--force", is_flag=True, help="覆盖人工修改过的文件（先在终端列出被覆盖的文件）。")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="并行进程数：多个档案并行生成，单个档案并行生成 PDF。默认 CPU 核数，最多 2。")
@rules_option
@click.pass_context
def build_command(ctx: click.Context, profiles: tuple[Path, ...], out_dir: Path | None,
                  templates_dir: Path | None, pdf_engine: str, pdf_a: bool, no_pdf: bool, draft: bool,
                  strict: bool, force: bool, jobs: int | None, rules_version: str | None) -> None:
    """生成全部 Word、PDF 文件、完整性报告和 manifest.json。

    先在内存中生成全部文件，最后一次性写入；失败时输出文件夹保持原样。
    法务改过的 .docx 不会被覆盖：新生成的版本另存为“…（新生成）.docx”，PDF 由改过的文件生成。
    输入没有变化时什么也不重做。

    \b
    输出文件夹默认为档案所在文件夹下的 out/，其中：
      算法备案/ 大模型备案/ 大模型登记/   每份文件的 .docx 和 .pdf
      完整性报告.md .html .pdf .json     材料是否齐全
      manifest.json                     每个文件的 SHA-256，用于安全重建

    \b
    示例：
      dossier build profile.yaml
      dossier build profile.yaml -o 材料/ --no-pdf --draft
      dossier build 公司甲/profile.yaml 公司乙/profile.yaml -o 全部材料/ -j 2
    """
    from dossier.build import BuildOptions

    console = console_of(ctx)
    options = BuildOptions(out_dir=out_dir, templates_dir=templates_dir, pdf_engine=pdf_engine,
                           pdf_a=pdf_a, no_pdf=no_pdf, draft=draft, strict=strict, force=force,
                           rules_version=rules_version, jobs=jobs)
    if len(profiles) == 1:
        _build_one(console, profiles[0], options)
        return
    _build_many(console, profiles, options)


def _build_one(console: Console, profile: Path, options: BuildOptions) -> None:
    from dossier.build import build, up_to_date

    quick = up_to_date(profile, options)  # nothing changed: answer from the manifest, unparsed
    if quick is not None:
        for text in quick.profile_warnings:
            click.echo(text, err=True)
        for warning in quick.warnings:
            console.warn(warning)
        for line in result_lines(quick):
            console.result(line)
        _strict(options, quick, len(quick.profile_warnings))
        return
    loaded = load(console, profile)
    console.status(f"正在生成 {loaded.profile.company.name} 的材料…")
    result = build(loaded, options, notify=console.warn)
    for warning in result.warnings:
        console.warn(warning)
    for line in result_lines(result):
        console.result(line)
    _strict(options, result, len(loaded.warnings))


def _strict(options: BuildOptions, result: BuildResult, profile_warnings: int) -> None:
    if not options.strict:
        return
    problem = strict_problem(result, profile_warnings)
    if problem:
        raise IncompleteError(problem, hint="去掉 --strict 可照常生成；dossier check 查看缺什么")


def strict_problem(result: BuildResult, profile_warnings: int) -> str | None:
    """Why `--strict` fails this build, or None."""
    count = profile_warnings + len(result.warnings)
    parts = ([] if result.complete else ["材料不完整"]) + ([f"有 {count} 条警告"] if count else [])
    return "--strict：" + "，".join(parts) if parts else None


def result_lines(result: BuildResult) -> list[str]:
    """The human summary of a build, for stdout."""
    out = result.out_dir
    if result.up_to_date:
        lines = [f"无变化：{out} 已是最新（{result.seconds:.2f} 秒）。"]
    else:
        lines = [f"已生成：{out}（写入 {len(result.written)} 个文件，{len(result.kept)} 个未变化，"
                 f"{result.seconds:.1f} 秒）"]
        lines += [f"  写入 {_rel(p, out)}" for p in result.written]
        lines += [f"  删除过时文件 {_rel(p, out)}" for p in result.removed]
    kept = [d for d in result.edited if not d.overwritten]
    if kept:
        lines.append("以下文件经人工修改，已保留，PDF 由修改后的文件生成：")
        for doc in kept:
            beside = f"；新生成的版本：{_rel(doc.fresh, out)}" if doc.fresh else ""
            lines.append(f"  {_rel(doc.path, out)}{beside}")
    for doc in result.edited:
        if doc.overwritten:
            lines.append(f"已按 --force 覆盖人工修改过的 {_rel(doc.path, out)}")
    for key, fields_ in result.placeholders.items():
        lines.append(f"待补充占位（{key}）：{'、'.join(fields_)}")
    lines.append("完整性：" + ("齐全" if result.complete else "不完整，详见 完整性报告.md"))
    lines += [f"  {s}" for s in result.summary]
    return lines


def _rel(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return str(path)


# ── several profiles ────────────────────────────────────────────────────────
@dataclass
class Outcome:
    """What a worker process reports back about one profile (picklable)."""

    profile: str
    exit_code: int = 0
    lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: list[str] = field(default_factory=list)


def _worker(profile: Path, options: BuildOptions) -> Outcome:
    """Load and build one profile; never raises (errors travel back as text)."""
    from dossier.build import build
    from dossier.profile import load_profile

    outcome = Outcome(str(profile))
    try:
        loaded = load_profile(profile)
        outcome.warnings += [w.format() for w in loaded.warnings]
        messages: list[str] = []
        result = build(loaded, options, notify=messages.append)
        outcome.warnings += messages + [w.format() for w in result.warnings]
        outcome.lines = result_lines(result)
        problem = strict_problem(result, len(loaded.warnings)) if options.strict else None
        if problem:
            outcome.exit_code, outcome.error = 1, [problem]
    except DossierError as exc:
        outcome.exit_code = exc.exit_code
        outcome.error = [str(exc), *(f"  {d.format()}" for d in exc.diagnostics)]
        if exc.hint:
            outcome.error.append(f"提示：{exc.hint}")
    except Exception as exc:  # one profile's crash must not hide the others' results  # noqa: BLE001
        outcome.exit_code = 3
        outcome.error = [f"内部错误：{type(exc).__name__}: {exc}"]
    return outcome


def out_dirs(profiles: tuple[Path, ...], out_dir: Path | None) -> list[Path]:
    """One build dir per profile: `DIR/<stem or folder name>`, or each profile's own `out/`."""
    if out_dir is None:
        dirs = [p.parent / "out" for p in profiles]
        if len({d.resolve() for d in dirs}) < len(dirs):
            raise InputError("有多个档案在同一文件夹中，默认输出会互相覆盖", hint="用 -o DIR 指定输出文件夹")
        return dirs
    stems = [p.stem for p in profiles]
    names: list[str] = []
    for path, stem in zip(profiles, stems, strict=True):
        name = stem if stems.count(stem) == 1 else path.resolve().parent.name or stem
        base, n = name, 2
        while name in names:
            name, n = f"{base}-{n}", n + 1
        names.append(name)
    return [out_dir / name for name in names]


def _build_many(console: Console, profiles: tuple[Path, ...], options: BuildOptions) -> None:
    from concurrent.futures import ProcessPoolExecutor

    from rich.console import Console as RichConsole
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    dirs = out_dirs(profiles, options.out_dir)
    workers = min(options.jobs or min(os.cpu_count() or 1, 2), len(profiles))
    tasks = [(p, replace(options, out_dir=d, jobs=1 if workers > 1 else options.jobs))
             for p, d in zip(profiles, dirs, strict=True)]
    outcomes: list[Outcome] = []
    stderr = RichConsole(stderr=True, no_color=bool(os.environ.get("NO_COLOR")))
    with Progress(TextColumn("生成材料"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                  console=stderr, transient=True, disable=console.quiet) as progress:
        task = progress.add_task("", total=len(tasks))
        if workers > 1:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures = [pool.submit(_worker, p, o) for p, o in tasks]
                for future in futures:
                    outcomes.append(future.result())
                    progress.update(task, advance=1, description=Path(outcomes[-1].profile).name)
        else:
            for p, o in tasks:
                progress.update(task, description=p.name)
                outcomes.append(_worker(p, o))
                progress.advance(task)
    for outcome in outcomes:
        console.result(f"== {outcome.profile}")
        for line in outcome.warnings:
            console.warn(line.removeprefix("警告："))
        for line in outcome.lines:
            console.result(line)
        for line in outcome.error:
            click.echo(f"错误：{line}" if not line.startswith(("  ", "提示")) else line, err=True)
    failed = [o for o in outcomes if o.exit_code]
    if failed:
        code = max(o.exit_code for o in failed)
        raise _MultiError(f"{len(failed)} / {len(outcomes)} 个档案未成功", code)


class _MultiError(DossierError):
    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code
