"""Rules are data: versioned rulebooks of tracks, documents, attachments, thresholds and deadlines.

Edit the YAML files next to this module, not Python; `load_rulebook` validates them on load.
"""

from __future__ import annotations

from dossier.rules.rulebook import (
    RULES_DIR,
    Risks,
    Rulebook,
    available_versions,
    default_version,
    load_rulebook,
)

__all__ = [
    "DEFAULT_VERSION",
    "RULES_DIR",
    "Risks",
    "Rulebook",
    "available_versions",
    "default_version",
    "load_rulebook",
]


def __getattr__(name: str) -> str:
    # The version in force depends on today's date, so it is computed when asked for.
    if name == "DEFAULT_VERSION":
        return default_version()
    raise AttributeError(name)
