"""What a PDF says about itself: the document information dictionary and the same facts as XMP.

Print shops' preflight (and PDF/X, PDF/A) read the XMP metadata stream of the catalogue, and
check that it agrees with the ``/Info`` dictionary; reportlab writes only ``/Info`` (and an
author of "anonymous"). :func:`set_metadata` sets title, author, subject, keywords and creator
in ``/Info`` and adds an uncompressed XMP packet holding the same values and the same creation
and modification time (the document's own time stamp, read when the file is written).

The author is the person exporting: the full name of the computer account when the system
records one, else its login name.
"""

from __future__ import annotations

import getpass
import os
import re

from reportlab.pdfbase.pdfdoc import XMP
from reportlab.pdfgen.canvas import Canvas

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ENTITY = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def _xml(text: str) -> str:
    return re.sub('[&<>"]', lambda m: _ENTITY[m.group()], _NOT_XML.sub("", text))


def account_name() -> str:
    """The exporting person: the account's full name (``pwd`` GECOS field), else its login."""
    try:
        import pwd

        full = pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0].strip()
        if full:
            return full
    except (ImportError, KeyError, AttributeError, OSError):
        pass
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def _date(ts) -> str:
    """reportlab's document time stamp as an XMP date (ISO 8601 with the UTC offset)."""
    y, mo, d, h, mi, s = ts.YMDhms
    sign = "-" if ts.dhh < 0 or (ts.dhh == 0 and ts.dmm < 0) else "+"
    return f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}{sign}{abs(ts.dhh):02d}:{abs(ts.dmm):02d}"


def xmp_packet(title: str, author: str, subject: str, keywords: str, creator: str, producer: str,
               when: str) -> str:  # fmt: skip
    """The XMP packet (Dublin Core, PDF and XMP basic schemas) for these values."""
    t, a, s, k = _xml(title), _xml(author), _xml(subject), _xml(keywords)
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about=""\n'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"\n'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/">\n'
        "<dc:format>application/pdf</dc:format>\n"
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{t}</rdf:li></rdf:Alt></dc:title>\n'
        f"<dc:creator><rdf:Seq><rdf:li>{a}</rdf:li></rdf:Seq></dc:creator>\n"
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{s}</rdf:li></rdf:Alt></dc:description>\n'
        f"<pdf:Keywords>{k}</pdf:Keywords>\n"
        f"<pdf:Producer>{_xml(producer)}</pdf:Producer>\n"
        f"<xmp:CreatorTool>{_xml(creator)}</xmp:CreatorTool>\n"
        f"<xmp:CreateDate>{when}</xmp:CreateDate>\n"
        f"<xmp:ModifyDate>{when}</xmp:ModifyDate>\n"
        f"<xmp:MetadataDate>{when}</xmp:MetadataDate>\n"
        "</rdf:Description>\n"
        "</rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )


def set_metadata(canvas: Canvas, title: str, subject: str, creator: str, keywords: str = "",
                 author: str | None = None) -> None:  # fmt: skip
    """Title, author (None: :func:`account_name`), subject, keywords and creator in the document
    information and, identically, in an XMP metadata stream of the catalogue."""
    author = account_name() if author is None else author
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setSubject(subject)
    canvas.setCreator(creator)
    canvas.setKeywords(keywords)
    doc = canvas._doc

    def content(d) -> bytes:  # UTF-8, as XMP is (reportlab would encode a str as PDFDocEncoding)
        return xmp_packet(title, author, subject, keywords, creator, d.info.producer, _date(d._timeStamp)).encode()

    stream = XMP(creator=content)
    stream.filters = []  # uncompressed: the packet is meant to be found by tools that cannot inflate
    doc.Catalog.Metadata = stream
