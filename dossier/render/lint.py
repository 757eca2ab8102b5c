"""`dossier templates lint`: find template tags that would fail or silently misbehave at render time.

Three checks per .docx: tags split across Word runs, unbalanced `{% %}` blocks, and tags naming
fields that are not in the profile model or the render context. Each finding names the file and
the paragraph (counted from 1, table cells included).
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
import zipfile
from pathlib import Path
from typing import Any

from dossier.errors import Diagnostic

_TAG = re.compile(r"{{.*?}}|{%.*?%}|{#.*?#}", re.DOTALL)
_BLOCK = re.compile(r"^{%-?[ptrc]{0,2}\s*(\w+)")
_OPENERS = {"for", "if", "with", "macro", "call", "filter", "block", "raw"}
_MIDDLE = {"elif": "if", "else": ("if", "for")}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _context_types() -> dict[str, Any]:
    from dossier.profile.algorithm import Algorithm
    from dossier.profile.entity import Company
    from dossier.profile.genai import Evaluation, GenaiService
    from dossier.profile.model import Attachment, Profile
    from dossier.profile.product import Product
    from dossier.render._context import AlgorithmView, DocInfo
    from dossier.render._filters import GLOBALS

    types_: dict[str, Any] = {
        "profile": Profile, "company": Company, "products": list[Product],
        "algorithms": list[Algorithm], "genai_services": list[GenaiService],
        "attachments": dict[str, Attachment], "algorithm": Algorithm, "service": GenaiService,
        "services": list[GenaiService], "service_products": list[Product], "doc": DocInfo,
        "evaluation": Evaluation, "thresholds": None,
        "av": AlgorithmView, "algorithm_views": list[AlgorithmView], "has_genai": bool,
        "has_generation": bool, "has_recommendation": bool, "loop": None,
        "range": None, "dict": None, "namespace": None, "lipsum": None, "cycler": None, "joiner": None,
    }
    types_.update(dict.fromkeys(GLOBALS))
    return types_


def _unwrap(annotation: Any) -> Any:
    """`X | None` → X."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else None
    return annotation


def _attr_type(owner: Any, attr: str) -> tuple[Any, str | None]:
    """The type of `owner.attr`, and an error message when the attribute cannot exist."""
    from pydantic import BaseModel

    owner = _unwrap(owner)
    if owner is None:
        return None, None
    origin = typing.get_origin(owner)
    if origin is dict:
        key_type, value_type = typing.get_args(owner)
        if hasattr(dict, attr):
            return None, None
        if typing.get_origin(key_type) is typing.Literal and attr not in typing.get_args(key_type):
            return None, f"不是允许的键（可用：{'、'.join(typing.get_args(key_type))}）"
        return value_type, None
    if origin is list:
        return None, None if hasattr(list, attr) else "列表没有这个属性（要遍历或取下标？）"
    if isinstance(owner, type) and issubclass(owner, BaseModel):
        if attr in owner.model_fields:
            return owner.model_fields[attr].annotation, None
        if hasattr(owner, attr):
            return None, None
        return None, f"{owner.__name__} 没有字段 {attr}（可用：{'、'.join(owner.model_fields)}）"
    if isinstance(owner, type) and dataclasses.is_dataclass(owner):
        hints = typing.get_type_hints(owner)
        if attr in hints:
            return hints[attr], None
        return None, f"{owner.__name__} 没有 {attr}（可用：{'、'.join(hints)}）"
    return None, None


def _element(annotation: Any) -> Any:
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) is list:
        return typing.get_args(annotation)[0]
    return None


class _Checker:
    """Walks a Jinja AST, tracking variable types, and reports unknown names and fields."""

    def __init__(self, scope: dict[str, Any], filters: set[str]) -> None:
        self.scope = dict(scope)
        self.filters = filters
        self.problems: list[tuple[int, str, str]] = []  # (line, expression, message)

    def type_of(self, node: Any) -> Any:
        from jinja2 import nodes

        if isinstance(node, nodes.Name):
            if node.name not in self.scope:
                self.problems.append((node.lineno, node.name, "不是模板可用的变量"))
                self.scope[node.name] = None
            return self.scope[node.name]
        if isinstance(node, nodes.Getattr):
            owner = self.type_of(node.node)
            result, problem = _attr_type(owner, node.attr)
            if problem:
                self.problems.append((node.lineno, _expr(node), problem))
            return result
        if isinstance(node, nodes.Getitem):
            owner = _unwrap(self.type_of(node.node))
            self.visit(node.arg)
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                result, problem = _attr_type(owner, node.arg.value)
                if problem:
                    self.problems.append((node.lineno, _expr(node), problem))
                return result
            return _element(owner)
        if isinstance(node, nodes.Filter):
            if node.name not in self.filters:
                self.problems.append((node.lineno, node.name, "不是已知的过滤器"))
        self.visit_children(node)
        return None

    def visit_children(self, node: Any) -> None:
        for child in node.iter_child_nodes():
            self.visit(child)

    def visit(self, node: Any) -> None:
        from jinja2 import nodes

        if isinstance(node, nodes.For):
            element = _element(self.type_of(node.iter))
            if isinstance(node.target, nodes.Name):
                self.scope[node.target.name] = element
            else:
                for name in node.target.find_all(nodes.Name):
                    self.scope[name.name] = None
            for child in (*node.body, *node.else_, *( [node.test] if node.test else [])):
                self.visit(child)
        elif isinstance(node, nodes.Assign):
            value = self.type_of(node.node)
            if isinstance(node.target, nodes.Name):
                self.scope[node.target.name] = value
            for name in node.target.find_all(nodes.Name):
                self.scope[name.name] = None
        elif isinstance(node, nodes.Macro):
            for arg in node.args:
                self.scope[arg.name] = None
            self.scope[node.name] = None
            self.visit_children(node)
        elif isinstance(node, nodes.Expr | nodes.Getattr | nodes.Getitem | nodes.Name):
            self.type_of(node)
        else:
            self.visit_children(node)


