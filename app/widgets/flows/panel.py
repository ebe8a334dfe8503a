"""The Flows dock: the touchpoint graph of :mod:`app.model.flows` as a list to click through.

Sections: hand-offs between owners (grouped by the two owners), stages no link reaches, orphans (touchpoints and processes
with no link), the longest flow (with the links left out to break cycles), and a path finder
(two card pickers). Choosing an entry, by mouse or keyboard, highlights it on the map through
the shared :class:`~app.widgets.selection.Selection` (cards and stages are selected, links glow
as selected links do) and asks ``reveal`` to bring it into view. The dock edits nothing.

It follows the document: after a change that can alter the graph (cards added, removed or
moved, their owner, title or kind changed, links, stages) it computes the lists again, once,
shortly after the burst, and only while it is shown (:class:`~app.widgets.analysis.lazy.LazyRefresh`:
hidden, it is stale and computes when shown).

Wiring in the main window::

    self.flows = FlowsPanel(doc, self.selection, reveal=lambda items: reveal_on_canvas(scene, view, items))
    # when another map is opened: self.flows.set_document(doc)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model import flows
from app.model.document import Document
from app.model.events import Change, Entity, Op
from app.model.schema import Map
from app.widgets.analysis.lazy import LazyPanel, LazyRefresh
from app.widgets.i18n import translate
from app.widgets.plaintext import literal, plain_label
from app.widgets.selection import Item, Selection

ITEMS_ROLE = Qt.ItemDataRole.UserRole  # an entry's list of (Entity, id) to highlight
_GRAPH_FIELDS = {"owner", "title", "kind", "stage_id", "source_id", "target_id", "name"}
_GRAPH_ENTITIES = {Entity.CARD, Entity.LINK, Entity.STAGE}
ARROW = " → "


_PICKER_FIELDS = frozenset({"title", "stage_id", "lane_id", "order"})  # what a picker entry shows or sorts by


def only_card_fields(changes: list[Change] | None, fields: frozenset[str] = frozenset()) -> bool:
    """Did ``changes`` (None: unknown) only edit cards' fields, none of ``fields``?"""
    return changes is not None and all(
        c.entity is Entity.CARD and c.op is Op.UPDATE and not c.fields & fields for c in changes
    )


def graph_changed(changes: list[Change]) -> bool:
    """Can these changes alter what the dock shows?"""
    for c in changes:
        if c.entity is Entity.MAP and c.op is not Op.UPDATE:
            return True
        if c.entity in _GRAPH_ENTITIES and (c.op is not Op.UPDATE or c.fields & _GRAPH_FIELDS):
            return True
    return False


