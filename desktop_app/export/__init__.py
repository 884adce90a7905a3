"""Exporters: one per format, each one file, all listed in `registry`."""
