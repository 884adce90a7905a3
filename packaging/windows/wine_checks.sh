#!/usr/bin/env bash
# wine_checks.sh: after shared/tools/windows-under-wine.sh has passed, check what issue 15 added on
# the Windows bundle and installer it left in $WORK (its Wine prefix, bundle and setup.exe):
#   - copydesk.exe is a GUI-subsystem program (no console window) and copydesk-cli.exe a console one;
#   - copydesk-cli.exe: --version, import, list, export print to the console (bundle and installed);
#   - --self-test --platform native on the bundle and on the installed app (Qt's "windows" plugin);
#   - an all-users install with /TASKS=addtopath: the machine PATH gets the folder, uninstall takes
#     it out; the data folder is %LOCALAPPDATA%\Copydesk when COPYDESK_HOME is not set;
#   - single instance: a second copydesk.exe on the same database hands its draft to the first.
#
#   as root, after windows-under-wine.sh:   WORK=/tmp/copydesk-wine bash packaging/windows/wine_checks.sh
#
# Like windows-under-wine.sh, every Windows program's output goes through a pipe (Wine 8.0 cannot
# give Python a regular file as stdout) and each check looks at outputs, not only exit codes.
set -euo pipefail

WORK=${WORK:-/tmp/copydesk-wine}
export WINEPREFIX=$WORK/prefix WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
unset QT_QPA_PLATFORM COPYDESK_HOME
BUNDLE=$WORK/copydesk/dist/copydesk
APP="$WINEPREFIX/drive_c/Program Files/Copydesk"
RUN=$WORK/run/issue15
winpath() { printf 'Z:%s' "${1//\//\\}"; }
w() { local t=$1; shift; timeout --kill-after=15 "$t" wine "$@" </dev/null 2>&1 | cat; }
fail() { echo "FAILED: $*" >&2; exit 1; }
check() {  # check PATTERN TIMEOUT PROGRAM ARGS...: prints the output; needs exit 0 and a match
	local pattern=$1 out rc=0; shift
	out=$(w "$@") || rc=$?
	printf '%s\n' "$out" | sed 's/^/    /'
	[ "$rc" = 0 ] || fail "exit $rc: $*"
	grep -qE "$pattern" <<<"$out" || fail "no line matching /$pattern/: $*"
	LAST_OUT=$out  # for the caller
}
subsystem() {  # the PE header's Subsystem field: 2 = Windows GUI, 3 = console
	python3 -c 'import struct, sys
data = open(sys.argv[1], "rb").read(4096)
pe = struct.unpack_from("<I", data, 0x3C)[0]
print(struct.unpack_from("<H", data, pe + 24 + 68)[0])' "$1"
}
cleanup() {
	wineserver -k 2>/dev/null || true
	if [ -n "${XVFB_PID:-}" ]; then kill "$XVFB_PID" 2>/dev/null || true; fi
}

