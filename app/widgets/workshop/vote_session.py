"""Dot voting in the editor: who votes now, clicks on cards as dots, open and close.

The vote itself lives in the map (``Map.vote``, rules and commands in :mod:`app.model.voting`):
autosave and crash recovery keep every dot, each dot is one undo step, and undo or redo of any
step brings the vote back as it was. Only the turn (:attr:`VoteSession.voter`, who clicks now)
and the results of the last closed vote (:attr:`VoteSession.final`) belong to this session.
What it has to say goes to the status bar, and while that is hidden (presenting) into a tooltip
over the map.

While a vote is open, :class:`VoteTool` (the view's tool just before the card tool) takes every
left click on a card (Alt+click still starts a link): a card of the vote gets one dot of the
current voter; a card outside the vote, a spent budget or no voter chosen changes nothing and
the status bar says why.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, QPointF, QRect, Qt, Signal
from PySide6.QtWidgets import QToolTip

from app.model.events import Entity
from app.model.voting import (
    Refusal,
    VoteRefused,
    cast_dot,
    close_vote,
    discard_vote,
    dots_left,
    find_ballot,
    open_vote,
    ranking,
)
from app.widgets.i18n import translate
from app.widgets.plaintext import literal
from app.widgets.undo import push
from app.widgets.workshop.vote_marks import VoteMarks

MESSAGE_MS = 10_000


def card_name(card) -> str:
    """A card as the results name it: its title, else the first line of its body."""
    text = card.title.strip() or next((ln.strip() for ln in card.body.splitlines() if ln.strip()), "")
    return text or translate("Vote", "(card without text)")


class _DotClick:
    """A press on a card of an open vote: the dot is given on release (Esc: no dot)."""

    def __init__(self, session: VoteSession, card_id: str):
        self.session, self.card_id = session, card_id

    def move(self, scene_pos: QPointF, modifiers: Qt.KeyboardModifier) -> None:
        pass

    def finish(self, scene_pos: QPointF, modifiers: Qt.KeyboardModifier) -> None:
        self.session.give_dot(self.card_id)

    def cancel(self) -> None:
        pass


class VoteTool:
    """The view's tool while a vote is open: a click on a card is a dot."""

    def __init__(self, session: VoteSession):
        self.session = session

    def press(self, hit) -> _DotClick | None:
        if self.session.vote is None or hit.kind != "card":
            return None
        return _DotClick(self.session, hit.ident)

    def double_click(self, hit) -> bool:
        """The second click of a quick double click is a dot too (not the text editor)."""
        if self.session.vote is None or hit.kind != "card":
            return False
        self.session.give_dot(hit.ident)
        return True


