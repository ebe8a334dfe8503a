"""Running a workshop from the editor (the Workshop menu).

- :mod:`.presentation`: presentation mode (F5) in this window or on a second screen, stepping
  through the stages (:mod:`.steps` computes where each step looks, :mod:`.window_state` puts the
  window back as it was, :mod:`.screen_window` is the window on the other screen);
- :mod:`.timer`: the countdown (its state lives in the editor only, never in the map file) and
  :mod:`.timer_view`: how it is shown, in the status bar and large over the presentation;
- :mod:`.overlay`: what is drawn over a presenting view (the stage caption, the shade over the
  other stages);
- :mod:`.menu`: the Workshop menu's entries.
"""
