"""A small typed adapter over the rulebook's numbers, so the check never reads `Plan.thresholds` raw.

Every regulatory number comes from the rulebook (validated on load, so each group is present);
only the reader's own safety limits (rows, bytes, expiry notice) are constants here.
A change in the rulebook's shape is fixed here only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from dossier.errors import RulebookError
from dossier.plan_types import Plan


@dataclass(frozen=True)
class Thresholds:
    """Safety-kit sizes and rates the check compares against."""

    standard: str
    keyword_total: int
    keyword_per_category: Mapping[str, int]
    generated_total: int
    generated_per_category: Mapping[str, int]
    refusal_total: int
    refusal_per_category: Mapping[str, int]
    non_refusal_total: int
    non_refusal_per_aspect: int
    non_refusal_aspects: tuple[str, ...]
    generated_sample: int
    generated_pass_rate: Fraction
    refusal_sample: int
    refusal_rate: Fraction
    non_refusal_sample: int
    false_refusal_rate: Fraction
    accounts_by_track: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    citations: Mapping[str, str] = field(default_factory=dict)
    # Limits of the reader, not of the regulation: refuse what would exhaust memory or time.
    max_rows: int = 2_000_000
    max_file_bytes: int = 200 * 1024 * 1024
    expiry_warning_days: int = 30

    def accounts(self, track: str) -> tuple[int, int]:
        """Minimum (附加安全策略, 空白账号) test accounts for a track; none where the rulebook asks none."""
        return self.accounts_by_track.get(track, (0, 0))

    def citation(self, group: str, default: str = "") -> str:
        """Return the rulebook's citation for a threshold group (keyword_library, refusal_eval …)."""
        return self.citations.get(group, default)

    @classmethod
    def from_plan(cls, plan: Plan) -> Thresholds:
        """The thresholds of the plan's rulebook (shape documented in `dossier.plan`)."""
        return cls.from_mapping(plan.thresholds, plan.rules_version)

    @classmethod
    def from_mapping(cls, t: Mapping[str, Any], standard: str) -> Thresholds:
        """Read `Rulebook.thresholds_json()`; a missing number is a rulebook error, never a guess."""
        accounts = {
            str(g["track"]): (_int(g, "with_strategy_min"), _int(g, "blank_min"))
            for g in t.values() if isinstance(g, Mapping) and "track" in g
        }
        return cls(
            standard=standard,
            keyword_total=_int(t, "keyword_library.total_min"),
            keyword_per_category=_per(t, "keyword_library.per_risk_min"),
            generated_total=_int(t, "generated_bank.total_min"),
            generated_per_category=_per(t, "generated_bank.per_risk_min"),
            refusal_total=_int(t, "refusal_bank.total_min"),
            refusal_per_category=_per(t, "refusal_bank.per_risk_min"),
            non_refusal_total=_int(t, "non_refusal_bank.total_min"),
            non_refusal_per_aspect=_int(t, "non_refusal_bank.per_aspect_min"),
            non_refusal_aspects=tuple(str(a) for a in _get(t, "non_refusal_bank.aspects")),
            generated_sample=_int(t, "generated_eval.sample_min"),
            generated_pass_rate=_rate(t, "generated_eval.rate_min"),
            refusal_sample=_int(t, "refusal_eval.sample_min"),
            refusal_rate=_rate(t, "refusal_eval.rate_min"),
            non_refusal_sample=_int(t, "non_refusal_eval.sample_min"),
            false_refusal_rate=_rate(t, "non_refusal_eval.rate_max"),
            accounts_by_track=accounts,
            citations={k: str(g["citation"]) for k, g in t.items()
                       if isinstance(g, Mapping) and g.get("citation")},
        )


def _get(data: Mapping[str, Any], dotted: str) -> Any:
    node: Any = data
    for part in dotted.split("."):
        if not isinstance(node, Mapping) or part not in node:
            raise RulebookError(f"规则库缺少阈值 {dotted}", hint="检查 dossier/rules/ 中对应版本的 thresholds")
        node = node[part]
    return node


def _int(data: Mapping[str, Any], dotted: str) -> int:
    return int(_get(data, dotted))


def _rate(data: Mapping[str, Any], dotted: str) -> Fraction:
    return Fraction(str(_get(data, dotted)))


def _per(data: Mapping[str, Any], dotted: str) -> Mapping[str, int]:
    return {str(k).upper(): int(n) for k, n in dict(_get(data, dotted)).items()}
