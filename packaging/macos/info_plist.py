"""The macOS Info.plist of Copydesk.app, as packaging/copydesk.spec gives it to PyInstaller's BUNDLE
(tests/test_macos_bundle.py checks it on any OS with plistlib)."""

from __future__ import annotations

from typing import Any

APP_NAME = "Copydesk"
BUNDLE_ID = "org.copydesk.Copydesk"
EXECUTABLE = "copydesk"
# PySide6 6.12's wheels are built for macOS 14 and refuse to load on older systems.
MINIMUM_MACOS = "14.0"

# "Open with Copydesk" for the formats the app imports; rank Alternate: offered, never the default.
# Finder hands the files over as Apple events, which Qt turns into QFileOpenEvent for the app.
DOCUMENT_TYPES = [
    ("Word document", ["org.openxmlformats.wordprocessingml.document"]),
    ("OpenDocument text", ["org.oasis-open.opendocument.text"]),
    ("Rich Text document", ["public.rtf"]),
    ("Markdown document", ["net.daringfireball.markdown"]),
    ("HTML document", ["public.html"]),
    ("Plain text document", ["public.plain-text"]),
]
# Declared in case the system does not know them (an imported declaration yields to the system's).
IMPORTED_TYPES = [
    {
        "UTTypeIdentifier": "net.daringfireball.markdown",
        "UTTypeDescription": "Markdown document",
        "UTTypeConformsTo": ["public.plain-text"],
        "UTTypeTagSpecification": {
            "public.filename-extension": ["md", "markdown"],
            "public.mime-type": ["text/markdown"],
        },
    },
    {
        "UTTypeIdentifier": "org.oasis-open.opendocument.text",
        "UTTypeDescription": "OpenDocument text",
        "UTTypeConformsTo": ["public.data", "public.composite-content"],
        "UTTypeTagSpecification": {
            "public.filename-extension": ["odt"],
            "public.mime-type": ["application/vnd.oasis.opendocument.text"],
        },
    },
]


def info_plist(version: str) -> dict[str, Any]:
    """Every key Copydesk sets; PyInstaller adds its defaults only for keys missing here."""
    return {
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleIdentifier": BUNDLE_ID,
        "CFBundleExecutable": EXECUTABLE,
        "CFBundleInfoDictionaryVersion": "6.0",
        "CFBundlePackageType": "APPL",
        "CFBundleIconFile": "copydesk.icns",
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "LSMinimumSystemVersion": MINIMUM_MACOS,
        "LSApplicationCategoryType": "public.app-category.productivity",
        "NSPrincipalClass": "NSApplication",
        "NSHighResolutionCapable": True,
        "NSSupportsAutomaticGraphicsSwitching": True,
        "NSHumanReadableCopyright": "Copydesk contributors, MIT licence",
        "CFBundleDocumentTypes": [
            {
                "CFBundleTypeName": name,
                "CFBundleTypeRole": "Viewer",
                "LSHandlerRank": "Alternate",
                "LSItemContentTypes": utis,
            }
            for name, utis in DOCUMENT_TYPES
        ],
        "UTImportedTypeDeclarations": IMPORTED_TYPES,
    }
