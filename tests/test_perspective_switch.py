"""View > Perspective on the real window (issue 11, item 5): Customer, Internal and Both, by the
menu and by the keys; what the canvas's card, curve and divergence items then draw; the legend;
the choice kept by the window across maps and not saved in the map; and the PDF's
``journeymap export --perspective``."""

from __future__ import annotations

import json
import re

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from app.cli import main
from app.model import commands as cmd
from app.model.divergence import curve_divergences
from app.model.events import Entity
from app.model.palette import GAP_MARK, blend
from app.model.style import DIVERGENCE_ALPHA
from app.widgets.perspective import SHORTCUTS
from tests.main_window_support import Windows, action_for, all_actions, press
from tests.pdf_support import needs_poppler, pdftotext

CHIP = re.compile(r"\b([CI]) [1-5–]/[1-5–]")


@pytest.fixture
def windows(qtbot, tmp_path) -> Windows:
    return Windows(qtbot, tmp_path)


@pytest.fixture
def window(windows):
    return windows.make(path=windows.copy_example())


def perspective_action(window, view: str):
    (act,) = [a for a in all_actions(window) if a.objectName() == f"perspective_{view}"]
    return act


def painted(scene) -> None:
    """Paint the whole scene once at half size (cards in detail), so every card makes its drawing
    objects as on screen."""
    rect = scene.layout.bounds
    image = QImage(int(rect.w / 2) + 1, int(rect.h / 2) + 1, QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), QRectF(rect.x, rect.y, rect.w, rect.h))
    painter.end()


def drawn_texts(scene) -> list[str]:
    """The mark texts every card item draws (its text painter's runs: title, body, marks)."""
    painted(scene)
    out = []
    for item in scene.card_items.values():
        out += [run[3] for run in item._look.text._runs]
    return out


def chips(scene) -> set[str]:
    return {m.group(1) for text in drawn_texts(scene) for m in [CHIP.match(text)] if m}


def shown_curves(scene) -> set[str]:
    return {cid for cid, item in scene.curve_items.items() if item.isVisible()}


def curves_of(window, *perspectives: str) -> set[str]:
    return {c.id for c in window.doc.map.curves if c.visible and c.perspective.value in perspectives}


# ------------------------------------------------------------------ the menu
def test_view_perspective_offers_three_radio_entries(window):
    menu = window.view_menu
    (sub,) = [
        a.menu()
        for a in menu.actions()
        if a.menu() is not None and a.menu().objectName() == "perspectiveMenu"
    ]
    acts = sub.actions()
    assert [a.objectName() for a in acts] == [
        "perspective_customer",
        "perspective_internal",
        "perspective_both",
    ]
    assert [a.text() for a in acts] == ["&Customer", "&Internal", "&Both"]
    assert all(a.isCheckable() for a in acts) and acts[0].actionGroup().isExclusive()
    assert [a.isChecked() for a in acts] == [False, False, True]  # both by default
    for view, key in SHORTCUTS.items():
        assert action_for(window, key) is perspective_action(window, view)
        assert window.actions_by_name[f"perspective_{view}"] is perspective_action(window, view)
    assert window.scene.perspective == "both"


def test_customer_shows_the_customer_chips_and_curves_only(window):
    scene = window.scene
    assert chips(scene) == {"C", "I"} and shown_curves(scene) == curves_of(
        window, "customer", "internal", "to_be"
    )
    rebuilds = scene.rebuilds

    perspective_action(window, "customer").trigger()

    assert scene.perspective == "customer" and perspective_action(window, "customer").isChecked()
    assert chips(scene) == {"C"}
    assert not any(t.startswith("gap") for t in drawn_texts(scene))
    assert shown_curves(scene) == curves_of(window, "customer") != set()
    assert not scene.divergence_item.isVisible()
    assert scene.rebuilds == rebuilds  # redrawn, not laid out again
    assert "Customer" in window.statusBar().currentMessage()


def test_internal_shows_the_internal_chips_and_curves_only(window):
    perspective_action(window, "internal").trigger()
    assert chips(window.scene) == {"I"}
    assert shown_curves(window.scene) == curves_of(window, "internal") != set()
    assert not window.scene.divergence_item.isVisible()