class FlowsPanel(QWidget, LazyPanel):
    highlighted = Signal(list)  # the (Entity, id) items an entry highlighted

    def __init__(self, doc: Document, selection: Selection, reveal: Callable[[list[Item]], None] | None = None,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.selection = selection
        self.reveal = reveal
        self.doc: Document | None = None
        self._unfollow: Callable[[], None] | None = None
        self.lazy = LazyRefresh(self, lambda changes: self._compute(changes), graph_changed)
        self._flow: flows.Flow | None = None  # the longest flow shown (kept while only card fields change)

        self.tree = QTreeWidget()
        self.tree.setObjectName("flowsTree")
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setAccessibleName(translate("Flows", "Flows of the map"))
        self.tree.currentItemChanged.connect(self._entry_chosen)
        self.tree.itemClicked.connect(lambda item, _col: self._show_entry(item))

        self.source = _card_picker("pathFrom")
        self.target = _card_picker("pathTo")
        self._picker_cards: list[tuple[str, str]] | None = None  # what the pickers list now
        self._shown_sections: dict[str, Entry] = {}  # what the tree shows now, by section
        self.find_button = QPushButton(translate("Flows", "Find Path"))
        self.find_button.setObjectName("findPath")
        self.find_button.clicked.connect(self.find_path)
        self.path_result = plain_label()
        self.path_result.setObjectName("pathResult")
        self.path_result.setWordWrap(True)
        finder = QGroupBox(translate("Flows", "Path between two cards"))
        form = QFormLayout(finder)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(translate("Flows", "From"), self.source)
        form.addRow(translate("Flows", "To"), self.target)
        # a screen reader names the typing field of each picker, and the tree's hidden header
        self.source.lineEdit().setAccessibleName(translate("Flows", "Path from card"))
        self.target.lineEdit().setAccessibleName(translate("Flows", "Path to card"))
        self.tree.header().setAccessibleName(translate("Flows", "Flows of the map"))
        self.selected_button = QPushButton(translate("Flows", "Path Between Selected Cards"))
        self.selected_button.setObjectName("pathFromSelection")
        self.selected_button.setToolTip(
            translate("Flows", "Select two cards on the map (Ctrl+click), then find the path")
        )
        self.selected_button.clicked.connect(self.find_selected_path)
        buttons = QHBoxLayout()
        buttons.addWidget(self.find_button)
        buttons.addWidget(self.selected_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        selection.changed.connect(self._selection_changed)
        form.addRow(self.path_result)
        self.path_items: list[Item] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tree, 1)
        layout.addWidget(finder)
        self.set_document(doc)
        self._selection_changed()

    # ---------------------------------------------------------------- document
    def set_document(self, doc: Document) -> None:
        self.path_result.setText("")
        self.path_items = []
        self._flow = None
        LazyPanel.set_document(self, doc)

    # ---------------------------------------------------------------- lists
    def refresh(self) -> None:
        """Compute the flows again from the whole map and show them (expanded sections and
        pickers kept), now."""
        self._flow = None
        LazyPanel.refresh(self)

    def _compute(self, changes: list[Change] | None = None) -> None:
        """Build again only the sections whose entries changed (an owner edited far from any
        link leaves the orphans' thousands of rows as they are); a section built again keeps
        whether it was expanded. ``changes`` (None: unknown) that only edited cards' fields keep
        the longest flow (it follows the links and the cards' order), and the card pickers unless
        a title or a place changed."""
        m = self.doc.map
        if self._flow is None or not only_card_fields(changes):
            self._flow = flows.longest_flow(m)
        self.tree.blockSignals(True)
        try:
            for index, (key, entry) in enumerate(self._sections(m, self._flow)):
                old = self.tree.topLevelItem(index)
                if old is not None and self._shown_sections.get(key) == entry:
                    continue
                expanded = old.isExpanded() if old is not None else True
                section = _build(entry)
                section.setData(0, Qt.ItemDataRole.UserRole + 1, key)
                if old is not None:
                    self.tree.takeTopLevelItem(index)
                self.tree.insertTopLevelItem(index, section)
                section.setExpanded(expanded)
                self._shown_sections[key] = entry
        finally:
            self.tree.blockSignals(False)
        if self._picker_cards is None or not only_card_fields(changes, _PICKER_FIELDS):
            self._fill_pickers(m)

    def _sections(self, m: Map, flow: flows.Flow) -> list[tuple[str, Entry]]:
        cards = {c.id: c for c in m.cards}
        stages = {s.id: s.name for s in m.stages}
        links = {lk.id: lk for lk in m.links}

        def title(cid: str) -> str:
            return cards[cid].title or translate("Flows", "(untitled card)")

        found = flows.handoffs(m)
        pairs: dict[tuple[str, str], list[flows.Handoff]] = {}  # by owners, in the order they first hand off
        for h in found:
            pairs.setdefault((h.from_owner, h.to_owner), []).append(h)
        by_owners = []
        for (giver, taker), group in pairs.items():
            owners = ARROW.join(o or translate("Flows", "(no owner)") for o in (giver, taker))
            steps = [((Entity.LINK, h.link_id), (Entity.CARD, h.source), (Entity.CARD, h.target)) for h in group]
            children = tuple(Entry(f"{title(h.source)}{ARROW}{title(h.target)}", None, step)
                             for h, step in zip(group, steps, strict=True))  # fmt: skip
            by_owners.append(Entry(f"{owners} ({len(group)})", owners,
                                   (*(it for step in steps for it in step if it[0] is Entity.LINK),
                                    *(it for step in steps for it in step if it[0] is Entity.CARD)), children))  # fmt: skip
        handoffs = Entry(translate("Flows", "Hand-offs ({n})").format(n=len(found)), children=tuple(by_owners))

        found = flows.stage_gaps(m)
        names = [stages[sid] or translate("Flows", "(unnamed stage)") for sid in found]
        gaps = Entry(translate("Flows", "Stages no link reaches ({n})").format(n=len(found)),
                     children=tuple(Entry(name, None, ((Entity.STAGE, sid),)) for sid, name in zip(found, names, strict=True)))  # fmt: skip

        found = flows.orphans(m)
        orphans = Entry(translate("Flows", "Orphans: no link ({n})").format(n=len(found)), children=tuple(
            Entry(title(cid), f"{stages.get(cards[cid].stage_id, '')} › {title(cid)}", ((Entity.CARD, cid),))
            for cid in found))  # fmt: skip

        entries = [Entry(f"{i}. {title(cid)}", title(cid), ((Entity.CARD, cid),)) for i, cid in enumerate(flow.cards, 1)]
        for lid in flow.left_out:
            lk = links[lid]
            text = translate("Flows", "Left out, it closes a cycle: {source} → {target}").format(
                source=title(lk.source_id), target=title(lk.target_id))  # fmt: skip
            entries.append(Entry(text, None, ((Entity.LINK, lid), (Entity.CARD, lk.source_id), (Entity.CARD, lk.target_id))))
        whole = (*((Entity.LINK, lid) for lid in flow.links), *((Entity.CARD, cid) for cid in flow.cards))
        longest = Entry(translate("Flows", "Longest flow ({n} cards)").format(n=len(flow.cards)), None, whole,
                        tuple(entries))  # fmt: skip
        return [("handoffs", handoffs), ("gaps", gaps), ("orphans", orphans), ("longest", longest)]

    def _fill_pickers(self, m: Map) -> None:
        stage_rank = {s.id: i for i, s in enumerate(m.stages)}
        stage_name = {s.id: s.name for s in m.stages}
        lane_rank = {lane.id: i for i, lane in enumerate(m.lanes)}
        ordered = sorted(
            m.cards, key=lambda c: (stage_rank.get(c.stage_id, 0), lane_rank.get(c.lane_id, 0), c.order)
        )
        untitled = translate("Flows", "(untitled card)")
        entries = [(c.id, f"{stage_name.get(c.stage_id, '')} › {c.title or untitled}") for c in ordered]
        if entries == self._picker_cards:
            return  # an owner or a link changed: the pickers stay as they are (10,000 cards cost)
        self._picker_cards = entries
        for combo in (self.source, self.target):
            kept = picked(combo)
            combo.blockSignals(True)
            combo.clear()
            for ident, label in entries:
                combo.addItem(label, ident)
            index = combo.findData(kept) if kept is not None else -1
            combo.setCurrentIndex(max(index, 0) if combo.count() else -1)
            combo.blockSignals(False)

    # ---------------------------------------------------------------- choosing
    def _entry_chosen(self, current: QTreeWidgetItem | None, _previous=None) -> None:
        if current is not None:
            self._show_entry(current)

    def _show_entry(self, item: QTreeWidgetItem) -> None:
        items = item.data(0, ITEMS_ROLE)
        if items:
            self.highlight(items)

    def highlight(self, items: list[Item]) -> None:
        """Select ``items`` on the map and bring them into view."""
        items = [(Entity(e), i) for e, i in items]
        items = [it for it in items if self.doc.find(*it) is not None]
        self.selection.set(items)
        if self.reveal is not None and items:
            self.reveal(items)
        self.highlighted.emit(items)

    def _selection_changed(self) -> None:
        self.selected_button.setEnabled(len(self.selection.ids(Entity.CARD)) >= 2)

    def find_selected_path(self) -> None:
        """The path between the first two selected cards (in the order they were selected)."""
        cards = self.selection.ids(Entity.CARD)[:2]
        if len(cards) < 2:
            return
        self.lazy.ensure()
        for combo, ident in zip((self.source, self.target), cards, strict=True):
            combo.setCurrentIndex(combo.findData(ident))
        self.find_path()

    def find_path(self) -> None:
        """The path finder's button: the chain of links between the two chosen cards."""
        a, b = picked(self.source), picked(self.target)
        if (
            a is None
            or b is None
            or self.doc.find(Entity.CARD, a) is None
            or self.doc.find(Entity.CARD, b) is None
        ):
            self.path_result.setText(translate("Flows", "Choose two cards."))
            return
        path = flows.find_path(self.doc.map, a, b)
        if not path:
            self.path_items = []
            self.path_result.setText(translate("Flows", "No links join these two cards."))
            self.highlight([(Entity.CARD, a), (Entity.CARD, b)])
            return
        n = len(path.cards)
        if path.directed:
            text = translate("Flows", "{n} cards along the links.").format(n=n)
        else:
            text = translate("Flows", "{n} cards, partly against the links' direction.").format(n=n)
        self.path_result.setText(text)
        self.path_items = [
            *((Entity.LINK, lid) for lid in path.links),
            *((Entity.CARD, cid) for cid in path.cards),
        ]
        self.highlight(self.path_items)

    # ---------------------------------------------------------------- queries (tests)
    def section(self, key: str) -> QTreeWidgetItem:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole + 1) == key:
                return item
        raise KeyError(key)


