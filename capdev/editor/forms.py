"""Editor forms: the project, its lists as inline formsets, indicators, and the short "log an activity" form."""
from __future__ import annotations

import datetime as dt

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from capdev.accounts import permissions as perms
from capdev.activities.models import Activity, Resource
from capdev.core import versions

# Imported by name: a ModelForm's Meta has a `fields` of its own.
from capdev.core.fields import COUNTRIES_REPRESENTED, PARTICIPANTS, SMALL_COUNT, YEAR
from capdev.core.models import from_partial
from capdev.core.versions import VersionField
from capdev.narrative.types import PartialDate
from capdev.projects import models as pm

from .formfields import (  # noqa: F401
    DATE_HELP,
    EditorFormMixin,
    LookupField,
    LookupInput,
    PartialDateField,
    PlainDecimalField,
    StartEndFormMixin,
)
from .link_forms import RegionLinkForm, RelationForm, SdgTargetLinkForm, ThematicAreaLinkForm
from .workflow import OVERRIDE_REASON_MAX


class ProjectForm(StartEndFormMixin, forms.ModelForm):
    """A project's own fields."""

    start = PartialDateField(label=_("Start"))
    end = PartialDateField(label=_("End"))
    accomplishments_as_of = PartialDateField(label=_("Key accomplishments as of"))
    # The project's version as the page was opened: a save made since by someone else is not written over (the
    # second of two people editing at once put back the first one's fields without a word). Checked in the
    # save's transaction (views: versions.hold).
    seen = VersionField()

    class Meta:
        model = pm.Project
        fields = ["title", "code", "lead_unit", "funding_source", "status_override", "summary", "objective",
                  "background", "beneficiaries_direct", "beneficiaries_indirect", "language"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in
                   ("summary", "objective", "background", "beneficiaries_direct", "beneficiaries_indirect")}

    field_order = ["title", "code", "lead_unit", "funding_source", "start", "end", "status_override", "summary",
                   "objective", "background", "beneficiaries_direct", "beneficiaries_indirect",
                   "accomplishments_as_of", "language"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # Left out of a post (an older page, a script): the texts keep the language they had.
        self.fields["language"].required = False
        self.fields["lead_unit"].queryset = perms.editable_units(user)
        if not perms.edits_everything(user):
            # An editor's project must belong to one of their units, or they could not edit it again.
            self.fields["lead_unit"].required = True
            self.fields["lead_unit"].empty_label = None
        self.init_dates()
        if self.instance.accomplishments_as_of:
            self.initial.setdefault("accomplishments_as_of", self.instance.accomplishments_as_of_partial)
        if self.instance.pk:
            self.initial["seen"] = self.instance.last_updated
        else:
            self.fields["seen"].required = False  # a new project has no version yet

    def clean_language(self):
        return self.cleaned_data.get("language") or self.instance.language or "en"

    def clean_code(self):
        """Codes are unique among originals; a working copy shares its original's."""
        code = (self.cleaned_data.get("code") or "").strip() or None
        if code:
            others = pm.Project.objects.registry().filter(code=code)
            for pk in (self.instance.pk, self.instance.draft_of_id):
                if pk:
                    others = others.exclude(pk=pk)
            if others.exists():
                raise forms.ValidationError(_("Another project already has this code."), code="unique")
        return code

    def clean(self):
        """Dates in order; the key-accomplishments date stored at its precision."""
        cleaned = self.clean_dates(super().clean())
        if "accomplishments_as_of" in cleaned:
            (self.instance.accomplishments_as_of,
             self.instance.accomplishments_as_of_precision) = from_partial(cleaned["accomplishments_as_of"], "first")
        return cleaned

    def validate_constraints(self):
        # The code's uniqueness is checked in clean_code, beside the field, with the working-copy rule.
        try:
            self.instance.validate_constraints(exclude=self._get_validation_exclusions() | {"code"})
        except forms.ValidationError as e:
            self._update_errors(e)


STALE_SAVE = _("%(who)s saved this project at %(when)s, after you opened this page, so your changes were not saved. "
               "Copy what you typed, reload the page to see their changes, and make yours again.")
STALE_PUBLISH = _("%(who)s saved this project at %(when)s, after you opened this page, so it was not published: "
                  "their changes are shown below now; read them, then publish again.")
STALE_REVERT = _("%(who)s saved this project at %(when)s, after you opened its history, so nothing was restored: "
                 "their change is in the history now; read it, then choose again.")


def stale_error(project_pk: int, message=STALE_SAVE) -> forms.ValidationError:
    """The refusal of a write based on an older version of the project: who saved it since, and when."""
    last = pm.Project.objects.filter(pk=project_pk).values_list("last_updated", flat=True).first()
    who = versions.last_saved_by(pm.Project, project_pk) or _("someone")
    when = timezone.localtime(last).strftime("%H:%M:%S") if last else "?"
    return forms.ValidationError(message % {"who": who, "when": when}, code="stale")


class PublishForm(forms.Form):
    """Publish at the version the reviewer read; over the IATI check's errors only with a reason (recorded)."""

    seen = VersionField()
    reason = forms.CharField(
        label=_("Reason for publishing over the IATI check's errors"), required=False,
        max_length=OVERRIDE_REASON_MAX, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded with your name, and shown in the history and on the project page."))

    def __init__(self, data=None, *, project: pm.Project):
        super().__init__(data, initial={"seen": project.last_updated}, prefix="publish")


class VersionForm(forms.Form):
    """The project's version as a page of its rows (indicators, their values) was opened."""

    seen = VersionField()

    def __init__(self, data=None, *, project: pm.Project):
        super().__init__(data, initial={"seen": project.last_updated}, prefix="version")


class BudgetForm(EditorFormMixin, forms.ModelForm):
    """A budget line."""

    donor = LookupField("organisations", label=_("Donor"), required=False)

    class Meta:
        model = pm.Budget
        fields = ["kind", "amount", "currency", "year", "label", "donor"]
        field_classes = {"year": YEAR.form_class, "amount": PlainDecimalField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_lookups()


class CountryLinkForm(EditorFormMixin, forms.ModelForm):
    """A focus country."""

    country = LookupField("countries", label=_("Country"))

    class Meta:
        model = pm.ProjectCountry
        fields = ["country", "percentage"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_lookups()


class SdgLinkForm(EditorFormMixin, forms.ModelForm):
    """An SDG goal."""

    goal = LookupField("sdgs", label=_("SDG"))

    class Meta:
        model = pm.ProjectSdgGoal
        fields = ["goal"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_lookups()


class PartnerForm(EditorFormMixin, forms.ModelForm):
    """A partner organisation and its role."""

    organisation = LookupField("organisations", label=_("Organisation"))

    class Meta:
        model = pm.ProjectPartner
        fields = ["organisation", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_lookups()


class ListItemForm(forms.ModelForm):
    """One item of an ordered list (expected accomplishments, planned activities, key accomplishments)."""

    class Meta:
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class OutcomeForm(forms.ModelForm):
    """An intended outcome."""

    class Meta:
        model = pm.Outcome
        fields = ["number", "text", "target_year"]
        field_classes = {"number": SMALL_COUNT.form_class, "target_year": YEAR.form_class}
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class ActivityForm(StartEndFormMixin, EditorFormMixin, forms.ModelForm):
    """An activity in the project's full list."""

    start = PartialDateField(label=_("Start"))
    end = PartialDateField(label=_("End"))
    country = LookupField("countries", label=_("Country"), required=False)

    class Meta:
        model = Activity
        fields = ["type", "title", "online", "country", "city", "participants", "participants_profile",
                  "participant_countries", "summary", "recalled"]
        field_classes = {"participants": PARTICIPANTS.form_class,
                         "participant_countries": COUNTRIES_REPRESENTED.form_class}
        widgets = {"summary": forms.Textarea(attrs={"rows": 2})}

    field_order = ["type", "title", "start", "end", "online", "country", "city", "participants",
                   "participants_profile", "participant_countries", "summary", "recalled"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_lookups()
        self.init_dates()

    def clean(self):
        """Dates in order."""
        return self.clean_dates(super().clean())


class ActivityLogForm(ActivityForm):
    """Log an activity in under a minute: what, when, where or online, who and how many, notes."""

    title = forms.CharField(label=_("Title"), required=False, max_length=500,
                            help_text=_("Leave empty to use the type and the place."))
    start = PartialDateField(label=_("Date or start"), required=True)

    class Meta(ActivityForm.Meta):
        fields = [f for f in ActivityForm.Meta.fields if f != "recalled"]  # a new activity is the project's own
        labels = {"summary": _("Notes")}

    def clean(self):
        """A title from the type and place when none is given."""
        cleaned = super().clean()
        if not cleaned.get("title") and cleaned.get("type"):
            place = (_("online") if cleaned.get("online")
                     else ", ".join(str(p) for p in (cleaned.get("city"), cleaned.get("country")) if p))
            label = dict(self.fields["type"].choices).get(cleaned["type"], cleaned["type"])
            cleaned["title"] = f"{label}, {place}" if place else str(label)
            self.instance.title = cleaned["title"]
        return cleaned


class ResourceForm(forms.ModelForm):
    """A publication or link."""

    date = PartialDateField(label=_("Date"))

    class Meta:
        model = Resource
        fields = ["type", "title", "url", "language"]

    field_order = ["type", "title", "url", "date", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.date:
            from capdev.core.models import to_partial

            self.initial.setdefault("date", to_partial(self.instance.date, self.instance.date_precision))

    def clean(self):
        """Store the date at its precision."""
        cleaned = super().clean()
        if "date" in cleaned:
            self.instance.date, self.instance.date_precision = from_partial(cleaned["date"], "first")
        return cleaned


class IndicatorForm(forms.ModelForm):
    """A measure of an outcome."""

    class Meta:
        model = pm.Indicator
        fields = ["title", "unit", "ascending", "baseline_value", "baseline_year", "target_value", "target_year"]
        field_classes = {"baseline_year": YEAR.form_class, "target_year": YEAR.form_class,
                         "baseline_value": PlainDecimalField, "target_value": PlainDecimalField}


class IndicatorValueForm(forms.ModelForm):
    """What an indicator measured in one period, and its target for it; the period typed at any precision."""

    start = PartialDateField(label=_("Period from"), required=True)
    end = PartialDateField(label=_("Period to"), required=True)

    class Meta:
        model = pm.IndicatorValue
        fields = ["target", "actual", "comment"]
        field_classes = {"target": PlainDecimalField, "actual": PlainDecimalField}
        widgets = {"comment": forms.TextInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["start", "end", "target", "actual", "comment"])
        if self.instance.pk:
            # Shown at the precision they cover: a whole year as "2024", a month as "2024-03".
            self.initial.setdefault("start", _period_edge(self.instance.period_start, self.instance.period_end, True))
            self.initial.setdefault("end", _period_edge(self.instance.period_start, self.instance.period_end, False))

    def clean(self):
        """The period's first and last days; an end before the start is refused at the end field."""
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end.last_day() < start.first_day():
                self.add_error("end", _("The period cannot end before it starts."))
            else:
                self.instance.period_start, self.instance.period_end = start.first_day(), end.last_day()
        return data


def _period_edge(start: dt.date, end: dt.date, first: bool) -> PartialDate:
    """A period's start (first) or end as typed: the year where it covers whole years, else the month, else the day."""
    whole_years = (start.month, start.day) == (1, 1) and (end.month, end.day) == (12, 31)
    whole_months = start.day == 1 and (end + dt.timedelta(days=1)).day == 1
    day = start if first else end
    if whole_years:
        return PartialDate(day.year)
    if whole_months:
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


class EditorInlineFormSet(BaseInlineFormSet):
    """An inline formset whose rows just added ("Add a row") start unbound, with the model's defaults."""

    def __init__(self, *args, new_rows: int = 0, **kwargs):
        # The last new_rows forms are the ones the request added: bound to the posted data they would read
        # an absent checkbox as False (losing a default of True) and show "required" before anything is typed.
        self.new_rows = new_rows
        super().__init__(*args, **kwargs)

    def _construct_form(self, i, **kwargs):
        if self.is_bound and self.new_rows and i >= self.total_form_count() - self.new_rows:
            kwargs.update(data=None, files=None)
        return super()._construct_form(i, **kwargs)

    def _should_delete_form(self, form):
        # An unbound (just added) row has no cleaned data and nothing to delete.
        return form.is_bound and super()._should_delete_form(form)


def _formset(model, form, fk_model=pm.Project, fk_name=None):
    return inlineformset_factory(fk_model, model, form=form, formset=EditorInlineFormSet, extra=0, can_delete=True,
                                 fields=form._meta.fields if hasattr(form, "_meta") else None, fk_name=fk_name)


def _list_form(model):
    return type(f"{model.__name__}Form", (ListItemForm,),
                {"Meta": type("Meta", (ListItemForm.Meta,), {"model": model}),
                 "__doc__": f"One {model._meta.verbose_name}."})


# (prefix, heading, formset class, related objects to read with the rows): the lists on the edit page.
FORMSETS = [
    ("budgets", _("Budget"), _formset(pm.Budget, BudgetForm), ("donor", "currency")),
    ("country_links", _("Focus countries"), _formset(pm.ProjectCountry, CountryLinkForm), ("country",)),
    ("region_links", _("Regions served"), _formset(pm.ProjectRegion, RegionLinkForm), ("region",)),
    ("sdg_goal_links", _("SDGs"), _formset(pm.ProjectSdgGoal, SdgLinkForm), ("goal",)),
    ("sdg_target_links", _("SDG targets"), _formset(pm.ProjectSdgTarget, SdgTargetLinkForm), ("target",)),
    ("thematic_area_links", _("Thematic areas"), _formset(pm.ProjectThematicArea, ThematicAreaLinkForm),
     ("thematic_area",)),
    ("partner_links", _("Partners"), _formset(pm.ProjectPartner, PartnerForm), ("organisation",)),
    ("relations_from", _("Related projects"), _formset(pm.ProjectRelation, RelationForm, fk_name="from_project"),
     ("to_project",)),
    ("expected_accomplishments", _("Expected accomplishments"),
     _formset(pm.ExpectedAccomplishment, _list_form(pm.ExpectedAccomplishment)), ()),
    ("planned_activities", _("Planned activities"),
     _formset(pm.PlannedActivity, _list_form(pm.PlannedActivity)), ()),
    ("key_accomplishments", _("Key accomplishments"),
     _formset(pm.KeyAccomplishment, _list_form(pm.KeyAccomplishment)), ()),
    ("outcomes", _("Outcomes"), _formset(pm.Outcome, OutcomeForm), ()),
    ("activities", _("Activities"), _formset(Activity, ActivityForm), ("country",)),
    ("resources", _("Resources"), _formset(Resource, ResourceForm), ()),
]

IndicatorFormSet = _formset(pm.Indicator, IndicatorForm, fk_model=pm.Outcome)
IndicatorValueFormSet = _formset(pm.IndicatorValue, IndicatorValueForm, fk_model=pm.Indicator)
