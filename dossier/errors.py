"""One error hierarchy, free of click: the CLI catches `DossierError` once and maps it to an exit code."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in an input file, located as precisely as we can."""

    message: str
    file: Path | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None
    title: str | None = None
    severity: str = "error"  # "error" or "warning"

    def format(self) -> str:
        """Render as `file:line:col: field（标题）: message`, the form editors can jump to."""
        parts: list[str] = []
        if self.file is not None:
            loc = str(self.file)
            if self.line is not None:
                loc += f":{self.line}"
                if self.column is not None:
                    loc += f":{self.column}"
            parts.append(loc)
        if self.field:
            parts.append(f"{self.field}（{self.title}）" if self.title else self.field)
        prefix = "警告：" if self.severity == "warning" else ""
        parts.append(prefix + self.message)
        return ": ".join(parts)


class DossierError(Exception):
    """Base of every error dossier raises on purpose; carries what the user needs to fix it."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        file: Path | None = None,
        line: int | None = None,
        hint: str | None = None,
        diagnostics: list[Diagnostic] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.hint = hint
        self.diagnostics = diagnostics or []

    def __str__(self) -> str:
        loc = ""
        if self.file is not None:
            loc = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        return f"{loc}{self.message}"


class InputError(DossierError):
    """The user's input (profile, YAML, path, option) is wrong: exit 2."""


class ProfileError(InputError):
    """The profile failed validation; `diagnostics` lists every problem at once."""


class RulebookError(InputError):
    """A rulebook data file is malformed; names the file and the entry."""


class TemplateError(InputError):
    """A docx template could not be rendered; names the template and the tag."""


class PdfError(DossierError):
    """A PDF could not be produced (missing fonts, LibreOffice failure, …)."""


class IncompleteError(DossierError):
    """The dossier is incomplete where completeness was required (exit 1)."""

    exit_code = 1
