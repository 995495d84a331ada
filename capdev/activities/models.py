"""Activities (events in a project's life, with participants reached) and resources (publications, links)."""
from __future__ import annotations

import uuid

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from capdev.core.models import CapdevModel, DatePrecision, StartEndMixin
from capdev.projects.index_version import RemembersProject


class ActivityType(models.TextChoices):
    """Kinds of event; the values are the parser's (capdev.narrative.types.ACTIVITY_TYPES)."""

    WORKSHOP = "workshop", _("Workshop")
    TRAINING_OF_TRAINERS = "training_of_trainers", _("Training of trainers")
    ADVISORY_MISSION = "advisory_mission", _("Advisory mission")
    WEBINAR = "webinar", _("Webinar")
    CONFERENCE = "conference", _("Conference or meeting")
    STUDY = "study", _("Study or assessment")
    PUBLICATION_LAUNCH = "publication_launch", _("Publication launch")
    MILESTONE = "milestone", _("Milestone")


class ActivityQuerySet(models.QuerySet):
    """Activities, with the one rule of which of them count."""

    def counted(self) -> ActivityQuerySet:
        """The activities that count in every total (dashboard, country, SDG and partner pages, facets, the API's
        activity list and counts, exports' totals): all but those a record recalls from before its project began,
        which are the project's history, shown on its page under their own heading and never counted."""
        return self.filter(recalled=False)


class Activity(RemembersProject, StartEndMixin, CapdevModel):
    """An event in a project's life: a workshop, mission, webinar, meeting... and the people it reached."""

    project = models.ForeignKey("projects.Project", verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="activities")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    type = models.CharField(_("type"), max_length=24, choices=ActivityType.choices, db_index=True)
    title = models.CharField(_("title"), max_length=500)
    dates_text = models.CharField(_("dates as written"), max_length=300, blank=True,
                                  help_text=_("e.g. \"21 and 28 February 2024; 20 and 27 March 2024\""))
    online = models.BooleanField(_("online"), default=False)
    country = models.ForeignKey("reference.Country", verbose_name=_("country"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="activities")
    city = models.CharField(_("city"), max_length=120, blank=True)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    participants_qualifier = models.CharField(_("participants qualifier"), max_length=20, blank=True,
                                              help_text=_("\"over\", \"about\", \"more than\"..."))
    participants_profile = models.CharField(_("participants profile"), max_length=300, blank=True,
                                            help_text=_("e.g. \"senior government officials\""))
    participant_countries = models.PositiveSmallIntegerField(_("countries represented"), null=True, blank=True,
                                                             validators=[MinValueValidator(1)])
    organisers = models.ManyToManyField("organisations.Organisation", verbose_name=_("organisers"),
                                        through="ActivityOrganiser", related_name="organised_activities", blank=True)
    summary = models.TextField(_("summary"), blank=True)
    # Who the activity is across its copies: a working copy's rows, and the rows publishing writes back over
    # the original, are new rows with new ids but this same uid, so that what is kept about an activity
    # outside the project's own rows (its attendance lists, evaluations: capdev.people) finds it again.
    # Set on save; rows written in bulk get one when something first attaches to them (ensure_uid).
    uid = models.UUIDField(_("lasting identifier"), null=True, blank=True, editable=False, db_index=True)
    recalled = models.BooleanField(
        _("recalled history"), default=False,
        help_text=_("Held before the project began and told in its record as context (\"since 2006, the Forum met "
                    "in Athens, Rio...\"): kept and shown on the project's page, never counted."))

    objects = ActivityQuerySet.as_manager()

    class Meta(StartEndMixin.Meta):
        ordering = ["project", "start_date", "position"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [
            models.Index(fields=["project", "start_date"], name="activities_project_start_idx"),
            models.Index(fields=["country", "start_date"], name="activities_country_start_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self.uid is None:
            self.uid = uuid.uuid4()
        super().save(*args, **kwargs)

    def ensure_uid(self) -> uuid.UUID:
        """The activity's uid, given one now if it was written in bulk without (in one step: two callers agree).

        The row is then saved (its uid only), so that its history holds the uid too: a revert to a later
        version writes the activity back with it."""
        if self.uid is None:
            given = uuid.uuid4()
            if Activity.objects.filter(pk=self.pk, uid__isnull=True).update(uid=given):
                self.uid = given
                self.save(update_fields=["uid"])
            else:
                self.uid = Activity.objects.filter(pk=self.pk).values_list("uid", flat=True).get()
        return self.uid


class ActivityOrganiser(CapdevModel):
    """An organisation that organised or presented at an activity (a model of its own, so its changes have history)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="organiser_links")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="organiser_links")

    class Meta:
        verbose_name = _("activity organiser")
        verbose_name_plural = _("activity organisers")
        constraints = [models.UniqueConstraint(fields=["activity", "organisation"],
                                               name="activities_organiser_unique")]

    def __str__(self) -> str:
        return f"{self.organisation} @ {self.activity}"


class Resource(CapdevModel):
    """A report, toolkit, booklet, training material or link a project produced or refers to."""

    class Type(models.TextChoices):
        REPORT = "report", _("Report")
        TOOLKIT = "toolkit", _("Toolkit")
        BOOKLET = "booklet", _("Booklet")
        TRAINING_MATERIAL = "training_material", _("Training material")
        LINK = "link", _("Link")
        OTHER = "other", _("Other")

    project = models.ForeignKey("projects.Project", verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="resources")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices, default=Type.OTHER)
    title = models.CharField(_("title"), max_length=500)
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    file = models.FileField(_("file"), upload_to="resources/%Y/", blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY,
                                      blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True, help_text=_("ISO 639-1, e.g. \"en\""))

    class Meta:
        ordering = ["project", "position"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self) -> str:
        return self.title
