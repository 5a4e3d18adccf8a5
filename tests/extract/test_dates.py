import datetime as dt

import pytest

from dashboard.extract.dates import find_dates

WEDNESDAY = dt.date(2022, 2, 2)


@pytest.mark.parametrize(
    ("sentence", "date", "date_end"),
    [
        ("The drills run February 10-20.", dt.date(2022, 2, 10), dt.date(2022, 2, 20)),
        ("Exercises from 10 to 20 March 2023 near Vilnius.", dt.date(2023, 3, 10),
         dt.date(2023, 3, 20)),
        ("Leaders meet in Beijing on Friday.", dt.date(2022, 2, 4), None),
        ("The minister said Tuesday that talks failed.", dt.date(2022, 2, 1), None),
        ("The brigade deployed troops on Monday.", dt.date(2022, 1, 31), None),
        ("The ships will arrive on Monday.", dt.date(2022, 2, 7), None),
        ("The US on Wednesday sent troops.", WEDNESDAY, None),
        ("Proposals set out last month.", dt.date(2022, 1, 1), dt.date(2022, 1, 31)),
        ("They met yesterday.", dt.date(2022, 2, 1), None),
        ("He warned in December that Kyiv was stalling.", dt.date(2021, 12, 1),
         dt.date(2021, 12, 31)),
        ("The convoy left on Sept. 3, 2021.", dt.date(2021, 9, 3), None),
        ("Troops arrive next week.", dt.date(2022, 2, 7), dt.date(2022, 2, 13)),
        ("US forces withdrew from the base on Sunday.", dt.date(2022, 1, 30), None),
        ("Russian troops were ousted from Kharkiv in May.", dt.date(2021, 5, 1),
         dt.date(2021, 5, 31)),
        ("The drills are held in May.", dt.date(2022, 5, 1), dt.date(2022, 5, 31)),
        ("A frigate arrived in Cyprus in May.", dt.date(2021, 5, 1), dt.date(2021, 5, 31)),
        ("German troops will leave Mali in December.", dt.date(2022, 12, 1),
         dt.date(2022, 12, 31)),
    ],
)
def test_resolves(sentence: str, date: dt.date, date_end: dt.date | None) -> None:
    found = find_dates(sentence, 100, WEDNESDAY)
    assert found, sentence
    assert (found[0].date, found[0].date_end) == (date, date_end)
    assert sentence[found[0].start - 100:found[0].end - 100] == found[0].text


def test_without_story_date_relative_stays_unresolved() -> None:
    found = find_dates("They met on Friday.", 0, None)
    assert found and found[0].date is None


def test_no_false_dates() -> None:
    assert find_dates("The 2nd Cavalry Regiment may march north.", 0, WEDNESDAY) == []
