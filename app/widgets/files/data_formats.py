"""File > Import as New Map…, Import into This Map… and Export Data…: the data formats of the
registry (:mod:`app.io.formats`: CSV, Mermaid, JSON Canvas) in the editor.

* Import as New Map opens the file as a new, untitled map (unsaved changes are asked about first,
  as for File > New).
* Import into This Map adds what the file holds to the open map as ONE undo step (stages, lanes
  and personas matched by name; see :mod:`app.io.formats.additions`).
* Export Data writes the open map in the format the chosen file name (or the dialog's filter)
  names; a journey map it replaces is kept as ``NAME.bak``.

A file that cannot be read shows one message box with the one-line error (file, row and column
or line) and changes nothing; when the problem is in one row, the box offers to import the good
rows and lists the bad ones afterwards.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QWidget

from app.io.formats import FORMATS, ImportResult, export_map, format_for, import_map
from app.io.formats.additions import additions_command, count_added
from app.io.jsonfile import MapFileError, looks_like_map
from app.io.mapsave import keep_backup
from app.widgets.i18n import translate

_MAX_LISTED = 20  # bad rows listed in the box after an import that skipped them


def import_filters() -> str:
    """``Data files (*.csv *.mmd …);;CSV spreadsheet (*.csv);;…`` for the open dialog."""
    readable = [f for f in FORMATS if f.reader]
    everything = " ".join(f"*{f.suffix}" for f in readable)
    return ";;".join([translate("DataFormats", "Data files") + f" ({everything})", *(f.dialog_filter() for f in readable)])


def export_filters() -> list[str]:
    return [f.dialog_filter() for f in FORMATS if f.writer]


class DataFiles(QObject):
    """The three File menu actions over ``window`` (its ``session`` holds the map)."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.window = window

    @property
    def session(self):
        return self.window.session

    def _folder(self) -> str:
        current = self.session.path or self.session.copy_of
        folder = current.parent if current is not None else self.session.recent.folder()
        return os.fspath(folder or "")

    # ------------------------------------------------------------------ import
    def import_new(self) -> bool:
        """File > Import as New Map…"""
        path = self._choose(translate("DataFormats", "Import as new map"))
        result = self._read(path) if path is not None else None
        if result is None or not self.session.new_document(result.map):
            return False
        self._report(path, result, translate("DataFormats", "Imported {name} as a new map").format(name=path.name))
        return True

    def import_into(self) -> bool:
        """File > Import into This Map…: one undo step."""
        path = self._choose(translate("DataFormats", "Import into this map"))
        if path is None:
            return False
        before = self.session.doc.map
        result = self._read(path, into=before)
        if result is None:
            return False
        command = additions_command(before, result.map, translate("DataFormats", "Import {name}").format(name=path.name))
        if not command.parts:
            self.session.message.emit(translate("DataFormats", "{name} adds nothing to this map").format(name=path.name))
            return False
        if not self.session.push(command):
            return False
        counts = count_added(command)
        # literal texts and plain names as the counts: pyside6-lupdate skips a call whose count
        # is an expression (counts.get(...), n - 1)
        cards, stages, lanes, personas = (counts.get(k, 0) for k in ("card", "stage", "lane", "persona"))
        parts = {
            "card": translate("DataFormats", "%n card(s)", None, cards),
            "stage": translate("DataFormats", "%n stage(s)", None, stages),
            "lane": translate("DataFormats", "%n lane(s)", None, lanes),
            "persona": translate("DataFormats", "%n persona(s)", None, personas),
        }
        added = ", ".join(text for key, text in parts.items() if counts.get(key))
        self._report(path, result, translate("DataFormats", "Added {what} from {name}").format(what=added or translate("DataFormats", "curves and links"), name=path.name))
        return True

    def _choose(self, caption: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.window, caption, self._folder(), import_filters())
        return Path(name) if name else None

    def _read(self, path: Path, into=None) -> ImportResult | None:
        """The file read, or None (the problem shown; the user may choose to skip bad rows)."""
        try:
            return import_map(path, into=into)
        except MapFileError as err:  # FormatError, or a map file a format module reads
            if not self._problem(str(err), offer_skip=err.where.startswith("row ") and format_for(path) is not None):
                return None
        try:
            return import_map(path, into=into, skip_bad=True)
        except MapFileError as err:
            self._problem(str(err), offer_skip=False)
            return None

    def _report(self, path: Path, result: ImportResult, text: str) -> None:
        if result.skipped:
            n = len(result.skipped)
            text += " " + translate("DataFormats", "(%n bad row(s) skipped)", None, n)
            box = self._box(QMessageBox.Icon.Information, translate("DataFormats", "Skipped %n bad row(s) of {name}:", None, n).format(name=path.name))
            shown = [str(p) for p in result.skipped[:_MAX_LISTED]]
            if n > _MAX_LISTED:
                more = n - _MAX_LISTED
                shown.append(translate("DataFormats", "…and %n more", None, more))
            box.setInformativeText("\n".join(shown))
            box.exec()
        self.session.message.emit(text)

    # ------------------------------------------------------------------ export
    def export_data(self) -> bool:
        """File > Export Data…: CSV, Mermaid, JSON Canvas (by the file name or the filter)."""
        filters = export_filters()
        current = self.session.path
        stem = current.name.split(".")[0] if current is not None else (self.session.doc.map.title or "journey")
        suggested = Path(self._folder() or ".") / f"{stem}{FORMATS[0].suffix if FORMATS else ''}"
        name, chosen = QFileDialog.getSaveFileName(self.window, translate("DataFormats", "Export data"), os.fspath(suggested), ";;".join(filters))
        if not name:
            return False
        path = Path(name)
        if format_for(path) is None or not format_for(path).writer:
            suffix = next((f.suffix for f in FORMATS if f.writer and f.dialog_filter() == chosen), "")
            path = path.with_name(path.name + suffix)
        try:
            if looks_like_map(path):
                keep_backup(path)  # the dialog asked before replacing; a map replaced is kept as .bak
            export_map(self.session.doc.map, path)
        except MapFileError as err:
            self._problem(str(err), offer_skip=False, importing=False)
            return False
        self.session.message.emit(translate("DataFormats", "Exported {name}").format(name=path.name))
        return True

    # ------------------------------------------------------------------ boxes
    def _box(self, icon: QMessageBox.Icon, text: str) -> QMessageBox:
        box = QMessageBox(self.window)
        box.setObjectName("dataFormatsMessage")
        box.setIcon(icon)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        for label in box.findChildren(QLabel):
            label.setTextFormat(Qt.TextFormat.PlainText)
        return box

    def _problem(self, line: str, *, offer_skip: bool, importing: bool = True) -> bool:
        """Show a one-line error; True when the user chose to import the good rows."""
        box = self._box(QMessageBox.Icon.Warning, line)
        box.setInformativeText(translate("DataFormats", "Nothing was imported.") if importing else translate("DataFormats", "Nothing was written."))
        skip = box.addButton(translate("DataFormats", "&Skip Bad Rows"), QMessageBox.ButtonRole.AcceptRole) if offer_skip else None
        close = box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(close)
        box.setEscapeButton(close)
        box.exec()
        return skip is not None and box.clickedButton() is skip
