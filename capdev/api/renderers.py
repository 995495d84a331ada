"""Spreadsheet formats for the API, so that `?format=csv` and `?format=xlsx` pass content negotiation.

Lists answer them with the portal's exports of the same filtered rows (see ProjectViewSet.list); a single
object is rendered as one flat row.
"""
import csv
import io

from openpyxl import Workbook
from rest_framework.renderers import BaseRenderer


def _flat(data) -> list[dict]:
    rows = data if isinstance(data, list) else [data]
    out = []
    for row in rows:
        if isinstance(row, dict):
            out.append({k: "; ".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()
                        if not isinstance(v, dict)})
    return out


class CSVRenderer(BaseRenderer):
    """UTF-8 CSV with a BOM."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        rows = _flat(data)
        buf = io.StringIO()
        if rows:
            writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        return ("\ufeff" + buf.getvalue()).encode("utf-8")


class XLSXRenderer(BaseRenderer):
    """An XLSX workbook with one sheet."""

    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        rows = _flat(data)
        book = Workbook()
        sheet = book.active
        if rows:
            sheet.append(list(rows[0]))
            for row in rows:
                sheet.append([str(v) if v is not None and not isinstance(v, (int, float)) else v for v in row.values()])
        buf = io.BytesIO()
        book.save(buf)
        return buf.getvalue()
