"""Activity tables keyed by project code, after a table of projects ("Code | Event | Venue | Dates | Participants"):
each row is an event of the project whose code it names, not a record of its own."""
from __future__ import annotations

from ..activity_tables import Table, header_roles, read_table, split_row
from ..labels import LabelTable
from ..segment import Block, RawRecord
from ..types import Event
from .cells import ReadTable, column_label


def project_codes(read: ReadTable) -> list[str]:
    """The code of each project of a table ('' when it has none)."""
    out = []
    for project in read.projects:
        code = next((c.value.strip() for c in project.cells
                     if c.column is not None and read.columns[c.column].field == "code" and c.value.strip()), "")
        out.append(code)
    return out


def keyed_events(text: str, raws: list[RawRecord], codes: set[str], table: LabelTable
                 ) -> dict[str, list[Event]] | None:
    """When the records read between tables are only activity tables whose rows name known project codes (no label,
    no code header of their own), the events of each code; else None."""
    from ..values.tables import events_from_table

    found: dict[str, list[Event]] = {}
    for raw in raws:
        if any(b.kind in ("label", "header", "prose") for b in raw.blocks):
            return None
        tables = [b for b in raw.blocks if b.kind == "table"]
        if not tables:
            return None
        for block in tables:
            part = text[block.start : block.end]
            head = part.lstrip("\r\n").splitlines()[0] if part.strip() else ""
            roles = header_roles(head, table)
            if roles is None:
                return None
            names = [c[2] for c in split_row(head, roles[0])]
            key = next((k for k, n in enumerate(names) if (lab := column_label(n, table)) and lab.field == "code"),
                       None)
            read = read_table(part, block.start, table)
            if key is None or read is None:
                return None
            groups: dict[str, list] = {}
            for row in read.rows:
                code = row[key][2].strip() if key < len(row) else ""
                if code not in codes:
                    return None
                groups.setdefault(code, []).append(row)
            for code, rows in groups.items():
                events, _ = events_from_table(Table(read.roles, rows, start=read.start, end=read.end))
                found.setdefault(code, []).extend(events)
    return found or None


def as_loose(raws: list[RawRecord]) -> list[Block]:
    """The blocks of records that are no records (keyed activity tables), kept as spans of the table's record."""
    out = []
    for raw in raws:
        for b in raw.blocks:
            if b.kind == "table":
                out.append(Block("activity_table", "heading", b.start, b.end, b.end))
            elif b.kind in ("blank", "heading", "chrome"):
                out.append(Block(b.field, b.kind, b.start, b.end, b.end))
            else:
                out.append(Block("unparsed", "text", b.start, b.end, b.start))
    return out
