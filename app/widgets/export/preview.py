"""The export dialog's live preview: the page or the tiled sheets (from ``app.io.pdf.plan``)
drawn over a thumbnail of the map, with the sheet names and the sheets being printed."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.io.pdf.options import sheet_name
from app.io.pdf.poster import PosterPlan
from app.io.pdf.tiles import TilePlan

THUMB_PX = 900  # the thumbnail's long side


class ExportPreview(QWidget):
    """The page(s) as they will print: drawn from the plan, with the map thumbnail in place."""

    PAD = 12.0

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMinimumSize(QSize(360, 320))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.kind = "pdf"
        self.plan: PosterPlan | TilePlan | None = None
        self.comp = None
        self.thumb: QImage | None = None
        self.map_size = (1.0, 1.0)  # map points
        self.crop: QRectF | None = None  # picture: the exported part of the map, map points
        self.crop_image: QImage | None = None
        self.transparent = False
        self.caption = ""

    def show_plan(self, kind: str, plan, comp, caption: str) -> None:
        self.kind, self.plan, self.comp, self.crop, self.caption = kind, plan, comp, None, caption
        self.update()

    def show_picture(self, kind: str, crop: QRectF, caption: str, image: QImage | None = None,
                     transparent: bool = False) -> None:  # fmt: skip
        """A picture of ``crop`` (map points): ``image`` if given (a sharper crop), else that
        part of the thumbnail; a checkerboard behind it when it is transparent."""
        self.kind, self.plan, self.comp, self.crop, self.caption = kind, None, None, crop, caption
        self.crop_image, self.transparent = image, transparent
        self.update()

    def show_nothing(self, caption: str) -> None:
        self.plan = self.comp = self.crop = None
        self.caption = caption
        self.update()

    # ------------------------------------------------------------ painting
    def _fit(self, w: float, h: float) -> tuple[float, float, float]:
        """Scale and offset that fit a ``w`` x ``h`` drawing in the widget, over the caption."""
        aw, ah = self.width() - 2 * self.PAD, self.height() - 2 * self.PAD - 20
        s = min(aw / max(w, 1e-6), ah / max(h, 1e-6))
        return s, self.PAD + (aw - w * s) / 2, self.PAD + (ah - h * s) / 2

    def _draw_composition(self, p: QPainter, x: float, y: float, s: float) -> None:
        """The composition (map thumbnail and print-only panels) with its corner at (x, y)."""
        comp = self.comp
        mw, mh = self.map_size
        target = QRectF(x, y, mw * s, mh * s)
        if self.thumb is not None:
            p.drawImage(target, self.thumb)
        else:
            p.fillRect(target, QColor("#E5F1F8"))
        p.setPen(QPen(QColor("#B0B0B0"), 0))
        p.setBrush(QBrush(QColor("#F3F3F3")))
        for panel in comp.panels if comp is not None else ():
            r = panel.rect
            p.drawRect(QRectF(x + r.x * s, y + r.y * s, r.w * s, r.h * s))

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        p.fillRect(self.rect(), QColor("#8A8F98"))
        if isinstance(self.plan, TilePlan):
            self._paint_tiles(p, self.plan)
        elif isinstance(self.plan, PosterPlan):
            self._paint_poster(p, self.plan)
        elif self.crop is not None:
            self._paint_picture(p)
        p.setPen(QColor("#FFFFFF"))
        font = QFont(p.font())
        font.setPointSizeF(9)
        p.setFont(font)
        p.drawText(
            QRectF(self.PAD, self.height() - 22, self.width() - 2 * self.PAD, 20),
            int(Qt.AlignmentFlag.AlignCenter),
            self.caption,
        )
        p.end()

    def _paint_poster(self, p: QPainter, plan: PosterPlan) -> None:
        s, ox, oy = self._fit(plan.page_w, plan.page_h)
        page = QRectF(ox, oy, plan.page_w * s, plan.page_h * s)
        p.fillRect(page, QColor("#FFFFFF"))
        x0, y0, x1, y1 = plan.trim
        if plan.bleed:  # the trim box inside the bleed
            p.setPen(QPen(QColor("#CC79A7"), 0, Qt.PenStyle.DashLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(ox + x0 * s, oy + y0 * s, (x1 - x0) * s, (y1 - y0) * s))
        k = s * plan.scale
        self._draw_composition(p, ox + plan.x0 * s, oy + (plan.page_h - plan.y0) * s, k)
        p.setPen(QPen(QColor("#404040"), 1))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(page)

    def _paint_tiles(self, p: QPainter, plan: TilePlan) -> None:
        gw = plan.cols * plan.step_x + plan.overlap
        gh = plan.rows * plan.step_y + plan.overlap
        s, ox, oy = self._fit(gw, gh)
        p.fillRect(QRectF(ox, oy, gw * s, gh * s), QColor("#FFFFFF"))
        k = s * plan.scale
        self._draw_composition(p, ox + plan.offset_x * s, oy + plan.offset_y * s, k)
        p.setPen(QPen(QColor("#404040"), 1))  # the finished wall (as asked: it may be larger than the map)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(QRectF(ox + plan.wall_x * s, oy + plan.wall_y * s, plan.poster_w * s, plan.poster_h * s))
        chosen = {(sh.col, sh.row) for sh in plan.sheets}
        font = QFont(p.font())
        font.setPixelSize(max(7, min(14, int(min(plan.window_w, plan.window_h) * s / 4))))
        p.setFont(font)
        for r in range(plan.rows):
            for c in range(plan.cols):
                rect = QRectF(
                    ox + c * plan.step_x * s, oy + r * plan.step_y * s, plan.window_w * s, plan.window_h * s
                )
                if (c, r) in chosen:
                    p.setPen(QPen(QColor("#0072B2"), 1.2))
                    p.setBrush(Qt.BrushStyle.NoBrush)
                else:  # not printed
                    p.setPen(QPen(QColor("#909090"), 1, Qt.PenStyle.DashLine))
                    p.setBrush(QBrush(QColor(0, 0, 0, 90)))
                p.drawRect(rect)
                p.setPen(QColor("#0072B2") if (c, r) in chosen else QColor("#FFFFFF"))
                p.drawText(rect.adjusted(3, 2, -3, -2), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                           sheet_name(c, r))  # fmt: skip

    def _paint_picture(self, p: QPainter) -> None:
        crop = self.crop
        s, ox, oy = self._fit(crop.width(), crop.height())
        target = QRectF(ox, oy, crop.width() * s, crop.height() * s)
        if self.transparent:  # a checkerboard shows where the picture has no colour
            p.fillRect(target, QColor("#FFFFFF"))
            p.save()
            p.setClipRect(target)
            step = 8.0
            for i in range(int(target.width() / step) + 1):
                for j in range(int(target.height() / step) + 1):
                    if (i + j) % 2:
                        p.fillRect(
                            QRectF(target.x() + i * step, target.y() + j * step, step, step),
                            QColor("#D6D6D6"),
                        )
            p.restore()
        else:
            p.fillRect(target, QColor("#FFFFFF"))
        if self.crop_image is not None:
            p.drawImage(target, self.crop_image)
        elif self.thumb is not None:
            mw, mh = self.map_size
            src = QRectF(
                crop.x() / mw * self.thumb.width(),
                crop.y() / mh * self.thumb.height(),
                crop.width() / mw * self.thumb.width(),
                crop.height() / mh * self.thumb.height(),
            )
            p.drawImage(target, self.thumb, src)
        p.setPen(QPen(QColor("#404040"), 1))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(target)


# ---------------------------------------------------------------------- dialog
