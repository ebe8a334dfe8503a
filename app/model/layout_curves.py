"""The emotion curves of a map's layout (a part of :class:`app.model.layout.MapLayout`): the
band of the first visible feelings lane they run through, on the fixed scale ``EMOTION_MAX``
(top) .. ``EMOTION_MIN`` (bottom), each curve's smooth path through its points, and the scale's
neutral line and labels, piece by piece in the lane's cells."""

from __future__ import annotations

from .events import Cell
from .geometry import CurveGeometry, CurvePoint, Rect, ScaleGeometry
from .palette import PERSPECTIVE_DASH, curve_colour, marker_shape
from .paths import monotone_slopes
from .schema import EMOTION_MAX, EMOTION_MIN
from .style import SCALE_LABEL_W
from .textlayout import SMALL_SIZE, text_line

CURVE_PAD = 12.0  # the emotion scale's distance from the feelings lane edges
SCALE_LABEL_X = 4.0  # the scale labels' start right of the feelings lane's left edge
SCALE_BASELINE = 0.35  # a scale label's baseline below its value's height, in font sizes


class CurveLayout:
    """The curve part of MapLayout: it uses the layout's feelings lane, cells, stages and cards."""

    def curve_band(self) -> Rect | None:
        if self.feelings_lane is None:
            return None
        r = self.cell_rect(self.stage_ids[0], self.feelings_lane) if self.stage_ids else None
        if r is None:
            return None
        x = self._xs[0]  # the first stage's left edge, right of the lane labels
        return Rect(x, r.y + CURVE_PAD, self._grid_right - x, r.h - 2 * CURVE_PAD)

    def value_y(self, value: float) -> float | None:
        band = self.curve_band()
        if band is None:
            return None
        return band.y + (EMOTION_MAX - value) / (EMOTION_MAX - EMOTION_MIN) * band.h

    def y_value(self, y: float) -> float | None:
        """The emotion value at map ``y`` (clamped to the scale)."""
        band = self.curve_band()
        if band is None or band.h <= 0:
            return None
        v = EMOTION_MAX - (y - band.y) / band.h * (EMOTION_MAX - EMOTION_MIN)
        return max(EMOTION_MIN, min(EMOTION_MAX, v))

    def curve(self, curve_id: str) -> CurveGeometry | None:
        curve = next((c for c in self.map.curves if c.id == curve_id), None)
        band = self.curve_band()
        if curve is None or band is None:
            return None
        pts = []
        for p in curve.points:
            stage_id = p.stage_id
            if p.card_id:  # anchored: the point follows its card to the card's stage
                card = self._cards.get(p.card_id)
                stage_id = card.stage_id if card is not None else stage_id
            if stage_id not in self._stage_x:
                continue
            x = self._stage_x[stage_id] + p.x * self._stage_w[stage_id]
            y = band.y + (EMOTION_MAX - p.value) / (EMOTION_MAX - EMOTION_MIN) * band.h
            pts.append(CurvePoint(p.id, x, y, p.value, marker_shape(p.value)))
        pts.sort(key=lambda cp: cp.x)
        start = (pts[0].x, pts[0].y) if pts else None
        slopes = monotone_slopes([cp.x for cp in pts], [cp.y for cp in pts])
        segments = []
        for i in range(len(pts) - 1):
            p1, p2 = pts[i], pts[i + 1]
            h = (p2.x - p1.x) / 3
            c1 = (p1.x + h, p1.y + slopes[i] * h)
            c2 = (p2.x - h, p2.y - slopes[i + 1] * h)
            segments.append((c1, c2, (p2.x, p2.y)))
        colour = curve_colour(self.map, curve)
        return CurveGeometry(
            curve.id, colour, PERSPECTIVE_DASH[curve.perspective], band, tuple(pts), start, tuple(segments)
        )

    def emotion_scale(self) -> ScaleGeometry | None:
        """The neutral line and the labels +3 .. -3 of the emotion scale (None without one)."""
        band = self.curve_band()
        if band is None or band.h <= 0:
            return None
        labels = tuple(
            text_line(f"{v:+d}" if v else "0", band.x + SCALE_LABEL_X,
                      self.value_y(v) + SMALL_SIZE * SCALE_BASELINE, SMALL_SIZE, False, "label")
            for v in range(int(EMOTION_MAX), int(EMOTION_MIN) - 1, -1)
        )  # fmt: skip
        y0 = self.value_y(0)
        return ScaleGeometry((band.x + SCALE_LABEL_W, y0), (band.right, y0), labels)

    def scale_in(self, cell: Cell) -> ScaleGeometry | None:
        """The piece of the emotion scale in ``cell`` (see :class:`ScaleGeometry`), or None."""
        rect = self.cell_rect(*cell)
        scale = self.emotion_scale() if cell[1] == self.feelings_lane and rect is not None else None
        if scale is None:
            return None
        (x0, y), (x1, _) = scale.start, scale.end
        left, right = max(x0, rect.x), min(x1, rect.right)
        labels = tuple(line for line in scale.labels if rect.x <= line.x < rect.right)
        return ScaleGeometry((left, y), (max(left, right), y), labels, left - x0)
