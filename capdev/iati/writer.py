"""Writing one batch of IATI activities with a fixed number of queries (see capdev.iati.importer)."""
from __future__ import annotations

from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from capdev.activities.models import Resource
from capdev.core.bulk import RowWriter
from capdev.projects import index_version
from capdev.projects.models import (
    Budget,
    Indicator,
    IndicatorValue,
    Outcome,
    Project,
    ProjectCountry,
    ProjectPartner,
    ProjectRegion,
    ProjectSdgGoal,
    ProjectSdgTarget,
    ProjectSearchDocument,
    ProjectSector,
    ReviewFlag,
    ReviewState,
    SourceRecord,
    derive_status,
)
from capdev.projects.search import reindex_projects
from capdev.texts.languages import same_language
from capdev.texts.models import OutcomeTranslation, ProjectTranslation

from . import codelists, conf, mapping
from .documents import NewDocuments
from .findings import WARNING
from .flags import flag_rows
from .models import IatiActivity, TransactionSummary
from .reader import CENTS, ActivityData, Reader
from .references import References, is_reporting


def text_language(code: str) -> str:
    """Project.language from an IATI language code: "zh" is written zh-hans here (the Chinese the interface
    is in), and a file that does not say is in Capdev's own language (conf.language(), as export writes it)."""
    code = (code or conf.language()).lower()
    return "zh-hans" if code == "zh" else code[:8]


