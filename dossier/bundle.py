"""Bundle: build dir → one deterministic zip, laid out the way each track is submitted.

Layout (domain.md §2.3–2.4, §4.2, §4.3), one root folder per track:

    算法备案/1_主体信息/                 承诺书, 落实主体责任, 联系材料; 营业执照, 身份证件, 工作证明…
    算法备案/2_算法信息（<算法名>）/      自评估报告, 拟公示内容, 标识说明; 截图, 第三方佐证…
    大模型备案/0_上线备案表/ 附件1_安全评估报告/ 附件2_模型服务协议/ 附件3_语料标注规则/
             附件4_拦截关键词列表/ 附件5_评估测试题集/ 附件6_算力供应链安全说明/
             附件7_其他佐证材料/ 附件8_测试账号及接口/
    大模型登记/0_登记备案表/ 1_调用已备案大模型情况说明及证明材料/ 2_产品服务协议/
             3_内容安全管理制度/ 4_拦截关键词库/ 5_评估测试题/ 6_测试通道/ 7_其他材料/
    其他材料/                          attachments of the profile no filing rule asks for
    完整性报告.{md,html,pdf,json}  manifest.json

Algorithm filings share one entity step, so all algorithms sit under one 算法备案/ folder.
With several GenAI services on one track the root becomes 大模型备案（<服务名>）/.
Documents come as .docx and .pdf (the legal team's edited file when there is one);
attachments are copied under their canonical names plus the original extension.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import stat
import tempfile
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dossier import __version__, clock
from dossier.build import BuildOptions, BuildResult, Notify, build, make_build_plan
from dossier.errors import IncompleteError, InputError
from dossier.fsutil import sha256_bytes
from dossier.manifest import FORMAT, FileEntry, Source, doc_key, read_manifest

if TYPE_CHECKING:
    from dossier.plan_types import AttachmentRequirement, DocumentSpec, Plan, Track
    from dossier.profile import Loaded

LAYOUT = "dossier-bundle/1"
COMPRESSLEVEL = 9
HELPER_PATTERNS = ("~$*", ".~lock.*", ".*", "Thumbs.db", "desktop.ini", "*.tmp", "*.bak",
                   "说明.txt", "readme*", "README*")

ENTITY_FOLDER = "1_主体信息"
OTHER_FOLDER = "其他材料"  # attachments the profile lists but no filing rule asks for
GENAI_FOLDERS: dict[str, dict[str, str]] = {
    "genai_filing": {
        "genai_filing_form": "0_上线备案表", "signed_filing_form": "0_上线备案表",
        "genai_assessment": "附件1_安全评估报告", "signed_assessment_report": "附件1_安全评估报告",
        "service_agreement": "附件2_模型服务协议", "privacy_policy": "附件2_模型服务协议",
        "annotation_rules": "附件3_语料标注规则",
        "keyword_library": "附件4_拦截关键词列表",
        "test_bank": "附件5_评估测试题集",
        "supply_chain_statement": "附件6_算力供应链安全说明",
        "test_accounts": "附件8_测试账号及接口", "test_accounts_list": "附件8_测试账号及接口",
        "": "附件7_其他佐证材料",  # corpus proofs, base-model proofs, licence, IDs, contacts
    },
    "genai_registration": {
        "genai_registration_form": "0_登记备案表", "signed_filing_form": "0_登记备案表",
        "base_model_statement": "1_调用已备案大模型情况说明及证明材料",
        "base_model_evidence": "1_调用已备案大模型情况说明及证明材料",
        "service_agreement": "2_产品服务协议", "privacy_policy": "2_产品服务协议",
        "content_security_policy": "3_内容安全管理制度", "genai_self_assessment": "3_内容安全管理制度",
        "keyword_library": "4_拦截关键词库",
        "test_bank": "5_评估测试题",
        "test_accounts": "6_测试通道", "test_accounts_list": "6_测试通道",
        "": "7_其他材料",  # licence, IDs, work certificate, contact sheet
    },
}


@dataclass(frozen=True)
class BundleEntry:
    """One file of a bundle, as listed in the bundle's own `manifest.json`."""

    path: str
    size: int
    sha256: str
    source: Source


def bundle_manifest(
    entries: list[BundleEntry],
    *,
    dossier_version: str,
    rules_version: str,
    profile_hash: str,
    company: str,
    created: str,
    draft: bool,
    complete: bool,
    layout: str,
) -> bytes:
    """The bundle's `manifest.json` bytes: stable key order, entries sorted by path."""
    data = {
        "format": FORMAT,
        "company": company,
        "created": created,
        "draft": draft,
        "complete": complete,
        "dossier_version": dossier_version,
        "rules_version": rules_version,
        "profile_hash": profile_hash,
        "layout": layout,
        "files": [asdict(e) for e in sorted(entries, key=lambda e: e.path)],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


@dataclass
class BundleResult:
    """The zip written, what is in it, and what was left out."""

    path: Path
    entries: list[BundleEntry]
    draft: bool
    complete: bool
    summary: list[str]
    build: BuildResult
    left_out: list[str] = field(default_factory=list)


def safe_name(text: str) -> str:
    """One path component from user text: no separators, no `..`, no control characters."""
    name = re.sub(r'[\x00-\x1f\x7f/\\:*?"<>|]', "_", text).strip().strip(".")
    return name or "_"


def is_helper(name: str) -> bool:
    """Lock files, OS litter and notes that must not reach the regulator."""
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in HELPER_PATTERNS)


