"""The Workshop menu (and View > Present): presentation mode, the timer and dot voting.

:class:`Workshop` is the window's part: the timer (:class:`.timer_view.WorkshopClock`), the
presentation (:class:`.presentation.Presentation`) and the vote (:class:`.vote_session.VoteSession`
with its dock, :mod:`.vote_panel`). :func:`present_actions` and
:func:`fill_menu` make the actions through the window's :class:`~app.widgets.menus.MenuBuilder`
so that they are named in ``actions_by_name`` and keep their shortcuts with the menu bar hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from app.widgets.i18n import translate
from app.widgets.workshop.presentation import Presentation
from app.widgets.workshop.timer_view import WorkshopClock
from app.widgets.workshop.vote_panel import add_vote_dock
from app.widgets.workshop.vote_session import VoteSession


class Workshop(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.clock = WorkshopClock(window, window.settings, window.statusBar())
        self.timer = self.clock.timer
        self.presentation = Presentation(window, self.clock)
        self.voting = VoteSession(window)
        self.vote_dock = add_vote_dock(window, self.voting)


def present_actions(b, workshop: Workshop) -> list[QAction]:
    """Present (F5) and Present on Other Screen (Shift+F5; with one screen it presents in this
    window, and says so)."""
    if "present" in b.actions:
        return [b.actions["present"], b.actions["present_other_screen"]]
    p = workshop.presentation
    here = b.action(
        "present",
        translate("Workshop", "&Present"),
        p.toggle,
        "F5",
        tip=translate(
            "Workshop", "The map full screen, stage by stage: arrow keys or Page Up/Down step, Esc ends"
        ),
    )
    other = b.action(
        "present_other_screen",
        translate("Workshop", "Present on Seco&nd Screen"),
        p.toggle_other_screen,
        "Shift+F5",
        tip=translate(
            "Workshop",
            "The presentation on the second screen, the editor stays on this one (with one screen: F5)",
        ),
    )
    for act in (here, other):
        act.setCheckable(True)
    p.changed.connect(
        lambda on: (here.setChecked(on and not p.on_other_screen), other.setChecked(on and p.on_other_screen))
    )
    return [here, other]


def fill_menu(b, menu: QMenu, workshop: Workshop) -> None:
    menu.setObjectName("workshopMenu")
    for act in present_actions(b, workshop):
        menu.addAction(act)
    menu.addSeparator()
    clock, timer = workshop.clock, workshop.timer
    menu.addAction(
        b.action(
            "timer_minutes",
            translate("Workshop", "Set &Timer…"),
            clock.ask_minutes,
            tip=translate("Workshop", "How many minutes the timer counts down"),
        )
    )
    menu.addAction(
        b.action(
            "timer_start",
            translate("Workshop", "&Start / Pause Timer"),
            timer.toggle,
            "Ctrl+T",
            tip=translate("Workshop", "Start the countdown, pause it, or go on (T while presenting)"),
        )
    )
    menu.addAction(
        b.action(
            "timer_reset",
            translate("Workshop", "&Reset Timer"),
            timer.reset,
            "Ctrl+Shift+T",
            tip=translate("Workshop", "Back to the full time, stopped (R while presenting)"),
        )
    )
    chime = b.action(
        "timer_chime",
        translate("Workshop", "&Chime at the End"),
        lambda: clock.set_chime(chime.isChecked()),
        tip=translate(
            "Workshop", "The system's alert sound when the time is up (the timer flashes either way)"
        ),
    )
    chime.setCheckable(True)
    chime.setChecked(clock.chime)
    menu.addAction(chime)
    menu.addSeparator()
    fill_vote_menu(b, menu, workshop.voting)


def fill_vote_menu(b, menu: QMenu, voting: VoteSession) -> None:
    """Open Vote…, Give a Dot to the Selected Card, Next Voter, Close Vote, Discard Vote."""
    entries = (
        ("vote_open", translate("Workshop", "Open &Vote…"), voting.open_dialog,
         translate("Workshop", "Dot voting on all cards or one lane's cards: a budget of dots per person")),
        ("vote_dot", translate("Workshop", "Give the Selected Card a &Dot"), voting.give_dot_to_selection,
         translate("Workshop", "One dot of the current voter on the selected card (clicking a card does the same)")),
        ("vote_next", translate("Workshop", "Ne&xt Voter"), voting.next_voter,
         translate("Workshop", "The next person's turn to vote")),
        ("vote_close", translate("Workshop", "C&lose Vote"), voting.close,
         translate("Workshop", "Write each card's dots into its votes and end the vote")),
        ("vote_discard", translate("Workshop", "D&iscard Vote"), voting.discard,
         translate("Workshop", "End the vote without changing the cards' votes")),
    )  # fmt: skip
    keys = {"vote_dot": "Ctrl+Shift+D", "vote_next": "Ctrl+Shift+N"}  # also while presenting
    for name, text, slot, tip in entries:  # each says why when there is no vote (or one already)
        menu.addAction(b.action(name, text, slot, *((keys[name],) if name in keys else ()), tip=tip))
