"""Dark mode (issue 9, item 11): the canvas's light and dark themes, View > Theme on the real
window, the widgets' palette, and print and picture export staying light."""

from __future__ import annotations

import math

import pytest
from PySide6 import QtCore
from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage, QPalette
from PySide6.QtWidgets import QApplication

from app.model import palette
from app.model.schema import Card, CardKind, LaneType
from app.widgets import appearance
from app.widgets.canvas.theme import (
    ACCENT_MIN_L,
    DARK,
    LIGHT,
    MIN_CONTRAST,
    contrast,
    dark_accent,
    dark_surface,
    readable,
    text_pairs,
    to_oklab,
)
from app.widgets.canvas.view import BACKGROUND
from app.widgets.export.picture import ImageOptions, export_image
from tests.main_window_support import Windows, all_actions
from tests.model_factory import small_map


def _hue(hex_colour: str) -> float:
    _, a, b = to_oklab(hex_colour)
    return math.degrees(math.atan2(b, a))


# ------------------------------------------------------------------ colours (no Qt)
@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_every_text_on_the_canvas_reads(theme):
    """WCAG AA (4.5:1) for every text and fill pair the canvas draws: headers, title, card text
    of every kind, scale labels and the line of visibility's label on every lane type, links."""
    pairs = text_pairs(theme)
    kinds = {what.split()[1] for what, _, _ in pairs if what.startswith("card ")}
    assert kinds == {k.value for k in CardKind}
    assert sum(what.startswith("scale label") for what, _, _ in pairs) == len(LaneType)
    low = [(what, fg, bg, round(contrast(fg, bg), 2)) for what, fg, bg in pairs if contrast(fg, bg) < MIN_CONTRAST]
    assert not low


def test_light_theme_draws_the_model_colours():
    """The light theme is today's canvas (and the print): no colour changes."""
    for kind in CardKind:
        card = Card(id="c", stage_id="s", lane_id="l", title="t", kind=kind)
        assert LIGHT.card_fill(card) == palette.KIND_FILL[kind]
        assert LIGHT.card_text(card)["title"] == palette.INK
    assert LIGHT.header_fill == palette.HEADER_FILL and LIGHT.background == BACKGROUND


def test_dark_colours_are_derived_from_the_palette():
    """Every kind (a new one too) gets a dark fill of its own hue from the transform, and a
    stripe bright enough on it; lane fills and the header go dark, text light."""
    for kind in CardKind:
        light_fill, dark_fill = palette.KIND_FILL[kind], dark_surface(palette.KIND_FILL[kind])
        assert to_oklab(dark_fill)[0] < 0.4 < to_oklab(light_fill)[0]
        delta = abs((_hue(dark_fill) - _hue(light_fill) + 180) % 360 - 180)
        assert delta < 12, (kind, light_fill, dark_fill)
        assert to_oklab(dark_accent(palette.KIND_STRIPE[kind]))[0] >= ACCENT_MIN_L - 0.005  # rounded to 8 bits
    for lane_type in LaneType:
        assert to_oklab(DARK.lane_fill(lane_type))[0] < 0.4
    assert to_oklab(DARK.header_fill)[0] < 0.4
    assert to_oklab(DARK.text(palette.INK, DARK.header_fill))[0] > 0.8
    assert to_oklab(DARK.link)[0] > 0.6  # links light grey


def test_readable_moves_a_colour_only_as_far_as_it_must():
    assert readable("#1A1A1A", "#FFFFFF") == "#1A1A1A"  # already fine: unchanged
    grey = readable("#777777", "#222222")
    assert contrast(grey, "#222222") == pytest.approx(MIN_CONTRAST, abs=0.1)
    assert to_oklab(grey)[0] > to_oklab("#777777")[0]  # lighter, on dark
    assert contrast(readable("#AAAAAA", "#FFFFFF"), "#FFFFFF") >= MIN_CONTRAST  # darker, on light


# ------------------------------------------------------------------ the window
@pytest.fixture
def windows(qtbot, tmp_path):
    yield Windows(qtbot, tmp_path)
    for controller in appearance.live_controllers():  # the app palette is the process's
        controller.choice = "light"
    appearance.apply_widget_palette(False)


def _theme_action(window, choice: str):
    matches = [a for a in all_actions(window) if a.objectName() == f"theme_{choice}"]
    assert len(matches) == 1
    return matches[0]


def _viewport_image(window) -> QImage:
    QApplication.processEvents()
    return window.view.viewport().grab().toImage()