def test_both_highlights_the_differences(window):
    scene = window.scene
    perspective_action(window, "customer").trigger()
    perspective_action(window, "both").trigger()
    texts = drawn_texts(scene)
    assert chips(scene) == {"C", "I"}
    gapped = [c for c in window.doc.map.cards if any(mk.kind == "gap" for mk in _marks(scene, c.id))]
    assert len(gapped) == 8 and texts.count("gap 2") == 8  # the example's cards 2 points apart
    quote = scene.card_items["card-purchase-quote"]  # C 5/2, I 3/4: outlined in the gap colour
    pens = {o.color().name().upper() for _, _, o in quote._look.marks if o.style() != 0}
    assert GAP_MARK in pens
    item = scene.divergence_item
    assert item.isVisible() and item.marks == tuple(curve_divergences(scene.layout))
    assert [(d.persona_id, d.stage_id, d.line.text) for d in item.marks] == [
        ("p-renata", "st-purchase", "gap 2"), ("p-renata", "st-deliver", "gap 3"),
        ("p-kenji", "st-deliver", "gap 4"), ("p-kenji", "st-fix", "gap 3"),
    ]  # fmt: skip
    # the band is painted where the model put it, in the gap colour
    d = item.marks[1]
    image = QImage(40, 40, QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    scene.render(painter, QRectF(0, 0, 40, 40), QRectF(d.rect.cx - 1, d.rect.cy - 1, 2, 2))
    painter.end()
    band = blend(GAP_MARK, "#FFFFFF", DIVERGENCE_ALPHA)
    assert image.pixelColor(20, 20).name().upper() == band


def _marks(scene, card_id):
    from app.model.layout import card_marks

    geo = scene.layout.card(card_id)
    return card_marks(scene.doc.card(card_id), geo.rect.w, geo.rect.h, scene.perspective)


def test_the_keys_switch_the_perspective(window, qtbot):
    window.view.setFocus()
    press(qtbot, window.view, "Alt+1")
    assert window.scene.perspective == "customer" and perspective_action(window, "customer").isChecked()
    press(qtbot, window.view, "Alt+2")
    assert window.scene.perspective == "internal" and perspective_action(window, "internal").isChecked()
    press(qtbot, window.view, "Alt+3")
    assert window.scene.perspective == "both" and perspective_action(window, "both").isChecked()


# ------------------------------------------------------------------ following edits
def test_an_edit_is_drawn_in_the_chosen_perspective(window):
    scene = window.scene
    perspective_action(window, "internal").trigger()
    window.context.push(cmd.Edit(Entity.CARD, "card-use-qbr", {"importance_internal": 1}))
    painted(scene)
    texts = [run[3] for run in scene.card_items["card-use-qbr"]._look.text._runs]
    assert "I 1/4" in texts and not any(t.startswith(("C ", "gap")) for t in texts)
    perspective_action(window, "both").trigger()
    texts = [run[3] for run in (painted(scene) or scene.card_items["card-use-qbr"]._look.text._runs)]
    assert {"C 4/4", "I 1/4", "gap 3"} <= set(texts)


def test_hiding_a_curve_in_the_legend_drops_its_divergences(window):
    scene = window.scene
    assert {d.persona_id for d in scene.divergence_item.marks} == {"p-renata", "p-kenji"}
    window.legend.set_visible("cv-kenji-internal", False)
    assert {d.persona_id for d in scene.divergence_item.marks} == {"p-renata"}
    window.session.undo_stack.undo()
    assert {d.persona_id for d in scene.divergence_item.marks} == {"p-renata", "p-kenji"}


def test_the_legend_greys_the_curves_the_perspective_hides(window):
    legend = window.legend
    assert all(label.isEnabled() for _, _, label in legend.rows.values())
    perspective_action(window, "customer").trigger()
    greyed = {cid for cid, (_, _, label) in legend.rows.items() if not label.isEnabled()}
    assert greyed == {c.id for c in window.doc.map.curves if c.perspective.value != "customer"}
    _, check, label = legend.rows["cv-kenji-internal"]
    assert check.isChecked() and "Perspective" in label.toolTip()  # its own visibility stays as it was


# ------------------------------------------------------------------ the window's, not the map's
def test_the_window_keeps_the_perspective_across_maps_and_the_file_does_not(windows, window, tmp_path):
    perspective_action(window, "internal").trigger()
    other = windows.copy_example("other.journey.json")
    assert window.session.open(other)
    assert window.scene.perspective == "internal" and perspective_action(window, "internal").isChecked()
    assert chips(window.scene) == {"I"}
    window.session.save_as(tmp_path / "saved.journey.json")
    data = json.loads((tmp_path / "saved.journey.json").read_text(encoding="utf-8"))
    assert "perspective" not in data and "view" not in data
    fresh = windows.make(path=windows.copy_example("third.journey.json"))
    assert fresh.scene.perspective == "both" and perspective_action(fresh, "both").isChecked()  # its own


# ------------------------------------------------------------------ the PDF
@needs_poppler
@pytest.mark.parametrize(
    ("view", "letters", "gaps"),
    [("customer", {"C"}, False), ("internal", {"I"}, False), ("both", {"C", "I"}, True)],
)
def test_export_perspective(windows, tmp_path, view, letters, gaps):
    out = tmp_path / f"{view}.pdf"
    args = ["export", str(windows.copy_example()), "-o", str(out), "--perspective", view, "--no-notes"]
    assert main(args) == 0
    text = pdftotext(out)
    found = {m.group(1) for m in CHIP.finditer(text)}
    assert found == letters
    assert ("gap 2" in text and "gap 4" in text) == gaps  # card badges; a curve divergence of 4
    assert ("Internal rating" in text, "Customer rating" in text) == (
        "I" in letters,
        "C" in letters,
    )  # legend


def test_export_perspective_default_and_errors(windows, tmp_path, capsys):
    from app.io.pdf import PrintOptions, options_from_flags
    from app.widgets.export.picture import ImageError, ImageOptions

    assert PrintOptions().perspective == "both" and options_from_flags().perspective == "both"
    assert ImageOptions().perspective == "both"
    assert (
        main(["export", str(windows.copy_example()), "-o", str(tmp_path / "x.pdf"), "--perspective", "all"])
        != 0
    )
    assert "invalid choice: 'all'" in capsys.readouterr().err
    with pytest.raises(ImageError, match="perspective 'all'"):
        ImageOptions(perspective="all").validate()


@pytest.mark.parametrize(
    ("view", "letters", "gaps"),
    [("customer", {"C"}, False), ("internal", {"I"}, False), ("both", {"C", "I"}, True)],
)
def test_export_svg_perspective(windows, tmp_path, view, letters, gaps):
    out = tmp_path / f"{view}.svg"
    assert main(["export", str(windows.copy_example()), "-o", str(out), "--perspective", view]) == 0
    text = out.read_text(encoding="utf-8")
    assert {m.group(1) for m in CHIP.finditer(text)} == letters
    assert (">gap 2<" in text and ">gap 4<" in text) == gaps


def test_export_png_perspective(windows, tmp_path):
    source = windows.copy_example()
    sizes = {}
    for view in ("customer", "both", "customer"):
        out = tmp_path / f"{view}.png"
        assert (
            main(["export", str(source), "-o", str(out), "--perspective", view, "--dpi", "36", "--force"])
            == 0
        )
        sizes.setdefault(view, set()).add(out.read_bytes())
    assert len(sizes["customer"]) == 1 and sizes["customer"] != sizes["both"]  # the same picture each time


def test_file_export_prints_the_perspective_the_window_shows(window, monkeypatch):
    from app.widgets.export.dialog import ExportDialog

    seen = []
    monkeypatch.setattr(
        ExportDialog, "exec", lambda self: (seen.append(self.print_options().perspective), self.reject())
    )
    for view in ("customer", "internal", "both"):
        perspective_action(window, view).trigger()
        window.actions_by_name["export"].trigger()
    assert seen == ["customer", "internal", "both"]


def test_new_curve_points_go_to_a_curve_the_perspective_shows(window):
    active = window.curve_tool.active
    active.set("cv-kenji-internal")
    perspective_action(window, "customer").trigger()
    assert active.id(window.doc) == "cv-kenji-customer"  # the same persona's, shown
    perspective_action(window, "both").trigger()
    assert active.id(window.doc) == "cv-kenji-customer"  # shown in both: kept
    active.set("cv-kenji-to-be")
    perspective_action(window, "internal").trigger()
    assert active.id(window.doc) == "cv-kenji-internal"
    point = window.curve_tool.add_point("st-use", 0.7, -2.0)
    assert point in {p.id for p in window.doc.get(Entity.CURVE, "cv-kenji-internal").points}
    assert window.scene.curve_items["cv-kenji-internal"].isVisible()
