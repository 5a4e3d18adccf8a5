"""Title-case headlines are read in ordinary case, with every offset kept."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.extract.sentences import split_sentences
from dashboard.extract.truecase import is_title_case, truecase

LEXICON = frozenset("tanks enter as ceasefire talks stall troops withdraw from south sea "
                    "nice red send more to arrive in police lead mission expel".split())
NAMES = frozenset({"Israeli", "Rafah", "Turkey", "Korea", "Chad", "French", "Havana"})


def _read(text: str) -> str:
    return truecase(text, split_sentences(text), LEXICON, NAMES.__contains__)


@pytest.mark.parametrize(("text", "title"), [
    ("Israeli Tanks Enter Rafah As Ceasefire Talks Stall", True),
    ("Thai Troops Withdraw From Disputed Border", True),
    ("Israeli tanks entered Rafah on Tuesday as talks stalled.", False),
    ("Russia's Vladimir Putin met Xi Jinping in Beijing.", False),  # names, not title case
    ("Photo: Thomas Nilsen", False),
    ("US To Send", False),  # too short to tell
])
def test_title_case_is_told(text: str, title: bool) -> None:
    assert is_title_case(text) is title


@pytest.mark.parametrize(("text", "expected"), [
    ("Israeli Tanks Enter Rafah As Ceasefire Talks Stall",
     "Israeli tanks enter Rafah as ceasefire talks stall"),
    ("Chad Expels French Troops From Havana", "Chad expels French troops from Havana"),
    # a name part beside a kept name stays, an English word the story writes with a capital
    # inside a sentence stays
    ("Troops Arrive In South Korea As Talks Stall", "Troops arrive in South Korea as talks stall"),
    ("Troops Arrive In Nice As Talks Stall\n\nMore soldiers came to Nice on Monday.",
     "Troops arrive in Nice as talks stall\n\nMore soldiers came to Nice on Monday."),
    # a word the story writes in lower case elsewhere is lowered even when no lexicon has it
    ("Brigade Redeploys To Latvia As Talks Stall\n\nThe brigade redeploys each spring.",
     "Brigade redeploys to Latvia as talks stall\n\nThe brigade redeploys each spring."),
    ("Israeli tanks entered Rafah on Tuesday as talks stalled.",
     "Israeli tanks entered Rafah on Tuesday as talks stalled."),
])
def test_headline_is_read_in_ordinary_case(text: str, expected: str) -> None:
    assert _read(text) == expected


@given(st.text(alphabet="AaBbTo .\n'-", max_size=200))
def test_only_case_changes(text: str) -> None:
    read = _read(text)
    assert len(read) == len(text)
    assert read.lower() == text.lower()


def test_a_headline_in_capitals_is_read_as_a_headline() -> None:
    """A sentence in capitals is read in title case first, its names and acronyms kept."""
    names = NAMES | {"US", "ISRAELI"}
    text = "ISRAELI TANKS ENTER RAFAH AS CEASEFIRE TALKS STALL"
    read = truecase(text, split_sentences(text), LEXICON, names.__contains__)
    assert read == "ISRAELI tanks enter Rafah as ceasefire talks stall"
