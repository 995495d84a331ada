"""A title behind a number of six digits or more and a bar, a colon or a dash (title_codes.code_in_front, as its
description says): the number is the code ("00131207 | Strengthening ...", a timesheet's charge codes, an ERP's
project numbers); a year or a short number is no code."""
from __future__ import annotations

from capdev.narrative.title_codes import code_in_front

from ._shared import only_record_in


def test_number_in_front_of_title_is_its_code():
    assert code_in_front("00131207 | Strengthening the Civil Service University's Executive Education") == (
        "00131207", "Strengthening the Civil Service University's Executive Education")
    assert code_in_front("2003377 - Fortalecimiento de capacidades en gestión pública")[0] == "2003377"
    assert code_in_front("00128844: Appui à la passation électronique des marchés")[0] == "00128844"


def test_a_record_headed_by_its_number_and_title():
    rec = only_record_in("00140017 | Regional Peer Learning on Performance Contracting\n"
                         "Start: November 2026. Budget: USD 120,000. Country: Kenya.\n")
    assert (rec.code, rec.title) == ("00140017", "Regional Peer Learning on Performance Contracting")


def test_guard_year_or_short_number_in_front_is_no_code():
    assert code_in_front("2024 | Annual report of the ministry")[0] == ""
    assert code_in_front("12345 - Training of trainers in public procurement")[0] == ""
