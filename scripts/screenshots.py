"""Regenerate docs/screenshots/ from the real window under Xvfb (run: make screenshots).

Imports the bundled sample article into a throwaway data folder, tags it through the CLI, then starts
the window under xvfb-run and lets the app save a PNG of itself.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "sample" / "sample_article.md"
OUT = ROOT / "docs" / "screenshots"
BIN = Path(sys.executable).parent

TAGS = (
    (
        "quote",
        '"We are not against housing. We are against housing nobody here can afford,"',
        ["speaker=Maria Álvarez", "cue=said", "quote_type=full"],
    ),
    (
        "claim",
        "Rents in the city rose 12 percent between 2021 and 2023",
        ["claim_type=quantity or statistic", "claimant=county housing office"],
    ),
    ("anonymous_source", "A city official", ["description=a city official", "reason_given=yes"]),
    ("anonymous_source", "People familiar with the matter", []),
    ("quote", '"We owe people real numbers, not promises,"', ["speaker=René Dubois"]),
    ("claim", "900 new homes by 2030", []),
    ("claim", "20 percent of the units would be priced", ["verification=false"]),
)
STATUSES = {
    "900 new homes by 2030": "needs_follow_up",
    "20 percent of the units would be priced": "disputed",
}


def run(*args: str, env: dict[str, str]) -> str:
    return subprocess.run(args, env=env, check=True, capture_output=True, text=True).stdout


def main() -> int:
    if not shutil.which("xvfb-run"):
        print(
            "screenshots: xvfb-run is missing (apt-get install xvfb libxcb-icccm4 libxcb-keysyms1)"
        )
        return 1
    home = Path(tempfile.mkdtemp(prefix="copydesk-shots-"))
    env = {**os.environ, "COPYDESK_HOME": str(home)}
    env.pop("QT_QPA_PLATFORM", None)
    copydesk = str(BIN / "copydesk")
    doc_id = run(copydesk, "import", str(SAMPLE), env=env).split("\t")[0]
    for tag, words, fields in TAGS:
        extra = [a for f in fields for a in ("--field", f)]
        if words in STATUSES:
            extra += ["--status", STATUSES[words]]
        subprocess.run(
            [copydesk, "annotate", "--document", doc_id, "--tag", tag, "--find", words, *extra],
            env=env,
            check=False,
            capture_output=True,
            text=True,
        )
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / "review-window.png"
    subprocess.run(
        [
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1400x900x24",
            copydesk,
            "--screenshot",
            str(target),
            str(SAMPLE),
        ],
        env=env,
        check=True,
        timeout=120,
    )
    print(f"wrote {target.relative_to(ROOT)}")
    # A second drafts library so the library and cross-library views show more than one row.
    second = ROOT / "tests" / "fixtures" / "articles" / "anonymous_sources.md"
    run(copydesk, "import", str(second), env=env)
    subprocess.run(
        [
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1400x900x24",
            str(BIN / "python"),
            str(ROOT / "scripts" / "scenes.py"),
            str(OUT),
        ],
        env={**env, "COPYDESK_HOME": str(home)},
        check=True,
        timeout=180,
    )
    print(
        "wrote docs/screenshots/review-pane.png, library.png, library-browser.png, library-search.png"
    )
    shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
