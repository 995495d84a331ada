"""Round 19 (records): files that hold records in a format's own text, read as that text in place.

- a vCard or iCalendar file: a project told in a NOTE / DESCRIPTION property with RFC 6350/5545 escapes (`\\n`,
  `\\,`, `\\;`) and folded lines; the directory's own properties (names, telephones, addresses) are no record's;
- a TOML file: `[[array]]` tables of projects, each with nested `[[array.sub]]` tables (events) that are no
  records of their own; comments are the file keeper's notes.
"""
import pytest

from capdev.narrative import parse_text
from capdev.narrative.toml_text import toml_as_text
from capdev.narrative.vcard_text import vcard_as_text

_CARD = ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:{surname};{given};;;\r\nFN:{given} {surname}\r\nORG:{org}\r\n"
         "TEL;type=WORK:+1 555 0100\r\nADR;type=WORK:;;1 Main St;Ottawa;;;Canada\r\nNOTE:{note}\r\n"
         "REV:2026-01-02T10:00:00Z\r\nEND:VCARD\r\n")
_NOTES = {
    "en": ("{label}: Digital Records Management for Provincial Registries ({code})\\nStatus: ongoing\\, "
           "May 2025 - Apr 2027\\nBudget US$ 640\\,000\\nCountries: Kenya\\, Uganda\\nSDG 16",
           "Project", "Digital Records Management for Provincial Registries", ["KEN", "UGA"]),
    "fr": ("{label} : Gestion numérique des archives des préfectures ({code})\\nStatut : en cours\\, "
           "mai 2025 - avril 2027\\nBudget : 640\\,000 EUR\\nPays : Sénégal\\, Mali\\nODD 16",
           "Projet", "Gestion numérique des archives des préfectures", ["SEN", "MLI"]),
    "es": ("{label}: Gestión documental digital para registros provinciales ({code})\\nEstado: en ejecución\\, "
           "mayo 2025 - abril 2027\\nPresupuesto: USD 640\\,000\\nPaíses: Perú\\, Bolivia\\nODS 16",
           "Proyecto", "Gestión documental digital para registros provinciales", ["PER", "BOL"]),
}


def _directory(lang: str, folded: bool = False) -> str:
    note, label, _, _ = _NOTES[lang]
    first = note.format(label=label, code="DRM-25-01")
    if folded:  # RFC 6350 3.2: a long line folded after 40 characters, the rest on a line opening with a space
        first = first[:40] + "\r\n " + first[40:]
    other = "Contact for the donor only.\\nNot a partner."
    return (_CARD.format(surname="Otieno", given="Grace", org="Ministry of Public Service;Registries", note=first)
            + _CARD.format(surname="Lavoie", given="Marc", org="Global Affairs Canada", note=other))


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
@pytest.mark.parametrize("folded", [False, True])
def test_a_vcard_note_is_read_as_its_lines_one_record_per_project(lang, folded):
    _, _, title, countries = _NOTES[lang]
    text = _directory(lang, folded)
    assert len(vcard_as_text(text)) == len(text)  # read in place: offsets still index the file
    (record,) = parse_text(text)
    assert record.title == title
    assert record.code == "DRM-25-01"
    assert record.countries == countries  # the contact's address (Canada) is no country served
    assert [(b.amount, b.currency) for b in record.budgets][0][0] == 640000
    assert record.sdgs == [16]


def test_a_vcard_text_keeps_lines_outside_its_cards_and_decodes_escapes():
    text = "Exported list\nBEGIN:VCARD\nVERSION:4.0\nNOTE:a\\, b\\; c\\nd\nEND:VCARD\n"
    out = vcard_as_text(text)
    assert out.startswith("Exported list\n")
    assert "a, b; c\nd" in out
    assert "VERSION" not in out and "BEGIN" not in out


def test_a_text_that_only_mentions_vcards_is_left_alone():
    text = "Project: Contact directory tools\nThe team exported BEGIN:VCARD lines.\nBudget: USD 10,000\n"
    assert parse_text(text)[0].title == "Contact directory tools"


