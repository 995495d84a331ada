"""The suppression helper: fewer than 5 people in a cell is "fewer than 5", everywhere it is used."""
from decimal import Decimal

from django.test import override_settings

from capdev.people import privacy
from capdev.people.privacy import Cell


def test_small_counts_are_hidden_unless_exact():
    assert privacy.shown(3, exact=False).suppressed and privacy.shown(3, exact=False).json is None
    assert str(privacy.shown(3, exact=False)) == "fewer than 5"
    assert privacy.shown(3, exact=False).csv == "<5"
    assert privacy.shown(3, exact=True).json == 3
    assert privacy.shown(5, exact=False).json == 5
    assert privacy.shown(0, exact=False).json == 0  # zero names no one


def test_a_cell_hides_all_its_figures_with_its_people():
    c = privacy.cell(Cell("female", "Female", 2, attendances=9, person_days=Decimal(18)), exact=False)
    assert c.suppressed and c.attendances.json is None and c.person_days.json is None


def test_a_single_hidden_cell_hides_the_next_smallest_too():
    cells = [Cell("female", "Female", 23), Cell("male", "Male", 3), Cell("another", "Another", 9),
             Cell("not_stated", "Not stated", 0)]
    shown = privacy.breakdown(cells, exact=False)
    # Male (3) is hidden; with the total shown it would be 35 - 23 - 9: Another (9), the next smallest, goes too.
    assert [c.suppressed for c in shown] == [False, True, True, False]
    # ...said as it is: Male is "fewer than 5"; Another, 9, is "not shown" (never called fewer than 5).
    assert (str(shown[1].people), shown[1].people.csv) == ("fewer than 5", "<5")
    assert (str(shown[2].people), shown[2].people.csv, shown[2].people.json) == ("not shown", "x", None)
    assert str(shown[2].attendances) == "not shown"
    two = privacy.breakdown([Cell("a", "A", 2), Cell("b", "B", 3), Cell("c", "C", 40)], exact=False)
    assert [c.suppressed for c in two] == [True, True, False]  # two hidden: neither can be worked out
    assert not any(c.suppressed for c in privacy.breakdown(cells, exact=True))


def test_shares_need_five_answers():
    assert privacy.share(3, 4, exact=False).suppressed
    assert privacy.share(3, 4, exact=True).json == 75.0
    assert privacy.share(2, 40, exact=False).json == 5.0


@override_settings(CAPDEV_PEOPLE_SMALL_COUNT=10)
def test_the_threshold_is_a_setting():
    assert privacy.shown(7, exact=False).suppressed and str(privacy.shown(7, exact=False)) == "fewer than 10"
