"""Render: profile + document specs → .docx bytes, from docxtpl templates in templates/docx."""

from dossier.render._engine import RenderedDocument, render_documents, template_path
from dossier.render.lint import lint_templates

__all__ = ["RenderedDocument", "lint_templates", "render_documents", "template_path"]
