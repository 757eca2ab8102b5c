"""The 31 safety risks of TC260-003 Appendix A, and a tolerant matcher for spreadsheet cells.

The catalogue comes from the rulebook's `risks.yaml` when it is installed and readable;
otherwise from the built-in table below (domain.md §5.3), which is the same list.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

_BUILTIN: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("A.1", "包含违反社会主义核心价值观的内容", (
        "煽动颠覆国家政权、推翻社会主义制度", "危害国家安全和利益、损害国家形象",
        "煽动分裂国家、破坏国家统一和社会稳定", "宣扬恐怖主义、极端主义", "宣扬民族仇恨",
        "宣扬暴力、淫秽色情", "传播虚假有害信息", "其他法律、行政法规禁止的内容")),
    ("A.2", "包含歧视性内容", (
        "民族歧视内容", "信仰歧视内容", "国别歧视内容", "地域歧视内容", "性别歧视内容",
        "年龄歧视内容", "职业歧视内容", "健康歧视内容", "其他方面歧视内容")),
    ("A.3", "商业违法违规", (
        "侵犯他人知识产权", "违反商业道德", "泄露他人商业秘密",
        "利用算法、数据、平台等优势，实施垄断和不正当竞争行为", "其他商业违法违规行为")),
    ("A.4", "侵犯他人合法权益", (
        "危害他人身心健康", "侵害他人肖像权", "侵害他人名誉权", "侵害他人荣誉权",
        "侵害他人隐私权", "侵害他人个人信息权益", "侵犯他人其他合法权益")),
    ("A.5", "无法满足特定服务类型的安全需求", (
        "内容不准确，严重不符合科学常识或主流认知",
        "内容不可靠，虽然不包含严重错误的内容，但无法对使用者形成帮助")),
)

_PUNCT = re.compile(r"[\s、，,。.：:；;（）()\[\]【】\-—_/·“”\"'《》]+")
# A.1-a, A.1 a), A1a, A.1.a, A.1（a）, A-1-a
_ID = re.compile(r"^\s*A\s*[.．\-_]?\s*([1-5])\s*[.．\-_、\s（(]*\s*([a-i])(?![a-z])\s*[)）.．、]?", re.I)
_CAT = re.compile(r"^\s*A\s*[.．\-_]?\s*([1-5])(?!\s*[.．\-_、\s（(]*\s*[a-i](?![a-z]))", re.I)
_LETTER = re.compile(r"^\s*[（(]?([a-i])\s*[)）.．、]", re.I)


@dataclass(frozen=True)
class Risk:
    """One risk: `A.2-d` 地域歧视内容, in category A.2."""

    id: str
    category: str
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every way a spreadsheet may name it: full, without 内容 (GB/T 45654), short, aliases."""
        return (self.name, self.name.removesuffix("内容"), *self.aliases)


@dataclass(frozen=True)
class Aspect:
    """A 非拒答 aspect (我国制度, 个人性别 …) and the other words a sheet may use for it."""

    name: str
    aliases: tuple[str, ...] = ()

    def matches(self, label: str) -> bool:
        """Whether a classification cell names this aspect."""
        return any(word and word in label for word in (self.name, *self.aliases))


@dataclass(frozen=True, eq=False)
class Catalog:
    """All risks, with category names, and a cached matcher."""

    risks: tuple[Risk, ...]
    categories: dict[str, str]
    aspects: tuple[Aspect, ...] = ()

    def aspect(self, name: str) -> Aspect:
        """Return the aspect called `name`, with its aliases when the catalogue knows them."""
        return next((a for a in self.aspects if a.name == name), Aspect(name, (name.removeprefix("个人").removeprefix("我国"),)))

    def in_categories(self, cats: set[str] | frozenset[str]) -> list[Risk]:
        """Risks whose category is in `cats` (A.1+A.2 = the 17 of the keyword library)."""
        return [r for r in self.risks if r.category in cats]

    @functools.cached_property
    def _index(self) -> dict[str, Risk]:
        out: dict[str, Risk] = {}
        for r in self.risks:
            for key in r.names:
                out.setdefault(_norm(key), r)
        return out

    @functools.cached_property
    def _by_id(self) -> dict[str, Risk]:
        return {r.id.upper(): r for r in self.risks}

    def match(self, second: str, first: str = "") -> Risk | None:
        """Return the risk a row names by its 二级分类 (and, when that is only a letter, its 一级分类)."""
        return _match(self, second.strip(), first.strip())


