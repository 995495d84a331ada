"""Files holding several projects in containers the parser had never seen (round 11): a news feed's entries (Atom
and RSS 2.0, their HTML read as text), the messages of a digest or a thread of e-mails, the bands of a table drawn
with box characters or "+---+" rules (wrapped cells joined); and guards where no container divides anything."""
from __future__ import annotations

import pytest

from capdev.narrative import InputError, parse_file, parse_text
from capdev.narrative.feeds import blank_markup
from capdev.narrative.types import PartialDate

from ._shared import FILES

FORMATS = FILES / "round11" / "formats"


# ---------------------------------------------------------------- feeds


def test_an_atom_feed_in_french_is_one_record_per_entry_about_a_project():
    first, second = parse_file(FORMATS / "fr_flux_atom.xml")
    assert first.title == "Modernisation des greffes des juridictions commerciales"
    assert first.code == "MGJC-2025" and first.start == PartialDate(2025, 3)
    assert first.countries == ["NER", "MLI"]
    assert second.title == "Statistiques agricoles pour la décision publique au Sahel"
    assert (second.start, second.end) == (PartialDate(2023, 1), PartialDate(2026, 5))
    assert second.countries == ["BFA", "TCD"]
    assert "stagiaires" not in first.title + second.title  # the call for trainees is no project
    assert not any("<" in r.title or "&" in r.title for r in (first, second))


def test_an_rss_feed_with_cdata_html_is_read_as_text_and_its_head_is_no_title():
    first, second = parse_file(FORMATS / "en_rss2.xml")
    assert first.title == "Customs valuation skills for Pacific island administrations"
    assert (first.start, first.end) == (PartialDate(2026, 2), PartialDate(2028, 1))
    assert [(m.amount, m.currency) for m in first.budgets] == [(450000, "NZD")]
    assert first.status == "active"  # beside the channel's own date (lastBuildDate, November 2026)
    assert second.code == "TAN-EAC-03" and second.countries == ["KEN", "UGA"]
    assert "Tax Academy" not in first.title + second.title  # the channel's title is no project's


def test_a_feed_whose_entries_tell_of_no_project_holds_no_record():
    with pytest.raises(InputError):
        parse_file(FORMATS / "guard_feed_news.xml")


def test_blanking_a_feed_keeps_its_length_and_expands_no_entity():
    xml = ('<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY big "boom">]><feed><entry><title>T &amp; U</title>'
           '<summary type="html">&lt;p&gt;The &lt;em&gt;Road Fund&lt;/em&gt; &amp;big;&lt;/p&gt;</summary>'
           '</entry></feed>')
    out = blank_markup(xml)
    assert len(out) == len(xml)
    assert "boom" not in out and "<" not in out
    assert "\u201cRoad Fund\u201d" in out and "T &" in out


def test_a_text_that_merely_mentions_xml_is_no_feed():
    [record] = parse_text("Title: Support to the <feed> team\nCode: ABC-123\nBudget: USD 10,000\n")
    assert record.code == "ABC-123"


# ---------------------------------------------------------------- messages


def test_a_digest_in_spanish_is_one_record_per_message_about_a_project():
    first, second = parse_file(FORMATS / "es_resumen_lista.txt")
    assert first.title.startswith("Catastro multipropósito")
    assert first.countries == ["COL"]
    assert second.title.startswith("Compras públicas transparentes")
    assert second.start == PartialDate(2027, 2)
    assert [m.currency for m in second.budgets] == ["EUR"]
    assert "USD" not in [m.currency for m in second.budgets]
    assert "presupuesto participativo" not in first.title + second.title


def test_a_thread_in_french_is_cut_at_each_quoted_message():
    first, second = parse_file(FORMATS / "fr_fil_messages.txt")
    assert first.title == "Appui à la gestion des archives judiciaires du Maroc"
    assert first.start == PartialDate(2024, 1) and first.countries == ["MAR"]
    assert second.title == "Formation continue des inspecteurs du travail au Sénégal"
    assert (second.start, second.end) == (PartialDate(2022, 9), PartialDate(2025, 6))
    assert second.countries == ["SEN"]


