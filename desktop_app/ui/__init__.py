"""PySide6 widgets. Talks to the core through operations; never imports storage or runs SQL."""