class VoteSession(QObject):
    changed = Signal()  # the vote, the voter or the results changed
    message = Signal(str)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.voter: str | None = None
        self.final: list[tuple[str, int, dict[str, int]]] | None = None  # the last closed vote
        self._seen = None  # the vote as last followed
        self.tool = VoteTool(self)
        tools = window.view.interaction.tools  # just before the card tool (links, curves: before it)
        card_tool = window.card_actions.tool
        tools.insert(tools.index(card_tool) if card_tool in tools else len(tools), self.tool)
        self.marks = VoteMarks(window.scene)
        window.scene.applied.connect(self._follow)
        window.session.documentReplaced.connect(self._forget_final)
        self.message.connect(self._tell)
        self._follow()

    def _tell(self, text: str) -> None:
        """In the status bar; while it is hidden (presenting), also beside the map view's bottom."""
        bar = self.window.statusBar()
        bar.showMessage(text, MESSAGE_MS)
        if not bar.isVisible():
            view = self.window.view
            spot = view.mapToGlobal(QPoint(view.width() // 3, view.height() - view.height() // 6))
            QToolTip.showText(spot, literal(text), view, QRect(), MESSAGE_MS)

    @property
    def doc(self):
        return self.window.context.doc

    @property
    def vote(self):
        return self.doc.map.vote

    def _push(self, command) -> bool:
        return push(self.window.session.undo_stack, self.doc, command)

    # ------------------------------------------------------------------ following the map
    def _follow(self) -> None:
        """After the scene followed an edit: the turn, the cards' counts, then ``changed`` (only
        while a vote is open or when one opened or closed: other edits cost nothing here)."""
        vote = self.vote
        names = [b.voter for b in vote.ballots] if vote is not None else []
        if self.voter not in names:
            self.voter = names[0] if names else None
        if vote is not None:
            self.final = None
        self.marks.refresh(self.doc)
        if vote is not None or self._seen is not None:
            self._seen = vote
            self.changed.emit()

    def _forget_final(self, *_args) -> None:
        self.final = None
        self.changed.emit()

    # ------------------------------------------------------------------ turns
    def set_voter(self, name: str) -> None:
        vote = self.vote
        if vote is not None and find_ballot(vote, name) is not None and name != self.voter:
            self.voter = name
            self.changed.emit()

    def next_voter(self) -> None:
        """The turn goes to the next voter (in the vote's order) who has dots left."""
        vote = self.vote
        if vote is None:
            self.message.emit(translate("Vote", "No vote is open."))
            return
        names = [b.voter for b in vote.ballots]
        at = names.index(self.voter) if self.voter in names else -1
        turns = [names[(at + k) % len(names)] for k in range(1, len(names) + 1)]
        waiting = [name for name in turns if dots_left(vote, name) > 0]  # who has dots left, in turn
        if not waiting:
            self.message.emit(
                translate("Vote", "Every voter has used every dot: close the vote to keep the result.")
            )
            return
        self.voter = waiting[0]
        self.message.emit(
            translate("Vote", "{voter} votes now: {left} of {budget} dots left.").format(
                voter=self.voter, left=dots_left(vote, self.voter), budget=vote.budget
            )
        )
        self.changed.emit()

    # ------------------------------------------------------------------ dots
    def give_dot(self, card_id: str) -> bool:
        """One dot of the current voter on the card; False (and the reason in the status bar)
        when the vote's rules refuse it."""
        voter = self.voter or ""
        try:
            command = cast_dot(self.doc, voter, card_id)
        except VoteRefused as refused:
            self.message.emit(self.refusal_text(refused.refusal))
            return False
        if not self._push(command):
            return False
        vote = self.vote
        left = dots_left(vote, voter)
        if left:
            text = translate("Vote", "{voter}: {left} of {budget} dots left.")
        else:
            text = translate("Vote", "{voter} has used every dot: on to the next voter.")
        self.message.emit(text.format(voter=voter, left=left, budget=vote.budget))
        return True

    def give_dot_to_selection(self) -> None:
        """The keyboard's way: one dot on the selected card (the current one)."""
        ids = self.window.selection.ids(Entity.CARD)
        if not ids:
            self.message.emit(translate("Vote", "Select a card to give it a dot."))
            return
        self.give_dot(ids[-1])

    def refusal_text(self, refusal: Refusal) -> str:
        vote = self.vote
        if refusal is Refusal.NO_VOTE:
            return translate("Vote", "No vote is open: Workshop > Open Vote… starts one.")
        if refusal is Refusal.NO_CARD:
            return translate("Vote", "That card no longer exists.")
        if refusal is Refusal.OUT_OF_SCOPE:
            lane = self.doc.find(Entity.LANE, vote.lane_id)
            if lane is None:
                return translate("Vote", "This card is not part of the vote: its lane no longer exists.")
            return translate(
                "Vote", "This card is not part of the vote: the vote is on the lane “{lane}”."
            ).format(lane=lane.name)
        if refusal is Refusal.UNKNOWN_VOTER:
            return translate("Vote", "Choose who votes first (Workshop > Next Voter).")
        return translate(
            "Vote",
            "{voter} has used all {budget} dots: choose the next voter, or undo a dot to place it again.",
        ).format(voter=self.voter, budget=vote.budget)

    # ------------------------------------------------------------------ open and close
    def open_dialog(self) -> bool:
        from app.widgets.workshop.vote_dialog import OpenVoteDialog  # a dialog: made when asked for

        if self.vote is not None:
            self.message.emit(translate("Vote", "A vote is open already: close it before opening another."))
            return False
        dialog = OpenVoteDialog(self.doc, self.window)
        try:
            if not dialog.exec():
                return False
            command = open_vote(
                self.doc, dialog.voters(), dialog.budget.value(), dialog.lane_id, dialog.hidden.isChecked()
            )
        finally:
            dialog.deleteLater()
        if not self._push(command):
            return False
        self.voter = self.vote.ballots[0].voter
        self.message.emit(
            translate("Vote", "The vote is open: {voter} votes first, clicking cards.").format(
                voter=self.voter
            )
        )
        self.changed.emit()
        return True

    def close(self) -> bool:
        """Write the totals into the cards' votes and end the vote (one undo step)."""
        if self.vote is None:
            self.message.emit(self.refusal_text(Refusal.NO_VOTE))
            return False
        final = [(card_name(self.doc.card(r.card_id)), r.dots, r.by_voter) for r in ranking(self.doc)]
        if not self._push(close_vote(self.doc)):
            return False
        self.final = final
        self.message.emit(translate("Vote", "The vote is closed: the cards keep their dots."))
        self.changed.emit()
        return True

    def discard(self) -> bool:
        """End the vote and leave the cards' votes as they were (undo brings the vote back)."""
        if self.vote is None:
            self.message.emit(self.refusal_text(Refusal.NO_VOTE))
            return False
        if not self._push(discard_vote(self.doc)):
            return False
        self.message.emit(translate("Vote", "The vote is discarded: no card changed (Undo brings it back)."))
        return True
