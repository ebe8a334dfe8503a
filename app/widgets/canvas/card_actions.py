"""Keyboard and menu actions on cards, and the card tools of the canvas.

:class:`CardActions` owns everything card-related on one canvas: the :class:`CardTool` (click,
Ctrl-click, drag between cells), the :class:`SelectionSync` (Qt's item selection <-> the shared
Selection, so rubber bands select cards), the palette :class:`PaletteDrop` target and the
:class:`InlineEditor`. It keeps the *selected cell*: the cell of the current card, or the cell
whose empty spot was clicked (outlined when no card is selected). New cards and pastes go
there, after the current card when there is one. Every edit is one command on the undo stack.

Wiring in the main window (``ctx`` is the :class:`~app.widgets.canvas.interaction.CanvasContext`)::

    from app.widgets.canvas.card_actions import CardActions

    self.cards = CardActions(ctx)  # installs its tool, the palette drop target and the view's keys
    # menu actions -> methods (every method is safe to call at any time; it does nothing when
    # there is nothing to act on, and returns True when it did something):
    new_card         -> self.cards.new_card           Enter (or Return)
    (typing a character on a selected cell or card starts a card: self.cards.capture, quick_capture.py)
    edit card text   -> self.cards.edit_selected      F2
    delete           -> self.cards.delete_selected    Delete (and Backspace)
    copy/cut/paste   -> self.cards.copy / cut / paste QKeySequence.Copy / Cut / Paste
    duplicate        -> self.cards.duplicate          Ctrl+D
    select all       -> self.cards.select_all         QKeySequence.SelectAll
    select left/right/up/down -> lambda: self.cards.select_neighbour(dx, dy)   arrows
    move card left/right/up/down -> lambda: self.cards.move_selected(dx, dy)   Ctrl+arrows
    self.palette.kindActivated.connect(self.cards.add_card_of_kind)
    # enabling:
    self.cards.canEditChanged.connect(act.setEnabled)   # edit, delete, copy, cut, duplicate, move
    self.cards.canAddChanged.connect(act.setEnabled)    # new card, add of a kind
    self.cards.canPasteChanged.connect(act.setEnabled)  # paste
    # or ask self.cards.can_edit() / can_add() / can_paste() when a menu is about to show.

The view's keys already work without any QAction: CardActions filters the view's key presses
(only while the view has the focus and no inline editor is open). If the window gives these
actions shortcuts too, prefer ``Qt.ShortcutContext.WidgetWithChildrenShortcut`` with the action
added to the view (``view.addAction(act)``): plain keys such as Enter, Delete and the arrows
must not fire while the user types in a dock. Window-wide shortcuts also work: a shortcut event
then reaches the method instead of the filter (never both), and ``new_card`` (Enter) commits an
open inline editor instead of adding a card.

When the window opens another map: set ``ctx.doc``, call ``scene.set_document`` and
``selection.set_document``, then ``self.cards.reset()``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from app.model.commands import Command, Insert, InsertCards, Macro, MoveCards, remove_cards
from app.model.events import Cell, Entity
from app.model.schema import LANE_KIND, Card, CardKind, LaneType, new_id
from app.widgets.canvas.card_tool import CardTool, PaletteDrop, SelectionSync, stack_order
from app.widgets.canvas.clipboard import (
    CARDS_MIME,
    cards_payload,
    left_out_text,
    mime_for,
    paste_command,
    payload_from,
    put_on_clipboard,
)
from app.widgets.canvas.inline_editor import InlineEditor
from app.widgets.canvas.interaction import CanvasContext
from app.widgets.canvas.quick_capture import QuickCapture
from app.widgets.i18n import translate
from app.widgets.undo import notices

ARROWS = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}
def move_label(dx: int, dy: int, n: int) -> str:
    """The undo label of moving ``n`` cards one cell in a direction (literal texts: what
    pyside6-lupdate extracts, plurals included)."""
    if n == 1:
        return {
            (-1, 0): translate("Cards", "Move card left"),
            (1, 0): translate("Cards", "Move card right"),
            (0, -1): translate("Cards", "Move card up"),
            (0, 1): translate("Cards", "Move card down"),
        }[(dx, dy)]
    return {
        (-1, 0): translate("Cards", "Move %n card(s) left", None, n),
        (1, 0): translate("Cards", "Move %n card(s) right", None, n),
        (0, -1): translate("Cards", "Move %n card(s) up", None, n),
        (0, 1): translate("Cards", "Move %n card(s) down", None, n),
    }[(dx, dy)]


class CardActions(QObject):
    canEditChanged = Signal(bool)  # noqa: N815 - cards are selected (edit, delete, copy, cut, duplicate, move)
    canAddChanged = Signal(bool)  # noqa: N815 - there is a cell to add cards to
    canPasteChanged = Signal(bool)  # noqa: N815 - the clipboard holds cards or text, and there is a cell
    cellChanged = Signal(object)  # noqa: N815 - the selected cell, (stage_id, lane_id) or None

    def __init__(self, ctx: CanvasContext, install: bool = True, parent=None):
        super().__init__(parent or ctx.view)  # lives and dies with its view
        self.ctx = ctx
        self.cell: Cell | None = None
        self._marked: Cell | None = None
        self._state: tuple[bool, bool, bool] | None = None
        self.editor = InlineEditor(ctx, self)
        self.tool = CardTool(ctx, self)
        self.sync = SelectionSync(ctx, self)
        self.drop = PaletteDrop(ctx, self)
        if install:
            ctx.view.interaction.tools.append(self.tool)
            if hasattr(ctx.view, "drop_targets"):
                ctx.view.drop_targets.append(self.drop)
            ctx.view.installEventFilter(self)
        self.capture = QuickCapture(self, install)  # typing on a selected cell starts a card
        ctx.selection.changed.connect(self._selection_changed)
        QApplication.clipboard().dataChanged.connect(self._update_state)
        applied = getattr(ctx.scene, "applied", None)
        if applied is not None:
            applied.connect(self._scene_applied)
        self._update_state()

    # ------------------------------------------------------------ state
    @property
    def doc(self):
        return self.ctx.doc

    @property
    def layout(self):
        return self.ctx.layout

    def reset(self) -> None:
        """After another map was opened: forget the cell, close the editor, follow the scene."""
        self.editor.cancel()
        self.cell = None
        self._marked = None
        self.sync.attach()
        self.sync.to_scene()
        self._update_state()

    def selected_ids(self) -> list[str]:
        """The selected cards that exist, in selection order."""
        return [i for i in self.ctx.selection.ids(Entity.CARD) if self.doc.find(Entity.CARD, i) is not None]

    def current_card(self) -> str | None:
        ids = self.selected_ids()
        return ids[-1] if ids else None

    def _valid(self, cell: Cell | None) -> bool:
        return cell is not None and self.layout.cell_rect(*cell) is not None

    def shows_cell(self, cell: Cell) -> bool:
        """Is ``cell`` drawn as the selected cell (it is, and no card is selected)?"""
        return cell == self.cell and not self.selected_ids()

    def set_cell(self, cell: Cell | None) -> None:
        """Make ``cell`` the selected cell (a click on its empty spot, the keyboard)."""
        cell = tuple(cell) if cell is not None else None
        if cell != self.cell:
            self.cell = cell
            self.cellChanged.emit(cell)
        self._refresh_mark()
        self._update_state()

    def select_cell(self, cell: Cell) -> None:
        """Select the cell itself (no card)."""
        self.ctx.selection.clear()
        self.set_cell(cell)
        item = self.ctx.scene.cell_item(cell)
        if item is not None:
            self.ctx.view.ensureVisible(item.mapRectToScene(item.rect), 20, 20)

    def select_card(self, card_id: str) -> None:
        self.ctx.selection.set([(Entity.CARD, card_id)])
        item = self.ctx.scene.card_item(card_id)
        if item is not None:
            self.ctx.view.ensureVisible(item, 20, 20)

    def _refresh_mark(self, force: bool = False) -> None:
        want = self.cell if self._valid(self.cell) and self.shows_cell(self.cell) else None
        if want == self._marked and not force:
            return
        items, old = self.ctx.scene.cell_items, self._marked
        if old is not None and old != want and old in items and items[old].mark == "selected":
            items[old].set_mark("")  # (the same cell keeps its mark: no repaint of a tall cell)
        self._marked = want
        if want is not None and want in items:
            items[want].set_mark("selected")

    def _selection_changed(self) -> None:
        cur = self.current_card()
        if cur is not None:
            card = self.doc.card(cur)
            cell = (card.stage_id, card.lane_id)
            if cell != self.cell:
                self.cell = cell
                self.cellChanged.emit(cell)
        self._refresh_mark()
        self._update_state()

    def _scene_applied(self) -> None:
        self._refresh_mark(force=True)
        self._update_state()

    def can_edit(self) -> bool:
        return bool(self.selected_ids())

    def can_add(self) -> bool:
        return self._target() is not None

    def can_paste(self) -> bool:
        data = QApplication.clipboard().mimeData()
        return data is not None and (data.hasFormat(CARDS_MIME) or data.hasText()) and self.can_add()

    def _update_state(self) -> None:
        state = (self.can_edit(), self.can_add(), self.can_paste())
        if state == self._state:
            return
        old, self._state = self._state, state
        for i, signal in enumerate((self.canEditChanged, self.canAddChanged, self.canPasteChanged)):
            if old is None or old[i] != state[i]:
                signal.emit(state[i])

    def _target(self) -> tuple[Cell, int | None] | None:
        """Where new cards go: after the current card, or at the end of the selected cell, or
        (nothing selected) the end of the first cell."""
        lay = self.layout
        cur = self.current_card()
        if cur is not None:
            geo = lay.card(cur)
            if geo is not None:
                cell = (geo.stage_id, geo.lane_id)
                return cell, lay.cell_cards(cell).index(cur) + 1
        if self._valid(self.cell):
            return self.cell, None
        cells = lay.cells()
        if not cells:
            return None
        plain = [c for c in cells if lay.lanes_by_id[c[1]].type is not LaneType.FEELINGS]
        return (plain or cells)[0], None

    # ------------------------------------------------------------ adding and editing
    def create_card(self, cell: Cell, index: int | None = None, kind: CardKind | str | None = None,
                    edit: bool = True) -> str:
        """Add an empty card to ``cell`` at ``index`` (one undo step), select it and open the
        inline editor on it. Returns its id."""
        lane = self.layout.lanes_by_id.get(cell[1])
        if kind is None:
            kind = LANE_KIND.get(lane.type, CardKind.NOTE) if lane is not None else CardKind.NOTE
        kind = CardKind(kind)
        card = Card(id=new_id("card"), stage_id=cell[0], lane_id=cell[1], kind=kind, pain_point=kind is CardKind.PAIN)
        if not self.ctx.push(InsertCards([card], cell[0], cell[1], index, typing=edit)):
            return ""
        self.select_card(card.id)
        if edit:
            self.editor.open(card.id, new=True)
        return card.id

    def new_card(self) -> bool:
        """A new card in the selected cell, after the current card (Enter)."""
        if self.editor.active:
            self.editor.commit()
            return True
        target = self._target()
        if target is None:
            return False
        self.create_card(*target)
        return True

    def add_card_of_kind(self, kind: CardKind | str) -> bool:
        """A new card of ``kind`` where :meth:`new_card` would put one (palette double-click)."""
        self.editor.commit()
        target = self._target()
        if target is None:
            return False
        self.create_card(target[0], target[1], CardKind(kind))
        return True

    def edit_card(self, card_id: str) -> bool:
        return self.editor.open(card_id)

    def edit_selected(self) -> bool:
        """Edit the current card's title and body in place (F2)."""
        cur = self.current_card()
        if self.editor.active or cur is None:
            return False
        return self.editor.open(cur)

    def close_editor(self, commit: bool = True) -> None:
        if commit:
            self.editor.commit()
        else:
            self.editor.cancel()

    # ------------------------------------------------------------ deleting
    def delete_selected(self, label: str = "") -> bool:
        """Delete the selected cards with their links (one undo step); the card that took the
        current card's place (or its cell) is selected next."""
        ids = self.selected_ids()
        if not ids:
            return False
        self.editor.commit()
        ids = self.selected_ids()
        cur = ids[-1]
        geo = self.layout.card(cur)
        cell = (geo.stage_id, geo.lane_id) if geo else None
        index = self.layout.cell_cards(cell).index(cur) if geo else 0
        gone = set(ids)
        if cell is not None:
            rest = [c for c in self.layout.cell_cards(cell) if c not in gone]
            index = len([c for c in self.layout.cell_cards(cell)[:index] if c not in gone])
        self.ctx.push(remove_cards(self.doc, ids, label))
        if cell is not None and self._valid(cell):
            if rest:
                self.select_card(rest[min(index, len(rest) - 1)])
            else:
                self.select_cell(cell)
        return True

    # ------------------------------------------------------------ clipboard
    def copy(self) -> bool:
        ids = stack_order(self.doc, self.selected_ids())
        if not ids:
            return False
        put_on_clipboard(mime_for(cards_payload(self.doc, ids)))
        return True

    def cut(self) -> bool:
        n = len(self.selected_ids())
        if not self.copy():
            return False
        return self.delete_selected(translate("Cards", "Cut %n card(s)", None, n) if n != 1 else translate("Cards", "Cut card"))

    def paste(self) -> bool:
        """Paste the clipboard's cards into the selected cell, after the current card."""
        self.editor.commit()
        payload = payload_from(QApplication.clipboard().mimeData())
        target = self._target()
        if payload is None or target is None:
            return False
        (stage_id, lane_id), index = target
        command, ids = paste_command(self.doc, payload, stage_id, lane_id, index)
        if not self.ctx.push(command):
            return False  # refused (a line too long for a title): reported, nothing pasted
        if left_out_text(payload):
            notices(self.ctx.undo_stack).noted.emit(left_out_text(payload))
        self.ctx.selection.set([(Entity.CARD, i) for i in ids])
        item = self.ctx.scene.card_item(ids[-1])
        if item is not None:
            self.ctx.view.ensureVisible(item, 20, 20)
        return True

    def duplicate(self) -> bool:
        """Copies of the selected cards right after the originals, each in its cell (one step);
        links among them are copied too. The copies are selected."""
        ids = stack_order(self.doc, self.selected_ids())
        if not ids:
            return False
        self.editor.commit()
        lay = self.layout
        by_cell: dict[Cell, list[str]] = {}
        for cid in ids:
            c = self.doc.card(cid)
            by_cell.setdefault((c.stage_id, c.lane_id), []).append(cid)
        parts: list[Command] = []
        new_ids: list[str] = []
        mapping: dict[str, str] = {}
        for cell, cids in by_cell.items():
            stack = lay.cell_cards(cell)
            index = max((stack.index(c) for c in cids if c in stack), default=len(stack) - 1) + 1
            payload = {"cards": [self.doc.card(c) for c in cids], "links": []}
            command, fresh = paste_command(self.doc, payload, cell[0], cell[1], index)
            parts.extend(command.commands)
            mapping.update(zip(cids, fresh, strict=True))
            new_ids += fresh
        chosen = set(ids)
        for lk in self.doc.links_of(chosen):
            if lk.source_id in chosen and lk.target_id in chosen:
                copy = lk.model_copy(deep=True)
                copy.id = new_id("link")
                copy.source_id, copy.target_id = mapping[lk.source_id], mapping[lk.target_id]
                parts.append(Insert(Entity.LINK, copy))
        n = len(new_ids)
        self.ctx.push(Macro(translate("Cards", "Duplicate card") if n == 1 else translate("Cards", "Duplicate %n card(s)", None, n), parts))
        self.ctx.selection.set([(Entity.CARD, i) for i in new_ids])
        return True

    # ------------------------------------------------------------ selection
    def select_all(self) -> bool:
        """Select every card of the map."""
        ids = stack_order(self.doc, [c.id for c in self.doc.map.cards])
        self.ctx.selection.set([(Entity.CARD, i) for i in ids])
        return bool(ids)

    def _neighbour(self, cell: Cell, dx: int, dy: int) -> Cell | None:
        lay = self.layout
        if cell[0] not in lay.stage_ids or cell[1] not in lay.lane_ids:
            return None
        s = lay.stage_ids.index(cell[0]) + dx
        ln = lay.lane_ids.index(cell[1]) + dy
        if 0 <= s < len(lay.stage_ids) and 0 <= ln < len(lay.lane_ids):
            return (lay.stage_ids[s], lay.lane_ids[ln])
        return None

    def _nearest(self, cell: Cell, y: float) -> str | None:
        best, dist = None, None
        for cid in self.layout.cell_cards(cell):
            r = self.layout.card_rect(cid)
            d = abs(r.y + r.h / 2 - y)
            if dist is None or d < dist:
                best, dist = cid, d
        return best

    def _go(self, cell: Cell, card_id: str | None) -> bool:
        if card_id is None:
            self.select_cell(cell)
        else:
            self.select_card(card_id)
        return True

    def select_neighbour(self, dx: int, dy: int) -> bool:
        """Move the selection to the next card up/down in the stack (and on into the lane above
        or below), or to the nearest card of the neighbouring stage's cell; empty cells are
        selected themselves (arrow keys)."""
        lay = self.layout
        cur = self.current_card()
        geo = lay.card(cur) if cur else None
        if geo is not None:
            cell = (geo.stage_id, geo.lane_id)
            stack = lay.cell_cards(cell)
            i = stack.index(cur)
            if dy and 0 <= i + dy < len(stack):
                return self._go(cell, stack[i + dy])
            ref_y = geo.rect.cy
        elif self._valid(self.cell):
            cell = self.cell
            stack = lay.cell_cards(cell)
            if dy > 0 and stack:
                return self._go(cell, stack[0])
            ref_y = lay.cell_rect(*cell).y
        else:
            target = self._target()
            if target is None:
                return False
            cell = target[0]
            stack = lay.cell_cards(cell)
            return self._go(cell, stack[0] if stack else None)
        nxt = self._neighbour(cell, dx, dy)
        if nxt is None:
            return False
        stack = lay.cell_cards(nxt)
        if not stack:
            return self._go(nxt, None)
        if dy < 0:
            return self._go(nxt, stack[-1])
        if dy > 0:
            return self._go(nxt, stack[0])
        return self._go(nxt, self._nearest(nxt, ref_y))

    def move_selected(self, dx: int, dy: int) -> bool:
        """Move the selected cards into the neighbouring cell (stage left/right keeping their
        place in the stack, lane up: to the end, lane down: to the top). One undo step."""
        ids = self.selected_ids()
        cur = self.current_card()
        geo = self.layout.card(cur) if cur else None
        if not ids or geo is None:
            return False
        self.editor.commit()
        cell = (geo.stage_id, geo.lane_id)
        nxt = self._neighbour(cell, dx, dy)
        if nxt is None:
            return False
        if dx:
            index = self.layout.cell_cards(cell).index(cur)
        else:
            index = None if dy < 0 else 0
        n = len(ids)
        label = move_label(dx, dy, n)
        self.ctx.push(MoveCards(stack_order(self.doc, ids), nxt[0], nxt[1], index, label=label))
        self.set_cell(nxt)
        item = self.ctx.scene.card_item(cur)
        if item is not None:
            self.ctx.view.ensureVisible(item, 20, 20)
        return True

    # ------------------------------------------------------------ keys on the view
    def handle_key(self, event) -> bool:
        """Act on a key press on the canvas; True when it was used."""
        if self.editor.active or self.ctx.view.interaction.gesture is not None:
            return False
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        plain = not (mods & ~Qt.KeyboardModifier.KeypadModifier)
        if key in ARROWS:
            dx, dy = ARROWS[key]
            if ctrl and not mods & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier):
                return self.move_selected(dx, dy)
            if plain:
                return self.select_neighbour(dx, dy)
            return False
        if plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self.new_card()
        if plain and key == Qt.Key.Key_F2:
            return self.edit_selected()
        if plain and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            return self.delete_selected()
        if event.matches(QKeySequence.StandardKey.Copy):
            return self.copy()
        if event.matches(QKeySequence.StandardKey.Cut):
            return self.cut()
        if event.matches(QKeySequence.StandardKey.Paste):
            return self.paste()
        if event.matches(QKeySequence.StandardKey.SelectAll):
            return self.select_all()
        if ctrl and key == Qt.Key.Key_D and not mods & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier):
            return self.duplicate()
        return False

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.ctx.view and event.type() == QEvent.Type.KeyPress:
            if self.handle_key(event):
                event.accept()
                return True
        return super().eventFilter(watched, event)
