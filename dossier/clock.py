"""The one clock: every timestamp dossier writes comes from here and honours `SOURCE_DATE_EPOCH`."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta, timezone

CHINA_TZ = timezone(timedelta(hours=8), "CST")


def now() -> datetime:
    """Current time in China Standard Time, or `SOURCE_DATE_EPOCH` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).astimezone(CHINA_TZ)
    return datetime.now(tz=CHINA_TZ)


def today() -> date:
    """The build date, as used for deadlines and expiry checks."""
    return now().date()


def zh_date(d: date) -> str:
    """Format a date the GB/T 9704 way: Arabic numerals, no zero padding (2026年3月5日)."""
    return f"{d.year}年{d.month}月{d.day}日"
