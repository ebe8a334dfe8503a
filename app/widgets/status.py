"""The main window's status bar: the save state, the map's counts and the zoom.

- save state: "Saved", "Modified", "Autosaved 12:03" (unsaved changes that are safe in the
  recovery journal), "Read-only" (a file opened read-only), "Not saved yet" (a new map);
- counts: stages, lanes, cards and links (a list length each: O(1) per document batch);
- zoom: "74 %".

The session reports no "autosaved" event of its own, so the state is refreshed on the session's
signals and by a one-second timer that reads ``session.journal_entry`` (a property read).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QLocale, QObject, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar

from app.model.document import Document
from app.widgets.files.session import MapSession
from app.widgets.i18n import translate
from app.widgets.selection import follow_document
from app.widgets.undo import notices


def counts_text(doc: Document) -> str:
    m = doc.map
    # pyside6-lupdate reads a plural's count only from a plain name
    stages, lanes, cards, links = len(m.stages), len(m.lanes), len(m.cards), len(m.links)
    return " · ".join((
        translate("Status", "%n stage(s)", None, stages),
        translate("Status", "%n lane(s)", None, lanes),
        translate("Status", "%n card(s)", None, cards),
        translate("Status", "%n link(s)", None, links),
    ))


def save_state_text(session: MapSession) -> str:
    """What the status bar says about the file (see the module docstring)."""
    if session.read_only:
        return translate("Status", "Read-only")
    if session.room_name is not None and session.room_online():
        return translate("Status", "Saved by the room's host")
    if not session.modified:
        if session.path is None and session.undo_stack.count() == 0:
            return translate("Status", "Not saved yet") if session.copy_of is not None else translate("Status", "New map")
        return translate("Status", "Saved")
    entry = session.journal_entry
    if entry is not None and not getattr(session, "_journal_dirty", True):
        try:
            when = QLocale().toString(datetime.fromisoformat(entry.saved_at).astimezone().time(), QLocale.FormatType.ShortFormat)
        except (TypeError, ValueError):
            when = ""
        return translate("Status", "Autosaved {time}").format(time=when).strip()
    return translate("Status", "Modified")


class StatusPanel(QObject):
    """The permanent widgets of ``status_bar``, kept up to date with ``session`` and the view."""

    def __init__(self, status_bar: QStatusBar, session: MapSession, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.state_label = QLabel()
        self.state_label.setObjectName("saveState")
        self.counts_label = QLabel()
        self.counts_label.setObjectName("counts")
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("zoom")
        self.zoom_label.setMinimumWidth(48)
        for label in (self.state_label, self.counts_label, self.zoom_label):
            status_bar.addPermanentWidget(label)
        session.modifiedChanged.connect(self.refresh_state)
        session.titleChanged.connect(self.refresh_state)
        session.message.connect(self.refresh_state)
        session.documentReplaced.connect(self.set_document)
        notices(session.undo_stack).noted.connect(lambda text: status_bar.showMessage(text, 15_000))
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.refresh_state)
        self._timer.start()
        self._unfollow = None
        self.set_document(session.doc)

    def set_document(self, doc: Document) -> None:
        if self._unfollow is not None:
            self._unfollow()
        self._doc = doc
        self._unfollow = follow_document(self, doc, lambda _changes: self.refresh_counts())
        self.refresh_counts()
        self.refresh_state()

    def refresh_counts(self) -> None:
        self.counts_label.setText(counts_text(self._doc))

    def refresh_state(self, *_args) -> None:
        text = save_state_text(self.session)
        if text != self.state_label.text():
            self.state_label.setText(text)

    def show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f} %")
