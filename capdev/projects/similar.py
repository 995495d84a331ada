"""Similar projects (on each project page, with the reasons) and possible duplicates (for staff, before they
publish): both by capdev.core.similarity's one definition, which the narrative importer's near-duplicate links
use too.

Each process holds a SimilarityIndex of the registry (similar_index), read in a background thread when it first
asks (CAPDEV_FACET_INDEX_BACKGROUND; in the request itself otherwise), and kept current with the portfolio's
change rows (index_version): the projects changed since are read again into an overlay, and after a change of
anything the index is read whole again while the old one keeps answering. The public only ever gets published
projects; the project asked about, its working copy and its original are never listed.
"""
from __future__ import annotations

import logging
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from django.conf import settings
from django.db import connections
from django.utils import translation
from django.utils.translation import gettext as _

from capdev.core import http_cache
from capdev.core import similarity as definition
from capdev.core.memory import release_freed_memory
from capdev.core.similarity import Likeness, Profile

from . import index_version, similar_index
from .models import (
    ExpectedAccomplishment,
    Project,
    ProjectCountry,
    ProjectPartner,
    ProjectSdgGoal,
    ProjectSdgTarget,
    ReviewState,
)

logger = logging.getLogger(__name__)
SHOWN = 5
CANDIDATES = 20  # taken from the index before the overlay's projects join them
BUILD_WAIT = 2.0  # seconds a request waits for a first index being read before saying it is being worked out
FETCH = 5_000


# -- profiles from the database -------------------------------------------------------------------------------------

_LINKS = {
    "targets": (ProjectSdgTarget, "target_id"),
    "goals": (ProjectSdgGoal, "goal_id"),
    "countries": (ProjectCountry, "country_id"),
    "partners": (ProjectPartner, "organisation_id"),
}


def profiles(pks: Iterable[int], using: str = "default") -> dict[int, tuple[Profile, bool]]:
    """The profile of each project (and whether it is a published original): six queries, whatever the number."""
    pks = list(dict.fromkeys(pks))
    if not pks:
        return {}
    rows = Project.objects.using(using).filter(pk__in=pks).order_by().values_list(
        "pk", "objective", "summary", "lead_unit_id", "review_state", "draft_of_id")
    eas = defaultdict(list)
    for project_id, text in (ExpectedAccomplishment.objects.using(using).filter(project__in=pks)
                             .order_by("project_id", "position", "pk").values_list("project_id", "text")):
        eas[project_id].append(text)
    sets: dict[str, dict[int, set]] = {}
    for aspect, (model, column) in _LINKS.items():
        found = defaultdict(set)
        for project_id, value in (model.objects.using(using).filter(project__in=pks).order_by()
                                  .values_list("project_id", column)):
            found[project_id].add(value)
        sets[aspect] = found
    out = {}
    for pk, objective, summary, unit, state, draft_of in rows:
        profile = Profile(tokens=definition.text_tokens(objective, *eas.get(pk, ()), summary),
                          unit=unit, **{aspect: frozenset(sets[aspect].get(pk, ())) for aspect in _LINKS})
        out[pk] = (profile, state == ReviewState.PUBLISHED and draft_of is None)
    return out


def _registry_rows(using: str) -> Iterator[tuple]:
    """(pk, published, unit, tokens) of every registry project by id, its text read with its expected
    accomplishments (two ordered reads merged, so no project's text waits for all of them)."""
    projects = (Project.objects.using(using).registry().order_by("pk")
                .values_list("pk", "review_state", "lead_unit_id", "objective", "summary").iterator(chunk_size=FETCH))
    eas = (ExpectedAccomplishment.objects.using(using).order_by("project_id", "position", "pk")
           .values_list("project_id", "text").iterator(chunk_size=FETCH))
    pending = next(eas, None)
    for pk, state, unit, objective, summary in projects:
        texts = []
        while pending is not None and pending[0] <= pk:
            if pending[0] == pk:
                texts.append(pending[1])
            pending = next(eas, None)
        yield pk, state == ReviewState.PUBLISHED, unit, definition.text_tokens(objective, *texts, summary)


