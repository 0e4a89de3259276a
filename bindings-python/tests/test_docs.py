"""The package docstring and the README's example run as tests."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import huying

README = Path(__file__).resolve().parents[1] / "README.md"


def test_package_docstring() -> None:
    result = doctest.testmod(huying, verbose=False)
    assert result.attempted > 0 and result.failed == 0


def test_readme_example() -> None:
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert blocks, "the README has no python example"
    for block in blocks:
        exec(compile(block, str(README), "exec"), {})


def test_naive_rule_is_documented() -> None:
    assert huying.__doc__ is not None
    assert "naive one is China time (UTC+08:00)" in huying.__doc__
    assert "naive**: **China time, UTC+08:00**" in README.read_text(encoding="utf-8")
