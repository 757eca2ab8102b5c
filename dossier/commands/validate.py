from __future__ import annotations

from pathlib import Path

import click

from dossier.commands.common import console_of, load, profile_argument


@click.command("validate")
@profile_argument
@click.pass_context
def validate_command(ctx: click.Context, profile: Path) -> None:
    """校验档案：格式、必填项、证件号码校验位、附件路径，全部错误一次列出。

    \b
    示例：
      dossier validate examples/llm-filing/profile.yaml
    """
    console = console_of(ctx)
    loaded = load(console, profile, require_attachments=True)
    p = loaded.profile
    console.result(
        f"档案有效：{p.company.name}，{len(p.products)} 个产品，{len(p.algorithms)} 个算法，"
        f"{len(p.genai_services)} 个生成式人工智能服务，{len(p.attachments)} 个附件。"
    )
