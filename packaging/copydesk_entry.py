"""The script PyInstaller freezes (packaging/copydesk.spec): the same as the `copydesk` command."""

from desktop_app.cli import main

raise SystemExit(main())