_TOML = {
    "en": ('# site settings: keep\n[site]\nname = "Portal"\nlanguage = "en"\n\n'
           '# the 2019 phase (PRJ-2019-01) is no longer shown\n'
           '[[projects]]\ntitle = "{t1}"\ncode = "PRJ-2024-07"\nstatus = "ongoing"\nstart = 2024-03-01\n'
           'budget = 1_250_000\ncurrency = "USD"\ncountries = ["Ghana", "Togo"]\n\n'
           '  [[projects.events]]\n  name = "Opening workshop"\n  date = 2024-05-14\n  place = "Accra"\n'
           '  participants = 40\n\n'
           '[[projects]]\ntitle = "{t2}"\ncode = "PRJ-2025-02"\nstatus = "planned"\nstart = "2026-01"\n'
           'budget = 300_000\ncurrency = "EUR"\ncountries = ["Benin"]\n'),
    "fr": ('# réglages du site\n[site]\nnom = "Portail"\n\n'
           '[[projets]]\ntitre = "{t1}"\ncode = "PRJ-2024-07"\nstatut = "en cours"\ndebut = 2024-03-01\n'
           'budget = 1_250_000\ndevise = "USD"\npays = ["Ghana", "Togo"]\n\n'
           '  [[projets.evenements]]\n  nom = "Atelier de lancement"\n  date = 2024-05-14\n  lieu = "Accra"\n'
           '  participants = 40\n\n'
           '[[projets]]\ntitre = "{t2}"\ncode = "PRJ-2025-02"\nstatut = "planifié"\ndebut = "2026-01"\n'
           'budget = 300_000\ndevise = "EUR"\npays = ["Bénin"]\n'),
    "es": ('# ajustes del sitio\n[sitio]\nnombre = "Portal"\n\n'
           '[[proyectos]]\ntitulo = "{t1}"\ncodigo = "PRJ-2024-07"\nestado = "en ejecución"\ninicio = 2024-03-01\n'
           'monto = 1_250_000\nmoneda = "USD"\npaises = ["Ghana", "Togo"]\n\n'
           '  [[proyectos.eventos]]\n  nombre = "Taller de apertura"\n  fecha = 2024-05-14\n  lugar = "Accra"\n'
           '  participantes = 40\n\n'
           '[[proyectos]]\ntitulo = "{t2}"\ncodigo = "PRJ-2025-02"\nestado = "planificado"\ninicio = "2026-01"\n'
           'monto = 300_000\nmoneda = "EUR"\npaises = ["Benín"]\n'),
}
_TITLES = {"en": ("Civil service reform in West Africa", "Local finance academy"),
           "fr": ("Réforme de la fonction publique en Afrique de l'Ouest", "Académie des finances locales"),
           "es": ("Reforma del servicio civil en África occidental", "Academia de finanzas locales")}


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_a_toml_file_gives_one_record_per_table_and_none_per_nested_table(lang):
    t1, t2 = _TITLES[lang]
    text = _TOML[lang].format(t1=t1, t2=t2)
    assert len(toml_as_text(text)) == len(text)
    records = parse_text(text)
    assert [r.title for r in records] == [t1, t2]  # the event's name opens no record, the settings none either
    first, second = records
    assert [r.code for r in records] == ["PRJ-2024-07", "PRJ-2025-02"]  # not the code in the comment
    assert [(b.amount, b.currency) for b in first.budgets] == [(1250000, "USD")]
    assert [(b.amount, b.currency) for b in second.budgets] == [(300000, "EUR")]
    assert first.countries == ["GHA", "TGO"]
    assert second.countries == ["BEN"]


def test_a_toml_nested_table_reads_as_one_key_line():
    text = '[[projects]]\ntitle = "X"\n\n  [[projects.events]]\n  name = "Workshop"\n  participants = 40\n'
    out = toml_as_text(text)
    assert "events = Workshop, 40 participants" in out
    assert "[[" not in out and '"' not in out


