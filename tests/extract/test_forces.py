import pytest

from dashboard.extract.forces import find_forces

ACTORS = {"US": "US", "U.S.": "US", "American": "US", "Russian": "RU", "German": "DE",
          "Chinese": "CN", "British": "GB", "NATO": "NATO", "Azerbaijani": "AZ"}


def forces(sentence: str):
    found = find_forces(sentence, 0, ACTORS.get)
    for force in found:
        assert sentence[force.start:force.end] == force.text
    return found


@pytest.mark.parametrize(
    ("sentence", "count", "personnel", "actor"),
    [
        ("1,000 US soldiers in Germany are being sent", 1000, "soldiers", "US"),
        ("about 1,700 paratroopers will go", 1700, "paratroopers", None),
        ("up to 30,000 Russian troops", 30000, "troops", "RU"),
        ("several thousand troops", None, "troops", None),
        ("hundreds of British marines landed", None, "marines", "GB"),
        ("some 4,800 German soldiers", 4800, "soldiers", "DE"),
        ("more than 1.5 million troops", 1_500_000, "troops", None),
        ("two thousand sailors", 2000, "sailors", None),
        ("Thirty-two Fijian soldiers arrived", 32, "soldiers", None),
        ("twenty five soldiers", 25, "soldiers", None),
        ("seventeen warships", 17, None, None),
        ("twenty-one thousand troops", 21000, "troops", None),
        ("two thousand five hundred marines", 2500, "marines", None),
        ("nine hundred and fifty troops", 950, "troops", None),
        ("Turkey deployed a hundred tanks to Idlib", 100, None, None),
        ("one thousand two hundred police officers", 1200, "police officers", None),
        ("tens of thousands of Azerbaijani forces", None, "forces", "AZ"),
    ],
)
def test_counts(sentence: str, count: int, personnel: str, actor: str | None) -> None:
    force = forces(sentence)[0]
    assert (force.count, force.personnel, force.actor) == (count, personnel, actor)
    assert force.count_text


@pytest.mark.parametrize(
    ("sentence", "low", "high"),
    [("several thousand troops", 2000, 9000), ("hundreds of British marines landed", 200, None),
     ("tens of thousands of Azerbaijani forces", 20000, None), ("a dozen warships", 12, 12)],
)
def test_vague_counts_give_bounds_not_a_figure(sentence: str, low: int, high: int | None
                                               ) -> None:
    force = forces(sentence)[0]
    assert (force.count, force.count_min, force.count_max) == (None, low, high)


def test_count_ranges() -> None:
    up_to = forces("up to 30,000 troops")[0]
    assert (up_to.count_min, up_to.count_max) == (None, 30000)
    more = forces("more than 8,500 troops")[0]
    assert (more.count_min, more.count_max) == (8500, None)


def test_elliptic_count_inherits_noun_and_actor() -> None:
    found = forces("1,000 US soldiers are sent to Romania, and another 2,000 stationed at home")
    assert [(f.count, f.personnel, f.actor) for f in found] == [
        (1000, "soldiers", "US"), (2000, "soldiers", "US")]


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("The 82nd Airborne Division will send about 1,700 paratroopers", "82nd Airborne Division"),
        ("a Stryker squadron of the 2nd Cavalry Regiment moves", "a Stryker squadron of the 2nd "
         "Cavalry Regiment"),
        ("the 173rd Airborne Brigade arrived", "173rd Airborne Brigade"),
        ("Russia's Black Sea Fleet sailed", "Black Sea Fleet"),
    ],
)
def test_units(sentence: str, unit: str) -> None:
    assert unit in [f.unit for f in forces(sentence)]


@pytest.mark.parametrize(
    ("sentence", "equipment"),
    [
        ("China sent 20 warships near Taiwan", ("warships",)),
        ("tanks speeding across fields", ("tanks",)),
        ("Turkey's supply of combat drones to Kyiv", ("combat drones",)),
        ("two carrier strike groups in the region", ("carrier strike groups",)),
        ("F-35s landed in Poland", ("f-35s",)),
    ],
)
def test_equipment(sentence: str, equipment: tuple[str, ...]) -> None:
    assert forces(sentence)[0].equipment == equipment


def test_no_force_in_plain_prose() -> None:
    assert forces("The talks in Geneva ended without agreement on Tuesday.") == []


@pytest.mark.parametrize(
    ("sentence", "count", "low", "high", "text"),
    [
        ("4,000-5,000 troops", 4000, 4000, 5000, "4,000-5,000"),
        ("4,000\u20135,000 troops", 4000, 4000, 5000, "4,000\u20135,000"),
        ("50,000 to 60,000 troops", 50000, 50000, 60000, "50,000 to 60,000"),
        ("between 4,000 and 5,000 US troops", 4000, 4000, 5000, "4,000 and 5,000"),
        ("-5,000 troops were sent", 5000, 5000, 5000, "5,000"),
        ("20,000 troops", 20000, 20000, 20000, "20,000"),
        ("1.5 million troops", 1_500_000, 1_500_000, 1_500_000, "1.5 million"),
    ],
)
def test_hyphenated_and_worded_ranges(
    sentence: str, count: int, low: int, high: int, text: str
) -> None:
    (force,) = forces(sentence)
    assert (force.count, force.count_min, force.count_max, force.count_text) == (
        count, low, high, text)


@pytest.mark.parametrize(
    "number",
    ["99999999999999999999999", "1" * 400, "9" * 5000, "20,000,000", "5,000 million",
     "9223372036854775808"],
)
def test_counts_beyond_any_army_keep_their_words_only(number: str) -> None:
    (force,) = forces(f"{number} troops")
    assert (force.count, force.count_min, force.count_max) == (None, None, None)
    assert force.count_text == number


def test_the_largest_count_kept_is_ten_million() -> None:
    assert forces("10,000,000 troops")[0].count == 10_000_000


def test_many_bare_forces_in_one_sentence_are_all_found() -> None:
    sentence = "US troops to Poland, " * 300 + "and 2,000 US troops to Romania."
    found = forces(sentence)
    assert len(found) == 301 and found[-1].count == 2000


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        ("Relations were strained in October 2019 when American forces withdrew.", None),
        ("date 2023-12-23 Last French troops leave Niger", None),
        ("Battlegroups deployed since 2017 NATO battlegroups remain.", None),
        ("2000 Russian troops arrived in Belarus.", 2000),
        ("In 2014 troops arrived in Crimea.", None),
        ("Russia sent 2000 troops to the border.", 2000),
        ("A force of 1500 soldiers arrived.", 1500),
        ("About 2019 soldiers arrived.", 2019),
    ],
)
def test_years_and_dates_are_no_counts(sentence: str, count: int | None) -> None:
    found = find_forces(sentence, 0, {"American": "US", "French": "FR"}.get)
    assert found, sentence
    assert [f.count for f in found if f.count is not None] == ([count] if count else [])


@pytest.mark.parametrize(
    ("sentence", "count", "noun"),
    [("The 4,500-strong KFOR mission in Kosovo is led by NATO.", 4500, "mission"),
     ("Turkey keeps a 1,000-strong contingent in Qatar.", 1000, "contingent"),
     ("A 3,000-strong force crossed the river.", 3000, "force")],
)
def test_strong_counts(sentence: str, count: int, noun: str) -> None:
    found = [f for f in find_forces(sentence, 0, {"KFOR": "NATO"}.get) if f.count]
    assert [(f.count, f.personnel) for f in found] == [(count, noun)]


def test_strong_without_a_count_is_no_force() -> None:
    assert find_forces("He is a strong leader of the force.", 0, {}.get) == []
