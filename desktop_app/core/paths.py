"""Where Copydesk keeps its data: platformdirs by default, `COPYDESK_HOME` or `--db` to override."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "Copydesk"
DB_FILENAME = "copydesk.sqlite3"


def data_dir() -> Path:
    home = os.environ.get("COPYDESK_HOME")
    if home:
        return Path(home).expanduser()
    import platformdirs  # ~5 ms, and `--db` or COPYDESK_HOME (as in the tests) never need it

    # appauthor=False, or Windows doubles the folder (Copydesk\Copydesk).
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


def settings_path() -> Path:
    return data_dir() / "settings.json"
