"""Cross-document consistency (domain.md §3.3, §8.2): the facts reviewers compare across documents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dossier.check.report import Status
from dossier.plan_types import Plan
from dossier.profile.model import Profile

# Output modality ↔ file formats (S16 rejected a filing whose formats did not match its modalities).
MODALITY_FORMATS: dict[str, frozenset[str]] = {
    "文本": frozenset({"txt", "json", "md", "markdown", "docx", "doc", "html", "pdf", "csv", "xml"}),
    "图片": frozenset({"png", "jpg", "jpeg", "webp", "gif", "bmp", "svg", "tif", "tiff"}),
    "音频": frozenset({"mp3", "wav", "aac", "flac", "m4a", "ogg", "opus", "pcm", "amr"}),
    "视频": frozenset({"mp4", "mov", "avi", "mkv", "webm", "flv", "m4v"}),
    "代码": frozenset({"txt", "json", "md", "py", "js", "ts", "java", "go", "c", "cpp", "html", "sql"}),
    "结构化数据": frozenset({"json", "csv", "xml", "xlsx", "parquet", "yaml"}),
    "虚拟场景": frozenset({"glb", "gltf", "fbx", "obj", "usdz", "json"}),
}


@dataclass(frozen=True)
class Remark:
    """One consistency finding, with the subject it is about (None: the whole entity)."""

    key: str
    title: str
    status: Status
    detail: str
    action: str
    subject: str | None = None
    citation: str = ""


def _norm_name(name: str) -> str:
    return name.replace("（", "(").replace("）", ")").replace(" ", "").replace("\u3000", "")


def _fmt(value: str) -> str:
    return value.strip().lower().lstrip(".").removeprefix("*.")


def check_consistency(profile: Profile, plan: Plan, today: date) -> list[Remark]:
    """All consistency remarks, ok ones included so the report shows what was checked."""
    out: list[Remark] = []
    out.extend(_icp(profile))
    out.extend(_modalities(profile))
    out.extend(_launch_dates(profile))
    out.extend(_third_party(profile))
    out.extend(_service_links(profile, plan))
    return out


def _icp(profile: Profile) -> list[Remark]:
    company = profile.company.name
    cite = "算法备案驳回整改意见（ICP 备案主体须与算法备案主体一致）"
    wrong = [f for f in profile.company.icp_filings if _norm_name(f.entity) != _norm_name(company)]
    if wrong:
        listing = "；".join(f"{f.number} 的主体为「{f.entity}」" for f in wrong)
        return [Remark("consistency.icp_entity", "ICP 备案主体与备案主体一致", "invalid",
                       f"{listing}，与备案主体「{company}」不一致。",
                       "由备案主体自己办理 ICP 备案，或改由 ICP 备案主体申请算法备案；两者须为同一单位。",
                       citation=cite)]
    needs_icp = any(set(p.service_forms) & {"网站", "App", "小程序"} for p in profile.products)
    if not profile.company.icp_filings:
        if not needs_icp:
            return []
        return [Remark("consistency.icp_entity", "ICP 备案主体与备案主体一致", "warning",
                       "网站、App 或小程序没有填写 ICP 备案；产品及功能信息的“前置许可”需要它。",
                       "在 company.icp_filings 中填写 ICP 备案号和备案主体。", citation=cite)]
    numbers = "、".join(f.number for f in profile.company.icp_filings)
    return [Remark("consistency.icp_entity", "ICP 备案主体与备案主体一致", "ok",
                   f"{numbers} 的备案主体均为「{company}」。", "", citation=cite)]


def _modalities(profile: Profile) -> list[Remark]:
    out = []
    for alg in profile.algorithms:
        mods = set(alg.data.output_modalities)
        fmts = {_fmt(f) for f in alg.data.output_formats}
        problems = []
        for mod in sorted(mods):
            allowed = MODALITY_FORMATS.get(mod)
            if allowed is not None and not fmts & allowed:
                examples = "/".join(sorted(allowed)[:4])
                problems.append(f"输出数据类型“{mod}”没有对应的文件格式（如 {examples}）")
        for f in sorted(fmts):
            owners = [m for m, allowed in MODALITY_FORMATS.items() if f in allowed]
            if owners and not mods & set(owners):
                problems.append(f"文件格式 {f} 对应“{'/'.join(owners)}”，但输出数据类型中没有")
        declared = "、".join(alg.data.output_modalities) + " ↔ " + "、".join(alg.data.output_formats)
        status: Status = "invalid" if problems else "ok"
        out.append(Remark(f"consistency.modalities.{alg.name}", "输出数据类型与文件格式一致", status,
                          ("；".join(problems) + f"（当前：{declared}）。") if problems else f"{declared}。",
                          "让 algorithms[].data.output_modalities 与 output_formats 一一对应。"
                          if problems else "", alg.name, "《算法安全自评估报告》算法数据"))
    return out


def _launch_dates(profile: Profile) -> list[Remark]:
    out = []
    for alg in profile.algorithms:
        dated = [p for p in alg.products if profile.product(p).launch_date is not None]
        live = [p for p in alg.products if profile.product(p).status == "已上线"]
        if alg.launch_date is not None or dated:
            when = alg.launch_date or min(d for p in dated if (d := profile.product(p).launch_date))
            undated = [p for p in live if p not in dated]
            detail = f"算法上线时间 {when.isoformat()}。"
            status: Status = "ok"
            if undated:
                status = "warning"
                detail += f"已上线产品 {'、'.join(undated)} 未填写上线日期。"
        elif live:
            status, detail = "missing", f"算法及其已上线产品（{'、'.join(live)}）均未填写上线日期，无法计算备案期限。"
        elif alg.role == "technical_supporter" or not alg.products:
            continue
        else:
            status, detail = "warning", "产品尚未上线，算法上线时间未定；上线后 10 个工作日内须备案。"
        out.append(Remark(f"consistency.launch.{alg.name}", "算法上线时间", status, detail,
                          "" if status == "ok" else "在 products[].launch_date 或 algorithms[].launch_date 填写上线日期。",
                          alg.name, "《互联网信息服务算法推荐管理规定》第二十四条"))
    return out


def _third_party(profile: Profile) -> list[Remark]:
    out = []
    known = profile.attachments
    for alg in profile.algorithms:
        for model in alg.models:
            tp = model.third_party
            if tp is None:
                continue
            problems = []
            if not tp.algorithm_filing_number and not tp.genai_filing_number:
                problems.append("未填写第三方模型的网信算备编号或大模型备案号")
            if not tp.evidence:
                problems.append("没有佐证材料（合同、控制台开通截图、公示页截图）")
            else:
                absent = [r for r in tp.evidence if r not in known or known[r].path is None]
                if absent:
                    problems.append(f"佐证材料 {'、'.join(absent)} 尚未提供文件")
            numbers = "、".join(n for n in (tp.algorithm_filing_number, tp.genai_filing_number) if n)
            detail = ("；".join(problems) + "。") if problems else f"{tp.provider}：{numbers}，佐证 {len(tp.evidence)} 份。"
            out.append(Remark(f"consistency.third_party.{alg.name}.{model.name}",
                              f"第三方模型「{model.name}」的备案号与佐证", "missing" if problems else "ok",
                              detail,
                              "填写提供方公示的备案号，并附上公示页截图和合同或控制台开通截图。" if problems else "",
                              alg.name, "《算法安全自评估报告》算法模型（第三方模型须有备案号及佐证）"))
    return out


def _service_links(profile: Profile, plan: Plan) -> list[Remark]:
    out = []
    filed = {t.subject for t in plan.tracks if t.track == "algorithm_filing"}
    filed |= {a.name for a in profile.algorithms if a.filing_number}
    for svc in profile.genai_services:
        if svc.algorithm is None:
            out.append(Remark(f"consistency.service_algorithm.{svc.name}", "服务对应的生成合成类算法",
                              "warning",
                              "服务没有关联生成合成类算法（genai_services[].algorithm）；上线备案表须填写其算法备案情况。",
                              "在 algorithms 中登记该服务使用的生成合成类算法，并在服务的 algorithm 字段引用它。",
                              svc.name))
        elif svc.algorithm not in filed:
            out.append(Remark(f"consistency.service_algorithm.{svc.name}", "服务对应的生成合成类算法",
                              "warning",
                              f"服务对应的算法「{svc.algorithm}」不在本次算法备案计划中；上线备案表须填写其算法备案编号。",
                              "确认该算法已备案（填写 algorithms[].filing_number），或一并申请算法备案。",
                              svc.name))
    return out
