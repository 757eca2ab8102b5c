"""The build dir's `manifest.json`: what `build` wrote, with hashes, so rebuilds keep the legal team's edits.

Every file `build` writes is recorded with its SHA-256. A file whose bytes no longer match
its entry was changed by someone else and is never overwritten without `--force`. Entries
also carry what a rebuild needs to skip work: each document's input hash and content hash
(the .docx parts without `docProps/core.xml`, which holds the timestamps), and for each PDF
the SHA-256 of the .docx it was made from.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
import zipfile
from dataclasses import asdict, dataclass, field, fields, replace
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from dossier import __version__, clock
from dossier.fsutil import atomic_write_text, sha256_bytes, sha256_file

if TYPE_CHECKING:
    from dossier.build import BuildOptions, BuildResult
    from dossier.plan_types import DocumentSpec, Plan
    from dossier.profile import Loaded

MANIFEST_NAME = "manifest.json"
FORMAT = 1

Source = Literal["generated", "edited", "attachment"]
Kind = Literal["docx", "pdf", "report", "attachment"]


@dataclass
class FileEntry:
    """One file of the build dir (paths are POSIX, relative to the build dir)."""

    path: str
    sha256: str
    size: int
    source: Source = "generated"
    kind: Kind = "docx"
    document: str | None = None  # "<folder>/<filename>" of the document it belongs to
    title: str | None = None  # document title, for PDF metadata
    fresh: bool = False  # the （新生成） rendering beside an edited document
    content_hash: str | None = None  # docx parts without docProps/core.xml
    input_hash: str | None = None  # everything the rendering depended on
    placeholders: list[str] = field(default_factory=list)  # 【待补充】 fields in draft mode
    made_from: str | None = None  # PDF: SHA-256 of the .docx it was made from
    engine: str | None = None  # PDF: the engine that made it
    alt_sha256: str | None = None  # set only while a commit is in progress

    def to_json(self) -> dict[str, Any]:
        """Plain JSON, without empty optional keys."""
        return {k: v for k, v in asdict(self).items() if v not in (None, [], False)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FileEntry:
        """Read one entry, ignoring keys a newer dossier may have added."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def matches(self, sha: str) -> bool:
        """Whether `sha` is a state of this file that dossier wrote."""
        return sha in (self.sha256, self.alt_sha256)