def _card_picker(name: str) -> QComboBox:
    """A card picker: choose from the list, or type part of a title to find it."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.completer().setFilterMode(Qt.MatchFlag.MatchContains)
    combo.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    return combo


def picked(combo: QComboBox) -> str | None:
    """The id of the card a picker names: its current entry, or the entry whose text was typed."""
    text = combo.currentText()
    index = combo.currentIndex()
    if index < 0 or combo.itemText(index) != text:
        index = combo.findText(text, Qt.MatchFlag.MatchExactly)
    return combo.itemData(index) if index >= 0 else None


class Entry(NamedTuple):
    """One row of the tree as data (compared with the row shown to build only what changed):
    plain ``text``, its tooltip (``None``: the text itself; a section header has none), the
    (Entity, id) items it highlights, and its child rows."""

    text: str
    tip: str | None = None
    items: tuple[Item, ...] = ()
    children: tuple[Entry, ...] = ()


def _build(entry: Entry, parent: QTreeWidgetItem | None = None) -> QTreeWidgetItem:
    """The tree item of ``entry`` and its children: plain text (tree items never read markup),
    the tooltip made literal."""
    item = QTreeWidgetItem(parent) if parent is not None else QTreeWidgetItem()
    item.setText(0, entry.text)
    if parent is not None:  # a section header has no tooltip
        item.setToolTip(0, literal(entry.tip if entry.tip is not None else entry.text))
    if entry.items:
        item.setData(0, ITEMS_ROLE, list(entry.items))
    for child in entry.children:
        _build(child, item)
    return item
