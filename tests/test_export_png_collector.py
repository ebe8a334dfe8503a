"""A PNG export pauses Python's cyclic garbage collector while it builds the scene and draws the
bands (app/widgets/export/picture.py: full collections over a big map's objects cost ~0.25 s of
an export), and gives it back as it found it: on, off, and after an error."""

from __future__ import annotations

import gc

import pytest

from app.widgets.export import picture as ie
from app.widgets.export.picture import ImageError, ImageOptions, export_image, make_scene
from tests.model_factory import small_map


@pytest.fixture(autouse=True)
def _qt(qapp):
    return qapp


@pytest.fixture
def collector():
    """The collector's state is the test's to set; it is on again afterwards."""
    yield
    gc.enable()


def _watch(monkeypatch) -> list[tuple[str, bool]]:
    """Whether the collector was on when the scene was made and when the picture was drawn."""
    seen: list[tuple[str, bool]] = []
    make, render = ie.make_scene, ie.render_png

    def watched_make(source):
        seen.append(("scene", gc.isenabled()))
        return make(source)

    def watched_render(scene, rect, opts):
        seen.append(("render", gc.isenabled()))
        return render(scene, rect, opts)

    monkeypatch.setattr(ie, "make_scene", watched_make)
    monkeypatch.setattr(ie, "render_png", watched_render)
    return seen


def test_the_collector_is_paused_while_the_png_is_made_and_on_again_after(tmp_path, monkeypatch, collector):
    seen = _watch(monkeypatch)
    gc.enable()
    result = export_image(small_map(), tmp_path / "map.png", ImageOptions(dpi=30))
    assert result.path.stat().st_size > 0
    assert seen == [("scene", False), ("render", False)]
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off(tmp_path, monkeypatch, collector):
    seen = _watch(monkeypatch)
    gc.disable()
    export_image(small_map(), tmp_path / "map.png", ImageOptions(dpi=30))
    assert seen == [("scene", False), ("render", False)]
    assert not gc.isenabled()


def test_a_given_scene_is_drawn_with_the_collector_paused_and_left_alone(tmp_path, monkeypatch, collector):
    scene = make_scene(small_map())
    seen = _watch(monkeypatch)
    gc.enable()
    export_image(scene.doc, tmp_path / "map.png", ImageOptions(dpi=30), scene=scene)
    assert seen == [("render", False)]
    assert gc.isenabled()
    assert scene.items()  # the caller's scene is not disposed of
    ie.dispose_scene(scene)


def test_the_collector_is_on_again_after_a_failed_picture(tmp_path, monkeypatch, collector):
    def fail(scene, rect, opts):
        raise ImageError("not enough memory for a 10 x 10 px image; use a lower dpi")

    monkeypatch.setattr(ie, "render_png", fail)
    gc.enable()
    out = tmp_path / "map.png"
    with pytest.raises(ImageError, match="not enough memory"):
        export_image(small_map(), out, ImageOptions(dpi=30))
    assert gc.isenabled()
    assert not out.exists()
