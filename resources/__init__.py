"""Bundled resources (icons, styles, sample article), importable as desktop_app.resources."""
