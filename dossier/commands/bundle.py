from __future__ import annotations

from pathlib import Path

import click

from dossier.commands.common import console_of, load, profile_argument


@click.command("bundle")
@profile_argument
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE.zip",
              help="zip 文件路径。默认：构建目录旁的 <公司名称>_备案材料_<YYYYMMDD>.zip。")
@click.option("--build-dir", type=click.Path(path_type=Path, file_okay=False), metavar="DIR",
              help="构建目录（dossier build -o 的位置）。默认：档案所在文件夹下的 out/。")
@click.option("--allow-incomplete", is_flag=True,
              help="材料不完整也打包，标为草稿：文件名带（草稿），manifest.json 中 draft 为 true。")
@click.pass_context
def bundle_command(ctx: click.Context, profile: Path, output: Path | None, build_dir: Path | None,
                   allow_incomplete: bool) -> None:
    """打包可提交的 zip：按各类备案的提交方式编号分文件夹，附 manifest.json。

    需要时先重新生成（沿用构建目录和法务改过的文件），再打包：Word 与 PDF（改过的用改过的）、
    按规范名称命名的附件、完整性报告，以及列出每个文件 SHA-256 的 manifest.json。
    同样的输入得到逐字节相同的 zip（时间取自 SOURCE_DATE_EPOCH）。材料不完整时拒绝打包（退出码 1）。

    \b
    zip 的结构：
      算法备案/1_主体信息/、2_算法信息（算法名）/ …
      大模型备案/0_上线备案表/、附件1_安全评估报告/ … 附件8_测试账号及接口/
      大模型登记/0_登记备案表/、1_调用已备案大模型情况说明及证明材料/ … 7_其他材料/
      其他材料/（档案登记、但备案要求未列出的附件）、完整性报告.*、manifest.json

    \b
    示例：
      dossier bundle profile.yaml
      dossier bundle profile.yaml -o 备案材料.zip --allow-incomplete
    """
    from dossier.build import default_out_dir
    from dossier.bundle import bundle

    console = console_of(ctx)
    loaded = load(console, profile)
    console.status(f"正在打包 {loaded.profile.company.name} 的材料…")
    result = bundle(loaded, build_dir or default_out_dir(loaded), output,
                    allow_incomplete=allow_incomplete, notify=console.warn)
    for warning in result.build.warnings:
        console.warn(warning)
    for note in result.left_out:
        console.status(f"未打包：{note}")
    console.result(f"已打包：{result.path}（{len(result.entries) + 1} 个文件）")
    edited = [d for d in result.build.edited if not d.overwritten]
    if edited:
        console.result("使用了人工修改过的文件：" + "、".join(d.path.name for d in edited))
    if result.draft:
        console.result("草稿：材料不完整，仅供内部核对，不宜直接提交。")
        for line in result.summary:
            console.result(f"  {line}")
