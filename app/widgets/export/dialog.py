"""File > Export: a PDF poster, a tiled wall print, a PNG or an SVG, with a live preview.

API (for the main window):

* ``ExportDialog(doc_or_map, parent=None, settings_key="export", *, selection_ids=(),
  settings=None, path_hint=None)`` - the dialog. Every :class:`~app.io.pdf.PrintOptions`
  option (paper, orientation, scale or fit, margin, bleed, personas/legend/notes, blank
  workshop wall; sheet paper and orientation, 100 % / a scale / a poster size / N x M sheets,
  overlap, printer margin, sheet selection "B3,C1-C4") and the picture options (dpi or pixel
  width, transparent, whole map or the selected cards). The preview draws the page or the
  sheets from :func:`app.io.pdf.plan` (the page outline, the tile grid with sheet names, the
  selected sheets) over a thumbnail of the map, rendered once from a ``MapScene``. Invalid
  options show their one-line message under the form and disable Export. The options are
  remembered per map: ``QSettings`` key ``"{settings_key}/{map.id}"`` (JSON of
  ``PrintOptions.to_dict()`` and ``ImageOptions.to_dict()``), saved when the dialog closes
  with valid options. Export asks for a file name (``QFileDialog.getSaveFileName``), writes,
  and reports characters no font can draw (``result.missing``) in a message box;
  ``dialog.last_result`` is the :class:`~app.io.pdf.ExportResult` or
  :class:`~app.widgets.export.picture.ImageResult`.
* ``export_via_dialog(window, doc, selection_ids=(), path_hint=None)`` - run the dialog modally
  on ``window``; returns the result, or None when cancelled.

Wiring in the main window (File menu)::

    from app.widgets.export.dialog import export_via_dialog

    self.act_export = self._action(file_menu, "&Export…", self.export_dialog, "Ctrl+E")

    def export_dialog(self) -> None:
        ids = [i.ident for i in self.scene.selectedItems() if getattr(i, "kind", "") == "card"]
        result = export_via_dialog(self, self.doc, ids, self.path)
        if result is not None:
            self.statusBar().showMessage(result.summary(), 8000)
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QRectF, QSettings, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
)

from app.io.jsonfile import MapFileError
from app.io.mapsave import keep_backup
from app.io.mapscan import looks_like_map
from app.io.pdf import PrintError, PrintOptions, export_pdf, paper_names
from app.io.pdf import plan as pdf_plan
from app.io.pdf.export import plan_pages
from app.io.pdf.legibility import check as legibility_check
from app.io.pdf.poster import asked_areas
from app.io.pdf.tiles import TilePlan
from app.model.document import Document
from app.model.schema import Map
from app.widgets.export import picture as ie
from app.widgets.export.controls import (
    ERROR_STYLE,
    FILTER,
    KINDS,
    SHEETS,
    SUFFIX,
    _combo,
    _custom_size,
    _matrix_combo,
    _orientation_combo,
    _orientation_name,
    _set_text,
    _set_value,
    _spin,
)
from app.widgets.export.picture import ImageOptions, export_image
from app.widgets.export.preview import THUMB_PX, ExportPreview
from app.widgets.i18n import translate
from app.widgets.plaintext import literal, plain_label


class ExportDialog(QDialog):
    """See the module notes."""

    def __init__(self, doc_or_map: Document | Map, parent=None, settings_key: str = "export", *,
                 selection_ids=(), settings: QSettings | None = None, path_hint=None):  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(translate("Export", "Export"))
        self.doc = doc_or_map if isinstance(doc_or_map, Document) else None
        self.map: Map = doc_or_map if isinstance(doc_or_map, Map) else doc_or_map.map
        self.selection_ids = tuple(selection_ids)
        self.settings = settings if settings is not None else QSettings()
        self.settings_key = settings_key
        self.path_hint = Path(path_hint) if path_hint else None
        self.last_result = None
        self.plan = None  # the last valid plan (PosterPlan or TilePlan), None for pictures
        self.error = ""
        self._comps: dict[tuple, object] = {}
        self._scene = None
        self._build()
        self._name_controls()
        self._make_thumbnail()
        self.restore()
        self._connect()
        self.refresh()

    # ------------------------------------------------------------ building
    def _build(self) -> None:
        self.kind_box = QComboBox()
        for key, label in KINDS:
            self.kind_box.addItem(translate("Export", label), key)

        # one-page poster
        self.paper = _combo(paper_names(), editable=True)
        self.orientation = _orientation_combo()
        self.fit = QCheckBox(translate("Export", "Fit to the page"))
        self.scale = _spin(0.1, 10_000, 100, " %")
        self.margin = _spin(0, 1000, 10)
        self.bleed = _spin(0, 100, 0)
        self.poster_box = QGroupBox(translate("Export", "Poster"))
        form = QFormLayout(self.poster_box)
        form.addRow(translate("Export", "Paper"), self.paper)
        form.addRow(translate("Export", "Orientation"), self.orientation)
        row = QHBoxLayout()
        row.addWidget(self.fit)
        row.addWidget(self.scale)
        form.addRow(translate("Export", "Scale"), row)
        form.addRow(translate("Export", "Margin"), self.margin)
        form.addRow(translate("Export", "Bleed"), self.bleed)

        # tiled print
        self.tile = _combo(SHEETS, editable=True)
        self.tile_orientation = _orientation_combo()
        self.size_actual = QRadioButton(translate("Export", "Scale"))
        self.size_poster = QRadioButton(translate("Export", "Poster size"))
        self.size_grid = QRadioButton(translate("Export", "Sheets"))
        self.sizing = QButtonGroup(self)
        for b in (self.size_actual, self.size_poster, self.size_grid):
            self.sizing.addButton(b)
        self.size_actual.setChecked(True)
        self.tile_scale = _spin(0.1, 10_000, 100, " %")
        self.poster_size = _combo(
            [n for n in paper_names() if not n.upper().startswith("ROLL")], editable=True
        )
        _set_text(self.poster_size, "A0")
        self.grid_cols = QSpinBox()
        self.grid_rows = QSpinBox()
        for box in (self.grid_cols, self.grid_rows):
            box.setRange(1, 100)
            box.setValue(3)
            box.setKeyboardTracking(False)
        self.overlap = _spin(0, 1000, 10)
        self.printer_margin = _spin(0, 100, 5)
        self.sheets = QLineEdit()
        self.sheets.setPlaceholderText(translate("Export", "all (or e.g. R3C2,R1C3-R4C3: row, column)"))
        self.tiles_box = QGroupBox(translate("Export", "Tiled print"))
        form = QFormLayout(self.tiles_box)
        form.addRow(translate("Export", "Sheet paper"), self.tile)
        form.addRow(translate("Export", "Sheet orientation"), self.tile_orientation)
        row = QHBoxLayout()
        row.addWidget(self.size_actual)
        row.addWidget(self.tile_scale)
        form.addRow(translate("Export", "Size"), row)
        row = QHBoxLayout()
        row.addWidget(self.size_poster)
        row.addWidget(self.poster_size)
        form.addRow("", row)
        row = QHBoxLayout()
        row.addWidget(self.size_grid)
        row.addWidget(self.grid_cols)
        row.addWidget(QLabel("x"))
        row.addWidget(self.grid_rows)
        form.addRow("", row)
        form.addRow(translate("Export", "Overlap"), self.overlap)
        form.addRow(translate("Export", "Printer margin"), self.printer_margin)
        form.addRow(translate("Export", "Print sheets"), self.sheets)
        self.all_sheets = QCheckBox(translate("Export", "Also print the sheets that would be empty"))
        form.addRow("", self.all_sheets)

        # what a PDF shows
        self.personas = QCheckBox(translate("Export", "Persona panels"))
        self.legend = QCheckBox(translate("Export", "Legend"))
        self.notes = QCheckBox(translate("Export", "Card notes"))
        self.blank = QCheckBox(translate("Export", "Blank workshop wall (headers and empty cells only)"))
        for box in (self.personas, self.legend, self.notes):
            box.setChecked(True)
        self.content_box = QGroupBox(translate("Export", "Content"))
        col = QVBoxLayout(self.content_box)
        for box in (self.personas, self.legend, self.notes, self.blank):
            col.addWidget(box)
        self.matrix = _matrix_combo(lambda: self.refresh())  # a last page: the importance-performance matrix
        col.addWidget(self.matrix)
        # legibility (app/io/pdf/legibility.py): read from how far, and the scale that allows it
        self.distance = _spin(0.1, 1000, 2.0, " m", 1)
        self.fit_distance = QCheckBox(translate("Export", "Fit for distance"))
        row = QHBoxLayout()
        row.addWidget(QLabel(translate("Export", "Viewing distance")))
        row.addWidget(self.distance)
        row.addWidget(self.fit_distance)
        col.addLayout(row)

        # pictures
        self.by_dpi = QRadioButton(translate("Export", "Resolution"))
        self.by_width = QRadioButton(translate("Export", "Width"))
        self.by_dpi.setChecked(True)
        self.dpi = QSpinBox()
        self.dpi.setRange(int(ie.MIN_DPI), int(ie.MAX_DPI))
        self.dpi.setValue(int(ie.DEFAULT_DPI))
        self.dpi.setSuffix(" dpi")
        self.px_width = QSpinBox()
        self.px_width.setRange(1, ie.MAX_SIDE)
        self.px_width.setValue(4000)
        self.px_width.setSuffix(" px")
        for box in (self.dpi, self.px_width):
            box.setKeyboardTracking(False)
        self.transparent = QCheckBox(translate("Export", "Transparent background"))
        self.whole = QRadioButton(translate("Export", "Whole map"))
        self.selected = QRadioButton(translate("Export", "Selected cards ({n})").format(n=len(self.selection_ids)))
        self.whole.setChecked(True)
        self.selected.setEnabled(bool(self.selection_ids))
        self.region = QButtonGroup(self)
        self.region.addButton(self.whole)
        self.region.addButton(self.selected)
        self.dpi_group = QButtonGroup(self)
        self.dpi_group.addButton(self.by_dpi)
        self.dpi_group.addButton(self.by_width)
        self.image_box = QGroupBox(translate("Export", "Picture"))
        form = QFormLayout(self.image_box)
        row = QHBoxLayout()
        row.addWidget(self.by_dpi)
        row.addWidget(self.dpi)
        form.addRow(translate("Export", "Size"), row)
        row = QHBoxLayout()
        row.addWidget(self.by_width)
        row.addWidget(self.px_width)
        form.addRow("", row)
        form.addRow("", self.transparent)
        row = QHBoxLayout()
        row.addWidget(self.whole)
        row.addWidget(self.selected)
        form.addRow(translate("Export", "Export"), row)

        self.message = plain_label()  # errors quote file names and map text
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.summary = plain_label()
        self.summary.setWordWrap(True)
        self.preview = ExportPreview()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(translate("Export", "Export…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self.on_export)

        left = QVBoxLayout()
        form = QFormLayout()
        form.addRow(translate("Export", "Format"), self.kind_box)
        left.addLayout(form)
        for box in (self.poster_box, self.tiles_box, self.content_box, self.image_box):
            left.addWidget(box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.preview, 1)
        right.addWidget(self.summary)
        self.legibility = plain_label("")
        self.legibility.setWordWrap(True)
        self.legibility.setVisible(False)
        right.addWidget(self.legibility)
        right.addWidget(self.message)
        top = QHBoxLayout()
        top.addLayout(left)
        top.addLayout(right, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(top, 1)
        outer.addWidget(self.buttons)
        self.resize(980, 640)

    def _name_controls(self) -> None:
        """Names for screen readers where a row's label does not name the control (a spin box
        beside a radio button, combo boxes: on Linux a combo reads its value as its name)."""
        names = {
            self.kind_box: translate("Accessibility", "Format"),
            self.paper: translate("Accessibility", "Paper"),
            self.orientation: translate("Accessibility", "Orientation"),
            self.scale: translate("Accessibility", "Poster scale (%)"),
            self.tile: translate("Accessibility", "Sheet paper"),
            self.tile_orientation: translate("Accessibility", "Sheet orientation"),
            self.tile_scale: translate("Accessibility", "Tiled print scale (%)"),
            self.distance: translate("Accessibility", "Viewing distance (m)"),
            self.poster_size: translate("Accessibility", "Poster size to tile"),
            self.grid_cols: translate("Accessibility", "Sheets across"),
            self.grid_rows: translate("Accessibility", "Sheets down"),
            self.dpi: translate("Accessibility", "Resolution (dpi)"),
            self.px_width: translate("Accessibility", "Width (pixels)"),
        }
        for widget, name in names.items():
            widget.setAccessibleName(name)
            edit = widget.lineEdit() if isinstance(widget, QComboBox) else None
            if edit is not None:  # an editable combo: its line edit has the focus
                edit.setAccessibleName(name)

    def _connect(self) -> None:
        self.kind_box.currentIndexChanged.connect(self.refresh)
        for box in (self.paper, self.tile, self.poster_size):
            box.currentTextChanged.connect(self.refresh)
        for box in (self.orientation, self.tile_orientation):
            box.currentIndexChanged.connect(self.refresh)
        for box in (self.scale, self.margin, self.bleed, self.tile_scale, self.overlap, self.printer_margin,
                    self.grid_cols, self.grid_rows, self.dpi, self.px_width, self.distance):  # fmt: skip
            box.valueChanged.connect(self.refresh)
        for box in (self.fit, self.personas, self.legend, self.notes, self.blank, self.transparent,
                    self.size_actual, self.size_poster, self.size_grid, self.by_dpi, self.by_width,
                    self.whole, self.selected, self.fit_distance, self.all_sheets):  # fmt: skip
            box.toggled.connect(self.refresh)
        self.sheets.textChanged.connect(self.refresh)

    def _make_thumbnail(self) -> None:
        """The map, rendered once from a MapScene (kept for a sharper selection preview)."""
        self._scene = scene = ie.make_scene(self.map)
        self._crops: dict[tuple, QImage] = {}
        rect = scene.map_rect()
        w, h = max(rect.width(), 1.0), max(rect.height(), 1.0)
        self.preview.map_size = (w, h)
        self._layout = scene.layout
        opts = ImageOptions(dpi=min(THUMB_PX / max(w, h), 4.0) * 72, transparent=True)
        self.preview.thumb = ie.render_image(scene, rect, opts)

    def _crop_image(self, crop: QRectF, transparent: bool) -> QImage | None:
        """The selected cards at about the preview's size (made once per selection)."""
        key = (crop.x(), crop.y(), crop.width(), crop.height(), transparent)
        if key not in self._crops and self._scene is not None:
            dpi = min(THUMB_PX * 0.8 / max(crop.width(), crop.height(), 1.0), 4.0) * 72
            self._crops[key] = ie.render_image(
                self._scene, crop, ImageOptions(dpi=dpi, transparent=transparent)
            )
        return self._crops.get(key)

    # ------------------------------------------------------------ options
    def kind(self) -> str:
        return self.kind_box.currentData()

    def set_kind(self, kind: str) -> None:
        self.kind_box.setCurrentIndex([k for k, _ in KINDS].index(kind))

    def poster_options(self) -> PrintOptions:
        return PrintOptions(
            paper=self.paper.currentText().strip(),
            orientation=self.orientation.currentData(),
            scale=None if self.fit.isChecked() or self.fit_distance.isChecked() else self.scale.value(),
            margin_mm=self.margin.value(),
            bleed_mm=self.bleed.value(),
            **self._content(),
        )

    def tile_options(self) -> PrintOptions:
        return PrintOptions(
            tile=self.tile.currentText().strip(),
            tile_orientation=self.tile_orientation.currentData(),
            scale=self.tile_scale.value() if self.size_actual.isChecked() and not self.fit_distance.isChecked() else None,
            poster_size=self.poster_size.currentText().strip() if self._sized(self.size_poster) else "",
            grid=(self.grid_cols.value(), self.grid_rows.value()) if self._sized(self.size_grid) else None,
            overlap_mm=self.overlap.value(),
            printer_margin_mm=self.printer_margin.value(),
            sheets=self.sheets.text().strip(),
            all_sheets=self.all_sheets.isChecked(),
            **self._content(),
        )

    def _sized(self, button) -> bool:
        return button.isChecked() and not self.fit_distance.isChecked()

    def _content(self) -> dict:
        return {
            "personas": self.personas.isChecked(),
            "legend": self.legend.isChecked(),
            "notes": self.notes.isChecked(),
            "blank": self.blank.isChecked(),
            "matrix": self.matrix.currentData(),
            "perspective": getattr(getattr(self.parent(), "scene", None), "perspective", "both"),  # as shown
            "viewing_distance": self.distance.value(),
            "fit_distance": self.fit_distance.isChecked(),
        }

    def print_options(self) -> PrintOptions:
        return self.tile_options() if self.kind() == "tiles" else self.poster_options()

    def image_options(self) -> ImageOptions:
        return ImageOptions(
            format="svg" if self.kind() == "svg" else "png",
            dpi=float(self.dpi.value()),
            width=self.px_width.value() if self.by_width.isChecked() else None,
            transparent=self.transparent.isChecked(),
            selection=self.selected.isChecked() and bool(self.selection_ids),
        )

    def _set_print(self, poster: PrintOptions, tiles: PrintOptions) -> None:
        _set_text(self.paper, poster.paper)
        _set_value(self.orientation, poster.orientation)
        self.fit.setChecked(poster.scale is None)
        if poster.scale is not None:
            self.scale.setValue(poster.scale)
        self.margin.setValue(poster.margin_mm)
        self.bleed.setValue(poster.bleed_mm)
        if tiles.tile:
            _set_text(self.tile, tiles.tile)
        _set_value(self.tile_orientation, tiles.tile_orientation)
        if tiles.grid:
            self.size_grid.setChecked(True)
            self.grid_cols.setValue(tiles.grid[0])
            self.grid_rows.setValue(tiles.grid[1])
        elif tiles.poster_size:
            self.size_poster.setChecked(True)
            _set_text(self.poster_size, tiles.poster_size)
        else:
            self.size_actual.setChecked(True)
            self.tile_scale.setValue(tiles.scale if tiles.scale is not None else 100.0)
        self.overlap.setValue(tiles.overlap_mm)
        self.printer_margin.setValue(tiles.printer_margin_mm)
        self.sheets.setText(tiles.sheets)
        self.all_sheets.setChecked(tiles.all_sheets)
        for name in ("personas", "legend", "notes", "blank"):
            getattr(self, name).setChecked(getattr(poster, name))
        _set_value(self.matrix, poster.matrix)
        self.distance.setValue(poster.viewing_distance)
        self.fit_distance.setChecked(poster.fit_distance)

    def _set_image(self, opts: ImageOptions) -> None:
        self.dpi.setValue(round(opts.dpi))
        (self.by_width if opts.width else self.by_dpi).setChecked(True)
        if opts.width:
            self.px_width.setValue(opts.width)
        self.transparent.setChecked(opts.transparent)
        (self.selected if opts.selection and self.selection_ids else self.whole).setChecked(True)

    # ------------------------------------------------------------ settings
    @property
    def key(self) -> str:
        return f"{self.settings_key}/{self.map.id}"

    def restore(self) -> None:
        """The options last used for this map (defaults when none, or unreadable)."""
        poster, tiles = PrintOptions(), PrintOptions(tile="A4")
        image, kind = ImageOptions(), "pdf"
        raw = self.settings.value(self.key)
        if raw:
            try:
                data = json.loads(raw)
                kind = data.get("kind", "pdf") if data.get("kind") in SUFFIX else "pdf"
                poster = PrintOptions.from_dict(data.get("poster", {}))
                tiles = PrintOptions.from_dict(data.get("tiles", {"tile": "A4"}))
                image = ImageOptions.from_dict(data.get("image", {}))
            except (ValueError, TypeError, AttributeError):
                poster, tiles, image, kind = PrintOptions(), PrintOptions(tile="A4"), ImageOptions(), "pdf"
        self._set_print(poster, tiles)
        self._set_image(image)
        self.set_kind(kind)

    def remember(self) -> None:
        data = {
            "kind": self.kind(),
            "poster": self.poster_options().to_dict(),
            "tiles": self.tile_options().to_dict(),
            "image": self.image_options().to_dict(),
        }
        self.settings.setValue(self.key, json.dumps(data))
        self.settings.sync()

    def done(self, result: int) -> None:
        if not self.error:
            self.remember()
        if self._scene is not None:
            ie.dispose_scene(self._scene)
            self._scene = None
        super().done(result)

    # ------------------------------------------------------------ live check and preview
    def _composition(self, opts: PrintOptions):
        opts.validate()
        # the panels go beside or below the map to fill the asked area: one composition per area
        key = (opts.personas, opts.legend, opts.notes, opts.blank, tuple(asked_areas(opts) or ()))
        comp = self._comps.get(key)
        if comp is None:
            comp, plan = pdf_plan(self.map, opts)
            self._comps[key] = comp
            return comp, plan
        return comp, plan_pages(self.map, comp, opts)

    def _crop(self, opts: ImageOptions) -> QRectF:
        if opts.selection:
            rect = None
            for cid in self.selection_ids:
                geo = self._layout.card(cid)
                if geo is not None:
                    r = QRectF(geo.rect.x, geo.rect.y, geo.rect.w, geo.rect.h)
                    rect = r if rect is None else rect.united(r)
            if rect is None:
                raise PrintError("none of the selected cards is on the map (hidden lane or stage?)")
            return rect
        b = self._layout.bounds
        return QRectF(b.x, b.y, b.w, b.h)

    def refresh(self) -> None:
        """Check the options, update the preview and the summary, enable Export when valid."""
        kind = self.kind()
        pdf = kind in ("pdf", "tiles")
        self.poster_box.setVisible(kind == "pdf")
        self.tiles_box.setVisible(kind == "tiles")
        self.content_box.setVisible(pdf)
        self.image_box.setVisible(not pdf)
        by_distance = self.fit_distance.isChecked()
        self.fit.setEnabled(not by_distance)
        self.orientation.setEnabled(not _custom_size(self.paper.currentText()))  # WxHmm: as written
        self.scale.setEnabled(not self.fit.isChecked() and not by_distance)
        for button in (self.size_actual, self.size_poster, self.size_grid):
            button.setEnabled(not by_distance)
        self.tile_scale.setEnabled(self._sized(self.size_actual))
        self.poster_size.setEnabled(self._sized(self.size_poster))
        self.grid_cols.setEnabled(self._sized(self.size_grid))
        self.grid_rows.setEnabled(self._sized(self.size_grid))
        self.dpi.setEnabled(kind == "png" and self.by_dpi.isChecked())
        self.px_width.setEnabled(kind == "png" and self.by_width.isChecked())
        self.by_dpi.setEnabled(kind == "png")
        self.by_width.setEnabled(kind == "png")
        self.plan = None
        self.sheet_count = 0
        legible = ""
        try:
            if pdf:
                opts = self.print_options()
                comp, plan = self._composition(opts)
                self.plan = plan
                legible = legibility_check(self.map, opts, comp.width, comp.height, plan.scale, gui=True)
                caption = self._describe(plan)
                sheets = self.sheet_count
                brief = (
                    translate("Export", "%n sheet(s) + assembly guide", None, sheets)
                    if kind == "tiles"
                    else translate("Export", "1 page")
                )
                self.preview.show_plan(kind, plan, comp, brief)
            else:
                opts = self.image_options()
                opts.validate()
                crop = self._crop(opts)
                if kind == "png":
                    w, h, dpi = ie.image_size(crop.width(), crop.height(), opts)
                    size = f"PNG {w} x {h} px"
                    caption = translate("Export", "{size} ({mp} MP) at {dpi} dpi").format(size=size, mp=f"{w * h / 1e6:.1f}", dpi=f"{dpi:.4g}")
                else:
                    size = f"SVG {crop.width() / 72 * 25.4:.0f} x {crop.height() / 72 * 25.4:.0f} mm"
                    caption = translate("Export", "{size}, text as text").format(size=size)
                sharp = self._crop_image(crop, opts.transparent) if opts.selection else None
                brief = size
                self.preview.show_picture(kind, crop, brief, sharp, opts.transparent)
            self.error = ""
        except PrintError as err:
            self.error = " ".join(str(err).split())
            caption = legible = ""
            self.preview.show_nothing("")
        self.summary.setText(caption)
        self.legibility.setText(f"⚠ {legible}" if legible else "")
        self.legibility.setVisible(bool(legible))
        self.message.setText(self.error)
        self.message.setVisible(bool(self.error))
        self.export_button.setEnabled(not self.error)

    def _describe(self, plan) -> str:
        share = translate("Export", "the map fills {share} % of the area").format(share=f"{plan.map_share * 100:.0f}")
        return f"{self._size_text(plan)}; {share}"

    def _size_text(self, plan) -> str:
        if isinstance(plan, TilePlan):
            self.sheet_count = len(plan.sheets)
            w, h = plan.poster_mm
            return translate(
                "Export",
                "{n} of {total} {paper} sheets ({cols} x {rows}, {orientation}) + assembly guide; "
                "poster {w} x {h} mm at {scale} %",
            ).format(
                n=len(plan.sheets), total=plan.total, paper=plan.paper, cols=plan.cols, rows=plan.rows,
                orientation=_orientation_name(plan.orientation), w=f"{w:.0f}", h=f"{h:.0f}", scale=f"{plan.scale * 100:.3g}",
            )
        self.sheet_count = 1
        w, h = plan.trim_mm
        return translate("Export", "1 page: {paper} {orientation}, poster {w} x {h} mm at {scale} %").format(
            paper=plan.paper, orientation=_orientation_name(plan.orientation), w=f"{w:.0f}", h=f"{h:.0f}",
            scale=f"{plan.scale * 100:.3g}",
        )

    # ------------------------------------------------------------ export
    def suggested_path(self) -> str:
        suffix = SUFFIX[self.kind()]
        if self.path_hint is None:
            return f"{_safe_name(self.map.title)}{suffix}"
        name = self.path_hint.name
        for ext in (".journey.json", ".json"):
            if name.endswith(ext):
                name = name[: -len(ext)]
                break
        else:
            name = self.path_hint.stem
        return str(self.path_hint.with_name(name + suffix))

    def ask_path(self) -> str:
        kind = self.kind()
        name, _ = QFileDialog.getSaveFileName(
            self, translate("Export", "Export"), self.suggested_path(), translate("Export", FILTER[kind])
        )
        if name and not Path(name).suffix:
            name += SUFFIX[kind]
        return name

    def on_export(self) -> None:
        if self.error:
            return
        path = self.ask_path()
        if not path or not self.may_replace(path):
            return
        if self.export_to(path) is not None:
            self.accept()

    def may_replace(self, path: str) -> bool:
        """An export never silently replaces a journey map (the one open here, or any other):
        the user confirms, and the map is kept as NAME.bak first (as ``journeymap export
        --force`` does). True when the export may go ahead."""
        if not looks_like_map(path):
            return True
        name = Path(path).name
        answer = QMessageBox.warning(
            self,
            translate("Export", "Replace a journey map?"),
            literal(
                translate("Export", "“{name}” is a journey map. Replace it with the {format} export?").format(
                    name=name, format=self.kind().upper()
                )
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            kept = keep_backup(path)
        except MapFileError as err:
            QMessageBox.warning(self, translate("Export", "Export failed"), literal(str(err)))
            return False
        self.message.setText(translate("Export", "The map it replaced is kept as {name}.").format(name=kept.name))
        return True

    def export_to(self, path):
        """Write the export to ``path``; the result, or None after reporting the error."""
        kind = self.kind()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if kind in ("pdf", "tiles"):
                result = export_pdf(self.map, path, self.print_options())
            else:
                opts = self.image_options()
                ids = self.selection_ids if opts.selection else ()
                result = export_image(self.doc or self.map, path, opts, card_ids=ids)
        except PrintError as err:
            QGuiApplication.restoreOverrideCursor()
            text = " ".join(str(err).split())
            self.message.setText(text)
            self.message.setVisible(True)
            QMessageBox.warning(self, translate("Export", "Export failed"), literal(text))
            return None
        QGuiApplication.restoreOverrideCursor()
        self.last_result = result
        if result.missing:
            QMessageBox.warning(self, translate("Export", "Export: missing characters"), literal("; ".join(result.warnings)))
        return result


def _safe_name(title: str) -> str:
    keep = "".join(ch if ch.isalnum() or ch in " -_" else " " for ch in title).strip()
    return "-".join(keep.split())[:80] or "journey-map"


def export_via_dialog(window, doc, selection_ids=(), path_hint=None):
    """File > Export: the dialog on ``window`` for ``doc`` (a Document or a Map); the
    ExportResult / ImageResult written, or None when cancelled."""
    dialog = ExportDialog(doc, window, "export", selection_ids=selection_ids, path_hint=path_hint)
    try:
        dialog.exec()
        return dialog.last_result
    finally:
        dialog.deleteLater()
