"""The parser is plain Python: importing and running it does not import Django."""
from __future__ import annotations

import subprocess
import sys
import textwrap


def test_import_and_parse_without_django() -> None:
    code = textwrap.dedent(
        """
        import sys
        import capdev.narrative as n
        n.parse_text("Objective: To help.\\nTime Frame: 2010 - 2012\\nBudget: $5\\nPartners: UNDP\\n"
                     "Focus Countries: Peru\\nThematic Area: SDG 16\\nWebinar on data, 3 May 2011.\\n")
        bad = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
        print(",".join(bad))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"django modules imported: {out.stdout.strip()}"
