"""The type stubs match the native module (mypy.stubtest), and the package is typed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import huying

ROOT = Path(__file__).resolve().parents[1]


def test_stubtest() -> None:
    run = subprocess.run(
        [
            sys.executable, "-m", "mypy.stubtest", "huying._core",
            "--allowlist", str(ROOT / "stubtest-allowlist.txt"),
            "--mypy-config-file", str(ROOT / "pyproject.toml"),
        ],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_py_typed_and_stubs_installed() -> None:
    pkg = Path(huying.__file__).parent
    assert (pkg / "py.typed").exists()
    assert (pkg / "_core.pyi").exists()


def test_reexports() -> None:
    for name in huying.__all__:
        assert getattr(huying, name) is getattr(huying._core, name)
    assert huying.Calendar.__name__ == "Calendar"
    assert huying.Calendar.__module__ == "huying"
