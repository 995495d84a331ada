"""Who attended which activity in which role, and the sign-in sheets and survey exports it was read from."""
from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from capdev.core.models import CapdevModel


class Role(models.TextChoices):
    """What a person did at an activity. People reached are its participants; the others are counted apart."""

    PARTICIPANT = "participant", _("Participant")
    SPEAKER = "speaker", _("Speaker")
    FACILITATOR = "facilitator", _("Facilitator")
    TRAINER = "trainer", _("Trainer")
    ORGANISER = "organiser", _("Organiser")


class AttendanceState(models.TextChoices):
    """An attendance counts in public figures once a reviewer has published its activity's list."""

    PENDING = "pending", _("Awaiting review")
    PUBLISHED = "published", _("Published")


class ActivityLink(models.Model):
    """A row kept about an activity outside the project's own rows, that survives the activity's row being
    written again: publishing a working copy, or reverting, deletes the activity's row and writes a new one
    with the same uid (capdev.activities.models.Activity.uid). The link is then set to NULL and found again by
    the uid (capdev.people.signals.relink); rows whose activity is really gone stay, with their uid, for staff
    to attach elsewhere. Nothing read from a sheet is lost with an activity."""

    activity = models.ForeignKey("activities.Activity", verbose_name=_("activity"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    activity_uid = models.UUIDField(_("activity's lasting identifier"), null=True, blank=True, db_index=True,
                                    editable=False)

    class Meta:
        abstract = True

    def attach(self, activity) -> None:
        """Point at this activity (giving it a uid if it was written in bulk without one)."""
        self.activity = activity
        self.activity_uid = activity.ensure_uid() if activity is not None else None


class Sheet(ActivityLink, CapdevModel):
    """A spreadsheet uploaded on an activity, kept as it came: a sign-in sheet (attendance) or a survey tool's
    export (evaluation responses). Its columns are mapped once, its rows previewed, then confirmed."""

    class Kind(models.TextChoices):
        ATTENDANCE = "attendance", _("Attendance list")
        EVALUATION = "evaluation", _("Evaluation responses")

    class State(models.TextChoices):
        MAPPING = "mapping", _("Columns to map")
        CONFIRMED = "confirmed", _("Confirmed")
        DISCARDED = "discarded", _("Discarded")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.ATTENDANCE)
    project = models.ForeignKey("projects.Project", verbose_name=_("project"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="people_sheets")
    activity_title = models.CharField(_("activity as it was titled"), max_length=500, blank=True)
    evaluation = models.ForeignKey("people.Evaluation", verbose_name=_("evaluation"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="sheets")
    file = models.FileField(_("file"), upload_to="people/sheets/%Y/%m/")
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))
    worksheet = models.CharField(_("worksheet"), max_length=100, blank=True)
    header_row = models.PositiveIntegerField(_("header row"), null=True, blank=True)
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True,
                               help_text=_("Column number (from 0) to the field it holds."))
    options = models.JSONField(_("options"), default=dict, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.MAPPING,
                             db_index=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    report = models.JSONField(_("report"), default=dict, blank=True,
                              help_text=_("What the confirmation did, counted (no personal data)."))
    erased_rows = models.PositiveIntegerField(_("rows erased on request"), default=0)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("uploaded sheet")
        verbose_name_plural = _("uploaded sheets")

    def __str__(self) -> str:
        return _("Sheet %(id)s") % {"id": self.pk}


class SheetRow(models.Model):
    """One row of a sheet as written (every cell as text), and what the import made of it.

    Not history-tracked: a row as written never changes (only erasure blanks it), and a history table would
    be one more place a name could outlive its erasure.
    """

    class Outcome(models.TextChoices):
        ABOVE_HEADER = "above_header", _("Above the header")
        HEADER = "header", _("Header")
        BLANK = "blank", _("Blank")
        NEW = "new", _("New person")
        SAME_EMAIL = "same_email", _("Known person (same email)")
        PROPOSED = "proposed", _("Probably a known person: to review")
        SAME_AS_ROW = "same_as_row", _("Same person as an earlier row")
        SKIPPED = "skipped", _("Left out")
        ERROR = "error", _("Not read")

    sheet = models.ForeignKey(Sheet, verbose_name=_("sheet"), on_delete=models.CASCADE, related_name="rows")
    number = models.PositiveIntegerField(_("row number"), help_text=_("As the spreadsheet numbers it, from 1."))
    cells = models.JSONField(_("cells as written"), default=list)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    message = models.CharField(_("message"), max_length=300, blank=True)
    person = models.ForeignKey("people.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="sheet_rows")
    erased = models.BooleanField(_("erased on request"), default=False)

    class Meta:
        ordering = ["sheet", "number"]
        verbose_name = _("sheet row")
        verbose_name_plural = _("sheet rows")
        constraints = [models.UniqueConstraint(fields=["sheet", "number"], name="people_sheetrow_unique")]

    def __str__(self) -> str:
        return _("Row %(n)s of sheet %(sheet)s") % {"n": self.number, "sheet": self.sheet_id}

    def outcome_text(self) -> str:
        """The outcome in words, as the sheet's kind says it (an evaluation's row is a response, not a person)."""
        return outcome_label(self.outcome, self.sheet.kind)


def outcome_label(outcome: str, kind: str = "attendance") -> str:
    """A sheet row's outcome in words: an evaluation's row without a known email is an anonymous response."""
    if kind == Sheet.Kind.EVALUATION:
        if outcome == SheetRow.Outcome.NEW:
            return str(_("Anonymous response"))
        if outcome == SheetRow.Outcome.SAME_EMAIL:
            return str(_("Response of a known person (same email)"))
    return str(dict(SheetRow.Outcome.choices).get(outcome, outcome))


class Attendance(ActivityLink, CapdevModel):
    """A person at an activity: in which role, for how many days, with a certificate or not.

    `project` and `public` repeat what the activity says, so that counts over millions of rows need no join:
    the activity's project, and whether the public counts the row (a published list of an activity that counts,
    not recalled history, of a published project). They are kept in step by `save`, the bulk paths, and the
    signals of capdev.people.signals (a project published or not, an activity moved, recalled or written again).
    """

    person = models.ForeignKey("people.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="attendances")
    project = models.ForeignKey("projects.Project", verbose_name=_("project"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+", db_index=False, editable=False)
    public = models.BooleanField(_("counted in public"), default=False, editable=False)
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.PARTICIPANT,
                            db_index=True)
    days = models.DecimalField(_("days attended"), max_digits=4, decimal_places=1, null=True, blank=True,
                               validators=[MinValueValidator(0), MaxValueValidator(366)])
    certificate = models.BooleanField(_("certificate issued"), default=False)
    state = models.CharField(_("state"), max_length=10, choices=AttendanceState.choices,
                             default=AttendanceState.PENDING, db_index=True)
    sheet = models.ForeignKey(Sheet, verbose_name=_("sheet"), null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="attendances")
    row = models.ForeignKey(SheetRow, verbose_name=_("sheet row"), null=True, blank=True,
                            on_delete=models.SET_NULL, related_name="attendances")
    trained_at = models.ForeignKey(
        "self", verbose_name=_("trained at"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="trained", help_text=_("For a trainer: their attendance at the training of trainers where "
                                            "they were trained (the project's second-generation reach)."))

    class Meta:
        ordering = ["activity", "pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["person", "activity"], condition=Q(activity__isnull=False),
                                    name="people_attendance_once_per_activity",
                                    violation_error_message=_("This person is already on the activity's list.")),
            models.CheckConstraint(condition=Q(days__isnull=True) | Q(days__gte=0, days__lte=366),
                                   name="people_attendance_days_0_366",
                                   violation_error_message=_("Days attended are between 0 and 366.")),
        ]
        indexes = [models.Index(fields=["activity", "state", "role"], name="people_att_activity_idx"),
                   models.Index(fields=["person", "activity"], name="people_att_person_idx"),
                   models.Index(fields=["project", "public", "role"], name="people_att_project_idx"),
                   models.Index(fields=["public", "role", "person"], name="people_att_public_idx")]

    def __str__(self) -> str:
        return _("Attendance %(id)s") % {"id": self.pk}

    def save(self, *args, **kwargs):
        if self.activity_id is not None:
            project = self.activity.project
            self.project_id = project.pk
            self.public = counts_in_public(self.state, project, self.activity.recalled)
        else:
            self.public = False
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "project", "public"}
        super().save(*args, **kwargs)


def project_is_public(project) -> bool:
    """Whether the public counts a project's published lists: it is published and not a working copy."""
    return project.review_state == "published" and project.draft_of_id is None


def counts_in_public(state: str, project, recalled: bool) -> bool:
    """Whether the public counts an attendance (Attendance.public): its list is published, its activity counts
    (not recalled history: Activity.objects.counted()'s rule) and its project is public."""
    return state == AttendanceState.PUBLISHED and not recalled and project_is_public(project)
