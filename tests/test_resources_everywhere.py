"""Resources and the version resolve the same from a checkout, an installed wheel, and a checkout that
shadows an installed wheel (the frozen bundle: tests/test_package.py). Each case runs in its own
Python without site (no editable-install finder), on a wheel built from this checkout."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VERSION = re.search(r'^version\s*=\s*"([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.M)[1]
PROBE = (
    "import desktop_app\n"
    "from desktop_app.core.resources import resources_dir, sample_article, resource\n"
    "print(desktop_app.__file__)\n"
    "print(resources_dir())\n"
    "print(desktop_app.__version__)\n"
    "print(sample_article().is_file(), resource('icons', 'copydesk-256.png').is_file())\n"
)


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel of this checkout, installed (without dependencies) into a folder of its own."""
    work = tmp_path_factory.mktemp("wheel")
    build = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--no-deps",
    ]  # isolated: setuptools>=68
    subprocess.run([*build, "-w", str(work / "dist"), str(ROOT)], check=True, timeout=300)
    (wheel,) = (work / "dist").glob("copydesk-*.whl")
    target = work / "site"
    install = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target"]
    subprocess.run([*install, str(target), str(wheel)], check=True, timeout=300)
    return target


def run_python(args: list[str], cwd: Path, wheel: Path | None, home: Path) -> list[str]:
    """python -S: PYTHONPATH alone decides what is importable (the wheel first, then the deps)."""
    deps = sysconfig.get_paths()["purelib"]
    paths = ([str(wheel)] if wheel else []) + [deps]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(PYTHONPATH=os.pathsep.join(paths), COPYDESK_HOME=str(home))
    result = subprocess.run(
        [sys.executable, "-S", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.splitlines()


def test_from_an_installed_wheel(installed_wheel: Path, tmp_path: Path) -> None:
    package, resources, version, found = run_python(
        ["-c", PROBE], tmp_path, installed_wheel, tmp_path
    )
    assert Path(package).parent == installed_wheel / "desktop_app"
    assert Path(resources) == installed_wheel / "desktop_app" / "resources"
    assert version == VERSION  # from the wheel's metadata: no pyproject.toml beside it
    assert found == "True True"


def test_from_a_checkout_that_shadows_an_installed_wheel(
    installed_wheel: Path, tmp_path: Path
) -> None:
    """The working directory is the repository root: its desktop_app/ wins, and has no resources/."""
    package, resources, version, found = run_python(["-c", PROBE], ROOT, installed_wheel, tmp_path)
    assert Path(package).parent == ROOT / "desktop_app"
    assert Path(resources) == ROOT / "resources"
    assert (version, found) == (VERSION, "True True")


def test_from_a_bare_checkout(tmp_path: Path) -> None:
    package, resources, version, found = run_python(["-c", PROBE], ROOT, None, tmp_path)
    assert Path(package).parent == ROOT / "desktop_app"
    assert (Path(resources), version, found) == (ROOT / "resources", VERSION, "True True")


def test_self_test_from_the_repository_root_with_a_wheel_installed(
    installed_wheel: Path, tmp_path: Path
) -> None:
    """Issue 15: this printed "No module named 'desktop_app.resources'" and failed."""
    lines = run_python(["-m", "desktop_app", "--self-test"], ROOT, installed_wheel, tmp_path)
    assert len(lines) == 1 and lines[0].startswith("copydesk self-test: ok"), lines
    assert "resources with icons" in lines[0]
