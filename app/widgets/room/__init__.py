"""The workshop room in the editor: hosting, joining, the link to the room and who drags what."""
