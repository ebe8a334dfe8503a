"""The file session's safety net: autosave into the recovery journal, and restoring from it.

:class:`Journaling` is mixed into :class:`~app.widgets.files.session.MapSession`, which holds the
state these methods use (the document, the undo stack's clean state, the journal entry, the
autosave timer, the lock) and calls them: ``autosave_now()`` from the timer and on deactivation,
``_on_changes``/``_on_clean_changed`` from the document and the undo stack, ``offer_recovery()``
once the window is shown. The journal's own format and prompts are
:mod:`app.widgets.files.recovery`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from app.io.diskfile import FileLock, LockStatus, plain_os_error
from app.io.jsonfile import MapFileError
from app.widgets.files.recovery import JournalEntry
from app.widgets.i18n import translate


def _same_file(a: Path, b: Path) -> bool:
    """One file under two names: the same path, a symbolic link, or another hard link."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


class Journaling:
    """Autosave and recovery for a :class:`~app.widgets.files.session.MapSession`."""

    # --------------------------------------------------------------------------- autosave
    def _on_changes(self, _changes: list) -> None:
        self._journal_dirty = True
        self._discarded = False
        if not self._timer.isActive() and not self._closed:
            self._timer.start()

    def _on_clean_changed(self, clean: bool) -> None:
        if self._replacing:
            return
        if clean:  # saved, or undone back to the saved state: nothing to recover
            self._timer.stop()
            self._journal_dirty = False
            self._drop_journal()
        self._emit_state()

    def autosave_now(self) -> bool:
        """Write the unsaved changes to the recovery journal now (the timer and deactivation call
        this). True if the journal holds the current map afterwards."""
        self._timer.stop()
        if self._closed:
            return False
        if not self.modified:
            self._drop_journal()
            return False
        if self._discarded:
            return False
        if not self._journal_dirty and self._entry is not None:
            return True
        try:
            if self._entry is None:
                self._entry = self.journal.new_entry()
            self.journal.write(
                self._entry,
                self.doc.map,
                title=self._journal_title(),
                original_path=self.path,
                base=self._signature,
            )
        except (OSError, ValueError) as err:
            reason = plain_os_error(err) if isinstance(err, OSError) else str(err)
            if not self._autosave_failed:
                self._autosave_failed = True
                self.message.emit(translate("Session", "Autosave failed ({reason}). Save your work to keep it.").format(reason=reason))
            self._timer.start()  # try again later
            return False
        self._journal_dirty = False
        if self._autosave_failed:
            self._autosave_failed = False
            self.message.emit(translate("Session", "Autosave works again."))
        return True

    def _journal_title(self) -> str:
        """How the recovery prompt names this map: its file, else its own title."""
        if self.path is not None or self.copy_of is not None:
            return self.display_name()
        return self.doc.map.title.strip() or "Untitled"

    def _drop_journal(self) -> None:
        entry, self._entry = self._entry, None
        if entry is None:
            return
        try:
            self.journal.remove(entry)
        except OSError as err:
            self.message.emit(
                translate("Session", "Could not remove the recovery copy {file}: {error}").format(file=entry.file, error=plain_os_error(err))
            )

    # --------------------------------------------------------------------------- recovery
    def offer_recovery(self, open_elsewhere: Callable[[JournalEntry], bool] | None = None) -> int:
        """At start-up: ask about each journal entry a crashed or killed editor left (Restore,
        Discard after a confirmation, Later). The first restored map replaces this session's map
        (asking about its unsaved changes, if any); with ``open_elsewhere``, maps that would
        replace a non-pristine map are handed to it instead (it should open a new window and call
        ``restore(entry)`` on that window's session, returning its result). Returns how many maps
        were restored. Nothing is deleted unless the user confirms."""

        def restore(entry: JournalEntry) -> bool:
            if open_elsewhere is not None and not self.is_pristine() and not self._holds_unchanged(entry):
                return bool(open_elsewhere(entry))
            return self.restore(entry)

        return self.journal.offer(self.prompter, restore)

    def restore(self, entry: JournalEntry) -> bool:
        """Open a journal entry's map: modified, at its original file when it still can be, and
        autosaving into the same entry until the user saves or discards it."""
        try:
            m = entry.load_map()
        except MapFileError as err:
            self.prompter.error(
                translate("Session", "The recovered copy of “{title}” cannot be read: {error}").format(
                    title=entry.title or translate("Session", "Untitled"), error=err
                ),
                translate("Session", "It is kept in {folder}.").format(folder=entry.file.parent),
            )
            return False
        claimed_here = not entry.claimed
        if not entry.claim():
            self.prompter.error(
                translate("Session", "The recovered copy of “{title}” is being restored in another window.").format(
                    title=entry.title or translate("Session", "Untitled")
                )
            )
            return False
        path = entry.original_path
        signature = entry.base
        lock: FileLock | None = None
        copy_of: Path | None = None
        keep_lock = path is not None and self._holds(path)  # the editor restarted on this file
        if keep_lock:
            path = self.path
        elif path is not None:
            lock = FileLock(path)
            status = lock.acquire()
            if status is LockStatus.HELD_ELSEWHERE:
                lock = None
                copy_of, path, signature = path, None, None
            elif status is LockStatus.UNAVAILABLE:
                lock = None
        if not self.maybe_close():
            if lock is not None:
                lock.release()
            if claimed_here:
                entry.release()
            return False
        self._install(m, path, signature, lock=lock, keep_lock=keep_lock, copy_of=copy_of, entry=entry, modified=True)
        when = entry.saved_at_text()
        if copy_of is not None:
            note = (
                translate("Session", "Restored the unsaved work on {name} from {time} as a copy ({file} is open in another window).")
                if when
                else translate("Session", "Restored the unsaved work on {name} as a copy ({file} is open in another window).")
            )
        else:
            note = (
                translate("Session", "Restored the unsaved work on {name} from {time}.")
                if when
                else translate("Session", "Restored the unsaved work on {name}.")
            )
        note = note.format(name=self.display_name(), time=when, file=copy_of.name if copy_of else "")
        self.message.emit(note + " " + translate("Session", "Save it to keep it."))
        return True

    def _holds(self, path: Path) -> bool:
        """This session has ``path`` open and locked (so a restore of it belongs here)."""
        return self.path is not None and self._lock is not None and _same_file(path, self.path)

    def _holds_unchanged(self, entry: JournalEntry) -> bool:
        """The crashed editor's map is the file this session has open, with no changes here yet:
        restoring replaces nothing the user did in this window."""
        return entry.original_path is not None and self._holds(entry.original_path) and not self.modified
