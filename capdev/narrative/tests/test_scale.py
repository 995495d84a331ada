"""The parser's work grows linearly with its input, and it streams: counted, never timed.

Work is counted as the lines of the parser's Python code executed (sys.settrace), for an input and for one
sixteen times longer: linear work grows sixteen times, the square of the length 256 times (each of the shapes
below took 20 to 60 times more before the parser was made linear). Streaming is checked by what the parser
has read when it hands a record on, in every layout.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterator

import pytest

from capdev.narrative import InputError, LimitExceeded, iter_records, parse_text, text_cache

GROWTH = 16
SLACK = 1.15  # linear work may grow a little more than the input (longer numbers, more distinct words)

SENTENCES = [
    "The Government of Kenya hosted a national workshop in Nairobi, Kenya, on 3 May 2019, with {n} officials from "
    "Rwanda, Burundi and Tanzania.",
    "An advisory mission to Djibouti took place in June {y} with UNDP Djibouti; the “Report on Services {n}.” was "
    "launched.",
    "Partners such as UNDP, UNICEF and the Ministry of Finance of Uganda took part in meeting {n}.",
]


def sentence(i: int) -> str:
    # Each one different, so that no cache answers for the longer input.
    return SENTENCES[i % 3].format(n=100 + i, y=1990 + i % 40)


def prose(k: int) -> str:
    return " ".join(sentence(i) for i in range(k))


FRENCH = [
    "Le Gouvernement du Sénégal a organisé un atelier national à Dakar, Sénégal, le 3 mai 2019, avec {n} "
    "fonctionnaires du Mali, du Niger et de la Guinée.",
    "Une mission de conseil au Bénin a eu lieu en juin {y} avec le PNUD Bénin ; le « Rapport sur les services {n} » "
    "a été lancé.",
    "Des partenaires tels que le PNUD, l'UNICEF et le Ministère des Finances du Togo ont participé à la réunion {n}.",
]
SPANISH = [
    "El Gobierno de Guatemala organizó un taller nacional en Ciudad de Guatemala, Guatemala, el 3 de mayo de 2019, "
    "con {n} funcionarios de Honduras, El Salvador y Nicaragua.",
    "Una misión de asesoramiento a Bolivia tuvo lugar en junio de {y} con el PNUD Bolivia; se lanzó el «Informe "
    "sobre servicios {n}».",
    "Socios como el PNUD, UNICEF y el Ministerio de Hacienda del Perú participaron en la reunión {n}.",
]


def told(sentences: list[str], i: int) -> str:
    return sentences[i % 3].format(n=100 + i, y=1990 + i % 40)


def word(i: int, salt: int = 0) -> str:
    """A word of its own for each i (letters only): records that differ as real ones do, not copies of a
    template (which the relater compares, within its bounds, with the many records like them)."""
    n, out = i * 7 + salt * 100_003 + 1, ""
    while n:
        n, d = divmod(n, 26)
        out += "bcdfghjklmnpqrstvwxzaeiouy"[d]
    return out.capitalize() + "ian"


def words(i: int, k: int) -> str:
    return " ".join(word(i, salt) for salt in range(k))


SHAPES: dict[str, Callable[[int], str]] = {
    "a long line of sentences": lambda k: "Objective: Test.\nDivision: DMB\nKey Accomplishments: " + prose(k) + "\n",
    "many lines of narrative": lambda k: "Objective: Test.\nDivision: DMB\n" + prose(k).replace(". ", ".\n") + "\n",
    "a long partner list": lambda k: "Objective: Test.\nPartners: " + ", ".join(
        f"UNDP, Government of Kenya, Bank {i}" for i in range(k)) + "\n",
    "many records": lambda k: "".join(
        f"Objective: To help country {i} of Fiji with a workshop of its ministry.\nDivision: DMB\nBudget: $5\n"
        for i in range(k)),
    # The layouts, languages and readers of the layout step (each took 20 to 45 times more before it was linear,
    # but the tables, linear from the start).
    "a French record's narrative": lambda k: "Objectif : Tester.\nDivision : DMB\nRéalisations principales : "
    + "\n".join(told(FRENCH, i) for i in range(k)) + "\n",
    "a Spanish record's long line": lambda k: "Objetivo: Probar.\nDivisión: DMB\nLogros principales: "
    + " ".join(told(SPANISH, i) for i in range(k)) + "\n",
    "an activity table": lambda k: "Objective: Test.\nDivision: DMB\n| Date | Activity | Venue | Participants |\n"
    "|---|---|---|---|\n" + "".join(f"| {1 + i % 28} May {1990 + i % 40} | Workshop on services {i} | Nairobi, Kenya | "
                                     f"{10 + i} |\n" for i in range(k)),
    "rows without a header": lambda k: "Objetivo: Probar.\nDivisión: DMB\n" + "".join(
        f"{1 + i % 28:02d}/03/{1990 + i % 40}; Taller de inducción {i}; Guatemala; {10 + i}\n" for i in range(k)),
    "pages of labels on lines of their own": lambda k: "".join(
        f"Title\nSupport to ministry {i}\nObjective\nTo help country {i} of Fiji with a workshop.\nDivision\nDMB\n"
        f"Budget\nUS$ {i},000\n\n" for i in range(k)),
    "headings amid the narrative": lambda k: "Objective: Test.\nDivision: DMB\nKey Accomplishments:\n" + "".join(
        f"PROJECT SUMMARY\n{told(FRENCH, i)}\n" for i in range(k)),
    "short lines after the facts": lambda k: "Objective: Test.\nDivision: DMB\n\n" + "".join(
        f"Support Line Number {i}\n" for i in range(k)),
    "paragraphs of prose without labels": lambda k: "\n\n".join(
        f"In Ghana, project GHA/20/{i:03d}, “Institutional Support to the {words(i, 4)} Service”, ran from "
        f"September 2020 to August 2022 with a budget of US$ {265 + i},000 funded by the Regular Programme of "
        f"Technical Cooperation. Implemented by DPIDG in partnership with UNDP Ghana; it trained {words(i, 6)} "
        f"officials." for i in range(k)) + "\n",
    "page chrome between records": lambda k: "".join(
        f"Home > Projects > {i}\nObjective: To help ministry {i}.\nDivision: DMB\nShare | Print\n" for i in range(k)),
}


def work(text: str) -> int:
    """Lines of the parser's code executed to parse text."""
    text_cache.clear()
    count = 0

    def line(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return line

    def call(frame, event, arg):
        return line if "capdev/narrative" in frame.f_code.co_filename.replace("\\", "/") else None

    before = sys.gettrace()
    sys.settrace(call)
    try:
        parse_text(text)
    finally:
        sys.settrace(before)
    return count


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    """Tables and patterns are built on first use: not work that grows with the input."""
    for make in SHAPES.values():
        parse_text(make(3))


@pytest.mark.parametrize("shape", SHAPES)
def test_work_grows_linearly_with_the_input(shape: str) -> None:
    make = SHAPES[shape]
    small, large = work(make(20)), work(make(20 * GROWTH))
    assert large / small < GROWTH * SLACK, f"{shape}: {small} steps, then {large} for {GROWTH} times the input"


# ---------------------------------------------------------------- streaming


PAGES: dict[str, Callable[[int], str]] = {
    "labelled": lambda i: f"Objective: To help ministry {i}.\nDivision: DMB\nBudget: US$ {i},000\n",
    "labels on lines of their own": lambda i: f"Title\nSupport to ministry {i}\nObjective\nTo help ministry {i}.\n"
                                              f"Budget\nUS$ {i},000\n\n",
    "French, with an activity table": lambda i: f"Objectif : To help ministry {i}.\nDivision : DMB\n"
                                                f"| Date | Activité | Lieu |\n|---|---|---|\n"
                                                f"| 3 mai 2019 | Atelier {i} | Dakar, Sénégal |\n\n",
    "under the page's chrome": lambda i: f"Home > Projects > {i}\nObjective: To help ministry {i}.\nDivision: DMB\n"
                                         f"Share | Print\n",
}


@pytest.mark.parametrize("layout", PAGES)
def test_records_are_handed_on_as_they_are_read(layout: str) -> None:
    """When a record is handed on, the parser has read no further than the next four (its look-ahead: the
    segmenter's two, the one segment_merge holds to join a piece that is no record to the record before it, and the
    one one_fact_records holds to give it a stretch stating one fact that follows it)."""
    read = 0

    def pages() -> Iterator[str]:
        nonlocal read
        for i in range(300):
            read = i + 1
            yield PAGES[layout](i)

    for n, record in enumerate(iter_records(pages())):
        assert record.objective == f"To help ministry {n}."
        assert read <= n + 5, f"record {n} handed on after {read} pages were read"


def test_prose_without_labels_is_read_within_one_record_s_length() -> None:
    """Text with no labelled record is read as prose once it is all read: no more than one record's length of it
    is kept for that (longer, it is refused like a record too long)."""
    text = SHAPES["paragraphs of prose without labels"](10)
    assert [r.code for r in iter_records([text], max_record=len(text) + 10)] == [f"GHA/20/{i:03d}" for i in range(10)]
    with pytest.raises(LimitExceeded, match="the record from line 1 runs over"):
        list(iter_records([text], max_record=len(text) // 2))


def test_a_record_longer_than_the_limit_is_refused_saying_where() -> None:
    text = "Objective: first.\nDivision: DMB\n" + "Objective: second.\n" + "A line of narrative.\n" * 100 + \
        "Division: EGB\n"
    with pytest.raises(LimitExceeded) as info:
        list(iter_records([text], "pages.txt", max_record=1_000))
    message = str(info.value)
    assert message.startswith("pages.txt: the record from line 3 runs over 1,000 characters")
    assert "MAX_RECORD_CHARS" in message and isinstance(info.value, InputError)
    assert len(list(iter_records([text], max_record=5_000))) == 2  # within the limit: read as before


def test_a_line_longer_than_the_limit_is_refused_before_it_is_read_whole() -> None:
    given = 0

    def endless() -> Iterator[str]:
        nonlocal given
        yield "Objective: a page.\nDivision: DMB\nKey Accomplishments: "
        while True:  # no line break, ever
            given += 1
            yield "more words " * 100

    with pytest.raises(LimitExceeded, match="line 3 is longer than 10,000 characters"):
        list(iter_records(endless(), max_record=10_000))
    assert given <= 11  # some 11,000 characters read, not the endless rest


def test_records_within_the_limit_parse_as_the_whole_text_does() -> None:
    text = "".join(SHAPES["many records"](5)) + SHAPES["a long line of sentences"](3)
    whole = [r.to_json() for r in parse_text(text)]
    for size in (1, 7, 64, 1000):
        pieces = [text[i : i + size] for i in range(0, len(text), size)]
        assert [r.to_json() for r in iter_records(pieces)] == whole
