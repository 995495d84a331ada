"""Arbitrary text and numbers in the query string of every URL: never a 500, and a 400 names the parameter.

The URLs are the resolver's: every pattern but Django's admin (its own code, staff only). Each is requested as
an anonymous visitor and as a portfolio administrator (who sees drafts, the review-state filter and the editor);
the parameters thrown at it are the ones its view reads (its FilterSet's filters, its own `Parameters`, its
forms: capdev.core.params.parameters_read), found by requesting it once, so a new URL, filter or parameter is
covered without a change here. A URL whose path takes a value this module has no sample for fails: add one to
the `world` fixture (by the path parameter's name, or by the URL's name where the name is not enough). Every
FilterSet of Capdev must be read by some URL (test_every_filterset_is_reached).
"""
from __future__ import annotations

from urllib.parse import urlencode

import django_filters
import pytest
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from hypothesis import given

from capdev.accounts.roles import PORTFOLIO_ADMIN, assign_role
from capdev.core.params import parameters_read

from . import fuzz

NOT_FUZZED = {"admin": "Django's admin: its own code, for signed-in staff only"}
NOT_REACHED = {"SdgTargetFilterSet": "no URL lists SDG targets alone (the goals' API nests them)"}
# Each of these at each parameter a view reads, before the arbitrary ones: the values that broke Capdev before.
SWEEP = ["", "²", "١٢", "9223372036854775808", "x" * 300, "\x00", "-1", "1e3", "0210"]


