"""capdev.sources: each kind of document, good and faulty (the files come from files/make_files.py)."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from capdev import narrative
from capdev.sources import Limits, SourceError, extract, kind_of

FILES = Path(__file__).resolve().parent / "files"


def read(name: str, limits: Limits | None = None):
    return extract((FILES / name).read_bytes(), name, limits)


def refused(name: str, limits: Limits | None = None) -> str:
    with pytest.raises(SourceError) as info:
        read(name, limits)
    message = str(info.value)
    assert message.startswith(f"{name}: ") and "\n" not in message  # one line, naming the file
    return message


# -- HTML -----------------------------------------------------------------------------------------------------

def test_html_keeps_the_main_content_and_drops_menus_footers_and_scripts():
    got = read("record.html")
    assert got.kind == "html" and got.media_type == "text/html"
    lines = got.text.splitlines()
    assert lines[0] == "DA1617B: Strengthening e-Government in the Caribbean"
    for gone in ("About us", "Home", "Related projects", "Division: DMB", "Terms of use", "should never appear",
                 "Search", "console.log", "color:red"):
        assert gone not in got.text
    assert "Cooperation Partners: European Community, CARICAD" in lines


def test_html_drops_menus_share_links_hidden_text_and_scripts_inside_the_main_content_too():
    page = ("<html><body><main><nav aria-label='On this page'><a href='#a'>Contents</a></nav>"
            "<h1>Title: Open data for cities</h1><div class='share-links share'>Share on social media</div>"
            "<p hidden>Division: DMB</p><p style='display: none'>Budget: US$ 1</p><script>var d = 'Division: EGB'"
            "</script><p>Division: DPIDG</p><button>Print this page</button>"
            "<div role='complementary'>Related: other projects</div></main></body></html>").encode()
    assert extract(page, "chrome.html").text.splitlines() == ["Title: Open data for cities", "Division: DPIDG"]


def test_html_definition_lists_become_label_value_lines():
    lines = read("record.html").text.splitlines()
    assert lines[1:5] == ["Time Frame: February 2010 - June 2012", "Funding: XBTC", "Proposed Budget: US$1,308,543",
                          "Division: PACB"]


def test_html_tables_become_tab_separated_rows_and_lists_keep_their_numbers():
    lines = read("record.html").text.splitlines()
    assert "Date\tEvent\tPlace\tParticipants" in lines
    assert "12-14 May 2011\tRegional workshop on ICT strategy\tBridgetown, Barbados\t45" in lines
    assert "1. a Vision for ICT in parliament developed and owned by each parliament;" in lines
    assert "2. a Strategic Plan for ICT in parliament." in lines


def test_html_without_landmarks_finds_the_content_block():
    got = read("no-landmarks.html")
    assert "Another project" not in got.text and "About us" not in got.text
    assert read("record.html").text == got.text


def test_html_reads_the_charset_the_page_declares_and_drops_hidden_text():
    got = read("word-export.html")
    assert got.text.splitlines()[:2] == ["Renforcement de l’administration publique à Djibouti",
                                         "Code du projet\tDJI/09/001"]
    assert "Durée\tjuin 2009 – décembre 2011" in got.text
    assert "caché" not in got.text


def test_html_page_parses_into_its_record():
    record, = narrative.parse_text(read("record.html").text, "record.html")
    assert (record.code, record.title, record.lead_unit) == ("DA1617B", "Strengthening e-Government in the Caribbean",
                                                             "PACB")
    assert str(record.start) == "2010-02" and str(record.end) == "2012-06"


def test_html_page_with_no_content_is_refused():
    assert "no text found" in refused("empty.html")


def test_a_layout_table_is_read_as_blocks_not_columns():
    page = (b"<html><body><main><table><tr><td><p>Title: Open data for cities</p><p>Division: DPIDG</p></td>"
            b"<td><ul><li>one</li><li>two</li></ul></td></tr></table></main></body></html>")
    assert extract(page, "layout.html").text.splitlines() == ["Title: Open data for cities", "Division: DPIDG",
                                                               "• one", "• two"]


# -- DOCX -----------------------------------------------------------------------------------------------------

def test_docx_paragraphs_lists_and_tables_in_document_order():
    got = read("record.docx")
    assert got.kind == "docx" and got.media_type.endswith("wordprocessingml.document")
    lines = got.text.splitlines()
    assert lines[:5] == ["Digital skills for parliamentary staff in small island States", "Project Code: DA1819Z",
                         "Main Expectations:", "1. Parliamentary staff able to plan and run digital services;",
                         "2. A regional network of parliamentary ICT officers."]
    assert "• A regional workshop in Suva, Fiji" in lines
    table = lines.index("Cooperation Partners\tInter-Parliamentary Union (IPU), UNDP")
    assert lines[table + 1] == "Time Frame\tMarch 2019 - December 2021"
    assert lines[table:] [-2:] == ["Date\tEvent\tParticipants", "12-14 May 2020\tRegional workshop, Suva"]


@pytest.mark.parametrize("name, says", [
    ("bomb.docx", "zip bomb"),
    ("many-pages.docx", "4,000 pages, over the limit of 500"),
    ("damaged.docx", "damaged .docx"),
    ("not-word.docx", "not a Word document"),
    ("old-word.doc", "Word 97-2003"),
])
def test_faulty_docx_is_refused_with_a_reason(name, says):
    assert says in refused(name)


def test_docx_unpacked_size_limit():
    assert "unpacks to" in refused("record.docx", Limits(max_unpacked_bytes=10_000))


# -- PDF ------------------------------------------------------------------------------------------------------

def test_pdf_text_in_reading_order_without_running_headers_and_page_numbers():
    got = read("record.pdf")
    assert got.kind == "pdf" and got.media_type == "application/pdf"
    lines = got.text.splitlines()
    assert lines[0] == "DA1819Z: Digital skills for parliamentary staff in small island States"
    assert lines[-1] == "Division: DPIDG"
    assert "UN DESA - Project document" not in got.text and "Page 2 of 3" not in got.text
    # The record runs over two page breaks and stays one record with every field.
    record, = narrative.parse_text(got.text, "record.pdf")
    assert (record.code, record.lead_unit, str(record.start), str(record.end)) == ("DA1819Z", "DPIDG", "2019-03",
                                                                                  "2021-12")
    assert [(b.amount, b.currency) for b in record.budgets] == [(412500, "USD")]


@pytest.mark.parametrize("name, says", [
    ("scanned.pdf", "scanned PDF"),
    ("many-pages.pdf", "1,200 pages, over the limit of 500"),
    ("bomb.pdf", "PDF bomb"),
    ("damaged.pdf", "damaged PDF"),
    ("not-a-pdf.pdf", "not a PDF file"),
    ("password.pdf", "password-protected"),
])
def test_faulty_pdf_is_refused_with_a_reason(name, says):
    assert says in refused(name)


# -- limits and kinds -----------------------------------------------------------------------------------------

def test_file_size_limit_is_checked_before_reading():
    assert "over the limit of 1 KB" in refused("record.docx", Limits(max_bytes=1024))


def test_character_limit():
    assert "characters of text" in refused("record.pdf", Limits(max_chars=100))


def test_time_limit_stops_between_pages(monkeypatch):
    clock = iter(range(0, 10_000, 50))
    monkeypatch.setattr(time, "monotonic", lambda: next(clock))
    assert "longer than the limit of 60 seconds" in refused("record.pdf", Limits(max_seconds=60))


def test_kind_comes_from_the_name_checked_against_the_bytes():
    assert kind_of("a.txt", b"Title: x") == "text"
    assert kind_of("page", b"<!DOCTYPE html><html><body>x</body></html>") == "html"
    assert kind_of("download", (FILES / "record.pdf").read_bytes()) == "pdf"
    assert kind_of("download", (FILES / "record.docx").read_bytes()) == "docx"
    assert kind_of("records.txt", b"<html>kept as text</html>") == "text"


def test_plain_text_goes_through_the_parsers_decoder():
    got = extract("Title: Café\n".encode("cp1252"), "old.txt")
    assert (got.kind, got.text, got.media_type) == ("text", "Title: Café\n", "text/plain")
