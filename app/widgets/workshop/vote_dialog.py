"""Workshop > Open Vote…: what the vote is on, the dots per person, who votes, hidden or not.

The voters are the map's personas ticked in the list and the names typed below it (one per
line), in that order: the order in which they take their turn. OK is refused, with the reason
shown in the dialog, while there is no voter, a name appears twice or is too long.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
)

from app.model.document import Document
from app.model.schema import MAX_SHORT_TEXT, MAX_VOTE_BUDGET, MAX_VOTERS
from app.widgets.i18n import lane_type_label, translate
from app.widgets.plaintext import plain_label

DEFAULT_BUDGET = 3


def lane_label(lane) -> str:
    return translate("Vote", "{lane} ({kind})").format(lane=lane.name, kind=lane_type_label(lane.type))


class OpenVoteDialog(QDialog):
    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.setObjectName("openVoteDialog")
        self.setWindowTitle(translate("Vote", "Open Vote"))
        m = doc.map

        self.scope = QComboBox()
        self.scope.setObjectName("voteScope")
        self.scope.addItem(translate("Vote", "All cards"), None)
        for lane in m.lanes:
            if not lane.hidden:
                self.scope.addItem(lane_label(lane), lane.id)
        self.budget = QSpinBox()
        self.budget.setObjectName("voteBudget")
        self.budget.setRange(1, MAX_VOTE_BUDGET)
        self.budget.setValue(DEFAULT_BUDGET)
        self.hidden = QCheckBox(translate("Vote", "&Hide the counts until the vote closes"))
        self.hidden.setObjectName("voteHidden")
        self.personas = QListWidget()
        self.personas.setObjectName("votePersonas")
        for p in m.personas:
            item = QListWidgetItem(p.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.personas.addItem(item)
        self.personas.setMaximumHeight(110)
        self.names = QPlainTextEdit()
        self.names.setObjectName("voteNames")
        self.names.setPlaceholderText(translate("Vote", "One name per line"))
        self.names.setTabChangesFocus(True)
        self.names.setMaximumHeight(110)
        self.about = plain_label()
        self.about.setObjectName("voteAbout")
        self.about.setWordWrap(True)
        self.problem = plain_label()
        self.problem.setObjectName("voteProblem")
        self.problem.setWordWrap(True)

        form = QFormLayout()
        form.addRow(translate("Vote", "&Vote on:"), self.scope)
        form.addRow(translate("Vote", "&Dots per person:"), self.budget)
        form.addRow("", self.hidden)
        form.addRow(translate("Vote", "&Personas voting:"), self.personas)
        form.addRow(translate("Vote", "&Names of other voters:"), self.names)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("Vote", "&Open Vote"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.about)
        box.addWidget(self.problem)
        box.addWidget(buttons)
        for lbl, buddy in zip(
            (form.labelForField(w) for w in (self.scope, self.budget, self.personas, self.names)),
            (self.scope, self.budget, self.personas, self.names),
            strict=True,
        ):
            lbl.setBuddy(buddy)
        self.scope.currentIndexChanged.connect(self._describe)
        self._describe()

    # ------------------------------------------------------------------ values
    @property
    def lane_id(self) -> str | None:
        return self.scope.currentData()

    def voters(self) -> list[str]:
        """The voters in turn order: ticked personas, then the typed names (blank lines skipped)."""
        out = []
        for i in range(self.personas.count()):
            item = self.personas.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.text().strip())
        out += [line.strip() for line in self.names.toPlainText().splitlines() if line.strip()]
        return out

    def _scope_cards(self) -> list:
        lane = self.lane_id
        return [c for c in self.doc.map.cards if lane is None or c.lane_id == lane]

    def _describe(self) -> None:
        cards = self._scope_cards()
        text = translate("Vote", "{n} cards take part.").format(n=len(cards))
        earlier = sum(1 for c in cards if c.votes)
        if earlier:
            text += " " + translate(
                "Vote", "{n} of them hold votes of an earlier vote: closing this vote replaces them."
            ).format(n=earlier)
        self.about.setText(text)

    def problem_text(self) -> str:
        """Why the dialog cannot open the vote as it stands, or ""."""
        voters = self.voters()
        if not voters:
            return translate("Vote", "Name at least one voter: tick a persona or type a name.")
        if len(voters) > MAX_VOTERS:
            return translate("Vote", "At most {n} voters can take part.").format(n=MAX_VOTERS)
        seen: set[str] = set()
        for name in voters:
            if len(name) > MAX_SHORT_TEXT:
                return translate("Vote", "A voter's name is at most {n} characters long.").format(
                    n=MAX_SHORT_TEXT
                )
            key = name.casefold()
            if key in seen:
                return translate("Vote", "“{name}” is named twice: each voter once.").format(name=name)
            seen.add(key)
        if not self._scope_cards():
            return translate("Vote", "No card takes part: choose a lane with cards.")
        return ""

    def accept(self) -> None:
        problem = self.problem_text()
        self.problem.setText(problem)
        if not problem:
            super().accept()
