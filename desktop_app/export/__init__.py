"""Exporters: annotations out to CSV (and later JSON and reports)."""
