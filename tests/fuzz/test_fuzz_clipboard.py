"""Fuzz target: clipboard payloads (what another window or program put on the clipboard).
Damaged card payloads, their bytes, and any plain text either paste as one undo step that keeps
the map valid (and undo restores it exactly), or paste nothing and leave the map as it was."""

from __future__ import annotations

import json

from hypothesis import event, given
from hypothesis import strategies as st
from PySide6.QtCore import QByteArray, QMimeData
from PySide6.QtGui import QUndoStack

from app.io.jsonfile import dumps_map, loads_map
from app.model.document import Document
from app.widgets.canvas.clipboard import CARDS_MIME, cards_payload, paste_command, payload_from
from app.widgets.undo import push
from tests.model_factory import small_map

from .conftest import examples
from .damage import LONG, damage_bytes, damage_values

TEXT = st.text(max_size=300) | st.sampled_from(["a\x01b\nc", "\r\n\r\n", "<img src=x>\n&", "😀\u2028z"]) | LONG


def valid_payload() -> bytes:
    doc = Document(small_map())
    ids = [c.id for c in doc.map.cards[:4]]
    return json.dumps(cards_payload(doc, ids), ensure_ascii=False).encode("utf-8")


SEED = json.loads(valid_payload())


def mime(data) -> QMimeData:
    out = QMimeData()
    kind = data.draw(st.sampled_from(["values", "bytes", "text", "both"]), label="kind")
    if kind in ("values", "both"):
        tree = damage_values(data, SEED)
        out.setData(CARDS_MIME, QByteArray(json.dumps(tree, ensure_ascii=False).encode("utf-8", "surrogatepass")))
    elif kind == "bytes":
        out.setData(CARDS_MIME, QByteArray(damage_bytes(data, valid_payload())))
    if kind in ("text", "both"):
        out.setText(data.draw(TEXT, label="text"))
    return out


@examples("clipboard")
@given(data=st.data())
def test_any_clipboard_pastes_whole_or_not_at_all(qapp, data) -> None:
    doc = Document(small_map())
    before = dumps_map(doc.map)
    stack = QUndoStack()
    payload = payload_from(mime(data))
    if payload is None:
        event("nothing to paste")
        return
    index = data.draw(st.none() | st.integers(-3, 10), label="index")
    command, ids = paste_command(doc, payload, "s1", "l-touch", index)
    if push(stack, doc, command):
        event("pasted")
        after = dumps_map(doc.map)
        loads_map(after, "after-paste.journey.json")  # a valid map: saves and loads again
        assert [c.id for c in doc.cell_cards("s1", "l-touch") if c.id in set(ids)] == ids  # in order, together
        stack.undo()
        assert dumps_map(doc.map) == before
        stack.redo()
        assert dumps_map(doc.map) == after
    else:
        event("refused")
        assert dumps_map(doc.map) == before and stack.count() == 0


def test_a_clipboard_payload_nested_too_deep_pastes_nothing(qapp):
    """Found by `make fuzz`: 3,000 nested brackets raised RecursionError out of a paste."""
    data = QMimeData()
    data.setData(CARDS_MIME, QByteArray(b"[" * 3000 + valid_payload()))
    assert payload_from(data) is None
