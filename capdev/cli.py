"""The `capdev` console command: Django's management commands with Capdev's settings preset."""
import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command; `capdev load-reference` is `manage.py load_reference`."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "capdev.settings.development")
    argv = list(sys.argv if argv is None else argv)
    # Commands are spelt with hyphens on the command line, as Python modules they need underscores.
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
