"""capdev demo-users: one account per role, for trying the editing workflow on demo data."""
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from capdev.accounts.models import UnitAssignment
from capdev.accounts.roles import EDITOR, PORTFOLIO_ADMIN, REVIEWER, VIEWER, assign_role
from capdev.organisations.models import OrgUnit

DEMO = [
    ("viewer", VIEWER, []),
    ("editor-pacb", EDITOR, ["PACB"]),
    ("editor-dmb", EDITOR, ["DMB"]),
    ("reviewer", REVIEWER, []),
    ("portfolio-admin", PORTFOLIO_ADMIN, []),
]


class Command(BaseCommand):
    """Create the demo accounts (never in production: they share one password)."""

    help = _("Create demo accounts viewer, editor-pacb, editor-dmb, reviewer and portfolio-admin.")

    def add_arguments(self, parser):
        parser.add_argument("--password",
                            help=_("the password for every demo account (default: a random one, printed)"))
        parser.add_argument("--force", action="store_true", help=_("create them even with DEBUG off"))

    @transaction.atomic
    def handle(self, *args, password=None, **options):
        if not settings.DEBUG and not options.get("force"):
            raise CommandError(_("demo accounts share one password: refused with DEBUG off (use --force to insist)"))
        password = password or secrets.token_urlsafe(12)
        User = get_user_model()
        for username, role, codes in DEMO:
            user, _created = User.objects.get_or_create(username=username)
            user.set_password(password)
            user.is_staff = True
            user.save()
            assign_role(user, role)
            for code in codes:
                unit = OrgUnit.objects.filter(code=code).first()
                if unit is None:
                    raise CommandError(f"unit {code} is missing: run `capdev load-reference` first")
                UnitAssignment.objects.get_or_create(user=user, unit=unit)
            self.stdout.write(f"{username}: {role}" + (f" ({', '.join(codes)})" if codes else ""))
        self.stdout.write(f"password for every demo account: {password}")
