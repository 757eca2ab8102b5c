"""Write the report as Markdown, self-contained HTML (progress bars, SVG timeline), PDF and JSON."""

from __future__ import annotations

import html
import json
import re
from datetime import date, timedelta
from pathlib import Path

from dossier.check.report import STATUS_TITLES, Item, Report, Summary, TrackInfo
from dossier.fsutil import atomic_write_bytes

BASENAME = "完整性报告"
MARKS = {"ok": "✓", "warning": "!", "missing": "✗", "invalid": "✗", "expired": "✗", "insufficient": "✗"}
_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Noto Serif CJK SC",sans-serif;
 color:#222;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.55;font-size:10.5pt}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ccc}
.meta{color:#555}.verdict{font-weight:bold;padding:.3em .6em;border-radius:4px;display:inline-block}
.done{background:#e6f4ea;color:#1e6b34}.todo{background:#fde8e8;color:#a12622}
.bar{background:#eee;border-radius:4px;height:.8em;width:100%;overflow:hidden;margin:.3em 0}
.bar span{display:block;height:100%;background:#2e8b57}
table{border-collapse:collapse;width:100%;margin:.6em 0;table-layout:fixed}
td,th{border:1px solid #ddd;padding:.3em .5em;vertical-align:top;text-align:left}
th{background:#f5f5f5}.st{white-space:nowrap;font-weight:bold}
.ok{color:#1e6b34}.warning{color:#9a6700}.missing,.invalid,.expired,.insufficient{color:#a12622}
.small{font-size:.88em;color:#555}ul.sf{margin:.2em 0 0 1.2em;padding:0}
@page{size:A4;margin:18mm 15mm}
"""


def render_markdown(report: Report) -> str:
    """Render the report as Markdown."""
    lines = [f"# {BASENAME}：{report.company}", ""]
    lines.append(f"规则版本：{report.rules_version}　检查日期：{report.today.isoformat()}　档案：{report.profile}")
    lines.append("")
    lines.append(f"**结论：{_verdict(report)}**")
    lines.append("")
    for s in report.summaries():
        lines.append(f"- {s.line()}")
    for (info, items), s in zip(report.groups(), report.summaries(), strict=True):
        lines += ["", f"## {_heading(info)}", "", s.line() + _dates(info), ""]
        for item in items:
            lines.append(f"- {MARKS[item.status]} **{item.title}**（{STATUS_TITLES[item.status]}）：{item.detail}")
            for sf in item.shortfalls:
                lines.append(f"  - {sf}")
            if item.action:
                lines.append(f"  - 怎么办：{item.action}")
            if item.citation:
                lines.append(f"  - 依据：{item.citation}")
    lines.append("")
    return "\n".join(lines)


def _verdict(report: Report) -> str:
    if report.complete:
        return "材料齐全"
    todo = sum(1 for i in report.items if i.blocking)
    return f"材料不完整，{todo} 项待处理"


def _heading(info: TrackInfo) -> str:
    return f"{info.title}（{info.subject}）" if info.subject else info.title


def _dates(info: TrackInfo) -> str:
    parts = []
    if info.launch:
        parts.append(f"上线 {info.launch.isoformat()}")
    if info.due:
        parts.append(f"备案期限 {info.due.isoformat()}" + ("（已逾期）" if info.overdue else ""))
    if info.review:
        parts.append(f"审核 {info.review}")
    return "；" + "，".join(parts) if parts else ""


def render_html(report: Report) -> str:
    """Render a self-contained HTML page: no external CSS, fonts or scripts."""
    e = html.escape
    out = ['<!DOCTYPE html>', '<html lang="zh-CN"><head><meta charset="utf-8">',
           f"<title>{e(BASENAME)}：{e(report.company)}</title><style>{_CSS}</style></head><body>",
           f"<h1>{e(BASENAME)}：{e(report.company)}</h1>",
           f'<p class="meta">规则版本 {e(report.rules_version)} · 检查日期 {report.today.isoformat()}</p>',
           f'<p class="verdict {"done" if report.complete else "todo"}">{e(_verdict(report))}</p>']
    for (info, items), s in zip(report.groups(), report.summaries(), strict=True):
        out.append(f"<h2>{e(_heading(info))}</h2>")
        out.append(_progress(s))
        svg = timeline_svg(info, report.today)
        if svg:
            out.append(svg)
        # Fixed layout with explicit widths: WeasyPrint's automatic table sizing was most of the PDF time.
        out.append('<table><colgroup><col style="width:5.5em"><col style="width:28%"><col></colgroup>'
                   "<tr><th>状态</th><th>材料 / 检查项</th><th>说明与处理</th></tr>")
        for item in items:
            out.append(_row(item))
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)


def _progress(s: Summary) -> str:
    pct = 100 * s.done / s.total if s.total else 100
    return (f'<p>{html.escape(s.line())}</p><div class="bar" role="progressbar" aria-valuenow="{pct:.0f}" '
            f'aria-valuemin="0" aria-valuemax="100"><span style="width:{pct:.1f}%"></span></div>')


def _row(item: Item) -> str:
    e = html.escape
    body = [e(item.detail)]
    if item.shortfalls:
        body.append('<ul class="sf">' + "".join(f"<li>{e(str(sf))}</li>" for sf in item.shortfalls) + "</ul>")
    if item.action:
        body.append(f"<br><b>怎么办：</b>{e(item.action)}")
    if item.citation:
        body.append(f'<br><span class="small">依据：{e(item.citation)}</span>')
    return (f'<tr><td class="st {item.status}">{MARKS[item.status]} {STATUS_TITLES[item.status]}</td>'
            f"<td>{e(item.title)}</td><td>{''.join(body)}</td></tr>")


def _review_days(review: str) -> int | None:
    m = re.search(r"(\d+)\s*个?\s*工作日", review)
    if m:
        return int(m.group(1)) * 7 // 5
    m = re.search(r"(\d+)\s*(?:个)?\s*(?:日|天)", review)
    return int(m.group(1)) if m else None


def timeline_svg(info: TrackInfo, today: date) -> str:
    """Draw a small inline SVG: launch date, filing deadline, today and expected end of review."""
    points: list[tuple[date, str, str]] = []
    if info.launch:
        points.append((info.launch, "上线", "#555"))
    if info.due:
        points.append((info.due, "备案期限", "#a12622" if info.overdue else "#2e8b57"))
        days = _review_days(info.review)
        if days:
            points.append((info.due + timedelta(days=days), "预计审核完成", "#1f5fa8"))
    if not points:
        return ""
    points.append((today, "今天", "#9a6700"))
    lo = min(p[0] for p in points)
    hi = max(p[0] for p in points)
    span = max((hi - lo).days, 1)
    width, left, right = 640, 50, 590
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="86" viewBox="0 0 {width} 86" '
             f'role="img" aria-label="时间线"><line x1="{left}" y1="40" x2="{right}" y2="40" '
             'stroke="#999" stroke-width="2"/>']
    ordered = sorted(points)
    for n, (when, label, colour) in enumerate(ordered):
        x = left + (right - left) * (when - lo).days / span
        y_text = 24 if n % 2 == 0 else 66
        anchor = "start" if n == 0 else "end" if n == len(ordered) - 1 else "middle"
        parts.append(f'<circle cx="{x:.1f}" cy="40" r="5" fill="{colour}"/>')
        parts.append(f'<text x="{x:.1f}" y="{y_text}" font-size="11" text-anchor="{anchor}" fill="{colour}">'
                     f"{html.escape(label)} {when.isoformat()}</text>")
    parts.append("</svg>")
    return "".join(parts)


def render_json(report: Report) -> str:
    """Render the `check --json` document."""
    return json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"


def render_pdf(html_text: str) -> bytes:
    """PDF from the report's HTML via WeasyPrint, with the project's CJK font aliases."""
    try:
        from dossier.pdf.fonts import configure_fontconfig, ensure_cjk_font
    except ImportError:  # pragma: no cover - the pdf package is optional for the check
        pass
    else:
        configure_fontconfig()
        ensure_cjk_font()
    from weasyprint import HTML

    data: bytes = HTML(string=html_text).write_pdf()
    return data


def write_report(report: Report, out_dir: Path, *, pdf: bool = True) -> list[Path]:
    """Write 完整性报告.md/.html/.json (and .pdf); everything is rendered before anything is written."""
    page = render_html(report)
    outputs: list[tuple[Path, bytes]] = [
        (out_dir / f"{BASENAME}.md", render_markdown(report).encode("utf-8")),
        (out_dir / f"{BASENAME}.html", page.encode("utf-8")),
    ]
    if pdf:
        outputs.append((out_dir / f"{BASENAME}.pdf", render_pdf(page)))
    outputs.append((out_dir / f"{BASENAME}.json", render_json(report).encode("utf-8")))
    for path, data in outputs:
        atomic_write_bytes(path, data)
    return [path for path, _ in outputs]
