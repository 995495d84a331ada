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


def test_the_finding_hidden_cells_that_sum_to_two_are_withheld_with_more():
    # Project 10 by country: total 17, Saint Lucia 10, Guatemala 5, Bahamas 1, Trinidad 1. Shown as 10, 5,
    # "fewer than 5", "fewer than 5", 17 - 15 = 2 over two cells told that both were exactly 1.
    cells = [Cell("LCA", "Saint Lucia", 10), Cell("GTM", "Guatemala", 5), Cell("BHS", "Bahamas", 1),
             Cell("TTO", "Trinidad and Tobago", 1)]
    shown = privacy.breakdown(cells, exact=False)
    # Guatemala withheld too is not enough: 17 - 10 = 7 = 1 + 1 + at least 5. Saint Lucia goes as well.
    assert [c.suppressed for c in shown] == [True, True, True, True]
    assert [str(c.people) for c in shown] == ["not shown", "not shown", "fewer than 5", "fewer than 5"]
    assert shown[1].as_json()["withheld"] and not shown[2].as_json()["withheld"]
    # With a third country of 6 people, withholding Guatemala's 5 is enough: 13 = 1..4 + 1..4 + at least 5.
    more = privacy.breakdown(cells[:2] + [Cell("BRB", "Barbados", 6)] + cells[2:], exact=False)
    assert [c.suppressed for c in more] == [False, True, True, True, True]  # 13 - 1 - 1 - 5: 1 to 4 each
    # The ToT: 5 people over 4 institution types, three of them 1: nothing can be shown but hidden together.
    tot = privacy.breakdown([Cell("gtm", "Guatemala", 5)], exact=False)
    assert not tot[0].suppressed
    kinds = privacy.breakdown([Cell("m", "Ministry", 2), Cell("a", "Agency", 1), Cell("l", "Local", 1),
                               Cell("u", "Academia", 1)], exact=False)
    assert all(c.suppressed for c in kinds)


def _readings(shown, total):
    """Every breakdown a reader who knows the rule could infer from what is shown and the total."""
    import itertools

    t = privacy.threshold()
    ranges = []
    # When every figure is withheld (no way to hide part of them), "not shown" says nothing but "not zero".
    everything = all(c.people.withheld or c.people.value == 0 for c in shown)
    for c in shown:
        if c.people.withheld:
            ranges.append(range(1 if everything else t, total + 1))
        elif c.people.suppressed:
            ranges.append(range(1, t))
        else:
            ranges.append([c.people.value])
    return [v for v in itertools.product(*ranges) if sum(v) == total]


def test_no_hidden_cell_can_be_worked_out_from_the_total():
    """Every breakdown of up to 4 cells of 0 to 12 people: what a reader can infer from the cells shown and the
    total never pins a hidden cell down, and the hidden cells together are never a small count."""
    import itertools

    t = privacy.threshold()
    for size in range(1, 5):
        for counts in itertools.product(range(13), repeat=size):
            total = sum(counts)
            if total < t:
                continue  # the total itself is hidden, and every cell with it (hide_all)
            shown = privacy.breakdown([Cell(str(i), str(i), n) for i, n in enumerate(counts)], exact=False)
            readings = _readings(shown, total)
            assert tuple(counts) in readings, counts  # what is shown is true
            for i, n in enumerate(counts):
                if 0 < n < t:
                    assert shown[i].people.suppressed, (counts, i)
                    assert len({r[i] for r in readings}) > 1, (counts, i)
            hidden = [n for n, c in zip(counts, shown) if c.people.suppressed]
            assert not hidden or sum(hidden) >= t, counts


def test_a_total_over_parts_shown_elsewhere_is_withheld_when_it_would_tell_them():
    # Five activities' lists summed on the dashboard, each list on its own page: 10, 12, 3 and "fewer than 5".
    assert privacy.total_over(25, [10, 12, 3], exact=False).withheld  # 25 - 22 = the hidden 3
    assert not privacy.total_over(29, [10, 12, 3, 4], exact=False).suppressed  # 7 over two: 3+4, 4+3
    assert privacy.total_over(30, [10, 12, 4, 4], exact=False).withheld  # 8 over two "fewer than 5": both 4
    assert privacy.total_over(25, [10, 12, 3], exact=True).value == 25
