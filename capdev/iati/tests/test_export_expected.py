"""The export, byte for byte: a portfolio with every kind of row an activity is built from, against a stored document.

`files/export_expected.xml` was written by the exporter that read through Django's prefetching (before the
chunk reader of `capdev/iati/export_rows.py`); the reader must give the same bytes. Regenerate it only on
purpose, when the published XML is meant to change: `CAPDEV_WRITE_EXPECTED=1 pytest capdev/iati/tests/
test_export_expected.py`, then read the diff.
"""
import datetime as dt
import io
import os
import re
from decimal import Decimal

import pytest
from lxml import etree

from capdev.activities.models import Resource
from capdev.iati import export
from capdev.iati.models import IatiActivity
from capdev.organisations.models import Organisation, OrgUnit
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
    ProjectSector,
    ReviewState,
)
from capdev.reference.models import Region

from ._helpers import FILES, schema

EXPECTED = FILES / "export_expected.xml"
TODAY = dt.date(2025, 6, 1)
NOW = dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.UTC)
UPDATED = dt.datetime(2025, 5, 1, 8, 30, tzinfo=dt.UTC)
REPORTING = {"ref": "XM-DAC-41127", "name": "United Nations Department of Economic and Social Affairs",
             "type": "40"}


def add_every_kind_of_row() -> None:
    """Projects beside the seed's that between them have each child row and each branch of the builder."""
    usd = "USD"
    top = OrgUnit.objects.create(code="XT-TOP", name="Test department", dac_sector="15150")
    mid = OrgUnit.objects.create(code="XT-MID", name="Test division", parent=top)
    low = OrgUnit.objects.create(code="XT-LOW", name="Test branch", parent=mid)
    lowest = OrgUnit.objects.create(code="XT-LOWEST", name="Test unit", parent=low)  # its sector is 4 levels up
    gov = Organisation.objects.create(name="Ministry of Tests", slug="ministry-of-tests",
                                      type=Organisation.Type.GOVERNMENT, iati_ref=" XM-TEST-1 ")
    ngo = Organisation.objects.create(name="Test NGO", slug="test-ngo", type=Organisation.Type.NGO)
    donor = Organisation.objects.create(name="A donor", slug="a-donor", type=Organisation.Type.DONOR)
    dac = Region.objects.create(code="dac-289", name="Africa south of the Sahara (test)",
                                kind=Region.Kind.GROUPING)
    own = Region.objects.create(code="test-islands", name="Islands of the test", kind=Region.Kind.GROUPING)
    m49 = Region.objects.create(code="test-m49", name="Caribbean of the test", kind=Region.Kind.GROUPING, m49="029")

    rich = Project.objects.create(
        code="XT/01 & more", title="Every kind of row\x07", summary="Summary", objective="Objective",
        beneficiaries_direct="Direct", beneficiaries_indirect="Indirect", background="  Background  ",
        start_date=dt.date(2022, 7, 1), end_date=dt.date(2026, 6, 30), lead_unit=low,
        review_state=ReviewState.PUBLISHED)
    ProjectCountry.objects.create(project=rich, country_id="KEN", percentage=Decimal(20))
    ProjectCountry.objects.create(project=rich, country_id="BRB")
    ProjectCountry.objects.create(project=rich, country_id="FJI")
    for region in (dac, own, m49):
        ProjectRegion.objects.create(project=rich, region=region)
    ProjectSector.objects.create(project=rich, vocabulary="1", code="15110", name="Public sector policy",
                                 percentage=Decimal(60))
    ProjectSector.objects.create(project=rich, vocabulary="1", code="15150", name="Democratic participation")
    ProjectSector.objects.create(project=rich, vocabulary="99", code="GOV", name="Governance")
    ProjectSector.objects.create(project=rich, vocabulary="10", code="1.1", name="")
    ProjectSdgGoal.objects.create(project=rich, goal_id=16)
    ProjectSdgGoal.objects.create(project=rich, goal_id=5)
    ProjectSdgTarget.objects.create(project=rich, target_id="16.7")
    ProjectSdgTarget.objects.create(project=rich, target_id="16.6")
    for position, (org, role) in enumerate([(donor, ProjectPartner.Role.FUNDING), (gov, ProjectPartner.Role.EXTENDING),
                                            (ngo, ProjectPartner.Role.IMPLEMENTING),
                                            (gov, ProjectPartner.Role.COOPERATING),
                                            (ngo, ProjectPartner.Role.BENEFICIARY),
                                            (gov, ProjectPartner.Role.ACCOUNTABLE)]):
        ProjectPartner.objects.create(project=rich, organisation=org, role=role, position=position)
    Budget.objects.create(project=rich, position=0, amount=Decimal("1000000.00"), currency_id=usd,
                          period_start=dt.date(2022, 7, 1), period_end=dt.date(2024, 6, 30), label="Revised")
    Budget.objects.create(project=rich, position=1, amount=Decimal("250000.50"), currency_id=usd, year=2025,
                          label="Committed")
    Budget.objects.create(project=rich, position=2, amount=Decimal("99.99"), currency_id="EUR",
                          period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 6, 30))
    Budget.objects.create(project=rich, position=3, amount=Decimal(5), currency_id=usd)  # undated: dated lines win
    Resource.objects.create(project=rich, position=0, type="report", title="Final report",
                            url="https://example.org/report.pdf?x=1", language="EN", date=dt.date(2024, 3, 1))
    Resource.objects.create(project=rich, position=1, type="link", title="", url="https://example.org/page/",
                            language="xx")
    Resource.objects.create(project=rich, position=2, type="toolkit", title="A file, no URL")
    Resource.objects.create(project=rich, position=3, type="booklet", title="Booklet",
                            url="https://example.org/b.docx")
    bare = Outcome.objects.create(project=rich, position=0, text="An outcome with no indicator")
    measured = Outcome.objects.create(project=rich, position=1, text="An outcome measured")
    assert bare.pk and measured.pk
    Indicator.objects.create(outcome=measured, position=0, title="Qualitative", unit="")
    share = Indicator.objects.create(outcome=measured, position=1, title="Share of women", unit=" Percent ",
                                     ascending=False, baseline_value=Decimal("12.5000"), baseline_year=2021,
                                     target_value=Decimal(40), target_year=2026)
    IndicatorValue.objects.create(indicator=share, period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31),
                                  target=Decimal("30.0000"), actual=Decimal("28.2500"))
    IndicatorValue.objects.create(indicator=share, period_start=dt.date(2023, 1, 1), period_end=dt.date(2023, 12, 31),
                                  actual=Decimal(20))
    Indicator.objects.create(outcome=measured, position=2, title="Officials trained", unit="people",
                             baseline_value=Decimal(0), target_value=Decimal(120))
    Indicator.objects.create(outcome=measured, position=3, title="Target year only", unit="laws",
                             target_value=Decimal(3), target_year=2021)

    imported = Project.objects.create(
        iati_identifier="44000-P-TEST", title="Imported from IATI", summary="As published",
        start_date=dt.date(2020, 1, 1),
        end_date=dt.date(2029, 12, 31), lead_unit=lowest, review_state=ReviewState.PUBLISHED,
        language="fr")  # as the IATI import sets it from the activity's xml:lang
    IatiActivity.objects.create(project=imported, reporting_org_ref="44000", reporting_org_name="",
                                reporting_org_type="40", activity_status="6", default_currency="EUR",
                                language="fr", last_updated_datetime=dt.datetime(2019, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
                                imported_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    Budget.objects.create(project=imported, amount=Decimal(300000), currency_id=usd, label="Committed")
    Budget.objects.create(project=imported, position=1, amount=Decimal(100), currency_id=usd)
    ProjectSdgTarget.objects.create(project=imported, target_id="5.5")

    edited = Project.objects.create(
        code="XT-EDITED", title="Imported, then edited", objective="Objective", start_date=dt.date(2024, 1, 1),
        status_override="planned", review_state=ReviewState.PUBLISHED)
    IatiActivity.objects.create(project=edited, reporting_org_ref="", activity_status="5",
                                last_updated_datetime=dt.datetime(2019, 1, 2, tzinfo=dt.UTC),
                                imported_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    Project.objects.create(code="XT-UNDATED", title="No dates yet", review_state=ReviewState.PUBLISHED)
    Project.objects.create(code="XT-REVIEW", title="Ends soon, in review", summary="Summary",
                           end_date=dt.date(2025, 1, 31), review_state=ReviewState.IN_REVIEW)
    # Identifiers must not depend on primary keys (PostgreSQL does not roll its sequences back): the seed's
    # projects, which have no code, get one by their order.
    for n, pk in enumerate(Project.objects.filter(code__isnull=True, iati_identifier__isnull=True)
                           .order_by("pk").values_list("pk", flat=True)):
        Project.objects.filter(pk=pk).update(code=f"SEED-{n}")
    # Every last_updated is the same fixed time, so the document does not depend on when the test ran;
    # the imported project's publisher date stands (it was not changed after its import).
    Project.objects.update(last_updated=UPDATED)


def export_bytes() -> bytes:
    """Every project (published or not), in a fixed context, with the pks of the dateless ones masked."""
    buf = io.BytesIO()
    ctx = export.Context(today=TODAY, now=NOW, reporting=dict(REPORTING), language="en")
    export.write_activities(buf, export.projects_for_export(include_unpublished=True), ctx)
    return re.sub(rb"<!-- project \d+ not published", b"<!-- project N not published", buf.getvalue())


def test_the_export_is_the_expected_document_byte_for_byte(portfolio, db):
    add_every_kind_of_row()
    xml = export_bytes()
    if os.environ.get("CAPDEV_WRITE_EXPECTED"):
        EXPECTED.write_bytes(xml)
        pytest.skip(f"wrote {EXPECTED}")
    expected = EXPECTED.read_bytes()
    if xml != expected:  # say where, rather than print two 100 kB documents
        at = next((i for i, (a, b) in enumerate(zip(xml, expected)) if a != b), min(len(xml), len(expected)))
        line = expected[:at].count(b"\n") + 1
        raise AssertionError(f"the export differs from {EXPECTED.name} at line {line}:\n"
                             f"got      {xml[max(at - 200, 0):at + 200]!r}\nexpected "
                             f"{expected[max(at - 200, 0):at + 200]!r}")
    xsd = schema()
    if xsd is not None:
        assert xsd.validate(etree.fromstring(xml)), xsd.error_log


def test_the_expected_document_has_every_kind_of_element(portfolio, db):
    """Guards the stored document itself: were a branch's rows missing, byte equality would prove little."""
    doc = etree.fromstring(EXPECTED.read_bytes())
    for path in ["recipient-country", "recipient-region[@vocabulary='1']", "recipient-region[@vocabulary='2']",
                 "recipient-region[@vocabulary='99']/narrative", "sector[@vocabulary='1']", "sector[@vocabulary='7']",
                 "sector[@vocabulary='8']", "sector[@vocabulary='99']", "sector[@vocabulary='10']",
                 "tag[@vocabulary='2']", "tag[@vocabulary='3']", "participating-org[@role='1']",
                 "participating-org[@role='2']", "participating-org[@role='3']", "participating-org[@role='4']",
                 "budget[@type='2']", "budget[@status='2']", "document-link/language", "document-link/document-date",
                 "result/indicator[@measure='5']", "result/indicator[@measure='2']/period/actual",
                 "result/indicator[@measure='1']/baseline", "result/indicator/period/target",
                 "activity-status[@code='6']", "activity-status[@code='1']", "other-identifier/owner-org",
                 "description[@type='4']", "activity-date[@type='4']"]:
        assert doc.find(f"iati-activity/{path}") is not None, path
    assert b"<!-- project N not published" in EXPECTED.read_bytes()
    langs = {a.get("{http://www.w3.org/XML/1998/namespace}lang") for a in doc.iter("iati-activity")}
    assert langs == {"en", "fr"}
