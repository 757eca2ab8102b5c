"""The template context: the validated profile itself, plus a few derived helpers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from dossier.clock import now, zh_date
from dossier.errors import TemplateError
from dossier.plan_types import DocumentSpec
from dossier.profile import Loaded
from dossier.profile.algorithm import Algorithm, Risk
from dossier.profile.genai import GenaiService
from dossier.profile.product import Product
from dossier.render._env import Missing


@dataclass(frozen=True)
class DocInfo:
    """What a template knows about the document being rendered (`doc.title`, `doc.date`, …)."""

    id: str
    title: str
    filename: str
    subject: str | None
    signatures: tuple[str, ...]
    date: str  # the build date, GB/T 9704 style: 2026年3月5日
    year: int


@dataclass(frozen=True)
class AlgorithmView:
    """Derived facts about one algorithm that templates would otherwise compute in Jinja."""

    category_title: str
    role_title: str
    is_generation: bool
    is_supporter: bool
    products: list[Product]
    launch_date: date | Missing
    services: list[GenaiService]
    third_party_models: list[Any]
    launched: bool
    risks: dict[str, list[Risk]]
    audiences: str
    mau: int | None


def algorithm_view(loaded: Loaded, index: int) -> AlgorithmView:
    """Helpers for `algorithms[index]`."""
    from dossier.profile.algorithm import CATEGORY_TITLES, ROLE_TITLES

    profile = loaded.profile
    alg = profile.algorithms[index]
    products = [profile.product(name) for name in alg.products]
    launch: date | Missing
    dates = [p.launch_date for p in products if p.launch_date is not None]
    if alg.launch_date is not None:
        launch = alg.launch_date
    elif dates:
        launch = min(dates)
    else:
        launch = Missing(f"algorithms[{index}].launch_date", "算法上线时间")
    risks: dict[str, list[Risk]] = {}
    for risk in alg.risks:
        risks.setdefault(risk.risk, []).append(risk)
    return AlgorithmView(
        category_title=CATEGORY_TITLES[alg.category],
        role_title=ROLE_TITLES[alg.role],
        is_generation=alg.category == "generation_synthesis",
        is_supporter=alg.role == "technical_supporter",
        products=products,
        launch_date=launch,
        services=[s for s in profile.genai_services if s.algorithm == alg.name],
        third_party_models=[m for m in alg.models if m.third_party is not None],
        launched=any(p.status == "已上线" for p in products) or alg.launch_date is not None,
        risks=risks,
        audiences="、".join(dict.fromkeys(p.audience for p in products)),
        mau=sum(p.mau for p in products if p.mau) or None,
    )


def _find(items: list[Any], name: str | None, what: str, spec: DocumentSpec) -> int:
    for i, item in enumerate(items):
        if item.name == name:
            return i
    raise TemplateError(
        f"文件《{spec.title}》（模板 {spec.template}）的{what}「{name}」不在档案中",
        hint="检查计划与档案是否来自同一份 profile。",
    )


def build_context(loaded: Loaded, spec: DocumentSpec, rules_version: str | None = None) -> dict[str, Any]:
    """The context for one document: profile objects, `doc`, and the subject of per-subject documents."""
    profile = loaded.profile
    moment = now()
    has_generation = any(a.category == "generation_synthesis" for a in profile.algorithms)
    ctx: dict[str, Any] = {
        "profile": profile,
        "company": profile.company,
        "products": profile.products,
        "algorithms": profile.algorithms,
        "genai_services": profile.genai_services,
        "attachments": profile.attachments,
        "doc": DocInfo(
            id=spec.id,
            title=spec.title,
            filename=spec.filename,
            subject=spec.subject,
            signatures=spec.signatures,
            date=zh_date(moment.date()),
            year=moment.year,
        ),
        "has_genai": bool(profile.genai_services) or has_generation,
        "has_generation": has_generation,
        "has_recommendation": any(a.category != "generation_synthesis" for a in profile.algorithms),
        "algorithm_views": [algorithm_view(loaded, i) for i in range(len(profile.algorithms))],
    }
    algorithm: Any = None
    service: Any = None
    if spec.scope == "algorithm":
        index = _find(profile.algorithms, spec.subject, "算法", spec)
        algorithm = profile.algorithms[index]
        linked = [s for s in profile.genai_services if s.algorithm == algorithm.name]
        service = linked[0] if linked else None
    elif spec.scope == "service":
        index = _find(profile.genai_services, spec.subject, "服务", spec)
        service = profile.genai_services[index]
        if service.algorithm is not None:
            algorithm = next(a for a in profile.algorithms if a.name == service.algorithm)
    if isinstance(algorithm, Algorithm):
        ctx["algorithm"] = algorithm
        ctx["av"] = ctx["algorithm_views"][profile.algorithms.index(algorithm)]
    if isinstance(service, GenaiService):
        from dossier.check.safety_kit import measured_evaluation

        ctx["service"] = service
        ctx["service_products"] = [profile.product(name) for name in service.products]
        ctx["evaluation"] = measured_evaluation(loaded, service)
        # Documents judge rates against the same rulebook numbers as the completeness report.
        from dossier.rules import load_rulebook

        ctx["thresholds"] = load_rulebook(rules_version or profile.rules).thresholds_json()
    ctx["services"] = [service] if isinstance(service, GenaiService) else profile.genai_services
    return ctx
