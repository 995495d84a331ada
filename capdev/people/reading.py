"""From a stored sheet to one set of values per row: the mapping of its columns, the options of the mapping
step, and each cell read as a name, a sex, an email, a country... The messages people read are here, in
gettext; the reading itself is capdev.people.sheets (plain Python)."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from capdev.narrative.values.places import resolve_country, resolve_demonym
from capdev.reference.models import Country

from .sheets import columns as cols
from .sheets import normalise as norm
from .sheets.read import SheetError, Workbook, Worksheet, read_workbook

FIELD_LABELS = {
    "name": _("Name"), "given_name": _("Given name"), "family_name": _("Family name"), "title": _("Title (Mr, Ms…)"),
    "sex": _("Sex"), "email": _("Email"), "institution": _("Institution"),
    "institution_type": _("Type of institution"), "position": _("Position"), "seniority": _("Seniority"),
    "country": _("Country"), "role": _("Role"), "days": _("Days attended"), "day": _("One day (a tick per day)"),
    "certificate": _("Certificate issued"), "consent_contact": _("Agrees to be contacted"),
    "consent_listing": _("Agrees to be listed"), "phone": _("Phone"), "ignore": _("Keep as written only"),
    "satisfaction": _("Satisfaction (1-5)"), "relevance": _("Relevance (1-5)"), "pre_score": _("Pre-test score"),
    "post_score": _("Post-test score"), "knowledge_before": _("Knowledge before (1-5)"),
    "knowledge_after": _("Knowledge after (1-5)"), "applied": _("Applied what they learned"),
    "followup_date": _("Follow-up date"), "comment": _("Comment"),
}

# Row messages by code: what the preview, the report and the command say. They never quote a cell.
ROW_MESSAGES = {
    "no_name": _("no name"),
    "not_a_name": _("the name column holds no name (a total, a note?)"),
    "total_row": _("a total or subtotal row: not a person"),
    "not_an_email": _("the email is not an address: left out"),
    "several_emails": _("several emails: the first is kept"),
    "sex_unread": _("sex not understood: not stated"),
    "sex_from_title": _("sex taken from the title"),
    "country_unread": _("country not recognised: not stated"),
    "country_default": _("country taken from the mapping step"),
    "role_unread": _("role not understood: the default role"),
    "days_unread": _("days not understood: left empty"),
    "seniority_guessed": _("seniority guessed from the position"),
    "institution_type_guessed": _("institution type guessed from its name"),
    "reordered": _("name put in given-family order"),
    "same_email": _("same email as a known person"),
    "proposed": _("close name in the same institution and country: a reviewer confirms or splits"),
    "emails_differ": _("their emails differ"),
    "same_as_row": _("same person as row %(row)s"),
    "already_listed": _("already on this activity's list: days and role updated"),
    "filled_blanks": _("blank fields of the known person filled in"),
    "skipped": _("left out in the preview"),
    "new_chosen": _("a new person, as chosen in the preview"),
    "score_unread": _("a score is not a number in range: left empty"),
}

SHEET_ERRORS = {
    "empty": _("The file is empty."),
    "too_big": _("The file is %(kb)s KB; the largest sheet accepted is %(mb)s MB."),
    "xls": _("This is an old Excel file (.xls): save it as .xlsx or .csv and upload that."),
    "not_xlsx": _("The file is named .xlsx but is not an Excel workbook (it may be damaged)."),
    "not_text": _("The file is not text (CSV) nor an Excel workbook (XLSX)."),
    "bad_text": _("The file is not valid text at byte %(byte)s."),
    "bad_csv": _("Row %(row)s cannot be read as CSV."),
    "too_many_rows": _("The worksheet %(sheet)s has more than %(limit)s rows."),
    "too_many_columns": _("Row %(row)s has more than %(limit)s columns."),
    "bad_zip": _("The Excel file is damaged (it is not a readable zip archive)."),
    "unzips_too_big": _("The workbook unpacks to %(mb)s MB; at most %(limit)s MB is read."),
    "bad_xlsx": _("The Excel file cannot be read (it may be damaged or password-protected)."),
    "too_many_worksheets": _("The workbook has %(n)s worksheets; at most %(limit)s are read."),
    "no_worksheet": _("The workbook has no worksheet."),
    "no_rows": _("The worksheet %(sheet)s has no row below its header row (%(row)s): no one to record."),
}

# Country names in French and Spanish that the narrative's English index does not hold (folded).
COUNTRY_NAMES = {
    "sainte lucie": "LCA", "santa lucia": "LCA", "barbade": "BRB", "barbados": "BRB", "jamaique": "JAM",
    "grenade": "GRD", "granada": "GRD", "dominique": "DMA", "trinite et tobago": "TTO", "belice": "BLZ",
    "saint vincent et les grenadines": "VCT", "san vicente y las granadinas": "VCT", "surinam": "SUR",
    "saint kitts et nevis": "KNA", "san cristobal y nieves": "KNA", "antigua et barbuda": "ATG",
    "antigua y barbuda": "ATG", "republique dominicaine": "DOM", "mexique": "MEX", "etats unis": "USA",
    "estados unidos": "USA", "royaume uni": "GBR", "reino unido": "GBR", "francia": "FRA", "espagne": "ESP",
    "espana": "ESP", "allemagne": "DEU", "alemania": "DEU", "bresil": "BRA", "brasil": "BRA", "perou": "PER",
    "colombie": "COL", "chili": "CHL", "equateur": "ECU", "bolivie": "BOL", "argentine": "ARG",
    "cote d ivoire": "CIV", "costa de marfil": "CIV", "cameroun": "CMR", "camerun": "CMR", "maroc": "MAR",
    "marruecos": "MAR", "tunisie": "TUN", "tunez": "TUN", "algerie": "DZA", "argelia": "DZA", "egypte": "EGY",
    "egipto": "EGY", "yibuti": "DJI", "guinee": "GIN", "mauritanie": "MRT", "tchad": "TCD", "maurice": "MUS",
    "mauricio": "MUS", "comores": "COM", "comoras": "COM", "fidji": "FJI", "fiyi": "FJI", "haiti": "HTI",
    "jamaica": "JAM", "bahamas": "BHS", "las bahamas": "BHS", "guyane": "GUY",
}


def country_name(iso3: str) -> str:
    """A country's name (read once per process: the countries table is small and fixed)."""
    if not _COUNTRY_NAMES:
        _COUNTRY_NAMES.update(Country.objects.values_list("iso3", "name"))
    return _COUNTRY_NAMES.get(iso3, iso3)


