"""Search documents of the projects an import creates, built from the rows it writes instead of read back.

`reindex_projects` reads every new project again with five prefetches (a model instance per related row);
for a project the import has just created, everything its document holds is already in hand. The text is the
one `capdev.projects.search.build_document` builds for such a project (no lead unit, activities or expected
accomplishments yet): the tests compare the two for every imported project.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from capdev.projects.search import _clean_text


@dataclass
class _Parts:
    heading: tuple
    body: list
    outcomes: list = field(default_factory=list)
    partners: list = field(default_factory=list)
    countries: list = field(default_factory=list)
    translations: list = field(default_factory=list)  # (language, field, text) of the project's texts
    outcome_translations: list = field(default_factory=list)  # (outcome position, language, text)


class NewDocuments:
    """Collects the text of newly created projects while their rows are made; rows() gives their documents."""

    def __init__(self):
        self.parts: dict[int, _Parts] = {}

    def project(self, pk: int, row: dict) -> None:
        """A project created by this batch (its row as written)."""
        self.parts[pk] = _Parts((row["title"], row["code"]), [row["summary"], row["objective"], row["background"]])

    def outcome(self, pk: int, text: str) -> None:
        """An outcome of the project, in position order."""
        if pk in self.parts:
            self.parts[pk].outcomes.append(text)

    def partner(self, pk: int, name: str, acronym: str, name_as_written: str) -> None:
        """A partner link of the project, in position order."""
        if pk in self.parts:
            self.parts[pk].partners += [name, acronym, name_as_written]

    def country(self, pk: int, rank: int, name: str) -> None:
        """A focus country of the project, with its place in the database's order of country names."""
        if pk in self.parts:
            self.parts[pk].countries.append((rank, name))

    def translation(self, pk: int, name: str, language: str, text: str) -> None:
        """A translation of one of the project's texts (capdev.texts)."""
        if pk in self.parts:
            self.parts[pk].translations.append((language, name, text))

    def outcome_translation(self, pk: int, position: int, language: str, text: str) -> None:
        """A translation of the project's outcome at this position."""
        if pk in self.parts:
            self.parts[pk].outcome_translations.append((position, language, text))

    def rows(self) -> list[dict]:
        """ProjectSearchDocument rows, as build_document makes them (translations in their models' order)."""
        return [{
            "project_id": pk,
            "heading": _clean_text(*p.heading, *(t for _l, f, t in sorted(p.translations) if f == "title")),
            "body": _clean_text(*p.body, *p.outcomes, *(t for _l, f, t in sorted(p.translations) if f != "title"),
                                *(t for _p, _l, t in sorted(p.outcome_translations))),
            "context": _clean_text(*dict.fromkeys(x for x in p.partners if x),
                                   *(name for _rank, name in sorted(p.countries))),
        } for pk, p in self.parts.items()]
