"""Build a dossier: load → plan → render every document in memory → PDFs in staging → one commit.

Gather first, write last: nothing in the build dir changes until every document has rendered
and every PDF exists in a staging folder inside it; then files are renamed into place and
`manifest.json` is rewritten. A failure before that leaves the previous build as it was.
A file someone changed since dossier wrote it is kept; the new rendering goes beside it.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dossier import __version__, clock
from dossier import manifest as mf
from dossier.errors import Diagnostic, InputError
from dossier.fsutil import atomic_write_bytes, sha256_bytes, sha256_file
from dossier.manifest import BuildDir, FileEntry, InputHashes, Manifest, doc_key, fresh_name

if TYPE_CHECKING:
    from dossier.plan_types import DocumentSpec, Plan
    from dossier.profile import Loaded

PDF_ENGINES = ("weasyprint", "libreoffice")
STAGING_PREFIX = ".dossier-staging-"
REPORT_PDF = "完整性报告.pdf"  # the name dossier.check.writers gives the report
Notify = Callable[[str], None]


@dataclass
class BuildOptions:
    """The switches of `dossier build`, passed down as one object."""

    out_dir: Path | None = None  # default: <profile folder>/out
    templates_dir: Path | None = None
    pdf_engine: str = "weasyprint"
    pdf_a: bool = False  # PDF/A-3b for archiving
    no_pdf: bool = False
    draft: bool = False
    strict: bool = False
    force: bool = False
    rules_version: str | None = None
    jobs: int | None = None  # PDF workers


@dataclass(frozen=True)
class EditedDocument:
    """A document the legal team changed: kept, with the fresh rendering beside it."""

    title: str
    path: Path
    fresh: Path | None
    overwritten: bool = False  # --force replaced it
    document: str = ""  # `<folder>/<filename>`


@dataclass
class BuildResult:
    """What a build did: data for the CLI (or any caller) to present."""

    out_dir: Path
    plan: Plan | None  # None when `up_to_date()` answered without reading the profile
    up_to_date: bool = False  # nothing changed: nothing was rendered or written
    complete: bool = False
    summary: list[str] = field(default_factory=list)
    report: Any = None  # dossier.check Report (None when up to date)
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)  # not written: someone else's file is there
    removed: list[Path] = field(default_factory=list)  # outdated generated files
    edited: list[EditedDocument] = field(default_factory=list)
    placeholders: dict[str, list[str]] = field(default_factory=dict)  # document → 【待补充】 fields
    warnings: list[Diagnostic] = field(default_factory=list)
    profile_warnings: list[str] = field(default_factory=list)  # as recorded, when up to date
    seconds: float = 0.0


def default_out_dir(loaded: Loaded) -> Path:
    """`<profile folder>/out`."""
    return loaded.base_dir / "out"


def make_build_plan(loaded: Loaded, rules_version: str | None) -> Plan:
    """Load the rulebook the options or the profile name and plan the filings."""
    from dossier.plan import plan_profile

    return plan_profile(loaded.profile, rules_version)


def build(loaded: Loaded, options: BuildOptions, *, notify: Notify | None = None) -> BuildResult:
    """Build the dossier of `loaded` into `options.out_dir`; `notify` hears what --force overwrites."""
    started = time.perf_counter()
    if options.pdf_engine not in PDF_ENGINES:
        raise InputError(f"未知的 PDF 引擎 {options.pdf_engine}", hint="可选：" + "、".join(PDF_ENGINES))
    out_dir = (options.out_dir or default_out_dir(loaded)).resolve()
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError("输出位置已存在且不是文件夹", file=out_dir)
    plan = make_build_plan(loaded, options.rules_version)
    inputs = InputHashes.gather(loaded, plan, options)
    previous = mf.read_manifest(out_dir)
    if (previous is not None and not options.force and previous.build_hash == inputs.build_hash
            and previous.intact(out_dir)):
        result = _up_to_date(out_dir, plan, previous)
    else:
        out_dir.mkdir(parents=True, exist_ok=True)
        result = _Build(loaded, plan, options, inputs, out_dir, previous, notify).run()
    result.seconds = time.perf_counter() - started
    return result


def up_to_date(profile: Path, options: BuildOptions) -> BuildResult | None:
    """A build result from the manifest alone when nothing changed since the last build, else None.

    Does not parse the profile (the slow part of a no-change rebuild); `build` does the rest.
    """
    started = time.perf_counter()
    out_dir = (options.out_dir or profile.parent / "out").resolve()
    manifest = mf.unchanged_build(out_dir, options)
    if manifest is None or manifest.inputs.get(str(profile.absolute())) is None:
        return None
    result = _up_to_date(out_dir, None, manifest)
    result.seconds = time.perf_counter() - started
    return result


def _up_to_date(out_dir: Path, plan: Plan | None, previous: Manifest) -> BuildResult:
    files = previous.files
    edited = [
        EditedDocument(e.title or e.path, out_dir / e.path,
                       out_dir / fresh_name(e.path) if fresh_name(e.path) in files else None,
                       document=e.document or "")
        for e in files.values() if e.kind == "docx" and e.source == "edited"
    ]
    return BuildResult(
        out_dir, plan, up_to_date=True, complete=previous.complete, summary=list(previous.summary),
        kept=[out_dir / p for p in sorted(files)], edited=edited,
        placeholders={e.document or e.path: list(e.placeholders)
                      for e in files.values() if e.placeholders and not e.fresh},
        warnings=[Diagnostic(w, severity="warning") for w in previous.warnings],
        profile_warnings=list(previous.profile_warnings),
    )


@dataclass
class _Doc:
    """Where a document's PDF comes from."""

    spec: DocumentSpec
    source: Path  # the .docx to convert: staged new rendering, or the file in the build dir
    sha: str


