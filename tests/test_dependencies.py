"""The pinned requirements and the imports agree (issue 16): deptry finds no unpinned import and no dead pin."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def deptry_command() -> list[str]:
    executable = Path(sys.executable).with_name("deptry")
    if executable.exists():
        return [str(executable)]
    found = shutil.which("deptry")
    if not found:
        pytest.fail("deptry is not installed; `make test` installs it from requirements-dev.txt")
    return [found]


def test_every_import_is_pinned_and_every_pin_is_used():
    result = subprocess.run([*deptry_command(), "."], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_deptry_would_notice_a_dead_pin(tmp_path):
    """The check can fail: a requirements file with a package nothing imports is reported."""
    (tmp_path / "pyproject.toml").write_text(
        (ROOT / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "requirements.txt").write_text("Flask==3.1.3\nsix==1.17.0\n", encoding="utf-8")
    (tmp_path / "requirements-dev.txt").write_text("", encoding="utf-8")
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("import flask\n", encoding="utf-8")
    result = subprocess.run([*deptry_command(), "."], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "six" in result.stdout + result.stderr
