"""A project's code, its title and where its record begins and ends (round 9), in English, French and Spanish
(tests/files/round9/codes/):
- codes told in odd places: in brackets after the naming word ("this new programme (RDL-WB-25)"), a digits-only
  system id ("Atlas ID 00123456", "identifiant Atlas", "número Atlas", "(Project No. 00131313)" in a request for
  proposals, never its own "Reference: RFP-..."), after a project's quoted name and a dash ('PROYECTO "..." –
  PER-21-007'), under labels an organisation or a funder writes ("Internal code", "Code interne", "Référence UE",
  "N° de convenio"), and in a page's running footer ("GHA/22/003 – ... – page 1 of 2", "SEN/22/011 · ... · p. 1",
  "PER-20-014 | ... | Página 1 de 2");
- records: a printed report with its footers, sections and annexes stays one record; a chapter's numbered sections
  ("3.1 Title / Project code: X / prose / 3.2 Title / ...") give one record each, the prose under a section being
  its own, the section's line its title;
- guards: an act's number ("Grant Agreement No.", "décision n°", "Resolución N°"), a project set apart ("not to be
  confused with", "ne pas confondre", "no debe confundirse") and a table's column names ("| N° | Engagement |")
  are no code, and the name quoted beside them no title; a site's menu in columns ("Inicio   Quiénes somos")
  opens no record; minutes headed by their programme and its code ("Programa ... (PY-SC-2022-04)") keep that code
  over the one of a project in formulation they mention.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_file
from capdev.narrative.labels import match_label
from capdev.narrative.running_lines import page_marked, running_code
from capdev.narrative.tests._shared import only_record
from capdev.narrative.values.told_ids import told_code

FILES = Path(__file__).parent / "files" / "round9" / "codes"

# file, code, title (None: any title, flagged or not)
ONE_RECORD = [
    ("prose_bracket_en.txt", "RDL-WB-25", None),
    ("prose_bracket_fr.txt", "OBS-AO-23", "Appui aux observatoires régionaux de la dépense publique"),
    ("prose_bracket_es.txt", "CAT-BO-24", "Catastro abierto para municipios intermedios"),
    ("atlas_en.txt", "00123456", "Digital Public Services for Rural Districts"),
    ("atlas_fr.txt", "00098765", "Dématérialisation de l'état civil dans les communes rurales"),
    ("atlas_es.txt", "00112233", "Ventanilla única municipal en la Amazonía"),
    ("quoted_dash_en.txt", "KEN-21-004", "OPEN CONTRACTING FOR COUNTY GOVERNMENTS"),
    ("quoted_dash_fr.txt", "SEN-22-009", "GOUVERNANCE FINANCIÈRE LOCALE"),
    ("quoted_dash_es.txt", "PER-21-007", "MODERNIZACIÓN DEL CATASTRO MUNICIPAL"),
    ("labels_en.txt", "PSR-2023-07", "Support to Civil Service Reform in Lesotho"),
    ("labels_fr.txt", "DRI-2023-07", "Appui à la réforme de la fonction publique au Bénin"),
    ("labels_es.txt", "2022-AECID-114", "Fortalecimiento de la gestión pública municipal en Bolivia"),
    ("footer_en.txt", "GHA/22/003", "Strengthening Local Revenue Systems"),
    ("footer_fr.txt", "SEN/22/011", "Projet d'appui à la décentralisation fiscale au Sénégal"),
    ("footer_es.txt", "PER-20-014", "Programa de Integridad en las Compras Públicas"),
    ("rfp_en.txt", "00131313", "Strengthening Results-Based Management in County Governments"),
    ("rfp_fr.txt", "00131414",
     "Renforcement de la gestion axée sur les résultats dans les collectivités territoriales"),
    ("rfp_es.txt", "00124578", "Fortalecimiento de capacidades para la gestión pública por resultados en Guatemala"),
    ("head_bracket_en.txt", "GH-CS-2022-03", None),
    ("head_bracket_fr.txt", "BJ-FP-2021-06", None),
    ("head_bracket_es.txt", "PY-SC-2022-04", None),
]


@pytest.mark.parametrize("name", ["head_bracket_en.txt", "head_bracket_fr.txt", "head_bracket_es.txt"])
def test_the_head_lines_code_wins_over_a_pipeline_projects(name):
    """Minutes headed by their programme and its code mention a project in formulation by its own code and quoted
    name: the code is the head line's; the title, if it is that other name, is only proposed."""
    rec = only_record(FILES / name)
    assert any(f.field == "code" and f.reason == "read after the title" for f in rec.flags)
    assert rec.title_is_proposed


@pytest.mark.parametrize(("name", "code", "title"), ONE_RECORD, ids=[c[0] for c in ONE_RECORD])
def test_code_told_in_an_odd_place(name, code, title):
    rec = only_record(FILES / name)
    assert rec.code == code
    if title is not None:
        assert rec.title == title