class _Build:
    """One full build: decide per file, stage, make PDFs, check, then commit."""

    def __init__(self, loaded: Loaded, plan: Plan, options: BuildOptions, inputs: InputHashes,
                 out_dir: Path, previous: Manifest | None, notify: Notify | None) -> None:
        self.loaded, self.plan, self.options, self.inputs = loaded, plan, options, inputs
        self.out, self.previous = out_dir, previous
        self.notify: Notify = notify or (lambda _msg: None)
        self.state = BuildDir(out_dir, previous, force=options.force)
        self.entries: dict[str, FileEntry] = {}
        self.puts: dict[str, Path] = {}  # rel path → staged file
        self.pdf_jobs: list[tuple[_Doc, str]] = []
        self.report_pdf: Any = None  # PdfJob of the report, when its PDF must be (re)made
        self.result = BuildResult(out_dir, plan)
        self.staging = out_dir  # set in run()

    def run(self) -> BuildResult:
        mf.sweep_staging(self.out, STAGING_PREFIX)
        self.staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.out))
        try:
            specs = self.plan.documents()
            rendered = self._render([s for s in specs if not self._can_skip(s)])
            for spec in specs:
                self._document(spec, rendered.get(doc_key(spec)))
            self._report()  # before the PDFs: its PDF joins the same worker pool
            self._pdfs()
            self._commit()
        finally:
            shutil.rmtree(self.staging, ignore_errors=True)
        return self.result

    # ── gather ──────────────────────────────────────────────────────────────
    def _render(self, specs: list[DocumentSpec]) -> dict[str, Any]:
        if not specs:
            return {}
        from dossier.render import render_documents

        docs = render_documents(self.loaded, specs, templates_dir=self.options.templates_dir,
                                draft=self.options.draft, rules_version=self.plan.rules_version)
        return {doc_key(d.spec): d for d in docs}

    def _can_skip(self, spec: DocumentSpec) -> bool:
        """Same inputs as last time and last time's rendering still on disk: no need to render."""
        rel, ih = doc_key(spec) + ".docx", self.inputs.doc_hashes[doc_key(spec)]
        prev, st = self.state.entry(rel), self.state
        if prev is None or not st.exists(rel):
            return False
        if st.ours(rel):
            return prev.input_hash == ih and prev.content_hash is not None
        fresh = st.entry(fresh_name(rel))
        return (not self.options.force and fresh is not None and st.ours(fresh.path)
                and fresh.input_hash == ih and fresh.content_hash is not None)

    def _stage(self, rel: str, data: bytes, entry: FileEntry) -> None:
        path = self.staging / rel
        atomic_write_bytes(path, data)
        self.puts[rel] = path
        self.entries[rel] = replace(entry, path=rel, sha256=sha256_bytes(data), size=len(data))
        self.result.written.append(self.out / rel)

    def _keep(self, entry: FileEntry) -> None:
        self.entries[entry.path] = entry
        self.result.kept.append(self.out / entry.path)

    def _document(self, spec: DocumentSpec, rendered: Any) -> None:
        key = doc_key(spec)
        rel, st = key + ".docx", self.state
        prev, fresh_rel = st.entry(rel), fresh_name(rel)
        if rendered is not None:
            data: bytes | None = rendered.data
            content = mf.docx_content_hash(rendered.data)
            placeholders = list(rendered.placeholders)
        else:  # skipped: the manifest knows the rendering
            data = None
            known = prev if st.ours(rel) else st.entry(fresh_rel)
            assert known is not None and known.content_hash is not None
            content, placeholders = known.content_hash, list(known.placeholders)
        if placeholders:
            self.result.placeholders[key] = placeholders
        entry = FileEntry(rel, "", 0, kind="docx", document=key, title=spec.filename,
                          content_hash=content, input_hash=self.inputs.doc_hashes[key],
                          placeholders=placeholders)
        disk_sha = st.sha(rel)
        theirs = disk_sha is not None and not st.ours(rel)
        if theirs and data is not None and mf.docx_content_hash((self.out / rel).read_bytes()) == content:
            theirs = False  # identical to the new rendering (e.g. the manifest was lost): adopt it
            prev = replace(entry, sha256=disk_sha or "", size=(self.out / rel).stat().st_size)
        if theirs and not self.options.force:
            self._edited(spec, entry, data, disk_sha or "")
            return
        if disk_sha is not None and prev is not None and prev.content_hash == content and not theirs:
            self._keep(replace(entry, sha256=disk_sha, size=prev.size))
            self.pdf_jobs.append((_Doc(spec, self.out / rel, disk_sha), key))
            return
        assert data is not None
        if theirs:
            self.notify(f"--force：覆盖已修改的文件 {self.out / rel}")
            self.result.edited.append(EditedDocument(spec.title, self.out / rel, None, overwritten=True,
                                                      document=key))
        self._stage(rel, data, entry)
        self.pdf_jobs.append((_Doc(spec, self.puts[rel], self.entries[rel].sha256), key))

    def _edited(self, spec: DocumentSpec, entry: FileEntry, data: bytes | None, sha: str) -> None:
        rel, st = entry.path, self.state
        prev, size = st.entry(rel), (self.out / rel).stat().st_size
        # An edited entry's content_hash is the latest rendering offered beside it: when the
        # legal team deleted that （新生成） copy after merging, it is not offered again.
        self._keep(replace(entry, sha256=sha, size=size, source="edited", placeholders=[]))
        fresh_rel, fresh_path = fresh_name(rel), None
        fresh_prev = st.entry(fresh_rel)
        fresh_entry = replace(entry, fresh=True)
        dismissed = (prev is not None and prev.source == "edited" and not st.exists(fresh_rel)
                     and prev.content_hash == entry.content_hash)
        if fresh_prev is not None and st.ours(fresh_rel) and fresh_prev.content_hash == entry.content_hash:
            self._keep(replace(fresh_entry, path=fresh_rel, sha256=fresh_prev.sha256, size=fresh_prev.size))
            fresh_path = self.out / fresh_rel
        elif dismissed:
            pass
        elif data is not None and st.writable(fresh_rel):
            self._stage(fresh_rel, data, fresh_entry)
            fresh_path = self.out / fresh_rel
        else:
            self.result.skipped.append(self.out / fresh_rel)
            self._warn(f"{fresh_rel} 也被修改过，新生成的版本未写入（可加 --force 覆盖）")
        self.result.edited.append(
            EditedDocument(spec.title, self.out / rel, fresh_path, document=entry.document or ""))
        self.pdf_jobs.append((_Doc(spec, self.out / rel, sha), entry.document or ""))

    def _warn(self, message: str) -> None:
        self.result.warnings.append(Diagnostic(message, severity="warning"))

    def _pdfs(self) -> None:
        if self.options.no_pdf:
            for doc, key in self.pdf_jobs:  # keep PDFs that still match their .docx
                pe = self.state.entry(key + ".pdf")
                if pe is not None and self.state.ours(pe.path) and pe.made_from == doc.sha:
                    self._keep(pe)
            return
        from dossier.pdf import PdfJob, make_pdfs

        engine, jobs, staged = self.options.pdf_engine, [], []
        label = engine + ("/pdf-a" if self.options.pdf_a else "")  # a PDF made otherwise is remade
        for doc, key in self.pdf_jobs:
            rel = key + ".pdf"
            pe = self.state.entry(rel)
            if pe is not None and self.state.ours(rel) and pe.made_from == doc.sha and pe.engine == label:
                self._keep(pe)
                continue
            target = self.state.place(rel, fresh_name(rel))
            if target is None:
                self.result.skipped.append(self.out / rel)
                self._warn(f"{rel} 及其（新生成）版本都被修改过，未重新生成 PDF（可加 --force）")
                continue
            if target != rel:
                self._warn(f"{rel} 被修改过，新的 PDF 另存为 {target}")
            elif self.state.exists(rel) and not self.state.ours(rel):
                self.notify(f"--force：覆盖已修改的文件 {self.out / rel}")
            subject = doc.spec.subject or doc.spec.folder
            jobs.append(PdfJob(doc.source, self.staging / target, doc.spec.filename,
                               self.loaded.profile.company.name, subject))
            staged.append((target, FileEntry(target, "", 0, kind="pdf", document=key,
                                             title=doc.spec.filename, fresh=target != rel,
                                             made_from=doc.sha, engine=label)))
        report = self.report_pdf
        if report is not None and engine != "weasyprint":  # the report is HTML: always WeasyPrint
            make_pdfs([report], engine="weasyprint", pdf_a=self.options.pdf_a)
        elif report is not None:
            jobs.append(report)
        if jobs:
            for path in {job.pdf.parent for job in jobs}:
                path.mkdir(parents=True, exist_ok=True)
            made = make_pdfs(jobs, engine=engine,  # type: ignore[arg-type]
                             workers=self.options.jobs, pdf_a=self.options.pdf_a)
            for diag in made:
                self.result.warnings.append(diag)
        for target, entry in staged:
            self._adopt_staged(target, entry)
        if report is not None:
            self._adopt_staged(REPORT_PDF, FileEntry(REPORT_PDF, "", 0, kind="report"))

    def _adopt_staged(self, rel: str, entry: FileEntry) -> None:
        path = self.staging / rel
        self.puts[rel] = path
        self.entries[rel] = replace(entry, sha256=sha256_file(path), size=path.stat().st_size)
        self.result.written.append(self.out / rel)

    # ── check ───────────────────────────────────────────────────────────────
    def _report(self) -> None:
        from dossier.check import check_dossier, write_report

        report = check_dossier(self.loaded, self.plan, today=clock.today())
        report = mf.with_build_items(report, self.plan, self.result)
        self.result.report = report
        self.result.complete = bool(report.complete)
        self.result.summary = [s.line() for s in report.summaries()]
        # The report is a machine summary nobody edits: replaced, never set beside. When its
        # text is what the build dir already holds, its PDF (the slow part) is kept too.
        folder, st = self.staging / ".report", self.state
        paths = write_report(report, folder, pdf=False)
        same = all(st.ours(p.name) and st.sha(p.name) == sha256_file(p) for p in paths)
        for path in paths:
            entry = st.entry(path.name)
            if same and entry is not None:
                self._keep(entry)
            else:
                path.replace(self.staging / path.name)
                self._adopt_staged(path.name, FileEntry(path.name, "", 0, kind="report"))
        if self.options.no_pdf:
            return
        pdf, html = REPORT_PDF, REPORT_PDF.removesuffix(".pdf") + ".html"
        if same and st.ours(pdf) and (entry := st.entry(pdf)) is not None:
            self._keep(entry)  # same text: keep its PDF, the slow part
            return
        from dossier.pdf import PdfJob

        source = self.out / html if same else self.staging / html
        self.report_pdf = PdfJob(source, self.staging / pdf, "完整性报告",
                                 self.loaded.profile.company.name, "完整性报告")

    # ── write ───────────────────────────────────────────────────────────────
    def _commit(self) -> None:
        prev_files = self.previous.files if self.previous else {}
        stale = [rel for rel in sorted(prev_files) if rel not in self.entries]
        manifest = Manifest(
            dossier_version=__version__, rules_version=self.plan.rules_version,
            profile=self.loaded.path.name, profile_hash=self.inputs.profile_hash,
            build_hash="", options=mf.option_record(self.options),
            generated_at=clock.now().isoformat(timespec="seconds"),
            complete=self.result.complete, summary=self.result.summary,
        )
        # Phase 1: a manifest that accepts both the old and the new bytes of every file being
        # replaced, so an interruption during the renames never makes our files look edited.
        pending = dict(prev_files)
        for rel in self.puts:
            new, old = self.entries[rel], prev_files.get(rel)
            if old is not None and self.state.ours(rel):
                base = replace(old, alt_sha256=new.sha256)
            else:
                base = new
            pending[rel] = replace(base, input_hash=None, content_hash=None, made_from=None)
        mf.write_manifest(self.out, replace(manifest, files=pending))
        for rel, staged in sorted(self.puts.items()):
            (self.out / rel).parent.mkdir(parents=True, exist_ok=True)
            staged.replace(self.out / rel)
        for rel in stale:
            if self.state.ours(rel):
                (self.out / rel).unlink(missing_ok=True)
                self.result.removed.append(self.out / rel)
            elif self.state.exists(rel):
                self._warn(f"{rel} 已不属于本次生成的材料，但被修改过，予以保留")
        manifest.build_hash, manifest.inputs = self.inputs.build_hash, self.inputs.files
        manifest.absent, manifest.today = self.inputs.absent, clock.today().isoformat()
        manifest.warnings = [w.message for w in self.result.warnings]
        manifest.profile_warnings = [w.format() for w in self.loaded.warnings]
        mf.write_manifest(self.out, replace(manifest, files=self.entries))
