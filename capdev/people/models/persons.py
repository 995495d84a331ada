"""People reached and the institutions they work for; proposals that two records are one person."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from capdev.core.models import CapdevModel
from capdev.people.sheets.normalise import fold


class Sex(models.TextChoices):
    """As the person or their sign-in sheet gives it; "not stated" where it does not."""

    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    ANOTHER = "another", _("Another")
    NOT_STATED = "not_stated", _("Not stated")


class Seniority(models.TextChoices):
    """The level of a position, as capacity-development reporting asks for it."""

    POLITICAL = "political", _("Political")
    SENIOR = "senior", _("Senior official")
    MID = "mid", _("Mid-level")
    TECHNICAL = "technical", _("Technical")
    NOT_STATED = "not_stated", _("Not stated")


class InstitutionType(models.TextChoices):
    """The kind of institution a person works for."""

    MINISTRY = "ministry", _("Ministry")
    AGENCY = "agency", _("Government agency")
    PARLIAMENT = "parliament", _("Parliament")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    ACADEMIA = "academia", _("Academia")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    PRIVATE = "private", _("Private sector")
    INTERNATIONAL = "international", _("International organisation")
    NOT_STATED = "not_stated", _("Not stated")


class Institution(CapdevModel):
    """An institution people work for (a ministry, an agency, a parliament...), with its type.

    Not an Organisation: sign-in sheets name every ministry of every country, and the organisations registry
    is for partners, donors and counterparts, whose names are public. An institution may point to the
    organisation it is (`organisation`) when it is one of those.
    """

    name = models.CharField(_("name"), max_length=300)
    key = models.CharField(_("matching key"), max_length=300, editable=False, db_index=True,
                           help_text=_("The name folded (case, accents, punctuation): how sheets find it again."))
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    type = models.CharField(_("type"), max_length=20, choices=InstitutionType.choices,
                            default=InstitutionType.NOT_STATED, db_index=True)
    type_guessed = models.BooleanField(
        _("type guessed from the name"), default=False,
        help_text=_("Set when an import guessed the type from the name (\"Ministry of...\"): to be confirmed."))
    country = models.ForeignKey("reference.Country", verbose_name=_("country"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="institutions")
    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("organisation"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="institutions")

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        constraints = [
            models.UniqueConstraint(fields=["key", "country"], name="people_institution_unique_in_country",
                                    violation_error_message=_("This country already has an institution of "
                                                              "this name.")),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.key = fold(self.name)[:300]
        super().save(*args, **kwargs)


class PersonQuerySet(models.QuerySet):
    """Queries about people."""

    def current(self) -> PersonQuerySet:
        """People not merged into another record."""
        return self.filter(merged_into__isnull=True)


class Person(CapdevModel):
    """Someone a project reached: a participant, speaker, trainer... Personal data: see docs/people.md.

    Names, emails and positions are shown only to staff of the units whose projects the person attended and to
    portfolio admins (capdev.people.permissions); erasure (capdev.people.erasure) blanks them everywhere,
    history included, and keeps the person's categories so that counts stay right.
    """

    # Personal fields: what erasure blanks (and what no public channel may show).
    PERSONAL_FIELDS = ("name", "title", "email", "position", "phone")

    # "name", "title" and "position" are also a thing's name, a project's title and a place in a list: each word
    # here has a context of its own, so that translators can tell the senses apart (Russian: ФИО, обращение).
    name = models.CharField(pgettext_lazy("a person's name", "name"), max_length=200,
                            help_text=_("As the person is called, without a title."))
    title = models.CharField(pgettext_lazy("a person's honorific (Mr, Ms, Dr)", "title"), max_length=30, blank=True,
                             help_text=_("Mr, Ms, Dr, H.E. ..."))
    name_key = models.CharField(_("name key"), max_length=200, editable=False, db_index=True,
                                help_text=_("The name folded, words sorted: how a person is found again."))
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, default=Sex.NOT_STATED, db_index=True)
    institution = models.ForeignKey(Institution, verbose_name=_("institution"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="people")
    position = models.CharField(pgettext_lazy("a person's job", "position"), max_length=200, blank=True)
    seniority = models.CharField(_("seniority"), max_length=10, choices=Seniority.choices,
                                 default=Seniority.NOT_STATED, db_index=True)
    seniority_guessed = models.BooleanField(_("seniority guessed from the position"), default=False)
    country = models.ForeignKey("reference.Country", verbose_name=_("country"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="people")
    email = models.CharField(_("email"), max_length=254, blank=True,
                             help_text=_("Lower case; the same email is the same person."))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    consent_contact = models.BooleanField(_("agrees to be contacted"), default=False)
    consent_listing = models.BooleanField(_("agrees to be listed by name"), default=False)
    merged_into = models.ForeignKey("self", verbose_name=_("merged into"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="merged",
                                    help_text=_("Set when a reviewer confirmed this record is another person's."))
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True, db_index=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name_key", "pk"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(fields=["email"], condition=~Q(email="") & Q(merged_into__isnull=True),
                                    name="people_person_email_unique",
                                    violation_error_message=_("Another person has this email.")),
            models.CheckConstraint(condition=Q(email=Lower("email")), name="people_person_email_lower_case",
                                   violation_error_message=_("Emails are stored in lower case.")),
        ]
        indexes = [models.Index(fields=["institution", "country"], name="people_person_inst_country_idx"),
                   models.Index(fields=["country", "sex"], name="people_person_country_sex_idx")]

    def __str__(self) -> str:
        # The admin's change log keeps this text: a record is named by its number, never by its name.
        return _("Person %(id)s") % {"id": self.pk}

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)

    @property
    def is_erased(self) -> bool:
        """True once erased on request: the personal fields are blank."""
        return self.erased_at is not None

    @property
    def display_name(self) -> str:
        """The name with its title, for staff who may see it."""
        if self.is_erased:
            return str(_("(erased)"))
        return " ".join(part for part in (self.title, self.name) if part)


def name_key(name: str) -> str:
    """A name folded with its words sorted: "SMITH, John", "john smith" and "Smith John" are one key."""
    return " ".join(sorted(fold(name).split()))[:200]


class MatchProposal(CapdevModel):
    """A sheet row taken to be someone already known, by a close name in the same institution and country: a
    reviewer confirms it or splits the row off into a new person."""

    class State(models.TextChoices):
        OPEN = "open", _("To review")
        CONFIRMED = "confirmed", _("Confirmed: the same person")
        SPLIT = "split", _("Split: another person")

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE,
                               related_name="match_proposals")
    attendance = models.ForeignKey("people.Attendance", verbose_name=_("attendance"), null=True, blank=True,
                                   on_delete=models.CASCADE, related_name="match_proposals")
    row = models.ForeignKey("people.SheetRow", verbose_name=_("sheet row"), null=True, blank=True,
                            on_delete=models.SET_NULL, related_name="match_proposals")
    score = models.FloatField(_("name similarity"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN, db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["state", "-created"]
        verbose_name = _("match proposal")
        verbose_name_plural = _("match proposals")

    def __str__(self) -> str:
        return _("Proposal %(id)s") % {"id": self.pk}