def default_zip_path(loaded: Loaded, build_dir: Path, *, draft: bool) -> Path:
    """`<company>_备案材料_<YYYYMMDD>[（草稿）].zip` next to the build dir."""
    name = f"{safe_name(loaded.profile.company.name)}_备案材料_{clock.today():%Y%m%d}"
    return build_dir.resolve().parent / (name + ("（草稿）" if draft else "") + ".zip")


def bundle(loaded: Loaded, build_dir: Path, out_zip: Path | None = None, *,
           allow_incomplete: bool = False, notify: Notify | None = None) -> BundleResult:
    """(Re)build into `build_dir` if needed, then write the submission zip; return what it holds.

    Raises `InputError` (exit 2) for attachments outside the profile's folder and
    `IncompleteError` (exit 1) for an incomplete dossier unless `allow_incomplete`.
    """
    sources = _attachment_sources(loaded)  # refuse escaping paths before any work
    options = _rebuild_options(build_dir, allow_incomplete)
    result = build(loaded, options, notify=notify)
    plan = result.plan or make_build_plan(loaded, options.rules_version)
    if not result.complete and not allow_incomplete:
        raise IncompleteError(
            "材料不完整，未打包：" + "；".join(result.summary),
            hint="补齐后重试（dossier check 查看缺什么），或加 --allow-incomplete 打包草稿",
        )
    draft = not result.complete
    manifest = read_manifest(result.out_dir)
    if manifest is None:  # build always writes one; a vanished file is an outside interference
        raise InputError("构建目录缺少 manifest.json", file=result.out_dir)
    files: dict[str, tuple[bytes, Source]] = {}
    left_out: list[str] = []
    _add_documents(files, result.out_dir, plan, manifest.files)
    _add_attachments(files, plan, sources, left_out, Path(os.path.realpath(loaded.base_dir)))
    for entry in manifest.files.values():
        if entry.kind == "report" and not entry.fresh:
            files[entry.path] = (_read(result.out_dir / entry.path), "generated")
    entries = [BundleEntry(p, len(d), sha256_bytes(d), s) for p, (d, s) in sorted(files.items())]
    meta = bundle_manifest(
        entries, dossier_version=__version__, rules_version=plan.rules_version,
        profile_hash=manifest.profile_hash, company=loaded.profile.company.name,
        created=clock.now().isoformat(timespec="seconds"), draft=draft,
        complete=result.complete, layout=LAYOUT,
    )
    target = out_zip or default_zip_path(loaded, result.out_dir, draft=draft)
    if draft and "草稿" not in target.stem:
        target = target.with_name(f"{target.stem}（草稿）{target.suffix or '.zip'}")
    _write_zip(target, {**{p: d for p, (d, _) in files.items()}, "manifest.json": meta})
    return BundleResult(target, entries, draft, result.complete, list(result.summary), result, left_out)


def _rebuild_options(build_dir: Path, allow_incomplete: bool) -> BuildOptions:
    """The options of the build dir's last build (templates, engine, rules), with PDFs on."""
    previous = read_manifest(build_dir)
    recorded = previous.options if previous else {}
    templates = recorded.get("templates_dir")
    return BuildOptions(
        out_dir=build_dir,
        templates_dir=Path(templates) if isinstance(templates, str) else None,
        pdf_engine=str(recorded.get("pdf_engine") or "weasyprint"),
        draft=bool(recorded.get("draft")) or allow_incomplete,
        rules_version=recorded.get("rules_version") if isinstance(recorded.get("rules_version"), str) else None,
    )


def _track_roots(plan: Plan) -> dict[int, str]:
    """Root folder of each track: 算法备案 for all algorithms; one per GenAI subject when several."""
    roots: dict[int, str] = {}
    for i, track in enumerate(plan.tracks):
        same = [t for t in plan.tracks if t.track == track.track]
        several = track.track != "algorithm_filing" and len(same) > 1
        roots[i] = safe_name(f"{track.title}（{track.subject}）" if several else track.title)
    return roots


def _folder(track: Track, index: int, item_id: str, scope: str) -> str:
    """The numbered folder of a document or attachment inside its track's root."""
    if track.track == "algorithm_filing":
        return ENTITY_FOLDER if scope == "entity" else safe_name(f"{index}_算法信息（{track.subject}）")
    table = GENAI_FOLDERS.get(track.track, {"": "其他材料"})
    return table.get(item_id, table[""])


