"""The validator: XSD, IATI's ruleset and codelists; planted errors are found and reported with line and activity."""
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from lxml import etree

from capdev.iati import build_data, codelists, conf
from capdev.iati.rulesets import Checker, relative_context, ruleset
from capdev.iati.validate import validate_bytes, validate_file

from ._helpers import FILES, iati_shared

GOOD = (FILES / "good_activity.xml").read_bytes()


def planted(old: bytes, new: bytes) -> bytes:
    assert old in GOOD, old
    return GOOD.replace(old, new)


def rules_of(xml: bytes) -> set[str]:
    return {f.rule for f in validate_bytes(xml) if f.is_error or f.rule}


def test_the_good_file_has_no_findings():
    assert validate_bytes(GOOD) == []


@pytest.mark.parametrize("old,new,rule", [
    (b'<sector vocabulary="1" code="15110" percentage="100"/>',
     b'<sector vocabulary="1" code="15110" percentage="50"/><sector vocabulary="1" code="15120" percentage="40"/>',
     "2.1.2"),
    (b'<recipient-country code="BB" percentage="40"/>', b'<recipient-country code="BB" percentage="30"/>', "3.1.2"),
    (b'<activity-date type="3" iso-date="2025-12-31"/>', b'<activity-date type="3" iso-date="2021-12-31"/>', "11.1.2"),
    (b'<period-end iso-date="2022-12-31"/>\n      <value currency="USD"',
     b'<period-end iso-date="2023-12-31"/>\n      <value currency="USD"', "7.5.3"),
    (b'<period-end iso-date="2022-12-31"/>\n      <value currency="USD"',
     b'<period-end iso-date="2021-12-31"/>\n      <value currency="USD"', "8.6.3"),
    (b"<iati-identifier>XM-DAC-41127-GOOD-1</iati-identifier>", b"<iati-identifier>XX-OTHER-1</iati-identifier>",
     "1.1.21"),
    (b'<activity-date type="2" iso-date="2022-02-01"/>', b'<activity-date type="2" iso-date="2099-02-01"/>',
     "11.1.4"),
    (b'last-updated-datetime="2024-01-01T00:00:00Z"', b'last-updated-datetime="2099-01-01T00:00:00Z"', "11.1.1"),
    (b'<sector vocabulary="1" code="15110" percentage="100"/>\n    <sector vocabulary="7" code="16" percentage="100"/>',
     b'', "6.2.2"),
    (b'<recipient-country code="BB" percentage="40"/>', b'<recipient-country code="BB" percentage="140"/>', "12.1.1"),
])
def test_planted_errors_are_found(old, new, rule):
    assert rule in rules_of(planted(old, new))


