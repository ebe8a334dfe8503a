"""Running a workshop from the editor (the Workshop menu).

- :mod:`.presentation`: presentation mode (F5) in this window or on a second screen and its keys;
  :mod:`.presenter` steps one view through the map, :mod:`.steps` computes where each step looks,
  :mod:`.window_state` puts the main window back as it was, :mod:`.screen_window` is the window
  on the other screen and :mod:`.overlay` what is drawn over a presenting view (caption, shade);
- :mod:`.timer`: the countdown (its state lives in the editor only, never in the map file) and
  :mod:`.timer_view`: how it is shown (status bar, flash, chime) and set;
- :mod:`.menu`: the Workshop menu's entries and the window's :class:`~.menu.Workshop` part.
"""
