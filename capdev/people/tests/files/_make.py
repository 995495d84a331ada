"""Writes the sample sheets of this folder (run once; the files are committed). Realistic and messy on purpose:
title rows above the header, headers in English, French and Spanish, titles in names, sex written every way,
emails in any case, blank rows, merged cells, a total at the bottom."""
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent


def saint_lucia_en() -> None:
    """A national workshop's sign-in sheet as the ministry typed it (XLSX)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sign-in 20 Aug"
    ws.append(["GOVERNMENT OF SAINT LUCIA — Department of Public Sector Modernization"])
    ws.append(["Capacity Development Workshop: Changing Mindsets for Innovation and Digital Transformation"])
    ws.append(["SIGN-IN SHEET", None, None, "Date: 20 August 2024"])
    ws.append([])
    ws.append(["No.", "Name", "Position", "Ministry/Department/Agency", "Sex (M/F)", "Email", "Signature"])
    rows = [
        (1, "Mr. John PIERRE", "Permanent Secretary", "Ministry of Public Service", "M", "John.Pierre@GOVT.LC", "JP"),
        (2, "Dr Ann-Marie Joseph", "Director, Human Resources", None, "F", "annmarie.joseph@govt.lc", "AJ"),
        (3, "Ms. Karen St. Rose", "Policy Analyst", None, "Female", "KAREN.STROSE@GOVT.LC ", "KSR"),
        (4, "Kervin Alexander", "ICT Officer", "Department of Public Sector Modernization", "male", "", "K.A."),
        (None, None, None, None, None, None, None),
        (5, "Mrs Theresa Charles", "Chief Information Officer", "Ministry of Finance", "f", "t.charles@finance.gov.lc",
         ""),
        (6, "JOSEPH, Marcus", "Senior Economist", "Ministry of Finance", "Male", "Marcus.Joseph@Finance.GOV.LC", ""),
        (7, "H.E. Dr. Claudia Louis", "Minister for Public Service", "Ministry of Public Service", "F", "", ""),
        (8, "Peter  Emmanuel", "Programme Officer", "National Insurance Corporation", "M",
         "peter.emmanuel@nic.lc; pemmanuel@gmail.com", ""),
        (9, "Shanelle Felix", "Records Clerk", "Castries City Council", "F", "not given", ""),
        (10, "Rev. Gregory Auguste", "Lecturer", "Sir Arthur Lewis Community College", "?", "gauguste@salcc.edu.lc",
         ""),
    ]
    for row in rows:
        ws.append(list(row))
    ws.append([])
    ws.append(["Total participants: 10"])
    ws.merge_cells("D6:D8")  # one ministry written once for three people
    ws.merge_cells("A1:G1")
    wb.save(HERE / "signin-saint-lucia-en.xlsx")


def haiti_fr() -> None:
    """A French list of attendance, semicolon-separated, saved by Excel in Windows-1252 (CSV)."""
    lines = [
        "Liste de présence;;;;;;;;",
        "Atelier national sur la transformation numérique - Port-au-Prince, 12-13 mars 2025;;;;;;;;",
        "N°;NOM;Prénom;Sexe (H/F);Fonction;Structure;Pays;Courriel;Émargement",
        "1;DUPONT;Marie;F;Directrice générale;Ministère de l'Économie et des Finances;Haïti;Marie.Dupont@MEF.gouv.ht;",
        "2;JEAN-BAPTISTE;Pierre;H;Analyste;Ministère de l'Économie et des Finances;Haïti;pjbaptiste@mef.gouv.ht;",
        "3;LOUIS;Fabienne;Femme;Coordonnatrice;Office de Management et des Ressources Humaines;Haiti;;",
        ";;;;;;;;",
        "4;ÉTIENNE;Jean;Homme;Député;Chambre des Députés;Haïti;jetienne@parlement.ht;",
        "5;Mme CÉLESTIN;Rose;F;Technicienne;Mairie de Port-au-Prince;Haïti;ROSE.CELESTIN@MAIRIEPAP.HT;",
        "6;M. PAUL;Jacques;H;Chef de service;Université d'État d'Haïti;Haïti;jpaul@ueh.edu.ht;",
        "7;PIERRE-LOUIS;Nadège;X;Consultante;Association des femmes juristes;Haïti;;",
    ]
    (HERE / "liste-presence-fr.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def guatemala_es() -> None:
    """A Spanish three-day list with a tick per day; "M" is Mujer, "H" Hombre (XLSX)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Asistencia"
    ws.append(["Lista de asistencia — Taller de Formación de Formadores, 21-23 de octubre de 2025"])
    ws.append(["Nombre y apellidos", "Sexo", "Cargo", "Institución", "País", "Correo electrónico", "Día 1",
               "Día 2", "Día 3", "Certificado"])
    rows = [
        ("Sra. Ana PÉREZ GÓMEZ", "M", "Directora de Formación", "Instituto Nacional de Administración Pública",
         "Guatemala", "Ana.Perez@INAP.gob.gt", "X", "X", "X", "Sí"),
        ("Lic. Carlos Ruiz", "H", "Formador", "Instituto Nacional de Administración Pública", "Guatemala",
         "cruiz@inap.gob.gt", "X", "", "X", "Sí"),
        ("María José López", "Mujer", "Analista", "Ministerio de Finanzas Públicas", "Guatemala",
         "mjlopez@minfin.gob.gt", "✓", "✓", "✓", "Sí"),
        (None, None, None, None, None, None, None, None, None, None),
        ("Ing. Jorge Méndez", "Hombre", "Jefe de Departamento", "Municipalidad de Quetzaltenango", "Guatemala",
         "", "X", "X", "", "No"),
        ("Dra. Lucía Fernández", "M", "Profesora", "Universidad de San Carlos", "Guatemala", "lfernandez@usac.edu.gt",
         "X", "X", "X", "Sí"),
    ]
    for row in rows:
        ws.append(list(row))
    wb.save(HERE / "lista-asistencia-es.xlsx")