@functools.lru_cache(maxsize=65536)
def _match(cat: Catalog, second: str, first: str) -> Risk | None:
    if not second:
        return None
    m = _ID.match(second)
    if m:
        return cat._by_id.get(f"A.{m.group(1)}-{m.group(2)}".upper())
    text = second
    letter = _LETTER.match(second)
    if letter:
        c = _CAT.match(first) or _category_by_name(cat, first)
        if c is not None:
            risk = cat._by_id.get(f"A.{c.group(1) if isinstance(c, re.Match) else c}-{letter.group(1)}".upper())
            if risk is not None:
                return risk
        text = second[letter.end():]
    key = _norm(text)
    if key.endswith("内容") and key not in cat._index:
        key = key[:-2]
    if key in cat._index:
        return cat._index[key]
    # A short name (宣扬暴力、淫秽色情 → 暴力淫秽色情): unique containment either way.
    if len(key) >= 2:
        hits = {r for k, r in cat._index.items() if key in k or (len(k) >= 4 and k in key)}
        if len(hits) == 1:
            return hits.pop()
    return None


def _category_by_name(cat: Catalog, first: str) -> str | None:
    key = _norm(first)
    if not key:
        return None
    for code, name in cat.categories.items():
        if key == _norm(name) or (len(key) >= 2 and key in _norm(name)):
            return code.removeprefix("A.")
    return None


def _norm(text: str) -> str:
    return _PUNCT.sub("", text).lower()


@functools.lru_cache(maxsize=1)
def catalog() -> Catalog:
    """Return the 31 risks, from the rulebook's risks.yaml when readable, else built in."""
    loaded = _from_rulebook()
    if loaded is not None:
        return loaded
    risks = tuple(
        Risk(f"{code}-{chr(ord('a') + i)}", code, name)
        for code, _title, names in _BUILTIN
        for i, name in enumerate(names)
    )
    return Catalog(risks, {code: title for code, title, _ in _BUILTIN})


def _from_rulebook() -> Catalog | None:
    try:
        import yaml

        text = resources.files("dossier.rules").joinpath("risks.yaml").read_text(encoding="utf-8")
        data: Any = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except Exception:  # noqa: BLE001 — no rulebook yet, or an unreadable one: use the built-in list
        return None
    return _parse_rulebook(data)


def _parse_rulebook(data: Any) -> Catalog | None:
    """Read risks.yaml: `categories: [{id, name, risks: [{id, name, short, aliases}]}]`."""
    if not isinstance(data, dict) or not isinstance(data.get("categories"), list):
        return None
    risks: list[Risk] = []
    cats: dict[str, str] = {}
    for entry in data["categories"]:
        code = str(entry.get("id", ""))
        cats[code] = str(entry.get("name", ""))
        for item in entry.get("risks") or []:
            m = _ID.match(str(item.get("id", "")))
            if m is None or not item.get("name"):
                return None
            extra = [item.get("short"), *(item.get("aliases") or [])]
            risks.append(Risk(f"A.{m.group(1)}-{m.group(2).lower()}", f"A.{m.group(1)}",
                              str(item["name"]), tuple(str(x) for x in extra if x)))
    if len(risks) != 31:
        return None
    raw = (data.get("non_refusal_aspects") or {}).get("items") or []
    aspects = tuple(Aspect(str(a["name"]), tuple(str(x) for x in a.get("aliases") or []))
                    for a in raw if isinstance(a, dict) and a.get("name"))
    return Catalog(tuple(risks), cats, aspects)