def test_a_thread_about_one_project_stays_one_record():
    [record] = parse_file(FORMATS / "guard_one_project_thread.txt")
    assert record.title == "Water utility benchmarking in Mongolia"


def test_a_record_quoting_mail_headers_once_is_not_cut():
    text = ("Title: Court records digitisation\nCode: CRD-22\nBudget: EUR 90,000\n\nFrom: the coordinator\n"
            "Date: 3 May 2024\nSubject: approval\n\nApproved as proposed.\n")
    [record] = parse_text(text)
    assert record.code == "CRD-22"


# ---------------------------------------------------------------- tables drawn with boxes or rules


def test_a_table_drawn_with_double_lines_in_french_joins_its_wrapped_cells():
    first, second = parse_file(FORMATS / "fr_tableau_cadres.txt")
    assert first.title == "Dématérialisation de l'état civil dans les communes rurales"
    assert [(m.amount, m.currency) for m in first.budgets] == [(3500000, "USD")]
    assert second.title == "Formation des magistrats financiers"
    assert [(m.amount, m.currency) for m in second.budgets] == [(780000, "EUR")]


def test_a_grid_table_with_plus_rules_is_one_record_per_band():
    records = parse_file(FORMATS / "en_grid_table.txt")
    assert [r.code for r in records] == ["G-11", "G-12", "G-14"]
    assert records[0].title == "Coastal resilience planning for small island municipalities"
    assert records[1].title == "Open budget portal for regional governments"
    assert [(m.amount, m.currency) for m in records[2].budgets] == [(600000, "USD")]


def test_a_numbered_box_table_leaves_out_an_unnumbered_band():
    text = ("┌────┬───────────────────────┬──────────────┬─────────────┐\n"
            "│ #  │ Proyecto              │ Monto        │ Estado      │\n"
            "├────┼───────────────────────┼──────────────┼─────────────┤\n"
            "│ 1  │ Registro civil digital│ USD 500.000  │ En ejecución│\n"
            "├────┼───────────────────────┼──────────────┼─────────────┤\n"
            "│ 2  │ Escuela de hacienda   │ EUR 200.000  │ Cerrado     │\n"
            "├────┼───────────────────────┼──────────────┼─────────────┤\n"
            "│ -  │ Apoyo presupuestario  │ EUR 8 M      │ (referencia)│\n"
            "└────┴───────────────────────┴──────────────┴─────────────┘\n")
    records = parse_text(text)
    assert [r.title for r in records] == ["Registro civil digital", "Escuela de hacienda"]


def test_a_single_project_page_with_a_boxed_activity_table_stays_one_record():
    [record] = parse_file(FORMATS / "guard_one_project_boxes.txt")
    assert record.code == "BTN-WM-2024"
    assert record.title == "Strengthening municipal waste management in Bhutan"


# ---------------------------------------------------------------- sections that each present a project


def test_a_report_whose_numbered_sections_each_present_a_project_is_cut_at_them():
    first, second = parse_file(FORMATS / "es_informe_dos_proyectos.txt")
    assert first.title.casefold() == "proyecto de modernización del catastro fiscal"
    assert (first.start, first.end) == (PartialDate(2024, 4), PartialDate(2027, 3))
    assert not first.partners  # the Union européenne funds the other one
    assert second.title.casefold() == "programa de formación de auditores tributarios"
    assert (second.start, second.end) == (PartialDate(2025, 7), PartialDate(2028, 6))


def test_one_projects_own_sections_never_cut_it():
    [record] = parse_file(FORMATS / "guard_one_project_sections.txt")
    assert record.code == "SLO-2026-01"


def test_a_feed_that_declares_its_own_entities_is_refused_not_read_as_text():
    feed = ('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>\n'
            '<rss version="2.0"><channel><item><title>Proyecto de apoyo &b;</title><description>El proyecto PER-22 '
            'apoya a SERVIR en el Perú de 2022 a 2025 con US$ 400.000 de la AECID.</description></item></channel>'
            '</rss>\n')
    with pytest.raises(InputError, match="declares its own entities"):
        parse_text(feed)
