"""The table's Changed column: a time today reads "14:05", another day "30 Nov 14:05"; the
cached answer follows the day it is asked on."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from desktop_app.ui import annotation_model
from desktop_app.ui.annotation_model import when


def test_today_shows_the_time_another_day_the_date() -> None:
    now = datetime.now().astimezone()
    assert when(now.isoformat()) == now.strftime("%H:%M")
    earlier = now - timedelta(days=3)
    assert when(earlier.isoformat()) == earlier.strftime("%d %b %H:%M").lstrip("0")
    assert when("not a time") == "not a time"


def test_a_cached_time_reads_as_a_date_once_the_day_has_turned(monkeypatch) -> None:
    now = datetime.now().astimezone()
    stamp = now.isoformat()
    assert when(stamp) == now.strftime("%H:%M")

    class Tomorrow(date):
        @classmethod
        def today(cls) -> date:
            return now.date() + timedelta(days=1)

    monkeypatch.setattr(annotation_model, "date", Tomorrow)
    assert when(stamp) == now.strftime("%d %b %H:%M").lstrip("0")