def _expr(node: Any) -> str:
    from jinja2 import nodes

    if isinstance(node, nodes.Name):
        return str(node.name)
    if isinstance(node, nodes.Getattr):
        return f"{_expr(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        return f"{_expr(node.node)}[{getattr(node.arg, 'value', '…')!r}]"
    return type(node).__name__


def _paragraphs(xml: bytes) -> list[tuple[list[str], str]]:
    """Every paragraph's w:t texts (document order) and its plain text."""
    from lxml import etree  # type: ignore[import-untyped]

    root = etree.fromstring(xml)
    out = []
    for p in root.iter(f"{_W}p"):
        texts = [t.text or "" for t in p.iter(f"{_W}t")]
        out.append((texts, "".join(texts)))
    return out


def _structure(path: Path, paragraphs: list[tuple[list[str], str]]) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    stack: list[tuple[str, int, str]] = []
    for number, (texts, text) in enumerate(paragraphs, start=1):
        bounds, pos = [], 0
        for t in texts:
            bounds.append((pos, pos + len(t)))
            pos += len(t)
        for m in _TAG.finditer(text):
            if not any(a <= m.start() and m.end() <= b for a, b in bounds):
                problems.append(Diagnostic(
                    f"第 {number} 段：标签 {m.group(0)} 被拆在几个文字块（run）里；"
                    "在 Word 中删掉整个标签后一次性重新输入", file=path))
        rest = _TAG.sub("", text)
        if "{{" in rest or "{%" in rest:
            problems.append(Diagnostic(f"第 {number} 段：有未闭合的标签（缺少 }}}} 或 %}}）：{text[:40]}", file=path))
        for m in _TAG.finditer(text):
            block = _BLOCK.match(m.group(0))
            if not block:
                continue
            word = block.group(1)
            if word in _OPENERS:
                stack.append((word, number, m.group(0)))
            elif word.startswith("end"):
                if stack and stack[-1][0] == word[3:]:
                    stack.pop()
                else:
                    problems.append(Diagnostic(f"第 {number} 段：{m.group(0)} 没有对应的开始标签", file=path))
            elif word in _MIDDLE and (not stack or stack[-1][0] not in _MIDDLE[word]):
                problems.append(Diagnostic(f"第 {number} 段：{m.group(0)} 不在 if/for 块内", file=path))
    for word, number, tag in stack:
        problems.append(Diagnostic(f"第 {number} 段：{tag} 没有对应的 {{% end{word} %}}", file=path))
    return problems


def lint_file(path: Path) -> list[Diagnostic]:
    """Problems in one template."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateSyntaxError

    from dossier.render._env import environment

    try:
        with zipfile.ZipFile(path) as archive:
            xml = archive.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        return [Diagnostic(f"不是有效的 .docx 文件：{exc}", file=path)]
    paragraphs = _paragraphs(xml)
    problems = _structure(path, paragraphs)
    if problems:
        return problems
    source = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml.decode("utf-8"))
    patched = DocxTemplate.__new__(DocxTemplate).patch_xml(source)
    env = environment()
    try:
        ast = env.parse(patched)
    except TemplateSyntaxError as exc:
        return [Diagnostic(f"第 {max(exc.lineno - 1, 1)} 段：标签语法错误：{exc.message}", file=path)]
    checker = _Checker(_context_types(), set(env.filters))
    checker.visit(ast)
    seen: set[tuple[int, str]] = set()
    for line, expr, message in checker.problems:
        if (line, expr) in seen:
            continue
        seen.add((line, expr))
        number = next((i for i, (_, text) in enumerate(paragraphs, start=1) if expr in text),
                      max(line - 1, 1))
        snippet = paragraphs[number - 1][1][:30] if number <= len(paragraphs) else ""
        problems.append(Diagnostic(f"第 {number} 段「{snippet}」：{expr} {message}", file=path))
    return problems


def lint_templates(directory: Path) -> list[Diagnostic]:
    """Lint every .docx in `directory` (sorted by name)."""
    problems: list[Diagnostic] = []
    for path in sorted(directory.glob("*.docx")):
        if not path.name.startswith("~$"):
            problems.extend(lint_file(path))
    return problems
