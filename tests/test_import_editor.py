"""File > Import as New Map…, Import into This Map… and Export Data… in the editor, through the
menu actions (file dialogs and message boxes monkeypatched): a CSV opens as a new untitled map or
adds to the open one as ONE undo step; a bad file shows one message box with the one-line error
and changes nothing; the box can import the good rows; Export Data writes the registry's formats."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.io.formats.csv_export import write_csv
from app.io.jsonfile import dumps_map
from tests.main_window_support import Windows
from tests.model_factory import small_map


@pytest.fixture
def windows(qtbot, tmp_path):
    return Windows(qtbot, tmp_path)


class Boxes:
    """Message boxes shown (instead of run): text, informative text, buttons; ``click`` names the
    button to press in each (None: closed)."""

    def __init__(self, monkeypatch, click: str | None = None):
        self.shown: list[dict] = []
        self.click = click
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self._exec(box))

    def _exec(self, box: QMessageBox) -> int:
        buttons = [b.text() for b in box.buttons()]
        self.shown.append({"text": box.text(), "informative": box.informativeText(), "buttons": buttons})
        if self.click is not None:
            for button in box.buttons():
                if button.text() == self.click:
                    button.click()
        return 0


def choose_file(monkeypatch, path: Path) -> list[str]:
    captions: list[str] = []

    def fake(parent, caption, folder, filters):
        captions.append(filters)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake)
    return captions


def sheet(tmp_path: Path, text: str, name: str = "sheet.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8-sig")
    return path


def test_the_file_menu_offers_import_and_export_data(windows) -> None:
    window = windows.make(small_map())
    names = [a.objectName() for a in window.menuBar().actions()[0].menu().actions()]
    assert {"import_new", "import_into", "export", "export_data"} <= set(names)
    assert names.index("import_new") < names.index("import_into") < names.index("export") < names.index("export_data")


def test_import_as_new_map(windows, tmp_path, monkeypatch) -> None:
    window = windows.make(small_map())
    path = sheet(tmp_path, "Phase;Swimlane;Touchpoint\nSuchen;Kunde;Preisvergleich\n;Kunde;Café\n", "touchpoints.csv")
    filters = choose_file(monkeypatch, path)
    window.actions_by_name["import_new"].trigger()
    m = window.session.doc.map
    assert (m.title, [s.name for s in m.stages], [c.title for c in m.cards]) == (
        "touchpoints", ["Suchen"], ["Preisvergleich", "Café"])  # fmt: skip
    assert window.session.path is None
    assert window.scene.card_item(m.cards[0].id) is not None  # on the canvas
    assert "*.csv" in filters[0] and "*.mmd" in filters[0]
    assert "touchpoints.csv" in window.statusBar().currentMessage()


def test_import_into_this_map_is_one_undo_step(windows, tmp_path, monkeypatch) -> None:
    window = windows.make(small_map())
    session = window.session
    before, steps = dumps_map(session.doc.map), session.undo_stack.count()
    choose_file(monkeypatch, sheet(tmp_path, "Step,Lane,Title\nstage 1,actions,Added\nLater,Touchpoints,New\n"))
    window.actions_by_name["import_into"].trigger()
    m = session.doc.map
    assert [s.name for s in m.stages] == ["Stage 0", "Stage 1", "Stage 2", "Later"]
    added = next(c for c in m.cards if c.title == "Added")
    assert (added.stage_id, added.lane_id) == ("s1", "l-act")
    assert window.scene.card_item(added.id) is not None
    assert session.undo_stack.count() == steps + 1
    assert session.undo_stack.undoText() == "Import sheet.csv"
    assert window.statusBar().currentMessage() == "Added 2 cards, 1 stage from sheet.csv"
    session.undo_stack.undo()
    assert dumps_map(session.doc.map) == before
    session.undo_stack.redo()
    assert len(session.doc.map.cards) == len(small_map().cards) + 2


def test_import_into_of_the_maps_own_export_adds_the_cards_again(windows, tmp_path, monkeypatch) -> None:
    window = windows.make(small_map())
    path = tmp_path / "own.csv"
    path.write_bytes(write_csv(small_map()))
    choose_file(monkeypatch, path)
    window.actions_by_name["import_into"].trigger()
    assert len(window.session.doc.map.cards) == 2 * len(small_map().cards)
    assert len(window.session.doc.map.stages) == 3


def test_a_bad_file_shows_one_box_with_the_one_line_error_and_changes_nothing(windows, tmp_path, monkeypatch) -> None:
    window = windows.make(small_map())
    session = window.session
    before, steps = dumps_map(session.doc.map), session.undo_stack.count()
    path = sheet(tmp_path, "stage,lane,title,importance_customer\nA,B,ok,2\nA,B,C,7\n")
    choose_file(monkeypatch, path)
    boxes = Boxes(monkeypatch)
    window.actions_by_name["import_into"].trigger()
    window.actions_by_name["import_new"].trigger()
    line = f"{path}: row 3, column 'importance_customer': rating 7 is out of range 1..5"
    assert [b["text"] for b in boxes.shown] == [line, line]
    assert boxes.shown[0]["informative"] == "Nothing was imported."
    assert "&Skip Bad Rows" in boxes.shown[0]["buttons"]
    assert dumps_map(session.doc.map) == before and session.undo_stack.count() == steps


def test_a_broken_file_offers_no_skipping(windows, tmp_path, monkeypatch) -> None:
    window = windows.make(small_map())
    path = tmp_path / "missing.csv"
    choose_file(monkeypatch, path)
    boxes = Boxes(monkeypatch, click="&Skip Bad Rows")
    window.actions_by_name["import_new"].trigger()
    assert boxes.shown == [{"text": f"{path}: cannot read: no such file", "informative": "Nothing was imported.",
                            "buttons": ["Close"]}]  # fmt: skip
    assert window.session.doc.map.title == "Test map"


def test_skip_bad_rows_from_the_box_imports_the_good_ones_and_lists_the_bad(windows, tmp_path, monkeypatch) -> None:
    window = windows.make(small_map())
    path = sheet(tmp_path, "stage,lane,title,kind\nA,B,good,\nA,B,bad,banana\nA,B,fine,note\n")
    choose_file(monkeypatch, path)
    boxes = Boxes(monkeypatch, click="&Skip Bad Rows")
    window.actions_by_name["import_into"].trigger()
    titles = [c.title for c in window.session.doc.map.cards]
    assert "good" in titles and "fine" in titles and "bad" not in titles
    assert len(boxes.shown) == 2
    assert boxes.shown[1]["text"] == "Skipped 1 bad row of sheet.csv:"
    assert boxes.shown[1]["informative"] == (f"{path}: row 3, column 'kind': unknown kind 'banana' "
                                             "(one of touchpoint, action, thought, pain, opportunity, process, note)")  # fmt: skip
    assert window.statusBar().currentMessage() == "Added 2 cards, 1 stage, 1 lane from sheet.csv (1 bad row skipped)"


def test_export_data_writes_csv_adding_the_filters_suffix(windows, tmp_path, monkeypatch) -> None:
    window = windows.make(small_map())
    seen: list[str] = []

    def fake(parent, caption, suggested, filters):
        seen.append(filters)
        return str(tmp_path / "out"), "CSV spreadsheet (*.csv)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    window.actions_by_name["export_data"].trigger()
    out = tmp_path / "out.csv"
    assert out.read_bytes() == write_csv(window.session.doc.map)
    assert seen[0].split(";;")[0] == "CSV spreadsheet (*.csv)"
    assert window.statusBar().currentMessage() == "Exported out.csv"


def test_export_data_failure_is_one_box(windows, tmp_path, monkeypatch) -> None:
    window = windows.make(small_map())
    target = tmp_path / "no such folder" / "out.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    boxes = Boxes(monkeypatch)
    window.actions_by_name["export_data"].trigger()
    assert boxes.shown == [{"text": f"{target}: cannot write: no such file", "informative": "Nothing was written.",
                            "buttons": ["Close"]}]  # fmt: skip
    assert not target.parent.exists()


def test_export_data_over_a_map_keeps_it_as_bak(windows, tmp_path, monkeypatch) -> None:
    from app.io.mapsave import save_map

    window = windows.make(small_map())
    target = tmp_path / "plan.csv"  # a journey map saved under a .csv name, replaced after the dialog asked
    save_map(small_map(), target)
    original = target.read_bytes()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), "CSV spreadsheet (*.csv)"))
    window.actions_by_name["export_data"].trigger()
    assert (tmp_path / "plan.csv.bak").read_bytes() == original
    assert target.read_bytes().startswith(b"\xef\xbb\xbfcard_id")