_COUNTRY_NAMES: dict[str, str] = {}


def sheet_error_message(error: SheetError) -> str:
    """A reading error in the user's language."""
    return str(SHEET_ERRORS[error.code]) % error.params


def row_message(code: str, **params) -> str:
    """A row message in the user's language."""
    text = ROW_MESSAGES.get(code, code)
    return str(text) % params if params else str(text)


@dataclass
class Options:
    """What the mapping step asks besides the columns."""

    default_role: str = "participant"
    default_country: str = ""          # ISO3 for rows that give none ("" leaves them unknown)
    m_means: str = ""                  # "male" or "female" for a bare "M"; "" lets the column decide
    one_day: bool = False              # each person on the sheet attended one day (a day's sign-in sheet)
    worksheet: str = ""

    @classmethod
    def from_dict(cls, data: dict) -> Options:
        """From a sheet's stored options (unknown keys ignored)."""
        known = {k: data[k] for k in ("default_role", "default_country", "m_means", "one_day", "worksheet")
                 if k in data}
        return cls(**known)

    def as_dict(self) -> dict:
        """For the sheet's options field."""
        return {"default_role": self.default_role, "default_country": self.default_country,
                "m_means": self.m_means, "one_day": self.one_day, "worksheet": self.worksheet}


@dataclass
class Mapping:
    """Which row is the header (from 0) and which field each column holds."""

    header: int | None
    columns: dict[int, str] = field(default_factory=dict)

    def column(self, name: str) -> int | None:
        """The column holding a single field, or None."""
        for index, f in self.columns.items():
            if f == name:
                return index
        return None

    def day_columns(self) -> list[int]:
        """The columns with a tick per day."""
        return [index for index, f in self.columns.items() if f == "day"]