def _card_region(window, image: QImage, card_id: str):
    item = window.scene.card_item(card_id)
    rect = window.view.mapFromScene(item.sceneBoundingRect()).boundingRect()
    ratio = image.devicePixelRatio()
    return [
        image.pixelColor(round(x * ratio), round(y * ratio)).lightness()
        for y in range(rect.top() + 3, rect.bottom() - 2)
        for x in range(rect.left() + 8, rect.right() - 2)
    ]


def test_view_theme_dark_turns_the_canvas_dark(windows, qtbot):
    window = windows.make(small_map(1))
    window.view.fit_map()
    card_id = "c-s0-l-act-0"
    outside = window.view.mapFromScene(window.scene.map_rect().topLeft() - QPointF(8, 8))
    before = _viewport_image(window)
    ratio = before.devicePixelRatio()
    at = (round(outside.x() * ratio), round(outside.y() * ratio))
    assert before.pixelColor(*at).name().upper() == BACKGROUND  # light: today's background
    rebuilds = window.scene.rebuilds

    _theme_action(window, "dark").trigger()
    after = _viewport_image(window)

    assert window.scene.theme is DARK and _theme_action(window, "dark").isChecked()
    assert window.scene.rebuilds == rebuilds  # repainted, not rebuilt
    assert after.pixelColor(*at).lightness() < 70  # the map's surroundings
    light_card, dark_card = _card_region(window, before, card_id), _card_region(window, after, card_id)
    dark_fill = sorted(dark_card)[len(dark_card) // 2]  # most of a card is its fill ...
    assert dark_fill < 70 < sorted(light_card)[len(light_card) // 2]
    assert max(dark_card) > 180  # ... and its title and body are light on it

    _theme_action(window, "light").trigger()
    assert _viewport_image(window).pixelColor(*at).name().upper() == BACKGROUND


def test_the_card_kinds_swatches_follow_the_canvas_theme(windows):
    window = windows.make(small_map(1))
    kinds = window.docks.palette.list

    def swatch_fill(row: int):
        image = kinds.item(row).icon().pixmap(36, 24).toImage()
        return image.pixelColor(image.width() - 4, image.height() // 2)  # the fill, off the stripe

    light = [swatch_fill(r).lightness() for r in range(kinds.count())]
    _theme_action(window, "dark").trigger()
    dark = [swatch_fill(r).lightness() for r in range(kinds.count())]
    assert min(light) > 180 and max(dark) < 90  # as the cards they add look on the dark canvas
    kind = CardKind(kinds.item(0).data(QtCore.Qt.ItemDataRole.UserRole))
    assert swatch_fill(0).name().upper() == DARK.surface(palette.KIND_FILL[kind]).upper()
    _theme_action(window, "light").trigger()
    assert [swatch_fill(r).lightness() for r in range(kinds.count())] == light


def test_theme_choice_is_kept_for_the_next_window(windows):
    first = windows.make(small_map(1))
    _theme_action(first, "dark").trigger()
    assert windows.settings().value(appearance.SETTINGS_KEY) == "dark"
    second = windows.make(small_map(1))
    assert second.scene.theme is DARK and _theme_action(second, "dark").isChecked()
    _theme_action(second, "system").trigger()
    assert first.scene.theme is second.scene.theme  # one choice for the process's windows


def test_dark_theme_darkens_the_widgets_where_the_platform_does_not(windows):
    app = QApplication.instance()
    window = windows.make(small_map(1))
    if not appearance._light(app.palette()):
        pytest.skip("the platform palette is dark already")
    _theme_action(window, "dark").trigger()
    assert app.palette().color(QPalette.ColorRole.Window).lightness() < 100
    assert app.palette().color(QPalette.ColorRole.Text).lightness() > 180
    _theme_action(window, "light").trigger()
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > 150


def test_png_export_stays_light_with_the_dark_canvas(windows, tmp_path):
    """The picture is the print's colours: the export draws a scene of its own, always light."""
    window = windows.make(small_map(1))
    _theme_action(window, "dark").trigger()
    assert window.scene.theme is DARK
    export_image(window.doc, tmp_path / "m.png", ImageOptions(dpi=72))
    image = QImage(str(tmp_path / "m.png"))
    assert not image.isNull()
    assert image.pixelColor(2, 2).lightness() > 240  # the title band: white paper
    lay = window.scene.layout
    card = lay.card("c-s0-l-act-0").rect
    x, y = round(card.x - lay.bounds.x + card.w - 4), round(card.y - lay.bounds.y + card.h - 3)
    assert image.pixelColor(x, y).name().upper() == palette.KIND_FILL[CardKind.TOUCHPOINT]