def regional_utf16() -> None:
    """A regional workshop's registration export: UTF-16, tab-separated, "Title" holds Mr/Ms (CSV)."""
    rows = [
        ["Full name", "Title", "Organization", "Country", "Gender", "E-mail", "Role"],
        ["John Pierre", "Mr", "Ministry of Public Service", "St. Lucia", "Man", "JOHN.PIERRE@govt.lc", "Participant"],
        ["Jon Pierre", "Mr", "Ministry of Public Service", "St. Lucia", "Man", "", "Participant"],
        ["Karen St Rose", "Ms", "Ministry of Public Service", "St. Lucia", "Woman", "", "Participant"],
        ["Devon Rolle", "Mr", "Cabinet Office", "The Bahamas", "Man", "drolle@bahamas.gov.bs", "Participant"],
        ["Keisha Greaves", "Ms", "Ministry of Innovation, Science and Smart Technology", "Barbados", "Woman",
         "keisha.greaves@barbados.gov.bb", "Speaker"],
        ["Ria Mohammed", "Dr", "CARICAD", "Barbados", "Prefer not to say", "rmohammed@caricad.net", "Facilitator"],
        ["Anil Persad", "Mr", "Ministry of Public Administration", "Trinidad & Tobago", "Man", "apersad@gov.tt",
         "Participant"],
        ["Devon Rolle", "Mr", "Cabinet Office", "The Bahamas", "Man", "DRolle@Bahamas.gov.bs", "Participant"],
    ]
    text = "\r\n".join("\t".join(r) for r in rows) + "\r\n"
    (HERE / "signin-regional-utf16.csv").write_bytes(text.encode("utf-16"))


def survey_exports() -> None:
    """Evaluation responses as survey tools export them."""
    lines = [
        "Timestamp,Email Address,Overall satisfaction (1-5),Relevance to your work (1-5),Knowledge before (1-5),"
        "Knowledge after (1-5),Comments",
        "2024/08/21 10:02:11,John.Pierre@govt.lc,5,5,2,4,Very useful",
        "2024/08/21 10:05:40,,4,5,3,4,",
        "2024/08/21 10:07:02,,4,4,3,3,More time for group work",
        "2024/08/21 10:11:57,annmarie.joseph@govt.lc,5,4,2,5,",
        "2024/08/21 10:15:30,,3,4,4,4,",
        "2024/08/21 10:20:00,,6,4,2,4,out of range satisfaction",
    ]
    (HERE / "survey-export.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Résultats"
    ws.append(["Évaluation de l'atelier"])
    ws.append(["Courriel", "Satisfaction globale", "Pertinence", "Test initial", "Test final",
               "Avez-vous appliqué ?"])
    for row in [("Marie.Dupont@MEF.gouv.ht", 5, 5, 40, 75, "Oui"), (None, 4, 4, 55, 70, "En partie"),
                (None, 2, 3, 60, 55, "Non"), ("jetienne@parlement.ht", 4, 5, 30, 80, "Oui")]:
        ws.append(list(row))
    wb.save(HERE / "evaluation-fr.xlsx")


def faulty() -> None:
    """Files that must be refused with a clear message."""
    (HERE / "not-a-workbook.xlsx").write_bytes(b"Name,Email\nA,b@c.org\n")
    (HERE / "old-excel.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    (HERE / "empty.csv").write_bytes(b"")
    (HERE / "no-header.csv").write_text("Jane Doe,jane@example.org\nJohn Roe,john@example.org\n", encoding="utf-8")
    (HERE / "too-wide.csv").write_text(",".join(f"c{i}" for i in range(80)) + "\n" +
                                       ",".join("x" for _ in range(80)) + "\n", encoding="utf-8")
    (HERE / "damaged.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 200)


if __name__ == "__main__":
    saint_lucia_en()
    haiti_fr()
    guatemala_es()
    regional_utf16()
    survey_exports()
    faulty()
