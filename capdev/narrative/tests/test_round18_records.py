"""Round 18: how many records a file holds.

Rows of one table that give the same code are the rows of one project (a register of disbursements, a ledger of
tranches): one record, its status from the last row, an amount that changes from row to row read as no budget
(structured/code_rows.py). Guards: rows with codes of their own stay records each; a one-project table of its own
tranches stays one record; rows keyed by titles are not merged."""
from __future__ import annotations

from capdev.narrative import parse_text


def _records(text: str) -> list:
    return parse_text(text, "t.csv")


_REGISTER_ES = """Registro de desembolsos
Fecha;Expediente;Intervención;Socio local;Tramo;Importe (EUR);Total aprobado (EUR);Situación
14/09/2023;2023/SPE/0000400123;Fortalecimiento de la Escuela de Gestión Pública;EGPP;1/3;250.000,00;600.000,00;
22/10/2024;2023/SPE/0000400123;Fortalecimiento de la Escuela de Gestión Pública;EGPP;2/3;200.000,00;600.000,00;
05/06/2025;2023/SPE/0000400123;Fortalecimiento de la Escuela de Gestión Pública;EGPP;3/3;150.000,00;600.000,00;Finalizada
03/03/2025;2025/SPE/0000400871;Transparencia en gobiernos municipales;Ministerio de Justicia;1/2;270.000,00;450.000,00;En ejecución
18/08/2026;2025/SPE/0000400871;Transparencia en gobiernos municipales;Ministerio de Justicia;2/2;180.000,00;450.000,00;En ejecución
;2026/SPE/0000401002;Plataforma de trámites en línea;AGETIC;1/2;0,00;300.000,00;Aprobada
"""

_LEDGER_EN = """Project code,Project title,Implementing partner,Amount (USD),Total budget (USD),Status
GOV-101,Civil Service Reform Support,Public Service Commission,120000,400000,Active
GOV-101,Civil Service Reform Support,Public Service Commission,80000,400000,Active
GOV-101,Civil Service Reform Support,Public Service Commission,95000,400000,Completed
GOV-202,Municipal Finance Academy,Local Government Institute,50000,250000,Active
"""

_REGISTRE_FR = """Code projet;Intitulé du projet;Partenaire;Montant (EUR);Statut
FR-301;Appui à l'École nationale d'administration;ENA;150000;En cours
FR-301;Appui à l'École nationale d'administration;ENA;90000;En cours
FR-302;Modernisation de la fonction publique territoriale;DGCL;300000;Terminé
FR-303;Gouvernance numérique des communes;ANSUT;210000;En préparation
"""


def test_a_register_of_tranches_is_one_record_per_code():
    recs = _records(_REGISTER_ES)
    assert [r.code for r in recs] == ["2023/SPE/0000400123", "2025/SPE/0000400871", "2026/SPE/0000401002"]
    first = recs[0]
    assert [b.amount for b in first.budgets] == [600000]  # the total, not a tranche
    assert first.status == "Finalizada"  # the last row that gives one
    assert any(f.field == "record" and "3 rows" in f.reason for f in first.flags)


def test_a_ledger_in_english():
    recs = _records(_LEDGER_EN)
    assert [r.code for r in recs] == ["GOV-101", "GOV-202"]
    assert [b.amount for b in recs[0].budgets] == [400000]
    assert recs[0].status == "Completed"
    assert [b.amount for b in recs[1].budgets] == [250000]


def test_a_register_in_french():
    recs = _records(_REGISTRE_FR)
    assert [r.code for r in recs] == ["FR-301", "FR-302", "FR-303"]
    assert recs[0].budgets == []  # an amount per row: no budget of the project
    assert recs[0].title == "Appui à l'École nationale d'administration"


def test_guard_codes_of_their_own_stay_records():
    text = ("Code;Title;Budget (USD);Status\nA-1;Public Service Training;100000;Active\n"
            "A-2;Municipal Audit Capacity;200000;Completed\nA-3;Open Data Portal;150000;Planned\n")
    recs = _records(text)
    assert [r.code for r in recs] == ["A-1", "A-2", "A-3"]
    assert [[b.amount for b in r.budgets] for r in recs] == [[100000], [200000], [150000]]
    assert not any(f.field == "record" and "same code" in f.reason for r in recs for f in r.flags)


def test_guard_one_project_and_its_tranches_stay_one():
    text = ("Code;Projet;Tranche;Montant (EUR);Statut\nPRJ-77;Appui au Programme de réforme;1;100000;En cours\n"
            "PRJ-77;Appui au Programme de réforme;2;100000;En cours\n")
    recs = _records(text)
    assert len(recs) == 1 and recs[0].code == "PRJ-77"
    assert [b.amount for b in recs[0].budgets] == [100000]  # the same in every row: the column is kept


def test_guard_rows_keyed_by_title_are_not_merged():
    text = ("Proyecto;Presupuesto (USD);Estado\nEscuela de Gobierno;100000;En ejecución\n"
            "Escuela de Gobierno;100000;En ejecución\n")
    assert len(_records(text)) == 2
