"""The Vote dock: whose turn it is, the ranked results, and the buttons to move on and close.

While the vote is open the list ranks the cards of the vote by their dots (ties in map order),
with each voter's dots; while its counts are hidden it shows only how many dots each voter has
used. After the vote closes it shows the final ranking until another vote opens or another map
is opened. The dock shows itself when a vote opens.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model.events import Entity
from app.model.voting import dots_left, ranking
from app.widgets.i18n import translate
from app.widgets.plaintext import literal, plain_label
from app.widgets.workshop.vote_session import VoteSession, card_name

NAME = "vote"
MAX_ROWS = 100  # the ranking's rows listed
VOTERS_WIDTH = 90  # px: the card's name gets the rest (every voter in the tooltip)
WIDTH = 340  # px: the dock's width while a vote is open, if it was narrower


def voters_text(by_voter: dict[str, int]) -> str:
    return ", ".join(f"{name} {n}" for name, n in by_voter.items())


class VotePanel(QWidget):
    def __init__(self, session: VoteSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("votePanel")
        self.heading = plain_label()
        self.heading.setObjectName("voteHeading")
        self.heading.setWordWrap(True)
        self.voters = QComboBox()
        self.voters.setObjectName("voterPicker")
        self.voters.setAccessibleName(translate("Vote", "Who votes now"))
        self.next_button = QPushButton(translate("Vote", "Next Voter"))
        self.next_button.setObjectName("nextVoter")
        self.results = QTreeWidget()
        self.results.setObjectName("voteResults")
        self.results.setRootIsDecorated(False)
        self.results.setAccessibleName(translate("Vote", "Cards ranked by their dots"))
        self.results.header().setAccessibleName(translate("Vote", "Cards ranked by their dots"))
        self.results.setHeaderLabels(
            [
                translate("Vote", "#"),
                translate("Vote", "Card"),
                translate("Vote", "Dots"),
                translate("Vote", "Voters"),
            ]
        )
        header = self.results.header()
        header.setStretchLastSection(False)
        for column in (0, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the card's name
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)  # who gave the dots
        header.resizeSection(3, VOTERS_WIDTH)
        self.more = plain_label()
        self.more.setObjectName("voteMore")
        self.more.setWordWrap(True)
        self.close_button = QPushButton(translate("Vote", "Close Vote"))
        self.close_button.setObjectName("closeVote")
        self.close_button.setToolTip(
            translate("Vote", "Write each card's dots into its votes and end the vote")
        )
        self.open_button = QPushButton(translate("Vote", "Open Vote…"))
        self.open_button.setObjectName("openVote")

        turn = QHBoxLayout()
        turn.addWidget(self.voters, 1)
        turn.addWidget(self.next_button)
        ends = QHBoxLayout()
        ends.addWidget(self.open_button)
        ends.addStretch(1)
        ends.addWidget(self.close_button)
        box = QVBoxLayout(self)
        box.addWidget(self.heading)
        box.addLayout(turn)
        box.addWidget(self.results, 1)
        box.addWidget(self.more)
        box.addLayout(ends)

        self.voters.activated.connect(lambda i: session.set_voter(self.voters.itemData(i)))
        self.next_button.clicked.connect(session.next_voter)
        self.close_button.clicked.connect(session.close)
        self.open_button.clicked.connect(session.open_dialog)
        session.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        s = self.session
        vote = s.vote
        open_ = vote is not None
        for w in (self.voters, self.next_button, self.close_button):
            w.setEnabled(open_)
        self.open_button.setEnabled(not open_)
        self.voters.clear()
        self.results.clear()
        self.more.clear()
        if not open_:
            self.heading.setText(
                translate("Vote", "Result of the last vote:")
                if s.final
                else translate("Vote", "No vote is open.")
            )
            self._rows(s.final or [])
            return
        self.heading.setText(self._heading(vote))
        for ballot in vote.ballots:
            left = dots_left(vote, ballot.voter)
            self.voters.addItem(
                translate("Vote", "{voter} ({left} of {budget} left)").format(
                    voter=ballot.voter, left=left, budget=vote.budget
                ),
                ballot.voter,
            )
        if s.voter is not None:
            self.voters.setCurrentIndex(self.voters.findData(s.voter))
        if vote.hidden:
            return
        results = ranking(s.doc)
        self._rows(
            [(card_name(s.doc.card(r.card_id)), r.dots, r.by_voter) for r in results[:MAX_ROWS]], len(results)
        )

    def _rows(self, rows: list[tuple[str, int, dict[str, int]]], total: int | None = None) -> None:
        """The first MAX_ROWS of the ranking (a long list would cost every dot a long redraw)."""
        for rank, (name, dots, by_voter) in enumerate(rows[:MAX_ROWS], 1):
            self._row(rank, name, dots, by_voter)
        total = len(rows) if total is None else total
        if total > MAX_ROWS:
            self.more.setText(
                translate("Vote", "{n} more cards with as many dots or fewer are not listed.").format(
                    n=total - MAX_ROWS
                )
            )

    def _heading(self, vote) -> str:
        if vote.lane_id is None:
            scope = translate("Vote", "all cards")
        else:
            lane = self.session.doc.find(Entity.LANE, vote.lane_id)
            scope = lane.name if lane is not None else translate("Vote", "a lane that no longer exists")
        text = translate("Vote", "Vote on {scope}: {budget} dots per person.").format(
            scope=scope, budget=vote.budget
        )
        if vote.hidden:
            text += " " + translate("Vote", "The counts are hidden until the vote closes.")
        return text

    def _row(self, rank: int, name: str, dots: int, by_voter: dict[str, int]) -> None:
        who = voters_text(by_voter)
        item = QTreeWidgetItem([str(rank), name, str(dots), who])
        item.setToolTip(1, literal(name))
        item.setToolTip(3, literal(who))
        item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.results.addTopLevelItem(item)

    def rows(self) -> list[tuple[str, int]]:
        """(card, dots) of each row, top to bottom (what the list shows)."""
        out = []
        for i in range(self.results.topLevelItemCount()):
            item = self.results.topLevelItem(i)
            out.append((item.text(1), int(item.text(2))))
        return out


def add_vote_dock(window, session: VoteSession) -> QDockWidget:
    """The Vote dock of ``window`` (right side, hidden until a vote opens, listed in the View
    menu). Call before the menus are built."""
    panel = VotePanel(session)
    dock = QDockWidget(translate("Docks", "Vote"), window)
    dock.setObjectName(NAME)
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()
    window.docks.docks[NAME] = dock  # View > Vote
    state = {"open": session.vote is not None}

    def show_when_opened() -> None:
        now = session.vote is not None
        if now and not state["open"]:
            dock.show()
            dock.raise_()
            if dock.width() < WIDTH and not dock.isFloating():
                window.resizeDocks([dock], [WIDTH], Qt.Orientation.Horizontal)
        state["open"] = now

    session.changed.connect(show_when_opened)
    return dock
