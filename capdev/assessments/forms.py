"""Staff forms: an assessment with a score per dimension, its priorities and documents; a link to the work; an
upload of a score file."""
from __future__ import annotations

from decimal import Decimal

from django import forms
from django.db.models import Q
from django.forms import inlineformset_factory
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from capdev.accounts import permissions as perms
from capdev.activities.models import Activity
from capdev.core import versions
from capdev.narrative.types import PartialDate
from capdev.organisations.models import Organisation
from capdev.projects.models import Outcome, Project
from capdev.reference.models import Country

from .models import (
    Assessment,
    AssessmentDocument,
    AssessmentState,
    AssessorType,
    Dimension,
    Framework,
    Priority,
    ScaleKind,
    possible_duplicates,
)
from .score_files import MAX_BYTES


class AssessmentForm(forms.ModelForm):
    """Who and what was assessed, when and by whom; the state and the internal switch."""

    date_text = forms.CharField(label=_("Date"), max_length=10,
                                help_text=_("As precise as known: 2023, 2023-11 or 2023-11-14."))
    seen = versions.VersionField()
    confirm_similar = forms.BooleanField(
        label=_("It is another assessment: save it beside the possible duplicate"), required=False)

    class Meta:
        model = Assessment
        fields = ["framework", "country", "institution", "assessor_type", "assessor", "title", "summary", "state",
                  "internal"]
        widgets = {"assessor_type": forms.RadioSelect, "summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.similar: list[Assessment] = []  # possible duplicates found by clean(): the page asks to confirm
        i = self.instance  # an edit that keeps what was assessed, when and by whom is not asked again
        self._key = (i.country_id, i.institution_id, i.date, i.date_precision, i.assessor_type) if i.pk else None
        self.fields["country"].queryset = Country.objects.order_by("name")
        self.fields["institution"].queryset = (Organisation.objects.filter(country__isnull=False)
                                               .select_related("country").order_by("country__name", "name"))
        self.fields["institution"].label_from_instance = lambda o: f"{o.name} ({o.country.name})"
        self.fields["assessor"].queryset = Organisation.objects.order_by("name")
        self.fields["framework"].disabled = True  # chosen first: the score rows are its dimensions
        if self.instance.pk is None:
            self.fields["seen"].required = False
        else:
            self.fields["date_text"].initial = self.instance.partial_date.iso()
            self.fields["seen"].initial = self.instance.last_updated
        if not perms.can_publish_assessments(user):
            del self.fields["state"]  # drafts only; a reviewer publishes

    def clean_date_text(self):
        text = self.cleaned_data["date_text"].strip()
        try:
            value = PartialDate.from_iso(text)
        except ValueError:
            raise forms.ValidationError(_("Write the date as 2023, 2023-11 or 2023-11-14.")) from None
        if value.first_day() > timezone.localdate():
            raise forms.ValidationError(_("An assessment is dated when it was made: not after today."))
        return value

    def clean(self):
        cleaned = super().clean()
        institution, country = cleaned.get("institution"), cleaned.get("country")
        if institution is not None and country is not None and institution.country_id != country.pk:
            self.add_error("institution", _("%(institution)s is not an institution of %(country)s.")
                           % {"institution": institution.name, "country": country.name})
        date = cleaned.get("date_text")
        if date is not None:
            self.instance.date, self.instance.date_precision = date.first_day(), date.precision
            framework = cleaned.get("framework") or self.instance.framework_id and self.instance.framework
            same = Assessment.objects.filter(framework=framework, date=date.first_day(),
                                             assessor_type=cleaned.get("assessor_type"))
            same = same.filter(institution=institution) if institution else same.filter(
                country=country, institution__isnull=True)
            existing = same.exclude(pk=self.instance.pk).first() if framework and country else None
            if existing is not None:
                raise forms.ValidationError(format_html(
                    _("There is already an assessment of {who} with this framework, date and kind of assessor: "
                      '<a href="{url}">change that one</a> instead.'),
                    who=institution.name if institution else country.name,
                    url=reverse("assessments:detail", args=[existing.pk])))
            key = (country.pk if country else None, institution.pk if institution else None, date.first_day(),
                   date.precision, cleaned.get("assessor_type"))
            if framework and country and cleaned.get("assessor_type") and key != self._key:
                self.similar = possible_duplicates(
                    framework_id=framework.pk, country_id=country.pk, institution_id=institution.pk if institution
                    else None, assessor_type=cleaned["assessor_type"], date=date, exclude_pk=self.instance.pk)
                if self.similar and not cleaned.get("confirm_similar"):
                    self.add_error("confirm_similar", format_html(
                        _("Possible duplicate: {links} (same country, framework and kind of assessor, a date "
                          "that overlaps). Change that one instead, or tick this box if this is another "
                          "assessment."),
                        links=format_html_join(", ", '<a href="{}">{}</a>',
                                               ((reverse("assessments:detail", args=[a.pk]), str(a))
                                                for a in self.similar))))
        return cleaned


def score_choices(framework: Framework, labels: dict[int, str]) -> list[tuple[str, str]]:
    """A scale of levels as choices: each level (with its label) and the half steps between."""
    choices = [("", _("— not assessed"))]
    for tenths in range(10, 51, 5):
        value = Decimal(tenths) / 10
        whole = int(value) if value == int(value) else None
        text = f"{value.normalize():f}"
        choices.append((text, f"{text} – {labels[whole]}" if whole and labels.get(whole) else text))
    return choices


class ScoreForm(forms.Form):
    """One dimension's score, evidence and comments (an empty score: the dimension was not assessed)."""

    score = forms.CharField(label=_("Score"), required=False)
    evidence = forms.CharField(label=_("Evidence"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    comments = forms.CharField(label=_("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, dimension: Dimension, labels: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.dimension = dimension
        framework = dimension.framework
        if framework.scale == ScaleKind.LEVELS:
            self.fields["score"] = forms.ChoiceField(label=_("Score"), required=False,
                                                     choices=score_choices(framework, labels))
            current = self.initial.get("score")
            if current not in (None, "") and str(current) not in dict(self.fields["score"].choices):
                self.fields["score"].choices.append((str(current), str(current)))
        else:
            self.fields["score"] = forms.DecimalField(label=_("Score"), required=False, min_value=0, max_value=1,
                                                      decimal_places=3,
                                                      widget=forms.NumberInput(attrs={"step": "0.001"}))

    def clean_score(self):
        value = self.cleaned_data["score"]
        if value in (None, ""):
            return None
        value = Decimal(str(value))
        low, high = self.dimension.framework.scale_range
        if not low <= value <= high:
            raise forms.ValidationError(_("A score lies between %(low)s and %(high)s.") % {"low": low, "high": high})
        return value


class PriorityForm(forms.ModelForm):
    class Meta:
        model = Priority
        fields = ["text", "dimension"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class DocumentForm(forms.ModelForm):
    class Meta:
        model = AssessmentDocument
        fields = ["kind", "title", "url", "language"]


PriorityFormSet = inlineformset_factory(Assessment, Priority, form=PriorityForm, extra=2, can_delete=True,
                                        max_num=50, validate_max=True)
DocumentFormSet = inlineformset_factory(Assessment, AssessmentDocument, form=DocumentForm, extra=1, can_delete=True,
                                        max_num=20, validate_max=True)


def limit_dimensions(formset, framework: Framework) -> None:
    """A priority is about one of the framework's dimensions (or none)."""
    for form in formset.forms:
        form.fields["dimension"].queryset = Dimension.objects.filter(framework=framework)


class LinkForm(forms.Form):
    """Which dimension or priority, and which project (and optionally one of its outcomes or activities)."""

    target = forms.ChoiceField(label=_("What it addresses"))
    project = forms.CharField(label=_("Project"), max_length=200,
                              help_text=_("The project's number (as in its address, /projects/42/) or its code."))
    outcome = forms.ModelChoiceField(label=_("Outcome (optional)"), queryset=Outcome.objects.none(), required=False)
    activity = forms.ModelChoiceField(label=_("Activity (optional)"), queryset=Activity.objects.none(),
                                      required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, data=None, *args, assessment: Assessment, projects, **kwargs):
        if data is not None and data.get("pick"):  # one of the suggested projects, chosen by its button
            data = data.copy()
            data["project"] = data["pick"]
        super().__init__(data, *args, **kwargs)
        self.assessment, self.projects = assessment, projects
        dims = [(f"d:{s.dimension_id}", _("Dimension: %(name)s") % {"name": s.dimension.name})
                for s in assessment.scores.select_related("dimension").order_by("dimension__position")]
        prios = [(f"p:{p.pk}", _("Priority: %(text)s") % {"text": Truncator(p.text).chars(80)})
                 for p in assessment.priorities.all()]
        self.fields["target"].choices = dims + prios
        self.fields["project"].widget.attrs["list"] = "project-suggestions"
        # Long outcomes and activities cut with an ellipsis, so that a reader sees the text goes on.
        self.fields["outcome"].label_from_instance = lambda o: " ".join(
            filter(None, [f"{o.number}." if getattr(o, "number", None) else "", Truncator(o.text).chars(100)]))
        self.fields["activity"].label_from_instance = lambda a: Truncator(a.title).chars(100)
        project = self.found_project()
        if project is not None:
            self.fields["outcome"].queryset = Outcome.objects.filter(project=project).order_by("position")
            self.fields["activity"].queryset = Activity.objects.filter(project=project).order_by("start_date",
                                                                                                 "position")

    def suggestions(self, limit: int = 50) -> list[Project]:
        """The projects serving the assessed country (newest first), offered as the project's number."""
        return list(self.projects.filter(country_links__country_id=self.assessment.country_id)
                    .order_by("-start_date", "-pk").only("pk", "title", "code").distinct()[:limit])

    def found_project(self) -> Project | None:
        text = (self.data.get(self.add_prefix("project")) or "").strip() if self.is_bound else ""
        if not text:
            return None
        query = Q(code=text)
        if text.isdigit() and len(text) < 12:
            query |= Q(pk=int(text))
        return self.projects.filter(query).first()

    def clean_project(self):
        project = self.found_project()
        if project is None:
            raise forms.ValidationError(_("No project you may see has this number or code."))
        return project

    def clean(self):
        cleaned = super().clean()
        kind, _sep, pk = (cleaned.get("target") or "").partition(":")
        cleaned["dimension_id"] = int(pk) if kind == "d" else None
        cleaned["priority_id"] = int(pk) if kind == "p" else None
        project = cleaned.get("project")
        if project is not None and kind and self.data.get("save") and self.assessment.links.filter(
                dimension_id=cleaned["dimension_id"], priority_id=cleaned["priority_id"], project=project,
                outcome=cleaned.get("outcome"), activity=cleaned.get("activity")).exists():
            raise forms.ValidationError(_("This is linked to %(project)s already, with the same outcome and "
                                          "activity: the link is not saved twice.") % {"project": project.title})
        return cleaned


class UploadForm(forms.Form):
    """A score file, and what to apply to the assessments it creates."""

    file = forms.FileField(label=_("Score file (CSV or XLSX)"))
    framework = forms.ModelChoiceField(label=_("Framework"), queryset=Framework.objects.order_by("name"),
                                       required=False, empty_label=_("— named in the file"),
                                       help_text=_("For a file without a framework column."))
    assessor_type = forms.ChoiceField(label=_("Assessed by"), required=False,
                                      choices=[("", _("— named in the file"))] + list(AssessorType.choices),
                                      help_text=_("For a file without an assessor_type column."))
    publish = forms.BooleanField(label=_("Publish the new assessments"), required=False)
    internal = forms.BooleanField(label=_("Keep the new assessments internal (never public)"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not perms.can_publish_assessments(user):
            del self.fields["publish"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than %(n)s MB.") % {"n": MAX_BYTES // (1024 * 1024)})
        return upload


__all__ = ["AssessmentForm", "ScoreForm", "PriorityFormSet", "DocumentFormSet", "LinkForm", "UploadForm",
           "AssessmentState", "limit_dimensions"]
