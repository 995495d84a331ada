"""capdev generate-portfolio --projects N --seed S [--batch B] [--jobs J]: a deterministic synthetic portfolio for
scale tests."""
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from capdev.projects.synthetic import DEFAULT_BATCH, METHODS, Progress, generate


class Command(BaseCommand):
    """Generate a deterministic synthetic portfolio through bulk writes (see capdev.projects.synthetic)."""

    help = _("Write N synthetic, published projects (with countries, SDGs, budgets, partners, activities and "
             "search documents) through bulk inserts. The same N and seed give the same portfolio. "
             "Needs `capdev load-reference` first; no change history is written for synthetic data.")

    def add_arguments(self, parser):
        parser.add_argument("--projects", type=int, required=True, help=_("how many projects to write"))
        parser.add_argument("--seed", type=int, default=1, help=_("random seed (default 1)"))
        parser.add_argument("--batch", type=int, default=DEFAULT_BATCH,
                            help=_("projects per transaction; memory grows with it (default %(d)d)")
                            % {"d": DEFAULT_BATCH})
        parser.add_argument("--method", choices=METHODS, default="copy",
                            help=_("copy: COPY on PostgreSQL, executemany on SQLite (default); orm: Django's "
                                   "bulk_create (slower, the same rows)"))
        parser.add_argument("--jobs", type=int, default=1,
                            help=_("processes writing at once (PostgreSQL only; default 1): the same portfolio"))
        parser.add_argument("--database", default="default", help=_("database alias (default: default)"))
        parser.add_argument("--people", type=int, default=0,
                            help=_("also this many people reached, on the generated activities (capdev.people."
                                   "synthetic); with --projects 0, on the portfolio of this seed already there"))
        parser.add_argument("--attendances", type=int, default=0,
                            help=_("with --people: about this many attendances (default five per person)"))

    def handle(self, *args, **options):
        n, batch = options["projects"], options["batch"]
        if n < 0 or batch < 1 or options["jobs"] < 1:
            raise CommandError(_("--projects must be 0 or more, --batch and --jobs at least 1"))
        verbosity = options["verbosity"]
        every = max(n // 20, batch)
        shown = {"next": every}

        def report(p: Progress) -> None:
            # A line every ~5% of the run, so long runs show they are alive without flooding the terminal.
            if verbosity >= 1 and (p.projects >= shown["next"] or p.projects == n):
                shown["next"] = p.projects + every
                self.stderr.write(_("%(p)d/%(n)d projects, %(r)d rows, %(s).1f s (%(rate).0f projects/s)") % {
                    "p": p.projects, "n": n, "r": p.rows, "s": p.seconds, "rate": p.rate})

        try:
            if n:
                done = generate(n, options["seed"], batch=batch, using=options["database"],
                                method=options["method"], progress=report, jobs=options["jobs"])
                self.stdout.write(_("%(p)d projects (%(r)d rows) written in %(s).1f s: %(rate).0f projects/s.") % {
                    "p": done.projects, "r": done.rows, "s": done.seconds, "rate": done.rate})
            if options["people"] < 0 or options["attendances"] < 0:
                raise ValueError(_("--people and --attendances must be 0 or more"))
            if options["people"]:
                from capdev.people.synthetic import generate_people

                people = generate_people(options["people"], options["attendances"] or 5 * options["people"],
                                         options["seed"], using=options["database"])
                self.stdout.write(_("%(p)d people, %(i)d institutions and %(a)d attendances written in %(s).1f s.")
                                  % {"p": people.people, "i": people.institutions, "a": people.attendances,
                                     "s": people.seconds})
        except (ValueError, LookupError) as exc:
            raise CommandError(str(exc)) from exc
