"""The layer rules in pyproject's [tool.importlinter] hold, and they really catch violations."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"

# One deliberate violation per contract: (file to add in a copy, its import, the contract name).
VIOLATIONS = [
    ("core/_bad_qt.py", "import PySide6.QtCore\n", "core is plain Python"),
    ("desk/_bad_sql.py", "from desktop_app.storage import SqliteRepository\n", "desk is the"),
    ("ui/_bad_formats.py", "from desktop_app.formats import load_source\n", "ui and the CLI"),
    ("ui/_bad_root.py", "import desktop_app.app\n", "ui never reaches storage"),
    ("ui/_bad_cycle_a.py", "import desktop_app.ui._bad_cycle_b\n", "ui modules import one"),
    ("ui/_bad_cycle_b.py", "import desktop_app.ui._bad_cycle_a\n", "ui modules import one"),
    ("storage/_bad_qt.py", "from PySide6 import QtCore\n", "formats, storage and export never"),
    # Only export/pdf_report.py may print through Qt; any other export module still may not.
    ("export/_bad_qt.py", "from PySide6 import QtGui\n", "formats, storage and export never"),
    ("export/_bad_sql.py", "import sqlite_utils\n", "only storage talks SQL"),
    ("ui/_bad_storage.py", "from desktop_app.storage import SqliteRepository\n", "ui never"),
    ("core/_bad_root.py", "import desktop_app.commands\n", "composition roots"),
    (
        "export/_bad_formats.py",
        "from desktop_app.formats import load_source\n",
        "formats, storage and export depend only on core",
    ),
]


def lint(cwd: Path) -> subprocess.CompletedProcess:
    if not LINT_IMPORTS.exists():
        pytest.skip(f"lint-imports is not installed next to {sys.executable}")
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def contract_names(pyproject: str) -> list[str]:
    return re.findall(r'^name = "(.+)"$', pyproject.split("[tool.importlinter]", 1)[1], re.M)


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """The package and pyproject.toml copied, so violations never touch the real tree."""
    shutil.copytree(
        ROOT / "desktop_app", tmp_path / "desktop_app", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_all_contracts_are_kept():
    """lint-imports on the real tree: every contract KEPT, none broken."""
    done = lint(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    names = contract_names((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert len(names) >= 6
    for name in names:
        assert f"{name} KEPT" in done.stdout
    assert f"Contracts: {len(names)} kept, 0 broken." in done.stdout


def test_every_contract_catches_its_violation(repo_copy):
    """With one bad import per contract added to a copy, each contract reports BROKEN."""
    for relative, source, _ in VIOLATIONS:
        (repo_copy / "desktop_app" / relative).write_text(source, encoding="utf-8")
    done = lint(repo_copy)
    assert done.returncode != 0
    names = contract_names((repo_copy / "pyproject.toml").read_text(encoding="utf-8"))
    for relative, _, contract in VIOLATIONS:
        (name,) = [n for n in names if n.startswith(contract)]
        assert f"{name} BROKEN" in done.stdout, done.stdout
        module = "desktop_app." + relative.removesuffix(".py").replace("/", ".")
        sibling = "." + module.rsplit(".", 1)[1]  # the cycle report names siblings relatively
        assert module in done.stdout or sibling in done.stdout


def test_copy_without_violations_is_clean(repo_copy):
    """The copy itself passes, so the BROKEN results above come from the added imports."""
    done = lint(repo_copy)
    assert done.returncode == 0, done.stdout + done.stderr


def test_external_package_contracts_need_include_external_packages(repo_copy):
    """Without include_external_packages the tool refuses to check: the setting is load-bearing."""
    pyproject = repo_copy / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    assert "include_external_packages = true" in text
    pyproject.write_text(text.replace("include_external_packages = true\n", ""), encoding="utf-8")
    done = lint(repo_copy)
    assert done.returncode != 0
    assert "include_external_packages" in done.stdout + done.stderr
