"""A file's records a batch at a time, and what the loader keeps of the records written (a few bytes each)."""
from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator

from capdev.narrative.types import Record


class Progressing:
    """Records on their way to the loader, with how far each one is: size (the text's length) and done(record)
    (where it ends). A progress wrapper reads both; the records arrive as the parser reads them."""

    def __init__(self, records: Iterable[Record], size: int, done: Callable[[Record], int]) -> None:
        self.records, self.size, self.done = records, size, done

    def __iter__(self) -> Iterator[Record]:
        return iter(self.records)


def batches(items: Iterable[Record], size: int) -> Iterator[list[Record]]:
    """The items in lists of `size` (the last one shorter), each taken from items only when the one before is done."""
    batch: list[Record] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class Written:
    """The project each record of a file was written to, by the record's index and by its code (what related_to
    names): a few bytes a record, not the records."""

    def __init__(self) -> None:
        self.by_index = array("q")  # records come in order: position = index
        self.by_code: dict[str, int] = {}

    def add(self, record: Record, pk: int) -> None:
        while len(self.by_index) < record.index:
            self.by_index.append(0)  # an index never seen (JSON records can skip one)
        if len(self.by_index) == record.index:
            self.by_index.append(pk)
        else:
            self.by_index[record.index] = pk
        if record.code:
            self.by_code[record.code] = pk

    def project(self, index: int) -> int | None:
        return self.by_index[index] or None if 0 <= index < len(self.by_index) else None
