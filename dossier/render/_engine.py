"""Render documents: cached, pre-compiled docx templates → deterministic .docx bytes."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Template
from jinja2 import TemplateError as JinjaTemplateError

from dossier.clock import now
from dossier.errors import Diagnostic, TemplateError
from dossier.plan_types import DocumentSpec
from dossier.profile import Loaded
from dossier.render._context import build_context
from dossier.render._env import RenderState, environment, index_paths, reset_paths, set_paths

PACKAGED = Path(__file__).resolve().parents[1] / "_templates" / "docx"
REPO = Path(__file__).resolve().parents[2] / "templates" / "docx"
_TAG = re.compile(r"{{.*?}}|{%.*?%}", re.DOTALL)


@dataclass(frozen=True)
class RenderedDocument:
    """One rendered document."""

    spec: DocumentSpec
    data: bytes  # the .docx bytes
    placeholders: tuple[str, ...]  # field paths rendered as 【待补充：…】 (draft mode)


def template_path(name: str, templates_dir: Path | None = None) -> Path:
    """Where template `name` lives: the override dir first, then the packaged copy, then the repo."""
    for folder in (templates_dir, PACKAGED, REPO):
        if folder is not None and (folder / name).is_file():
            return folder / name
    searched = "、".join(str(f) for f in (templates_dir, PACKAGED, REPO) if f is not None)
    raise TemplateError(f"找不到模板 {name}（查找过：{searched}）", hint="用 --templates 指定模板文件夹。")


@dataclass(frozen=True)
class _Compiled:
    data: bytes
    body: Template
    tags: tuple[str, ...]


_CACHE: dict[tuple[Path, int, int], _Compiled] = {}


def _patcher() -> Any:
    from docxtpl import DocxTemplate

    return DocxTemplate.__new__(DocxTemplate)


def _compile(path: Path) -> _Compiled:
    """Read, patch and compile a template once per process (keyed by path, size and mtime)."""
    stat = path.stat()
    key = (path.resolve(), stat.st_mtime_ns, stat.st_size)
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    from docx import Document
    from lxml import etree  # type: ignore[import-untyped]

    data = path.read_bytes()
    try:
        body = Document(io.BytesIO(data)).element.body
    except Exception as exc:
        raise TemplateError(f"模板 {path.name} 不是有效的 .docx 文件：{exc}", file=path) from exc
    xml = _patcher().patch_xml(etree.tostring(body, encoding="unicode"))
    xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)
    try:
        compiled = environment().from_string(xml)
    except JinjaTemplateError as exc:
        raise TemplateError(
            f"模板 {path.name} 的标签有语法错误：{exc}",
            file=path,
            hint=f"运行 dossier templates lint {path.parent} 查看具体段落。",
        ) from exc
    result = _Compiled(data, compiled, tuple(m.group(0) for m in _TAG.finditer(xml)))
    _CACHE[key] = result
    return result


class _Doc:
    """The per-render document (what docxtpl's InlineImage expects as `tpl`)."""

    def __init__(self, data: bytes) -> None:
        from docx import Document

        self.docx = Document(io.BytesIO(data))
        self.current_rendering_part = self.docx.part


def _tag_for(tags: tuple[str, ...], path: str) -> str:
    leaf = re.split(r"[.\[]", path)[-1]
    for tag in tags:
        if re.search(rf"\b{re.escape(leaf)}\b", tag):
            return re.sub(r"<[^>]+>", "", tag)
    return "?"


def _render_one(loaded: Loaded, spec: DocumentSpec, path: Path, draft: bool,
                rules_version: str | None) -> RenderedDocument:
    from docx.oxml import parse_xml

    compiled = _compile(path)
    doc = _Doc(compiled.data)
    state = RenderState(template=spec.template, draft=draft, base_dir=loaded.base_dir, tpl=doc)
    context = build_context(loaded, spec, rules_version)
    context["_state"] = state
    token = set_paths(index_paths(loaded.profile))
    try:
        xml = compiled.body.render(context)
    except JinjaTemplateError as exc:
        line = getattr(exc, "lineno", None)
        raise TemplateError(
            f"渲染模板 {spec.template}（《{spec.title}》）失败：{exc}"
            + (f"（第 {line} 段附近）" if line else ""),
            file=path,
            hint="标签引用了档案中不存在的字段？运行 dossier templates lint 检查模板。",
        ) from exc
    finally:
        reset_paths(token)
    if state.missing and not draft:
        diagnostics = [
            Diagnostic(f"{title} 缺失（模板标签 {_tag_for(compiled.tags, field)}）", file=path, field=field)
            for field, title in dict.fromkeys(state.missing)
        ]
        listing = "；".join(d.format() for d in diagnostics)
        raise TemplateError(
            f"《{spec.title}》（模板 {spec.template}）缺少 {len(diagnostics)} 个字段：{listing}",
            file=path,
            hint="在档案中补全这些字段，或用 --draft 生成带【待补充】占位的草稿。",
            diagnostics=diagnostics,
        )
    xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
    try:
        tree = parse_xml(xml)
    except Exception as exc:  # a template bug: the rendered XML is not well-formed
        raise TemplateError(f"模板 {spec.template} 渲染后的 XML 无效：{exc}", file=path) from exc
    for i, pr in enumerate(tree.xpath(".//wp:docPr"), start=1):
        pr.set("id", str(i))
    root = doc.docx.element
    root.replace(root.body, tree)
    _set_properties(doc.docx, spec, loaded.profile.company.name)
    out = io.BytesIO()
    doc.docx.save(out)
    return RenderedDocument(spec, normalise_zip(out.getvalue()), tuple(state.placeholders))


def _set_properties(document: Any, spec: DocumentSpec, author: str) -> None:
    props = document.core_properties
    moment = now().replace(microsecond=0, tzinfo=None)
    props.title = spec.title
    props.subject = spec.subject or ""
    props.author = author
    props.last_modified_by = author
    props.created = moment
    props.modified = moment
    props.revision = 1
    props.comments = "由 dossier 生成"


def normalise_zip(data: bytes) -> bytes:
    """Rewrite the docx zip with fixed timestamps and attributes so equal input gives equal bytes."""
    stamp = now().timetuple()[:6]
    stamp = (max(stamp[0], 1980), *stamp[1:])
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def render_documents(
    loaded: Loaded,
    specs: Sequence[DocumentSpec],
    *,
    templates_dir: Path | None = None,
    draft: bool = False,
    rules_version: str | None = None,
) -> list[RenderedDocument]:
    """Render every spec; missing fields raise one TemplateError per document unless `draft`.

    `rules_version` is the rulebook the plan used (default: the profile's `rules` or today's), so
    the documents judge rates against the same thresholds as the completeness report.
    """
    results: list[RenderedDocument] = []
    problems: list[TemplateError] = []
    for spec in specs:
        path = template_path(spec.template, templates_dir)
        try:
            results.append(_render_one(loaded, spec, path, draft, rules_version))
        except TemplateError as exc:
            if not exc.diagnostics:
                raise
            problems.append(exc)
    if problems:
        if len(problems) == 1:
            raise problems[0]
        diagnostics = [d for p in problems for d in p.diagnostics]
        raise TemplateError(
            f"{len(problems)} 份文件缺少字段，共 {len(diagnostics)} 处：\n"
            + "\n".join(p.message for p in problems),
            hint=problems[0].hint,
            diagnostics=diagnostics,
        )
    return results
