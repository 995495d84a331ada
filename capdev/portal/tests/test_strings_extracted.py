"""A string given to gettext inside an f-string is translated at run time but never extracted: xgettext does not
read f-strings' expressions, so `make messages` leaves it out of the catalogues and every language shows it in
English (newuser4 #19: the activities chart's caption). The literal goes outside, and the f-string (or join)
takes its result."""
import re
from pathlib import Path

import capdev

GETTEXT_IN_FSTRING = re.compile(r"""\bf(["']).*?\{\s*(?:_|gettext|ngettext|pgettext|gettext_lazy)\(\s*["']""")


def test_no_gettext_literal_inside_an_f_string():
    root = Path(capdev.__file__).parent
    found = [f"{path.relative_to(root)}:{n}" for path in sorted(root.rglob("*.py")) if "tests" not in path.parts
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if GETTEXT_IN_FSTRING.search(line)]
    assert not found, f"gettext literals in f-strings (never extracted): {found}"
