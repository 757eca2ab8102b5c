"""Random text, including `&<>"'` and rare characters, passes through a field byte for byte."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import starter_data
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_render_support import load, spec, text_of

from dossier.profile import Loaded
from dossier.render import render_documents

NAMES = st.text(
    alphabet=st.one_of(st.sampled_from("&<>\"'{}%堃喆赟 （）"),
                       st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() == s and s.strip())


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Loaded:
    return load(tmp_path_factory.mktemp("hyp"), starter_data("recommendation"))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=NAMES)
def test_company_name_round_trips(base: Loaded, name: str) -> None:
    company = base.profile.company.model_copy(update={"name": name})
    loaded = replace(base, profile=base.profile.model_copy(update={"company": company}), path=Path(base.path))
    [doc] = render_documents(loaded, [spec("commitment", loaded)])
    assert f"单位名称：{name}" in text_of(doc.data)
