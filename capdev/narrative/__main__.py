"""`python -m capdev.narrative FILE...`: print the parsed records as a JSON list; exit 2 on bad input.

Files of any size within the limits (capdev.narrative.limits) are read a record at a time (jsonout)."""
from __future__ import annotations

import sys

from . import InputError
from .jsonout import write_json


def main(argv: list[str] | None = None) -> int:
    """Parse each file and print all records as one JSON list."""
    args = sys.argv[1:] if argv is None else argv
    if not args or any(a in ("-h", "--help") for a in args):
        print("usage: python -m capdev.narrative FILE...", file=sys.stderr)
        return 0 if args else 2
    try:
        write_json(args, sys.stdout)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
