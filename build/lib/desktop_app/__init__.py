"""Copydesk: review article drafts and tag quotes, claims and anonymous sources."""

__version__ = "0.1.0"
