"""Sources written in markup (issue #16, round 17): a LaTeX source (an annual report's chapter, a rapport with one
tabular of facts per project, a longtable portfolio) and a wiki page's source (an infobox, a wikitable) are read as
the text they show. The markup is blanked in place, so offsets still index the file (tests/files/round17/markup)."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from capdev.narrative import parse_file, parse_text
from capdev.narrative.errors import LimitExceeded
from capdev.narrative.feeds import MAX_FEED_CHARS
from capdev.narrative.html_page import html_page_as_text, is_html_page
from capdev.narrative.org_text import is_org, org_as_text
from capdev.narrative.tex_text import is_latex, latex_as_text
from capdev.narrative.wiki_text import is_wikitext, wikitext_as_text

from ._shared import assert_no_text_lost

FILES = Path(__file__).parent / "files" / "round17" / "markup"


def _budgets(record):
    return [(b.amount, b.currency) for b in record.budgets]


def test_a_latex_report_s_sections_are_its_projects_and_its_commands_no_values():
    path = FILES / "informe_es.tex"
    records = parse_file(path)
    assert [r.code for r in records] == ["COOP-2024-011", "COOP-2023-004", "COOP-2025-019"]
    first, second, third = records
    # "480\,000~\euro": a thin-spaced number and the euro's command
    assert _budgets(first) == [(Decimal("480000"), "EUR")]
    # "US\$ 1\,250\,000": dollars, and no country (the raw "US\$" read as the United States)
    assert _budgets(second) == [(Decimal("1250000"), "USD")] and second.countries == ["HND"]
    assert first.countries == ["PRY"] and third.countries == ["GTM"]
    assert (first.start.iso(), first.end.iso()) == ("2024-03", "2026-12")  # "marzo de 2024 -- diciembre de 2026"
    assert second.title == "Fortalecimiento de la planificación estratégica en Honduras"
    assert third.title == "Gobierno abierto en los municipios de Guatemala"
    # no record's title is the source's first line (a comment)
    assert not any("TEX" in (r.title or "") or "\\" in (r.title or "") for r in records)
    text = path.read_text(encoding="utf-8")
    assert_no_text_lost(latex_as_text(text), records)


def test_a_tabular_of_facts_per_project_and_a_longtable_portfolio():
    rapport = parse_file(FILES / "rapport_fr.tex")
    assert [r.code for r in rapport] == ["FR-TUN-2022-07", "FR-MAR-2023-02"]
    assert [r.countries for r in rapport] == [["TUN"], ["MAR"]]
    assert _budgets(rapport[0]) == [(Decimal("620000"), "EUR")]
    assert rapport[0].title == "Appui à la dématérialisation des procédures fiscales"
    cartera = parse_file(FILES / "cartera_es.tex")
    assert [(r.code, r.countries) for r in cartera] == [("PE-101", ["PER"]), ("BO-044", ["BOL"]), ("EC-017", ["ECU"])]
    assert [_budgets(r) for r in cartera] == [[(Decimal("2300000"), "USD")], [(Decimal("850000"), "USD")],
                                             [(Decimal("1100000"), "USD")]]
    assert [r.title for r in cartera] == ["Modernización del catastro municipal", "Gestión por resultados en salud",
                                         "Gobierno electrónico local"]


def test_a_wiki_page_s_infobox_gives_the_project_s_facts():
    path = FILES / "page_fr.wiki"
    (record,) = parse_file(path)
    assert record.code == "PAMAT-2"
    assert record.title == "Programme d'appui à la modernisation de l'administration territoriale"
    assert record.countries == ["SEN"]
    assert _budgets(record) == [(Decimal("2400000"), "EUR")]  # "2&nbsp;400&nbsp;000 €"
    assert (record.start.iso(), record.end.iso()) == ("2023-01", "2026-12")
    assert any(p.acronym == "AFD" for p in record.partners)


def test_the_text_keeps_its_length_and_its_words_their_place():
    for name, as_text in (("informe_es.tex", latex_as_text), ("rapport_fr.tex", latex_as_text),
                          ("page_fr.wiki", wikitext_as_text)):
        text = (FILES / name).read_text(encoding="utf-8")
        shown = as_text(text)
        assert len(shown) == len(text) and shown.count("\n") <= text.count("\n")
    text = (FILES / "informe_es.tex").read_text(encoding="utf-8")
    shown = latex_as_text(text)
    at = text.index("Escuela virtual de gestión pública municipal")
    assert shown[at:at + 12] == "Escuela virt"
    assert shown[shown.index("##"):].startswith("##       Escuela")  # \section{...}: a heading of its level
    assert "480 000" in shown and "US$" in shown and "\\" not in shown


def test_table_rows_of_a_wiki_table_are_one_line_each():
    text = ("== Projets ==\n{| class=\"wikitable\"\n! Code !! Pays\n|-\n| A-1\n| Mali\n|-\n"
            "| style=\"x\" | B-2\n| Niger\n|}\n")
    shown = wikitext_as_text(text)
    rows = [line.split() for line in shown.splitlines() if "|" in line]
    assert rows == [["|", "Code", "|", "Pays"], ["|", "A-1", "|", "Mali"], ["|", "B-2", "|", "Niger"]]
    assert len(shown) == len(text)


def test_accents_and_dashes_written_as_commands():
    shown = latex_as_text("Minist\\`{e}re de l'\\'Economie, 2023--2025, 1{,}5 millones, Espa\\~na\n")
    # each word rewritten within itself, padded after it (a comma may stand apart from its word)
    assert re.sub(r"\s+,", ",", shown).split() == [
        "Ministère", "de", "l'Économie,", "2023-2025,", "1,5", "millones,", "España"]


@pytest.mark.parametrize("text", [
    "C:\\Users\\ana\\Documents\\informe.docx was attached. Budget: USD 20,000.\n",  # one backslash path
    "== Note ==\nA project of the ministry, funded by Norway.\n",  # one sign of a wiki only
    "# Projects\n\n**Budget:** USD 10,000\n\n| Code | Title |\n|---|---|\n| A | B |\n",  # Markdown
    "\\section{Only one command} and prose after it.\n",
])
def test_texts_with_one_sign_only_are_read_as_they_are(text):
    assert not is_latex(text) and not is_wikitext(text)


def test_a_markup_source_longer_than_a_feed_is_refused_with_a_message():
    body = "\\documentclass{article}\n\\begin{document}\n" + ("Texto del proyecto. " * 1000 + "\n") * (
        MAX_FEED_CHARS // 20_000 + 2)
    with pytest.raises(LimitExceeded, match="LaTeX source longer than"):
        parse_text(body)


def test_unclosed_groups_cost_a_bounded_look_each():
    # thousands of unclosed arguments: each is looked for over a bounded stretch, and the text is still read
    text = "\\documentclass{article}\n\\begin{document}\n" + "\\label{x " * 5000 + "\n\\section{Proyecto}\n"
    shown = latex_as_text(text)
    assert len(shown) == len(text) and "Proyecto" in shown


def test_a_web_page_s_html_saved_as_text_reads_as_the_page():
    path = FILES / "page_source_en.txt"
    records = parse_file(path)
    assert [r.code for r in records] == ["MPS-DS-2024", "MPS-RM-2021"]
    first, second = records
    assert [r.title for r in records] == ["Digital Skills for Civil Servants", "Records Management Reform"]
    assert _budgets(first) == [(Decimal("850000"), "USD")]  # "USD&nbsp;850,000"
    assert (first.start.iso(), first.end.iso()) == ("2024-04", "2027-03")  # "April 2024 &ndash; March 2027"
    assert [p.acronym for p in first.partners if p.role == "funding"] == ["FCDO"]
    assert second.countries == ["GHA"] and second.status == "Completed"
    text = path.read_text(encoding="utf-8")
    shown = html_page_as_text(text)
    assert len(shown) == len(text)
    # the menu, the script and the footer are blanked: no value and no unplaced stretch holds them
    assert not any(w in shown for w in ("Home", "dataLayer", "All rights reserved", "<"))
    assert shown.index("MPS-DS-2024") == text.index("MPS-DS-2024")  # each word where the file has it
    assert_no_text_lost(shown, records)


@pytest.mark.parametrize("text", [
    "Project: Digital archives\nNotes: the page used <b>bold</b> and <br> breaks.\nBudget: USD 10,000\n",
    "<p>One paragraph pasted from an e-mail.</p>\nProject code: X-1\n",  # markup first, but few block tags
])
def test_a_text_with_a_few_tags_is_no_page(text):
    assert not is_html_page(text)


def test_an_org_mode_file_s_headings_and_drawers_are_its_projects():
    path = FILES / "notes_fr.org"
    records = parse_file(path)
    assert [r.code for r in records] == ["NER-FPL-03", "MLI-ENA-01"]
    # the stars and the declared TODO keyword are no part of the title, nor the tags after it
    assert [r.title for r in records] == ["Appui à la fonction publique locale au Niger",
                                         "Formation des formateurs de l'ENA du Mali"]
    first = records[0]
    # ":FIN: [2027-08-31]" is the end; the drawer's own ":END:" line is none
    assert (first.start.iso(), first.end.iso()) == ("2024-09-01", "2027-08-31")
    assert _budgets(first) == [(Decimal("1200000"), "EUR")] and first.countries == ["NER"]
    assert [(a.start.iso(), a.participants) for a in first.activities] == [("2024-10-15", 54)]
    text = path.read_text(encoding="utf-8")
    shown = org_as_text(text)
    assert len(shown) == len(text) and "PROPERTIES" not in shown and "EN-COURS" not in shown
    assert "#+" not in shown and "A. Diallo" not in shown  # file settings and the author: no project's facts


def test_a_markdown_list_with_stars_is_no_org_file():
    text = "* Project: Digital archives\n* Budget: USD 10,000\n* Status: TODO list pending\n"
    assert not is_org(text)


def test_a_letter_that_lowers_to_two_moves_no_offset():
    text = (FILES / "page_source_en.txt").read_text(encoding="utf-8").replace("Ghana", "İstanbul Ghana", 1)
    shown = html_page_as_text(text)  # "İ".lower() is two characters
    assert len(shown) == len(text) and shown.index("MPS-RM-2021") == text.index("MPS-RM-2021")
    assert "<" not in shown and "All rights reserved" not in shown
