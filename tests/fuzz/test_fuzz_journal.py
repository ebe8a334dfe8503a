"""Fuzz target: recovery journal entries (left by a crash, read at the next start). A damaged
entry is listed with its problem or restores as a valid map; reading it never raises, and
restoring it either gives a map or one clear line naming the entry's file."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import event, given
from hypothesis import strategies as st

from app.io.jsonfile import MapFileError
from app.widgets.files.recovery import ENTRY_SUFFIX, RecoveryJournal
from tests.model_factory import small_map

from .conftest import examples
from .damage import check_accepted, check_refusal, damage_bytes, damage_values


def seed_entry() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        journal = RecoveryJournal(folder)
        entry = journal.new_entry()
        journal.write(entry, small_map(1), title="Plan", original_path=Path(folder) / "plan.journey.json", base=None)
        data = entry.file.read_bytes()
        journal.remove(entry)
    return data


SEED = seed_entry()


@examples("journal")
@given(data=st.data())
def test_a_damaged_journal_entry_is_listed_and_restores_or_says_why(qapp, data) -> None:
    if data.draw(st.booleans(), label="bytes"):
        raw = damage_bytes(data, SEED)
    else:
        raw = json.dumps(damage_values(data, json.loads(SEED)), ensure_ascii=False).encode("utf-8", "surrogatepass")
    with tempfile.TemporaryDirectory() as folder:
        journal = RecoveryJournal(folder)
        file = Path(folder) / f"0123456789abcdef{ENTRY_SUFFIX}"
        file.write_bytes(raw)
        entries = journal.entries()
        assert len(entries) == 1
        entry = entries[0]
        entry.describe()  # the prompt's line never raises
        try:
            m = entry.load_map()
        except MapFileError as err:
            event("refused: " + ("listed with a problem" if entry.problem else "on restore"))
            check_refusal(err, str(file))
        else:
            event("restored")
            check_accepted(m)


def test_a_journal_entry_nested_too_deep_is_listed_as_damaged(qapp, tmp_path):
    """Found by `make fuzz`: 3,000 nested brackets raised RecursionError out of the listing."""
    file = tmp_path / f"0123456789abcdef{ENTRY_SUFFIX}"
    file.write_bytes(b"[" * 3000 + SEED)
    (entry,) = RecoveryJournal(tmp_path).entries()
    assert "damaged" in entry.problem
