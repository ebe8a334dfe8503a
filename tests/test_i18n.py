"""Translations (issue 9, item 10): the editor in German from the real catalogue, and checks that
keep resources/i18n/journeymap_de.ts complete as the code changes (a new text that is not
translated, a translate() call pyside6-lupdate cannot see, a stale .qm all fail here)."""

from __future__ import annotations

import ast
import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QLabel, QMenu

from app.model.palette import KIND_LABEL, PERSPECTIVE_LABEL
from app.model.schema import LANE_TYPE_LABELS
from app.widgets import i18n
from app.widgets.help import guide_file
from tests.main_window_support import Windows

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "resources" / "i18n" / "journeymap_de.ts"
WIDGETS = ROOT / "app" / "widgets"
PLACEHOLDER = re.compile(r"\{\w*\}|%n")


def _catalogue_module():
    spec = importlib.util.spec_from_file_location("catalogue", ROOT / "resources" / "i18n" / "catalogue.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def german(qapp):
    """The German translators installed as run_editor installs them; English again afterwards."""
    installed = i18n.install_translators(qapp, QLocale("de"))
    assert len(installed) >= 1
    yield
    i18n.install_translators(qapp, QLocale("C"))
    QLocale.setDefault(QLocale("C"))


@pytest.fixture
def windows(qtbot, tmp_path):
    return Windows(qtbot, tmp_path)


def _menus(window) -> dict[str, QMenu]:
    return {a.menu().title(): a.menu() for a in window.menuBar().actions() if a.menu() is not None}


def test_the_window_speaks_german(german, windows, qtbot):
    window = windows.make(path=windows.copy_example())
    menus = _menus(window)
    assert list(menus) == ["&Datei", "&Bearbeiten", "&Ansicht", "&Einfügen", "&Map", "&Workshop", "&Hilfe"]
    acts = window.actions_by_name
    assert acts["undo"].text() == "&Rückgängig" and acts["undo"].iconText() == "Rückgängig"
    assert acts["save_as"].text() == "Speichern &unter…"
    assert acts["lane_type_feelings"].text() == "Gefühle"
    # the undo menu names the command in German too (an undo label made by the widgets)
    window.card_actions.select_all()
    window.card_actions.duplicate()
    n = len(window.session.doc.map.cards)
    assert acts["undo"].text().startswith("&Rückgängig") and "Karten duplizieren" in acts["undo"].text()
    # the status bar's counts: German plurals from the catalogue
    counts = window.statusBar().findChild(QLabel, "counts").text()
    assert f"{n} Karten" in counts and "Phasen" in counts


def test_german_status_counts_have_singular_and_plural(german):
    from app.model.document import Document
    from app.model.schema import Card, Lane, Map, Stage
    from app.widgets.status import counts_text

    m = Map(stages=[Stage(id="s", name="S")], lanes=[Lane(id="l", name="L"), Lane(id="k", name="K")],
            cards=[Card(id="c", stage_id="s", lane_id="l", title="T")])
    assert counts_text(Document(m)) == "1 Phase · 2 Ebenen · 1 Karte · 0 Verknüpfungen"


def test_english_counts_without_a_catalogue(qapp):
    i18n.install_translators(qapp, QLocale("C"))
    assert i18n.translate("Status", "%n card(s)", None, 1) == "1 card"
    assert i18n.translate("Status", "%n card(s)", None, 12) == "12 cards"


def test_the_welcome_page_is_german(german, windows):
    window = windows.make(welcome=True)
    page = window.welcome
    assert page.templates.item(0).text() == "Leere Map"
    assert page.create_button.text() == "Map &erstellen" and page.example_button.text() == "&Beispiel öffnen"


def test_mnemonics_are_unique_within_each_german_menu(german, windows):
    window = windows.make(path=windows.copy_example())

    def letters(menu: QMenu) -> list[str]:
        found = []
        for act in menu.actions():
            m = re.search(r"&([^&\s])", act.text().replace("&&", ""))
            if m:
                found.append(m.group(1).lower())
        return found

    bar = [re.search(r"&(.)", t).group(1).lower() for t in _menus(window)]
    assert len(bar) == len(set(bar))
    stack = list(_menus(window).values())
    while stack:
        menu = stack.pop()
        keys = letters(menu)
        assert len(keys) == len(set(keys)), (menu.title(), keys)
        stack += [a.menu() for a in menu.actions() if a.menu() is not None]


def test_the_help_guide_is_german(german):
    assert guide_file().name == "guide.de.md"
    text = guide_file().read_text(encoding="utf-8")
    assert "Phase" in text and "Rückgängig" in text


def test_the_terms_tables_follow_the_model():
    assert {k: v for k, v in i18n._LANE_TYPES.items()} == LANE_TYPE_LABELS
    assert i18n._KINDS == KIND_LABEL
    assert i18n._PERSPECTIVES == PERSPECTIVE_LABEL


# ----------------------------------------------------------------------------- the catalogue


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {(c.findtext("name"), m.findtext("source")): m for c in root.iter("context") for m in c.iter("message")}


def _literal_calls() -> set[tuple[str, str]]:
    """(context, text) of every translate()/QT_TRANSLATE_NOOP call with literal arguments in the
    widgets: what the catalogue must hold, whether or not pyside6-lupdate could parse the call."""
    found = set()
    for path in WIDGETS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in ("translate", "QT_TRANSLATE_NOOP"):
                continue
            ctx, text = node.args[:2]
            if isinstance(ctx, ast.Constant) and isinstance(text, ast.Constant) and isinstance(text.value, str):
                found.add((ctx.value, text.value))
    return found


def test_every_text_in_the_code_is_in_the_german_catalogue():
    messages = _messages(CATALOGUE)
    missing = sorted(_literal_calls() - set(messages))
    assert not missing, f"not in {CATALOGUE.name} (run make translations and translate them): {missing}"


def test_the_catalogue_is_what_lupdate_extracts_and_fully_translated(tmp_path):
    catalogue = _catalogue_module()
    fresh = tmp_path / "fresh.ts"
    catalogue.extract(fresh, "de")
    extracted, committed = set(_messages(fresh)), _messages(CATALOGUE)
    assert extracted - set(committed) == set(), "texts the catalogue lacks: run make translations"
    assert set(committed) - extracted == set(), "texts the code no longer has: run make translations"
    for (ctx, source), message in committed.items():
        translation = message.find("translation")
        assert translation.get("type") is None, f"unfinished: {ctx}: {source}"
        forms = [f.text or "" for f in translation.iter("numerusform")]
        if "%n" in source:
            assert message.get("numerus") == "yes" and len(forms) == 2 and all(forms), source  # German: one, many
        else:
            forms = [translation.text or ""]
            assert forms[0].strip(), source
        for form in forms:  # the same placeholders; keyboard mnemonics kept
            assert sorted(set(PLACEHOLDER.findall(form))) == sorted(set(PLACEHOLDER.findall(source))) or (
                "{Field}" in form
            ), (source, form)
            assert ("&" in source.replace("&&", "")) == ("&" in form.replace("&&", "")), (source, form)


def test_the_committed_qm_is_the_compiled_catalogue(tmp_path):
    catalogue = _catalogue_module()
    qm = catalogue.release("de", tmp_path / "de.qm")
    assert qm.read_bytes() == (ROOT / "resources" / "i18n" / "journeymap_de.qm").read_bytes()


def test_journeymap_lang_picks_the_language(monkeypatch):
    monkeypatch.setenv(i18n.ENV_VAR, "de")
    assert i18n.ui_locale().language() == QLocale.Language.German
    monkeypatch.setenv(i18n.ENV_VAR, "")
    assert i18n.ui_locale() == QLocale.system()


def test_qt_standard_dialogs_are_german_too(german):
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