_CONTENTS = {
    "en": ("PUBLIC FINANCE ACADEMIES IN WEST AFRICA\nLessons from country cases\nSecond edition, March 2026\n\n"
           "CONTENTS\n\nPreface ............................................ iii\n\nPART ONE · TRAINING\n\n"
           "1. {t1} (GHA-BST-02) ........................ 9\n"
           "   Ghana · 2021–2024, completed · USD 2.5 million from the World Bank ·\n"
           "   delivered with the Institute of Local Government Studies · SDG 16\n"
           "   Box 1.1: Ghana's public debt (USD 45 billion, 2022) ............. 11\n\nPART TWO · SYSTEMS\n\n"
           "2. {t2} (TGO-TIS) ........................ 21\n"
           "   Togo · March 2023 – February 2026 (ongoing) · European Union, EUR 800,000 ·\n"
           "   regional seminar, Lomé, 4–6 June 2024 (70 participants)\n\n"
           "Annex: Sources ........................................ 40\n"),
    "fr": ("ACADÉMIES DES FINANCES PUBLIQUES EN AFRIQUE DE L'OUEST\nLeçons de quelques pays\nMars 2026\n\n"
           "SOMMAIRE\n\nAvant-propos ....................................... iii\n\nPREMIÈRE PARTIE · FORMATION\n\n"
           "1. {t1} (GHA-BST-02) ........................ 9\n"
           "   Ghana · 2021–2024, achevé · 2,5 millions USD de la Banque mondiale ·\n"
           "   avec l'Institut d'études de gouvernement local · ODD 16\n"
           "   Encadré 1.1 : la dette du Ghana (45 milliards USD, 2022) ........ 11\n\n"
           "DEUXIÈME PARTIE · SYSTÈMES\n\n"
           "2. {t2} (TGO-TIS) ........................ 21\n"
           "   Togo · mars 2023 – février 2026 (en cours) · Union européenne, 800 000 EUR ·\n"
           "   séminaire régional, Lomé, 4-6 juin 2024 (70 participants)\n\n"
           "Annexe : sources ...................................... 40\n"),
    "es": ("ACADEMIAS DE FINANZAS PÚBLICAS EN ÁFRICA OCCIDENTAL\nLecciones de algunos países\nMarzo de 2026\n\n"
           "ÍNDICE\n\nPrólogo ............................................ iii\n\nPRIMERA PARTE · FORMACIÓN\n\n"
           "1. {t1} (GHA-BST-02) ........................ 9\n"
           "   Ghana · 2021–2024, finalizado · USD 2,5 millones del Banco Mundial ·\n"
           "   con el Instituto de Estudios de Gobierno Local · ODS 16\n"
           "   Recuadro 1.1: la deuda de Ghana (USD 45.000 millones, 2022) ..... 11\n\n"
           "SEGUNDA PARTE · SISTEMAS\n\n"
           "2. {t2} (TGO-TIS) ........................ 21\n"
           "   Togo · marzo de 2023 – febrero de 2026 (en ejecución) · Unión Europea, EUR 800.000 ·\n"
           "   seminario regional, Lomé, 4-6 de junio de 2024 (70 participantes)\n\n"
           "Anexo: fuentes ........................................ 40\n"),
}


_ENTRIES = {"en": ("Budget schools for municipal treasurers", "Treasury information systems for provinces"),
            "fr": ("Écoles budgétaires pour les trésoriers municipaux",
                   "Systèmes d'information du Trésor pour les provinces"),
            "es": ("Escuelas de presupuesto para tesoreros municipales",
                   "Sistemas de información del Tesoro para provincias")}


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_a_table_of_contents_whose_entries_tell_projects_gives_one_record_per_entry(lang):
    t1, t2 = _ENTRIES[lang]
    records = parse_text(_CONTENTS[lang].format(t1=t1, t2=t2))
    assert [r.title for r in records] == [t1, t2]
    first, second = records
    assert [(b.amount, b.currency) for b in first.budgets] in ([(2500000, "USD")], [])  # never the box's figure
    assert all(b.amount != 45000000000 for r in records for b in r.budgets)
    assert first.countries == ["GHA"]
    assert second.countries == ["TGO"]
    assert (second.start.year, second.start.month) == (2023, 3)
    assert [(b.amount, b.currency) for b in second.budgets] == [(800000, "EUR")]


