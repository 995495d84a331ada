"""Reading sign-in sheets as organisers keep them (capdev.people.sheets: plain Python, no database)."""
from __future__ import annotations

import ast
import io
from pathlib import Path

import openpyxl
import pytest

from capdev.people.sheets import columns as cols
from capdev.people.sheets import normalise as norm
from capdev.people.sheets.read import MAX_ROWS, SheetError, read_workbook

FILES = Path(__file__).with_name("files")


def test_the_sheet_reader_imports_nothing_from_django():
    for path in (Path(norm.__file__).parent).glob("*.py"):
        tree = ast.parse(path.read_text())
        names = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        names += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        assert not [n for n in names if n.startswith("django") or n.startswith("capdev.")], path


@pytest.mark.parametrize("written, name, title, sex", [
    ("Mr. John PIERRE", "John Pierre", "Mr.", "male"),
    ("Dr Ann-Marie Joseph", "Ann-Marie Joseph", "Dr", None),
    ("Ms. Karen St. Rose", "Karen St. Rose", "Ms.", "female"),
    ("H.E. Dr. Claudia Louis", "Claudia Louis", "H.E. Dr.", None),
    ("JOSEPH, Marcus", "Marcus Joseph", "", None),
    ("Mme DUPONT Marie", "Marie Dupont", "Mme", "female"),
    ("M. PAUL Jacques", "Jacques Paul", "M.", "male"),
    ("Sra. Ana PÉREZ GÓMEZ", "Ana Pérez Gómez", "Sra.", "female"),
    ("Lic. Carlos Ruiz", "Carlos Ruiz", "Lic.", None),
    ("Don Henry", "Don Henry", "", None),  # a first name, not a title
    ("  Peter   Emmanuel ", "Peter Emmanuel", "", None),
])
def test_titles_come_off_names_and_names_go_given_first(written, name, title, sex):
    got = norm.split_name(written)
    assert (got.name, got.title, got.sex_hint) == (name, title, sex)


@pytest.mark.parametrize("value, m_means, sex", [
    ("M", "male", "male"), ("F", "male", "female"), ("Male", "male", "male"), ("female", "male", "female"),
    ("Femme", "male", "female"), ("Homme", "male", "male"), ("H", "male", "male"), ("Mujer", "male", "female"),
    ("Hombre", "male", "male"), ("M", "female", "female"), ("Prefer not to say", "male", "not_stated"),
    ("X", "male", "another"), ("Non-binary", "male", "another"), ("", "male", "not_stated"),
    ("banana", "male", None),
])
def test_sex_however_it_is_written(value, m_means, sex):
    assert norm.parse_sex(value, m_means) == sex


def test_a_bare_m_is_mujer_where_men_are_written_h_or_the_sheet_is_spanish():
    assert norm.m_meaning(["M", "H", "M"]) == "female"
    assert norm.m_meaning(["M", "F", "H"]) == "male"  # Homme/Femme, and an M: male
    assert norm.m_meaning(["M", "F"]) == "male"
    assert norm.m_meaning(["M", "M"], spanish_headers=True) == "female"
    assert norm.m_meaning(["M", "M"]) == "male"


@pytest.mark.parametrize("value, email, problem", [
    ("John.Pierre@GOVT.LC", "john.pierre@govt.lc", None),
    ("KAREN.STROSE@GOVT.LC ", "karen.strose@govt.lc", None),
    ("mailto:A@B.org", "a@b.org", None),
    ("peter.emmanuel@nic.lc; pemmanuel@gmail.com", "peter.emmanuel@nic.lc", "several_emails"),
    ("not given", "", "not_an_email"),
    ("john@", "", "not_an_email"),
    ("", "", None),
])
def test_emails_in_any_case(value, email, problem):
    assert norm.parse_email(value) == (email, problem)


def test_yes_no_days_roles_levels_and_institution_types_in_three_languages():
    assert [norm.parse_bool(v) for v in ("X", "✓", "Sí", "oui", "", "No", "maybe")] == [
        True, True, True, True, False, False, None]
    assert norm.parse_number("2,5") == norm.parse_number("2.5")
    assert norm.parse_number("two") is None
    assert [norm.parse_role(v) for v in ("Panelist", "Ponente", "Facilitatrice", "Formateur", "Staff", "Guest")] == [
        "speaker", "speaker", "facilitator", "trainer", "organiser", None]
    assert [norm.guess_seniority(v) for v in ("Permanent Secretary", "Minister for Public Service", "Coordinator",
                                              "Policy Analyst", "Assistant to the Director", "Gardener")] == [
        "senior", "political", "mid", "technical", "technical", None]
    assert [norm.guess_institution_type(v) for v in (
        "Ministry of Finance", "Ministère de l'Économie", "Chambre des Députés", "Castries City Council",
        "Universidad de San Carlos", "CARICAD", "Association des femmes juristes", "Statistics Office",
        "Acme Consulting Ltd")] == ["ministry", "ministry", "parliament", "local_government", "academia",
                                   "international", "civil_society", "agency", "private"]


