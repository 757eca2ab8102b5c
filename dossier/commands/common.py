"""Shared option declarations and helpers for the commands."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from dossier.console import Console
    from dossier.profile import Loaded

profile_argument = click.argument(
    "profile", type=click.Path(path_type=Path, dir_okay=False), metavar="PROFILE"
)
rules_option = click.option(
    "--rules",
    "rules_version",
    metavar="VERSION",
    default=None,
    help="规则库版本（如 tc260-003-2024、gbt-45654-2025）；默认取档案中的 rules 或现行版本。",
)


def load(console: Console, path: Path, *, require_attachments: bool = False) -> Loaded:
    """Load and validate a profile, printing its warnings on stderr."""
    from dossier.profile import load_profile

    loaded = load_profile(path, require_attachments=require_attachments)
    for warning in loaded.warnings:
        console.warn(warning)
    return loaded


def console_of(ctx: click.Context) -> Console:
    """The Console the root group put on the context."""
    from dossier.console import Console

    obj: Any = ctx.find_root().obj
    return obj if isinstance(obj, Console) else Console()