def _link_rows(using: str) -> dict[str, Iterator[tuple]]:
    return {aspect: model.objects.using(using).order_by("project_id").values_list("project_id", column)
            .iterator(chunk_size=FETCH) for aspect, (model, column) in _LINKS.items()}


def build(using: str = "default") -> similar_index.SimilarityIndex:
    """This database's index, read whole."""
    token = index_version.current(using)  # the version first: a change made while reading is read again later
    seen = {pk: t for pk, (t, _p) in index_version.changes(using).items()}
    n = Project.objects.using(using).registry().count()
    index = similar_index.build(token, seen, n, _registry_rows(using), _link_rows(using))
    release_freed_memory()
    return index


# -- the process's index ----------------------------------------------------------------------------------------

_CACHE: dict[str, similar_index.SimilarityIndex] = {}
_LOCK = threading.Lock()
_BUILDERS: dict[str, threading.Thread] = {}
_RESULTS: OrderedDict = OrderedDict()  # (database, token, project, public, kind) -> results; the last few hundred
RESULTS_KEPT = 512
_RESULTS_LOCK = threading.Lock()  # the server's threads share the results kept


def _caught_up(index: similar_index.SimilarityIndex, using: str) -> similar_index.SimilarityIndex:
    """The index with the projects changed since it was read moved into its overlay (ReadWhole past a limit)."""
    token = index_version.current(using)
    if token == index.token:
        return index
    now = index_version.changes(using)
    changed = index_version.changed_since(index.changes, now)
    overlay = dict(index.overlay)
    dead = index.dead.copy()
    read = profiles(changed, using)
    registry = set(Project.objects.using(using).registry().filter(pk__in=changed).values_list("pk", flat=True))
    for pk in changed:
        overlay[pk] = read[pk] if pk in registry else None
        row = index.row_of(pk)
        if row is not None:
            dead[row] = True
    if len(overlay) > similar_index.OVERLAY_LIMIT:
        raise index_version.ReadWhole("too many projects read again since the index was built")
    return replace(index, token=token, changes={pk: t for pk, (t, _p) in now.items()}, overlay=overlay, dead=dead)


def _rebuild(using: str) -> None:
    index = build(using)
    with _LOCK:
        try:
            _CACHE[using] = _caught_up(index, using)
        except index_version.ReadWhole:
            _CACHE[using] = index


def build_in_background(using: str = "default") -> threading.Thread:
    """The thread reading this process's index anew (the one already at it, or one started now)."""
    with _LOCK:
        running = _BUILDERS.get(using)
        if running is not None and running.is_alive():
            return running

        def run() -> None:
            try:
                _rebuild(using)
            except Exception:  # noqa: BLE001 - the pages say the similar projects are being worked out
                logger.exception("reading the similarity index failed")
            finally:
                connections.close_all()

        thread = threading.Thread(target=run, name=f"capdev-similar-{using}", daemon=True)
        _BUILDERS[using] = thread
        thread.start()
        return thread


def get_index(using: str = "default", wait: float = BUILD_WAIT) -> similar_index.SimilarityIndex | None:
    """This process's index brought up to date, or None while a first one is being read (in the background)."""
    index = _CACHE.get(using)
    if index is not None:
        try:
            with _LOCK:
                index = _CACHE[using] = _caught_up(_CACHE[using], using)
            return index
        except index_version.ReadWhole as why:
            logger.info("similar projects: reading the whole portfolio again (%s)", why)
            if not settings.CAPDEV_FACET_INDEX_BACKGROUND:
                _rebuild(using)
                return _CACHE[using]
            build_in_background(using)
            http_cache.incomplete("similar projects are being worked out")
            return index  # as it was, while the new one is read
    if not settings.CAPDEV_FACET_INDEX_BACKGROUND:
        _rebuild(using)
        return _CACHE[using]
    build_in_background(using).join(wait)
    index = _CACHE.get(using)
    if index is None:
        http_cache.incomplete("similar projects are being worked out")
    return index


def clear() -> None:
    """Forget every process-level index and result (tests)."""
    with _LOCK:
        _CACHE.clear()
        _RESULTS.clear()


# -- questions ------------------------------------------------------------------------------------------------

