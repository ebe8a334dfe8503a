"""The palette dock: one entry per card kind with its swatch, drag MIME data, activation."""

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QDrag

from app.model.palette import KIND_FILL, KIND_LABEL, KIND_STRIPE
from app.model.schema import CardKind
from app.widgets.docks.card_kinds import CARD_KIND_MIME, PalettePanel, kind_from_mime, kind_mime_data


@pytest.fixture
def panel(qtbot):
    p = PalettePanel()
    qtbot.addWidget(p)
    p.resize(240, 400)
    p.show()
    qtbot.waitExposed(p)
    return p


def row_pos(panel, row):
    return panel.list.visualItemRect(panel.list.item(row)).center()


def test_one_entry_per_kind_with_its_swatch(panel):
    assert panel.kinds() == [k.value for k in CardKind]
    for row, kind in enumerate(CardKind):
        item = panel.list.item(row)
        assert item.text() == KIND_LABEL[kind]
        image = item.icon().pixmap(36, 24).toImage()
        assert image.pixelColor(1, 12).name().upper() == KIND_STRIPE[kind].upper()
        assert image.pixelColor(24, 12).name().upper() == KIND_FILL[kind].upper()


def test_mime_data_holds_the_kind_value():
    data = kind_mime_data(CardKind.PAIN)
    assert data.hasFormat(CARD_KIND_MIME)
    assert bytes(data.data(CARD_KIND_MIME).data()) == b"pain"
    assert data.text() == "Pain point"
    assert kind_from_mime(data) is CardKind.PAIN
    assert kind_from_mime(kind_mime_data("note")) is CardKind.NOTE
    bogus = QMimeData()
    bogus.setData(CARD_KIND_MIME, b"spaceship")
    assert kind_from_mime(bogus) is None
    text_only = QMimeData()
    text_only.setText("pain")
    assert kind_from_mime(text_only) is None
    with pytest.raises(ValueError):
        kind_mime_data("spaceship")


def test_dragging_an_entry_starts_a_drag_with_the_kind(panel, qtbot, monkeypatch):
    started = []

    def fake_exec(drag, *args):
        started.append((bytes(drag.mimeData().data(CARD_KIND_MIME).data()), args, drag.pixmap().isNull()))
        return Qt.DropAction.CopyAction

    monkeypatch.setattr(QDrag, "exec", fake_exec)
    panel.list.setCurrentRow(4)
    panel.list.startDrag(Qt.DropAction.CopyAction)
    assert started == [(b"opportunity", (Qt.DropAction.CopyAction,), False)]
    assert kind_from_mime(panel.list.mimeData([panel.list.item(3)])) is CardKind.PAIN
    assert panel.list.mimeTypes() == [CARD_KIND_MIME]


def test_double_click_and_enter_emit_kind_activated(panel, qtbot):
    with qtbot.waitSignal(panel.kindActivated, timeout=1000) as blocker:
        # a double-click is a press and release followed by a second press that Qt reports as one
        qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=row_pos(panel, 2))
        qtbot.mouseDClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=row_pos(panel, 2))
    assert blocker.args == ["thought"]
    panel.list.setFocus()
    panel.list.setCurrentRow(6)
    with qtbot.waitSignal(panel.kindActivated, timeout=1000) as blocker:
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert blocker.args == ["note"]


def test_a_single_click_only_chooses(panel, qtbot):
    got = []
    panel.kindActivated.connect(got.append)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=row_pos(panel, 1))
    assert panel.list.currentRow() == 1
    assert got == []
