"""A legend below a table of projects (issue #16, round 16): a workbook's "Lookups" sheet or a "Statut |
Signification" key explains the values of the projects table's columns ("GH | Ghana", "Pipeline | not started").
Its rows are no projects: read as such each was one more record with a code and nothing else. Its text stays with
the table's last record, unplaced and flagged; a second table of projects below the first is still read."""
from __future__ import annotations

from capdev.narrative import iter_records

EN_WORKBOOK = """Portfolio FY26 (all sheets saved as text)

ID\tTitle\tCountry\tDonor\tBudget\tStatus
GOV-GH-014\tCivil Service College Programme\tGH\tFCDO\t2,400,000\tClosed
GOV-ZM-021\tLocal Government Finance Academy\tZM\tIrish Aid\t1,150,000\tActive
GOV-MW-033\tGender Budgeting for District Councils\tMW\tNORAD\t6,500,000\tPipeline

Sheet 2: Lookups
Code\tCountry\tRegion
GH\tGhana\tWest Africa
ZM\tZambia\tSouthern Africa
MW\tMalawi\tSouthern Africa
"""

FR_KEY = """Code;Intitulé;Pays;Bailleur;Montant (EUR);Statut
SN-GRH-01;Appui à la déconcentration de la GRH;SN;AFD;1 200 000;En cours
ML-ENA-02;Formation continue des cadres de l'ENA;ML;UE;800 000;Clôturé
BF-NUM-03;Dématérialisation des actes administratifs;BF;Banque mondiale;2 000 000;En préparation

Code;Pays;Zone
SN;Sénégal;Afrique de l'Ouest, côte atlantique
ML;Mali;Sahel
BF;Burkina Faso;Sahel
"""

# A second table of projects under the same header row, its own codes and titles: read as projects, not as a
# legend, and its header row is no project.
ES_TWO_TABLES = """Código\tTítulo\tPaís\tPresupuesto
PE-01\tEscuela de gobierno regional\tPerú\t500 000
PE-02\tCarrera pública municipal\tPerú\t750 000

Código\tTítulo\tPaís\tPresupuesto
BO-07\tGestión por resultados en gobernaciones\tBolivia\t300 000
BO-08\tFirma digital en la administración\tBolivia\t420 000
"""


def _records(text):
    return list(iter_records([text]))


def test_a_lookup_sheet_below_the_projects_is_no_project():
    records = _records(EN_WORKBOOK)
    assert [r.code for r in records] == ["GOV-GH-014", "GOV-ZM-021", "GOV-MW-033"]
    last = records[-1]
    assert any("West Africa" in piece for piece in last.unparsed)  # kept, unplaced
    assert any(f.field == "unparsed" for f in last.flags)


def test_a_key_to_the_country_codes_is_no_project():
    records = _records(FR_KEY)
    assert [r.code for r in records] == ["SN-GRH-01", "ML-ENA-02", "BF-NUM-03"]
    assert any("côte atlantique" in piece for piece in records[-1].unparsed)


def test_a_second_table_of_projects_is_still_read():
    records = _records(ES_TWO_TABLES)
    assert [r.code for r in records] == ["PE-01", "PE-02", "BO-07", "BO-08"]


def test_a_note_below_a_table_longer_than_a_record_is_read():
    # The text after a table was read as if it began at the file's start: below a table longer than one record's
    # limit (a large export) a footnote raised "the record from line 1 runs over ... characters".
    rows = "\n".join(f"P-{i},Project number {i} on civil service,USD,{1000 * i},Active" for i in range(120))
    text = f"Code,Title,Currency,Budget,Status\n{rows}\n\nSource: Ministry of Public Service, November 2026.\n"
    assert len(text) > 5000
    records = list(iter_records([text], max_record=5000))
    assert len(records) == 120
    assert any("Ministry of Public Service" in piece for piece in records[-1].unparsed)