@pytest.mark.parametrize("name", ["footer_en.txt", "footer_fr.txt", "footer_es.txt"])
def test_a_running_footer_gives_no_title_and_keeps_the_report_whole(name):
    rec = only_record(FILES / name)
    assert not any(w in rec.title.lower() for w in ("report", "rapport", "informe", "page", "página"))
    assert rec.text.rstrip().endswith(("2 of 2", "p. 2", "Página 2 de 2"))


def test_an_agreement_reference_is_the_code_only_where_no_project_code_is_given():
    """A funder's reference beside the organisation's own code: one record, the own code; alone: taken, flagged."""
    rec = only_record(FILES / "labels_fr.txt")
    assert rec.code == "DRI-2023-07" and not any(f.field == "code" for f in rec.flags)
    alone = only_record(FILES / "labels_es.txt")
    assert any(f.field == "code" for f in alone.flags)


SECTIONS = [
    ("sections_en.txt", [("GPA-2021-08", "Merit-Based Recruitment in the Eastern Caribbean", "Caribbean Centre"),
                         ("GPA-2022-03", "Open Budget Dashboards for Pacific Municipalities", "New Zealand")]),
    ("sections_fr.txt", [("IAP-2020-05", "Gestion prévisionnelle des emplois publics au Maroc", "Institut national"),
                         ("IAP-2022-11", "Budgets participatifs dans les communes tunisiennes", "Coopération suisse")]),
    ("sections_es.txt", [("FIAP-2020-11", "Programa de Fortalecimiento del Servicio Civil en Centroamérica",
                          "Instituto Centroamericano"),
                         ("FIAP-2022-04", "Gobierno Abierto Local en la Región Andina", "Agencia Española")]),
]


@pytest.mark.parametrize(("name", "expected"), SECTIONS, ids=[c[0] for c in SECTIONS])
def test_numbered_sections_of_a_chapter_give_one_record_each(name, expected):
    records = parse_file(FILES / name)
    assert [r.code for r in records] == [code for code, _, _ in expected]
    for rec, (_, title, own_words) in zip(records, expected):
        assert rec.title == title
        assert own_words in rec.text  # the prose under a section is its own record's, not the next one's
    assert expected[1][2] not in records[0].text


@pytest.mark.parametrize("name", ["ficha_en.txt", "ficha_fr.txt", "ficha_es.txt"])
def test_a_fact_sheet_with_its_managing_agency_stays_one_record(name):
    """"Managing agency" / "Entité gestionnaire" / "Entidad gestora" between the funder and the partners is a label
    (an implementing partner), not the title line of a second record."""
    rec = only_record(FILES / name)
    assert rec.code and rec.code.startswith("2023/")
    assert any(p.role == "implementing" for p in rec.partners)


POPUPS = [
    ("popups_en.txt", "Open Contracting for County Governments"),
    ("popups_fr.txt", "Dématérialisation de l'état civil au Niger"),
    ("popups_es.txt", "Catastro abierto para municipios intermedios"),
]


@pytest.mark.parametrize(("name", "title"), POPUPS, ids=[c[0] for c in POPUPS])
def test_a_read_more_link_is_the_pages_not_the_next_records_title(name, title):
    """Map pop-ups end with "Read more ›", "Lire la suite →", "Leer más >" and a close button "[x]": links of the
    page, never the title line that opens the next pop-up's record."""
    records = parse_file(FILES / name)
    assert len(records) == 2
    assert records[1].title == title and not records[1].title_is_proposed
    # The second pop-up's record begins at the rule drawn above it (its marker and country lines are its own);
    # the first pop-up's "Read more" and "[x]" stay with the first.
    head = records[1].text.split(title)[0]
    assert "[x]" not in head and title not in records[0].text


WRAPPED = [
    ("wrapped_quote_en.txt", [("2325K", "Strengthening Statistical Capacities for Gender-Responsive Local Planning in "
                                        "the Andean Region"),
                              ("2326L", "Innovating Public Service Delivery through Digital Government in Coastal "
                                        "States")]),
    ("wrapped_quote_fr.txt", [("2327M", "Renforcement des capacités de planification budgétaire sensible au genre "
                                        "dans les communes sahéliennes"),
                              ("2328N", "Dématérialisation des procédures de passation des marchés publics")]),
    ("wrapped_quote_es.txt", [("2329P", "Fortalecimiento de las capacidades de gestión del riesgo de desastres en los "
                                        "gobiernos locales centroamericanos"),
                              ("2330Q", "Innovación en la prestación de servicios públicos digitales municipales")]),
]


