"""The permission functions every write path calls (portal, admin, API, commands)."""
import pytest
from django.contrib.auth.models import AnonymousUser, Group

from capdev.accounts import permissions as perms
from capdev.accounts.roles import ROLES
from capdev.activities.models import Activity
from capdev.projects.models import Project, ReviewState


def test_the_four_role_groups_exist_with_permissions(db):
    groups = {g.name: g for g in Group.objects.filter(name__in=ROLES)}
    assert set(groups) == set(ROLES)
    editor = set(groups["editor"].permissions.values_list("codename", flat=True))
    assert {"change_project", "add_activity", "delete_budget"} <= editor
    assert "change_country" not in editor and "change_user" not in editor
    viewer = set(groups["viewer"].permissions.values_list("codename", flat=True))
    assert "view_project" in viewer and not any(c.startswith("change_") for c in viewer)
    assert "change_reviewflag" in set(groups["reviewer"].permissions.values_list("codename", flat=True))
    assert "change_user" in set(groups["portfolio admin"].permissions.values_list("codename", flat=True))


def test_the_roles_are_set_once_per_migrate_at_the_last_app_s_turn(db):
    from django.apps import apps

    from capdev.accounts.roles import ensure_roles

    Group.objects.filter(name__in=ROLES).delete()
    with_models = [c for c in apps.get_app_configs() if c.models_module is not None]
    for config in with_models[:-1]:
        ensure_roles(sender=config)  # an earlier app's turn: not every permission exists yet
    assert not Group.objects.filter(name__in=ROLES).exists()
    ensure_roles(sender=with_models[-1])
    assert Group.objects.get(name="editor").permissions.filter(codename="change_project").exists()
    assert Group.objects.get(name="portfolio admin").permissions.filter(codename="change_user").exists()


def test_an_editor_edits_only_the_projects_of_their_units(people, projects):
    assert perms.can_edit_project(people["pacb"], projects["pacb"])
    assert not perms.can_edit_project(people["pacb"], projects["dmb"])
    assert not perms.can_edit_project(people["pacb"], projects["dmb_review"])
    assert not perms.can_edit_project(people["pacb"], projects["none"])
    assert perms.can_edit_project(people["dmb"], projects["dmb"])
    assert set(perms.projects_editable_by(people["pacb"])) == {projects["pacb"]}
    assert set(perms.projects_editable_by(people["dmb"])) == {projects["dmb"], projects["dmb_review"]}


def test_a_unit_includes_the_units_below_it(people, projects, units):
    user = people["dpadm"]
    assert set(perms.editable_units(user)) == {units["DPADM"], units["PACB"], units["DMB"]}
    assert perms.can_edit_project(user, projects["pacb"]) and perms.can_edit_project(user, projects["dmb"])
    assert set(perms.projects_editable_by(user)) == {projects["pacb"], projects["dmb"], projects["dmb_review"]}


def test_a_working_copy_needs_the_right_to_its_original_too(people, projects, units):
    # A copy whose unit was switched to PACB still belongs to DMB's published project.
    copy = Project.objects.create(title="copy", lead_unit=units["PACB"], draft_of=projects["dmb"])
    assert not perms.can_edit_project(people["pacb"], copy)
    assert copy not in perms.projects_editable_by(people["pacb"])
    assert perms.can_edit_project(people["dpadm"], copy)


def test_viewers_read_internal_data_but_change_nothing(people, projects):
    viewer = people["viewer"]
    assert perms.can_view_internal(viewer)
    assert not perms.can_edit_project(viewer, projects["pacb"])
    assert not perms.can_create_project(viewer)
    assert not perms.can_publish(viewer, projects["dmb_review"])
    assert perms.projects_editable_by(viewer).count() == 0


def test_reviewers_edit_everything_and_publish_but_do_not_manage_reference_data(people, projects):
    reviewer = people["reviewer"]
    assert all(perms.can_edit_project(reviewer, p) for p in projects.values())
    assert perms.can_publish(reviewer, projects["dmb_review"]) and perms.can_resolve_flags(reviewer)
    assert not perms.can_manage_reference_data(reviewer)
    assert perms.projects_editable_by(reviewer).count() == Project.objects.count()


def test_editors_neither_publish_nor_resolve_flags(people, projects):
    assert not perms.can_publish(people["dmb"], projects["dmb_review"])
    assert not perms.can_resolve_flags(people["dmb"], projects["dmb_review"])


def test_portfolio_admins_and_superusers_may_do_everything(people, projects, django_user_model):
    root = django_user_model.objects.create_superuser("root", "r@example.org", "x")
    for user in (people["admin"], root):
        assert perms.is_portfolio_admin(user) and perms.can_manage_reference_data(user)
        assert perms.can_publish(user, projects["dmb_review"]) and perms.can_edit_project(user, projects["none"])


@pytest.mark.parametrize("who", ["anonymous", "nobody", "inactive"])
def test_people_without_a_role_may_do_nothing(people, projects, who):
    user = AnonymousUser() if who == "anonymous" else people["pacb" if who == "inactive" else "nobody"]
    if who == "inactive":
        user.is_active = False
        user.save()
    assert not perms.can_view_internal(user)
    assert not perms.can_edit_project(user, projects["pacb"])
    assert not perms.can_create_project(user)
    assert not perms.can_publish(user, projects["pacb"])
    assert perms.projects_editable_by(user).count() == 0


def test_every_role_makes_the_user_staff(people):
    assert all(people[k].is_staff for k in ("viewer", "pacb", "reviewer", "admin"))
    assert not people["nobody"].is_staff


def test_project_of_finds_the_project_of_any_row(projects, db):
    from capdev.projects.models import Indicator, IndicatorValue, Outcome

    p = projects["dmb"]
    outcome = Outcome.objects.create(project=p, text="o")
    indicator = Indicator.objects.create(outcome=outcome, title="i")
    value = IndicatorValue.objects.create(indicator=indicator, period_start="2020-01-01", period_end="2020-12-31")
    activity = Activity.objects.create(project=p, type="workshop", title="w")
    assert {perms.project_of(x) for x in (p, outcome, indicator, value, activity)} == {p}
    assert perms.project_of(projects["dmb"].lead_unit) is None


def test_a_published_project_stays_editable_for_its_unit(people, projects):
    assert projects["pacb"].review_state == ReviewState.PUBLISHED
    assert perms.can_edit_project(people["pacb"], projects["pacb"])


def test_a_published_original_changes_in_place_only_for_those_who_publish(people, projects):
    """Editors change what the public sees through a working copy and a review; reviewers publish anyway."""
    published, in_review = projects["pacb"], projects["dmb_review"]
    workshop = Activity.objects.create(project=published, type="workshop", title="w")
    assert not perms.can_change_in_place(people["pacb"], published)
    assert not perms.can_change_row_in_place(people["pacb"], workshop)
    assert perms.can_change_in_place(people["dmb"], in_review)
    copy = Project.objects.create(title="copy", lead_unit=published.lead_unit, draft_of=published)
    assert perms.can_change_in_place(people["pacb"], copy)
    for who in ("reviewer", "admin"):
        assert perms.can_change_in_place(people[who], published)
        assert perms.can_change_row_in_place(people[who], workshop)
    assert not perms.can_change_in_place(people["dmb"], published)  # another unit's, whatever its state
