"""Files that never lose work: the editor's file session, a non-visual controller.

One :class:`MapSession` per window holds the open map (``doc``), its undo stack, the file it came
from and everything that keeps the user's work safe:

- New (from a template, :meth:`~MapSession.new_dialog` shows the chooser with previews), Open,
  Save, Save As, Revert, recent files, and a Save / Don't Save / Cancel prompt whenever unsaved
  changes would be replaced or closed.
- Autosave of unsaved changes to a recovery journal (:mod:`app.widgets.files.recovery`) at most
  ``autosave_ms`` (30 s) after a change (the timer starts at the first change and is *not*
  restarted by later ones, so steady typing is still journaled every 30 s), and whenever the
  application is deactivated. The journal is removed when the user saves or discards, or
  undoes back to the saved state. After a crash or kill, :meth:`~MapSession.offer_recovery`
  asks about each orphaned entry: Restore, Discard (confirmed), Later (kept for next time).
- The file's signature (mtime, size, sha256) is taken when it is read or written. Saving over a
  file another program changed asks Reload / Overwrite / Save As; on activation a changed file
  is reloaded when there are no local changes (and the user is told), otherwise the user is told
  and asked at save time. A file deleted behind the editor's back marks the map modified.
- Opening or closing a map without edits never writes to it (only the lock file beside it).
- A ``.~NAME.lock`` :class:`QLockFile` marks a file open, and a second one named after the file's
  identity (device, inode), so that another hard link to it counts as the same file
  (:mod:`app.io.diskfile`); a file another running editor has open is offered read-only or
  as a copy. Locks of dead processes are taken over. Saving a file with several hard links
  rewrites it in place, keeping the links (:mod:`app.io.jsonfile`).
- Every failure is shown through the prompter in plain words; the map stays open, still
  modified, and the file on disk is untouched (``save_map`` is atomic).
- The modified marker is the undo stack's clean state (``cleanChanged``/``setClean``).

The session never opens a dialog itself: it asks its
:class:`~app.widgets.files.prompts.Prompter` (by default message boxes over ``parent``). The main
window (``app/widgets/main_window.py``) shows the wiring: ``documentReplaced`` -> the scene and
docks, ``titleChanged``/``modifiedChanged`` -> the title, ``close()`` from ``closeEvent``,
``check_disk()`` on activation, ``offer_recovery()`` once the window is shown.

API (all prompts go through ``session.prompter``; every method returns False when the user
cancels or something failed, after telling the user, and the open map is then unchanged):

- attributes: ``doc`` (Document), ``undo_stack`` (QUndoStack, the same object for the session's
  life; cleared when a map replaces another), ``path`` (Path | None), ``read_only``, ``copy_of``,
  ``modified`` (property), ``journal`` (RecoveryJournal), ``prompter``.
- signals: ``documentReplaced(Document)``, ``titleChanged(str)``, ``modifiedChanged(bool)``,
  ``message(str)``, ``recentFilesChanged()``.
- files: ``new_dialog()``, ``new_from_template(name)``, ``new_document(m=None)``,
  ``open_dialog()``, ``open(path)``, ``save()``, ``save_as(path=None)``, ``revert()``,
  ``recent_files()``, ``clear_recent_files()``.
- closing: ``maybe_close()`` (asks; for "replace this map" flows), ``close()`` (asks, then
  ``shutdown()``), ``shutdown()`` (no question: unsaved changes stay in the journal and are
  offered at the next start).
- safety: ``autosave_now()``, ``check_disk()``, ``application_state_changed(state)``,
  ``offer_recovery(open_elsewhere=None)``, ``restore(entry)``.
- text: ``window_title()`` (with ``[*]``), ``title_with_marker()``, ``display_name()``.

Application activation/deactivation is watched by the session itself
(``QGuiApplication.applicationStateChanged``). ``session.read_only`` is True for a file opened
read-only (Save then asks for a new name; the window may also disable editing).

Tests pass ``prompter=``, ``journal=RecoveryJournal(tmp)``, ``settings=QSettings(ini, IniFormat)``
and a short ``autosave_ms``.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import QWidget

from app.io.diskfile import (
    DiskSignature,
    DiskState,
    FileLock,
    LockStatus,
    compare,
    plain_os_error,
    read_map_file,
    signature_of,
)
from app.io.jsonfile import EXTENSION, MapFileError, gc_paused
from app.io.mapsave import save_map
from app.io.templates import load_template
from app.model.commands import Command
from app.model.document import Document
from app.model.schema import Map, now_iso
from app.widgets.files.journaling import Journaling, _same_file
from app.widgets.files.prompts import APP_NAME, Choice, Prompter
from app.widgets.files.recent import MAX_RECENT, RecentFiles
from app.widgets.files.recovery import JournalEntry, RecoveryJournal, ensure_application_identity
from app.widgets.i18n import translate
from app.widgets.undo import push

__all__ = ["AUTOSAVE_MS", "MAX_RECENT", "MapSession"]

AUTOSAVE_MS = 30_000
_KEEP_WORK = QT_TRANSLATE_NOOP("Session", "Your map is still open here, with all your changes.")


def _normalize(path: str | os.PathLike[str]) -> Path:
    return Path(os.path.abspath(os.fspath(path)))


class MapSession(Journaling, QObject):
    """The open map and its file (see the module docstring)."""

    documentReplaced = Signal(object)  # Document: a new map is open (new, open, revert, reload, restore)
    titleChanged = Signal(str)  # window title with the "[*]" modified placeholder
    modifiedChanged = Signal(bool)
    message = Signal(str)  # a status line: "Saved", "Reloaded because...", "Autosave failed..."
    recentFilesChanged = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        prompter: Prompter | None = None,
        journal: RecoveryJournal | None = None,
        settings: QSettings | None = None,
        autosave_ms: int = AUTOSAVE_MS,
        watch_application: bool = True,
        m: Map | None = None,
    ):
        super().__init__(parent)
        if prompter is None:
            from app.widgets.files.prompts import DialogPrompter

            prompter = DialogPrompter(parent if isinstance(parent, QWidget) else None)
        self.prompter: Prompter = prompter
        self.journal = journal if journal is not None else RecoveryJournal()
        if settings is None:
            ensure_application_identity()
            settings = QSettings()
        self.settings = settings
        self.recent = RecentFiles(settings, self.recentFilesChanged.emit)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.doc = Document(m if m is not None else Map())
        self.doc.subscribe(self._on_changes)
        self.path: Path | None = None
        self.read_only = False
        self.copy_of: Path | None = None  # opened as a copy of this file (path is None)
        self.room_name: str | None = None  # joined a workshop room: its map (path is None)
        self.room_online: Callable[[], bool] = lambda: False  # the room has every edit: no need to save
        self._signature: DiskSignature | None = None
        self._lock: FileLock | None = None
        self._entry: JournalEntry | None = None
        self._journal_dirty = False
        self._discarded = False
        self._autosave_failed = False
        self._replacing = False
        self._closed = False
        self._warned: object = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(autosave_ms)
        self._timer.timeout.connect(self.autosave_now)
        self._app: QGuiApplication | None = None
        app = QGuiApplication.instance()
        if watch_application and isinstance(app, QGuiApplication):
            self._app = app
            app.applicationStateChanged.connect(self.application_state_changed)

    # ------------------------------------------------------------------------------- state
    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def signature(self) -> DiskSignature | None:
        """The file as it was when read or last saved."""
        return self._signature

    @property
    def journal_entry(self) -> JournalEntry | None:
        """This map's recovery entry, while it has unsaved changes that were autosaved."""
        return self._entry

    def display_name(self) -> str:
        if self.path is not None:
            return self.path.name
        if self.copy_of is not None:
            return translate("Session", "Copy of {name}").format(name=self.copy_of.name)
        if self.room_name is not None:
            return translate("Session", "Room: {name}").format(name=self.room_name)
        return translate("Session", "Untitled")

    def window_title(self) -> str:
        """``NAME[*] – Journey Map Studio``; Qt shows ``[*]`` as ``*`` while the window is modified."""
        name = self.display_name().replace("[*]", "[ *]")
        if self.read_only:
            name = translate("Session", "{name} (read-only)").format(name=name)
        return f"{name}[*] – {APP_NAME}"

    def title_with_marker(self) -> str:
        """The title as shown: ``plan.journey.json* – Journey Map Studio`` when modified."""
        return self.window_title().replace("[*]", "*" if self.modified else "")

    def is_pristine(self) -> bool:
        """An untitled map nobody has touched: a restore or an open may simply replace it."""
        return (
            self.path is None and self.copy_of is None and not self.modified and self.undo_stack.count() == 0
        )

    def push(self, command: Command) -> bool:
        """Apply ``command`` as one undo step (the window's and the widgets' only way to edit);
        False when the model refused it (the message goes to the status bar)."""
        return push(self.undo_stack, self.doc, command)

    def _emit_state(self) -> None:
        self.titleChanged.emit(self.window_title())
        self.modifiedChanged.emit(self.modified)

    # ---------------------------------------------------------------------- new and open
    def new_document(self, m: Map | None = None) -> bool:
        """Replace the map with ``m`` (default: a blank map), untitled; asks about unsaved changes."""
        if not self.maybe_close():
            return False
        self._install(m if m is not None else Map(), None, None)
        return True

    def new_from_template(self, name: str) -> bool:
        try:
            m = load_template(name)
        except (MapFileError, LookupError) as err:
            self.prompter.error(str(err), _KEEP_WORK)
            return False
        return self.new_document(m)

    def new_dialog(self) -> bool:
        """File > New: the template chooser, then :meth:`new_from_template`."""
        name = self.prompter.choose_template()
        if name is None:
            return False
        return self.new_document() if name == "" else self.new_from_template(name)

    def open_dialog(self) -> bool:
        current = self.path or self.copy_of
        path = self.prompter.open_path(current.parent if current is not None else self.recent.folder())
        return False if path is None else self.open(path)

    def open(self, path: str | os.PathLike[str], read: tuple[Map, DiskSignature] | None = None) -> bool:
        """Open the map at ``path`` in place of the current one. False (and the current map kept)
        if it cannot be read, the user cancels, or keeps unsaved changes. ``read``: the map and
        signature :func:`read_map_file` just gave for ``path`` (the editor's start reads the file
        before any window opens, to refuse a bad one): not read and checked a second time."""
        path = _normalize(path)
        if self.path is not None and _same_file(path, self.path):
            self.message.emit(translate("Session", "{name} is already open.").format(name=path.name))
            return True
        try:
            with gc_paused():  # the new map frozen before the collector runs again: its next run
                m, signature = read if read is not None else read_map_file(path)
                gc.freeze()  # would walk all of it (15-25 ms at 10,000 cards) to find nothing
        except MapFileError as err:
            self.prompter.error(str(err), translate("Session", "The map shown now stays open."))
            if not path.exists():
                self.recent.existing()
            return False
        lock: FileLock | None = FileLock(path)
        status = lock.acquire()
        read_only = False
        copy_of = None
        if status is LockStatus.HELD_ELSEWHERE:
            choice = self.prompter.locked(path.name, lock.owner())
            lock = None
            if choice == Choice.READ_ONLY:
                read_only = True
            elif choice == Choice.COPY:
                copy_of = path
            else:
                return False
        elif status is LockStatus.UNAVAILABLE:
            lock = None  # e.g. a read-only folder: open it all the same
        if not self.maybe_close():
            if lock is not None:
                lock.release()
            return False
        if copy_of is not None:
            self._install(m, None, None, copy_of=copy_of)
            self.message.emit(translate("Session", "Opened a copy of {name}; it is not saved yet.").format(name=path.name))
        else:
            self._install(m, path, signature, lock=lock, read_only=read_only)
            text = translate("Session", "Opened {name} read-only.") if read_only else translate("Session", "Opened {name}.")
            self.message.emit(text.format(name=path.name))
        return True

    # ------------------------------------------------------------------------------- save
    def save(self) -> bool:
        """Save to the map's file (Save As for an untitled, copied or read-only map). True when the
        map is saved; False when the user cancelled or the save failed (the map stays modified)."""
        if self.path is None or self.read_only:
            return self.save_as()
        state = compare(self.path, self._signature, full=True)
        if state is DiskState.CHANGED:
            choice = self.prompter.changed_on_disk(self.path.name)
            if choice == Choice.RELOAD:
                self._reload(translate("Session", "Reloaded {name} as another program saved it.").format(name=self.path.name))
                return False
            if choice == Choice.SAVE_AS:
                return self.save_as()
            if choice != Choice.OVERWRITE:
                return False
        elif state is DiskState.SAME and not self.modified:
            self.message.emit(translate("Session", "No changes to save."))
            return True
        if not self._write(self.path):
            return False
        self._saved(self.path)
        return True

    def save_as(self, path: str | os.PathLike[str] | None = None) -> bool:
        """Save under a new name (asks for it when ``path`` is None) and continue with that file."""
        if path is None or isinstance(path, bool):  # bool: QAction.triggered(checked) connected directly
            chosen = self.prompter.save_path(self._suggested_path())
            if chosen is None:
                return False
            path = chosen
        given = _normalize(path)
        path = given if given.name.lower().endswith(".json") else given.with_name(given.name + EXTENSION)
        if path != given and path.exists() and not self.prompter.confirm_overwrite(path):
            return False
        if self.path is not None and _same_file(path, self.path):
            if self.read_only:  # opened read-only: writable now if the other editor let it go
                lock = FileLock(self.path)
                status = lock.acquire()
                if status is LockStatus.HELD_ELSEWHERE:
                    self.prompter.error(
                        translate("Session", "{name} is still open in another Journey Map Studio window.").format(
                            name=path.name
                        ),
                        translate("Session", "Choose another name to save your version.")
                        + " "
                        + translate("Session", _KEEP_WORK),
                    )
                    return False
                self._lock = lock if status is LockStatus.ACQUIRED else None
                self.read_only = False
                self._emit_state()
            return self.save()
        lock = FileLock(path)
        status = lock.acquire()
        if status is LockStatus.HELD_ELSEWHERE:
            owner = lock.owner()
            self.prompter.error(
                (
                    translate("Session", "{path} is open in another Journey Map Studio window ({owner}).")
                    if owner
                    else translate("Session", "{path} is open in another Journey Map Studio window.")
                ).format(path=path, owner=owner),
                translate("Session", "Choose another name, or close it there first.") + " " + translate("Session", _KEEP_WORK),
            )
            return False
        if not self._write(path):
            lock.release()
            return False
        self._release_lock()
        self._lock = lock if status is LockStatus.ACQUIRED else None
        self.path = path
        self.read_only = False
        self.copy_of = None
        self._saved(path)
        return True

    def _suggested_path(self) -> Path:
        if self.path is not None:
            return self.path
        if self.copy_of is not None:
            stem = self.copy_of.name.removesuffix(EXTENSION).removesuffix(".json")
            return self.copy_of.with_name(f"{stem} (copy){EXTENSION}")
        title = "".join(c for c in self.doc.map.title if c not in '/\\:*?"<>|\0').strip() or translate("Session", "Untitled")
        folder = self.recent.folder() or Path.home()
        return folder / f"{title[:80]}{EXTENSION}"

    def _write(self, path: Path) -> bool:
        """Write the map to ``path`` (atomic, with .bak); on failure tell the user and return False."""
        stamp = now_iso()
        m = self.doc.map.model_copy(update={"modified": stamp})
        try:
            save_map(m, path)
        except MapFileError as err:
            self._save_failed(str(err))
            return False
        except OSError as err:  # pragma: no cover - save_map turns OSErrors into MapFileError
            self._save_failed(translate("Session", "{path}: cannot save: {error}").format(path=path, error=plain_os_error(err)))
            return False
        if self.doc.map.modified != stamp:
            self.doc.replace_map_fields({"modified": stamp})
        self._signature = signature_of(path)
        return True

    def _save_failed(self, text: str) -> None:
        self.prompter.error(
            text,
            " ".join((
                translate("Session", "The file on disk was not changed."),
                translate("Session", _KEEP_WORK),
                translate("Session", "Try Save As to save it elsewhere."),
            )),
        )

    def _saved(self, path: Path) -> None:
        if self._lock is not None:
            self._lock.follow()  # an atomic save gave the file a new identity (inode)
        self._timer.stop()
        self._discarded = False
        self._warned = None
        self.undo_stack.setClean()
        self._journal_dirty = False
        self._drop_journal()
        self.recent.add(path)
        self._emit_state()
        self.message.emit(translate("Session", "Saved {name}.").format(name=path.name))

    # ------------------------------------------------------------------------ revert, reload
    def revert(self) -> bool:
        """Reload the map from its file, after confirming when there are unsaved changes."""
        if self.path is None:
            self.message.emit(translate("Session", "This map has not been saved yet: there is no saved version to go back to."))
            return False
        if self.modified and not self.prompter.confirm_revert(self.display_name()):
            return False
        return self._reload(translate("Session", "Reverted to the saved version of {name}.").format(name=self.path.name))

    def _reload(self, note: str) -> bool:
        assert self.path is not None
        try:
            m, signature = read_map_file(self.path)
        except MapFileError as err:
            self.prompter.error(str(err), translate("Session", "The map shown here is unchanged."))
            return False
        self._install(m, self.path, signature, keep_lock=True, read_only=self.read_only)
        self.message.emit(note)
        return True

    def check_disk(self) -> None:
        """Look at the file again (called on activation): reload it when another program changed
        it and there are no local changes; otherwise tell the user once."""
        if self._closed or self.path is None:
            return
        state = compare(self.path, self._signature)
        if state is DiskState.SAME:
            self._warned = None
            return
        name = self.path.name
        if state is DiskState.MISSING:
            if self._warned != "missing":
                self._warned = "missing"
                if not self.modified:
                    self.undo_stack.resetClean()  # closing must now ask: the map exists only here
                    self._on_changes([])
                self.message.emit(
                    translate("Session", "{name} was moved or deleted by another program. Save to write it again.").format(name=name)
                )
            return
        try:
            st = os.stat(self.path)
            key: object = (st.st_mtime_ns, st.st_size)
        except OSError:
            key = "unreadable"
        if self.modified:
            if self._warned != key:
                self._warned = key
                self.message.emit(
                    translate(
                        "Session",
                        "{name} was changed by another program. Your version stays here; "
                        "you will be asked what to do when you save.",
                    ).format(name=name)
                )
            return
        try:
            m, signature = read_map_file(self.path)
        except MapFileError as err:
            if self._warned != key:
                self._warned = key
                self.message.emit(
                    translate(
                        "Session", "{name} was changed by another program but cannot be read ({error}); keeping the version shown."
                    ).format(name=name, error=err)
                )
            return
        self._install(m, self.path, signature, keep_lock=True, read_only=self.read_only)
        self.message.emit(translate("Session", "{name} was changed by another program and has been reloaded.").format(name=name))

    def application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check_disk()
        else:
            self.autosave_now()

    # ------------------------------------------------------------------------------ close
    def maybe_close(self) -> bool:
        """Ask Save / Don't Save / Cancel if there are unsaved changes. True when the map may go
        (saved, discarded, or nothing to save); nothing is changed when the answer is Cancel."""
        if not self.modified or (self.room_name is not None and self.room_online()):
            return True
        choice = self.prompter.unsaved_changes(self.display_name())
        if choice == Choice.SAVE:
            return self.save()
        if choice == Choice.DISCARD:
            self._timer.stop()
            self._discarded = True
            self._journal_dirty = False
            self._drop_journal()
            return True
        return False

    def close(self) -> bool:
        """For the window's closeEvent: :meth:`maybe_close`, then :meth:`shutdown`."""
        if not self.maybe_close():
            return False
        self.shutdown()
        return True

    def shutdown(self) -> None:
        """Stop autosaving and release the locks. Unsaved changes the user did not discard are
        journaled first and kept for the next start (as after a crash)."""
        if self._closed:
            return
        self._timer.stop()
        if self.modified and not self._discarded:
            self.autosave_now()
            if self._entry is not None:
                self._entry.release()
                self._entry = None
        else:
            self._drop_journal()
        self._release_lock()
        if self._app is not None:
            try:
                self._app.applicationStateChanged.disconnect(self.application_state_changed)
            except (RuntimeError, TypeError):  # pragma: no cover
                pass
            self._app = None
        self._closed = True

    # ----------------------------------------------------------------------- recent files
    def recent_files(self) -> list[Path]:
        """Recently opened or saved files, most recent first (at most 10); missing ones are dropped."""
        return self.recent.existing()

    def clear_recent_files(self) -> None:
        self.recent.clear()

    # ---------------------------------------------------------------------------- install
    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _install(
        self,
        m: Map,
        path: Path | None,
        signature: DiskSignature | None,
        *,
        lock: FileLock | None = None,
        keep_lock: bool = False,
        read_only: bool = False,
        copy_of: Path | None = None,
        entry: JournalEntry | None = None,
        modified: bool = False,
    ) -> None:
        """Make ``m`` the open map. The previous map's journal is dropped: by now the user has
        saved or discarded it (or it had no changes)."""
        self._timer.stop()
        if entry is not self._entry:
            self._drop_journal()
        if not keep_lock:
            self._release_lock()
            self._lock = lock
        elif self._lock is not None:
            self._lock.follow()  # reloaded: another program may have replaced the file
        self.doc.unsubscribe(self._on_changes)
        self.doc = Document(m)
        self.doc.subscribe(self._on_changes)
        self.path = path
        self.read_only = read_only
        self.copy_of = copy_of
        self.room_name = None
        self._signature = signature
        self._replacing = True
        try:
            self.undo_stack.clear()
            self.undo_stack.setClean()
            self._entry = entry
            if modified:
                self.undo_stack.resetClean()
        finally:
            self._replacing = False
        self._journal_dirty = False
        self._discarded = False
        self._autosave_failed = False
        self._warned = None
        self.documentReplaced.emit(self.doc)
        self._emit_state()
        if path is not None:
            self.recent.add(path)
