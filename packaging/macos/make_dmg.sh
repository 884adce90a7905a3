#!/usr/bin/env bash
# Build dist/Copydesk-<version>.dmg from dist/Copydesk.app (made by packaging/copydesk.spec):
# the app and a link to /Applications, so users drag one onto the other.
#
#     packaging/macos/make_dmg.sh [APP] [DMG]     (paths relative to the repository root)
#
# Signing and notarisation happen only when their secrets are in the environment:
#   MACOS_SIGN_IDENTITY   "Developer ID Application: Name (TEAMID)": the app was signed with it by the
#                         spec (hardened runtime); here the DMG is signed with it too.
#   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD (an app-specific password)
#                         submit the DMG to Apple's notary service (notarytool), wait, staple the ticket.
# Without them the DMG is unsigned: Gatekeeper warns on first open (see packaging/INSTALL.md).
# tests/test_macos_bundle.py runs this script with stand-ins for the macOS tools.
set -euo pipefail

cd "$(dirname "$0")/../.."
app="${1:-dist/Copydesk.app}"
[ -d "$app" ] || { echo "make_dmg.sh: $app not found; run: pyinstaller --noconfirm packaging/copydesk.spec" >&2; exit 1; }
version="$(plutil -extract CFBundleShortVersionString raw -o - "$app/Contents/Info.plist")"
dmg="${2:-dist/Copydesk-$version.dmg}"
identity="${MACOS_SIGN_IDENTITY:-}"

if [ -n "$identity" ]; then
    echo "Checking the app's signature"
    codesign --verify --deep --strict --verbose=2 "$app"
fi

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
ditto "$app" "$staging/$(basename "$app")"  # ditto keeps symlinks, extended attributes and signatures
ln -s /Applications "$staging/Applications"

rm -f "$dmg"
hdiutil create -volname "Copydesk $version" -srcfolder "$staging" -ov -format UDZO "$dmg"

if [ -n "$identity" ]; then
    codesign --sign "$identity" --timestamp "$dmg"
    codesign --verify --verbose=2 "$dmg"
fi

if [ -n "${APPLE_ID:-}" ] && [ -n "${APPLE_TEAM_ID:-}" ] && [ -n "${APPLE_APP_PASSWORD:-}" ]; then
    [ -n "$identity" ] || { echo "make_dmg.sh: notarisation needs a signed app (MACOS_SIGN_IDENTITY)" >&2; exit 1; }
    echo "Notarising $dmg (this waits for Apple's answer)"
    xcrun notarytool submit "$dmg" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
        --password "$APPLE_APP_PASSWORD" --wait
    xcrun stapler staple "$dmg"
    xcrun stapler validate "$dmg"
    spctl --assess --type open --context context:primary-signature --verbose=2 "$dmg"
else
    echo "No notarisation secrets: $dmg is not notarised"
fi

echo "$dmg $(du -h "$dmg" | cut -f1)"