def _layout(plan: Plan) -> list[tuple[Track, str, int]]:
    """Each track with its root and, for algorithm filings, its step number (2, 3, …)."""
    roots, out, step = _track_roots(plan), [], 1
    for i, track in enumerate(plan.tracks):
        if track.track == "algorithm_filing":
            step += 1
        out.append((track, roots[i], step))
    return out


def _add_documents(files: dict[str, tuple[bytes, Source]], out_dir: Path, plan: Plan,
                   entries: dict[str, FileEntry]) -> None:
    for track, root, step in _layout(plan):
        for spec in track.documents:
            folder = f"{root}/{_folder(track, step, spec.id, spec.scope)}"
            _add_document(files, out_dir, folder, spec, entries)


def _add_document(files: dict[str, tuple[bytes, Source]], out_dir: Path, folder: str,
                  spec: DocumentSpec, entries: dict[str, FileEntry]) -> None:
    key = doc_key(spec)
    docx = entries.get(key + ".docx")
    if docx is None:
        return
    source: Source = "edited" if docx.source == "edited" else "generated"
    name = safe_name(spec.filename)
    files[f"{folder}/{name}.docx"] = (_read(out_dir / docx.path), source)
    pdfs = sorted((e for e in entries.values() if e.kind == "pdf" and e.document == key),
                  key=lambda e: e.fresh)
    if pdfs:
        files[f"{folder}/{name}.pdf"] = (_read(out_dir / pdfs[0].path), source)


def _attachment_sources(loaded: Loaded) -> dict[str, Path]:
    """Each provided attachment's real file; refuses anything that leaves the profile's folder."""
    base = Path(os.path.realpath(loaded.base_dir))
    out: dict[str, Path] = {}
    for key, att in sorted(loaded.profile.attachments.items()):
        if att.path is None:
            continue
        given = Path(att.path)
        if given.is_absolute() or ".." in given.parts:
            raise InputError(f"附件 {key} 的路径 {att.path} 不在档案文件夹内，拒绝打包", file=loaded.path)
        real = Path(os.path.realpath(loaded.base_dir / given))
        if not real.is_relative_to(base):
            raise InputError(f"附件 {key} 的路径 {att.path} 经符号链接指向档案文件夹之外，拒绝打包",
                             file=loaded.path, hint="把文件本身复制到档案文件夹中")
        out[key] = real
    return out


def _add_attachments(files: dict[str, tuple[bytes, Source]], plan: Plan, sources: dict[str, Path],
                     left_out: list[str], base: Path) -> None:
    used: set[str] = set()
    for track, root, step in _layout(plan):
        for req in track.attachments:
            path = sources.get(req.ref) if req.ref else None
            if path is None or not path.is_file():
                continue  # missing: the report says so
            used.add(req.ref or "")
            if is_helper(path.name):
                left_out.append(f"{req.ref}：{path.name}（辅助文件，不提交）")
                continue
            scope = "entity" if req.subject is None else "subject"
            folder = f"{root}/{_folder(track, step, req.id, scope)}"
            if not Path(os.path.realpath(path)).is_relative_to(base):  # swapped since the first check
                raise InputError(f"附件 {req.ref} 现在指向档案文件夹之外，拒绝打包", file=path)
            files[f"{folder}/{_attachment_name(req, path)}"] = (_read(path), "attachment")
    for key in sorted(set(sources) - used):  # listed in the profile but no rule names it
        path = sources[key]
        if not path.is_file() or is_helper(path.name):
            left_out.append(f"{key}：{path.name}（辅助文件或不存在，不提交）")
            continue
        files[f"{OTHER_FOLDER}/{safe_name(path.name)}"] = (_read(path), "attachment")


def _attachment_name(req: AttachmentRequirement, path: Path) -> str:
    ext = re.sub(r"[^A-Za-z0-9]", "", path.suffix).lower()
    return safe_name(req.canonical_name or req.title) + (f".{ext}" if ext else "")


def _read(path: Path) -> bytes:
    """A regular file's bytes (never a FIFO, device or directory)."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise InputError("不是普通文件，拒绝打包", file=path)
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取：{exc.strerror}", file=path) from None


def _write_zip(target: Path, files: dict[str, bytes]) -> None:
    """Sorted entries, fixed time and permissions, UTF-8 names; written atomically."""
    moment = clock.now().timetuple()[:6]
    stamp = (max(moment[0], 1980), *moment[1:])
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".zip", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh, zipfile.ZipFile(fh, "w") as zf:
            for name in sorted(files):
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.create_system = 3  # zipfile itself sets the UTF-8 flag (bit 11) on non-ASCII names
                info.external_attr = 0o100644 << 16
                zf.writestr(info, files[name], compress_type=zipfile.ZIP_DEFLATED,
                            compresslevel=COMPRESSLEVEL)
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