def test_the_header_is_found_below_title_rows_in_english_french_and_spanish():
    book = read_workbook((FILES / "signin-saint-lucia-en.xlsx").read_bytes(), "x.xlsx")
    rows = book.worksheet().rows
    assert cols.find_header(rows) == 4  # row 5: three title rows and a blank one above it
    mapping = cols.guess_mapping(rows[4], rows[5:])
    assert [mapping.get(i) for i in range(7)] == ["ignore", "name", "position", "institution", "sex", "email",
                                                  "ignore"]
    fr = read_workbook((FILES / "liste-presence-fr.csv").read_bytes(), "x.csv").worksheet().rows
    assert cols.find_header(fr) == 2
    assert cols.guess_mapping(fr[2], fr[3:]) == {0: "ignore", 1: "family_name", 2: "given_name", 3: "sex",
                                                 4: "position", 5: "institution", 6: "country", 7: "email",
                                                 8: "ignore"}
    es = read_workbook((FILES / "lista-asistencia-es.xlsx").read_bytes(), "x.xlsx").worksheet().rows
    assert cols.find_header(es) == 1 and cols.language(es[1]) == "es"
    assert [f for f in cols.guess_mapping(es[1], es[2:]).values()].count("day") == 3


def test_title_is_a_salutation_or_a_position_as_its_values_say():
    header = ["Name", "Title", "Organization"]
    assert cols.guess_mapping(header, [["A B", "Mr", "X"], ["C D", "Ms", "Y"]])[1] == "title"
    assert cols.guess_mapping(header, [["A B", "Director", "X"], ["C D", "Analyst", "Y"]])[1] == "position"


def test_nombre_beside_apellidos_is_the_given_name():
    mapping = cols.guess_mapping(["Nombre", "Apellidos", "Correo"], [])
    assert mapping == {0: "given_name", 1: "family_name", 2: "email"}


def test_no_header_in_a_sheet_of_data_rows():
    rows = read_workbook((FILES / "no-header.csv").read_bytes(), "x.csv").worksheet().rows
    assert cols.find_header(rows) is None


def test_encodings_and_delimiters_of_csv_files():
    fr = read_workbook((FILES / "liste-presence-fr.csv").read_bytes(), "x.csv")
    assert (fr.encoding, fr.delimiter) == ("cp1252", ";")
    assert fr.worksheet().rows[3][5] == "Ministère de l'Économie et des Finances"
    utf16 = read_workbook((FILES / "signin-regional-utf16.csv").read_bytes(), "x.csv")
    assert (utf16.encoding, utf16.delimiter) == ("utf-16", "\t")
    bom = read_workbook("\ufeffNom,Courriel\nÉloïse,e@x.fr\n".encode("utf-8"), "x.csv")
    assert bom.worksheet().rows == [["Nom", "Courriel"], ["Éloïse", "e@x.fr"]]


def test_merged_cells_belong_to_every_row_they_span():
    sheet = read_workbook((FILES / "signin-saint-lucia-en.xlsx").read_bytes(), "x.xlsx").worksheet()
    assert [sheet.rows[i][3] for i in (5, 6, 7)] == ["Ministry of Public Service"] * 3
    assert sheet.merged == 2


def test_xlsx_dates_and_numbers_read_as_written():
    wb = openpyxl.Workbook()
    wb.active.append(["Name", "Email", "Days", "Date"])
    import datetime as dt

    wb.active.append(["A B", "a@b.org", 2.0, dt.datetime(2024, 8, 20)])
    out = io.BytesIO()
    wb.save(out)
    assert read_workbook(out.getvalue(), "x.xlsx").worksheet().rows[1] == ["A B", "a@b.org", "2", "2024-08-20"]


@pytest.mark.parametrize("name, code", [
    ("empty.csv", "empty"), ("old-excel.xls", "xls"), ("not-a-workbook.xlsx", "not_xlsx"),
    ("damaged.xlsx", "bad_zip"), ("too-wide.csv", "too_many_columns"),
])
def test_faulty_files_are_refused_saying_why(name, code):
    with pytest.raises(SheetError) as caught:
        read_workbook((FILES / name).read_bytes(), name)
    assert caught.value.code == code


def test_bounds_on_rows_and_on_unpacked_size():
    many = "Name,Email\n" + "".join(f"P{i},p{i}@x.org\n" for i in range(MAX_ROWS + 5))
    with pytest.raises(SheetError) as caught:
        read_workbook(many.encode(), "x.csv")
    assert caught.value.code == "too_many_rows"
    import zipfile

    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"\x00" * (70 * 1024 * 1024))
    with pytest.raises(SheetError) as caught:
        read_workbook(bomb.getvalue(), "bomb.xlsx")
    assert caught.value.code == "unzips_too_big"
