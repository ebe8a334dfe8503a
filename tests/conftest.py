"""Test setup: Qt runs headless; widget tests use pytest-qt's qtbot."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
