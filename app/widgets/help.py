"""Help > User Guide (F1): the short guide shipped in ``resources/help/guide.md``, shown in a
window of its own next to the map, with a table of keyboard shortcuts made from the window's
actions (so it always matches the menus of this version).

The guide is Markdown rendered by Qt (``QTextBrowser.setMarkdown``); a translated guide sits
beside it as ``guide.LANG.md`` (``guide.de.md``) and is preferred when the UI language matches.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenu, QTextBrowser, QVBoxLayout, QWidget

from app.io.oserrors import plain_os_error
from app.io.templates import RESOURCES
from app.widgets.i18n import translate

HELP_FOLDER = RESOURCES / "help"


def guide_file(locale: QLocale | None = None, folder: Path = HELP_FOLDER) -> Path:
    """The guide in the UI language if there is one, else the English one."""
    lang = (locale or QLocale()).name().split("_")[0]
    translated = folder / f"guide.{lang}.md"
    return translated if translated.is_file() else folder / "guide.md"


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


_PLAIN_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_Escape}


def _typed(key: QKeySequence) -> bool:
    """A key a user types: with a modifier, a function key or Return/Del...; not the dedicated
    "Open" or "Help" keys of multimedia keyboards that Qt's standard shortcuts include."""
    combo = key[0]
    code = combo.key()
    return bool(combo.keyboardModifiers()) or Qt.Key.Key_F1 <= code <= Qt.Key.Key_F35 or code in _PLAIN_KEYS


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _menu_of(act: QAction) -> str:
    for owner in act.associatedObjects():
        if isinstance(owner, QMenu) and owner.title():
            return _plain(owner.title())
    return ""


def shortcuts_table(actions: dict[str, QAction]) -> str:
    """A Markdown table of every action with a shortcut: its menu and name, and its keys."""
    rows = []
    for act in actions.values():
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in act.shortcuts() if not k.isEmpty() and _typed(k)]
        if not keys:
            continue
        menu = _menu_of(act)
        name = f"{menu} > {_plain(act.text())}" if menu else _plain(act.text())
        rows.append(f"| {_cell(name)} | {_cell(', '.join(keys))} |")
    head = "| {} | {} |".format(_cell(translate("Help", "Command")), _cell(translate("Help", "Keys")))
    return "\n".join([head, "|---|---|", *rows]) + "\n"


class HelpWindow(QDialog):
    """The user guide: not modal, so the map stays usable beside it; F1 brings it back."""

    def __init__(self, actions: dict[str, QAction], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("helpWindow")
        self.setWindowTitle(translate("Help", "Journey Map Studio: User Guide"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        self.browser.setAccessibleName(translate("Help", "User guide"))
        self.source = guide_file()
        try:
            text = self.source.read_text(encoding="utf-8")
        except OSError as err:
            text = "# {}\n\n{}\n".format(
                translate("Help", "User guide"),
                translate("Help", "The guide could not be read: {file}: {error}").format(file=self.source, error=plain_os_error(err)),
            )
        self.browser.setMarkdown(text + "\n" + shortcuts_table(actions))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(640, 720)

    def text(self) -> str:
        return self.browser.toPlainText()