@dataclass
class Similar:
    """A project like the one asked about: how alike, and why."""

    project: Project
    likeness: Likeness
    reasons: list[str]

    @property
    def percent(self) -> int:
        return round(self.likeness.score * 100)


def _related(projects: list[Project], using: str) -> dict[int, set[int]]:
    """Each project itself, its original and its working copy: never listed as like it (one query)."""
    copies = dict(Project.objects.using(using).filter(draft_of__in=[p.pk for p in projects]).order_by()
                  .values_list("draft_of_id", "pk"))
    return {p.pk: {pk for pk in (p.pk, p.draft_of_id, copies.get(p.pk)) if pk} for p in projects}


def _candidates(index, q: Profile, exclude: set[int], *, public: bool) -> list[tuple[int, Likeness]]:
    """The projects most like q (CANDIDATES of them from the index, and any of its overlay), with their Likeness:
    the index's rows' from the index itself (exact, equal to the definition's), the overlay's by the definition."""
    values, reason, text = index.scores(q)
    found = similar_index.top(index, values, exclude=exclude, public=public, k=CANDIDATES,
                              at_least=definition.MIN_SCORE, only=reason)
    out = [(pk, index.likeness(q, index.row_of(pk), float(text[index.row_of(pk)]))) for pk, _value in found]
    for pk, entry in index.overlay.items():
        if entry is None or pk in exclude or (public and not entry[1]):
            continue
        like = definition.compare(q, entry[0])
        if like.similar:
            out.append((pk, like))
    return out


def _cached(key):
    with _RESULTS_LOCK:
        if key in _RESULTS:
            _RESULTS.move_to_end(key)
            return _RESULTS[key]
    return None


def _keep(key, value) -> None:
    with _RESULTS_LOCK:
        _RESULTS[key] = value
        while len(_RESULTS) > RESULTS_KEPT:
            _RESULTS.popitem(last=False)


def similar_to(project: Project, request=None, k: int = SHOWN) -> list[Similar] | None:
    """The k projects most like this one that the request may see, best first, with the reasons; None while the
    index is being read. Eight queries: the project's profile, its working copy, the projects shown and the
    names of what they share."""
    from .filtersets import is_staff_request

    using = project._state.db or "default"
    public = not is_staff_request(request)
    index = get_index(using)
    if index is None:
        return None
    # The reasons are sentences in the request's language: a page in another language must not reuse them.
    key = (using, index.token, project.pk, public, "similar", k, translation.get_language())
    cached = _cached(key)
    if cached is not None:
        return cached
    q = profiles([project.pk], using)[project.pk][0]
    scored = _candidates(index, q, _related([project], using)[project.pk], public=public)
    scored.sort(key=lambda item: (-item[1].score, item[0]))
    scored = scored[:k]
    projects = Project.objects.using(using).order_by().in_bulk([pk for pk, _l in scored])
    names = _names(like for _pk, like in scored)
    out = [Similar(projects[pk], like, reasons(like, names)) for pk, like in scored if pk in projects]
    _keep(key, out)
    return out


def duplicates_of(projects: list[Project], request=None, k: int = SHOWN) -> dict[int, list[Similar]] | None:
    """For each project, the projects whose text is nearly the same (the importer's near-duplicate rule: text
    similarity above NEAR_DUPLICATE), most alike first: a fixed number of queries for any number of projects;
    None while the index is being read. The index's text similarity is exact, so nothing is read again."""
    from .filtersets import is_staff_request

    if not projects:
        return {}
    using = projects[0]._state.db or "default"
    public = not is_staff_request(request)
    index = get_index(using)
    if index is None:
        return None
    tokens = _tokens([p.pk for p in projects], using)
    related = _related(projects, using)
    found: dict[int, list[tuple[int, float]]] = {}
    for p in projects:
        q = Profile(tokens=tokens.get(p.pk, frozenset()))
        hits = similar_index.top(index, index.text_scores(q), exclude=related[p.pk], public=public, k=k,
                                 at_least=definition.NEAR_DUPLICATE, above=True)
        for pk, entry in index.overlay.items():
            if entry is not None and pk not in related[p.pk] and (entry[1] or not public):
                value = definition.text_similarity(q.tokens, entry[0].tokens)
                if value > definition.NEAR_DUPLICATE:
                    hits.append((pk, value))
        found[p.pk] = sorted(hits, key=lambda hit: (-hit[1], hit[0]))[:k]
    rows = Project.objects.using(using).in_bulk({pk for hits in found.values() for pk, _v in hits})
    return {pid: [Similar(rows[pk], Likeness(score=value, parts={"text": value}), [_("nearly the same text")])
                  for pk, value in hits if pk in rows] for pid, hits in found.items()}