def load(data: bytes, file_name: str) -> Workbook:
    """The workbook of an upload (SheetError when it cannot be read)."""
    return read_workbook(data, file_name)


def propose(sheet: Worksheet, kind: str) -> Mapping:
    """The header row and the columns' fields as the headers suggest."""
    header = cols.find_header(sheet.rows, kind)
    if header is None:
        return Mapping(None, {})
    samples = sheet.rows[header + 1:header + 21]
    return Mapping(header, cols.guess_mapping(sheet.rows[header], samples, kind))


@dataclass
class Values:
    """One row read: what a person, their attendance or their response would be made of."""

    name: str = ""
    title: str = ""
    sex: str = norm.NOT_STATED
    email: str = ""
    institution: str = ""
    institution_type: str | None = None
    institution_type_guessed: bool = False
    position: str = ""
    seniority: str | None = None
    seniority_guessed: bool = False
    country: str | None = None
    role: str = "participant"
    days: Decimal | None = None
    certificate: bool = False
    consent_contact: bool = False
    consent_listing: bool = False
    phone: str = ""
    scores: dict = field(default_factory=dict)
    messages: list[tuple[str, dict]] = field(default_factory=list)

    def note(self, code: str, **params) -> None:
        """Add a message for this row."""
        self.messages.append((code, params))

    @property
    def key(self) -> str:
        """The folded name, words sorted (Person.name_key)."""
        return " ".join(sorted(norm.fold(self.name).split()))


class CountryFinder:
    """Country names, codes and nationalities in English, French and Spanish, to ISO3 (cached per import)."""

    def __init__(self):
        self.iso3 = set(Country.objects.values_list("iso3", flat=True))
        self.iso2 = dict(Country.objects.values_list("iso2", "iso3"))
        self.cache: dict[str, str | None] = {}

    def __call__(self, text: str) -> str | None:
        text = norm.clean(text)
        if not text:
            return None
        if text not in self.cache:
            found = (text.upper() if text.upper() in self.iso3 and len(text) == 3 else None) \
                or (self.iso2.get(text.upper()) if len(text) == 2 else None) \
                or COUNTRY_NAMES.get(norm.fold(text).replace("st ", "saint ", 1) if norm.fold(text).startswith(
                    "st ") else norm.fold(text)) \
                or resolve_country(text) or resolve_demonym(text.split()[0] if len(text.split()) == 1 else text)
            self.cache[text] = found if found in self.iso3 else None
        return self.cache[text]


def _cell(row: list[str], index: int | None) -> str:
    return norm.clean(row[index]) if index is not None and index < len(row) else ""


