"""capdev.sources is plain Python: importing and using it loads no Django (as capdev.narrative)."""
import subprocess
import sys
from pathlib import Path

FILES = Path(__file__).resolve().parent / "files"


def test_sources_run_without_django():
    code = ("import sys; from capdev.sources import extract; "
            f"extract(open({str(FILES / 'record.docx')!r}, 'rb').read(), 'record.docx'); "
            f"extract(open({str(FILES / 'record.pdf')!r}, 'rb').read(), 'record.pdf'); "
            f"extract(open({str(FILES / 'record.html')!r}, 'rb').read(), 'record.html'); "
            "assert not [m for m in sys.modules if m == 'django' or m.startswith('django.')], 'django imported'")
    subprocess.run([sys.executable, "-c", code], check=True)
