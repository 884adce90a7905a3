"""SQLite storage through sqlite-utils: the only package in Copydesk that speaks SQL."""

from desktop_app.storage.database import open_database
from desktop_app.storage.repository import SqliteRepository

__all__ = ["open_database", "SqliteRepository"]
