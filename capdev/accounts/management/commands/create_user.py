"""capdev create-user: a staff account with a role and, for editors, the units they edit for."""
import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from capdev.accounts.models import UnitAssignment
from capdev.accounts.roles import EDITOR, ROLES, assign_role
from capdev.organisations.models import OrgUnit


class Command(BaseCommand):
    """Create (or update) a staff user with a role and units."""

    help = ("Create or update a staff account: `capdev create-user alice --role editor --unit PACB`. "
            "The password comes from --password-env VAR or is asked for.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=ROLES)
        parser.add_argument("--unit", action="append", default=[], help="unit code (repeatable); editors need one")
        parser.add_argument("--email", default="")
        parser.add_argument("--password-env", help="read the password from this environment variable")

    @transaction.atomic
    def handle(self, *args, username, role, unit, email, password_env, **options):
        units = []
        for code in unit:
            found = OrgUnit.objects.filter(code__iexact=code).first()
            if found is None:
                raise CommandError(f"no organisational unit with code {code!r}")
            units.append(found)
        if role == EDITOR and not units:
            raise CommandError("an editor needs at least one --unit")
        User = get_user_model()
        user, created = User.objects.get_or_create(username=username, defaults={"email": email})
        if password_env:
            password = os.environ.get(password_env)
            if not password:
                raise CommandError(f"environment variable {password_env} is empty")
        elif created:
            password = getpass.getpass("Password: ")
        else:
            password = None
        if password is not None:
            try:
                validate_password(password, user)
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from exc
            user.set_password(password)
        if email:
            user.email = email
        user.is_staff = True
        user.save()
        assign_role(user, role)
        for found in units:
            UnitAssignment.objects.get_or_create(user=user, unit=found)
        verb = "created" if created else "updated"
        self.stdout.write(f"{verb} {username}: {role}" + (f" for {', '.join(u.code for u in units)}" if units else ""))
