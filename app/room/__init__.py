"""The workshop room: the map shared as a Yjs document (pycrdt). No Qt here.

:mod:`app.room.ydoc` maps a :class:`~app.model.schema.Map` to a pycrdt ``Doc`` and back (the
layout is docs/room-protocol.md); :mod:`app.room.bridge` keeps one
:class:`~app.model.document.Document` and one ``Doc`` in step.
"""
