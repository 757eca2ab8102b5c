"""The completeness check: attachments, safety-kit thresholds and consistency → `Report`."""

from dossier.check.engine import check_dossier
from dossier.check.report import Item, Report, Shortfall
from dossier.check.writers import write_report

__all__ = ["Item", "Report", "Shortfall", "check_dossier", "write_report"]