def test_a_table_of_contents_of_chapters_is_no_list_of_projects():
    text = ("ANNUAL REPORT 2024\n\nCONTENTS\n\n1. Introduction ................... 3\n"
            "2. Results in 2024 ................ 7\n   Highlights of the year\n"
            "3. Finances ....................... 12\n\n"
            "Project title: Civil service reform\nBudget: USD 100,000\nPeriod: 2023-2025\n")
    titles = [r.title for r in parse_text(text)]
    assert "Introduction" not in titles and "Results in 2024" not in titles


_GLOSSARY = {
    "en": ("ANNUAL REPORT 2025 - ANNEX 3: ACRONYMS\n\n"
           "AfDB ........ African Development Bank\n"
           "{k1} ........ {t1}. Funded by the World Bank; total cost USD 4,000,000;\n"
           "              carried out from March 2022 to June 2025.\n"
           "OLDPROG ..... Programme for civil registry reform (2001-2004), cited for the record only.\n"
           "{k2} ........ {t2}. Funded by the European Union, EUR 1.5 million;\n"
           "              start planned in January 2026.\n"
           "SDG ......... Sustainable Development Goals\n\n"
           "Source: planning unit, December 2025.\n"),
    "fr": ("RAPPORT ANNUEL 2025 - ANNEXE 3 : SIGLES\n\n"
           "BAD ......... Banque africaine de développement\n"
           "{k1} ........ {t1}. Financé par la Banque mondiale ; coût total : 4 000 000 USD ;\n"
           "              exécuté de mars 2022 à juin 2025.\n"
           "ANCPROG ..... Programme de réforme de l'état civil (2001-2004), cité pour mémoire.\n"
           "{k2} ........ {t2}. Financé par l'Union européenne, 1,5 million d'EUR ;\n"
           "              démarrage prévu en janvier 2026.\n"
           "ODD ......... Objectifs de développement durable\n\n"
           "Source : cellule de planification, décembre 2025.\n"),
    "es": ("INFORME ANUAL 2025 - ANEXO 3: SIGLAS\n\n"
           "BID ......... Banco Interamericano de Desarrollo\n"
           "{k1} ........ {t1}. Financiado por el Banco Mundial; costo total: USD 4.000.000;\n"
           "              ejecutado de marzo de 2022 a junio de 2025.\n"
           "ANTPROG ..... Programa de reforma del registro civil (2001-2004), citado como referencia.\n"
           "{k2} ........ {t2}. Financiado por la Unión Europea, EUR 1,5 millones;\n"
           "              inicio previsto en enero de 2026.\n"
           "ODS ......... Objetivos de Desarrollo Sostenible\n\n"
           "Fuente: unidad de planificación, diciembre de 2025.\n"),
}
_GLOSSED = {"en": ("Project for municipal budget training", "Programme for digital payroll systems"),
            "fr": ("Projet de formation budgétaire des communes", "Programme de paie numérique de l'État"),
            "es": ("Proyecto de capacitación presupuestaria municipal", "Programa de nómina digital del Estado")}


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
@pytest.mark.parametrize("sep", [" ........ ", " = ", "   "])
def test_a_list_of_acronyms_whose_entries_describe_projects_gives_one_record_per_project(lang, sep):
    t1, t2 = _GLOSSED[lang]
    text = _GLOSSARY[lang].format(k1="PFBM", k2="PDPS", t1=t1, t2=t2).replace(" ........ ", sep)
    records = parse_text(text)
    assert [r.title for r in records] == [t1, t2]  # no record for the old programme or the agencies
    first, second = records
    assert [(b.amount, b.currency) for b in first.budgets] == [(4000000, "USD")]
    assert (first.start.year, first.start.month, first.end.year, first.end.month) == (2022, 3, 2025, 6)
    assert [(b.amount, b.currency) for b in second.budgets] == [(1500000, "EUR")]
    assert second.end is None and not second.countries
