"""macOS packaging checked on any OS: the Info.plist the spec gives PyInstaller (through plistlib, as
PyInstaller writes it), and packaging/macos/make_dmg.sh with stand-ins for the macOS tools, with and
without the signing secrets; shellcheck when it is installed."""

from __future__ import annotations

import importlib.util
import os
import plistlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAKE_DMG = ROOT / "packaging" / "macos" / "make_dmg.sh"
VERSION = re.search(r'^version\s*=\s*"([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.M)[1]
# Apple's identifiers for what Copydesk imports (developer.apple.com "System-declared uniform type
# identifiers"; Markdown's and OpenDocument's are declared by their owners, not by the system).
EXPECTED_UTIS = {
    "docx": "org.openxmlformats.wordprocessingml.document",
    "odt": "org.oasis-open.opendocument.text",
    "rtf": "public.rtf",
    "txt": "public.plain-text",
    "md": "net.daringfireball.markdown",
    "html": "public.html",
}
SYSTEM_UTIS = {
    "public.rtf",
    "public.plain-text",
    "public.html",
    "org.openxmlformats.wordprocessingml.document",
}


def load_info_plist() -> dict:
    path = ROOT / "packaging" / "macos" / "info_plist.py"
    spec = importlib.util.spec_from_file_location("info_plist", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    # Written and read back the way PyInstaller's BUNDLE writes Contents/Info.plist.
    return plistlib.loads(plistlib.dumps(module.info_plist(VERSION)))


def test_identity_version_and_minimum_system() -> None:
    plist = load_info_plist()
    assert plist["CFBundleIdentifier"] == "org.copydesk.Copydesk"
    assert plist["CFBundleShortVersionString"] == plist["CFBundleVersion"] == VERSION
    assert plist["LSMinimumSystemVersion"] == "14.0"  # PySide6 6.12's wheels need macOS 14
    assert plist["NSHighResolutionCapable"] is True
    assert plist["CFBundleExecutable"] == "copydesk" and plist["CFBundlePackageType"] == "APPL"
    assert not plist.get("LSBackgroundOnly")  # a windowed app with a Dock icon


def test_the_spec_uses_this_plist() -> None:
    spec = (ROOT / "packaging" / "copydesk.spec").read_text()
    assert "info_plist=MACOS.info_plist(VERSION)" in spec
    assert '_load(ROOT / "packaging" / "macos" / "info_plist.py")' in spec


def test_document_types_cover_every_imported_format() -> None:
    plist = load_info_plist()
    declared = {
        uti for kind in plist["CFBundleDocumentTypes"] for uti in kind["LSItemContentTypes"]
    }
    assert declared == set(EXPECTED_UTIS.values())
    for kind in plist["CFBundleDocumentTypes"]:
        assert kind["CFBundleTypeRole"] == "Viewer"
        assert kind["LSHandlerRank"] == "Alternate"  # offered in Open With, never the default
    # A type the system may not know is declared, with its file extension.
    imported = {t["UTTypeIdentifier"]: t for t in plist["UTImportedTypeDeclarations"]}
    for extension, uti in EXPECTED_UTIS.items():
        if uti in SYSTEM_UTIS:
            continue
        tags = imported[uti]["UTTypeTagSpecification"]["public.filename-extension"]
        assert extension in tags


STUB = """#!/bin/sh
echo "$(basename "$0") $*" >> "$CALLS"
case "$(basename "$0")" in
  plutil) echo "{version}" ;;
  hdiutil) for last in "$@"; do :; done; : > "$last" ;;
esac
"""


def run_make_dmg(tmp_path: Path, **secrets: str) -> tuple[subprocess.CompletedProcess[str], str]:
    """make_dmg.sh on a fake dist/Copydesk.app with recording stand-ins for the macOS tools."""
    tools = tmp_path / "tools"
    tools.mkdir()
    for name in ("plutil", "ditto", "hdiutil", "codesign", "xcrun", "spctl"):
        (tools / name).write_text(STUB.format(version=VERSION))
        (tools / name).chmod(0o755)
    app = tmp_path / "Copydesk.app"
    (app / "Contents").mkdir(parents=True)
    dmg = tmp_path / "out.dmg"
    calls = tmp_path / "calls.txt"
    calls.write_text("")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MACOS_", "APPLE_"))}
    env.update(PATH=f"{tools}{os.pathsep}{env['PATH']}", CALLS=str(calls), **secrets)
    result = subprocess.run(
        ["bash", str(MAKE_DMG), str(app), str(dmg)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result, calls.read_text()


def test_dmg_without_secrets_skips_signing_and_notarising(tmp_path: Path) -> None:
    result, calls = run_make_dmg(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "hdiutil create -volname Copydesk " + VERSION in calls
    assert "codesign" not in calls and "xcrun" not in calls
    assert "is not notarised" in result.stdout
    assert (tmp_path / "out.dmg").exists()


def test_dmg_with_an_identity_signs_but_does_not_notarise(tmp_path: Path) -> None:
    result, calls = run_make_dmg(tmp_path, MACOS_SIGN_IDENTITY="Developer ID Application: T (X)")
    assert result.returncode == 0, result.stderr
    assert "codesign --sign Developer ID Application: T (X) --timestamp" in calls
    assert "xcrun" not in calls


def test_dmg_with_every_secret_notarises_and_staples(tmp_path: Path) -> None:
    result, calls = run_make_dmg(
        tmp_path,
        MACOS_SIGN_IDENTITY="Developer ID Application: T (X)",
        APPLE_ID="a@example.org",
        APPLE_TEAM_ID="X",
        APPLE_APP_PASSWORD="p",
    )
    assert result.returncode == 0, result.stderr
    assert "xcrun notarytool submit" in calls and "xcrun stapler staple" in calls


def test_notarising_an_unsigned_app_is_refused(tmp_path: Path) -> None:
    result, calls = run_make_dmg(
        tmp_path, APPLE_ID="a@example.org", APPLE_TEAM_ID="X", APPLE_APP_PASSWORD="p"
    )
    assert result.returncode == 1
    assert "needs a signed app" in result.stderr and "notarytool" not in calls


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="apt-get install shellcheck")
@pytest.mark.parametrize("script", sorted((ROOT / "packaging").rglob("*.sh")), ids=lambda p: p.name)
def test_shellcheck(script: Path) -> None:
    result = subprocess.run(["shellcheck", str(script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
