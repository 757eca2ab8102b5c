"""Documents judge rates against the rulebook the plan used, so they agree with the report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dossier.plan import plan_profile
from dossier.profile import load_profile
from dossier.render._context import build_context
from dossier.rules import load_rulebook
from tests.conftest import starter_data


def test_service_documents_use_the_thresholds_of_the_chosen_rules_version(
    write_profile: Callable[..., Path],
) -> None:
    loaded = load_profile(write_profile(starter_data("llm-filing")))
    plan = plan_profile(loaded.profile, "tc260-003-2024")
    spec = next(d for d in plan.documents() if d.scope == "service")
    context = build_context(loaded, spec, plan.rules_version)
    assert plan.rules_version == "tc260-003-2024"
    assert context["thresholds"] == load_rulebook("tc260-003-2024").thresholds_json()
    assert context["thresholds"] == plan.thresholds