@pytest.mark.parametrize(("name", "expected"), WRAPPED, ids=[c[0] for c in WRAPPED])
def test_a_quoted_name_wrapped_over_two_lines_is_the_title_not_the_line(name, expected):
    """A report's numbered paragraphs: 'The project "Strengthening ... Local' / 'Planning in ..." (... 2325K)'. The
    name in quotes is proposed, never the line that opens it; the code at the end of the brackets is read."""
    records = parse_file(FILES / name)
    assert [(r.code, r.title) for r in records] == expected


GUARDS = [
    ("guard_acts_en.txt", ["GA-2022-118", "KEN/18/004"]),
    ("guard_acts_fr.txt", ["DEC/2022/07", "MA/19/ENI/FI/03"]),
    ("guard_acts_es.txt", ["RES-2023-114", "PER-19-002"]),
]


@pytest.mark.parametrize(("name", "not_codes"), GUARDS, ids=[c[0] for c in GUARDS])
def test_an_acts_number_or_another_projects_is_no_code(name, not_codes):
    rec = only_record(FILES / name)
    assert rec.code is None
    assert not any(c in rec.title for c in not_codes)
    assert "Contrôle interne" not in rec.title  # the name quoted beside the other project's code


@pytest.mark.parametrize(("text", "code"), [
    ("Under Grant Agreement No. UNDP/CO/2023-15 the Ministry will report.", None),
    ("Conforme a la Resolución N° RES-2023-114 del Ministerio.", None),
    ("La décision n° DEC/2022/07 du comité approuve le plan.", None),
    ("según el convenio n.º 2022-AECID-114 firmado en 2022", None),
    ("Contact: +33 1 45 67 89 00. Project team.", None),
    ("The project had 12345 participants in 2023.", None),
    ("Not to be confused with project KEN/18/004, which closed in 2020.", None),
    ("No confundir con el proyecto PER-19-002, cerrado en 2021.", None),
    ("en el marco del convenio del proyecto COL-22-003 firmado en 2022", "COL-22-003"),
    ("Funding was provided under Award ID 00098765 in 2022.", "00098765"),
    ("A diferencia del proyecto anterior, el proyecto PER-21-004 incluye municipios.", "PER-21-004"),
    ("Sa référence officielle est T05-EUTF-SAH-REG-31.", "T05-EUTF-SAH-REG-31"),
    ("Its official reference is KEN-21-004.", "KEN-21-004"),
    ("Su código es BOL-23-005 y su socio es la FAM.", "BOL-23-005"),
    ('"Gestión por resultados en Guatemala" (Proyecto n.º 00124578), ejecutado por el PNUD', "00124578"),
])
def test_told_code_guards(text, code):
    assert told_code(text) == code


@pytest.mark.parametrize("name", ["guard_menu_en.txt", "guard_menu_es.txt"])
def test_a_menu_in_columns_opens_no_record(name):
    records = parse_file(FILES / name)
    assert len(records) == 2
    assert all(r.code and r.title and not r.title_is_proposed for r in records)
    assert [r.code for r in records] in (["KEN-24-002", "UGA-24-006"], ["BOL-24-002", "PER-24-006"])


def test_a_tables_column_names_are_no_code():
    rec = only_record(FILES / "guard_table_fr.txt")
    assert rec.code == "ARC-21-006"
    assert "Engagement" in rec.text


@pytest.mark.parametrize(("label", "secondary"), [
    ("Internal code: PSR-2023-07", False), ("Code interne : DRI-2023-07", False), ("Código interno: X-12", False),
    ("EU reference: LS/20/EDF", True), ("Référence UE : BJ/20/EDF", True), ("Referencia UE: BO/20/DCI", True),
    ("N° de convenio: 2022-AECID-114", True), ("N° de proyecto: BOL-12", False), ("Quantum ID: 00123456", False),
    ("Numéro du concours         CTD 1187 01 K", True), ("Loan number: 5123-GH", True),
    ("Número de operación: GU-L1234", True),
])
def test_code_labels(label, secondary):
    lab = match_label(label)
    assert lab is not None and lab.field == "code"
    assert bool(lab.modifiers.get("secondary")) is secondary


@pytest.mark.parametrize(("line", "code"), [
    ("GHA/22/003 – Annual Progress Report 2023 – page 3 of 12", "GHA/22/003"),
    ("SEN/22/011 · Rapport semestriel · p. 2", "SEN/22/011"),
    ("Informe de avance | PER-20-014 | Página 1 de 2", "PER-20-014"),
    ("GHA/22/003 – Annual Progress Report 2023", None),  # no page: perhaps a record's head
    ("Total – 2023 – page 3", None),  # no code
])
def test_running_lines(line, code):
    found = running_code(line)
    assert (found[0] if found else None) == code
    if code:
        assert page_marked(line)