def possible_duplicates(project: Project, request=None, k: int = SHOWN) -> list[Similar] | None:
    """Projects whose text is nearly the same as this one's (see duplicates_of)."""
    found = duplicates_of([project], request, k)
    return None if found is None else found[project.pk]


def _tokens(pks: list[int], using: str) -> dict[int, frozenset[str]]:
    """The content words of these projects' texts: two queries."""
    eas = defaultdict(list)
    for project_id, text in (ExpectedAccomplishment.objects.using(using).filter(project__in=pks)
                             .order_by("project_id", "position", "pk").values_list("project_id", "text")):
        eas[project_id].append(text)
    return {pk: definition.text_tokens(objective, *eas.get(pk, ()), summary) for pk, objective, summary
            in Project.objects.using(using).filter(pk__in=pks).order_by().values_list("pk", "objective", "summary")}


# -- reasons ----------------------------------------------------------------------------------------------------

def _names(likenesses: Iterable[Likeness]) -> dict[str, dict]:
    """Names of the countries, partners and units the likenesses share: one query per kind."""
    from capdev.organisations.models import Organisation, OrgUnit
    from capdev.reference.models import Country

    wanted = defaultdict(set)
    for like in likenesses:
        for aspect in ("countries", "partners", "unit"):
            wanted[aspect].update(like.shared.get(aspect, ()))
    return {
        "countries": dict(Country.objects.filter(pk__in=wanted["countries"]).values_list("pk", "name")),
        "partners": {o.pk: o.acronym or o.name for o in Organisation.objects.filter(pk__in=wanted["partners"])},
        "unit": dict(OrgUnit.objects.filter(pk__in=wanted["unit"]).values_list("pk", "code")),
    }


def reasons(like: Likeness, names: dict[str, dict]) -> list[str]:
    """Why two projects are alike, most telling first: "same SDG targets 16.6, 16.7", "shares CARICAD"..."""
    out = []
    shared = like.shared
    if like.near_duplicate:
        out.append(_("nearly the same text"))
    if shared.get("targets"):
        out.append(_("same SDG targets %(targets)s") % {"targets": ", ".join(shared["targets"])})
    elif shared.get("goals"):
        out.append(_("same SDGs %(goals)s") % {"goals": ", ".join(str(g) for g in shared["goals"])})
    if shared.get("countries"):
        out.append(_("same countries: %(names)s") % {
            "names": ", ".join(names["countries"].get(c, c) for c in shared["countries"])})
    if shared.get("partners"):
        out.append(_("shares %(names)s") % {
            "names": ", ".join(sorted(str(names["partners"].get(p, p)) for p in shared["partners"]))})
    if shared.get("unit"):
        out.append(_("same lead unit: %(unit)s") % {"unit": names["unit"].get(shared["unit"][0], "")})
    if like.similar_text and not like.near_duplicate:
        out.append(_("similar objective"))
    return out


def brute_force(q: Profile, rows: Iterable[tuple[int, Profile, bool]], *, public: bool, exclude: set[int],
                k: int = SHOWN) -> list[tuple[int, float]]:
    """The definition applied to every project, one by one: what the index must agree with (tests, benchmark)."""
    likes = [(pk, definition.compare(q, p)) for pk, p, published in rows
             if pk not in exclude and (published or not public)]
    scored = [(pk, like.score) for pk, like in likes if like.similar]
    scored.sort(key=lambda item: (-item[1], item[0]))
    return scored[:k]


__all__ = ["Similar", "similar_to", "possible_duplicates", "reasons", "get_index", "build", "clear", "profiles",
           "brute_force"]
