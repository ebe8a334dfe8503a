"""The Analysis and Flows docks work only when shown (issue 11's leftover, issue 12's join): a
hidden dock computes nothing when a map is opened or edited, and shows the current map as soon
as it is shown; a shown dock computes once per burst of edits, and an edit of cards' fields
ranks only those cards again. The work is counted where it is done (the ranking, the flows'
graph, the chart), not by the docks' own counters alone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.model import commands as cmd
from app.model import flows as flow_model
from app.model import priorities as priority_model
from app.model.events import Entity
from app.model.priorities import priority_rows
from app.model.schema import Link
from app.widgets.analysis import matrix as matrix_tab
from benchmarks.generate import generate_map
from tests.main_window_support import Windows

CARDS = 120


class Work:
    """Counts the calls of the functions that do the docks' work."""

    def __init__(self, monkeypatch):
        self.calls: dict[str, int] = {}
        self._spy(monkeypatch, priority_model.PriorityRanking, "__init__", "rank")
        self._spy(monkeypatch, priority_model.PriorityRanking, "rerank", "rerank")
        self._spy(monkeypatch, flow_model, "handoffs", "flows")
        self._spy(monkeypatch, matrix_tab, "matrix_chart", "chart")

    def _spy(self, monkeypatch, owner, name: str, key: str) -> None:
        original = getattr(owner, name)

        def counted(*args, **kwargs):
            self.calls[key] = self.calls.get(key, 0) + 1
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, counted)

    def __getitem__(self, key: str) -> int:
        return self.calls.get(key, 0)

    def reset(self) -> None:
        self.calls.clear()


@pytest.fixture
def window(qtbot, tmp_path):
    return Windows(qtbot, tmp_path).make(generate_map(CARDS, seed=3))


def show_dock(window, qtbot, name: str):
    dock = window.docks.docks[name]
    if not dock.isVisible():
        window.actions_by_name[f"toggle_{name}"].trigger()
    dock.setFloating(True)
    dock.resize(700, 600)
    dock.show()
    dock.raise_()
    panel = window.analysis if name == "analysis" else window.flows
    qtbot.waitUntil(lambda: dock.isVisible() and panel.lazy.shown())
    return panel


def hide_dock(window, qtbot, name: str) -> None:
    dock = window.docks.docks[name]
    dock.close()
    qtbot.waitUntil(lambda: not dock.isVisible())


def vote(window, card_id: str, votes: int) -> None:
    assert window.session.push(cmd.Edit(Entity.CARD, card_id, {"votes": votes}))


def test_hidden_docks_compute_nothing_on_open_and_edits_and_catch_up_when_shown(window, qtbot, monkeypatch):
    analysis, flows = window.analysis, window.flows
    for panel in (analysis, flows):  # tabs behind the lower right docks: out of sight, for Qt "visible"
        assert panel.visibleRegion().isEmpty() and not panel.lazy.shown()
    work = Work(monkeypatch)
    m = generate_map(CARDS, seed=4)
    window.session.undo_stack.setClean()
    assert window.session.new_document(m)
    card = window.doc.map.cards[7].id
    vote(window, card, 42)
    assert window.session.push(cmd.Edit(Entity.CARD, card, {"owner": "Nobody Else"}))
    target = window.doc.map.cards[8].id
    assert window.session.push(cmd.add_link(Link(id="new-link", source_id=card, target_id=target)))
    qtbot.wait(400)  # longer than the docks' wait for the end of a burst
    assert work.calls == {}
    assert analysis.stale and flows.stale
    assert analysis.priorities.map is not window.doc.map

    panel = show_dock(window, qtbot, "analysis")
    assert not panel.stale and work["rank"] == 1 and work["flows"] == 0  # the flows dock is still hidden
    rows = {r.card_id: r for r in panel.priorities.rows}
    assert rows[card].votes == 42 and rows[card].owner == "Nobody Else"
    assert panel.priorities.rows == priority_rows(window.doc.map)  # the current map, with its new link
    assert panel.priorities.map is window.doc.map

    panel = show_dock(window, qtbot, "flows")
    assert not panel.stale and work["flows"] == 1
    handoffs = panel.section("handoffs")
    steps = [handoffs.child(i).child(j).data(0, Qt.ItemDataRole.UserRole)
             for i in range(handoffs.childCount()) for j in range(handoffs.child(i).childCount())]  # fmt: skip
    assert [(Entity.LINK, "new-link"), (Entity.CARD, card), (Entity.CARD, target)] in steps


