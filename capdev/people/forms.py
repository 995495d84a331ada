"""Forms of the people pages: uploading a sheet, mapping its columns, the preview's decisions, evaluations,
network members and indicator sources."""
from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from capdev.reference.models import Country

from .models import Applied, IndicatorSource, Membership, Network, Response, Role, Sex
from .reading import FIELD_LABELS
from .sheets.columns import ATTENDANCE_FIELDS, EVALUATION_FIELDS
from .sheets.read import MAX_BYTES

ACCEPT = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    """A CSV or XLSX file."""

    file = forms.FileField(label=_("Sign-in sheet (CSV or XLSX)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is %(kb)d KB; the largest sheet accepted is %(mb)d MB.")
                                        % {"kb": upload.size // 1024, "mb": MAX_BYTES // (1024 * 1024)})
        return upload


def field_choices(kind: str) -> list[tuple[str, str]]:
    """The fields a column can hold, for the mapping step's selects."""
    names = list(ATTENDANCE_FIELDS if kind == "attendance" else EVALUATION_FIELDS)
    if kind == "attendance":
        names.insert(names.index("days") + 1, "day")
    names.remove("ignore")
    return [("ignore", FIELD_LABELS["ignore"])] + [(n, FIELD_LABELS[n]) for n in names]


class MappingForm(forms.Form):
    """The header row, each column's field and the options of the import."""

    worksheet = forms.ChoiceField(label=_("Worksheet"), required=False)
    header_row = forms.IntegerField(label=_("Header row"), min_value=1,
                                    help_text=_("The row holding the column names."))
    default_role = forms.ChoiceField(label=_("Role of people whose row gives none"), choices=Role.choices,
                                     initial=Role.PARTICIPANT, required=False)
    default_country = forms.ChoiceField(label=_("Country of people whose row gives none"), required=False)
    m_means = forms.ChoiceField(label=_("A bare “M” in the sex column means"), required=False, choices=[
        ("", _("as the column suggests (Mujer where men are written H, else Male)")),
        ("male", _("Male")), ("female", _("Female (Mujer)"))])
    one_day = forms.BooleanField(label=_("This sheet is one day's sign-in (each person on it attended one day)"),
                                 required=False)

    def __init__(self, *args, header: list[str], samples: list[list[str]], kind: str, worksheets: list[str],
                 rows: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["header_row"].max_value = max(rows, 1)
        self.fields["worksheet"].choices = [(w, w or _("(the sheet)")) for w in worksheets]
        if len(worksheets) <= 1:
            self.fields["worksheet"].widget = forms.HiddenInput()
        countries = [("", _("leave it unknown"))] + list(Country.objects.order_by("name").values_list("iso3", "name"))
        self.fields["default_country"].choices = countries
        if kind != "attendance":
            for name in ("default_role", "default_country", "m_means", "one_day"):
                del self.fields[name]
        choices = field_choices(kind)
        self.columns = []
        for index, title in enumerate(header):
            name = f"column_{index}"
            sample = [row[index] for row in samples if index < len(row) and row[index]][:3]
            self.fields[name] = forms.ChoiceField(label=title or _("column %(n)d") % {"n": index + 1},
                                                  choices=choices, required=False, initial="ignore")
            self.columns.append({"name": name, "index": index, "title": title, "samples": sample})

    def column_fields(self):
        """The bound field of each column, with its header and sample values (for the template)."""
        return [dict(c, field=self[c["name"]]) for c in self.columns]

    def clean(self):
        cleaned = super().clean()
        chosen = [cleaned.get(c["name"]) for c in self.columns]
        single = [f for f in chosen if f and f not in ("ignore", "day")]
        twice = sorted({f for f in single if single.count(f) > 1})
        if twice:
            raise forms.ValidationError(_("One column per field: %(fields)s is chosen for several columns.")
                                        % {"fields": ", ".join(str(FIELD_LABELS[f]) for f in twice)})
        if self.kind == "attendance" and not ({"name", "given_name", "family_name", "email"} & set(chosen)):
            raise forms.ValidationError(_("Say which column holds the names (or the emails)."))
        return cleaned

    def mapping(self) -> dict[int, str]:
        """{column index: field} of the columns given a field."""
        return {c["index"]: self.cleaned_data[c["name"]] for c in self.columns
                if self.cleaned_data.get(c["name"]) and self.cleaned_data[c["name"]] != "ignore"}


class ResponseForm(forms.ModelForm):
    """One evaluation response typed in (anonymous unless a person is chosen)."""

    class Meta:
        model = Response
        fields = ["satisfaction", "relevance", "pre_score", "post_score", "knowledge_before", "knowledge_after",
                  "applied", "followup_date", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 2}), "followup_date": forms.DateInput(
            attrs={"type": "date"})}
        labels = {"applied": _("Applied at follow-up")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applied"].choices = [("", _("not asked yet"))] + list(Applied.choices)

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f) not in (None, "") for f in self.Meta.fields):
            raise forms.ValidationError(_("The response is empty."))
        return cleaned