class BatchWriter:
    """Writes one batch of activities with a fixed number of queries."""

    def __init__(self, importer, batch: list[ActivityData], reader: Reader, result, file_name: str, file_sha: str,
                 writer: RowWriter):
        self.importer, self.batch, self.reader, self.result = importer, batch, reader, result
        self.file_name, self.file_sha = file_name, file_sha
        self.now = importer.now
        self.writer = writer
        self.documents = NewDocuments()
        self.resolved: dict[int, set] = {}  # the IATI flags reviewers resolved, of the projects written again

    # -- matching
    def _match(self) -> dict[str, Project]:
        ids = [a.identifier for a in self.batch]
        # In the registry only: a published project's working copy carries its identifier and code too (and the
        # unique indexes that find them among a million projects are on the registry's rows alone).
        found = {p.iati_identifier: p for p in Project.objects.registry_with("iati_identifier", ids)}
        codes = {a.code: a for a in self.batch if a.code and a.identifier not in found}
        if codes:
            for p in Project.objects.registry_with("code", codes):
                a = codes[p.code]
                if p.iati_identifier and p.iati_identifier != a.identifier:
                    self.reader.flag(a, WARNING, _("code %(code)s belongs to project %(pk)s; not set") %
                                     {"code": p.code, "pk": p.pk}, a.line, value=a.code, path="other-identifier/@ref")
                    a.code = ""
                else:
                    found[a.identifier] = p  # Capdev's own project coming back: it gains its identifier
        return found

    def write(self) -> None:
        matched = self._match()
        latest = {}
        if matched:
            for pid, sha, version in (SourceRecord.objects.filter(project__in=list(matched.values()), format="iati")
                                      .order_by("imported_at", "pk").values_list("project_id", "text_sha256",
                                                                                 "importer_version")):
                latest[pid] = (sha, version)
        todo, updates = [], []
        for a in self.batch:
            project = matched.get(a.identifier)
            if project is not None and latest.get(project.pk) == (a.sha, conf.IMPORTER_VERSION):
                self.result.unchanged += 1
                continue
            todo.append(a)
            if project is not None:
                updates.append(project)
        if not todo:
            return
        refs = References(self.reader, todo, self.writer, self.importer)
        projects = self._write_projects(todo, matched, refs)
        # Related activities are linked once the whole file is read (one may name an activity further on).
        self.importer.related.extend((projects[a.identifier], ref, kind) for a in todo for ref, kind in a.related)
        if updates:
            self._clear(updates)
        self._write_children(todo, projects, refs)
        # Rows were bulk-written (no save signals): bring the full-text index up to date for this batch. New
        # projects' documents come from the rows just written ("orm", the reference, reads them back).
        if self.writer.method == "orm":
            reindex_projects(projects.values())
            return
        self.writer.write(ProjectSearchDocument, self.documents.rows())
        reindex_projects(p.pk for p in updates)
        # reindex_projects marked the updated projects changed; the new ones were written without signals, so
        # mark them too, or the processes' in-memory indexes (facets, the list) would never read them.
        index_version.bump(projects=projects.values())

    # -- projects
    def _values(self, a: ActivityData, refs) -> dict:
        start = a.dates.get("2") or a.dates.get("1")
        end = a.dates.get("4") or a.dates.get("3")
        if start and end and end < start:
            planned = (a.dates.get("1"), a.dates.get("3"))
            if planned[0] and planned[1] and planned[0] <= planned[1]:
                start, end = planned
            else:
                self.reader.flag(a, WARNING, _("the end date is before the start date; the end is not stored"),
                                 a.line, value=end.isoformat(), path="activity-date/@iso-date")
                end = None
        derived = derive_status(start, end)
        wanted = mapping.IATI_TO_STATUS.get(a.status)
        descriptions = a.descriptions
        summaries = descriptions.get("1", [])
        if summaries == [a.title] and len(descriptions) == 1:
            summaries = []  # the export's stand-in for a project without a description (export.build_activity)
        beneficiaries = descriptions.get("3", [])
        other = [t for k, v in descriptions.items() if k not in {"1", "2", "3"} for t in v]
        a.text_translations = self._translations(a, summaries)
        return {
            "title": (a.title or a.identifier)[:500],
            "summary": "\n\n".join(summaries),
            "objective": "\n\n".join(descriptions.get("2", [])),
            "beneficiaries_direct": beneficiaries[0] if beneficiaries else "",
            "beneficiaries_indirect": "\n\n".join(beneficiaries[1:]),
            "background": "\n\n".join(other),
            "start_date": start, "start_precision": "day", "end_date": end, "end_precision": "day",
            "status_override": wanted if wanted and wanted != derived else "",
            "language": text_language(a.text_language),
        }

    @staticmethod
    def _translations(a: ActivityData, summaries: list[str]) -> dict[str, dict[str, str]]:
        """{field: {language: text}} of the activity's texts read in other UN languages: the title's, and each kind
        of description's joined as its originals are (none for the export's stand-in description)."""
        own = text_language(a.text_language)
        out = {"title": {k: v[:500] for k, v in a.translations.get("title", {}).items()}}
        kinds = {"summary": ["1"] if summaries else [], "objective": ["2"],
                 "background": [k for k in a.description_translations if k not in {"1", "2", "3"}]}
        for name, types in kinds.items():
            joined: dict[str, list[str]] = {}
            for type_ in types:
                for found in a.description_translations.get(type_, []):
                    for language, text in found.items():
                        joined.setdefault(language, []).append(text)
            out[name] = {language: "\n\n".join(parts) for language, parts in joined.items()}
        return {name: {k: v for k, v in found.items() if v and not same_language(k, own)}
                for name, found in out.items()}

    def _write_projects(self, todo: list[ActivityData], matched: dict[str, Project], refs) -> dict[str, int]:
        """Create or update the batch's projects; returns {iati-identifier: project key}."""
        fields = ["title", "summary", "objective", "beneficiaries_direct", "beneficiaries_indirect", "background",
                  "start_date", "start_precision", "end_date", "end_precision", "status_override", "iati_identifier",
                  "language"]
        new, changed, out = [], [], {}
        publish = self.importer.publish
        codes_taken = set(Project.objects.registry_with("code", (a.code for a in todo if a.code))
                          .values_list("code", flat=True))
        for a in todo:
            values = self._values(a, refs)
            project = matched.get(a.identifier)
            if project is None:
                code = a.code if a.code and a.code not in codes_taken else None
                if code:
                    codes_taken.add(code)
                new.append((a.identifier, {
                    "iati_identifier": a.identifier, "code": code, **values,
                    "review_state": ReviewState.PUBLISHED if publish else ReviewState.IN_REVIEW,
                    "published_at": self.now if publish else None}))
                self.result.created += 1
                continue
            else:
                for k, v in values.items():
                    setattr(project, k, v)
                project.iati_identifier = a.identifier
                if self.importer.publish and project.review_state != ReviewState.PUBLISHED:
                    project.review_state, project.published_at = ReviewState.PUBLISHED, self.now
                project.last_updated = self.now
                changed.append(project)
                self.result.updated += 1
            out[a.identifier] = project.pk
        if new:
            self.writer.insert_with_history(Project, [row for _ident, row in new])
            for ident, row in new:
                out[ident] = row["id"]
                self.documents.project(row["id"], row)
        if changed:
            bulk_update_with_history(changed, Project, fields + ["review_state", "published_at", "last_updated"],
                                     batch_size=500)
            from capdev.people.publishing import sync_projects

            sync_projects(changed)  # a bulk update sends no signal: the lists of a project it published count
        return out

    def _clear(self, projects: list[Project]) -> None:
        """Remove what an earlier import wrote for projects about to be written again."""
        for model in (ProjectCountry, ProjectRegion, ProjectSector, ProjectSdgGoal, ProjectSdgTarget, ProjectPartner,
                      Budget, Outcome, Resource, TransactionSummary, IatiActivity, ProjectTranslation):
            model.objects.filter(project__in=projects).delete()
        # The flags the last import raised and nobody resolved; the resolved ones stay, and are not raised again.
        iati_flags = ReviewFlag.objects.filter(project__in=projects, origin=ReviewFlag.Origin.IATI)
        iati_flags.filter(state=ReviewFlag.State.OPEN).delete()
        self.resolved = defaultdict(set)
        for pid, field, rule, value in iati_flags.values_list("project_id", "field", "rule", "value"):
            self.resolved[pid].add((field, rule, value))

    # -- children
    def _write_children(self, todo: list[ActivityData], projects: dict[str, int], refs: References) -> None:
        """Every row below the batch's projects, with its history, one statement per table (two with history)."""
        rows = defaultdict(list)
        outcome_plan = []
        # After the projects were written: a project not edited since shows last_updated <= imported_at.
        written_at = timezone.now()
        file_name, version = self.file_name[:500], conf.IMPORTER_VERSION
        for a in todo:
            p = projects[a.identifier]
            rows[IatiActivity].append({
                "project_id": p, "reporting_org_ref": a.reporting.get("ref", "")[:200],
                "reporting_org_name": a.reporting.get("name", "")[:500],
                "reporting_org_type": a.reporting.get("type", "")[:3], "activity_status": a.status[:2],
                "default_currency": a.default_currency[:3], "language": a.language[:8],
                "last_updated_datetime": a.last_updated, "file_name": file_name, "imported_at": written_at})
            rows[SourceRecord].append({
                "project_id": p, "file_name": file_name, "file_sha256": self.file_sha, "index": a.index,
                "offset": 0, "format": "iati", "text": a.xml, "text_sha256": a.sha, "importer_version": version,
                "parsed": {"iati_identifier": a.identifier, "line": a.line}, "imported_at": self.now})
            seen = set()
            for iso2, pct, _line in a.countries:
                country = refs.countries.get(iso2)
                if country and country not in seen:
                    seen.add(country)
                    rows[ProjectCountry].append({"project_id": p, "country_id": country, "percentage": pct})
                    self.documents.country(p, *refs.country_order[country])
            seen = set()
            for vocab, code, pct, _name, _line in a.regions:
                region = refs.region_for(vocab, code, a)
                if region and region not in seen:
                    seen.add(region)
                    rows[ProjectRegion].append({"project_id": p, "region_id": region, "percentage": pct})
            seen = set()
            for vocab, code, name, pct, _line in a.sectors:
                if not code or len(code) > 20 or len(vocab) > 3 or (vocab, code) in seen:
                    continue
                seen.add((vocab, code))
                rows[ProjectSector].append({"project_id": p, "vocabulary": vocab, "code": code, "name": name[:300],
                                            "percentage": pct})
            targets = list(dict.fromkeys(t for t in (refs.target(c) for c in a.targets) if t))
            # A target implies its goal: many publishers tag targets only, and without the goal link the project
            # would be missing from the goal's counts, its page and the ?sdg= filter.
            goals = [g for g in (refs.goal(c) for c in a.goals) if g] + [refs.goal_of_target(t) for t in targets]
            for goal in dict.fromkeys(goals):
                rows[ProjectSdgGoal].append({"project_id": p, "goal_id": goal})
            for target in targets:
                rows[ProjectSdgTarget].append({"project_id": p, "target_id": target})
            seen = set()
            for position, (role, ref, _type, name) in enumerate(a.partners):
                if role == "2" and is_reporting(a, ref, name):
                    continue  # the reporting organisation as accountable is implied (see export)
                org = refs.organisation(ref, name)
                key = (org.pk, mapping.IATI_TO_ROLE[role])
                if key in seen:
                    continue
                seen.add(key)
                rows[ProjectPartner].append({"project_id": p, "organisation_id": org.pk, "role": key[1],
                                             "position": position, "name_as_written": name[:300]})
                self.documents.partner(p, org.name, org.acronym, name[:300])
            for position, (start, end, amount, currency, type_, status) in enumerate(a.budgets):
                cur = refs.currency(currency)
                if cur is None:
                    self.reader.flag(a, WARNING, _("budget in currency %(c)r, which is not an ISO 4217 code; not "
                                                   "stored") % {"c": currency}, a.line, value=currency,
                                     path="budget/value/@currency")
                    continue
                # year: the calendar year the period lies in (the project page shows it beside the kind).
                rows[Budget].append({
                    "project_id": p, "position": position,
                    "kind": Budget.Kind.YEARLY if mapping.is_one_year(start, end) else Budget.Kind.OTHER,
                    "amount": amount.quantize(CENTS), "currency_id": cur,
                    "year": start.year if start.year == end.year else None,
                    "period_start": start, "period_end": end, "label": mapping.budget_label(type_, status)})
            for (ttype, currency), (total, count, first, last) in a.transactions.items():
                rows[TransactionSummary].append({
                    "project_id": p, "transaction_type": ttype[:3],
                    "transaction_type_name": codelists.label("TransactionType", ttype)[:100],
                    "currency": currency[:3], "total": total.quantize(CENTS), "count": count,
                    "first_date": first, "last_date": last})
            for position, d in enumerate(a.documents):
                rows[Resource].append({
                    "project_id": p, "position": position,
                    "type": mapping.CATEGORY_TO_RESOURCE.get(d["category"], "other"),
                    "title": d["title"], "url": d["url"], "date": d["date"], "language": d["language"]})
            for name, found in a.text_translations.items():
                for language, text in sorted(found.items()):
                    rows[ProjectTranslation].append({"project_id": p, "field": name, "language": language,
                                                     "text": text})
                    self.documents.translation(p, name, language, text)
            own = text_language(a.text_language)
            for position, (title, indicators, translated) in enumerate(a.results):
                outcome_plan.append(({"project_id": p, "position": position, "number": position + 1, "text": title},
                                     indicators, {k: v for k, v in translated.items() if not same_language(k, own)}))
                for language, text in outcome_plan[-1][2].items():
                    self.documents.outcome_translation(p, position, language, text)
                self.documents.outcome(p, title)
            if a.findings:  # last: writing the rows above may have added some
                flags = flag_rows(p, a.findings, self.resolved.get(p, ()))
                rows[ReviewFlag].extend(flags)
                self.result.flags += len(flags)
        for model in (IatiActivity, SourceRecord, ProjectCountry, ProjectRegion, ProjectSector, ProjectSdgGoal,
                      ProjectSdgTarget, ProjectPartner, Budget, TransactionSummary, Resource, ProjectTranslation,
                      ReviewFlag):
            self.writer.insert_with_history(model, rows.pop(model, []))
        self._write_results(outcome_plan)

    def _write_results(self, plan) -> None:
        """Outcomes, then their indicators, then the indicators' values (each needs its parent's key)."""
        if not plan:
            return
        self.writer.insert_with_history(Outcome, [outcome for outcome, _indicators, _texts in plan])
        self.writer.insert_with_history(OutcomeTranslation, [
            {"outcome_id": outcome["id"], "field": "text", "language": language, "text": text}
            for outcome, _indicators, translated in plan for language, text in sorted(translated.items())])
        indicator_plan = []
        for outcome, indicators, _texts in plan:
            for position, ind in enumerate(indicators):
                indicator_plan.append(({
                    "outcome_id": outcome["id"], "position": position, "title": ind["title"],
                    "unit": "%" if ind["measure"] == "2" else "", "ascending": ind["ascending"],
                    "baseline_value": ind["baseline_value"], "baseline_year": ind["baseline_year"]}, ind["periods"]))
        if not indicator_plan:
            return
        self.writer.insert_with_history(Indicator, [i for i, _ in indicator_plan])
        self.writer.insert_with_history(IndicatorValue, [
            {"indicator_id": i["id"], "period_start": s, "period_end": e, "target": t, "actual": act, "comment": c}
            for i, periods in indicator_plan for s, e, t, act, c in periods])