def test_findings_name_file_line_and_activity(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_bytes(planted(b'<activity-date type="3" iso-date="2025-12-31"/>',
                            b'<activity-date type="3" iso-date="2021-12-31"/>'))
    line = bad.read_bytes().split(b"\n").index(b'    <activity-date type="1" iso-date="2022-01-01"/>') + 1
    finding = next(f for f in validate_file(bad) if f.rule == "11.1.2")
    assert finding.line == line and finding.activity == "XM-DAC-41127-GOOD-1"
    assert finding.format().startswith(f"{bad}:{line}: activity XM-DAC-41127-GOOD-1: [11.1.2] The planned start")


def test_xsd_errors_are_reported():
    if not conf.schema_file().exists():
        pytest.skip("the IATI XSD is not in shared/")
    findings = validate_bytes(planted(b'<activity-status code="2"/>', b''))
    assert any(f.rule == "xsd" and "activity-status" in f.message for f in findings)


def test_without_the_xsd_the_ruleset_still_runs(tmp_path):
    with override_settings(CAPDEV_IATI_SCHEMA_DIR=str(tmp_path)):
        findings = validate_bytes(planted(b'<recipient-country code="BB" percentage="40"/>',
                                          b'<recipient-country code="BB" percentage="30"/>'))
    assert any(f.rule == "xsd" and "skipped" in f.message and not f.is_error for f in findings)
    assert any(f.rule == "3.1.2" for f in findings)


def test_unknown_codes_are_errors_and_withdrawn_ones_warnings():
    findings = validate_bytes(planted(b'code="LC"', b'code="ZZ"'))
    assert any(f.is_error and f.rule == "codelist" and "'ZZ'" in f.message for f in findings)
    findings = validate_bytes(planted(b'<transaction-type code="2"/>',
                                      b'<transaction-type code="2"/><flow-type code="20"/>'))
    assert any(not f.is_error and "withdrawn FlowType" in f.message for f in findings)


def test_every_rule_type_the_ruleset_uses_is_implemented():
    used = set()
    for rules in ruleset().values():
        for name, body in rules.items():
            used.add(name)
            if name == "loop":
                used |= {n for case in body["cases"] for n in case["do"]}
    assert used <= {n[len("rule_"):] for n in dir(Checker) if n.startswith("rule_")}, used


def test_contexts_are_made_relative_to_the_activity():
    assert relative_context("/iati-activities/iati-activity") == "self::iati-activity"
    assert relative_context("/iati-activities/iati-activity/budget") == "budget"
    assert relative_context("//title") == "descendant-or-self::title"
    assert relative_context("/iati-activities/iati-activity/a | /iati-activities/iati-activity/b") == "a | b"


def test_the_validate_command_prints_findings_and_fails_on_errors(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_bytes(planted(b'percentage="40"', b'percentage="30"'))
    root = Path(__file__).resolve().parents[3]
    out = subprocess.run([sys.executable, "-m", "capdev.cli", "iati", "validate", str(bad)], cwd=root,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 1, out.stderr
    assert f"{bad}:16: activity XM-DAC-41127-GOOD-1: [3.1.2]" in out.stdout
    good = tmp_path / "good.xml"
    good.write_bytes(GOOD)
    assert call_command("iati", "validate", str(good), stdout=io.StringIO(), stderr=io.StringIO()) is None


def test_shipped_data_files_match_the_shared_sources(tmp_path):
    shared = iati_shared()
    if not (shared / "codelists").exists():
        pytest.skip("shared/iati is absent")
    build_data.build(shared, tmp_path)
    for name in ("codelists.json", "ruleset.json"):
        assert json.loads((tmp_path / name).read_text()) == json.loads((conf.DATA_DIR / name).read_text()), name


def test_the_real_files_have_no_codelist_errors():
    from ._helpers import data_files

    files = data_files()
    if not files:
        pytest.skip("shared/iati/data is absent")
    for path in files:
        errors = [f for f in validate_file(path) if f.is_error and f.rule in {"codelist", "xsd", "xml"}]
        assert not errors, [str(e) for e in errors[:5]]


def test_validation_is_streamed_one_activity_at_a_time():
    from capdev.iati.safexml import iter_activities

    doc = GOOD.replace(b"</iati-activities>", GOOD.split(b"<iati-activities", 1)[1].split(b">", 1)[1]
                       .replace(b"</iati-activities>", b"").replace(b"GOOD-1", b"GOOD-2") + b"</iati-activities>")
    root, handled = None, []
    for kind, el in iter_activities(io.BytesIO(doc)):
        if kind == "root":
            root = el
            continue
        # every activity handled before is emptied, and at most the last of them is still attached to the root
        assert all(len(done) == 0 for done in handled)
        assert sum(1 for done in handled if done.getparent() is not None) <= 1
        handled.append(el)
    assert len(handled) == 2
    assert root is not None and etree.iselement(root)


def test_staff_see_the_iati_check_of_a_project_before_publishing(portfolio, db, client, django_user_model):
    """The validator's findings are shown to staff on the project page (loaded by htmx) and refused to others."""
    from capdev.projects.models import Project

    project = Project.objects.get(title__startswith="Strengthen public sector")
    url = f"/iati/check/{project.pk}/"
    assert client.get(url).status_code == 404
    staff = django_user_model.objects.create_user("viewer", "v@example.org", "a long passphrase 2026", is_staff=True)
    client.force_login(staff)
    assert f'hx-get="{url}"' in client.get(f"/projects/{project.pk}/").content.decode()
    page = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "valid against the IATI 2.03 schema" in page and "<html" not in page
    Project.objects.filter(pk=project.pk).update(start_date=None, end_date=None)
    page = client.get(url).content.decode()
    assert "6.11.1" in page and "<html" in page


@pytest.mark.parametrize("code, errors", [("99999", 1), ("21000", 0)])
def test_a_code_given_as_element_text_is_checked(code, errors):
    # mapping.xml names crs-add/channel-code by its text(): the check once crashed on the string XPath returned.
    activity = etree.fromstring(f"<iati-activity><iati-identifier>X-1</iati-identifier><crs-add>"
                                f"<channel-code>{code}</channel-code></crs-add></iati-activity>")
    findings = codelists.check_activity(activity, "X-1")
    assert len(findings) == errors
    assert all("CRSChannelCode" in f.message for f in findings)