def read_row(row: list[str], mapping: Mapping, options: Options, countries: CountryFinder, m_means: str,
             default_days: Decimal | None) -> Values:
    """One attendance row's values, with a message for everything the reading was unsure of."""
    v = Values(role=options.default_role)
    c = mapping.column
    written = _cell(row, c("name"))
    if written:
        name = norm.split_name(written)
    else:  # separate columns: titles may sit in either ("Mme CÉLESTIN" | "Rose")
        given, family = norm.split_name(_cell(row, c("given_name"))), norm.split_name(_cell(row, c("family_name")))
        name = norm.Name(norm.join_name(given.name, family.name), " ".join(t for t in (family.title, given.title)
                                                                            if t), family.sex_hint or given.sex_hint)
    v.name, v.title = name.name[:200], name.title[:30]
    if name.reordered:
        v.note("reordered")
    if c("title") is not None and _cell(row, c("title")):
        extra = norm.split_name(_cell(row, c("title")) + " X")
        v.title = " ".join(t for t in (_cell(row, c("title")), v.title) if t)[:30]
        name = norm.Name(name.name, v.title, name.sex_hint or extra.sex_hint)
    sex_text = _cell(row, c("sex"))
    sex = norm.parse_sex(sex_text, m_means) if sex_text else None
    if sex_text and sex is None:
        v.note("sex_unread")
    if sex in (None, norm.NOT_STATED) and name.sex_hint:
        sex = name.sex_hint
        v.note("sex_from_title")
    v.sex = sex or norm.NOT_STATED
    v.email, problem = norm.parse_email(_cell(row, c("email")))
    if problem:
        v.note(problem)
    v.institution = _cell(row, c("institution"))[:300]
    type_text = _cell(row, c("institution_type"))
    v.institution_type = norm.parse_institution_type(type_text) if type_text else None
    if v.institution and v.institution_type is None:
        v.institution_type = norm.guess_institution_type(v.institution)
        v.institution_type_guessed = v.institution_type is not None
    v.position = _cell(row, c("position"))[:200]
    level_text = _cell(row, c("seniority"))
    v.seniority = norm.parse_seniority(level_text) if level_text else None
    if v.seniority is None and v.position:
        v.seniority = norm.guess_seniority(v.position)
        if v.seniority:
            v.seniority_guessed = True
            v.note("seniority_guessed")
    country_text = _cell(row, c("country"))
    v.country = countries(country_text) if country_text else None
    if country_text and v.country is None:
        v.note("country_unread")
    if v.country is None and options.default_country:
        v.country = options.default_country
        v.note("country_default")
    role_text = _cell(row, c("role"))
    if role_text:
        role = norm.parse_role(role_text)
        if role is None:
            v.note("role_unread")
        v.role = role or options.default_role
    v.days = _days(row, mapping, options, v, default_days)
    v.certificate = bool(norm.parse_bool(_cell(row, c("certificate"))))
    v.consent_contact = bool(norm.parse_bool(_cell(row, c("consent_contact"))))
    v.consent_listing = bool(norm.parse_bool(_cell(row, c("consent_listing"))))
    v.phone = _cell(row, c("phone"))[:40]
    return v


def _days(row, mapping: Mapping, options: Options, v: Values, default_days: Decimal | None) -> Decimal | None:
    if options.one_day:
        return Decimal(1)
    text = _cell(row, mapping.column("days"))
    if text:
        number = norm.parse_number(text)
        if number is None or not 0 <= number <= 366:
            v.note("days_unread")
            return None
        return number.quantize(Decimal("0.1"))
    ticks = mapping.day_columns()
    if ticks:
        return Decimal(sum(1 for i in ticks if norm.parse_bool(_cell(row, i))))
    return default_days


def read_response(row: list[str], mapping: Mapping, countries: CountryFinder) -> Values:
    """One evaluation response's values (scores as numbers in range, else left empty with a message)."""
    v = Values()
    c = mapping.column
    v.name = norm.split_name(_cell(row, c("name"))).name[:200]
    v.email, problem = norm.parse_email(_cell(row, c("email")))
    if problem:
        v.note(problem)
    for name, low, high in (("satisfaction", 1, 5), ("relevance", 1, 5), ("knowledge_before", 1, 5),
                            ("knowledge_after", 1, 5), ("pre_score", 0, 100000), ("post_score", 0, 100000)):
        text = _cell(row, c(name))
        if not text:
            continue
        number = norm.parse_number(text.split("/")[0].split(" ")[0])
        if number is None or not low <= number <= high or (high == 5 and number != number.to_integral()):
            v.note("score_unread")
            continue
        v.scores[name] = int(number) if high == 5 else number
    applied = norm.fold(_cell(row, c("applied")))
    if applied:
        yes = norm.parse_bool(applied)
        partly = applied in {"partly", "partially", "partiellement", "en partie", "parcialmente", "en parte",
                             "somewhat", "a little"}
        v.scores["applied"] = "partly" if partly else ("yes" if yes else "no" if yes is False else "")
    v.scores["comment"] = _cell(row, c("comment"))
    v.scores["followup_date"] = _cell(row, c("followup_date"))
    return v


def m_means_for(sheet: Worksheet, mapping: Mapping, options: Options) -> str:
    """What a bare "M" means in this sheet's sex column: the option if given, else the column decides."""
    if options.m_means in (norm.MALE, norm.FEMALE):
        return options.m_means
    index = mapping.column("sex")
    if index is None or mapping.header is None:
        return norm.MALE
    values = [_cell(r, index) for r in sheet.rows[mapping.header + 1:]]
    spanish = cols.language(sheet.rows[mapping.header]) == "es"
    return norm.m_meaning([v for v in values if v], spanish_headers=spanish)
