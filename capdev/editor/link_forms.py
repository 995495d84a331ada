"""The project's links to reference rows and to other projects, as rows of the edit page: regions served, SDG
targets, thematic areas, and related projects with the kind of each relation."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from capdev.organisations.models import unique_slug
from capdev.projects import models as pm

from .formfields import EditorFormMixin, LookupField
from .lookups import KEY_RE


class LinkForm(EditorFormMixin, forms.ModelForm):
    """A row that names one object by typing (its lookup field shown from the row's object, no query per row)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_lookups()


class RegionLinkForm(LinkForm):
    """A region the project serves as a whole, with its share."""

    region = LookupField("regions", label=_("Region"))

    class Meta:
        model = pm.ProjectRegion
        fields = ["region", "percentage"]


class SdgTargetLinkForm(LinkForm):
    """An SDG target (its goal is linked too when the project is saved)."""

    target = LookupField("sdg_targets", label=_("SDG target"))

    class Meta:
        model = pm.ProjectSdgTarget
        fields = ["target"]


class ThematicAreaField(LookupField):
    """A thematic area chosen among the known ones, or a new one named by typing (created as the project is
    saved, as the importer and the API create them)."""

    def to_python(self, value):
        """The area the text names, or an unsaved one of that name."""
        if isinstance(value, pm.ThematicArea):
            return value
        text = (value or "").strip()
        if not text:
            return None
        found = self.lookup.parse(text)
        if found is not None:
            return found
        if KEY_RE.search(text) or len(text) > 200:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown", params={"value": text[:200]})
        return pm.ThematicArea(name=text)

    def has_changed(self, initial, data):
        """A new area is a change; otherwise compare by key."""
        try:
            new = self.to_python(data)
        except forms.ValidationError:
            return True
        return (new is not None and new.pk is None) or super().has_changed(initial, data)


class ThematicAreaLinkForm(LinkForm):
    """A thematic area the project works in."""

    thematic_area = ThematicAreaField("thematic_areas", label=_("Thematic area"),
                                      help_text=_("Choose a suggestion, or type the name of a new area."))

    class Meta:
        model = pm.ProjectThematicArea
        fields = ["thematic_area"]

    def _get_validation_exclusions(self):
        # A new area has no row yet to point at: the model's checks of the link wait for before_save.
        exclusions = super()._get_validation_exclusions()
        area = self.cleaned_data.get("thematic_area")
        if area is not None and area.pk is None:
            exclusions.add("thematic_area")
        return exclusions

    def before_save(self, user) -> None:
        """Create the area typed, inside the save's transaction (or use the one of that name made meanwhile)."""
        area = self.instance.thematic_area
        if area.pk is None:
            found = pm.ThematicArea.objects.filter(name__iexact=area.name).first()
            if found is None:
                found = pm.ThematicArea(name=area.name, slug=unique_slug(pm.ThematicArea, area.name, 200))
                found._history_user = user
                found.save()
            self.instance.thematic_area = found


class RelationForm(LinkForm):
    """Another project and what it is to this one: its previous phase, its follow-up, related, or a duplicate."""

    to_project = LookupField("projects", label=_("Project"),
                             help_text=_("Type a few letters of its title, or its code, then choose a suggestion."))

    class Meta:
        model = pm.ProjectRelation
        fields = ["kind", "to_project", "note"]
        labels = {"kind": _("The other project is this one's")}

    field_order = ["kind", "to_project", "note"]

    def clean(self):
        """Not the project itself (nor, on a working copy, its original)."""
        cleaned = super().clean()
        other = cleaned.get("to_project")
        own = self.instance.from_project if self.instance.from_project_id else None
        if other is not None and own is not None and other.pk in {own.pk, own.draft_of_id}:
            self.add_error("to_project", _("A project cannot be related to itself."))
        return cleaned