def test_a_dock_hidden_again_stops_computing(window, qtbot, monkeypatch):
    show_dock(window, qtbot, "analysis")
    show_dock(window, qtbot, "flows")
    hide_dock(window, qtbot, "analysis")
    hide_dock(window, qtbot, "flows")
    work = Work(monkeypatch)
    for i in range(5):
        vote(window, window.doc.map.cards[i].id, 30 + i)
        assert window.session.push(cmd.Edit(Entity.CARD, window.doc.map.cards[i].id, {"owner": f"O{i}"}))
    qtbot.wait(400)
    assert work.calls == {} and window.analysis.stale and window.flows.stale
    panel = show_dock(window, qtbot, "analysis")
    # shown again after a few edits of cards' fields: those cards ranked again, not the map
    assert work["rank"] == 0 and work["rerank"] == 1
    assert panel.priorities.rows == priority_rows(window.doc.map)


def test_shown_docks_compute_once_per_burst(window, qtbot, monkeypatch):
    analysis = show_dock(window, qtbot, "analysis")
    flows = show_dock(window, qtbot, "flows")
    work = Work(monkeypatch)
    before = analysis.lazy.computed, flows.lazy.computed
    cards = window.doc.map.cards
    for i in range(12):  # a burst: faster than the docks' wait
        assert window.session.push(cmd.Edit(Entity.CARD, cards[i].id, {"votes": 50 + i, "owner": f"Team {i % 3}"}))
    assert analysis.stale and flows.stale
    qtbot.waitUntil(lambda: not analysis.stale and not flows.stale)
    qtbot.wait(300)  # nothing more comes
    assert (analysis.lazy.computed - before[0], flows.lazy.computed - before[1]) == (1, 1)
    assert work["rerank"] == 1 and work["rank"] == 0 and work["flows"] == 1
    assert analysis.priorities.rows == priority_rows(window.doc.map)


def test_an_edit_of_card_fields_ranks_only_those_cards_and_others_rank_all(window, qtbot, monkeypatch):
    panel = show_dock(window, qtbot, "analysis")
    work = Work(monkeypatch)
    card = window.doc.map.cards[3].id
    vote(window, card, 77)
    qtbot.waitUntil(lambda: not panel.stale)
    assert work["rerank"] == 1 and work["rank"] == 0
    assert next(r for r in panel.priorities.rows if r.card_id == card).votes == 77
    assert panel.priorities.rows == priority_rows(window.doc.map)
    work.reset()
    # a link changes the centralities of its cards: the whole map is ranked again
    other = window.doc.map.cards[4].id
    assert window.session.push(cmd.add_link(Link(id="lk-new", source_id=card, target_id=other)))
    qtbot.waitUntil(lambda: not panel.stale)
    assert work["rank"] == 1
    assert panel.priorities.rows == priority_rows(window.doc.map)
    window.session.undo_stack.undo()
    qtbot.waitUntil(lambda: not panel.stale)
    assert panel.priorities.rows == priority_rows(window.doc.map)


def test_the_chart_is_computed_only_while_its_tab_shows(window, qtbot, monkeypatch):
    panel = show_dock(window, qtbot, "analysis")
    panel.tabs.setCurrentWidget(panel.priorities)
    qtbot.waitUntil(panel.priorities.table.isVisible)
    work = Work(monkeypatch)
    card = window.doc.map.cards[0]
    rating = 1 if card.performance_customer != 1 else 2
    assert window.session.push(cmd.Edit(Entity.CARD, card.id, {"performance_customer": rating}))
    qtbot.waitUntil(lambda: not panel.stale)
    qtbot.wait(50)
    assert work["chart"] == 0 and work["rerank"] == 1  # the list follows; the chart waits for its tab
    panel.tabs.setCurrentWidget(panel.matrix)
    qtbot.waitUntil(lambda: work["chart"] >= 1)
    chart = panel.matrix.chart_view.chart()
    assert [mk.card_id for mk in chart.markers if mk.card_id == card.id]
    work.reset()
    vote(window, card.id, 99)  # a vote is in the list only: the chart is not computed again
    qtbot.waitUntil(lambda: not panel.stale)
    panel.matrix.chart_view.repaint()
    assert work["chart"] == 0 and panel.matrix.chart_view.chart() is chart
