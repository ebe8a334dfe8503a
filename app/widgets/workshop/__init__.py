"""Running a workshop from the editor (the Workshop menu).

- :mod:`.presentation`: presentation mode (F5) in this window or on a second screen and its keys;
  :mod:`.presenter` steps one view through the map, :mod:`.steps` computes where each step looks,
  :mod:`.window_state` puts the main window back as it was, :mod:`.screen_window` is the window
  on the other screen and :mod:`.overlay` what is drawn over a presenting view (caption, shade);
- :mod:`.timer`: the countdown (its state lives in the editor only, never in the map file) and
  :mod:`.timer_view`: how it is shown (status bar, flash, chime) and set;
- dot voting: :mod:`.vote_dialog` opens a vote (scope, dots per person, voters, hidden counts),
  :mod:`.vote_session` turns clicks on cards into dots and keeps the turn, :mod:`.vote_panel` is
  the Vote dock (voters, dots left, the ranking) and :mod:`.vote_marks` shows the vote's counts
  on the cards; the vote itself is in the map (``Map.vote``, :mod:`app.model.voting`);
- :mod:`.menu`: the Workshop menu's entries and the window's :class:`~.menu.Workshop` part.
"""
