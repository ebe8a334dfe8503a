"""The model package (and the map file reader) never imports Qt: it runs where PySide6 is
missing, and the exporters and the command line stay headless."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import app.model

ROOT = Path(__file__).resolve().parents[1]
QT_IMPORT = re.compile(r"^\s*(from|import)\s+(PySide6|shiboken6|PyQt[56]|PySide2)\b", re.MULTILINE)

# Runs in a fresh interpreter: Qt made unimportable, then every module of app.model imported.
PROBE = r"""
import importlib, importlib.abc, pkgutil, sys

BLOCKED = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2")

class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"Qt is not allowed here: {name}")
        return None

for name in BLOCKED:
    sys.modules[name] = None  # `import PySide6` now raises ImportError
sys.meta_path.insert(0, NoQt())

import app.model
names = ["app.model." + m.name for m in pkgutil.iter_modules(app.model.__path__)]
names += ["app.io.jsonfile", "app.io.migrations"]
for name in names:
    importlib.import_module(name)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED and sys.modules[m] is not None)
assert not loaded, loaded
print("\n".join(names))
"""


def test_model_and_file_reader_import_without_qt():
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    imported = set(done.stdout.split())
    expected = {f"app.model.{m.name}" for m in pkgutil.iter_modules(app.model.__path__)}
    assert expected <= imported
    assert {"app.model.layout", "app.model.document", "app.io.jsonfile"} <= imported


def test_no_model_source_imports_qt():
    sources = sorted((ROOT / "app" / "model").rglob("*.py"))
    assert sources
    offenders = [str(p.relative_to(ROOT)) for p in sources if QT_IMPORT.search(p.read_text(encoding="utf-8"))]
    assert not offenders, f"app/model must not import Qt: {offenders}"