[ "$(id -u)" = 0 ] || { echo "run as root, like windows-under-wine.sh" >&2; exit 2; }
[ -f "$BUNDLE/copydesk.exe" ] || { echo "no $BUNDLE/copydesk.exe: run windows-under-wine.sh first" >&2; exit 2; }
trap cleanup EXIT
rm -rf "$RUN"; mkdir -p "$RUN"
for n in $(seq 150 199); do [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || break; done
Xvfb ":$n" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
export DISPLAY=:$n
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
SAMPLE=$(winpath "$WORK/copydesk/resources/sample/sample_article.md")
cd "$RUN"

echo "== the two programs of the bundle"
[ "$(subsystem "$BUNDLE/copydesk.exe")" = 2 ] || fail "copydesk.exe is not a GUI-subsystem program"
[ "$(subsystem "$BUNDLE/copydesk-cli.exe")" = 3 ] || fail "copydesk-cli.exe is not a console program"
echo "    copydesk.exe: Windows GUI subsystem (no console); copydesk-cli.exe: console subsystem"
echo "    bundle: $(du -sh "$BUNDLE" | cut -f1), $(find "$BUNDLE" -type f | wc -l) files"

echo "== icons: the programs and the installer carry copydesk.ico (taskbar, Explorer, Apps list)"
cat >"$RUN/icons.py" <<'PY'
import sys
import pefile  # came with PyInstaller

for path in sys.argv[1:]:
    pe = pefile.PE(path, fast_load=True)
    pe.parse_data_directories([pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_RESOURCE"]])
    kinds = {entry.id: entry for entry in pe.DIRECTORY_ENTRY_RESOURCE.entries}
    images = len(kinds[3].directory.entries) if 3 in kinds else 0  # RT_ICON
    print(path.rsplit("\\", 1)[-1], "icon groups:", 14 in kinds, "icon images:", images)
    if 14 not in kinds or images < 4:  # RT_GROUP_ICON; copydesk.ico holds 16 to 256 px
        sys.exit(f"{path}: no icon")
PY
setup=$(ls "$WORK"/copydesk/dist/installer/Copydesk-*-setup.exe)
check 'icon images' 120 "$WORK/python312/python.exe" "$(winpath "$RUN/icons.py")" \
	"$(winpath "$BUNDLE/copydesk.exe")" "$(winpath "$BUNDLE/copydesk-cli.exe")" "$(winpath "$setup")"

echo "== bundle: copydesk-cli.exe"
export COPYDESK_HOME; COPYDESK_HOME=$(winpath "$RUN/home-bundle")
check '^copydesk [0-9]' 120 "$BUNDLE/copydesk-cli.exe" --version
check 'blocks' 120 "$BUNDLE/copydesk-cli.exe" import "$SAMPLE"
check 'characters' 120 "$BUNDLE/copydesk-cli.exe" list
document=$(cut -c1-8 <<<"$LAST_OUT" | head -1)
check 'claim' 120 "$BUNDLE/copydesk-cli.exe" annotate --document "$document" --tag claim --find "Millbrook Falls"
check '"claim","Millbrook Falls",' 120 "$BUNDLE/copydesk-cli.exe" export  # the CSV quotes every text cell
check 'platform windows: window exposed and painted' 300 "$BUNDLE/copydesk-cli.exe" --self-test --platform native
check 'platform windows: window exposed and painted' 300 "$BUNDLE/copydesk.exe" --self-test --platform native
unset COPYDESK_HOME

echo "== all-users install with the PATH task"
w 600 "$setup" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /ALLUSERS /TASKS=addtopath "/LOG=$(winpath "$RUN/setup.log")"
timeout 300 wineserver -w || true
[ -f "$APP/copydesk-cli.exe" ] || fail "no $APP/copydesk-cli.exe"
envkey='HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Environment'
check 'Program Files\\Copydesk' 60 reg query "$envkey" /v Path /reg:64
check '^copydesk [0-9]' 120 cmd /c copydesk-cli --version  # found through the PATH

echo "== installed: data folder, console entry, native self-test"
check 'blocks' 120 'C:\Program Files\Copydesk\copydesk-cli.exe' import "$SAMPLE"
db=$(find "$WINEPREFIX/drive_c/users" -path '*/AppData/Local/Copydesk/copydesk.sqlite3' | head -1)
[ -n "$db" ] || fail "no copydesk.sqlite3 under %LOCALAPPDATA%\\Copydesk"
echo "    database: ${db#"$WINEPREFIX/"}"
check 'characters' 120 'C:\Program Files\Copydesk\copydesk-cli.exe' list
check '"document_title","tag","text"' 120 'C:\Program Files\Copydesk\copydesk-cli.exe' export
check 'platform windows: window exposed and painted' 300 'C:\Program Files\Copydesk\copydesk-cli.exe' --self-test --platform native
check 'platform windows: window exposed and painted' 300 'C:\Program Files\Copydesk\copydesk.exe' --self-test --platform native

echo "== single instance: a second copydesk.exe hands its draft to the first"
COPYDESK_HOME=$(winpath "$RUN/home-single")
export COPYDESK_HOME
mkdir -p "$RUN/home-single"
echo '{"reviewer": "Wine"}' >"$RUN/home-single/settings.json"
(timeout 300 wine 'C:\Program Files\Copydesk\copydesk.exe' </dev/null 2>&1 | cat >"$RUN/first.log") &
first=$!
for _ in $(seq 600); do [ -f "$RUN/home-single/copydesk.sqlite3" ] && break; sleep 0.2; done
[ -f "$RUN/home-single/copydesk.sqlite3" ] || fail "the first copy never opened its database"
start=$(date +%s)
w 120 'C:\Program Files\Copydesk\copydesk.exe' "$SAMPLE"
echo "    the second copydesk.exe exited 0 by itself after $(( $(date +%s) - start )) s (a window of its own would stay open)"
listed=""
for _ in $(seq 300); do
	listed=$(w 60 'C:\Program Files\Copydesk\copydesk-cli.exe' list)
	grep -q characters <<<"$listed" && break
	sleep 0.5
done
printf '%s\n' "$listed" | sed 's/^/    /'
grep -q characters <<<"$listed" || fail "the first window did not import the second launch's draft"
kill -0 "$first" 2>/dev/null || fail "the first copy is gone"
w 60 taskkill /IM copydesk.exe /F >/dev/null || true
# Under Wine taskkill answers "Could not find process": end the first copy from this side too,
# or the wait below sits out its 300 s timeout.
pkill -f 'Copydesk.copydesk\.exe' 2>/dev/null || true
wait "$first" 2>/dev/null || true
unset COPYDESK_HOME

echo "== uninstall"
w 300 'C:\Program Files\Copydesk\unins000.exe' /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
timeout 300 wineserver -w || true
[ ! -e "$APP/copydesk.exe" ] || fail "the uninstaller left copydesk.exe"
if w 60 reg query "$envkey" /v Path /reg:64 | grep -q 'Program Files\\Copydesk'; then
	fail "the uninstaller left the folder in the PATH"
fi
[ -f "$db" ] || fail "the uninstaller removed the user's database"
echo "    uninstalled: no copydesk.exe, PATH entry gone, the user's database kept"
echo "wine_checks.sh: every check passed"