class MembershipForm(forms.ModelForm):
    """A member added to a network by hand."""

    class Meta:
        model = Membership
        fields = ["person", "institution", "role", "joined", "left"]
        widgets = {"joined": forms.DateInput(attrs={"type": "date"}), "left": forms.DateInput(attrs={"type": "date"}),
                   "person": forms.NumberInput(), "institution": forms.NumberInput()}


class MembersFromActivityForm(forms.Form):
    """Everyone on an activity's attendance list joins the network: one of the lists of the network's projects
    and activities that the user may see (`activities`: (id, label) pairs)."""

    activity = forms.TypedChoiceField(label=_("Add everyone on the list of"), coerce=int)
    joined = forms.DateField(label=_("Joined on"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, activities=(), network=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        self.fields["activity"].choices = [("", _("an activity with an attendance list…")), *activities]
        earliest, latest = self.bounds()
        if earliest:
            self.fields["joined"].widget.attrs["min"] = earliest.isoformat()
        self.fields["joined"].widget.attrs["max"] = latest.isoformat()

    def bounds(self):
        """The dates a member can have joined on: from the network's start to today (or to its end)."""
        today = timezone.localdate()
        started = getattr(self.network, "started", None)
        ended = getattr(self.network, "ended", None)
        return started, min(ended, today) if ended else today

    def clean_joined(self):
        joined = self.cleaned_data["joined"]
        earliest, latest = self.bounds()
        if earliest and joined < earliest:
            raise forms.ValidationError(
                _("%(date)s is before the network started (%(start)s): members join on or after that day.")
                % {"date": date_format(joined), "start": date_format(earliest)}, code="before_start")
        if joined > latest:
            raise forms.ValidationError(
                _("%(date)s is after %(latest)s: a member joins on a day that has come, while the network runs.")
                % {"date": date_format(joined), "latest": date_format(latest)}, code="after_end")
        return joined


class NetworkForm(forms.ModelForm):
    """A network's own fields."""

    class Meta:
        model = Network
        fields = ["name", "kind", "purpose", "started", "ended"]
        widgets = {"started": forms.DateInput(attrs={"type": "date"}), "ended": forms.DateInput(attrs={"type": "date"})}


class IndicatorSourceForm(forms.ModelForm):
    """What an indicator counts, from the people data."""

    class Meta:
        model = IndicatorSource
        fields = ["measure", "sex", "role", "network", "period"]

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sex"].choices = [("", _("everyone"))] + list(Sex.choices)
        networks = Network.objects.all()
        if project is not None:
            networks = networks.filter(project_links__project=project)
        self.fields["network"].queryset = networks
        self.fields["network"].required = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("measure") == "network_members" and not cleaned.get("network"):
            self.add_error("network", _("Choose the network whose members are counted."))
        return cleaned
