"""Both PDF engines say the same thing for every kind of document the examples produce.

LibreOffice keeps our converter honest. The two GenAI examples between them use all twelve
templates; one rendering of each template, with real example data, keeps this to one batch per
engine (the news example only repeats four of them).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from dossier.pdf import PdfJob, make_pdfs
from dossier.pdf.libreoffice import find_soffice
from dossier.plan import plan_profile
from dossier.profile import load_profile
from dossier.render import render_documents

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.pdf,
    pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) not installed"),
]


def words(pdf: Path) -> Counter[str]:
    """Letters, digits and hanzi, without page numbers, as a multiset.

    Engines differ in spacing and bullets, and may break a table one row apart, which moves the
    repeated header row; the content itself must be the same.
    """
    text = "".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages)
    return Counter(re.sub(r"\d+", "", "".join(ch for ch in text if ch.isalnum())))


def test_engines_agree_on_every_template_with_example_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    sources: dict[str, Path] = {}
    for example in ("llm-filing", "llm-registration"):
        loaded = load_profile(EXAMPLES / example / "profile.yaml")
        plan = plan_profile(loaded.profile)
        specs = [s for s in plan.documents() if s.template not in sources]
        for doc in render_documents(loaded, specs, rules_version=plan.rules_version):
            path = tmp_path / "docx" / f"{doc.spec.filename}.docx"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(doc.data)
            sources[doc.spec.template] = path
    assert len(sources) == len(list((Path(__file__).resolve().parents[1] / "templates" / "docx").glob("*.docx")))
    ours = [PdfJob(s, tmp_path / "wp" / f"{s.stem}.pdf") for s in sources.values()]
    theirs = [PdfJob(s, tmp_path / "lo" / f"{s.stem}.pdf") for s in sources.values()]
    make_pdfs(ours)
    make_pdfs(theirs, engine="libreoffice")
    for a, b in zip(ours, theirs, strict=True):
        assert words(a.pdf) == words(b.pdf), a.docx.name
