"""Write the sample documents of this folder, good and faulty: `python capdev/sources/tests/files/make_files.py`.

The DOCX files are written with python-docx (then some are taken apart with zipfile), the PDF files by the small
PDF writer below (Helvetica text, one content stream per page; pypdf encrypts one), the HTML files by hand.
The output is committed, so the tests need none of this to run; run it again after changing a sample.
"""
from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent

RECORD_LINES = [
    "DA1819Z: Digital skills for parliamentary staff in small island States",
    "Main Expectations:",
    "1. Parliamentary staff able to plan and run digital services;",
    "2. A regional network of parliamentary ICT officers.",
    "Objective: To strengthen the capacity of parliaments in small island developing States to use digital "
    "technology for transparency and citizen engagement.",
    "Cooperation Partners: Inter-Parliamentary Union (IPU), UNDP",
    "Time Frame: March 2019 - December 2021",
    "Funding: Development Account",
    "Proposed Budget: US$ 412,500",
    "Division: DPIDG",
]


# -- PDF ---------------------------------------------------------------------------------------------------------

def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _content(lines: list[str], header: str | None = None, footer: str | None = None) -> bytes:
    ops = [b"BT /F1 11 Tf 14 TL 56 780 Td"]
    if header:
        ops.append(_pdf_string(header) + b" Tj T* T*")
    for line in lines:
        ops.append(_pdf_string(line) + b" Tj T*")
    ops.append(b"ET")
    if footer:
        ops.append(b"BT /F1 9 Tf 280 40 Td " + _pdf_string(footer) + b" Tj ET")
    return b"\n".join(ops)


def write_pdf(pages: list[bytes], *, image: bool = False, compress: bool = False) -> bytes:
    """A PDF whose pages draw the given content streams (and an 8x8 grey image on each, when image)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    picture = None
    if image:
        pixels = bytes(range(0, 256, 4))
        picture = add(b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
                      b"/BitsPerComponent 8 /Length %d >>\nstream\n" % len(pixels) + pixels + b"\nendstream")
    kids = []
    shared: dict[bytes, int] = {}
    for content in pages:
        if content not in shared:  # identical pages share one stream (the many-pages sample stays small)
            body = zlib.compress(content, 9) if compress else content
            extra = b" /Filter /FlateDecode" if compress else b""
            shared[content] = add(b"<< /Length %d%s >>\nstream\n" % (len(body), extra) + body + b"\nendstream")
        resources = b"<< /Font << /F1 %d 0 R >>" % font
        if picture:
            resources += b" /XObject << /Im1 %d 0 R >>" % picture
        resources += b" >>"
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources %s /Contents %d 0 R >>"
                        % (pages_id, resources, shared[content])))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
                             + b"] /Count %d >>" % len(kids))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref))
    return out.getvalue()


def make_pdfs() -> None:
    first, second = RECORD_LINES[:6], RECORD_LINES[6:]
    header = "UN DESA - Project document"
    (HERE / "record.pdf").write_bytes(write_pdf([
        _content(first, header=header, footer="Page 1 of 3"),
        _content(second[:2], header=header, footer="Page 2 of 3"),
        _content(second[2:], header=header, footer="Page 3 of 3"),
    ], compress=True))
    (HERE / "scanned.pdf").write_bytes(write_pdf([b"q 400 0 0 400 100 300 cm /Im1 Do Q"] * 2, image=True))
    (HERE / "many-pages.pdf").write_bytes(write_pdf([_content(["Page"])] * 1200))
    (HERE / "bomb.pdf").write_bytes(write_pdf([b"BT /F1 11 Tf 56 780 Td (x) Tj ET" + b" " * 100_000_000],
                                              compress=True))
    (HERE / "damaged.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n")
    (HERE / "not-a-pdf.pdf").write_bytes("\n".join(RECORD_LINES).encode())
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(HERE / "record.pdf"))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    with open(HERE / "password.pdf", "wb") as fh:
        writer.write(fh)


# -- DOCX --------------------------------------------------------------------------------------------------------

def make_docx_document():
    import docx

    document = docx.Document()
    document.add_heading("Digital skills for parliamentary staff in small island States", level=1)
    document.add_paragraph("Project Code: DA1819Z")
    document.add_paragraph("Main Expectations:")
    document.add_paragraph("Parliamentary staff able to plan and run digital services;", style="List Number")
    document.add_paragraph("A regional network of parliamentary ICT officers.", style="List Number")
    document.add_paragraph(RECORD_LINES[4])
    document.add_paragraph("Main activities:")
    document.add_paragraph("A regional workshop in Suva, Fiji", style="List Bullet")
    document.add_paragraph("Two advisory missions", style="List Bullet")
    table = document.add_table(rows=0, cols=2)
    for label, value in (("Cooperation Partners", "Inter-Parliamentary Union (IPU), UNDP"),
                         ("Time Frame", "March 2019 - December 2021"), ("Funding", "Development Account"),
                         ("Proposed Budget", "US$ 412,500"), ("Division", "DPIDG")):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    document.add_paragraph("Activities held:")
    events = document.add_table(rows=1, cols=3)
    for cell, text in zip(events.rows[0].cells, ("Date", "Event", "Participants")):
        cell.text = text
    merged = events.add_row().cells
    merged[0].text = "12-14 May 2020"
    merged[1].merge(merged[2]).text = "Regional workshop, Suva"  # a cell spanning two columns comes out once
    return document


def make_docxs() -> None:
    document = make_docx_document()
    document.save(HERE / "record.docx")
    good = (HERE / "record.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(good)) as src:
        parts = {info.filename: src.read(info) for info in src.infolist()}

    def rezip(path: Path, replace: dict[str, bytes], drop: tuple[str, ...] = ()) -> None:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
            for name, body in {**parts, **replace}.items():
                if name not in drop:
                    out.writestr(name, body, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
        path.write_bytes(buf.getvalue())

    # A zip bomb: document.xml padded to 40 MB of spaces, which deflate packs some thousand times smaller.
    body = parts["word/document.xml"]
    rezip(HERE / "bomb.docx", {"word/document.xml": body.replace(b"<w:body>", b"<w:body>" + b" " * 40_000_000, 1)})
    app = parts.get("docProps/app.xml", b"")
    app = (app.replace(b"<Pages>1</Pages>", b"<Pages>4000</Pages>") if b"<Pages>" in app else app.replace(
        b"</Properties>", b"<Pages>4000</Pages></Properties>"))
    rezip(HERE / "many-pages.docx", {"docProps/app.xml": app})
    rezip(HERE / "not-word.docx", {}, drop=("word/document.xml",))
    (HERE / "damaged.docx").write_bytes(good[: len(good) // 2])
    (HERE / "old-word.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)


if __name__ == "__main__":
    make_pdfs()
    make_docxs()
    for path in sorted(HERE.iterdir()):
        print(f"{path.name:24} {path.stat().st_size:>10,} bytes")
