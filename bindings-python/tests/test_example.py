"""The analyst example (examples/python/) runs and writes its chart."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "python" / "on_time_by_department.py"


def test_example_writes_a_chart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("matplotlib")
    out = tmp_path / "chart.png"
    monkeypatch.setattr(sys, "argv", [str(EXAMPLE), "--calls", "400", "--out", str(out)])
    with pytest.raises(SystemExit) as done:
        runpy.run_path(str(EXAMPLE), run_name="__main__")
    assert done.value.code == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