@dataclass
class Manifest:
    """The whole `manifest.json` of a build dir."""

    dossier_version: str
    rules_version: str
    profile: str  # profile file name, for humans
    profile_hash: str
    build_hash: str  # whole-build input hash: equal means nothing to do
    options: dict[str, Any] = field(default_factory=dict)
    generated_at: str = ""
    complete: bool = False
    summary: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    profile_warnings: list[str] = field(default_factory=list)  # replayed when nothing changed
    today: str = ""  # deadlines and dates in the documents depend on the build date
    inputs: dict[str, str] = field(default_factory=dict)  # input file → SHA-256 (see InputHashes)
    absent: list[str] = field(default_factory=list)
    files: dict[str, FileEntry] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The manifest as JSON data, files sorted by path."""
        data = {k: v for k, v in asdict(self).items() if k != "files"}
        data["format"] = FORMAT
        data["files"] = [self.files[p].to_json() for p in sorted(self.files)]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        """Parse manifest JSON; raises KeyError/TypeError/ValueError when malformed."""
        entries = [FileEntry.from_json(item) for item in data["files"]]
        return cls(
            dossier_version=str(data["dossier_version"]),
            rules_version=str(data["rules_version"]),
            profile=str(data.get("profile", "")),
            profile_hash=str(data["profile_hash"]),
            build_hash=str(data["build_hash"]),
            options=dict(data.get("options", {})),
            generated_at=str(data.get("generated_at", "")),
            complete=bool(data.get("complete", False)),
            summary=[str(s) for s in data.get("summary", [])],
            warnings=[str(s) for s in data.get("warnings", [])],
            profile_warnings=[str(s) for s in data.get("profile_warnings", [])],
            today=str(data.get("today", "")),
            inputs={str(k): str(v) for k, v in dict(data.get("inputs", {})).items()},
            absent=[str(s) for s in data.get("absent", [])],
            files={e.path: e for e in entries},
        )

    def intact(self, build_dir: Path) -> bool:
        """Every recorded file is on disk with the recorded bytes (no edits, nothing missing)."""
        for entry in self.files.values():
            path = build_dir / entry.path
            try:
                if path.stat().st_size != entry.size or sha256_file(path) != entry.sha256:
                    return False
            except OSError:
                return False
            if entry.alt_sha256 is not None:
                return False
        return True


def read_manifest(build_dir: Path) -> Manifest | None:
    """The build dir's manifest, or None when there is none or it cannot be read."""
    path = build_dir / MANIFEST_NAME
    try:
        return Manifest.from_json(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def manifest_exists(build_dir: Path) -> bool:
    """Whether the folder has a manifest file (readable or not)."""
    return (build_dir / MANIFEST_NAME).is_file()


def write_manifest(build_dir: Path, manifest: Manifest) -> None:
    """Write `manifest.json` atomically."""
    text = json.dumps(manifest.to_json(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    atomic_write_text(build_dir / MANIFEST_NAME, text)


def find_build_dir(path: Path) -> Path | None:
    """The build dir holding `path` (the nearest parent with a manifest), if any."""
    for parent in [path, *path.parents][:4]:
        if parent.is_dir() and manifest_exists(parent):
            return parent
    return None


def docx_content_hash(data: bytes) -> str:
    """SHA-256 over a .docx's parts except `docProps/core.xml` (timestamps), in name order.

    Two renderings of the same inputs at different times share this hash even when their
    bytes differ; a file that is not a zip hashes as its raw bytes.
    """
    h = hashlib.sha256()
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            for name in sorted(zf.namelist()):
                if name == "docProps/core.xml":
                    continue
                part = zf.read(name)
                h.update(name.encode("utf-8") + b"\0" + str(len(part)).encode() + b"\0")
                h.update(part)
    except (zipfile.BadZipFile, OSError, ValueError):
        return hashlib.sha256(data).hexdigest()
    return h.hexdigest()


def doc_key(spec: DocumentSpec) -> str:
    """`<folder>/<filename>`: a document's place in the build dir, without extension."""
    return f"{spec.folder}/{spec.filename}"


def _digest(*parts: Any) -> str:
    return sha256_bytes(json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str).encode())


RULES_DIR = Path(__file__).resolve().parent / "rules"


def _hash_or_empty(path: Path) -> str:
    try:
        return sha256_file(path) if path.is_file() else ""
    except OSError:
        return ""


@dataclass(frozen=True)
class InputHashes:
    """Content hashes of everything a build depends on."""

    profile_hash: str
    build_hash: str
    doc_hashes: dict[str, str]
    files: dict[str, str]  # absolute path → SHA-256 ("" when missing): the quick check re-hashes these
    absent: list[str]  # template overrides that did not exist (one appearing changes the build)

    @classmethod
    def gather(cls, loaded: Loaded, plan: Plan, options: BuildOptions) -> InputHashes:
        """Hash the profile, its attachments, the templates, the rulebook data, versions, options."""
        from dossier.render import template_path

        files = {str(loaded.path.absolute()): sha256_file(loaded.path)}
        attachments: dict[str, str] = {}
        for key, att in sorted(loaded.profile.attachments.items()):
            if att.path:
                path = (loaded.base_dir / att.path).absolute()
                attachments[key] = files[str(path)] = _hash_or_empty(path)
        rules = {p.relative_to(RULES_DIR).as_posix(): _hash_or_empty(p)
                 for p in sorted(RULES_DIR.rglob("*")) if p.is_file() and p.suffix != ".py"}
        files.update({str(RULES_DIR / name): sha for name, sha in rules.items()})
        specs = plan.documents()
        templates: dict[str, str] = {}
        absent: list[str] = []
        for spec in specs:
            path = template_path(spec.template, options.templates_dir).absolute()
            templates[spec.template] = files[str(path)] = sha256_file(path)
            override = options.templates_dir / spec.template if options.templates_dir else None
            if override is not None and not override.is_file():
                absent.append(str(override.absolute()))
        profile_hash = files[str(loaded.path.absolute())]
        common = _digest(__version__, plan.rules_version, profile_hash, attachments, rules,
                         repr(plan), options.draft, clock.today().isoformat())
        doc_hashes = {doc_key(s): _digest(common, templates[s.template], repr(s)) for s in specs}
        build_hash = _digest(common, sorted(templates.items()), option_record(options))
        return cls(profile_hash, build_hash, doc_hashes, files, sorted(set(absent)))


def unchanged_build(out_dir: Path, options: BuildOptions) -> Manifest | None:
    """The build dir's manifest when nothing it was built from has changed, else None.

    Re-hashes the recorded input files (profile, attachments, templates, rulebook data) and
    the outputs, without parsing the profile: what makes a no-change rebuild take milliseconds.
    """
    manifest = read_manifest(out_dir)
    if (manifest is None or options.force or not manifest.inputs or not manifest.build_hash
            or manifest.dossier_version != __version__ or manifest.today != clock.today().isoformat()
            or manifest.options != option_record(options)):
        return None
    if any(_hash_or_empty(Path(path)) != sha for path, sha in manifest.inputs.items()):
        return None
    if any(Path(path).exists() for path in manifest.absent):
        return None
    return manifest if manifest.intact(out_dir) else None


def option_record(options: BuildOptions) -> dict[str, Any]:
    """The options a rebuild (e.g. by `bundle`) must reuse to produce the same files."""
    return {
        "templates_dir": str(options.templates_dir.resolve()) if options.templates_dir else None,
        "pdf_engine": options.pdf_engine,
        "pdf_a": options.pdf_a,
        "no_pdf": options.no_pdf,
        "draft": options.draft,
        "rules_version": options.rules_version,
    }


class BuildDir:
    """The files of a build dir as the previous manifest knows them; hashes computed once."""

    def __init__(self, root: Path, previous: Manifest | None, *, force: bool = False) -> None:
        self.root = root
        self.previous = previous
        self.force = force
        self._sha: dict[str, str | None] = {}

    def entry(self, rel: str) -> FileEntry | None:
        """The previous manifest's entry for `rel`."""
        return self.previous.files.get(rel) if self.previous else None

    def sha(self, rel: str) -> str | None:
        """SHA-256 of the file on disk, None when missing."""
        if rel not in self._sha:
            path = self.root / rel
            try:
                self._sha[rel] = sha256_file(path) if path.is_file() else None
            except OSError:
                self._sha[rel] = None
        return self._sha[rel]

    def exists(self, rel: str) -> bool:
        """Whether the file is on disk."""
        return self.sha(rel) is not None

    def ours(self, rel: str) -> bool:
        """On disk exactly as dossier generated it (safe to overwrite or delete)."""
        entry, sha = self.entry(rel), self.sha(rel)
        return entry is not None and sha is not None and entry.source == "generated" and entry.matches(sha)

    def writable(self, rel: str) -> bool:
        """Writing `rel` loses nobody's work: missing, ours, or `--force`."""
        return self.force or not self.exists(rel) or self.ours(rel)

    def place(self, rel: str, fallback: str | None) -> str | None:
        """Where to write `rel`: itself if writable, else `fallback` if writable, else nowhere."""
        if self.writable(rel):
            return rel
        if fallback is not None and self.writable(fallback):
            return fallback
        return None


def fresh_name(rel: str) -> str:
    """`a/b.docx` → `a/b（新生成）.docx`: where a new rendering goes beside an edited file."""
    stem, dot, ext = rel.rpartition(".")
    return f"{stem}（新生成）.{ext}" if dot else f"{rel}（新生成）"


def sweep_staging(build_dir: Path, prefix: str) -> None:
    """Remove staging folders an interrupted build left behind (older than ten minutes)."""
    cutoff = time.time() - 600
    for path in build_dir.glob(prefix + "*"):
        try:
            if path.is_dir() and path.stat().st_mtime < cutoff:
                shutil.rmtree(path, ignore_errors=True)
        except OSError:
            continue


def with_build_items(report: Any, plan: Plan, result: BuildResult) -> Any:
    """Add what only the build knows to the report: edited documents and draft placeholders.

    Same items as `check_dossier(build_dir=…)` finds on disk, but from this build's decisions
    (its （新生成） files are still in staging while the report is made).
    """
    from dossier.check.report import Item

    where: dict[str, tuple[str, str]] = {}
    for t in plan.tracks:
        for spec in t.documents:
            where.setdefault(doc_key(spec), (t.track, t.subject))
    items = list(report.items)
    for doc in result.edited:
        track, subject = where.get(doc.document, ("general", ""))
        rel = _rel(doc.fresh or doc.path, result.out_dir)
        detail = (f"{doc.path.name} 曾被修改，已按 --force 用新生成的版本覆盖。" if doc.overwritten else
                  f"{doc.path.name} 已被修改，未覆盖；PDF 由修改后的文件生成"
                  + (f"，按档案新生成的版本另存为 {doc.fresh.name}。" if doc.fresh else "。"))
        items.append(Item(
            id=f"{track}/{subject}/build/{rel}", title=f"已修改的文件：{doc.path.stem}", track=track,
            status="warning", subject=subject or None, kind="build", file=rel, detail=detail,
            action="对比两个文件，把需要的更新合并到已修改的文件后删除（新生成）版本。",
        ))
    for key, fields_ in result.placeholders.items():
        track, subject = where.get(key, ("general", ""))
        items.append(Item(
            id=f"{track}/{subject}/draft/{key}", title=f"待补充占位：{key.rsplit('/', 1)[-1]}",
            track=track, status="missing", subject=subject or None, kind="build",
            file=key + ".docx", detail="以【待补充】代替的内容：" + "、".join(fields_),
            action="在档案中补齐这些字段后重新生成（不加 --draft 时缺字段会直接报错）。",
        ))
    return replace(report, items=tuple(items))


def _rel(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()
