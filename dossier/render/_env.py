"""The one Jinja environment every template is rendered with, and how missing values show up.

A profile value that is `None` (or a `systems` entry that is absent) does not become the text
"None": attribute access returns a `Missing` that knows its profile path. When printed it is
recorded, and becomes either an error (collected, raised once per document) or, in draft
mode, a visible 【待补充：…】 placeholder.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from pydantic import BaseModel

from dossier.clock import zh_date

# id(object) → (profile path, model class or None) for the profile being rendered.
_PATHS: ContextVar[dict[int, tuple[str, type[BaseModel] | None]]] = ContextVar("_PATHS")
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Drop characters XML 1.0 cannot hold (a stray control character must not corrupt the file)."""
    return _INVALID_XML.sub("", text)


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside `X | None`, `list[X]` or `dict[K, X]`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, dict, tuple):
        for arg in reversed(typing.get_args(annotation)):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


def field_title(cls: type[BaseModel] | None, name: str) -> str:
    """The Chinese title of `cls.name`, or the name itself."""
    if cls is not None and name in cls.model_fields:
        return cls.model_fields[name].title or name
    return name


class Missing:
    """A value the profile does not provide; falsy, iterable as empty, printable as a placeholder."""

    __slots__ = ("cls", "path", "title")

    def __init__(self, path: str, title: str, cls: type[BaseModel] | None = None) -> None:
        self.path, self.title, self.cls = path, title, cls

    def child(self, name: object) -> Missing:
        """The missing value one attribute further down."""
        key = str(name)
        return Missing(f"{self.path}.{key}", f"{self.title}·{field_title(self.cls, key)}",
                       _inner_model(self.cls.model_fields[key].annotation)
                       if self.cls is not None and key in self.cls.model_fields else None)

    def __bool__(self) -> bool:
        return False

    def __iter__(self) -> Iterator[Any]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __str__(self) -> str:
        return f"【待补充：{self.title}】"

    def __repr__(self) -> str:
        return f"Missing({self.path!r})"


def missing_for(parent: object, name: str) -> Missing:
    """The `Missing` for attribute or key `name` of a profile object."""
    path, cls = _PATHS.get({}).get(id(parent), ("", None))
    title = field_title(cls, name)
    inner = None
    if cls is not None and name in cls.model_fields:
        inner = _inner_model(cls.model_fields[name].annotation)
    elif isinstance(parent, dict):
        title = f"{path.rsplit('.', 1)[-1]}·{name}"
    return Missing(f"{path}.{name}" if path else name, title, inner)


def index_paths(root: BaseModel, prefix: str = "") -> dict[int, tuple[str, type[BaseModel] | None]]:
    """Map every model, list and dict inside `root` to its profile path."""
    paths: dict[int, tuple[str, type[BaseModel] | None]] = {}

    def walk(obj: object, path: str) -> None:
        if isinstance(obj, BaseModel):
            paths[id(obj)] = (path, type(obj))
            for name in type(obj).model_fields:
                walk(getattr(obj, name), f"{path}.{name}" if path else name)
        elif isinstance(obj, list):
            paths[id(obj)] = (path, None)
            for i, item in enumerate(obj):
                walk(item, f"{path}[{i}]")
        elif isinstance(obj, dict):
            paths[id(obj)] = (path, None)
            for key, item in obj.items():
                walk(item, f"{path}.{key}")

    walk(root, prefix)
    return paths


@dataclass
class RenderState:
    """Per-document bookkeeping: which fields were missing, and where images go."""

    template: str
    draft: bool
    base_dir: Path
    tpl: Any = None  # the DocxTemplate being rendered (for images and list numbering)
    missing: list[tuple[str, str]] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)
    next_num_id: int = 100

    def placeholder(self, value: Missing) -> str:
        """Record a missing value; the text to show in its place."""
        self.missing.append((value.path, value.title))
        if value.path not in self.placeholders:
            self.placeholders.append(value.path)
        return str(value) if self.draft else ""


def state_of(ctx: Context) -> RenderState:
    """The RenderState of the template being rendered."""
    state: RenderState = ctx["_state"]
    return state


@pass_context
def _finalize(ctx: Context, value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, Missing):
        return state_of(ctx).placeholder(value)
    if value is None:
        return state_of(ctx).placeholder(Missing("（未命名字段）", "未知字段"))
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, date):
        return zh_date(value)
    return value


class DossierEnvironment(Environment):
    """Jinja environment whose attribute access turns absent profile values into `Missing`."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        """`obj.attribute`, with `Missing` for None values and absent dict keys."""
        if isinstance(obj, Missing):
            return obj.child(attribute)
        if isinstance(obj, dict) and attribute not in obj and not hasattr(obj, attribute):
            return missing_for(obj, attribute)
        value = super().getattr(obj, attribute)
        return missing_for(obj, attribute) if value is None else value

    def getitem(self, obj: Any, argument: Any) -> Any:
        """`obj[argument]`, with the same rules as `getattr`."""
        if isinstance(obj, Missing):
            return obj.child(argument)
        if isinstance(obj, dict) and isinstance(argument, str) and argument not in obj:
            return missing_for(obj, argument)
        value = super().getitem(obj, argument)
        return missing_for(obj, str(argument)) if value is None else value


def make_environment() -> DossierEnvironment:
    """The environment: autoescape on (a `&` must not corrupt the XML), strict undefined names."""
    from dossier.render import _filters

    env = DossierEnvironment(
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        keep_trailing_newline=True,
    )
    _filters.install(env)
    return env


_ENV: DossierEnvironment | None = None


def environment() -> DossierEnvironment:
    """The process-wide environment (created once)."""
    global _ENV
    if _ENV is None:
        _ENV = make_environment()
    return _ENV


def set_paths(paths: dict[int, tuple[str, type[BaseModel] | None]]) -> object:
    """Make `paths` the current path index; returns a token for `reset_paths`."""
    return _PATHS.set(paths)


def reset_paths(token: object) -> None:
    """Restore the previous path index."""
    _PATHS.reset(token)  # type: ignore[arg-type]
