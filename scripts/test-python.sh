#!/usr/bin/env bash
# Python binding: builds the huying wheel (abi3, maturin from PyPI as the
# build backend) into a virtualenv, then runs pytest and mypy.stubtest.
# Idempotent; the virtualenv is reused (HUYING_PY_VENV overrides its path).
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${HUYING_PY_VENV:-$PWD/target/venv-python}"
python="${PYTHON:-python3}"

echo "== python: virtualenv $venv"
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
py="$venv/bin/python"
"$py" -m pip install --quiet --upgrade pip
"$py" -m pip install --quiet "maturin>=1.9,<2" "numpy>=1.22" "pytest>=7" "mypy>=1.8" pandas polars openpyxl matplotlib

echo "== python: build and install the wheel (pip install ./bindings-python)"
"$py" -m pip install --quiet --force-reinstall --no-deps ./bindings-python
"$py" -c 'import huying, sys; print("huying", huying.__version__, "on Python", sys.version.split()[0])'

echo "== python: pytest"
"$py" -m pytest bindings-python/tests -q -p no:cacheprovider

echo "== python: mypy.stubtest"
(cd bindings-python && "$py" -m mypy.stubtest huying._core --allowlist stubtest-allowlist.txt --mypy-config-file pyproject.toml)
echo "stubtest: huying._core matches python/huying/_core.pyi"
