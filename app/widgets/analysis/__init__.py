"""The Analysis dock: the importance-versus-performance matrix and the priority list.

* :mod:`.paint` - draws a :class:`~app.model.matrix.MatrixChart` with a QPainter (screen, PNG, SVG);
* :mod:`.matrix` - the chart widget (click a point: its card is selected on the map) and its tab;
* :mod:`.chart_export` - the chart as a PNG or SVG file;
* :mod:`.priorities` - the gap ranking as a sortable table, filtered by stage, owner and persona;
* :mod:`.priority_model` - the ranking's rows as a Qt table model (cells made when painted, sorted in Python);
* :mod:`.lazy` - computing a panel only while it is shown, once per burst of edits (this dock's and the Flows dock's);
* :mod:`.dock` - the panel with both tabs, and the dock in the main window.

All placement comes from :mod:`app.model.matrix` and :mod:`app.model.priorities` (no Qt), which
the PDF page (:mod:`app.io.pdf.matrix_page`) draws from too.
"""
