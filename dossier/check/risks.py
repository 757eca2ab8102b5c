"""The 31 safety risks of TC260-003 Appendix A, and a tolerant matcher for spreadsheet cells.

The catalogue itself is rulebook data (`dossier/rules/risks.yaml`); this module only matches
the many ways a spreadsheet names a risk.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

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
    """The 31 risks and the 非拒答 aspects, from the rulebook's validated `risks.yaml` (the one source)."""
    from dossier.rules import load_rulebook

    data = load_rulebook().risks.data
    risks = tuple(
        Risk(r.id, c.id, r.name, tuple(x for x in (r.short, *r.aliases) if x))
        for c in data.categories
        for r in c.risks
    )
    aspects = tuple(
        Aspect(a.name, tuple(x for x in (a.short, *a.aliases) if x)) for a in data.non_refusal_aspects.items
    )
    return Catalog(risks, {c.id: c.name for c in data.categories}, aspects)
