"""`python -m capdev.narrative FILE...`: print the parsed records as a JSON list; exit 2 on bad input."""
from __future__ import annotations

import json
import sys

from . import InputError, parse_file


def main(argv: list[str] | None = None) -> int:
    """Parse each file and print all records as one JSON list."""
    args = sys.argv[1:] if argv is None else argv
    if not args or any(a in ("-h", "--help") for a in args):
        print("usage: python -m capdev.narrative FILE...", file=sys.stderr)
        return 0 if args else 2
    records = []
    for path in args:
        try:
            records.extend(r.to_json() for r in parse_file(path))
        except InputError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
