"""File > Compare with…: the differences between the open map and another version, on the canvas
(:mod:`.overlay`) and in a list dock (:mod:`.dock`), from a file, the last saved version or a git
revision (:mod:`.sources`, :mod:`.dialog`); :mod:`.comparison` ties them together."""
