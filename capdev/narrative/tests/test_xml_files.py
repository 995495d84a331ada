"""XML given to the narrative reader: a feed is read per entry (test_round11_formats), an IATI file is refused with
where to import it, other XML is read as text with its markup blanked, and a head of many comments is read in one
pass whatever root follows."""
from __future__ import annotations

import pytest

from capdev.narrative import InputError, parse_text
from capdev.narrative.feeds import is_feed
from capdev.narrative.xml_head import xml_head

COMMENTS = "".join(f"<!--section {n} starts-->\n  <x/>\n<!--section {n} ends-->\n" for n in range(40))


def test_a_comment_never_reaches_past_its_own_end():
    # The cause of the backtracking: a comment whose body could stretch over "-->" to the next comment's end.
    assert not is_feed('<?xml version="1.0"?>\n<!-- one --> -->\n<feed xmlns="http://www.w3.org/2005/Atom">')
    assert is_feed('<?xml version="1.0"?>\n<!-- one -->\n<!-- two -->\n<feed xmlns="http://www.w3.org/2005/Atom">')


def test_many_comments_before_a_root_that_is_no_feed_are_read_in_one_pass():
    # Before the fix this head took longer than any test run (each comment's end could be matched two ways).
    text = '<?xml version="1.0"?>\n<!--a-->\n<!--b-->\n<catalog>\n' + COMMENTS + "</catalog>\n"
    head = xml_head(text)
    assert head is not None and head.root == "catalog" and not head.is_feed
    assert not is_feed('<?xml version="1.0"?>\n' + COMMENTS + "<iati-activities>")


def test_an_iati_file_is_refused_with_where_to_import_it():
    iati = ('<?xml version="1.0" encoding="UTF-8"?>\n<!--generated-->\n<iati-activities version="2.03">\n'
            '<iati-activity><iati-identifier>XM-DAC-41114-1</iati-identifier><title><narrative>Support to the civil '
            'service commission</narrative></title></iati-activity>\n</iati-activities>\n')
    with pytest.raises(InputError, match="IATI file .*import-iati"):
        parse_text(iati)
    with pytest.raises(InputError, match="IATI file"):  # without a declaration too
        parse_text(iati.split("\n", 1)[1])


EXPORT = """<?xml version="1.0" encoding="UTF-8"?>
<!-- export of the projects database -->
<projects generated="2025-11-02">
  <project>
    <field name="Title">Strengthening municipal procurement systems</field>
    <field name="Code">MPS-2024-07</field>
    <field name="Country">Ghana</field>
    <field name="Duration">March 2024 &#8211; February 2026</field>
    <field name="Budget">USD 640,000</field>
    <body>&lt;p&gt;The project trains procurement officers of twelve municipal assemblies.&lt;/p&gt;</body>
  </project>
</projects>
"""


def test_other_xml_is_read_as_text_with_its_markup_blanked():
    [record] = parse_text(EXPORT)
    assert record.title == "Strengthening municipal procurement systems"  # the element's name attribute its label
    assert record.code == "MPS-2024-07"
    assert (str(record.start), str(record.end)) == ("2024-03", "2026-02")
    assert [(b.amount, b.currency) for b in record.budgets] == [(640000, "USD")]
    assert record.countries == ["GHA"]
    assert "<" not in (record.summary or "") and "field" not in (record.title or "")


def test_a_plain_text_opening_with_a_bracket_is_no_xml():
    assert xml_head("<Project title>\nCode: ABC-1\n") is None
    [record] = parse_text("<Draft> Support to the national school of government\nCode: NSG-2025-01\n"
                          "Country: Jamaica\nBudget: USD 90,000\n")
    assert record.code == "NSG-2025-01"


def test_an_elements_name_is_the_label_of_its_text_and_html_elements_are_markup():
    export = ('<?xml version="1.0"?>\n<portfolio>\n<item>\n<project-title>Digital skills for court clerks'
              '</project-title>\n<project_code>DSC-03</project_code>\n<p>Budget</p>\n<budget>EUR 210 000</budget>\n'
              '<beneficiary-country>Moldova</beneficiary-country>\n</item>\n</portfolio>\n')
    [record] = parse_text(export)
    assert record.title == "Digital skills for court clerks"
    assert record.code == "DSC-03"
    assert [(b.amount, b.currency) for b in record.budgets] == [(210000, "EUR")]
    assert record.countries == ["MDA"]
