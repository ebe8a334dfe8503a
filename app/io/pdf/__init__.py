"""PDF posters and tiled wall prints of a journey map (reportlab), drawn from the shared layout.

Modules, by responsibility:

* :mod:`.options` - :class:`PrintOptions` (what a print dialog fills), sheet names and ranges;
* :mod:`.paper` - paper names, custom sizes, rolls, the 5080 mm PDF limit;
* :mod:`.fonts` - the layout's faces registered with reportlab, and the ToUnicode fix;
* :mod:`.ops` - a fast writer of content-stream operators (text run by run, never markup);
* :mod:`.draw` - the map: headers, cells, cards, markers, curves, links, line of visibility;
* :mod:`.compose` - the poster: the map plus title block, persona panels, legend and notes;
* :mod:`.poster` - the one-page poster: page, scale, margins, bleed and crop marks;
* :mod:`.tiles` - the tiled print: sheets, marks, labels, calibration bar, assembly guide;
* :mod:`.export` - render to bytes, write atomically.
"""

from .export import ExportResult, check_output, export_pdf, plan, render_pdf
from .options import PrintError, PrintOptions, options_from_flags, parse_sheets, sheet_name
from .paper import MM, PAPERS, PDF_MAX_MM, Paper, PaperError, paper_names, parse_paper

__all__ = [
    "MM",
    "PAPERS",
    "PDF_MAX_MM",
    "ExportResult",
    "Paper",
    "PaperError",
    "PrintError",
    "PrintOptions",
    "check_output",
    "export_pdf",
    "options_from_flags",
    "paper_names",
    "parse_paper",
    "parse_sheets",
    "plan",
    "render_pdf",
    "sheet_name",
]