def routes(patterns=None, namespace: str = "", prefix: str = ""):
    """(namespace, name, kwargs the path takes, pattern) of every URL pattern, through the includes."""
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            ns = ":".join(n for n in (namespace, p.namespace) if n)
            yield from routes(p.url_patterns, ns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            kwargs = set(p.pattern.regex.groupindex) | set(getattr(p.pattern, "converters", {}))
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            yield namespace, name, frozenset(kwargs), prefix + str(p.pattern)


ROUTES = sorted({(name, kwargs, pattern) for namespace, name, kwargs, pattern in routes()
                 if namespace.split(":")[0] not in NOT_FUZZED}, key=lambda r: (r[0] or "", r[2]))


@pytest.fixture(scope="module")
def world(portfolio, django_db_blocker, tmp_path_factory):
    """A user of each kind, a sample value for every path parameter, and the registry's own codes."""
    from django.contrib.auth import get_user_model

    from capdev.activities.models import Activity, Resource
    from capdev.imports.models import ImportJob, ImportRecord
    from capdev.organisations.models import FundingSource, Organisation
    from capdev.projects.models import Indicator, Outcome, Project, ReviewFlag, SourceFile

    with django_db_blocker.unblock():
        admin = get_user_model().objects.create_user("fuzz-admin", password="unused in tests 123")
        assign_role(admin, PORTFOLIO_ADMIN)
        project = Project.objects.published().filter(outcomes__isnull=False, activities__isnull=False) \
            .order_by("pk").first()
        outcome = Outcome.objects.filter(project=project).first()
        indicator = Indicator.objects.create(outcome=outcome, title="Officials trained")
        partner = Organisation.objects.filter(project_links__project__review_state="published").first()
        flag = ReviewFlag.objects.order_by("pk").first()
        funding = FundingSource.objects.order_by("code").first()
        job = ImportJob.objects.create(user=admin, file_name="records.txt", state=ImportJob.State.READY)
        ImportRecord.objects.create(job=job, index=0, title="A record", preview={"text": "A record"})
        source = project.sources.order_by("pk").first()
        kept = SourceFile.objects.filter(sha256=source.file_sha256).exists() or SourceFile.objects.create(
            sha256=source.file_sha256, file_name="seed.txt", media_type="text/plain", size=1, data=b"x")
        assessed = _an_assessment(project)
        media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
        media.enable()
        people = _people(project, admin)
        from capdev.reports.models import ReportJob

        # A visitor's portfolio report built in the background (its page and its PDF are reached by its token).
        report = ReportJob.objects.create(state=ReportJob.State.DONE, total=1, done=1, data=b"%PDF-1.7 sample")
        by_kwarg = {
            "pk": project.pk, "outcome_pk": outcome.pk, "indicator_pk": indicator.pk, "iso3": "LCA", "code": "PACB",
            "slug": partner.slug, "chart": "budget-by-unit", "source_pk": source.pk, "index": 0,
            "format": "json", "kind": "countries", "action": "resolve", "number": 1, "token": report.token,
        }
        by_route = {
            "reference:sdg_detail": {"number": 16},
            "api:sdg-detail": {"pk": 16},
            "api:funding-source-detail": {"code": funding.code},
            "api:region-detail": {"code": "019"},
            "api:activity-detail": {"pk": Activity.objects.filter(project=project).first().pk},
            "api:resource-detail": {"pk": Resource.objects.filter(project__review_state="published").first().pk},
            "api:project-detail": {"pk": project.pk},
            "editor:flag": {"pk": flag.pk if flag else 1, "action": "resolve"},
            **{f"imports:{name}": {"pk": job.pk} for name in ("detail", "status", "record_keep", "keep_all",
                                                               "confirm", "discard")},
            **{name: {"pk": assessed["assessment"].pk} for name in (
                "assessments:detail", "assessments:edit", "assessments:link_add", "api:assessment-detail")},
            "assessments:link_delete": {"pk": assessed["assessment"].pk, "link_pk": assessed["link"].pk},
            "api:assessment-framework-detail": {"slug": assessed["framework"].slug},
            **{name: {"pk": people["person"].pk} for name in ("people:person", "people:erase", "api:person-detail")},
            "api:attendance-detail": {"pk": people["attendance"].pk},
            **{f"people:{name}": {"pk": people["attendance"].activity_id} for name in (
                "activity", "upload", "publish", "evaluation", "evaluation_upload")},
            "people:sheet": {"pk": people["sheet"].pk},
            **{name: {"slug": people["network"].slug} for name in ("people:network", "people:add_members",
                                                                   "api:network-detail")},
        }
        codes = [funding.code, partner.slug, "DA", "142"]
        yield {"admin": admin, "by_kwarg": by_kwarg, "by_route": by_route, "codes": codes}
        job.delete()
        report.delete()
        people["attendance"].delete()
        people["sheet"].delete()
        people["person"].delete()
        people["network"].delete()
        media.disable()
        admin.delete()
        assessed["assessment"].delete()
        assessed["framework"].delete()
        indicator.delete()
        if kept is not True:
            kept.delete()


def _people(project, admin) -> dict:
    """Someone on a list of one of the project's activities, a sheet uploaded there, a network (their pages and
    API answers exist only then)."""
    from pathlib import Path

    from capdev.people.importing import store_upload
    from capdev.people.models import Attendance, Network, Person

    activity = project.activities.order_by("pk").first()
    person = Person.objects.create(name="Fuzz Person", sex="female", country_id="LCA")
    attendance = Attendance(person=person, role="participant", state="published")
    attendance.attach(activity)
    attendance.save()
    sample = Path(__file__).resolve().parents[2] / "people" / "tests" / "files" / "liste-presence-fr.csv"
    sheet = store_upload(activity, sample.read_bytes(), sample.name, admin)
    network = Network.objects.create(name="Fuzz network", slug="fuzz-network", published=True,
                                     lead_unit=project.lead_unit)
    return {"person": person, "attendance": attendance, "sheet": sheet, "network": network}


def _an_assessment(project) -> dict:
    """A published assessment of Saint Lucia with a score and a link to the project (the assessment pages, the
    dashboard's comparison and its CSV answer only when there is one)."""
    from capdev.assessments.models import Assessment, Dimension, DimensionScore, Framework, WorkLink

    framework = Framework.objects.create(slug="fuzz-framework", name="A framework", weak_at_or_below=2)
    dimension = Dimension.objects.create(framework=framework, code="data", name="Data governance", position=1)
    assessment = Assessment.objects.create(framework=framework, country_id="LCA", date="2023-01-01",
                                           date_precision="year", assessor_type="self", state="published")
    DimensionScore.objects.create(assessment=assessment, dimension=dimension, score=2)
    link = WorkLink.objects.create(assessment=assessment, dimension=dimension, project=project)
    return {"framework": framework, "assessment": assessment, "link": link}


def url_of(route, world) -> str:
    name, kwargs, pattern = route
    assert name, f"the URL pattern {pattern} has no name: name it, so that the tests can build it"
    samples = {**{k: world["by_kwarg"].get(k) for k in kwargs}, **world["by_route"].get(name, {})}
    missing = [k for k in kwargs if samples.get(k) is None]
    assert not missing, f"no sample for {missing} of {name} ({pattern}): add one to the world fixture of {__name__}"
    return reverse(name, kwargs={k: samples[k] for k in kwargs})


def read(response) -> bytes:
    """The whole body, streamed ones too (a generator's error surfaces only while it runs)."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def check(client, url: str, params: list[tuple[str, str]]) -> None:
    response = client.get(f"{url}?{urlencode(params, doseq=True)}" if params else url)
    body = read(response).decode("utf-8", "replace")
    assert response.status_code < 500, (url, params)
    if response.status_code == 400:
        named = {name for name, _value in params if name and name in body}
        assert named, f"{url}?{urlencode(params)}: a 400 that names none of its parameters: {body[:300]}"


@pytest.mark.parametrize("staff", [False, True], ids=["anonymous", "portfolio-admin"])
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: "+".join([r[0] or r[2], *sorted(r[1])]))
def test_no_query_string_makes_a_500(route, staff, world, client, db):
    if staff:
        client.force_login(world["admin"])
    url = url_of(route, world)
    first = client.get(url)
    read(first)
    assert first.status_code < 500
    if staff:
        # The sample must reach the page (a 404 would fuzz only the not-found answer): staff see every page.
        assert first.status_code not in (404, 403), f"{route[0]}: the sample path {url} answers {first.status_code}"
    names = parameters_read(first.wsgi_request)
    for name in sorted(names):
        for value in SWEEP:
            check(client, url, [(name, value)])

    @fuzz.fuzz_settings()
    @given(params=fuzz.query(names, world["codes"]))
    def throw(params):
        check(client, url, params)

    throw()


def test_every_filterset_is_reached(world, client, db):
    """Each FilterSet of Capdev is read by some URL, so its filters are fuzzed (one left unused is dead code or a
    list the public cannot reach)."""
    client.force_login(world["admin"])
    reached = set()
    for route in ROUTES:
        response = client.get(url_of(route, world))
        read(response)
        reached |= getattr(response.wsgi_request, "capdev_filtersets", set())

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    declared = {c for c in subclasses(django_filters.FilterSet)
                if c.__module__.startswith("capdev.") and ".tests." not in c.__module__ and c.base_filters}
    assert {c.__name__ for c in declared - reached} == set(NOT_REACHED)
